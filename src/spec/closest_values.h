#pragma once
// How a message names what an enum accepts: the whole list when it is short, else the few accepted
// values closest to what was given (a list of 145 instance types helps nobody). Pure; thread-safe.
#include <string>
#include <string_view>
#include <vector>

namespace sagetrain {

// "one of File, Pipe, FastFile" for up to 12 values; otherwise "one of 145 accepted values (the
// closest: ml.p3.2xlarge, ml.p3.8xlarge, ...)": five, by edit distance to `given`.
std::string AcceptedValuesText(std::string_view given, const std::vector<std::string>& accepted);

}  // namespace sagetrain
