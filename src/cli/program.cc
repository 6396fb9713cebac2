#include "cli/program.h"

#include <exception>
#include <iostream>
#include <map>
#include <string>
#include <variant>

#include <CLI/CLI.hpp>

#include "cli/arguments.h"
#include "cli/help.h"
#include "cli/run_job.h"
#include "cli/spec_parser.h"
#include "common/clock.h"
#include "common/random.h"
#include "common/version.h"
#include "training/create_training_job_request.h"

namespace sagetrain {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitInvalidInput = 2;
constexpr int kExitInternal = 3;

struct CommandLine {
  bool help = false;
  bool version = false;
  bool list_arguments = false;
  ArgumentValues values;  // every argument, defaults filled in
};

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
    app.parse(argc, argv);
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
  if (!line) return kExitInvalidInput;
  if (line->help) {
    std::cout << HelpText();
    return kExitOk;
  }
  if (line->version) {
    std::cout << kProgramName << " " << kProgramVersion << "\n";
    return kExitOk;
  }
  if (line->list_arguments) {
    std::cout << ArgumentsAsJson().dump(2) << "\n";
    return kExitOk;
  }
  SystemClock clock;
  SystemRandom random;
  auto parsed = ParseTrainingJobSpec(line->values, clock.Now(), random);
  if (auto* violations = std::get_if<Violations>(&parsed)) {
    for (const auto& listed : ListedViolations(*violations)) std::cerr << listed << "\n";
    std::cerr << "sagemaker-training: invalid input (" << violations->list().size()
              << " problem(s)); nothing was sent. Run with --help for the arguments.\n";
    return kExitInvalidInput;
  }
  const auto& spec = std::get<TrainingJobSpec>(parsed);
  const nlohmann::json request = BuildCreateTrainingJobRequest(spec);
  if (spec.dry_run) {
    std::cout << request.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  return RunTrainingJob(spec, request);
}

}  // namespace

int RunProgram(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "sagemaker-training: internal error: " << error.what() << "\n";
    return kExitInternal;
  }
}

}  // namespace sagetrain
