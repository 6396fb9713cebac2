#pragma once
// AsciiRegex: std::regex (ECMAScript grammar) with traits that answer every locale question as the
// classic "C" locale does, without asking a locale, and a process-wide cache that compiles each
// pattern text once.
//
// Why: with std::regex_traits<char>, libstdc++ fills a 256-entry cache per bracket expression
// ([a-z], \d, \S, ...) by calling the locale's collate and ctype facets (use_facet, a dynamic_cast)
// for every byte, which made compiling the program's validation patterns cost millions of
// instructions at start-up. AsciiRegexTraits classifies bytes from a constant table instead.
//
// Semantics: exactly those of std::regex under the "C" locale: \d \w \s and [[:class:]] hold ASCII
// characters only (bytes >= 0x80 are in no class, so \S and [^...] match them, \w does not); case
// folding (icase, [[=x=]]) is ASCII; ranges compare bytes. Suitable for the program's own patterns
// and the service model's; not for patterns needing a user's locale.
//
// Thread-safety: AsciiRegexTraits is immutable; CachedAsciiRegex and MatchesWholeAsciiRegex may be
// called from any thread; a compiled AsciiRegex may be matched from many threads at once.
#include <cstdint>
#include <regex>
#include <string>
#include <string_view>

namespace sagetrain {

// The regex traits requirements ([re.req]) for char, "C" locale, from tables. Locale plumbing
// (imbue, getloc) and collating-element names come from std::regex_traits<char>; everything that
// asked the locale per character is replaced.
class AsciiRegexTraits : public std::regex_traits<char> {
 public:
  // A bit per character class; 0 means "no such class" (as the requirements say).
  using char_class_type = std::uint16_t;

  char translate_nocase(char c) const { return AsciiLower(c); }

  // Sort keys are the bytes themselves, as strxfrm gives in the "C" locale.
  template <typename ForwardIt>
  string_type transform(ForwardIt first, ForwardIt last) const {
    return string_type(first, last);
  }

  // Primary sort keys (for [[=x=]]) ignore case, as std::regex_traits<char> does.
  template <typename ForwardIt>
  string_type transform_primary(ForwardIt first, ForwardIt last) const {
    string_type key(first, last);
    for (char& c : key) c = AsciiLower(c);
    return key;
  }

  // Names as std::regex_traits<char> accepts them, in any case: d w s alnum alpha blank cntrl digit
  // graph lower print punct space upper xdigit. With `icase`, lower and upper mean alpha.
  template <typename ForwardIt>
  char_class_type lookup_classname(ForwardIt first, ForwardIt last, bool icase = false) const {
    return ClassNamed(string_type(first, last), icase);
  }

  // Whether `c` is in any of the classes of `classes`.
  bool isctype(char c, char_class_type classes) const;

  // The value of digit `c` in `radix` (8, 10 or 16); -1 when `c` is not such a digit.
  int value(char c, int radix) const;

 private:
  static char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
  static char_class_type ClassNamed(std::string name, bool icase);
};

using AsciiRegex = std::basic_regex<char, AsciiRegexTraits>;

// The compiled ECMAScript `pattern`, compiled at the first call with that pattern text and shared by
// every later call. Entries are never evicted: meant for the program's fixed set of patterns (its own
// and the service model's), not for patterns taken from users.
// REQUIRES: `pattern` is valid ECMAScript syntax. Otherwise std::regex_error is thrown, as the
// std::regex constructor does (a programming error), and nothing is cached.
// The reference stays valid until the process ends.
const AsciiRegex& CachedAsciiRegex(std::string_view pattern);

// Whether the whole of `text` matches `pattern` (std::regex_match with CachedAsciiRegex(pattern)).
// REQUIRES: as CachedAsciiRegex.
bool MatchesWholeAsciiRegex(std::string_view text, std::string_view pattern);

}  // namespace sagetrain
