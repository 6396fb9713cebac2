#pragma once
// Whether an existing training job is the one a CreateTrainingJob request asks for: the check that
// lets a retried or restarted step attach to its job instead of failing on ResourceInUse.
//
// The request is compared with the DescribeTrainingJob answer field by field (algorithm, role,
// channels, output, resources, hyperparameters, stopping condition, VPC, spot, isolation, encryption,
// checkpoints, environment, retry strategy, debugger rules, and every other member the request sends
// that DescribeTrainingJob returns). Values the service fills in with their
// defaults are tolerated: FullyReplicated, CompressionType None (GZIP for the output),
// RecordWrapperType None, empty strings, lists and maps, false flags, KeepAlivePeriodInSeconds 0, a
// channel's InputMode, a built-in algorithm's MetricDefinitions, and debugger/profiler settings the
// request did not set. Pure; thread-safe.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sagetrain {

// The dotted paths of the fields that differ, e.g. "ResourceConfig.InstanceType",
// "InputDataConfig[train].DataSource.S3DataSource.S3Uri", "HyperParameters.epochs"; empty when the
// existing job matches the request.
std::vector<std::string> DifferingJobFields(const nlohmann::json& request,
                                            const nlohmann::json& description);

}  // namespace sagetrain
