#include "spec/builtin_algorithms.h"

#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "spec/builtin_registry_data.h"

namespace sagetrain {
namespace {

nlohmann::json ReadConfig(const std::string& framework) {
  std::ifstream in("third_party/aws/image_uri_config/" + framework + ".json");
  EXPECT_TRUE(in.good()) << "run from the project root; missing " << framework;
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

// The compiled-in table is generated; it must still say exactly what the SDK's JSON says.
TEST(BuiltinRegistryDataTest, TableEqualsImageUriConfigJson) {
  std::map<std::string, int> entries_per_framework;
  for (const auto& entry : BuiltinAlgorithmImageTable()) {
    const std::string framework(entry.framework);
    ++entries_per_framework[framework];
    nlohmann::json config = ReadConfig(framework);
    const nlohmann::json& scope = config.contains("training") ? config["training"] : config;
    const nlohmann::json& version = scope["versions"][std::string(entry.version)];
    ASSERT_TRUE(version.is_object()) << framework << " " << entry.version;
    EXPECT_EQ(version["repository"], std::string(entry.repository));
    const auto processors = version.value("processors", nlohmann::json::array());
    const std::string processor = processors.size() == 1 ? processors[0].get<std::string>() : "";
    EXPECT_EQ(processor, std::string(entry.processor));
    const auto py_versions = version.value("py_versions", nlohmann::json::array());
    const std::string py_version = py_versions.size() == 1 ? py_versions[0].get<std::string>() : "";
    EXPECT_EQ(py_version, std::string(entry.py_version));
    std::map<std::string, std::string> table;
    for (const auto& registry : entry.registries) table[std::string(registry.region)] = std::string(registry.account);
    using RegionAccounts = std::map<std::string, std::string>;
    EXPECT_EQ(version["registries"].get<RegionAccounts>(), table) << framework << " " << entry.version;
  }
  EXPECT_EQ(entries_per_framework.size(), 17u);
  for (const auto& [framework, count] : entries_per_framework) {
    nlohmann::json config = ReadConfig(framework);
    const nlohmann::json& scope = config.contains("training") ? config["training"] : config;
    EXPECT_EQ(static_cast<std::size_t>(count), scope["versions"].size()) << framework;
  }
}

struct ImageCase {
  const char* name;
  const char* region;
  const char* uri;
};

TEST(BuiltinAlgorithmsTest, ResolvesOriginalNamesToRegionalImages) {
  const ImageCase cases[] = {
      {"k-means", "us-east-1", "382416733822.dkr.ecr.us-east-1.amazonaws.com/kmeans:1"},
      {"K-Means", "eu-west-1", "438346466558.dkr.ecr.eu-west-1.amazonaws.com/kmeans:1"},
      {"  kmeans ", "cn-north-1", "390948362332.dkr.ecr.cn-north-1.amazonaws.com.cn/kmeans:1"},
      {"xgboost:1.7-1", "us-east-1", "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"},
      {"xgboost:1.7-1", "eu-west-1", "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1"},
      {"xgboost:1.7-1", "cn-north-1", "450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1"},
      {"xgboost", "us-east-1", "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:3.0-5"},
      {"xgboost:1.0-1", "us-east-1", "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.0-1-cpu-py3"},
      {"xgboost:1", "us-east-1", "811284229777.dkr.ecr.us-east-1.amazonaws.com/xgboost:1"},
      {"xgboost:latest", "us-east-1", "811284229777.dkr.ecr.us-east-1.amazonaws.com/xgboost:latest"},
  };
  for (const auto& c : cases) {
    auto ref = ParseBuiltinAlgorithmName(c.name);
    ASSERT_TRUE(ref.has_value()) << c.name;
    auto uri = BuiltinAlgorithmImageUri(*ref, c.region);
    ASSERT_TRUE(uri.ok()) << c.name << ": " << uri.status().message();
    EXPECT_EQ(*uri, c.uri) << c.name << " in " << c.region;
  }
}

TEST(BuiltinAlgorithmsTest, EveryOriginalNameMapsToItsRepository) {
  const std::pair<const char*, const char*> cases[] = {
      {"blazingtext", "blazingtext"}, {"deepar forecasting", "forecasting-deepar"},
      {"factorization machines", "factorization-machines"}, {"image classification", "image-classification"},
      {"ip insights", "ipinsights"}, {"k-means", "kmeans"}, {"k-nearest neighbors", "knn"}, {"k-nn", "knn"},
      {"lda", "lda"}, {"linear learner", "linear-learner"}, {"neural topic model", "ntm"},
      {"object2vec", "object2vec"}, {"object detection", "object-detection"}, {"pca", "pca"},
      {"random cut forest", "randomcutforest"}, {"semantic segmentation", "semantic-segmentation"},
      {"sequence to sequence", "seq2seq"}, {"seq2seq modeling", "seq2seq"}, {"xgboost", "sagemaker-xgboost"},
  };
  for (const auto& [name, repository] : cases) {
    auto ref = ParseBuiltinAlgorithmName(name);
    ASSERT_TRUE(ref.has_value()) << name;
    auto uri = BuiltinAlgorithmImageUri(*ref, "us-west-2");
    ASSERT_TRUE(uri.ok()) << name << ": " << uri.status().message();
    EXPECT_NE(uri->find(std::string(".dkr.ecr.us-west-2.amazonaws.com/") + repository + ":"), std::string::npos)
        << *uri;
  }
}

TEST(BuiltinAlgorithmsTest, OtherNamesAreAlgorithmResources) {
  for (const char* name : {"my-algorithm", "kmeans2", "arn:aws:sagemaker:us-east-1:123456789012:algorithm/x",
                           "linear", "k means", "tensorflow:2.1"}) {
    EXPECT_FALSE(ParseBuiltinAlgorithmName(name).has_value()) << name;
  }
}

TEST(BuiltinAlgorithmsTest, UnsupportedRegionAndVersionAreErrorsListingAlternatives) {
  auto lda = BuiltinAlgorithmImageUri(*ParseBuiltinAlgorithmName("lda"), "af-south-1");
  ASSERT_FALSE(lda.ok());
  EXPECT_EQ(lda.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(lda.status().message().find("us-east-1"), std::string::npos) << lda.status().message();

  auto version = BuiltinAlgorithmImageUri(*ParseBuiltinAlgorithmName("xgboost:9.9-9"), "us-east-1");
  ASSERT_FALSE(version.ok());
  EXPECT_NE(version.status().message().find("1.7-1"), std::string::npos) << version.status().message();

  auto empty = BuiltinAlgorithmImageUri(*ParseBuiltinAlgorithmName("xgboost:"), "us-east-1");
  EXPECT_FALSE(empty.ok());
}

TEST(BuiltinAlgorithmsTest, HostnameSuffixFollowsThePartition) {
  // Every region the data lists for kmeans forms a URI with its partition's suffix.
  for (const auto& entry : BuiltinAlgorithmImageTable()) {
    if (entry.framework != "kmeans") continue;
    for (const auto& registry : entry.registries) {
      const std::string region(registry.region);
      auto uri = BuiltinAlgorithmImageUri({"kmeans", std::nullopt}, region);
      ASSERT_TRUE(uri.ok()) << region;
      std::string suffix = ".amazonaws.com/";
      if (region.starts_with("cn-")) suffix = ".amazonaws.com.cn/";
      if (region.starts_with("us-iso-")) suffix = ".c2s.ic.gov/";
      if (region.starts_with("us-isob-")) suffix = ".sc2s.sgov.gov/";
      if (region.starts_with("us-isof-")) suffix = ".csp.hci.ic.gov/";
      if (region.starts_with("eu-isoe-")) suffix = ".cloud.adc-e.uk/";
      EXPECT_NE(uri->find(std::string(registry.account) + ".dkr.ecr." + region + suffix), std::string::npos) << *uri;
    }
  }
}

TEST(BuiltinAlgorithmsTest, DefaultXgboostIsTheHighestFrameworkVersion) {
  EXPECT_EQ(DefaultXgboostVersion(), "3.0-5");
  auto versions = XgboostVersions();
  EXPECT_EQ(versions.front(), "1");
  EXPECT_EQ(versions.back(), "latest");
}

}  // namespace
}  // namespace sagetrain
