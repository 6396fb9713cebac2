#include "aws/credentials/profile_provider.h"

#include <algorithm>

#include "aws/credentials/container_provider.h"
#include "aws/credentials/credentials_format.h"
#include "aws/credentials/environment_provider.h"
#include "aws/credentials/imds_provider.h"
#include "aws/credentials/provider_status.h"
#include "aws/credentials/static_provider.h"
#include "aws/credentials/web_identity_provider.h"

namespace sagetrain {
namespace {

std::string Setting(const IniSection& profile, const char* key) {
  auto it = profile.find(key);
  return it == profile.end() ? std::string() : it->second;
}

bool HasStaticKeys(const IniSection& profile) {
  return !Setting(profile, "aws_access_key_id").empty() || !Setting(profile, "aws_secret_access_key").empty();
}

Status ProfileError(const std::string& name, const std::string& what) {
  return Status(StatusCode::kCredentials, "profile " + name + ": " + what);
}

StatusOr<Credentials> StaticKeys(const IniSection& profile, const std::string& name) {
  Credentials creds;
  creds.access_key_id = Setting(profile, "aws_access_key_id");
  creds.secret_access_key = Setting(profile, "aws_secret_access_key");
  creds.session_token = Setting(profile, "aws_session_token");
  creds.provider = "profile " + name;
  if (creds.access_key_id.empty()) return ProfileError(name, "aws_secret_access_key is set without aws_access_key_id");
  if (creds.secret_access_key.empty()) return ProfileError(name, "aws_access_key_id is set without aws_secret_access_key");
  return creds;
}

std::string Join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string joined;
  for (const auto& part : parts) joined += (joined.empty() ? "" : separator) + part;
  return joined;
}

}  // namespace

StatusOr<Credentials> ProfileCredentialsProvider::Get() {
  const std::string name = SelectedProfileName(env_);
  const bool named_explicitly = env_.GetNonEmpty("AWS_PROFILE").has_value();
  auto files = LoadProfileFiles(env_);
  if (!files.ok()) return files.status().WithContext(Name());
  auto it = files->profiles.find(name);
  if (it == files->profiles.end()) {
    const std::string where = files->paths_read.empty() ? "no file at " + Join(files->paths_tried, " or ")
                                                        : "not in " + Join(files->paths_read, " or ");
    // The SDKs fail rather than silently use other credentials than the ones the user asked for.
    if (named_explicitly) return ProfileError(name, "named by AWS_PROFILE but not found (" + where + ")");
    return NotConfigured("no profile " + name + " (" + where + ")");
  }
  if (Setting(it->second, "role_arn").empty() && !HasStaticKeys(it->second)) {
    return NotConfigured("profile " + name + " holds no credentials (aws_access_key_id or role_arn)");
  }
  std::vector<std::string> visiting;
  auto creds = Resolve(*files, name, visiting);
  if (!creds.ok()) return creds.status();
  creds->provider = Name();
  return creds;
}

StatusOr<Credentials> ProfileCredentialsProvider::Resolve(const ProfileFiles& files, const std::string& name,
                                                          std::vector<std::string>& visiting) {
  const IniSection& profile = files.profiles.at(name);
  const std::string role_arn = Setting(profile, "role_arn");
  if (role_arn.empty()) {
    if (HasStaticKeys(profile)) return StaticKeys(profile, name);
    return ProfileError(name, "holds no credentials (aws_access_key_id or role_arn)");
  }
  if (std::find(visiting.begin(), visiting.end(), name) != visiting.end()) {
    visiting.push_back(name);
    return ProfileError(visiting.front(), "source_profile cycle: " + Join(visiting, " -> "));
  }
  visiting.push_back(name);
  if (const std::string token_file = Setting(profile, "web_identity_token_file"); !token_file.empty()) {
    std::string session = Setting(profile, "role_session_name");
    if (session.empty()) session = DefaultRoleSessionName(clock_.Now());
    auto sts = sts_factory_(nullptr);
    return AssumeRoleWithWebIdentityTokenFile(env_, *sts, role_arn, token_file, session);
  }
  auto source = SourceCredentials(files, name, visiting);
  if (!source.ok()) return source.status();
  return AssumeRole(profile, name, *source);
}

StatusOr<Credentials> ProfileCredentialsProvider::SourceCredentials(const ProfileFiles& files,
                                                                    const std::string& name,
                                                                    std::vector<std::string>& visiting) {
  const IniSection& profile = files.profiles.at(name);
  const std::string source_profile = Setting(profile, "source_profile");
  const std::string credential_source = Setting(profile, "credential_source");
  if (!source_profile.empty() && !credential_source.empty()) {
    return ProfileError(name, "sets both source_profile and credential_source; set one");
  }
  if (!credential_source.empty()) return CredentialSource(name, credential_source);
  if (source_profile.empty()) {
    return ProfileError(name, "has role_arn but no source_profile, credential_source or web_identity_token_file");
  }
  if (source_profile == name) {
    // A role profile naming itself signs the AssumeRole call with its own static keys.
    if (!HasStaticKeys(profile)) return ProfileError(name, "is its own source_profile but holds no static keys");
    return StaticKeys(profile, name);
  }
  if (files.profiles.find(source_profile) == files.profiles.end()) {
    return ProfileError(name, "source_profile " + source_profile + " not found");
  }
  return Resolve(files, source_profile, visiting);
}

StatusOr<Credentials> ProfileCredentialsProvider::CredentialSource(const std::string& profile,
                                                                   const std::string& source) {
  std::unique_ptr<CredentialsProvider> provider;
  if (source == "Environment") {
    provider = std::make_unique<EnvironmentCredentialsProvider>(env_);
  } else if (source == "Ec2InstanceMetadata") {
    provider = std::make_unique<ImdsCredentialsProvider>(env_, metadata_transport_);
  } else if (source == "EcsContainer") {
    provider = std::make_unique<ContainerCredentialsProvider>(env_, metadata_transport_);
  } else {
    return ProfileError(profile, "credential_source " + source +
                                     " is not one of Environment, Ec2InstanceMetadata, EcsContainer");
  }
  auto creds = provider->Get();
  if (!creds.ok() && IsNotConfigured(creds.status())) {
    return ProfileError(profile, "credential_source " + source + " gave no credentials: " + creds.status().message());
  }
  return creds;
}

StatusOr<Credentials> ProfileCredentialsProvider::AssumeRole(const IniSection& profile, const std::string& name,
                                                             const Credentials& source) {
  AssumeRoleRequest request;
  request.role_arn = Setting(profile, "role_arn");
  request.session_name = Setting(profile, "role_session_name");
  if (request.session_name.empty()) request.session_name = DefaultRoleSessionName(clock_.Now());
  request.external_id = Setting(profile, "external_id");
  if (const std::string duration = Setting(profile, "duration_seconds"); !duration.empty()) {
    const bool digits = duration.size() <= 6 && std::all_of(duration.begin(), duration.end(),
                                                            [](char c) { return c >= '0' && c <= '9'; });
    const long seconds = digits ? std::stol(duration) : 0;
    if (seconds < 900 || seconds > 43200) {
      return ProfileError(name, "duration_seconds must be a number of seconds from 900 to 43200");
    }
    request.duration = std::chrono::seconds(seconds);
  }
  auto sts = sts_factory_(std::make_shared<StaticCredentialsProvider>(source));
  return sts->AssumeRole(request);
}

}  // namespace sagetrain
