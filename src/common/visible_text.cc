#include "common/visible_text.h"

namespace sagetrain {
namespace {

constexpr char kHex[] = "0123456789abcdef";

bool IsC0OrDelete(unsigned char byte) { return (byte < 0x20 && byte != '\t') || byte == 0x7f; }
// The second byte of a C1 control's UTF-8 form (0xC2 0x80-0x9F).
bool IsC1Tail(unsigned char byte) { return byte >= 0x80 && byte <= 0x9f; }

}  // namespace

void AppendVisible(std::string& out, std::string_view text) {
  std::size_t copied = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const bool c1 = byte == 0xc2 && i + 1 < text.size() && IsC1Tail(static_cast<unsigned char>(text[i + 1]));
    if (!c1 && !IsC0OrDelete(byte)) continue;
    out.append(text.substr(copied, i - copied));
    if (c1) {
      const auto code = static_cast<unsigned char>(text[++i]);
      out.append("\\u00").push_back(kHex[code >> 4]);
      out.push_back(kHex[code & 15]);
    } else {
      out.append("\\x").push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 15]);
    }
    copied = i + 1;
  }
  out.append(text.substr(copied));
}

std::string Visible(std::string_view text) {
  std::string out;
  AppendVisible(out, text);
  return out;
}

}  // namespace sagetrain
