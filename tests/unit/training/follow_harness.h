#pragma once
// Runs SubmitAndFollow end to end over the scripted fakes and splits what it printed into lines.
#include <atomic>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "training/follow_fakes.h"
#include "training/training_job_runner.h"

namespace sagetrain::testing {

struct FollowHarness {
  FakeClock clock{kStart};
  FakeSageMaker sagemaker{clock};
  FakeLogs logs{clock};
  std::atomic<int> stop{0};
  std::ostringstream out;
  TrainingJobRunOptions options;
  nlohmann::json request = {{"TrainingJobName", "job"}};

  FollowHarness() {
    options.job_name = "job";
    options.region = "us-east-1";
    options.instance_count = 1;
    options.poll_interval = Duration(30'000);
  }

  int Run(Sleeper* sleeper = nullptr) {
    TrainingJobRunDependencies deps{sagemaker, logs, clock, sleeper ? *sleeper : clock, stop, out};
    return SubmitAndFollow(request, options, deps);
  }

  std::vector<std::string> Lines() const {
    std::vector<std::string> lines;
    std::istringstream in(out.str());
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

  int CountContaining(const std::string& needle) const {
    int count = 0;
    for (const auto& line : Lines()) count += line.find(needle) != std::string::npos ? 1 : 0;
    return count;
  }

  bool Printed(const std::string& needle) const { return out.str().find(needle) != std::string::npos; }
};

// A job that runs from 0 to `end` and then ends with `final_status`.
inline void ScriptSimpleJob(FakeSageMaker& sagemaker, Duration end, const std::string& final_status = "Completed",
                            const std::string& final_secondary = "Completed", int instances = 1) {
  auto running = JobJson("job", "InProgress", "Training",
                         {{"Starting", Duration(0), "Preparing the instances for training"},
                          {"Training", Duration(60'000), "Training image download completed."}});
  running["ResourceConfig"]["InstanceCount"] = instances;
  sagemaker.At(Duration(0), running);
  auto ended = JobJson("job", final_status, final_secondary,
                       {{"Starting", Duration(0), "Preparing the instances for training"},
                        {"Training", Duration(60'000), "Training image download completed."},
                        {final_secondary, end, "Training job ended"}});
  ended["ResourceConfig"]["InstanceCount"] = instances;
  ended["TrainingTimeInSeconds"] = 1200;
  ended["BillableTimeInSeconds"] = 1200;
  sagemaker.At(end, ended);
}

}  // namespace sagetrain::testing
