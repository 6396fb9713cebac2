#pragma once
// Turns the program's argument values into a validated TrainingJobSpec (DESIGN §2 step 1): every
// value rule of DESIGN §1 and every constraint the CreateTrainingJob model puts on the fields the
// arguments fill. Pure (time and randomness come in for the default job name); thread-safe.
#include <variant>

#include "spec/arguments.h"
#include "spec/violations.h"
#include "common/clock.h"
#include "common/random.h"
#include "spec/training_job_spec.h"

namespace sagetrain {

// The spec, or every violation found (never both). `values` holds every argument of
// ProgramArguments() (defaults filled in); an absent name is treated as its default.
std::variant<TrainingJobSpec, Violations> ParseTrainingJobSpec(const ArgumentValues& values, WallTime now,
                                                               RandomSource& random);

}  // namespace sagetrain
