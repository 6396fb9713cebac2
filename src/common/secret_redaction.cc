#include "common/secret_redaction.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <utility>

namespace sagetrain {
namespace {

constexpr std::size_t kShortestSecret = 8;

using Span = std::pair<std::size_t, std::size_t>;  // [begin, end) of text to replace

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool StartsWithNoCase(std::string_view text, std::size_t at, std::string_view word) {
  if (text.size() - at < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (Lower(text[at + i]) != word[i]) return false;
  }
  return true;
}

bool IsSpaceOrQuote(char c) { return c == ' ' || c == '\t' || c == '"' || c == '\''; }
bool EndsToken(char c) {
  return std::isspace(static_cast<unsigned char>(c)) || std::string_view("\"'&,;<>").find(c) != std::string_view::npos;
}
bool IsBase64Url(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

// After a header-like name at `pos`: the start of its value when a ':' or '=' follows (quotes and
// blanks around it allowed, as in "Name: v", "Name=v", "\"Name\": \"v\""), and whether it is quoted.
std::optional<std::pair<std::size_t, bool>> ValueAfterName(std::string_view text, std::size_t pos) {
  while (pos < text.size() && IsSpaceOrQuote(text[pos])) ++pos;
  if (pos >= text.size() || (text[pos] != ':' && text[pos] != '=')) return std::nullopt;
  ++pos;
  bool quoted = false;
  while (pos < text.size() && IsSpaceOrQuote(text[pos])) quoted = quoted || text[pos++] != ' ';
  return std::make_pair(pos, quoted);
}

std::size_t TokenEnd(std::string_view text, std::size_t pos) {
  while (pos < text.size() && !EndsToken(text[pos])) ++pos;
  return pos;
}

// The rest of the line, or up to the closing quote of a quoted value.
std::size_t LineValueEnd(std::string_view text, std::size_t pos, bool quoted) {
  const std::size_t end = text.find_first_of(quoted ? "\"'\r\n" : "\r\n", pos);
  return end == std::string_view::npos ? text.size() : end;
}

// header.payload.signature of a JSON Web Token (a web-identity token), starting at `pos`, or `pos`.
std::size_t JwtEnd(std::string_view text, std::size_t pos) {
  if (text.compare(pos, 3, "eyJ") != 0) return pos;
  std::size_t end = pos;
  for (int part = 0; part < 3; ++part) {
    const std::size_t start = end;
    while (end < text.size() && IsBase64Url(text[end])) ++end;
    if (part < 2 && (end - start < 4 || end >= text.size() || text[end] != '.')) return pos;
    if (part < 2) ++end;
  }
  return end;
}

void AddShapeSpans(std::string_view text, std::vector<Span>& spans) {
  struct Shape {
    std::string_view name;  // lower case
    bool whole_line;        // the value runs to the end of the line (it holds blanks)
  };
  static constexpr std::array<Shape, 4> kShapes{{{"x-amz-security-token", false},
                                                 {"authorization", true},
                                                 {"credential", false},
                                                 {"signature", false}}};
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (const std::size_t jwt_end = JwtEnd(text, pos); jwt_end != pos) {
      spans.emplace_back(pos, jwt_end);
      pos = jwt_end - 1;
      continue;
    }
    for (const Shape& shape : kShapes) {
      if (!StartsWithNoCase(text, pos, shape.name)) continue;
      const auto value = ValueAfterName(text, pos + shape.name.size());
      if (!value) continue;
      const std::size_t end = shape.whole_line ? LineValueEnd(text, value->first, value->second)
                                               : TokenEnd(text, value->first);
      if (end > value->first) spans.emplace_back(value->first, end);
      pos = std::max(pos, end == 0 ? 0 : end - 1);
      break;
    }
  }
}

void AddValueSpans(std::string_view text, const std::vector<std::string>& secrets, std::vector<Span>& spans) {
  for (const std::string& secret : secrets) {
    if (secret.size() < kShortestSecret) continue;
    for (std::size_t at = text.find(secret); at != std::string_view::npos; at = text.find(secret, at + 1)) {
      spans.emplace_back(at, at + secret.size());
    }
  }
}

std::string Replaced(std::string_view text, std::vector<Span>& spans) {
  if (spans.empty()) return std::string(text);
  std::sort(spans.begin(), spans.end());
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  for (const auto& [begin, end] : spans) {
    if (end <= copied) continue;
    if (begin >= copied) {
      out.append(text.substr(copied, begin - copied));
      out.append(kRedacted);
    }
    copied = end;
  }
  out.append(text.substr(copied));
  return out;
}

std::string PercentEncoded(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

std::string Trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  const auto first = std::find_if(text.begin(), text.end(), [](unsigned char c) { return !std::isspace(c); });
  text.erase(text.begin(), first);
  return text;
}

}  // namespace

std::string RedactSecretValues(std::string_view text, const std::vector<std::string>& secrets) {
  std::vector<Span> spans;
  AddValueSpans(text, secrets, spans);
  return Replaced(text, spans);
}

std::string RedactSecrets(std::string_view text, const std::vector<std::string>& secrets) {
  std::vector<Span> spans;
  AddValueSpans(text, secrets, spans);
  AddShapeSpans(text, spans);
  return Replaced(text, spans);
}

void SecretRedactor::Remember(std::string_view secret) {
  if (secret.size() < kShortestSecret) return;
  for (std::string form : {std::string(secret), PercentEncoded(secret)}) {
    if (std::find(secrets_.begin(), secrets_.end(), form) == secrets_.end()) secrets_.push_back(std::move(form));
  }
}

void SecretRedactor::RememberFile(std::string path) {
  if (!path.empty()) files_.push_back(std::move(path));
}

std::string SecretRedactor::Redact(std::string_view text) const {
  if (files_.empty()) return RedactSecrets(text, secrets_);
  SecretRedactor current = *this;
  current.files_.clear();
  for (const std::string& path : files_) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream contents;
    contents << file.rdbuf();
    current.Remember(Trimmed(contents.str()));
  }
  return RedactSecrets(text, current.secrets_);
}

bool SecretRedactor::MentionsAny(std::string_view text) const {
  return std::any_of(secrets_.begin(), secrets_.end(),
                     [&](const std::string& secret) { return text.find(secret) != std::string_view::npos; });
}

std::string SecretRedactor::RedactValues(std::string_view text) const {
  if (secrets_.empty()) return std::string(text);
  return RedactSecretValues(text, secrets_);
}

}  // namespace sagetrain
