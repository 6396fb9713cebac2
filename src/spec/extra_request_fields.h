#pragma once
// extra_request_fields: any CreateTrainingJobRequest member no argument covers (and any the API adds
// later), given as JSON in the API's own shape and merged into the request the arguments build.
// Objects merge member by member, so {"ResourceConfig": {"InstancePlacementConfig": ...}} adds to the
// ResourceConfig the instance arguments build; a value an argument already sets is a conflict, never
// overwritten. Pure; thread-safe.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "spec/violations.h"

namespace sagetrain {

// Merges `extra` into `request`; returns the dotted path of every value both set (left as the
// request had it).
std::vector<std::string> MergeExtraRequestFields(nlohmann::json& request, const nlohmann::json& extra);

// The argument that sets the request value at `path` ("ResourceConfig.InstanceType" ->
// "instance_type"); "" when no argument does.
std::string ArgumentSettingMember(const std::string& path);

// Checks `extra` against the model and against `request` (built from the other arguments): unknown
// members, values the model refuses (after the merge), and members an argument already sets, each a
// violation of --extra_request_fields naming the member (and the argument).
void CheckExtraRequestFields(const nlohmann::json& request, const nlohmann::json& extra, Violations& violations);

}  // namespace sagetrain
