#pragma once
// The whole program behind main(): arguments -> TrainingJobSpec -> request -> (dry run | run the job).
// Returns the process exit code (see README "Exit codes"). Exceptions stop here.
namespace sagetrain {
int RunProgram(int argc, char** argv);
}  // namespace sagetrain
