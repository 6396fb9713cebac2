// libFuzzer target: the answers the follower reads back. The input is used as the body of an
// answer: parsed as JSON (as ParseJsonAnswer does) and given to every typed view the follower uses
// (DescribeTrainingJob, DescribeLogStreams, GetLogEvents), and as the body of an error answer to
// ParseJsonError (the first byte picks the HTTP status, the x-amzn-errortype header echoes a slice
// of the input). Checks beyond not crashing: an error answer is always an error, a parsed job
// description has the name and status the follower needs, and the GetLogEvents page read from the
// body (what the tailer uses) is read exactly when the body is JSON; its every event's message lies
// inside the page's text.
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
    const auto page = sagetrain::ParseLogEventsPageText(body);
    // An empty body reads as {} for both; any other JSON body is a page or "not a JSON object".
    if (!page.ok() && !body.empty() && json->is_object()) std::abort();
    if (page.ok()) {
      for (const auto& event : page->events) {
        if (std::size_t{event.offset} + event.size > page->text.size()) std::abort();
      }
    }
  } else if (sagetrain::ParseLogEventsPageText(body).ok()) {
    std::abort();  // not JSON for ParseJsonAnswer: not a page either
  }

  sagetrain::HttpResponse error;
  error.status = size > 0 ? 400 + data[0] % 200 : 400;
  error.headers.emplace_back("x-amzn-errortype", body.substr(0, body.size() / 4));
  error.headers.emplace_back("x-amzn-requestid", "11111111-2222-3333-4444-555555555555");
  error.body = body;
  if (sagetrain::ParseJsonError(error).ok()) std::abort();
  return 0;
}
