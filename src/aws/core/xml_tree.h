#pragma once
// The small XML answers of the AWS query protocol (STS credentials, query errors) as a tree of
// elements: each with its local name (a namespace prefix dropped: "sts:Credentials" is
// "Credentials"), the text directly inside it and its child elements. Parsed with expat (Debian's
// libexpat, linked in). Attributes, comments and processing instructions are dropped. A document
// with a DOCTYPE is refused, so no entity is ever declared or expanded; nesting deeper than
// kMaxXmlDepth is refused too. Values; pure; thread-safe.
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sagetrain {

// AWS answers nest 4 deep; the bound keeps the tree (and its recursive destruction) small.
inline constexpr int kMaxXmlDepth = 64;

struct XmlElement {
  std::string name;  // the local name
  std::string text;  // the character data directly inside it (CDATA included), pieces joined
  std::vector<XmlElement> children;

  // The first child element named `local_name`, or null.
  const XmlElement* Child(std::string_view local_name) const;
  // That child's text, or "" when there is none.
  std::string ChildText(std::string_view local_name) const;
  // This element if it is named `local_name`, else the first so named below it in document order
  // (XPath's //name from here), or null.
  const XmlElement* Find(std::string_view local_name) const;
};

// The document element of `xml`; kInternal naming what is wrong (and where) if it is not XML.
StatusOr<XmlElement> ParseXml(std::string_view xml);

}  // namespace sagetrain
