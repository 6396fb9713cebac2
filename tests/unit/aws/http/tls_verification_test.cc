// TLS verification is always on: a loopback `openssl s_server` with a throwaway self-signed
// certificate is refused unless that certificate is given as the CA bundle (AWS_CA_BUNDLE), and
// refused even then when the certificate names another host. The openssl CLI is a test dependency
// (scripts/setup.sh installs it): without it these tests fail rather than skip.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "aws/http/curl_transport.h"

extern char** environ;

namespace sagetrain {
namespace {

namespace fs = std::filesystem;

// A self-signed certificate and key for `subject_alt_name` in `dir`; false when openssl failed.
bool MakeCertificate(const fs::path& dir, const std::string& name, const std::string& san) {
  const std::string command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1"
                              " -nodes -days 1 -subj /CN=test -addext subjectAltName=" + san +
                              " -keyout " + (dir / (name + ".key")).string() + " -out " +
                              (dir / (name + ".pem")).string() + " >/dev/null 2>&1";
  return std::system(command.c_str()) == 0;
}

// `openssl s_server -www` on 127.0.0.1 (ephemeral port), stopped by its pid when destroyed.
class TlsServer {
 public:
  TlsServer(const fs::path& cert, const fs::path& key) {
    int fds[2];
    if (::pipe(fds) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    const std::string cert_path = cert.string(), key_path = key.string();
    std::vector<std::string> args = {"openssl", "s_server", "-accept", "127.0.0.1:0", "-www",
                                     "-cert",   cert_path,  "-key",    key_path};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const int spawned = posix_spawnp(&pid_, "openssl", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (spawned != 0) {
      pid_ = -1;
      ::close(fds[0]);
      return;
    }
    // s_server prints "ACCEPT 127.0.0.1:<port>" once it listens: no polling needed.
    FILE* out = ::fdopen(fds[0], "r");
    char line[256];
    while (std::fgets(line, sizeof(line), out) != nullptr) {
      const std::string text(line);
      if (text.rfind("ACCEPT ", 0) == 0) {
        port_ = std::stoi(text.substr(text.rfind(':') + 1));
        break;
      }
    }
    out_ = out;
  }
  ~TlsServer() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
    if (out_ != nullptr) std::fclose(out_);
  }
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  FILE* out_ = nullptr;
};

class TlsVerificationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/sagetrain-tls-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    ASSERT_TRUE(MakeCertificate(dir_, "loopback", "IP:127.0.0.1") &&
                MakeCertificate(dir_, "other", "DNS:other.example"))
        << "the openssl CLI could not make test certificates (scripts/setup.sh installs openssl)";
  }
  void TearDown() override { fs::remove_all(dir_); }

  StatusOr<HttpResponse> Get(const std::string& server_cert, const std::string& ca_bundle) {
    TlsServer server(dir_ / (server_cert + ".pem"), dir_ / (server_cert + ".key"));
    EXPECT_NE(server.port(), 0);
    CurlTransportOptions options;
    options.ca_bundle = ca_bundle;
    CurlTransport transport(options);
    HttpRequest request;
    request.method = "GET";
    request.url = "https://127.0.0.1:" + std::to_string(server.port()) + "/";
    request.total_timeout = Duration(5'000);
    return transport.Send(request);
  }

  CurlGlobalGuard guard_;
  fs::path dir_;
};

TEST_F(TlsVerificationTest, TrustedCertificateFromTheCaBundleIsAccepted) {
  auto response = Get("loopback", (dir_ / "loopback.pem").string());
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
}

TEST_F(TlsVerificationTest, UntrustedCertificateIsRefused) {
  auto response = Get("loopback", "");
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(response.status().message().find("certificate"), std::string::npos)
      << response.status().message();
}

TEST_F(TlsVerificationTest, CertificateForAnotherHostIsRefused) {
  auto response = Get("other", (dir_ / "other.pem").string());
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(response.status().message().find("subject name"), std::string::npos)
      << response.status().message();
}

}  // namespace
}  // namespace sagetrain
