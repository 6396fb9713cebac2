// Conformance with the AWS SigV4 test suite (third_party/aws/sigv4-test-suite/v4, see its README):
// every case folder is signed in the header form and its canonical request, string to sign,
// signature and Authorization header are compared byte for byte with the golden files.
//
// The query-*.txt files of each case (presigned-URL signing) are not checked: the program never
// presigns URLs.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "aws/sigv4/hashing.h"
#include "aws/sigv4/signer.h"

namespace sagetrain::sigv4 {
namespace {

namespace fs = std::filesystem;

const char kSuiteDir[] = "third_party/aws/sigv4-test-suite/v4";

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

// A raw HTTP/1.1 request as the suite writes it: "METHOD target HTTP/1.1", "Name:value" lines
// (a line starting with whitespace continues the previous value), a blank line, the body. The
// target may contain spaces ("/example space/"), so it is everything between the first and the
// last space of the request line.
SignableRequest ParseRawRequest(const std::string& raw) {
  const size_t blank = raw.find("\n\n");
  const std::string head = raw.substr(0, blank);
  SignableRequest request;
  if (blank != std::string::npos) request.body = raw.substr(blank + 2);
  const std::vector<std::string> lines = Lines(head);
  const std::string& request_line = lines.at(0);
  const size_t first_space = request_line.find(' ');
  const size_t last_space = request_line.rfind(' ');
  request.method = request_line.substr(0, first_space);
  const std::string target = request_line.substr(first_space + 1, last_space - first_space - 1);
  std::string host;
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.empty()) continue;
    if (line.front() == ' ' || line.front() == '\t') {
      request.headers.back().second += "\n" + line;
      continue;
    }
    const size_t colon = line.find(':');
    request.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
    if (request.headers.back().first == "Host") host = request.headers.back().second;
  }
  request.url = "https://" + host + target;
  return request;
}

WallTime ParseTimestamp(const std::string& iso8601) {
  int year = 0;
  unsigned month = 0, day = 0;
  int hour = 0, minute = 0, second = 0;
  EXPECT_EQ(std::sscanf(iso8601.c_str(), "%d-%u-%uT%d:%d:%dZ", &year, &month, &day, &hour,
                        &minute, &second),
            6);
  using namespace std::chrono;
  return sys_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}} +
         hours{hour} + minutes{minute} + seconds{second};
}

// The value of `name` in the suite's signed request, "" when absent.
std::string SignedRequestHeader(const std::string& signed_request, const std::string& name) {
  for (const std::string& line : Lines(signed_request)) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string line_name = line.substr(0, colon);
    for (char& c : line_name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string wanted = name;
    for (char& c : wanted) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (line_name == wanted) return line.substr(colon + 1);
  }
  return "";
}

void CheckCase(const fs::path& dir) {
  const nlohmann::json context = nlohmann::json::parse(ReadAll(dir / "context.json"));
  SignableRequest request = ParseRawRequest(ReadAll(dir / "request.txt"));
  const bool normalize = context.at("normalize").get<bool>();
  SigningKeys keys{context["credentials"]["access_key_id"], context["credentials"]["secret_access_key"],
                   context["credentials"].value("token", "")};
  // omit_session_token: the token is added to the request after signing, unsigned.
  if (context.value("omit_session_token", false)) keys.session_token.clear();
  const SigningScope scope{context["region"], context["service"],
                           ParseTimestamp(context["timestamp"])};
  // sign_body: the S3-style x-amz-content-sha256 header, which the caller adds before signing.
  if (context.value("sign_body", false)) {
    request.headers.emplace_back("x-amz-content-sha256", HexSha256(request.body));
  }

  const std::string canonical = CanonicalRequest(WithSigningHeaders(request, keys, scope), normalize);
  EXPECT_EQ(canonical, ReadAll(dir / "header-canonical-request.txt"));
  const std::string string_to_sign = StringToSign(canonical, scope);
  EXPECT_EQ(string_to_sign, ReadAll(dir / "header-string-to-sign.txt"));
  EXPECT_EQ(Signature(string_to_sign, keys.secret_access_key, scope),
            ReadAll(dir / "header-signature.txt"));
  const std::string signed_request = ReadAll(dir / "header-signed-request.txt");
  const std::string expected_authorization = SignedRequestHeader(signed_request, "Authorization");
  ASSERT_FALSE(expected_authorization.empty());
  EXPECT_EQ(AuthorizationHeader(request, keys, scope, normalize), expected_authorization);

  if (!normalize) return;  // SignatureHeaders() always normalises the path
  for (const auto& [name, value] : SignatureHeaders(request, keys, scope)) {
    EXPECT_EQ(value, SignedRequestHeader(signed_request, name)) << name;
  }
}

TEST(SigV4SuiteTest, EveryHeaderCaseMatchesGoldenFiles) {
  ASSERT_TRUE(fs::is_directory(kSuiteDir)) << "run from the project root; missing " << kSuiteDir;
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(kSuiteDir)) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  ASSERT_FALSE(cases.empty());
  for (const fs::path& dir : cases) {
    SCOPED_TRACE(dir.filename().string());
    // Every case folder must have the header-signing files; none is silently skipped.
    ASSERT_TRUE(fs::exists(dir / "header-canonical-request.txt"));
    CheckCase(dir);
  }
  RecordProperty("cases", static_cast<int>(cases.size()));
}

}  // namespace
}  // namespace sagetrain::sigv4
