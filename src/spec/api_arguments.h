#pragma once
// The arguments for the CreateTrainingJob members beyond the seed's (DESIGN §1 "The whole
// CreateTrainingJob API"): retry strategy, warm pools, instance groups, training plans, pending time,
// container entry point and arguments, private registries, output compression, metrics time series,
// TensorBoard, the profiler, experiments, infra checks, remote debugging and session tag chaining.
// Each is parsed from its text, checked against the model of the member it is sent as, and stored in
// the spec; an argument left at its default leaves its member out of the request. Pure; thread-safe.
#include <functional>
#include <string>

#include "spec/training_job_spec.h"
#include "spec/violations.h"

namespace sagetrain {

// An argument's text as given, or its default when absent.
using ArgumentText = std::function<std::string(const std::string& name)>;

void ParseApiArguments(const ArgumentText& text, TrainingJobSpec& spec, Violations& violations);

// Whether `type` has the form of a training instance type, ml.<family>.<size> (e.g. "ml.p6.48xlarge"),
// whether or not the bundled model lists it.
bool IsWellFormedInstanceType(const std::string& type);

// Checks an instance type against the bundled list: a listed type passes; a well-formed one the list
// lacks (the service adds types often) is a warning and is sent; anything else is a violation naming
// the closest accepted types.
void CheckInstanceType(const std::string& argument, const std::string& where, const std::string& type,
                       TrainingJobSpec& spec, Violations& violations);

}  // namespace sagetrain
