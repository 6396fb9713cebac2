#pragma once
// The CreateTrainingJob input model (botocore's service model: members, types, required members,
// min/max, Java patterns, enums) and the Unicode classes tag keys and values may use, compiled in by
// tools/gen_service_model.py from botocore's SageMaker service-2 model (the installed botocore's by
// default), so the binary needs no data files. Immutable; thread-safe.
#include <span>
#include <string_view>

namespace sagetrain {

// The values of the enum shape `shape` ("TrainingInstanceType", "ProcessingInstanceType",
// "TrainingInputMode", "S3DataType", "S3DataDistribution", "CompressionType", "RecordWrapper",
// "FileSystemAccessMode", "FileSystemType", "OutputCompressionType") in model order; empty for any
// other name.
std::span<const std::string_view> ServiceEnum(std::string_view shape);

// The CreateTrainingJobRequest shape is stored in shapes.json's format: every node has "type"
// (structure/list/map/string/integer/long/boolean/...) and, as applicable, "members",
// "required_members", "member", "key", "value", "min", "max", "pattern", "enum". It is split into
// one JSON text per top-level member so that a run parses only the members it checks.

// The CreateTrainingJobRequest shape without its "members" (type, required_members, ...).
std::string_view CreateTrainingJobRequestShapeJson();

struct ShapeMemberJson {
  std::string_view name;        // e.g. "InputDataConfig"
  std::string_view shape_json;  // that member's shape
};

// Every top-level member of CreateTrainingJobRequest, sorted by name (bytewise), so lookups may
// binary-search.
std::span<const ShapeMemberJson> CreateTrainingJobMemberShapesJson();

struct CodePointRange {
  char32_t low;
  char32_t high;  // inclusive
};

// Sorted, disjoint ranges of the code points in \p{L}, \p{Z} or \p{N}.
std::span<const CodePointRange> LetterSeparatorNumberRanges();

}  // namespace sagetrain
