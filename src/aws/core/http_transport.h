#pragma once
// HttpTransport: sends one HTTP request and returns the answer. The only seam between the AWS layer
// and the network; the libcurl implementation lives in aws/http/, tests script fakes.
//
// Contract: any HTTP answer (2xx, 4xx, 5xx) is an OK StatusOr holding the response. A non-OK Status
// means no answer was received: kUnavailable for connection refused/reset, DNS failure, TLS failure
// or a timeout (message says which). Implementations need not be thread-safe.
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

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual StatusOr<HttpResponse> Send(const HttpRequest& request) = 0;
};

}  // namespace sagetrain
