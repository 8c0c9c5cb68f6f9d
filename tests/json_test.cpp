// The serde JSON format: the rules of ORIGINAL-BEHAVIOUR.md §4, errors, and hostile input.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "fusevm/builder.h"
#include "fusevm/formats.h"

namespace fusevm {
namespace {

std::string wrap_ops(std::string_view ops, std::string_view constants = "") {
  return R"({"ops":[)" + std::string(ops) + R"(],"constants":[)" + std::string(constants) +
         R"(],"names":[],"lines":[],"sub_entries":[],"block_ranges":[],"sub_chunks":[],"source":""})";
}

Chunk load_ok(std::string_view json) {
  auto r = chunk_from_json(json);
  EXPECT_TRUE(r.ok()) << r.message();
  return r.ok() ? std::move(r).value() : Chunk{};
}

std::string load_error(std::string_view json) {
  auto r = chunk_from_json(json);
  EXPECT_FALSE(r.ok()) << "expected an error for " << json;
  return r.message();
}

TEST(Json, ReadsEveryOpShape) {
  Chunk c = load_ok(wrap_ops(
      R"("Add", {"Sub": null}, {"LoadInt": -9223372036854775808}, {"LoadFloat": 5},
         {"Call": [3, 2]}, {"SlotLtIntJumpIfFalse": [1, -7, 18446744073709551615]},
         {"ConcatConstLoop": [1, 0, 1, 1000000]}, {"ExtendedWide": [40040, 0]})"));
  ASSERT_EQ(c.ops.size(), 8u);
  EXPECT_EQ(c.ops[0], ins::Add());
  EXPECT_EQ(c.ops[1], ins::Sub());
  EXPECT_EQ(c.ops[2], ins::LoadInt(INT64_MIN));
  EXPECT_EQ(c.ops[3], ins::LoadFloat(5.0));
  EXPECT_EQ(c.ops[4], ins::Call(3, 2));
  EXPECT_EQ(c.ops[5].integer(1), -7);
  EXPECT_EQ(c.ops[5].raw(2), UINT64_MAX);
  EXPECT_EQ(c.ops[6], ins::ConcatConstLoop(1, 0, 1, 1000000));
  EXPECT_EQ(c.ops[7], ins::ExtendedWide(40040, 0));
  EXPECT_NE(c.content_hash, 0u);
}

TEST(Json, ReadsEveryValueVariant) {
  Chunk c = load_ok(wrap_ops("", R"("Undef", {"Undef": null}, {"Bool": true},
      {"Int": 9223372036854775807}, {"Float": -0.0}, {"Float": 3}, {"Str": "h\u00e9\n"},
      {"Array": [{"Int": 1}, "Undef"]}, {"Hash": {"b": {"Int": 2}, "a": {"Int": 1}}},
      {"Status": -3}, {"Ref": {"Int": 5}}, {"NativeFn": 65535})"));
  ASSERT_EQ(c.constants.size(), 12u);
  EXPECT_TRUE(c.constants[0].is_undef());
  EXPECT_TRUE(c.constants[1].is_undef());
  EXPECT_TRUE(c.constants[2].as_bool());
  EXPECT_EQ(c.constants[3].as_int(), INT64_MAX);
  EXPECT_TRUE(std::signbit(c.constants[4].as_float()));
  EXPECT_EQ(c.constants[5].as_float(), 3.0);
  EXPECT_EQ(c.constants[6].as_str(), "h\xc3\xa9\n");
  EXPECT_EQ(c.constants[7].as_array().size(), 2u);
  auto it = c.constants[8].as_hash().begin();
  EXPECT_EQ(it->key.as_str(), "b") << "hash order is the document's";
  EXPECT_EQ(c.constants[9].as_status(), -3);
  EXPECT_EQ(c.constants[10].as_ref().as_int(), 5);
  EXPECT_EQ(c.constants[11].as_native_fn(), 65535);
}

TEST(Json, RejectsWhatSerdeRejects) {
  const std::string base = wrap_ops("");
  EXPECT_NE(load_error(R"({"ops":[],"constants":[],"names":[],"lines":[],"sub_entries":[],
      "block_ranges":[],"sub_chunks":[]})").find("missing field `source`"), std::string::npos);
  EXPECT_NE(load_error(R"({"ops":[],"ops":[],"constants":[],"names":[],"lines":[],"sub_entries":[],
      "block_ranges":[],"sub_chunks":[],"source":""})").find("duplicate field `ops`"), std::string::npos);
  EXPECT_NE(load_error(wrap_ops(R"({"LoadInt": 5.0})")).find("expected an integer"), std::string::npos);
  EXPECT_NE(load_error(wrap_ops(R"({"GetVar": 70000})")).find("out of range for u16"), std::string::npos);
  EXPECT_NE(load_error(wrap_ops(R"({"Jump": -1})")).find("usize"), std::string::npos);
  EXPECT_NE(load_error(wrap_ops(R"("Nope")")).find("unknown op `Nope`"), std::string::npos);
  EXPECT_NE(load_error(wrap_ops(R"("LoadInt")")).find("needs a payload"), std::string::npos);
  EXPECT_NE(load_error(wrap_ops(R"({"Add": 1})")).find("takes no payload"), std::string::npos);
  EXPECT_NE(load_error(wrap_ops(R"({"Call": [1]})")).find("array of 2"), std::string::npos);
  EXPECT_NE(load_error(wrap_ops(R"({"Add": null, "Sub": null})")).find("exactly one member"),
            std::string::npos);
  EXPECT_NE(load_error(wrap_ops("", R"({"Int": 9223372036854775808})")).find("out of range"),
            std::string::npos);
  EXPECT_NE(load_error(wrap_ops("", R"({"Float": 1e400})")).find("overflow"), std::string::npos);
  EXPECT_NE(load_error(wrap_ops("", R"({"Float": null})")).find("expected a number"), std::string::npos);
  EXPECT_NE(load_error(wrap_ops("", R"({"Wat": 1})")).find("unknown value variant"), std::string::npos);
  EXPECT_NE(load_error(R"({"ops":[],"constants":[],"names":[],"lines":[],"sub_entries":[[1]],
      "block_ranges":[],"sub_chunks":[],"source":""})").find("sub_entries[0]"), std::string::npos);
  EXPECT_NE(load_error("[1, 2").find("expected a chunk object"), std::string::npos);
  EXPECT_NE(load_error("{\"ops\": [").find("invalid JSON at line 1"), std::string::npos);
  EXPECT_NE(load_error("").find("invalid JSON"), std::string::npos);
  EXPECT_NE(load_error(base + " x").find("invalid JSON"), std::string::npos);
}

TEST(Json, ErrorsNameTheJsonPath) {
  std::string msg = load_error(wrap_ops(R"("Add", {"Call": [0, 300]})"));
  EXPECT_NE(msg.find("ops[1] (Call)[1]"), std::string::npos) << msg;
  msg = load_error(R"({"ops":[],"constants":[],"names":[],"lines":[],"sub_entries":[],"block_ranges":[],
      "sub_chunks":[{"ops":["Bad"],"constants":[],"names":[],"lines":[],"sub_entries":[],
      "block_ranges":[],"sub_chunks":[],"source":""}],"source":""})");
  EXPECT_NE(msg.find("sub_chunks[0].ops[0]"), std::string::npos) << msg;
}

TEST(Json, IgnoresUnknownMembersAndOpHash) {
  Chunk c = load_ok(R"({"op_hash": 123, "extra": [1, {"x": null}], "ops":["Add"],"constants":[],
      "names":["n"],"lines":[7],"sub_entries":[[0, 0]],"block_ranges":[[0, 1]],"sub_chunks":[],
      "source":"s"})");
  EXPECT_EQ(c.ops.size(), 1u);
  EXPECT_EQ(c.lines[0], 7u);
  EXPECT_EQ(c.source, "s");
}

TEST(Json, AcceptsAConformanceVectorWrapper) {
  std::string vec = R"({"name":"x","chunk":)" + wrap_ops(R"({"LoadInt": 42})") + R"(,"status":"ok"})";
  auto r = chunk_from_json_document(vec);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(r->ops[0], ins::LoadInt(42));
  EXPECT_FALSE(chunk_from_json(vec).ok()) << "a plain chunk read does not unwrap";
}

TEST(Json, WritesTheSerdeShapeAndReadsItBack) {
  ChunkBuilder b;
  b.set_source("demo \"src\"\n");
  uint16_t x = b.add_name("x");
  b.add_constant(Value::string("tab\there \x01"));
  b.add_constant(Value::floating(1e20));
  Value h = Value::hash();
  h.mutable_hash().set("z", Value::integer(1));
  h.mutable_hash().set("a", Value::array({Value(), Value::ref(Value::boolean(false))}));
  b.add_constant(h);
  b.emit(ins::LoadFloat(-0.0), 1);
  b.emit(ins::SetVar(x), 2);
  b.emit(ins::SlotIncLtIntJumpBack(1, -3, 0), 3);
  b.add_sub_entry(x, 1);
  b.add_block_range(0, 2);
  Chunk inner = ChunkBuilder().peek();
  b.add_sub_chunk(inner);
  Chunk c = std::move(b).build();

  for (JsonStyle style : {JsonStyle::Compact, JsonStyle::Pretty}) {
    auto text = chunk_to_json(c, style);
    ASSERT_TRUE(text.ok()) << text.message();
    auto back = chunk_from_json(*text);
    ASSERT_TRUE(back.ok()) << back.message() << "\n" << *text;
    EXPECT_TRUE(*back == c) << *text;
    EXPECT_EQ(back->content_hash, c.content_hash);
  }
  auto compact = chunk_to_json(c);
  EXPECT_EQ(compact->rfind(R"({"ops":[{"LoadFloat":-0.0},{"SetVar":0},{"SlotIncLtIntJumpBack":[1,-3,0]}])", 0), 0u)
      << *compact;
  EXPECT_NE(compact->find(R"({"Str":"tab\there \u0001"})"), std::string::npos) << *compact;
  EXPECT_NE(compact->find(R"({"Float":1e20})"), std::string::npos) << *compact;
}

TEST(Json, RefusesToWriteWhatJsonCannotCarry) {
  ChunkBuilder b;
  b.emit(ins::LoadFloat(std::numeric_limits<double>::quiet_NaN()), 1);
  auto r = chunk_to_json(std::move(b).build());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::Unrepresentable);
  EXPECT_NE(r.message().find("ops[0]"), std::string::npos) << r.message();

  ChunkBuilder b2;
  b2.add_constant(Value::array({Value::floating(std::numeric_limits<double>::infinity())}));
  EXPECT_FALSE(chunk_to_json(std::move(b2).build()).ok());

  ChunkBuilder b3;
  b3.add_constant(Value::string("\xff\xfe"));
  r = chunk_to_json(std::move(b3).build());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("UTF-8"), std::string::npos);
}

TEST(Json, HostileInputIsBounded) {
  // Deep nesting is refused by the parser, not by running out of stack.
  std::string deep(1000000, '[');
  EXPECT_FALSE(chunk_from_json(deep).ok());
  std::string deep_value = wrap_ops("", std::string(300 * 1, ' '));
  std::string nested;
  for (int i = 0; i < 300; ++i) nested += R"({"Array":[)";
  nested += std::string("{\"Int\":1}");
  for (int i = 0; i < 300; ++i) nested += "]}";
  std::string msg = load_error(wrap_ops("", nested));
  EXPECT_NE(msg.find("deeper"), std::string::npos) << msg;
  LoadLimits roomy;
  roomy.max_nesting = 400;
  EXPECT_TRUE(chunk_from_json(wrap_ops("", nested), roomy).ok());

  LoadLimits small;
  small.max_input_bytes = 100;
  auto r = chunk_from_json(wrap_ops(R"("Add","Add","Add","Add","Add","Add")"), small);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::LimitExceeded);

  // Sub-chunks are cheap in text but not in memory: their total is bounded.
  std::string empty_chunk = wrap_ops("");
  std::string three = R"({"ops":[],"constants":[],"names":[],"lines":[],"sub_entries":[],"block_ranges":[],
      "sub_chunks":[)" + empty_chunk + "," + empty_chunk + "," + empty_chunk + R"(],"source":""})";
  LoadLimits two;
  two.max_sub_chunks = 2;
  r = chunk_from_json(three, two);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::LimitExceeded) << r.message();
  EXPECT_TRUE(chunk_from_json(three).ok());

  // Invalid UTF-8 inside a JSON string is a parse error, not a crash.
  EXPECT_FALSE(chunk_from_json(wrap_ops("", "{\"Str\":\"\xff\"}")).ok());
}

}  // namespace
}  // namespace fusevm
