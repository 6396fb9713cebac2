// libFuzzer target: the program's argument values -> TrainingJobSpec -> CreateTrainingJob request,
// as the real run does it (ParseTrainingJobSpec, then BuildCreateTrainingJobRequest and the JSON
// protocol's BuildJsonRequest, which serialises the body), plus each value parser on each value.
//
// Input: lines "name=value" (name without "--"); a value's "\n" is written "\\n" so that the corpus
// stays readable. Unknown names are passed through too (the parser must ignore them). Every other
// argument keeps its default, as the CLI fills them in.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "aws/core/json_protocol.h"
#include "spec/arguments.h"
#include "spec/spec_parser.h"
#include "spec/value_parsers.h"
#include "spec/create_training_job_request.h"

namespace {

using sagetrain::ArgumentValues;

// A fixed "random" source: the default job name must not make runs irreproducible.
class FixedRandom final : public sagetrain::RandomSource {
 public:
  std::uint64_t Uniform(std::uint64_t bound) override { return 7 % bound; }
};

std::string Unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == 'n') {
      out += '\n';
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The defaults, overridden by the input's lines; `given` receives the values the input set.
ArgumentValues ReadValues(std::string_view input, std::vector<std::string>& given) {
  ArgumentValues values;
  for (const auto& info : sagetrain::ProgramArguments()) {
    values[std::string(info.name)] = std::string(info.default_value);
  }
  while (!input.empty()) {
    const std::size_t end = input.find('\n');
    const std::string_view line = input.substr(0, end);
    input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
    const std::size_t equals = line.find('=');
    if (equals == std::string_view::npos) continue;
    given.push_back(Unescape(line.substr(equals + 1)));
    values[std::string(line.substr(0, equals))] = given.back();
  }
  return values;
}

// Every value parser on one text: none may crash, whatever the text.
void ParseWithEveryParser(const std::string& text) {
  (void)sagetrain::ParseBool(text);
  (void)sagetrain::ParseInteger(text, 1, 2419200, "1..2419200");
  (void)sagetrain::ParseSeconds(text, 0, true, 86400, "0..86400");
  (void)sagetrain::ParseJsonContainer(text, false);
  (void)sagetrain::ParseJsonContainer(text, true);
  (void)sagetrain::ParseCommaList(text);
  (void)sagetrain::Quote(text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> given;
  const ArgumentValues values = ReadValues(input, given);
  FixedRandom random;
  const auto parsed = sagetrain::ParseTrainingJobSpec(values, sagetrain::WallTime(std::chrono::seconds(1700000000)),
                                                      random);
  if (const auto* violations = std::get_if<sagetrain::Violations>(&parsed)) {
    // A refusal must say why: an empty list would exit 2 with nothing to show.
    if (violations->empty()) std::abort();
  } else {
    const auto& spec = std::get<sagetrain::TrainingJobSpec>(parsed);
    const auto request = sagetrain::BuildCreateTrainingJobRequest(spec);
    (void)sagetrain::BuildJsonRequest("https://api.sagemaker.us-east-1.amazonaws.com",
                                      "SageMaker.CreateTrainingJob", request);
  }
  for (const auto& value : given) ParseWithEveryParser(value);
  return 0;
}
