#pragma once
// What a finished training step leaves for the pipeline: the three text outputs (written only on
// success), and the KFP UI metadata and metrics files (written whenever the job reached an end, since
// a failed job's links and metrics are what a person needs most). Each file is written atomically.
// Not thread-safe.
#include <string>
#include <vector>

#include "common/status.h"
#include "kfp/output_paths.h"
#include "training/job_description.h"
#include "training/job_log.h"
#include "training/sagemaker_connection.h"

namespace sagetrain {

// The job's status as reports show it: "Completed", "Stopped (MaxRuntimeExceeded)".
std::string StatusText(const TrainingJobDescription& description);

// The image that trained the job: AlgorithmSpecification.TrainingImage, or for a job run from an
// algorithm resource, DescribeAlgorithm's TrainingSpecification.TrainingImage.
StatusOr<std::string> ResolveTrainingImage(SageMakerConnection& sagemaker,
                                           const TrainingJobDescription& description,
                                           const std::string& algorithm_name);

// Writes model_artifact_url, job_name, training_image, job_arn, training_seconds, billable_seconds,
// final_metrics and job_description (those with a path), then, given a KFP 2 executor input, the
// ExecutorOutput with the model and metrics artifacts. Stops at the first write that fails.
// REQUIRES: `description` is of a completed job; `region` is the job's.
Status WriteSuccessOutputs(const OutputPaths& paths, const TrainingJobDescription& description,
                           const std::string& training_image, const std::string& region);

// Writes mlpipeline-ui-metadata and mlpipeline-metrics (those with a path). A non-empty `curves_html`
// becomes a web-app output of the UI metadata.
Status WriteKfpUiOutputs(const OutputPaths& paths, const TrainingJobDescription& description,
                         const std::string& region, const std::vector<std::string>& log_streams,
                         const std::string& curves_html = "");

// Writes the training curves page (if it has a path).
Status WriteCurvesOutput(const OutputPaths& paths, const std::string& curves_html);

}  // namespace sagetrain
