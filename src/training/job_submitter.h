#pragma once
// Idempotent submission: CreateTrainingJob once; when the name is taken (ResourceInUse), the existing
// job is described and compared with the request, and the step attaches to it only if it is the same
// job. So a retried or restarted pod follows its one job and never creates a second. Any error is
// returned as a Status (the caller exits 3); a job that differs is an error naming the fields.
// Not thread-safe.
#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "training/job_log.h"
#include "training/sagemaker_connection.h"

namespace sagetrain {

enum class SubmitOutcome {
  kCreated,   // CreateTrainingJob succeeded
  kAttached,  // an identical job of that name already existed
};

// --attach_only: no CreateTrainingJob; the job must already exist (a job not found is an error).
StatusOr<SubmitOutcome> AttachOnly(SageMakerConnection& sagemaker, const std::string& job_name, JobLog& log);

// REQUIRES: request["TrainingJobName"] is a string.
StatusOr<SubmitOutcome> SubmitOrAttach(SageMakerConnection& sagemaker, const nlohmann::json& request,
                                       JobLog& log);

}  // namespace sagetrain
