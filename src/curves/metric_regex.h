#pragma once
// MetricRegex: one metric_definitions regex, compiled for this program's engine (std::regex, ECMAScript
// grammar, "C"-locale classes) and applied as SageMaker applies it: searched in a log line, the value is
// the text of the first capture group.
//
// SageMaker accepts regexes (PCRE/Python-style) that ECMAScript cannot evaluate: lookbehind, named
// groups, atomic groups, possessive quantifiers, inline flags, \A \Z \z anchors, \p{..} classes. Such a
// regex is not an error of the step: CompileMetricRegex answers a Status naming the construct, and the
// caller warns and draws no curve for that metric (SageMaker still extracts it for the job).
//
// Values; a compiled MetricRegex may be used by one thread at a time.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/ascii_regex.h"
#include "common/status.h"

namespace sagetrain {

class MetricRegex {
 public:
  // The value of the first capture group of the first match in `line`; nullopt when the line does not
  // match, the group did not take part, or its text is not a finite number ("0.25", "-1e-3", "+2";
  // blanks around it are ignored, as Python's float() ignores them).
  std::optional<double> ValueIn(std::string_view line) const;

  // A literal every match must contain ("" when none was found); lines without it are not searched.
  const std::string& required_literal() const { return required_literal_; }

 private:
  friend StatusOr<MetricRegex> CompileMetricRegex(const std::string& pattern);
  AsciiRegex regex_;
  std::string required_literal_;
};

// Longer lines are not searched: metric lines are short, and std::regex's backtracking recurses per
// character, which a 256 KB event could turn into a stack overflow.
inline constexpr std::size_t kMaxMetricLineBytes = 2048;

// kInvalidArgument naming the construct ("lookbehind (?<=", ...) or the engine's complaint when
// `pattern` cannot be evaluated here; a regex without a capture group is refused too, since its value
// would be undefined.
StatusOr<MetricRegex> CompileMetricRegex(const std::string& pattern);

// The first construct of `pattern` that ECMAScript lacks, as a phrase ("lookbehind (?<=", ...); ""
// when none. Exposed for tests.
std::string UnsupportedConstruct(std::string_view pattern);

// The longest run of literal characters that every match of `pattern` must contain, "" when none is
// certain (alternation at the top level, ...). Exposed for tests.
std::string RequiredLiteral(std::string_view pattern);

}  // namespace sagetrain
