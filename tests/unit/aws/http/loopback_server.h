#pragma once
// A tiny HTTP/1.1 server on 127.0.0.1 (an ephemeral port) for the transport tests: one thread
// polling every connection, keep-alive, Content-Length bodies. A handler turns each request into a
// raw answer, or into nullopt to never answer (a hung server). Records requests and connections.
// With `hold_answers_until` = n, no answer leaves before n requests have arrived (on any
// connections): a client that waits for one answer before sending the next request never gets one.
// A paced handler sends an answer in pieces, with pauses, and may close the connection after one.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace sagetrain::testing {

struct ReceivedRequest {
  std::string request_line;                                  // "POST / HTTP/1.1"
  std::vector<std::pair<std::string, std::string>> headers;  // as received
  std::string body;

  std::optional<std::string> Header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) return value;
    }
    return std::nullopt;
  }
};

// "HTTP/1.1 <status> X" with Content-Length and `headers` (raw "Name: value" lines).
inline std::string RawAnswer(int status, const std::string& body,
                             const std::vector<std::string>& headers = {}) {
  std::string answer = "HTTP/1.1 " + std::to_string(status) + " Status\r\n";
  for (const auto& header : headers) answer += header + "\r\n";
  answer += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return answer;
}

// A piece of a paced answer: sent `after` the piece before it (the first: after the answer is
// released); `close` shuts the connection down once it is sent.
struct AnswerPiece {
  std::chrono::milliseconds after{0};
  std::string bytes;
  bool close = false;
};

class LoopbackServer {
 public:
  using Handler = std::function<std::optional<std::string>(const ReceivedRequest&)>;
  using PacedHandler = std::function<std::optional<std::vector<AnswerPiece>>(const ReceivedRequest&)>;

  explicit LoopbackServer(Handler handler, std::size_t hold_answers_until = 0)
      : LoopbackServer(PacedHandler([handler = std::move(handler)](const ReceivedRequest& request)
                                        -> std::optional<std::vector<AnswerPiece>> {
          std::optional<std::string> answer = handler(request);
          if (!answer) return std::nullopt;
          return std::vector<AnswerPiece>{{std::chrono::milliseconds(0), std::move(*answer), false}};
        }),
                       hold_answers_until) {}

  explicit LoopbackServer(PacedHandler handler, std::size_t hold_answers_until = 0)
      : handler_(std::move(handler)), hold_answers_until_(hold_answers_until) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::listen(listener_, 16) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      ::close(listener_);
      listener_ = -1;
      return;
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }

  ~LoopbackServer() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    for (auto& pacer : pacers_) pacer.join();
    for (const auto& [fd, buffer] : connections_) ::close(fd);
    if (listener_ >= 0) ::close(listener_);
  }

  int port() const { return port_; }
  std::string url(const std::string& path = "/") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int connections_accepted() const { return accepted_; }
  std::vector<ReceivedRequest> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }

 private:
  void Serve() {
    while (!stop_) {
      std::vector<pollfd> fds = {{listener_, POLLIN, 0}};
      for (const auto& [fd, buffer] : connections_) fds.push_back({fd, POLLIN, 0});
      if (::poll(fds.data(), fds.size(), 20) <= 0) continue;
      if (fds[0].revents & POLLIN) {
        const int client = ::accept(listener_, nullptr, nullptr);
        if (client >= 0) {
          connections_[client] = {};
          ++accepted_;
        }
      }
      for (std::size_t i = 1; i < fds.size(); ++i) {
        if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) Read(fds[i].fd);
      }
    }
  }

  void Read(int fd) {
    char chunk[65536];
    const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
    if (n <= 0) {
      ::close(fd);
      connections_.erase(fd);
      return;
    }
    std::string& buffer = connections_[fd];
    buffer.append(chunk, static_cast<std::size_t>(n));
    while (auto request = TakeRequest(buffer)) {
      std::size_t received = 0;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        requests_.push_back(*request);
        received = requests_.size();
      }
      std::optional<std::vector<AnswerPiece>> answer = handler_(*request);
      if (!answer) continue;  // hang: never answer this request
      held_.emplace_back(fd, std::move(*answer));
      if (received < hold_answers_until_) continue;
      for (auto& [to, pieces] : held_) Release(to, std::move(pieces));
      held_.clear();
    }
  }

  // An answer in one piece leaves at once; a paced one from a thread of its own, so that the server
  // goes on reading (a shut-down connection is then closed by the server thread, which sees it end).
  void Release(int fd, std::vector<AnswerPiece> pieces) {
    if (pieces.size() == 1 && pieces[0].after.count() == 0 && !pieces[0].close) {
      SendAll(fd, pieces[0].bytes);
      return;
    }
    pacers_.emplace_back([fd, pieces = std::move(pieces)] {
      for (const auto& piece : pieces) {
        std::this_thread::sleep_for(piece.after);
        SendAll(fd, piece.bytes);
        if (piece.close) ::shutdown(fd, SHUT_RDWR);
      }
    });
  }

  static void SendAll(int fd, const std::string& answer) {
    std::size_t sent = 0;
    while (sent < answer.size()) {
      const ssize_t w = ::send(fd, answer.data() + sent, answer.size() - sent, MSG_NOSIGNAL);
      if (w <= 0) break;
      sent += static_cast<std::size_t>(w);
    }
  }

  // One complete request from the front of `buffer`, or nullopt when more bytes are needed.
  static std::optional<ReceivedRequest> TakeRequest(std::string& buffer) {
    const std::size_t head_end = buffer.find("\r\n\r\n");
    if (head_end == std::string::npos) return std::nullopt;
    ReceivedRequest request;
    std::size_t line_start = 0;
    std::size_t content_length = 0;
    while (line_start < head_end) {
      std::size_t line_end = buffer.find("\r\n", line_start);
      const std::string line = buffer.substr(line_start, line_end - line_start);
      line_start = line_end + 2;
      if (request.request_line.empty()) {
        request.request_line = line;
        continue;
      }
      const std::size_t colon = line.find(':');
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      request.headers.emplace_back(line.substr(0, colon), value);
      if (line.substr(0, colon) == "Content-Length") content_length = std::stoul(value);
    }
    if (buffer.size() < head_end + 4 + content_length) return std::nullopt;
    request.body = buffer.substr(head_end + 4, content_length);
    buffer.erase(0, head_end + 4 + content_length);
    return request;
  }

  PacedHandler handler_;
  std::size_t hold_answers_until_ = 0;
  std::vector<std::pair<int, std::vector<AnswerPiece>>> held_;  // answers not sent yet: (connection, answer)
  std::vector<std::thread> pacers_;  // sending paced answers; owned by the server thread until joined
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::map<int, std::string> connections_;  // owned by the server thread
  mutable std::mutex mutex_;
  std::vector<ReceivedRequest> requests_;
};

}  // namespace sagetrain::testing
