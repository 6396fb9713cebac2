// ParseXml: the element tree STS answers and query-protocol errors are read from.
#include "aws/core/xml_tree.h"

#include <string>

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

TEST(XmlTreeTest, ElementsByLocalNameWithTheirOwnText) {
  const auto root = ParseXml(R"(<?xml version="1.0" encoding="UTF-8"?>
<sts:AssumeRoleResponse xmlns:sts="https://sts.amazonaws.com/doc/2011-06-15/">
  <sts:AssumeRoleResult>
    <Credentials attribute="ignored"><AccessKeyId>ASIA&amp;1</AccessKeyId><!-- a comment -->
      <SessionToken>to<![CDATA[<ken>]]>&#x21;</SessionToken></Credentials>
  </sts:AssumeRoleResult>
</sts:AssumeRoleResponse>)");
  ASSERT_TRUE(root.ok()) << root.status().ToString();
  EXPECT_EQ(root->name, "AssumeRoleResponse");
  const XmlElement* result = root->Child("AssumeRoleResult");
  ASSERT_NE(result, nullptr);
  const XmlElement* credentials = result->Child("Credentials");
  ASSERT_NE(credentials, nullptr);
  EXPECT_EQ(credentials->ChildText("AccessKeyId"), "ASIA&1");
  EXPECT_EQ(credentials->ChildText("SessionToken"), "to<ken>!");
  EXPECT_EQ(credentials->ChildText("Expiration"), "");
  EXPECT_EQ(root->Child("Credentials"), nullptr);  // a child, not a descendant
}

TEST(XmlTreeTest, FindIsTheElementItselfOrTheFirstBelowInDocumentOrder) {
  const auto root = ParseXml("<Response><Errors><Error><Code>First</Code></Error></Errors>"
                             "<Error><Code>Second</Code></Error><RequestId>r-1</RequestId></Response>");
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(root->Find("Response"), &*root);
  const XmlElement* error = root->Find("Error");
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(error->ChildText("Code"), "First");
  EXPECT_EQ(root->Find("RequestId")->text, "r-1");
  EXPECT_EQ(root->Find("Missing"), nullptr);
}

TEST(XmlTreeTest, WhatIsNotXmlIsRefusedSayingWhereAndNothingOfItsContent) {
  for (const std::string xml : {"", "not xml", "<a>SECRETKEY</b>", "<a><b></a>", "<a/><b/>", "{\"json\":1}"}) {
    const auto root = ParseXml(xml);
    ASSERT_FALSE(root.ok()) << xml;
    EXPECT_EQ(root.status().code(), StatusCode::kInternal);
    EXPECT_NE(root.status().message().find("not XML: "), std::string::npos) << root.status().message();
    EXPECT_NE(root.status().message().find(" at line "), std::string::npos) << root.status().message();
    EXPECT_EQ(root.status().message().find("SECRETKEY"), std::string::npos);
  }
}

TEST(XmlTreeTest, ADoctypeIsRefusedSoNoEntityIsExpanded) {
  // The "billion laughs": each entity ten of the one before.
  std::string xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">";
  for (int i = 1; i < 10; ++i) {
    xml += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) xml += i == 1 ? "&lol;" : "&lol" + std::to_string(i - 1) + ";";
    xml += "\">";
  }
  xml += "]><lolz>&lol9;</lolz>";
  const auto root = ParseXml(xml);
  ASSERT_FALSE(root.ok());
  EXPECT_NE(root.status().message().find("DOCTYPE"), std::string::npos) << root.status().message();
  EXPECT_FALSE(ParseXml("<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a/>").ok());
}

TEST(XmlTreeTest, NestingIsBounded) {
  const auto nested = [](int depth) {
    std::string xml;
    for (int i = 0; i < depth; ++i) xml += "<e>";
    for (int i = 0; i < depth; ++i) xml += "</e>";
    return xml;
  };
  EXPECT_TRUE(ParseXml(nested(kMaxXmlDepth)).ok());
  const auto deep = ParseXml(nested(kMaxXmlDepth + 1));
  ASSERT_FALSE(deep.ok());
  EXPECT_NE(deep.status().message().find("nested more than"), std::string::npos) << deep.status().message();
  EXPECT_FALSE(ParseXml(nested(100000)).ok());
  // Refused at an empty element, whose end expat still reports after the stop.
  EXPECT_FALSE(ParseXml(nested(kMaxXmlDepth).insert(3 * kMaxXmlDepth, "<empty/>")).ok());
}

}  // namespace
}  // namespace sagetrain
