#include "aws/credentials/ini_file.h"

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

TEST(IniFileTest, ParsesSectionsKeysCommentsAndBlanks) {
  const char* text =
      "# a comment\n"
      "; another\n"
      "\n"
      "[default]\n"
      "  AWS_Access_Key_ID =  AKID  \r\n"
      "aws_secret_access_key=abc/def+ghi==\n"
      "region = us-west-2 # inline comment\n"
      "odd = value#not-a-comment\n"
      "[profile dev] ; trailing\n"
      "role_arn = arn:aws:iam::1:role/dev\n"
      "s3 =\n"
      "  max_concurrent_requests = 20\n"
      "  multipart_threshold = 64MB\n"
      "output = json\n"
      "[default]\n"
      "region = eu-west-1";
  auto sections = ParseIni(text, "config");
  ASSERT_TRUE(sections.ok()) << sections.status().ToString();
  const IniSection& def = sections->at("default");
  EXPECT_EQ(def.at("aws_access_key_id"), "AKID");
  EXPECT_EQ(def.at("aws_secret_access_key"), "abc/def+ghi==");
  EXPECT_EQ(def.at("region"), "eu-west-1");  // the repeated section merged, later wins
  EXPECT_EQ(def.at("odd"), "value#not-a-comment");
  const IniSection& dev = sections->at("profile dev");
  EXPECT_EQ(dev.at("role_arn"), "arn:aws:iam::1:role/dev");
  EXPECT_EQ(dev.at("s3"), "");
  EXPECT_EQ(dev.count("max_concurrent_requests"), 0u);  // nested settings skipped
  EXPECT_EQ(dev.at("output"), "json");
}

TEST(IniFileTest, MalformedLinesNameFileAndLineButNotTheContent) {
  struct Case { const char* text; const char* fragment; };
  const Case cases[] = {
      {"[default]\nwJalrXUtnFEMISECRET\n", "credentials line 2: expected key = value"},
      {"aws_access_key_id = A\n", "credentials line 1: a setting appears before any [section]"},
      {"[default\n", "credentials line 1: a section header lacks its ']'"},
      {"[ ]\n", "credentials line 1: a section header has no name"},
      {"[default]\n = v\n", "credentials line 2: a setting has no name"},
  };
  for (const auto& c : cases) {
    auto sections = ParseIni(c.text, "credentials");
    ASSERT_FALSE(sections.ok()) << c.text;
    EXPECT_EQ(sections.status().code(), StatusCode::kCredentials);
    EXPECT_EQ(sections.status().message(), c.fragment);
  }
}

TEST(IniFileTest, EmptyTextHasNoSections) {
  auto sections = ParseIni("", "f");
  ASSERT_TRUE(sections.ok());
  EXPECT_TRUE(sections->empty());
}

}  // namespace
}  // namespace sagetrain
