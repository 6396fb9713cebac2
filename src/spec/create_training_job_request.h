#pragma once
// The CreateTrainingJob request body (AWS JSON 1.1) for a validated TrainingJobSpec (DESIGN §2
// step 2). Pure and deterministic: the same spec always gives the same JSON, which is also what the
// runner compares against an existing job of the same name. Only members that are set are sent
// (no empty KMS ids, no empty VpcConfig); spot members only with spot. Thread-safe.
#include <nlohmann/json.hpp>

#include "spec/training_job_spec.h"

namespace sagetrain {

// REQUIRES: `spec` came out of validation (its fields are within the service's limits).
nlohmann::json BuildCreateTrainingJobRequest(const TrainingJobSpec& spec);

}  // namespace sagetrain
