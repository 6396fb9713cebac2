#pragma once
// Where a step writes its outputs. Every path is optional ("" = not requested). Plain value.
#include <string>

#include <nlohmann/json.hpp>

namespace sagetrain {

struct OutputPaths {
  std::string model_artifact_url;  // --model_artifact_url_output_path
  std::string job_name;            // --job_name_output_path
  std::string training_image;      // --training_image_output_path
  std::string ui_metadata;         // --ui_metadata_output_path (mlpipeline-ui-metadata)
  std::string metrics;             // --metrics_output_path (mlpipeline-metrics)
  std::string curves;              // --curves_output_path (training curves, HTML)
  std::string job_arn;             // --job_arn_output_path
  std::string training_seconds;    // --training_seconds_output_path
  std::string billable_seconds;    // --billable_seconds_output_path
  std::string final_metrics;       // --final_metrics_output_path ({name: value})
  std::string job_description;     // --job_description_output_path (DescribeTrainingJob's answer)
  // KFP 2: the ExecutorInput given as --executor_input ({{$}}); null when not given. Its
  // outputs.outputFile receives the ExecutorOutput (the model and metrics artifacts).
  nlohmann::json executor_input;
};

}  // namespace sagetrain
