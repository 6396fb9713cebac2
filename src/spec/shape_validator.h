#pragma once
// Checks JSON values given by the user (channels, checkpoint/debugger configs) against the
// CreateTrainingJob input model before anything is sent: types, required and unknown members, min/max
// (lengths in characters, counts, numeric ranges), enums and patterns. This is what the service
// answers ValidationException for, plus what botocore's client-side validator rejects. Pure;
// thread-safe.
//
// Patterns are Java regular expressions applied to the whole value; they are run as ECMAScript
// (std::regex in the "C" locale, each compiled once: common/ascii_regex.h), which agrees with Java
// on every pattern of the pass-through shapes. Patterns using \p{...} or look-behind (tags,
// AlgorithmName) are not checked here; their fields have hand-written rules (field_rules.h).
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace sagetrain {

// One message per violation, each starting with the path of the offending value below `path`
// (e.g. "[0].DataSource.S3DataSource.S3Uri: ..."); empty when `value` conforms to `shape`.
std::vector<std::string> ValidateAgainstShape(const nlohmann::json& value, const nlohmann::json& shape,
                                              const std::string& path = "");

// The model of a top-level CreateTrainingJob member ("InputDataConfig", "CheckpointConfig", ...),
// parsed from the compiled-in model at its first use; the reference stays valid until the process
// ends.
// REQUIRES: `member` is a member of CreateTrainingJobRequest.
const nlohmann::json& CreateTrainingJobMemberShape(std::string_view member);

// Whether the whole of `value` matches the Java `pattern` (see above for what is supported).
bool MatchesWholePattern(const std::string& value, const std::string& pattern);

// The number of Unicode characters (code points) in UTF-8 `text`.
std::size_t CharacterCount(std::string_view text);

}  // namespace sagetrain
