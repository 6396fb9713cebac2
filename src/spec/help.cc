#include "spec/help.h"

#include "spec/arguments.h"
#include "spec/builtin_algorithms.h"
#include "spec/service_model.h"

namespace sagetrain {
namespace {

// Joins `items` with ", ", wrapping lines at about 100 columns with the given indent.
template <typename Items>
std::string Wrapped(const Items& items, const std::string& indent) {
  std::string out = indent;
  std::size_t line = indent.size();
  bool first = true;
  for (const auto& item : items) {
    std::string piece = (first ? "" : ", ") + std::string(item);
    if (line + piece.size() > 100) {
      out += ",\n" + indent;
      piece = std::string(item);
      line = indent.size();
    }
    out += piece;
    line += piece.size();
    first = false;
  }
  return out + "\n";
}

}  // namespace

std::string HelpText() {
  std::string out =
      "Usage: sagemaker-training --region REGION --role ROLE_ARN (--image IMAGE | --algorithm_name NAME)\n"
      "                          --channels JSON --model_artifact_path S3_URI [--name VALUE ...]\n\n"
      "Submits an Amazon SageMaker training job, follows it to its end (status, logs of every instance)\n"
      "and writes its outputs. Every value is a string; an empty string means \"not set\". A boolean\n"
      "argument given without a value means True (--dry_run is --dry_run True).\n\n"
      "Arguments:\n";
  for (const auto& argument : ProgramArguments()) {
    out += "  --" + std::string(argument.name) + "\n      " + std::string(argument.description) + ".\n";
    if (argument.required) {
      out += "      Required.";
    } else {
      out += "      Default: " + (argument.default_value.empty() ? std::string("(not set)")
                                                               : "\"" + std::string(argument.default_value) + "\"") +
             ".";
    }
    if (!argument.kfp_type.empty()) out += " Type: " + std::string(argument.kfp_type) + ".";
    if (!argument.accepted.empty()) out += " Accepted: " + std::string(argument.accepted) + ".";
    out += "\n";
  }
  out += "  --help             Print this help and exit.\n";
  out += "  --version          Print the program's version and exit.\n";
  out += "  --list_arguments   Print the argument table as JSON and exit.\n\n";
  out += "Built-in algorithm names (--algorithm_name, any case):\n" + Wrapped(BuiltinAlgorithmNames(), "  ");
  out += "  xgboost alone means version " + DefaultXgboostVersion() + "; xgboost:<version> picks one of:\n" +
         Wrapped(XgboostVersions(), "  ");
  out += "\nTraining instance types (--instance_type):\n" + Wrapped(ServiceEnum("TrainingInstanceType"), "  ");
  out +=
      "\nExit codes: 0 completed; 1 job failed or stopped, or a rule failed it; 2 invalid input; 3 AWS or\n"
      "credential error (or no such job with --attach_only);\n"
      "4 job completed but an output file could not be written;\n"
      "130/143 interrupted (SIGINT/SIGTERM) after stopping the job.\n";
  return out;
}

}  // namespace sagetrain
