#pragma once
// The AWS query protocol (STS): an operation as a form-encoded POST, its errors as XML
// (<ErrorResponse><Error><Code>/<Message></Error><RequestId>), read with expat (aws/core/xml_tree.h).
// Pure functions over values; thread-safe.
#include <string>
#include <utility>
#include <vector>

#include "aws/core/http_transport.h"
#include "common/status.h"

namespace sagetrain {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// RFC 3986 percent-encoding: every byte but A-Z a-z 0-9 - _ . ~ as %XX (upper-case hex).
std::string PercentEncode(const std::string& text);

// "k1=v1&k2=v2", each name and value percent-encoded, in the given order.
std::string FormEncode(const QueryParams& params);

// POST <endpoint_url>/ with Content-Type application/x-www-form-urlencoded; charset=utf-8 and the
// body Action=<action>&Version=<version>&<params...>.
HttpRequest BuildQueryRequest(const std::string& endpoint_url, const std::string& action,
                              const std::string& version, const QueryParams& params);

// The kAwsError for a non-2xx answer: <Error><Code> and <Message>, <RequestId> (or the
// x-amzn-requestid header), and the HTTP status. A body that is not the XML error document still
// gives a kAwsError with the HTTP status.
Status ParseQueryError(const HttpResponse& response);

}  // namespace sagetrain
