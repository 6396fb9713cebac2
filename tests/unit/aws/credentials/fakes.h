#pragma once
// Scripted fakes for the credential provider tests: an HTTP transport answering by URL, an STS
// connection, and a provider returning a queue of results.
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "aws/core/credentials.h"
#include "aws/core/http_transport.h"
#include "aws/credentials/sts_connection.h"

namespace sagetrain::testing {

// Answers each request from a script keyed by "METHOD url"; unknown requests fail as a timeout
// would. Records every request.
class FakeHttpTransport final : public HttpTransport {
 public:
  std::map<std::string, StatusOr<HttpResponse>> script;
  std::vector<HttpRequest> requests;

  void Answer(const std::string& method, const std::string& url, long status, std::string body) {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    script.insert_or_assign(method + " " + url, response);
  }
  void Fail(const std::string& method, const std::string& url, Status status) {
    script.insert_or_assign(method + " " + url, std::move(status));
  }

  StatusOr<HttpResponse> Send(const HttpRequest& request) override {
    requests.push_back(request);
    auto it = script.find(request.method + " " + request.url);
    if (it == script.end()) return Status(StatusCode::kUnavailable, "timeout connecting to " + request.url);
    return it->second;
  }

  // The value of header `name` (exact case) in request `index`, or "<absent>".
  std::string HeaderOf(std::size_t index, const std::string& name) const {
    for (const auto& [key, value] : requests.at(index).headers) {
      if (key == name) return value;
    }
    return "<absent>";
  }
};

inline Credentials TemporaryCredentials(const std::string& key_id, WallTime expiration,
                                        const std::string& provider = "fake") {
  Credentials creds;
  creds.access_key_id = key_id;
  creds.secret_access_key = "secret-" + key_id;
  creds.session_token = "token-" + key_id;
  creds.expiration = expiration;
  creds.provider = provider;
  return creds;
}

// Records every call; answers from a queue (the last answer repeats).
class FakeStsConnection final : public StsConnection {
 public:
  std::deque<StatusOr<Credentials>> answers;
  std::vector<AssumeRoleRequest> assume_role_calls;
  std::vector<AssumeRoleWithWebIdentityRequest> web_identity_calls;

  StatusOr<Credentials> AssumeRole(const AssumeRoleRequest& request) override {
    assume_role_calls.push_back(request);
    return Next();
  }
  StatusOr<Credentials> AssumeRoleWithWebIdentity(const AssumeRoleWithWebIdentityRequest& request) override {
    web_identity_calls.push_back(request);
    return Next();
  }

 private:
  StatusOr<Credentials> Next() {
    if (answers.empty()) return Status(StatusCode::kInternal, "FakeStsConnection: no scripted answer");
    auto answer = answers.front();
    if (answers.size() > 1) answers.pop_front();
    return answer;
  }
};

// A factory handing out connections that share one FakeStsConnection's script and log, and
// recording the signing providers it was given (nullptr for unsigned connections).
class FakeStsFactory {
 public:
  std::shared_ptr<FakeStsConnection> sts = std::make_shared<FakeStsConnection>();
  std::vector<std::shared_ptr<CredentialsProvider>> signers;

  StsConnectionFactory Factory() {
    return [this](std::shared_ptr<CredentialsProvider> signer) -> std::unique_ptr<StsConnection> {
      signers.push_back(signer);
      return std::make_unique<Forwarder>(sts);
    };
  }

 private:
  class Forwarder final : public StsConnection {
   public:
    explicit Forwarder(std::shared_ptr<FakeStsConnection> target) : target_(std::move(target)) {}
    StatusOr<Credentials> AssumeRole(const AssumeRoleRequest& r) override { return target_->AssumeRole(r); }
    StatusOr<Credentials> AssumeRoleWithWebIdentity(const AssumeRoleWithWebIdentityRequest& r) override {
      return target_->AssumeRoleWithWebIdentity(r);
    }

   private:
    std::shared_ptr<FakeStsConnection> target_;
  };
};

// A provider answering from a queue (the last answer repeats); counts calls and invalidations.
class ScriptedProvider final : public CredentialsProvider {
 public:
  explicit ScriptedProvider(std::string name) : name_(std::move(name)) {}
  std::deque<StatusOr<Credentials>> answers;
  int get_calls = 0;
  int invalidations = 0;

  StatusOr<Credentials> Get() override {
    ++get_calls;
    if (answers.empty()) return Status(StatusCode::kInternal, "ScriptedProvider: no scripted answer");
    auto answer = answers.front();
    if (answers.size() > 1) answers.pop_front();
    return answer;
  }
  void Invalidate() override { ++invalidations; }
  std::string Name() const override { return name_; }

 private:
  std::string name_;
};

}  // namespace sagetrain::testing
