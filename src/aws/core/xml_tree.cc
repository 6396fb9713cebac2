#include "aws/core/xml_tree.h"

#include <expat.h>

#include <memory>

namespace sagetrain {
namespace {

std::string_view LocalName(std::string_view name) {
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// Expat's callbacks build the tree: `open` holds the elements started and not yet ended, innermost
// last (each points into its parent's children, which do not move while it is open: a parent only
// gains children after its open child has ended).
struct TreeBuilder {
  XML_Parser parser = nullptr;
  XmlElement root;  // a holder: the document element is its one child
  std::vector<XmlElement*> open{&root};
  std::string refusal;  // why the builder stopped the parse, when it did

  // Expat may still call a handler or two after a stop (the end of an empty element refused in its
  // start): they must change nothing then.
  bool stopped() const { return !refusal.empty(); }
  void Refuse(std::string why) {
    refusal = std::move(why);
    XML_StopParser(parser, XML_FALSE);
  }
};

extern "C" void OnStart(void* user, const XML_Char* name, const XML_Char** /*attributes*/) {
  auto& builder = *static_cast<TreeBuilder*>(user);
  if (builder.stopped()) return;
  if (builder.open.size() > static_cast<std::size_t>(kMaxXmlDepth)) {
    return builder.Refuse("elements nested more than " + std::to_string(kMaxXmlDepth) + " deep");
  }
  XmlElement& parent = *builder.open.back();
  parent.children.push_back(XmlElement{std::string(LocalName(name)), {}, {}});
  builder.open.push_back(&parent.children.back());
}

extern "C" void OnEnd(void* user, const XML_Char* /*name*/) {
  auto& builder = *static_cast<TreeBuilder*>(user);
  if (!builder.stopped()) builder.open.pop_back();
}

extern "C" void OnText(void* user, const XML_Char* text, int length) {
  auto& builder = *static_cast<TreeBuilder*>(user);
  if (!builder.stopped()) builder.open.back()->text.append(text, static_cast<std::size_t>(length));
}

extern "C" void OnDoctype(void* user, const XML_Char* /*name*/, const XML_Char* /*system_id*/,
                          const XML_Char* /*public_id*/, int /*has_internal_subset*/) {
  static_cast<TreeBuilder*>(user)->Refuse("a DOCTYPE (entities are not accepted)");
}

struct ParserDeleter {
  void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};

}  // namespace

const XmlElement* XmlElement::Child(std::string_view local_name) const {
  for (const XmlElement& child : children) {
    if (child.name == local_name) return &child;
  }
  return nullptr;
}

std::string XmlElement::ChildText(std::string_view local_name) const {
  const XmlElement* child = Child(local_name);
  return child == nullptr ? std::string() : child->text;
}

const XmlElement* XmlElement::Find(std::string_view local_name) const {
  if (name == local_name) return this;
  for (const XmlElement& child : children) {
    if (const XmlElement* found = child.Find(local_name)) return found;
  }
  return nullptr;
}

StatusOr<XmlElement> ParseXml(std::string_view xml) {
  // No namespace processing: names come as written, prefix included, and LocalName drops it.
  const std::unique_ptr<XML_ParserStruct, ParserDeleter> parser(XML_ParserCreate(nullptr));
  if (parser == nullptr) return Status(StatusCode::kInternal, "out of memory creating an XML parser");
  TreeBuilder builder;
  builder.parser = parser.get();
  XML_SetUserData(parser.get(), &builder);
  XML_SetElementHandler(parser.get(), &OnStart, &OnEnd);
  XML_SetCharacterDataHandler(parser.get(), &OnText);
  XML_SetStartDoctypeDeclHandler(parser.get(), &OnDoctype);
  XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
  // Expat takes an int length: bigger input (no AWS answer comes near) is refused, not cut.
  if (xml.size() > static_cast<std::size_t>(INT32_MAX)) return Status(StatusCode::kInternal, "XML larger than 2 GiB");
  if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE) != XML_STATUS_OK) {
    const std::string why = builder.refusal.empty() ? XML_ErrorString(XML_GetErrorCode(parser.get()))
                                                    : builder.refusal;
    return Status(StatusCode::kInternal, "not XML: " + why + " at line " +
                                             std::to_string(XML_GetCurrentLineNumber(parser.get())));
  }
  // A document that parsed has exactly one document element.
  return std::move(builder.root.children.front());
}

}  // namespace sagetrain
