// The JSON document tree and its SAX builder (see json_dom.h).
#include "json_dom.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace fusevm::detail {

const JsonNode* JsonNode::member(std::string_view key) const {
  for (const auto& [k, v] : members)
    if (k == key) return &v;
  return nullptr;
}

std::string JsonNode::describe() const {
  switch (kind) {
    case Kind::Null:
      return "null";
    case Kind::Bool:
      return b ? "true" : "false";
    case Kind::Int:
      return std::to_string(i);
    case Kind::UInt:
      return std::to_string(u);
    case Kind::Float:
      return text;
    case Kind::String: {
      std::string shown = text.size() > 40 ? text.substr(0, 40) + "..." : text;
      return "the string \"" + shown + "\"";
    }
    case Kind::Array:
      return "an array";
    case Kind::Object:
      return "an object";
  }
  return "?";
}

namespace {

// Line and column (1-based) of a byte offset.
std::string position_of(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

class TreeBuilder : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit TreeBuilder(uint32_t max_depth) : max_depth_(max_depth) {}

  bool null() override { return add(JsonNode{}); }
  bool boolean(bool val) override {
    JsonNode n;
    n.kind = JsonNode::Kind::Bool;
    n.b = val;
    return add(std::move(n));
  }
  bool number_integer(number_integer_t val) override {
    JsonNode n;
    n.kind = JsonNode::Kind::Int;
    n.i = val;
    return add(std::move(n));
  }
  bool number_unsigned(number_unsigned_t val) override {
    JsonNode n;
    if (val <= static_cast<uint64_t>(INT64_MAX)) {
      n.kind = JsonNode::Kind::Int;
      n.i = static_cast<int64_t>(val);
    } else {
      n.kind = JsonNode::Kind::UInt;
      n.u = val;
    }
    return add(std::move(n));
  }
  bool number_float(number_float_t val, const string_t& s) override {
    if (!std::isfinite(val)) return fail("number out of range: " + s);
    JsonNode n;
    n.kind = JsonNode::Kind::Float;
    n.f = val;
    n.text = s;
    return add(std::move(n));
  }
  bool string(string_t& val) override {
    JsonNode n;
    n.kind = JsonNode::Kind::String;
    n.text = std::move(val);
    return add(std::move(n));
  }
  bool binary(binary_t&) override { return fail("binary values are not JSON"); }
  bool start_object(std::size_t) override { return open(JsonNode::Kind::Object); }
  bool key(string_t& val) override {
    open_.back()->members.push_back(JsonNode::Member{std::move(val), JsonNode{}});
    return true;
  }
  bool end_object() override {
    open_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override { return open(JsonNode::Kind::Array); }
  bool end_array() override {
    open_.pop_back();
    return true;
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    error_position_ = position;
    // nlohmann's messages look like "[json.exception.parse_error.101] parse error at line 1,
    // column 5: syntax error while parsing value - unexpected ']'"; we report the position
    // ourselves, so keep only the description.
    std::string what = ex.what();
    if (what.rfind('[', 0) == 0) {
      auto close = what.find("] ");
      if (close != std::string::npos) what = what.substr(close + 2);
    }
    if (what.rfind("parse error", 0) == 0) {
      auto cut = what.find(": ");
      if (cut != std::string::npos) what = what.substr(cut + 2);
    }
    error_ = what;
    return false;
  }

  JsonNode& root() { return root_; }
  const std::string& error() const { return error_; }
  size_t error_position() const { return error_position_; }
  bool failed_in_handler() const { return handler_failed_; }

 private:
  bool fail(std::string message) {
    error_ = std::move(message);
    handler_failed_ = true;
    return false;
  }
  // Where the next value goes: the root, the last member of an object, or a new array item.
  JsonNode* slot() {
    if (open_.empty()) return &root_;
    JsonNode* top = open_.back();
    if (top->kind == JsonNode::Kind::Object) return &top->members.back().second;
    top->items.emplace_back();
    return &top->items.back();
  }
  bool add(JsonNode&& n) {
    *slot() = std::move(n);
    return true;
  }
  bool open(JsonNode::Kind kind) {
    if (open_.size() >= max_depth_)
      return fail("nesting deeper than " + std::to_string(max_depth_) + " levels");
    JsonNode* n = slot();
    n->kind = kind;
    open_.push_back(n);
    return true;
  }

  uint32_t max_depth_;
  JsonNode root_;
  std::vector<JsonNode*> open_;
  std::string error_;
  size_t error_position_ = 0;
  bool handler_failed_ = false;
};

}  // namespace

Result<JsonNode> parse_json(std::string_view text, uint32_t max_depth) {
  TreeBuilder builder(max_depth);
  bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &builder,
                                      nlohmann::json::input_format_t::json, true);
  if (ok) return std::move(builder.root());
  if (builder.failed_in_handler()) {
    return Result<JsonNode>(ErrorCode::ParseError, "invalid JSON: " + builder.error());
  }
  return Result<JsonNode>(ErrorCode::ParseError,
                          "invalid JSON at " + position_of(text, builder.error_position()) +
                              ": " + builder.error());
}

}  // namespace fusevm::detail
