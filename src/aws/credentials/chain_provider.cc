#include "aws/credentials/chain_provider.h"

#include "aws/credentials/provider_status.h"

namespace sagetrain {

StatusOr<Credentials> ChainCredentialsProvider::Get() {
  if (winner_) {
    auto creds = winner_->Get();
    if (creds.ok() || !IsNotConfigured(creds.status())) return creds;
    winner_.reset();
  }
  std::string tried;
  for (const auto& provider : providers_) {
    auto creds = provider->Get();
    if (creds.ok()) {
      winner_ = provider;
      return creds;
    }
    if (!IsNotConfigured(creds.status())) return creds.status();
    tried += (tried.empty() ? "" : "; ") + provider->Name() + " (" + creds.status().message() + ")";
  }
  return Status(StatusCode::kCredentials,
                "no AWS credentials found. Tried, in order: " + tried +
                    ". Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, use IRSA or EKS Pod Identity, or "
                    "configure a profile");
}

std::string ChainCredentialsProvider::Name() const {
  return winner_ ? winner_->Name() : std::string("default credentials chain");
}

}  // namespace sagetrain
