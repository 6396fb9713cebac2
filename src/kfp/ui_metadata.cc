#include "kfp/ui_metadata.h"

namespace sagetrain {
namespace {

std::string ConsoleBase(const std::string& console_host, const std::string& region) {
  // The commercial console has regional hosts; other partitions' consoles take ?region= only.
  if (console_host == "console.aws.amazon.com") return "https://" + region + "." + console_host;
  return "https://" + console_host;
}

// A table cell must stay on one line and must not close the cell early.
std::string Cell(const std::string& text) {
  std::string cell;
  for (const char c : text) {
    if (c == '|') {
      cell += "\\|";
    } else if (c == '\n' || c == '\r') {
      cell += ' ';
    } else {
      cell += c;
    }
  }
  return cell;
}

std::string SecondsText(const std::optional<long long>& seconds) {
  return seconds ? std::to_string(*seconds) + " s" : "unknown";
}

}  // namespace

std::string TrainingJobConsoleUrl(const std::string& console_host, const std::string& region,
                                  const std::string& job_name) {
  if (console_host.empty()) return "";
  return ConsoleBase(console_host, region) + "/sagemaker/home?region=" + region + "#/jobs/" + job_name;
}

std::string TrainingJobLogsUrl(const std::string& console_host, const std::string& region,
                               const std::string& job_name) {
  if (console_host.empty()) return "";
  return ConsoleBase(console_host, region) + "/cloudwatch/home?region=" + region +
         "#logStream:group=/aws/sagemaker/TrainingJobs;prefix=" + job_name +
         ";streamFilter=typeLogStreamPrefix";
}

std::string LogStreamUrl(const std::string& console_host, const std::string& region,
                         const std::string& stream_name) {
  if (console_host.empty()) return "";
  return ConsoleBase(console_host, region) + "/cloudwatch/home?region=" + region +
         "#logEventViewer:group=/aws/sagemaker/TrainingJobs;stream=" + stream_name;
}

std::string TrainingJobMarkdown(const TrainingJobReport& report) {
  std::string md = "## SageMaker training job `" + report.job_name + "`\n\n";
  md += "| | |\n|---|---|\n";
  md += "| Status | " + Cell(report.status) + " |\n";
  if (!report.failure_reason.empty()) md += "| Failure reason | " + Cell(report.failure_reason) + " |\n";
  md += "| Region | " + report.region + " |\n";
  md += "| Training time | " + SecondsText(report.training_seconds) + " |\n";
  md += "| Billable time | " + SecondsText(report.billable_seconds) + " |\n";
  if (!report.model_artifact.empty()) md += "| Model artifact | " + Cell(report.model_artifact) + " |\n";
  if (report.console_host.empty()) return md;
  md += "\n- [Training job in the SageMaker console](" +
        TrainingJobConsoleUrl(report.console_host, report.region, report.job_name) + ")\n";
  md += "- [CloudWatch logs of all instances](" +
        TrainingJobLogsUrl(report.console_host, report.region, report.job_name) + ")\n";
  for (const auto& stream : report.log_streams) {
    md += "  - [" + stream + "](" + LogStreamUrl(report.console_host, report.region, stream) + ")\n";
  }
  return md;
}

nlohmann::json UiMetadataJson(const TrainingJobReport& report) {
  nlohmann::json outputs = nlohmann::json::array(
      {{{"type", "markdown"}, {"storage", "inline"}, {"source", TrainingJobMarkdown(report)}}});
  if (!report.curves_html.empty()) {
    outputs.push_back({{"type", "web-app"}, {"storage", "inline"}, {"source", report.curves_html}});
  }
  if (!report.tensorboard_output.empty()) {
    outputs.push_back({{"type", "tensorboard"}, {"source", report.tensorboard_output}});
  }
  return {{"outputs", std::move(outputs)}};
}

}  // namespace sagetrain
