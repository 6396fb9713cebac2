#pragma once
// The default training job name, as the original component formed it:
// `TrainingJob-YYYYMMDDHHMMSS-XXXX` (UTC time, 4 random characters from [A-Z0-9]). 28 characters,
// within TrainingJobName's pattern and 63-character limit. Pure given its inputs; not thread-safe
// only in that `random` is used.
#include <string>

#include "common/clock.h"
#include "common/random.h"

namespace sagetrain {

std::string DefaultTrainingJobName(WallTime now, RandomSource& random);

}  // namespace sagetrain
