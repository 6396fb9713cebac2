#include "cli/program.h"

#include <algorithm>
#include <exception>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <CLI/CLI.hpp>

#include "spec/arguments.h"
#include "spec/help.h"
#include "cli/run_job.h"
#include "spec/spec_parser.h"
#include "common/clock.h"
#include "common/exit_codes.h"
#include "common/random.h"
#include "common/version.h"
#include "spec/create_training_job_request.h"

namespace sagetrain {
namespace {

struct CommandLine {
  bool help = false;
  bool version = false;
  bool list_arguments = false;
  ArgumentValues values;  // every argument, defaults filled in
};

bool IsBooleanArgument(std::string_view flag) {
  if (!flag.starts_with("--")) return false;
  for (const auto& argument : ProgramArguments()) {
    if (argument.kfp_type == "Boolean" && flag.substr(2) == argument.name) return true;
  }
  return false;
}

// argv with "True" after every boolean argument typed without a value (--dry_run at the end or
// followed by another --flag), so that it means True; "--dry_run True", as KFP passes it, is unchanged.
std::vector<std::string> WithBooleanValues(int argc, char** argv) {
  std::vector<std::string> out;
  for (int i = 0; i < argc; ++i) {
    out.emplace_back(argv[i]);
    const bool next_is_flag = i + 1 >= argc || std::string_view(argv[i + 1]).starts_with("--");
    if (i > 0 && next_is_flag && IsBooleanArgument(argv[i])) out.emplace_back("True");
  }
  return out;
}

// Parses argv with CLI11; on a syntax error (unknown argument, missing value) prints it and returns
// nullopt.
std::optional<CommandLine> ParseCommandLine(int argc, char** argv) {
  CommandLine line;
  CLI::App app{"sagemaker-training", kProgramName};
  app.set_help_flag();  // our own --help lists defaults and accepted values
  app.add_flag("--help", line.help);
  app.add_flag("--version", line.version);
  app.add_flag("--list_arguments", line.list_arguments);
  std::map<std::string, std::string> given;
  std::map<std::string, CLI::Option*> options;
  for (const auto& argument : ProgramArguments()) {
    const std::string name(argument.name);
    options[name] = app.add_option("--" + name, given[name]);
  }
  try {
    std::vector<std::string> args = WithBooleanValues(argc, argv);
    std::reverse(args.begin() + 1, args.end());  // CLI11 takes a vector in reverse, without the program
    args.erase(args.begin());
    app.parse(args);
  } catch (const CLI::ParseError& error) {
    std::cerr << "sagemaker-training: " << error.what() << "\nRun sagemaker-training --help for the arguments.\n";
    return std::nullopt;
  }
  for (const auto& argument : ProgramArguments()) {
    const std::string name(argument.name);
    line.values[name] = options[name]->count() > 0 ? given[name] : std::string(argument.default_value);
  }
  return line;
}

int Run(int argc, char** argv) {
  auto line = ParseCommandLine(argc, argv);
  if (!line) return step_exit::kInvalidInput;
  if (line->help) {
    std::cout << HelpText();
    return step_exit::kCompleted;
  }
  if (line->version) {
    std::cout << kProgramName << " " << kProgramVersion << "\n";
    return step_exit::kCompleted;
  }
  if (line->list_arguments) {
    std::cout << ArgumentsAsJson().dump(2) << "\n";
    return step_exit::kCompleted;
  }
  SystemClock clock;
  SystemRandom random;
  auto parsed = ParseTrainingJobSpec(line->values, clock.Now(), random);
  if (auto* violations = std::get_if<Violations>(&parsed)) {
    for (const auto& listed : ListedViolations(*violations)) std::cerr << listed << "\n";
    std::cerr << "sagemaker-training: invalid input (" << violations->list().size()
              << " problem(s)); nothing was sent. Run with --help for the arguments.\n";
    return step_exit::kInvalidInput;
  }
  const auto& spec = std::get<TrainingJobSpec>(parsed);
  for (const auto& warning : spec.warnings) std::cerr << "sagemaker-training: warning: " << warning << "\n";
  if (spec.attach_only) {
    if (spec.dry_run) {
      std::cout << "--attach_only: nothing would be created; training job " << spec.job_name
                << " would be followed\n";
      return step_exit::kCompleted;
    }
    return RunTrainingJob(spec, nlohmann::json());  // no request: SubmitAndFollow attaches
  }
  const nlohmann::json request = BuildCreateTrainingJobRequest(spec);
  if (spec.dry_run) {
    std::cout << request.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return step_exit::kCompleted;
  }
  return RunTrainingJob(spec, request);
}

}  // namespace

int RunProgram(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "sagemaker-training: internal error: " << error.what() << "\n";
    return step_exit::kAwsError;
  }
}

}  // namespace sagetrain
