// The sagemaker-training program: a thin main over the cli layer (cmake_template's library + main).
#include "cli/program.h"

int main(int argc, char** argv) { return sagetrain::RunProgram(argc, argv); }
