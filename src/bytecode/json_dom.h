// A small JSON document tree built from nlohmann's SAX parser.
//
// We do not use nlohmann::json as the tree because the chunk format needs what its DOM drops:
// duplicate object members must be detected (serde rejects a duplicate struct field), integers
// must stay exact and distinct from floats (`5` vs `5.0`), and nesting must be bounded while
// parsing. Parsing itself (tokens, escapes, UTF-8 validation, correctly rounded numbers) is
// nlohmann's.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fusevm/status.h"

namespace fusevm::detail {

struct JsonNode {
  enum class Kind : uint8_t { Null, Bool, Int, UInt, Float, String, Array, Object };

  Kind kind = Kind::Null;
  bool b = false;
  int64_t i = 0;   // Int (any integer that fits int64)
  uint64_t u = 0;  // UInt (integers above INT64_MAX)
  double f = 0.0;  // Float
  std::string text;  // String contents, or the source text of a Float
  struct Member;
  std::vector<JsonNode> items;  // Array
  std::vector<Member> members;  // Object, duplicates kept

  bool is_integer() const { return kind == Kind::Int || kind == Kind::UInt; }
  bool is_number() const { return is_integer() || kind == Kind::Float; }
  /// The first member named `key`, or nullptr.
  const JsonNode* member(std::string_view key) const;
  /// A short description for messages: "an integer", "5.0", "a string", ...
  std::string describe() const;
};

struct JsonNode::Member {
  std::string first;  // the key
  JsonNode second;    // the value
};

/// Parses `text`, refusing nesting deeper than `max_depth` brackets. Errors carry line:column.
Result<JsonNode> parse_json(std::string_view text, uint32_t max_depth);

}  // namespace fusevm::detail
