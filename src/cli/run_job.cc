// TEMPORARY: stands in until the runner (credentials, submit, follow, outputs) is wired here.
#include "cli/run_job.h"

#include <iostream>

namespace sagetrain {

int RunTrainingJob(const TrainingJobSpec& /*spec*/, const nlohmann::json& /*create_request*/) {
  std::cerr << "sagemaker-training: running jobs is not wired yet\n";
  return 3;
}

}  // namespace sagetrain
