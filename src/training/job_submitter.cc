#include "training/job_submitter.h"

#include "training/job_description.h"
#include "training/request_comparison.h"

namespace sagetrain {
namespace {

std::string JoinFields(const std::vector<std::string>& fields) {
  std::string joined;
  for (const auto& field : fields) joined += (joined.empty() ? "" : ", ") + field;
  return joined;
}

StatusOr<SubmitOutcome> AttachIfSame(SageMakerConnection& sagemaker, const nlohmann::json& request,
                                     const std::string& job_name, JobLog& log) {
  auto described = sagemaker.DescribeTrainingJob(job_name);
  if (!described.ok()) {
    return described.status().WithContext("a training job named " + job_name +
                                          " already exists and could not be described");
  }
  const auto differing = DifferingJobFields(request, *described);
  if (!differing.empty()) {
    return Status(StatusCode::kInvalidArgument,
                  "a training job named " + job_name +
                      " already exists with different settings (" + JoinFields(differing) +
                      "); choose another job_name or the same settings");
  }
  auto parsed = ParseTrainingJobDescription(*described);
  const std::string status = parsed.ok() ? parsed->status : "unknown";
  log.Line("attaching to existing job " + job_name + " (status " + status +
           "): it matches this step's request");
  return SubmitOutcome::kAttached;
}

}  // namespace

StatusOr<SubmitOutcome> AttachOnly(SageMakerConnection& sagemaker, const std::string& job_name, JobLog& log) {
  auto described = sagemaker.DescribeTrainingJob(job_name);
  if (!described.ok()) return described.status().WithContext("attach_only: training job " + job_name);
  auto parsed = ParseTrainingJobDescription(*described);
  if (!parsed.ok()) return parsed.status().WithContext("attach_only: training job " + job_name);
  log.Line("attaching to existing job " + job_name + " (status " + parsed->status + "); nothing was created");
  return SubmitOutcome::kAttached;
}

StatusOr<SubmitOutcome> SubmitOrAttach(SageMakerConnection& sagemaker, const nlohmann::json& request,
                                       JobLog& log) {
  const std::string job_name = request.value("TrainingJobName", "");
  auto created = sagemaker.CreateTrainingJob(request);
  if (created.ok()) {
    log.Line("created training job " + job_name + " (" + created->value("TrainingJobArn", "") + ")");
    return SubmitOutcome::kCreated;
  }
  if (created.status().aws_code() == "ResourceInUse") {
    return AttachIfSame(sagemaker, request, job_name, log);
  }
  // The AwsClient already names the operation; this adds which job.
  return created.status().WithContext("training job " + job_name);
}

}  // namespace sagetrain
