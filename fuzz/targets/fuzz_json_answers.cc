// libFuzzer target: the answers the follower reads back. The input is used as the body of an
// answer: parsed as JSON (as ParseJsonAnswer does) and given to every typed view the follower uses
// (DescribeTrainingJob, DescribeLogStreams, GetLogEvents), and as the body of an error answer to
// ParseJsonError (the first byte picks the HTTP status, the x-amzn-errortype header echoes a slice
// of the input). Checks beyond not crashing: an error answer is always an error, a parsed job
// description has the name and status the follower needs, and the GetLogEvents page parsed from the
// text (RapidJSON SAX in place, what the tailer uses) equals the page parsed from nlohmann's DOM.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "aws/core/json_protocol.h"
#include "training/job_description.h"
#include "training/log_pages.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);

  sagetrain::HttpResponse answer;
  answer.status = 200;
  answer.body = body;
  const auto json = sagetrain::ParseJsonAnswer(answer);
  if (json.ok()) {
    const auto description = sagetrain::ParseTrainingJobDescription(*json);
    if (description.ok()) {
      if (description->job_name.empty() || description->status.empty()) std::abort();
      (void)sagetrain::AllRulesFinal(*description);
      (void)sagetrain::IsTerminalJobStatus(description->status);
    }
    (void)sagetrain::ParseLogStreamsPage(*json);
    const auto from_dom = sagetrain::ParseLogEventsPage(*json);
    const auto from_text = sagetrain::ParseLogEventsPageText(body);
    if (from_dom.ok() != from_text.ok()) {
      // The allowed differences (log_pages.h): nesting beyond 512, numbers RapidJSON 1.1 refuses near a
      // double's range.
      const std::string& why = from_text.ok() ? std::string() : from_text.status().message();
      if (why.find("Number too big") == std::string::npos && why.find("nested more than") == std::string::npos) {
        std::abort();
      }
    } else if (from_dom.ok()) {
      if (from_dom->next_forward_token != from_text->next_forward_token) std::abort();
      if (from_dom->events.size() != from_text->events.size()) std::abort();
      for (std::size_t i = 0; i < from_dom->events.size(); ++i) {
        if (from_dom->events[i].timestamp_ms != from_text->events[i].timestamp_ms ||
            from_dom->Message(from_dom->events[i]) != from_text->Message(from_text->events[i])) {
          std::abort();
        }
      }
    }
  } else {
    (void)sagetrain::ParseLogEventsPageText(body);
  }

  sagetrain::HttpResponse error;
  error.status = size > 0 ? 400 + data[0] % 200 : 400;
  error.headers.emplace_back("x-amzn-errortype", body.substr(0, body.size() / 4));
  error.headers.emplace_back("x-amzn-requestid", "11111111-2222-3333-4444-555555555555");
  error.body = body;
  if (sagetrain::ParseJsonError(error).ok()) std::abort();
  return 0;
}
