#include "curves/metric_regex.h"

#include <charconv>
#include <cmath>
#include <regex>

namespace sagetrain {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The index just past the bracket expression opening at `open` (pattern[open] == '[').
std::size_t SkipBracket(std::string_view pattern, std::size_t open) {
  std::size_t i = open + 1;
  if (i < pattern.size() && pattern[i] == '^') ++i;
  if (i < pattern.size() && pattern[i] == ']') ++i;  // a leading ']' is a member
  while (i < pattern.size() && pattern[i] != ']') i += pattern[i] == '\\' ? 2u : 1u;
  return std::min(i + 1, pattern.size());
}

// The index just past the group opening at `open` (pattern[open] == '(').
std::size_t SkipGroup(std::string_view pattern, std::size_t open) {
  int depth = 0;
  std::size_t i = open;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (c == '\\') {
      i += 2;
    } else if (c == '[') {
      i = SkipBracket(pattern, i);
    } else {
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0) return i + 1;
      ++i;
    }
  }
  return pattern.size();
}

// The index just past the quantifier starting at `i` ("*", "+?", "{2,3}", ...), or `i` when none.
std::size_t SkipQuantifier(std::string_view pattern, std::size_t i) {
  if (i >= pattern.size()) return i;
  if (pattern[i] == '{') {
    const std::size_t close = pattern.find('}', i);
    i = close == std::string_view::npos ? pattern.size() : close + 1;
  } else if (pattern[i] == '*' || pattern[i] == '+' || pattern[i] == '?') {
    ++i;
  } else {
    return i;
  }
  if (i < pattern.size() && pattern[i] == '?') ++i;  // lazy
  return i;
}

std::string GroupConstruct(std::string_view after) {  // the text after "(?"
  struct Known {
    std::string_view prefix;
    std::string_view phrase;
  };
  static constexpr Known kKnown[] = {
      {"<=", "lookbehind (?<=...)"},      {"<!", "negative lookbehind (?<!...)"},
      {"P<", "named group (?P<name>...)"}, {"P=", "named backreference (?P=name)"},
      {"<", "named group (?<name>...)"},  {"'", "named group (?'name'...)"},
      {">", "atomic group (?>...)"},      {"#", "comment (?#...)"},
      {"(", "conditional (?(...)...)"},
  };
  for (const auto& known : kKnown) {
    if (after.starts_with(known.prefix)) return std::string(known.phrase);
  }
  if (!after.empty() && std::string_view("aiLmsux-").find(after[0]) != std::string_view::npos) {
    return "inline flags (?" + std::string(1, after[0]) + "...)";
  }
  return "";
}

}  // namespace

std::string UnsupportedConstruct(std::string_view pattern) {
  for (std::size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      const char escaped = pattern[i + 1];
      if (std::string_view("AZzG").find(escaped) != std::string_view::npos) {
        return std::string("anchor \\") + escaped;
      }
      if (escaped == 'p' || escaped == 'P') return std::string("Unicode property \\") + escaped + "{...}";
      i += 2;
    } else if (c == '[') {
      i = SkipBracket(pattern, i);
    } else if (c == '(' && pattern.substr(i + 1).starts_with("?")) {
      if (std::string construct = GroupConstruct(pattern.substr(i + 2)); !construct.empty()) return construct;
      ++i;
    } else if ((c == '*' || c == '+' || c == '?' || c == '}') && i + 1 < pattern.size() && pattern[i + 1] == '+') {
      return std::string("possessive quantifier ") + c + "+";
    } else {
      ++i;
    }
  }
  return "";
}

// Walks the top level only: groups and bracket expressions are opaque (they break a run), and a
// literal followed by a quantifier that allows zero repeats is dropped.
std::string RequiredLiteral(std::string_view pattern) {
  std::string best;
  std::string run;
  const auto end_run = [&] {
    if (run.size() > best.size()) best = run;
    run.clear();
  };
  for (std::size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    char literal = 0;
    if (c == '|') return "";  // either side may match alone
    if (c == '\\') {
      if (i + 1 >= pattern.size()) break;
      const char escaped = pattern[i + 1];
      i += 2;
      // \d, \S, \b, \n, \1 ... are classes, assertions, control characters or backreferences.
      if (IsAsciiAlnum(escaped)) {
        end_run();
        i = SkipQuantifier(pattern, i);
        continue;
      }
      literal = escaped;
    } else if (c == '[' || c == '(') {
      end_run();
      i = SkipQuantifier(pattern, c == '[' ? SkipBracket(pattern, i) : SkipGroup(pattern, i));
      continue;
    } else if (c == '.' || c == '^' || c == '$' || c == '*' || c == '+' || c == '?' || c == '{' ||
               c == ')') {
      end_run();
      i = SkipQuantifier(pattern, i + 1);
      continue;
    } else {
      literal = c;
      ++i;
    }
    const char next = i < pattern.size() ? pattern[i] : '\0';
    if (next == '*' || next == '?' || next == '{') {  // may repeat zero times (or an unknown count)
      end_run();
      i = SkipQuantifier(pattern, i);
    } else if (next == '+') {  // at least once: the character is there, what follows is not adjacent
      run += literal;
      end_run();
      i = SkipQuantifier(pattern, i);
    } else {
      run += literal;
    }
  }
  end_run();
  return best;
}

StatusOr<MetricRegex> CompileMetricRegex(const std::string& pattern) {
  if (std::string construct = UnsupportedConstruct(pattern); !construct.empty()) {
    return Status(StatusCode::kInvalidArgument,
                  "it uses a " + construct + ", which this program's regex engine (ECMAScript) lacks");
  }
  MetricRegex compiled;
  try {
    compiled.regex_.assign(pattern, std::regex_constants::ECMAScript);
  } catch (const std::regex_error& error) {
    return Status(StatusCode::kInvalidArgument,
                  std::string("this program's regex engine (ECMAScript) cannot compile it: ") + error.what());
  }
  if (compiled.regex_.mark_count() == 0) {
    return Status(StatusCode::kInvalidArgument,
                  "it has no capture group; the metric's value is the first group's text, e.g. loss=(\\S+)");
  }
  compiled.required_literal_ = RequiredLiteral(pattern);
  return compiled;
}

std::optional<double> MetricRegex::ValueIn(std::string_view line) const {
  if (line.size() > kMaxMetricLineBytes) return std::nullopt;
  if (!required_literal_.empty() && line.find(required_literal_) == std::string_view::npos) return std::nullopt;
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_search(line.begin(), line.end(), match, regex_) || !match[1].matched) return std::nullopt;
  std::string_view text(match[1].first, match[1].second);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.size() > 1 && text.front() == '+' && text[1] != '-') text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace sagetrain
