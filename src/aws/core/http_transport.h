#pragma once
// HttpTransport: sends one HTTP request and returns the answer. The only seam between the AWS layer
// and the network; the libcurl implementation lives in aws/http/, tests script fakes.
//
// Contract: any HTTP answer (2xx, 4xx, 5xx) is an OK StatusOr holding the response. A non-OK Status
// means no answer was received: kUnavailable for connection refused/reset, DNS failure, TLS failure
// or a timeout (message says which). Implementations need not be thread-safe.
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace sagetrain {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "POST";
  std::string url;       // absolute: scheme://host[:port]/path[?query]
  HttpHeaders headers;   // sent as given (names keep their case)
  std::string body;
  Duration connect_timeout{3'100};  // default: the SDKs' ~3 s connect timeout
  Duration total_timeout{65'000};   // default: whole exchange, above SageMaker's own 60 s
};

struct HttpResponse {
  long status = 0;
  HttpHeaders headers;  // names lower-cased
  std::string body;

  // The first header named `lower_case_name`, or "".
  std::string Header(const std::string& lower_case_name) const {
    for (const auto& [name, value] : headers) {
      if (name == lower_case_name) return value;
    }
    return {};
  }
};

// Called once per request of a SendEach, with the request's index, as its answer arrives.
using HttpAnswerCallback = std::function<void(std::size_t index, StatusOr<HttpResponse> answer)>;

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual StatusOr<HttpResponse> Send(const HttpRequest& request) = 0;

  // Sends `requests` with at most `max_in_flight` of them on the wire at once (0 counts as 1) and
  // calls `on_answer` once per request, on the caller's thread, as each answer arrives: in any order,
  // so the caller can work on one answer while the others are still coming. Same contract per request
  // as Send. REQUIRES: `on_answer` does not use this transport. By default: one after another.
  virtual void SendEach(std::span<const HttpRequest> requests, std::size_t max_in_flight,
                        const HttpAnswerCallback& on_answer) {
    (void)max_in_flight;
    for (std::size_t i = 0; i < requests.size(); ++i) on_answer(i, Send(requests[i]));
  }
};

}  // namespace sagetrain
