#pragma once
// CurlTransport: the HttpTransport over one libcurl multi handle. The handle (and so its connection
// cache) lives as long as the transport, so consecutive requests to one endpoint reuse one
// connection, and SendEach's concurrent requests reuse as many as were on the wire at once: create
// one transport per endpoint (per AwsClient).
//
// Always: TLS peer and host verification on (there is no option to turn it off); proxies from the
// standard environment (http_proxy, https_proxy, no_proxy: libcurl reads them itself); connect and
// total timeouts from each HttpRequest; no "Expect: 100-continue"; no signals (CURLOPT_NOSIGNAL);
// http and https only; no redirects followed. Response header names are lower-cased.
// Failures without an answer are kUnavailable naming the curl error (a timeout's message contains
// kTimeoutMarker); a URL or CA bundle curl cannot use is kInvalidArgument (not worth retrying).
// Request headers never appear in messages.
//
// REQUIRES: a CurlGlobalGuard alive for the transport's whole life. Not thread-safe: one thread at a
// time per transport.
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "aws/core/http_transport.h"
#include "common/environment.h"
#include "common/status.h"

namespace sagetrain {

struct CurlTransportOptions {
  // A PEM bundle of CAs to trust instead of the system's (the value of AWS_CA_BUNDLE, read by the
  // caller). Default "": the system's CAs.
  std::string ca_bundle;
  // Default: "sagemaker-training/<version>".
  std::string user_agent = DefaultUserAgent();
  // Abandoning the exchanges on the wire (a stop request): asked, with the time the SendEach began,
  // whenever the transport wakes (at once when `wake_fd` becomes readable, else at least every
  // 250 ms); a non-OK Status ends every exchange of that SendEach with it. Default: null, never.
  std::function<Status(std::chrono::steady_clock::time_point started)> interrupted;
  // Readable when `interrupted` may have changed its answer (a signal's self-pipe; the transport
  // drains it). Default: -1, none.
  int wake_fd = -1;
  // Whether requests may go through a proxy from the environment. Default: true. Credentials
  // endpoints (container, IMDS) set false, as the AWS SDKs never proxy them.
  bool use_proxy = true;
  // The largest answer body accepted; a longer one fails the exchange (kUnavailable naming the
  // limit; not retried) instead of growing memory without end. Default: 16 MiB, far above any
  // answer of the operations used here (a GetLogEvents page holds at most 1 MB of messages).
  std::size_t max_body_bytes = 16u << 20;

  static std::string DefaultUserAgent();
};

// The options the standard environment asks for: AWS_CA_BUNDLE (unset or empty: system CAs).
CurlTransportOptions TransportOptionsFromEnvironment(const Environment& env);

class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(CurlTransportOptions options = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  StatusOr<HttpResponse> Send(const HttpRequest& request) override;
  // Concurrent exchanges driven by curl's multi interface on the caller's thread (no threads): the
  // requests overlap their waits for the server.
  void SendEach(std::span<const HttpRequest> requests, std::size_t max_in_flight,
                const HttpAnswerCallback& on_answer) override;

 private:
  class Handles;
  CurlTransportOptions options_;
  std::unique_ptr<Handles> handles_;
};

// curl_global_init / curl_global_cleanup for the process, as an RAII value held by main() (the only
// global state of the program). Create it before any other thread starts.
class CurlGlobalGuard {
 public:
  CurlGlobalGuard();
  ~CurlGlobalGuard();
  CurlGlobalGuard(const CurlGlobalGuard&) = delete;
  CurlGlobalGuard& operator=(const CurlGlobalGuard&) = delete;

  // kInternal when libcurl could not be initialised (transports must not be used then).
  const Status& status() const { return status_; }

 private:
  Status status_;
};

}  // namespace sagetrain
