#pragma once
// Where a step writes its outputs. Every path is optional ("" = not requested). Plain value.
#include <string>

namespace sagetrain {

struct OutputPaths {
  std::string model_artifact_url;  // --model_artifact_url_output_path
  std::string job_name;            // --job_name_output_path
  std::string training_image;      // --training_image_output_path
  std::string ui_metadata;         // --ui_metadata_output_path (mlpipeline-ui-metadata)
  std::string metrics;             // --metrics_output_path (mlpipeline-metrics)
  std::string curves;              // --curves_output_path (training curves, HTML)
};

}  // namespace sagetrain
