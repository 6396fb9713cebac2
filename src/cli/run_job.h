#pragma once
// Runs a validated training job for real: credentials, clients, submit/attach, follow, outputs.
// Returns the process exit code. The wiring of real I/O (environment, libcurl, signals) lives here.
#include <nlohmann/json.hpp>

#include "spec/training_job_spec.h"

namespace sagetrain {
int RunTrainingJob(const TrainingJobSpec& spec, const nlohmann::json& create_request);
}  // namespace sagetrain
