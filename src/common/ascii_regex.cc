#include "common/ascii_regex.h"

#include <array>
#include <functional>
#include <map>
#include <mutex>
#include <utility>

namespace sagetrain {
namespace {

using Classes = AsciiRegexTraits::char_class_type;

// One bit per POSIX class; "w" is alnum plus underscore, a class of its own here.
constexpr Classes kAlpha = 1 << 0;
constexpr Classes kDigit = 1 << 1;
constexpr Classes kBlank = 1 << 2;
constexpr Classes kCntrl = 1 << 3;
constexpr Classes kGraph = 1 << 4;
constexpr Classes kLower = 1 << 5;
constexpr Classes kPrint = 1 << 6;
constexpr Classes kPunct = 1 << 7;
constexpr Classes kSpace = 1 << 8;
constexpr Classes kUpper = 1 << 9;
constexpr Classes kXdigit = 1 << 10;
constexpr Classes kUnderscore = 1 << 11;
constexpr Classes kAlnum = kAlpha | kDigit;
constexpr Classes kWord = kAlnum | kUnderscore;

// The classes of byte `b` in the "C" locale (glibc's table for the classic locale).
constexpr Classes ClassesOf(unsigned b) {
  Classes classes = 0;
  if (b >= 'a' && b <= 'z') classes |= kLower | kAlpha;
  if (b >= 'A' && b <= 'Z') classes |= kUpper | kAlpha;
  if (b >= '0' && b <= '9') classes |= kDigit;
  if ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F')) classes |= kXdigit;
  if (b == ' ' || b == '\t') classes |= kBlank;
  if (b == ' ' || (b >= '\t' && b <= '\r')) classes |= kSpace;
  if (b < 0x20 || b == 0x7F) classes |= kCntrl;
  if (b >= 0x20 && b < 0x7F) classes |= kPrint;
  if (b > 0x20 && b < 0x7F) classes |= kGraph;
  if (b > 0x20 && b < 0x7F && (classes & kAlnum) == 0) classes |= kPunct;
  if (b == '_') classes |= kUnderscore;
  return classes;
}

constexpr std::array<Classes, 256> kClassTable = [] {
  std::array<Classes, 256> table{};
  for (unsigned b = 0; b < table.size(); ++b) table[b] = ClassesOf(b);
  return table;
}();

constexpr std::pair<std::string_view, Classes> kClassNames[] = {
    {"d", kDigit},         {"w", kWord},          {"s", kSpace},         {"alnum", kAlnum},
    {"alpha", kAlpha},     {"blank", kBlank},     {"cntrl", kCntrl},     {"digit", kDigit},
    {"graph", kGraph},     {"lower", kLower},     {"print", kPrint},     {"punct", kPunct},
    {"space", kSpace},     {"upper", kUpper},     {"xdigit", kXdigit},
};

}  // namespace

AsciiRegexTraits::char_class_type AsciiRegexTraits::ClassNamed(std::string name, bool icase) {
  for (char& c : name) c = AsciiLower(c);
  for (const auto& [class_name, classes] : kClassNames) {
    if (name != class_name) continue;
    if (icase && (classes == kLower || classes == kUpper)) return kAlpha;
    return classes;
  }
  return 0;
}

bool AsciiRegexTraits::isctype(char c, char_class_type classes) const {
  return (kClassTable[static_cast<unsigned char>(c)] & classes) != 0;
}

int AsciiRegexTraits::value(char c, int radix) const {
  int digit = -1;
  if (c >= '0' && c <= '9') digit = c - '0';
  if (radix == 16 && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
  if (radix == 16 && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
  return digit < radix ? digit : -1;
}

const AsciiRegex& CachedAsciiRegex(std::string_view pattern) {
  // std::map: references to its values stay valid as entries are added.
  static std::mutex mutex;
  static std::map<std::string, AsciiRegex, std::less<>> compiled;
  {
    std::lock_guard lock(mutex);
    if (auto it = compiled.find(pattern); it != compiled.end()) return it->second;
  }
  // Compiled outside the lock so one slow pattern does not hold up other threads; if two threads
  // compile the same new pattern, the first to insert wins and both use that one.
  AsciiRegex regex(pattern.begin(), pattern.end(), std::regex::ECMAScript);
  std::lock_guard lock(mutex);
  return compiled.try_emplace(std::string(pattern), std::move(regex)).first->second;
}

bool MatchesWholeAsciiRegex(std::string_view text, std::string_view pattern) {
  return std::regex_match(text.begin(), text.end(), CachedAsciiRegex(pattern));
}

}  // namespace sagetrain
