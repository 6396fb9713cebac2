#include "aws/http/curl_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstddef>
#include <memory>
#include <vector>

#include <unistd.h>

#include "aws/core/retry_policy.h"
#include "common/version.h"

namespace sagetrain {
namespace {

// Owns a curl_slist.
struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  bool Append(const std::string& line) {
    curl_slist* next = curl_slist_append(list, line.c_str());
    if (next == nullptr) return false;
    list = next;
    return true;
  }
};

std::string Trim(std::string text) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  text.erase(text.begin(), std::find_if(text.begin(), text.end(), not_space));
  text.erase(std::find_if(text.rbegin(), text.rend(), not_space).base(), text.end());
  return text;
}

// A GetLogEvents page is ~1.5 MB: growing the body by doubling copied it twice over. The size is
// only a hint (capped, so a lying header cannot make us allocate much); 0 when there is none.
std::size_t ExpectedBodySize(const std::string& content_length) {
  constexpr std::size_t kMaxReserved = 16u << 20;
  std::size_t length = 0;
  const char* end = content_length.data() + content_length.size();
  if (std::from_chars(content_length.data(), end, length).ptr != end || length > kMaxReserved) return 0;
  return length;
}

// One exchange on the wire: the easy handle and what it points at until the answer is in.
struct Transfer {
  std::size_t index = 0;
  CURL* curl = nullptr;
  HeaderList headers;
  char error_detail[CURL_ERROR_SIZE] = {};
  HttpResponse response;
  std::size_t expected_body_size = 0;  // from Content-Length: reserved when the body starts coming
  std::size_t max_body_bytes = 0;      // CurlTransportOptions::max_body_bytes
  bool body_too_large = false;         // the answer passed max_body_bytes and was abandoned
};

extern "C" size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  std::string& body = transfer.response.body;
  if (size * count > transfer.max_body_bytes - std::min(body.size(), transfer.max_body_bytes)) {
    transfer.body_too_large = true;
    return 0;  // curl ends the transfer (CURLE_WRITE_ERROR)
  }
  if (body.empty() && transfer.expected_body_size > 0 && transfer.expected_body_size <= transfer.max_body_bytes) {
    body.reserve(transfer.expected_body_size);
  }
  body.append(data, size * count);
  return size * count;
}

// One header line at a time; a status line starts a new header block (after a 100 Continue or a
// proxy's CONNECT answer), so only the final answer's headers are kept.
extern "C" size_t WriteHeader(char* data, size_t size, size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {
    transfer.response.headers.clear();
    transfer.expected_body_size = 0;
  } else if (auto colon = line.find(':'); colon != std::string::npos) {
    std::string name = Trim(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = Trim(line.substr(colon + 1));
    if (name == "content-length") transfer.expected_body_size = ExpectedBodySize(value);
    transfer.response.headers.emplace_back(std::move(name), std::move(value));
  }
  return size * count;
}

bool HasHeader(const HttpHeaders& headers, const char* lower_case_name) {
  return std::any_of(headers.begin(), headers.end(), [&](const auto& header) {
    std::string name = header.first;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return name == lower_case_name;
  });
}

// The header lines to send, or the name of a header that would smuggle a line break.
StatusOr<HeaderList*> BuildHeaderList(const HttpRequest& request, HeaderList& list) {
  for (const auto& [name, value] : request.headers) {
    if (name.find_first_of("\r\n:") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos) {
      return Status(StatusCode::kInternal, "HTTP header \"" + name.substr(0, 40) +
                                               "\" contains a line break; request not sent");
    }
    // "Name;" is curl's way to send a header with an empty value.
    const bool ok = value.empty() ? list.Append(name + ";") : list.Append(name + ": " + value);
    if (!ok) return Status(StatusCode::kInternal, "out of memory building HTTP headers");
  }
  // curl would otherwise add "Expect: 100-continue" to large bodies and a form Content-Type to
  // every POST body.
  bool ok = list.Append("Expect:");
  if (!HasHeader(request.headers, "content-type")) ok = ok && list.Append("Content-Type:");
  if (!ok) return Status(StatusCode::kInternal, "out of memory building HTTP headers");
  return &list;
}

Status CurlFailure(CURLcode code, const Transfer& transfer, const HttpRequest& request) {
  std::string message = request.method + " " + request.url + ": ";
  if (transfer.body_too_large) {
    // Not worth retrying: the same answer would come again.
    const std::size_t limit = transfer.max_body_bytes;
    const std::string size = limit % (1u << 20) == 0 ? std::to_string(limit >> 20) + " MiB"
                                                      : std::to_string(limit) + " bytes";
    return Status(StatusCode::kInternal,
                  message + "the answer is larger than " + size + ", far above any answer of this operation; abandoned");
  }
  const char* detail = transfer.error_detail;
  if (code == CURLE_OPERATION_TIMEDOUT) {
    message += std::string(kTimeoutMarker) + " (total timeout " +
               std::to_string(request.total_timeout.count()) + " ms, connect timeout " +
               std::to_string(request.connect_timeout.count()) + " ms)";
  } else {
    message += curl_easy_strerror(code);
  }
  if (detail != nullptr && detail[0] != '\0') message += " [" + std::string(detail) + "]";
  // A URL or CA bundle curl cannot use is a configuration error, not worth retrying.
  if (code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL ||
      code == CURLE_SSL_CACERT_BADFILE) {
    return Status(StatusCode::kInvalidArgument, message);
  }
  return Status(StatusCode::kUnavailable, message);
}

// Everything but the per-call buffers: security, identity, timeouts, callbacks, method and body.
void ConfigureRequest(CURL* curl, const HttpRequest& request, const CurlTransportOptions& options) {
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);  // 2 is "verify the name"; 1 is legacy
  if (!options.ca_bundle.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options.ca_bundle.c_str());
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(request.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  if (!options.use_proxy) curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &WriteBody);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &WriteHeader);
  if (request.method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else if (request.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else {
    // POST semantics carry the body; any other verb (PUT for the IMDS token) keeps them.
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    if (request.method != "POST") {
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
  }
}

}  // namespace

// The multi handle, whose connection cache (and CA cache) every request of the transport shares, and
// the easy handles kept for reuse between requests.
class CurlTransport::Handles {
 public:
  Handles() = default;
  ~Handles() {
    for (CURL* curl : idle_) curl_easy_cleanup(curl);
    if (multi_ != nullptr) curl_multi_cleanup(multi_);
  }
  // Made on first use: a transport that never sends (a credentials source the chain does not reach)
  // costs no multi handle. Null when libcurl cannot make one.
  CURLM* multi() {
    if (multi_ == nullptr) multi_ = curl_multi_init();
    return multi_;
  }

  // A handle in its initial state, or null when libcurl cannot make one.
  CURL* Take() {
    if (idle_.empty()) return curl_easy_init();
    CURL* curl = idle_.back();
    idle_.pop_back();
    curl_easy_reset(curl);
    return curl;
  }
  void Give(CURL* curl) { idle_.push_back(curl); }

  // A transfer of `request` (number `index` of its batch) on the multi handle, or why there is none.
  StatusOr<std::unique_ptr<Transfer>> Start(const HttpRequest& request, std::size_t index,
                                            const CurlTransportOptions& options) {
    auto transfer = std::make_unique<Transfer>();
    transfer->index = index;
    transfer->max_body_bytes = options.max_body_bytes;
    StatusOr<HeaderList*> header_list = BuildHeaderList(request, transfer->headers);
    if (!header_list.ok()) return header_list.status();
    transfer->curl = multi() == nullptr ? nullptr : Take();
    if (transfer->curl == nullptr) return Status(StatusCode::kInternal, "libcurl could not create a handle");
    CURL* curl = transfer->curl;
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, transfer->error_detail);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, (*header_list)->list);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, transfer.get());
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, transfer.get());
    ConfigureRequest(curl, request, options);
    if (const CURLMcode added = curl_multi_add_handle(multi_, curl); added != CURLM_OK) {
      Give(curl);
      return Status(StatusCode::kInternal, std::string("libcurl: ") + curl_multi_strerror(added));
    }
    return transfer;
  }

  // Takes `transfer` off the multi handle and keeps its easy handle for the next one.
  void Finish(const Transfer& transfer) {
    curl_multi_remove_handle(multi_, transfer.curl);
    // The header list and error buffer die with the transfer: make the handle forget them.
    curl_easy_setopt(transfer.curl, CURLOPT_HTTPHEADER, nullptr);
    curl_easy_setopt(transfer.curl, CURLOPT_ERRORBUFFER, nullptr);
    Give(transfer.curl);
  }

 private:
  CURLM* multi_ = nullptr;
  std::vector<CURL*> idle_;
};

CurlTransportOptions TransportOptionsFromEnvironment(const Environment& env) {
  CurlTransportOptions options;
  options.ca_bundle = env.GetNonEmpty("AWS_CA_BUNDLE").value_or("");
  return options;
}

std::string CurlTransportOptions::DefaultUserAgent() {
  return std::string(kProgramName) + "/" + kProgramVersion;
}

CurlTransport::CurlTransport(CurlTransportOptions options)
    : options_(std::move(options)), handles_(std::make_unique<Handles>()) {}

CurlTransport::~CurlTransport() = default;

StatusOr<HttpResponse> CurlTransport::Send(const HttpRequest& request) {
  StatusOr<HttpResponse> answer = Status(StatusCode::kInternal, "libcurl gave no answer");
  SendEach(std::span<const HttpRequest>(&request, 1), 1,
           [&answer](std::size_t, StatusOr<HttpResponse> received) { answer = std::move(received); });
  return answer;
}

void CurlTransport::SendEach(std::span<const HttpRequest> requests, std::size_t max_in_flight,
                             const HttpAnswerCallback& on_answer) {
  CURLM* multi = handles_->multi();
  std::vector<std::unique_ptr<Transfer>> in_flight;
  std::size_t next = 0;
  const auto finish = [&](std::size_t position, StatusOr<HttpResponse> answer) {
    std::unique_ptr<Transfer> transfer = std::move(in_flight[position]);
    in_flight.erase(in_flight.begin() + static_cast<std::ptrdiff_t>(position));
    handles_->Finish(*transfer);
    on_answer(transfer->index, std::move(answer));
  };
  const auto start_more = [&] {
    while (next < requests.size() && in_flight.size() < std::max<std::size_t>(max_in_flight, 1)) {
      const std::size_t index = next++;
      StatusOr<std::unique_ptr<Transfer>> started = handles_->Start(requests[index], index, options_);
      if (!started.ok()) {
        on_answer(index, started.status());
        continue;
      }
      in_flight.push_back(std::move(*started));
    }
  };

  const auto take_answers = [&] {
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      const auto found = std::find_if(in_flight.begin(), in_flight.end(), [&](const auto& transfer) {
        return transfer->curl == message->easy_handle;
      });
      if (found == in_flight.end()) continue;
      Transfer& transfer = **found;
      StatusOr<HttpResponse> answer =
          message->data.result == CURLE_OK
              ? StatusOr<HttpResponse>(std::move(transfer.response))
              : StatusOr<HttpResponse>(
                    CurlFailure(message->data.result, transfer, requests[transfer.index]));
      if (answer.ok()) curl_easy_getinfo(transfer.curl, CURLINFO_RESPONSE_CODE, &answer->status);
      finish(static_cast<std::size_t>(found - in_flight.begin()), std::move(answer));
    }
  };

  // A stop request abandons every exchange of the batch, those not yet started too.
  const auto started = std::chrono::steady_clock::now();
  const auto abandon_if_interrupted = [&] {
    if (!options_.interrupted) return;
    Status interrupted = options_.interrupted(started);
    if (interrupted.ok()) return;
    while (!in_flight.empty()) finish(0, interrupted);
    while (next < requests.size()) on_answer(next++, interrupted);
  };
  curl_waitfd wake{options_.wake_fd, CURL_WAIT_POLLIN, 0};
  const unsigned wake_fds = options_.wake_fd >= 0 ? 1 : 0;
  const int poll_ms = options_.interrupted ? 250 : 1000;

  abandon_if_interrupted();
  start_more();
  while (!in_flight.empty()) {
    int running = 0;
    CURLMcode code = curl_multi_perform(multi, &running);
    if (code == CURLM_OK) {
      take_answers();
      start_more();
      if (in_flight.empty()) break;
      wake.revents = 0;
      code = curl_multi_poll(multi, wake_fds > 0 ? &wake : nullptr, wake_fds, poll_ms, nullptr);
      if (wake.revents != 0) {
        // One read: the fd is readable, so it cannot block; bytes left over only wake the next poll.
        char drained[64];
        [[maybe_unused]] const ssize_t ignored = read(options_.wake_fd, drained, sizeof(drained));
      }
      abandon_if_interrupted();
    }
    if (code != CURLM_OK) {
      // The multi handle is unusable: every exchange on the wire fails without an answer.
      const std::string failure = std::string("libcurl: ") + curl_multi_strerror(code);
      while (!in_flight.empty()) finish(0, Status(StatusCode::kUnavailable, failure));
      start_more();
    }
  }
}

CurlGlobalGuard::CurlGlobalGuard() {
  const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (code != CURLE_OK) {
    status_ = Status(StatusCode::kInternal,
                     std::string("libcurl initialisation failed: ") + curl_easy_strerror(code));
  }
}

CurlGlobalGuard::~CurlGlobalGuard() {
  if (status_.ok()) curl_global_cleanup();
}

}  // namespace sagetrain
