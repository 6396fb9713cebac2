#include "aws/credentials/profile_provider.h"

#include <gtest/gtest.h>

#include "aws/credentials/fakes.h"
#include "common/fake_clock.h"

namespace sagetrain {
namespace {

using testing::FakeClock;
using testing::FakeHttpTransport;
using testing::FakeStsFactory;
using testing::TemporaryCredentials;

constexpr char kCredentialsPath[] = "/home/test/.aws/credentials";
constexpr char kConfigPath[] = "/home/test/.aws/config";

class ProfileProviderTest : public ::testing::Test {
 protected:
  ProfileProviderTest() {
    sts_.sts->answers.push_back(TemporaryCredentials("ASIAROLE", clock_.Now() + std::chrono::hours(1)));
  }
  ProfileCredentialsProvider Provider() { return ProfileCredentialsProvider(env_, clock_, http_, sts_.Factory()); }

  FakeEnvironment env_;
  FakeClock clock_;
  std::shared_ptr<FakeHttpTransport> http_ = std::make_shared<FakeHttpTransport>();
  FakeStsFactory sts_;
};

TEST_F(ProfileProviderTest, StaticKeysFromTheDefaultProfile) {
  env_.files[kCredentialsPath] = "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = filesecret\n";
  auto creds = Provider().Get();
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->access_key_id, "AKIDFILE");
  EXPECT_EQ(creds->secret_access_key, "filesecret");
  EXPECT_EQ(creds->session_token, "");
  EXPECT_EQ(creds->provider, "profile default");
}

TEST_F(ProfileProviderTest, NamedProfileFromConfigFileAndPathVariables) {
  env_.variables = {{"AWS_PROFILE", "dev"}, {"AWS_CONFIG_FILE", "~/custom/config"},
                    {"AWS_SHARED_CREDENTIALS_FILE", "/etc/aws/creds"}};
  env_.files["/home/test/custom/config"] =
      "[default]\naws_access_key_id = WRONG\naws_secret_access_key = x\n"
      "[dev]\naws_access_key_id = NOT_A_PROFILE_IN_CONFIG\naws_secret_access_key = x\n"
      "[profile dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devsecret\naws_session_token = devtoken\n";
  env_.files["/etc/aws/creds"] = "[other]\naws_access_key_id = O\naws_secret_access_key = o\n";
  auto creds = Provider().Get();
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->access_key_id, "AKIDDEV");
  EXPECT_EQ(creds->session_token, "devtoken");
  EXPECT_EQ(creds->provider, "profile dev");
}

TEST_F(ProfileProviderTest, CredentialsFileWinsOverConfigForTheSameProfile) {
  env_.files[kConfigPath] = "[default]\naws_access_key_id = FROMCONFIG\naws_secret_access_key = c\n";
  env_.files[kCredentialsPath] = "[default]\naws_access_key_id = FROMCREDENTIALS\naws_secret_access_key = k\n";
  EXPECT_EQ(Provider().Get()->access_key_id, "FROMCREDENTIALS");
}

TEST_F(ProfileProviderTest, MissingDefaultFallsThroughButMissingNamedProfileIsAnError) {
  auto status = Provider().Get().status();
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_NE(status.message().find("no file at /home/test/.aws/credentials or /home/test/.aws/config"),
            std::string::npos) << status.message();

  env_.files[kConfigPath] = "[default]\nregion = us-east-1\n";
  EXPECT_EQ(Provider().Get().status().code(), StatusCode::kNotFound);  // a profile without credentials

  env_.variables["AWS_PROFILE"] = "prod";
  status = Provider().Get().status();
  EXPECT_EQ(status.code(), StatusCode::kCredentials);
  EXPECT_EQ(status.message(), "profile prod: named by AWS_PROFILE but not found (not in /home/test/.aws/config)");
}

TEST_F(ProfileProviderTest, RoleWithSourceProfileChainIsAssumedWithTheSourceKeys) {
  env_.variables["AWS_PROFILE"] = "deploy";
  env_.files[kConfigPath] =
      "[profile deploy]\nrole_arn = arn:aws:iam::1:role/deploy\nsource_profile = middle\n"
      "role_session_name = deploy-session\nduration_seconds = 1800\nexternal_id = ext\n"
      "[profile middle]\nrole_arn = arn:aws:iam::1:role/middle\nsource_profile = base\n";
  env_.files[kCredentialsPath] = "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = basesecret\n";
  sts_.sts->answers = {TemporaryCredentials("ASIAMIDDLE", clock_.Now() + std::chrono::hours(1)),
                       TemporaryCredentials("ASIADEPLOY", clock_.Now() + std::chrono::hours(1))};
  auto creds = Provider().Get();
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->access_key_id, "ASIADEPLOY");
  EXPECT_EQ(creds->provider, "profile deploy");

  const auto& calls = sts_.sts->assume_role_calls;
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].role_arn, "arn:aws:iam::1:role/middle");
  EXPECT_EQ(calls[0].session_name, "sagemaker-training-1700000000");
  EXPECT_EQ(calls[1].role_arn, "arn:aws:iam::1:role/deploy");
  EXPECT_EQ(calls[1].session_name, "deploy-session");
  EXPECT_EQ(calls[1].duration, std::chrono::seconds(1800));
  EXPECT_EQ(calls[1].external_id, "ext");
  // Each hop is signed with the credentials of the hop before it.
  ASSERT_EQ(sts_.signers.size(), 2u);
  EXPECT_EQ(sts_.signers[0]->Get()->access_key_id, "AKIDBASE");
  EXPECT_EQ(sts_.signers[1]->Get()->access_key_id, "ASIAMIDDLE");
}

TEST_F(ProfileProviderTest, RoleProfileMayBeItsOwnSource) {
  env_.files[kCredentialsPath] =
      "[default]\naws_access_key_id = AKIDSELF\naws_secret_access_key = s\n"
      "role_arn = arn:aws:iam::1:role/self\nsource_profile = default\n";
  auto creds = Provider().Get();
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->access_key_id, "ASIAROLE");
  EXPECT_EQ(sts_.signers.at(0)->Get()->access_key_id, "AKIDSELF");
}

TEST_F(ProfileProviderTest, CyclesAndBrokenProfilesAreErrors) {
  struct Case { const char* config; const char* message; };
  const Case cases[] = {
      {"[default]\nrole_arn = r1\nsource_profile = b\n[profile b]\nrole_arn = r2\nsource_profile = default\n",
       "profile default: source_profile cycle: default -> b -> default"},
      {"[default]\nrole_arn = r1\nsource_profile = ghost\n", "profile default: source_profile ghost not found"},
      {"[default]\nrole_arn = r1\n",
       "profile default: has role_arn but no source_profile, credential_source or web_identity_token_file"},
      {"[default]\nrole_arn = r1\nsource_profile = b\ncredential_source = Environment\n[profile b]\nx = y\n",
       "profile default: sets both source_profile and credential_source; set one"},
      {"[default]\nrole_arn = r1\nsource_profile = b\n[profile b]\nregion = us-east-1\n",
       "profile b: holds no credentials (aws_access_key_id or role_arn)"},
      {"[default]\nrole_arn = r1\ncredential_source = Ec2\n",
       "profile default: credential_source Ec2 is not one of Environment, Ec2InstanceMetadata, EcsContainer"},
      {"[default]\naws_access_key_id = A\n",
       "profile default: aws_access_key_id is set without aws_secret_access_key"},
      {"[default]\naws_secret_access_key = TOPSECRET\n",
       "profile default: aws_secret_access_key is set without aws_access_key_id"},
      {"[default]\nrole_arn = r\nsource_profile = default\n",
       "profile default: is its own source_profile but holds no static keys"},
      {"[default]\nrole_arn = r\nsource_profile = b\n[b]\naws_access_key_id = B\naws_secret_access_key = s\n",
       "profile default: source_profile b not found"},  // "[b]" in the config file is not a profile
  };
  for (const auto& c : cases) {
    env_.files = {{kConfigPath, c.config}};
    auto status = Provider().Get().status();
    EXPECT_EQ(status.code(), StatusCode::kCredentials) << c.config;
    EXPECT_EQ(status.message(), c.message);
  }
  EXPECT_TRUE(sts_.sts->assume_role_calls.empty());
}

TEST_F(ProfileProviderTest, DurationOutOfRangeIsRefused) {
  env_.files[kCredentialsPath] = "[default]\naws_access_key_id = A\naws_secret_access_key = s\n"
                                 "role_arn = r\nsource_profile = default\nduration_seconds = 60\n";
  EXPECT_EQ(Provider().Get().status().message(),
            "profile default: duration_seconds must be a number of seconds from 900 to 43200");
}

TEST_F(ProfileProviderTest, CredentialSourceEnvironmentSignsTheRoleCall) {
  env_.variables = {{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "envsecret"}};
  env_.files[kConfigPath] = "[default]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Environment\n";
  ASSERT_TRUE(Provider().Get().ok());
  EXPECT_EQ(sts_.signers.at(0)->Get()->access_key_id, "AKIDENV");
}

TEST_F(ProfileProviderTest, CredentialSourceThatGivesNothingIsAnError) {
  env_.variables["AWS_EC2_METADATA_DISABLED"] = "true";
  env_.files[kConfigPath] = "[default]\nrole_arn = r\ncredential_source = Ec2InstanceMetadata\n";
  auto status = Provider().Get().status();
  EXPECT_EQ(status.code(), StatusCode::kCredentials);
  EXPECT_NE(status.message().find("credential_source Ec2InstanceMetadata gave no credentials"), std::string::npos);
}

TEST_F(ProfileProviderTest, CredentialSourceEcsContainerUsesTheMetadataTransport) {
  env_.variables["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/x";
  http_->Answer("GET", "http://169.254.170.2/v2/credentials/x", 200,
                R"({"AccessKeyId":"ASIAECS","SecretAccessKey":"s","Token":"t","Expiration":"2030-01-01T00:00:00Z"})");
  env_.files[kConfigPath] = "[default]\nrole_arn = r\ncredential_source = EcsContainer\n";
  ASSERT_TRUE(Provider().Get().ok());
  EXPECT_EQ(sts_.signers.at(0)->Get()->access_key_id, "ASIAECS");
}

TEST_F(ProfileProviderTest, WebIdentityTokenFileInProfile) {
  env_.files[kConfigPath] =
      "[default]\nrole_arn = arn:aws:iam::1:role/w\nweb_identity_token_file = /tokens/jwt\n";
  env_.files["/tokens/jwt"] = "profile-jwt";
  ASSERT_TRUE(Provider().Get().ok());
  ASSERT_EQ(sts_.sts->web_identity_calls.size(), 1u);
  EXPECT_EQ(sts_.sts->web_identity_calls[0].web_identity_token, "profile-jwt");
  EXPECT_EQ(sts_.signers.at(0), nullptr);
}

TEST_F(ProfileProviderTest, MalformedFileIsAnError) {
  env_.files[kCredentialsPath] = "[default]\njunk line\n";
  auto status = Provider().Get().status();
  EXPECT_EQ(status.code(), StatusCode::kCredentials);
  EXPECT_EQ(status.message(), "profile default: /home/test/.aws/credentials line 2: expected key = value");
}

}  // namespace
}  // namespace sagetrain
