// The .fvm assembly format: assemble() and disassemble() on hand-written programs, on every
// conformance vector and bench chunk, on edge chunks built in C++, on broken text (exact
// line:column messages) and on thousands of randomly damaged texts.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <random>

#include "fusevm/builder.h"
#include "fusevm/code_tables.h"
#include "fusevm/formats.h"
#include "test_support.h"

namespace fusevm {
namespace {

using namespace std::string_view_literals;

constexpr double kInf = std::numeric_limits<double>::infinity();

double from_bits(uint64_t bits) {
  return std::bit_cast<double>(bits);
}
Value S(std::string_view s) {
  return Value::string(s);
}
Value I(int64_t n) {
  return Value::integer(n);
}
Value F(double f) {
  return Value::floating(f);
}

// Assembles text that must be valid.
Chunk must_assemble(std::string_view text, std::string_view name = "t.fvm",
                    const LoadLimits& limits = {}) {
  auto r = assemble(text, name, limits);
  EXPECT_TRUE(r.ok()) << r.message() << "\n--- text ---\n" << text;
  return r.ok() ? std::move(r).value() : Chunk{};
}

// The error message of text that must not assemble.
std::string assemble_error(std::string_view text, const LoadLimits& limits = {},
                           ErrorCode code = ErrorCode::ParseError) {
  auto r = assemble(text, "demo.fvm", limits);
  EXPECT_FALSE(r.ok()) << "assembled, but should not have:\n" << text;
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), code) << r.message();
  return r.message();
}

void expect_same(const Chunk& got, const Chunk& want) {
  EXPECT_TRUE(got == want) << "--- got ---\n"
                           << disassemble(got) << "--- want ---\n"
                           << disassemble(want);
}

// disassemble -> assemble gives the chunk back, and the text is a fixed point.
void expect_round_trip(const Chunk& chunk, const std::string& what) {
  SCOPED_TRACE(what);
  const std::string text = disassemble(chunk);
  auto back = assemble(text, "x.fvm");
  ASSERT_TRUE(back.ok()) << back.message() << "\n--- text ---\n" << text;
  EXPECT_TRUE(*back == chunk) << "--- text ---\n"
                              << text << "--- reassembled ---\n"
                              << disassemble(*back);
  EXPECT_EQ(back->content_hash, back->compute_content_hash());
  if (chunk.content_hash != 0) {
    EXPECT_EQ(back->content_hash, chunk.content_hash);
  }
  EXPECT_EQ(disassemble(*back), text);
}

// ── Conformance vectors and bench chunks ──

TEST(AssemblyRoundTrip, EveryConformanceVector) {
  const auto files = test::vector_files();
  ASSERT_EQ(files.size(), 773u);
  for (const auto& file : files)
    expect_round_trip(test::load_vector_chunk(file), file.filename().string());
}

TEST(AssemblyRoundTrip, EveryBenchChunk) {
  size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::bench_chunks_dir())) {
    const auto& path = entry.path();
    if (path.extension() != ".json" || path.filename() == "manifest.json") continue;
    auto chunk = chunk_from_json_document(test::read_text(path));
    ASSERT_TRUE(chunk.ok()) << path << ": " << chunk.message();
    expect_round_trip(*chunk, path.filename().string());
    ++count;
  }
  EXPECT_GE(count, 15u);
}

// ── Hand-written programs ──

// The example of docs/formats.md, line for line.
constexpr std::string_view kSumProgram = R"fvm(; sum of 0..9 with a helper
.source "sum.fvm"
.name total
.name add
.const greeting = Str "sum: "
.sub add add_entry

        LoadInt 0
        SetSlot 0
        LoadInt 0
        SetSlot 1
loop:   SlotLtIntJumpIfFalse 1 10 done
        GetSlot 0
        GetSlot 1
        Call add 2
        SetSlot 0
        PreIncSlotVoid 1
        Jump loop
done:   LoadConst greeting
        GetSlot 0
        Concat
        Jump end
add_entry:
        Add
        ReturnValue
end:
)fvm";

TEST(Assembly, TheDocumentedExample) {
  ChunkBuilder b;
  b.set_source("sum.fvm");
  b.add_name("total");
  uint16_t add = b.add_name("add");
  b.add_constant(S("sum: "));
  b.add_sub_entry(add, 15);
  b.emit(ins::LoadInt(0), 8);
  b.emit(ins::SetSlot(0), 9);
  b.emit(ins::LoadInt(0), 10);
  b.emit(ins::SetSlot(1), 11);
  b.emit(ins::SlotLtIntJumpIfFalse(1, 10, 11), 12);
  b.emit(ins::GetSlot(0), 13);
  b.emit(ins::GetSlot(1), 14);
  b.emit(ins::Call(add, 2), 15);
  b.emit(ins::SetSlot(0), 16);
  b.emit(ins::PreIncSlotVoid(1), 17);
  b.emit(ins::Jump(4), 18);
  b.emit(ins::LoadConst(0), 19);
  b.emit(ins::GetSlot(0), 20);
  b.emit(ins::Concat(), 21);
  b.emit(ins::Jump(17), 22);
  b.emit(ins::Add(), 24);
  b.emit(ins::ReturnValue(), 25);
  Chunk want = std::move(b).build();
  Chunk got = must_assemble(kSumProgram);
  expect_same(got, want);
  EXPECT_EQ(got.content_hash, want.content_hash);
  expect_round_trip(got, "sum");
}

// Every directive and operand form in one text (line numbers matter: see `lines` below).
constexpr std::string_view kAllForms = R"fvm(; every directive and operand form
.source "all.fvm"
.name "main::x"
.name x
.name x                    ; a duplicate, on purpose
.const k = Int -42
.const Hash {"a": Array [Int 1, Float -0.0, Str "t\x00\n"], "b": Ref Bool true, "": Undef}
.block blk = start body_end
.sub "main::x" fwd
.subchunk inner
    .source "inner"
    .const Status -3
top: LoadConst #0
    Jump top
.end
.subchunk
.end
.line 100
start:  LoadConst k
        LoadConst Str "inline"
        GetVar "main::x"
        GetVar x
        GetVar #2
        SetVar newname
        MapBlock blk
        CmdSubst inner
        ProcessSubIn #1
        TestFile IS_DIR
        TestFile -f
        TestFile 200
        Redirect 2 APPEND
        ExpandParam SUBST_ALL
        AwkGetline FILE
        AwkSignal EXIT
.line 7
        LoadFloat 2.5
        LoadFloat -inf
        LoadFloat nan
        LoadFloat #0x7ff0000000000001
        LoadInt 0x10
        LoadInt -9223372036854775808
        SlotLtIntJumpIfFalse 3 -5 fwd
        ExtendedWide 40001 18446744073709551615
        Jump #999
body_end:
fwd:    ConcatConstLoop Str "c" 1 2 0x7fffffff
        Call add 0  ; appends "add" to the names
)fvm";

TEST(Assembly, EveryDirectiveAndOperandForm) {
  Chunk want;
  want.source = "all.fvm";
  want.names = {"main::x", "x", "x", "newname", "add"};
  Value hash = Value::hash();
  hash.mutable_hash().set("a", Value::array({I(1), F(-0.0), S(std::string_view("t\0\n", 3))}));
  hash.mutable_hash().set("b", Value::ref(Value::boolean(true)));
  hash.mutable_hash().set("", Value());
  want.constants = {I(-42), hash, S("inline"), S("c")};
  want.block_ranges = {{0, 25}};
  want.sub_entries = {{0, 25}};
  // clang-format off
  want.ops = {
      ins::LoadConst(0), ins::LoadConst(2), ins::GetVar(0), ins::GetVar(1), ins::GetVar(2),
      ins::SetVar(3), ins::MapBlock(0), ins::CmdSubst(0), ins::ProcessSubIn(1),
      ins::TestFile(file_test::IS_DIR), ins::TestFile(file_test::IS_FILE), ins::TestFile(200),
      ins::Redirect(2, redirect_op::APPEND), ins::ExpandParam(param_mod::SUBST_ALL),
      ins::AwkGetline(getline_source::FILE), ins::AwkSignal(awk_signal::EXIT),
      ins::LoadFloat(2.5), ins::LoadFloat(-kInf), ins::LoadFloat(from_bits(0x7ff8000000000000)),
      ins::LoadFloat(from_bits(0x7ff0000000000001)), ins::LoadInt(16), ins::LoadInt(INT64_MIN),
      ins::SlotLtIntJumpIfFalse(3, -5, 25), ins::ExtendedWide(40001, UINT64_MAX), ins::Jump(999),
      ins::ConcatConstLoop(3, 1, 2, INT32_MAX), ins::Call(4, 0),
  };
  // clang-format on
  want.lines.assign(16, 100);
  want.lines.resize(27, 7);
  Chunk inner;
  inner.source = "inner";
  inner.constants = {Value::status(-3)};
  inner.ops = {ins::LoadConst(0), ins::Jump(0)};
  inner.lines = {13, 14};
  Chunk empty;
  empty.source = "t.fvm";
  want.sub_chunks = {inner, empty};

  Chunk got = must_assemble(kAllForms, "t.fvm");
  expect_same(got, want);
  EXPECT_EQ(got.content_hash, got.compute_content_hash());
  EXPECT_EQ(got.sub_chunks[0].content_hash, got.sub_chunks[0].compute_content_hash());
  expect_round_trip(got, "all forms");
}

TEST(Assembly, LinesTableDirective) {
  Chunk got = must_assemble(".lines 5 6\nNop\n.lines 7 0x10\nNop\n");
  EXPECT_EQ(got.lines, (std::vector<uint32_t>{5, 6, 7, 16}));
  EXPECT_EQ(got.ops.size(), 2u);
  got = must_assemble("Nop\nNop\n.lines\n");
  EXPECT_TRUE(got.lines.empty());
  got = must_assemble("Nop\n.line 9\nNop\n.line 4294967295\nNop\n");
  EXPECT_EQ(got.lines, (std::vector<uint32_t>{1, 9, 4294967295u}));
}

TEST(Assembly, SourceDefaultsToTheFileNameInEveryChunk) {
  Chunk got = must_assemble(".subchunk\n.subchunk s\n.source \"\"\n.end\n.end\n", "here.fvm");
  EXPECT_EQ(got.source, "here.fvm");
  EXPECT_EQ(got.sub_chunks[0].source, "here.fvm");
  EXPECT_EQ(got.sub_chunks[0].sub_chunks[0].source, "");
}

TEST(Assembly, LabelsAndSymbolsArePerChunk) {
  Chunk got = must_assemble(
      "a: Jump a\n"
      ".subchunk\n"
      "   Nop\n"
      "a: Jump a\n"  // its own `a`
      "   LoadConst c\n"
      "   .const c = Undef\n"  // symbols may be used before they are defined
      ".end\n"
      "   LoadConst c\n"
      ".const Int 1\n"
      ".const c = Int 2\n");
  EXPECT_EQ(got.ops, (std::vector<Instr>{ins::Jump(0), ins::LoadConst(1)}));
  EXPECT_EQ(got.sub_chunks[0].ops,
            (std::vector<Instr>{ins::Nop(), ins::Jump(1), ins::LoadConst(0)}));
  // A label and a constant may share a name: the operand kind says which one is meant.
  got = must_assemble(".const x = Int 1\nx: LoadConst x\nJump x\n");
  EXPECT_EQ(got.ops, (std::vector<Instr>{ins::LoadConst(0), ins::Jump(0)}));
}

TEST(Assembly, NamesAreInternedAndInlineConstantsAppended) {
  Chunk got = must_assemble(
      "GetVar a\nGetVar \"a\"\nGetVar b\n.name a\nGetVar a\nGetVar #2\n"
      "LoadConst Int 1\nLoadConst Int 1\n");
  EXPECT_EQ(got.names, (std::vector<std::string>{"a", "b", "a"}));
  EXPECT_EQ(got.ops[0], ins::GetVar(0));
  EXPECT_EQ(got.ops[1], ins::GetVar(0));
  EXPECT_EQ(got.ops[2], ins::GetVar(1));
  EXPECT_EQ(got.ops[3], ins::GetVar(0));
  EXPECT_EQ(got.ops[4], ins::GetVar(2));
  EXPECT_EQ(got.constants.size(), 2u);
  EXPECT_EQ(got.ops[6], ins::LoadConst(1));
}

TEST(Assembly, TextConventions) {
  // CR LF, no trailing newline, tabs, a byte-order mark, UTF-8 and NUL inside strings and comments.
  std::string text = "\xEF\xBB\xBF.const Str \"h\xC3\xA9\"\t; caf\xC3\xA9 \xE2\x9C\x93\r\n";
  text += ".const Str \"a\0b\"  ; \0 in a comment\r\n"sv;
  text += "\tLoadInt\t-3\r\nL:\tJump L";
  Chunk got = must_assemble(text);
  ASSERT_EQ(got.constants.size(), 2u);
  EXPECT_EQ(got.constants[0].as_str(), "h\xC3\xA9");
  EXPECT_EQ(got.constants[1].as_str(), std::string_view("a\0b", 3));
  EXPECT_EQ(got.ops, (std::vector<Instr>{ins::LoadInt(-3), ins::Jump(1)}));
  EXPECT_EQ(got.lines, (std::vector<uint32_t>{3, 4}));
  EXPECT_TRUE(must_assemble("").ops.empty());
  EXPECT_TRUE(must_assemble("\n\n   ; only a comment").ops.empty());
}

TEST(Assembly, NumberForms) {
  Chunk got = must_assemble(
      "LoadInt 0xFFFFFFFFFFFFFFFF\nLoadInt +7\nSlotLtIntJumpIfFalse 0 0xffffffff #0\n"
      "LoadFloat 5\nLoadFloat 1e-400\nLoadFloat .5\nLoadFloat #0\n"
      ".const Int 0x8000000000000000\n.const Status 0xffffffff\n.const NativeFn 65535\n"
      ".const Float nan:0xfff8000000000000\n.const Float 4.9406564584124654e-324\n");
  EXPECT_EQ(got.ops[0], ins::LoadInt(-1));
  EXPECT_EQ(got.ops[1], ins::LoadInt(7));
  EXPECT_EQ(got.ops[2], ins::SlotLtIntJumpIfFalse(0, -1, 0));
  EXPECT_EQ(got.ops[3], ins::LoadFloat(5.0));
  EXPECT_EQ(got.ops[4], ins::LoadFloat(0.0));
  EXPECT_EQ(got.ops[5], ins::LoadFloat(0.5));
  EXPECT_EQ(got.ops[6], ins::LoadFloat(0.0));
  EXPECT_TRUE(identical(got.constants[0], I(INT64_MIN)));
  EXPECT_TRUE(identical(got.constants[1], Value::status(-1)));
  EXPECT_TRUE(identical(got.constants[2], Value::native_fn(65535)));
  EXPECT_TRUE(identical(got.constants[3], F(from_bits(0xfff8000000000000))));
  EXPECT_TRUE(identical(got.constants[4], F(from_bits(1))));
}

// ── Edge chunks built in C++ ──

TEST(AssemblyRoundTrip, FloatsBitForBit) {
  const uint64_t bits[] = {0x7ff8000000000000, 0x7ff8000000000001, 0xfff8000000000000,
                           0x7ff0000000000001, 0xffffffffffffffff, 0x8000000000000000,
                           0x0000000000000000, 0x7ff0000000000000, 0xfff0000000000000,
                           0x0000000000000001, 0x000fffffffffffff, 0x7fefffffffffffff,
                           0x3fb999999999999a, 0xc00921fb54442d18};
  Chunk c;
  for (uint64_t b : bits) {
    c.constants.push_back(F(from_bits(b)));
    c.ops.push_back(ins::LoadFloat(from_bits(b)));
  }
  c.constants.push_back(Value::array({F(-0.0), Value::ref(F(from_bits(0x7ff4000000000000)))}));
  expect_round_trip(c, "floats");
  EXPECT_NE(disassemble(c).find("nan:0x7ff8000000000001"), std::string::npos);
}

TEST(AssemblyRoundTrip, StringsOfAnyBytes) {
  std::string every_byte;
  for (int i = 0; i < 256; ++i) every_byte += static_cast<char>(i);
  const std::string strings[] = {
      "",
      every_byte,
      "\xff\xfe",
      "\xc3",
      "\xc0\x80",
      "\xed\xa0\x80",
      "h\xc3\xa9llo \xe2\x9c\x93 \xf0\x9d\x84\x9e",
      "\xe2\x80\xa8 \xe2\x80\xae \xef\xbb\xbf \xc2\x85",
      "quote \" back \\ nl \n cr \r tab \t",
      "; not a comment",
      std::string("nul\0nul", 7),
      "#1",
      "L0",
      "Int",
  };
  Chunk c;
  for (const std::string& s : strings) {
    c.constants.push_back(S(s));
    c.names.push_back(s);
    c.ops.push_back(ins::GetVar(static_cast<uint16_t>(c.names.size() - 1)));
  }
  Value h = Value::hash();
  for (const std::string& s : strings) h.mutable_hash().set(s, S(s));
  c.constants.push_back(h);
  for (const std::string& s : strings) {
    c.source = s;
    Chunk sub = c;
    sub.constants.clear();
    c.sub_chunks = {sub};
    expect_round_trip(c, "source " + std::to_string(s.size()));
  }
}

TEST(AssemblyRoundTrip, DuplicateAndUnusualNames) {
  Chunk c;
  c.names = {"a", "a", "b", "", "1abc", "a b", "main::x", "a"};
  for (uint16_t i = 0; i < 10; ++i) {
    c.ops.push_back(ins::GetVar(i));  // 8 and 9 are past the pool
    c.ops.push_back(ins::Call(i, 1));
    c.ops.push_back(ins::PushIntRangeLoop(i, 1, 2));
    c.sub_entries.push_back(SubEntry{i, i});
  }
  c.sub_entries.push_back(SubEntry{65535, 0});
  expect_round_trip(c, "names");
  const std::string text = disassemble(c);
  EXPECT_NE(text.find("GetVar a\n"), std::string::npos) << text;
  EXPECT_NE(text.find("GetVar #1"), std::string::npos) << text;
  EXPECT_NE(text.find("GetVar \"1abc\""), std::string::npos) << text;
}

TEST(AssemblyRoundTrip, LineTablesOfAnyLength) {
  Chunk c;
  c.ops = {ins::Nop(), ins::Nop(), ins::Nop()};
  for (std::vector<uint32_t> lines : {std::vector<uint32_t>{},
                                      {1},
                                      {1, 2},
                                      {5, 5, 5},
                                      {3, 2, 1},
                                      {0, 0, UINT32_MAX},
                                      {1, 2, 3, 4, 5},
                                      std::vector<uint32_t>(100, 7)}) {
    c.lines = lines;
    expect_round_trip(c, "lines " + std::to_string(lines.size()));
  }
  Chunk empty;
  expect_round_trip(empty, "empty");
  empty.lines = {1, 2};
  expect_round_trip(empty, "no ops, two lines");
}

TEST(AssemblyRoundTrip, TargetsAndRangesAnywhere) {
  Chunk c;
  c.ops = {ins::Jump(0),
           ins::Jump(3),
           ins::Jump(4),
           ins::Jump(1000),
           ins::JumpIfFalse(UINT64_MAX),
           ins::SlotIncLtIntJumpBack(1, INT32_MIN, 5)};
  c.sub_entries = {{0, 6}, {0, 7}, {0, UINT64_MAX}};
  c.block_ranges = {{7, 3}, {0, 6}, {6, 6}, {UINT64_MAX, 0}};
  c.ops.push_back(ins::LoadConst(500));  // no such constant
  c.ops.push_back(ins::MapBlock(9));
  c.ops.push_back(ins::CmdSubst(9));
  expect_round_trip(c, "targets");
}

TEST(AssemblyRoundTrip, EveryOpWithExtremeOperands) {
  Chunk c;
  c.names = {"n"};
  c.constants = {S("s")};
  for (const uint64_t pattern :
       {uint64_t{0}, UINT64_MAX, uint64_t{0x0123456789abcdef}, uint64_t{1}, uint64_t{2}}) {
    for (size_t op = 0; op < kOpCount; ++op) {
      Instr ins(static_cast<Op>(op));
      for (size_t k = 0; k < ins.operand_count(); ++k) ins.set_raw(k, pattern);
      c.ops.push_back(ins);
    }
  }
  expect_round_trip(c, "every op");
}

TEST(AssemblyRoundTrip, NestedSubChunks) {
  Chunk leaf;
  leaf.source = "leaf";
  leaf.ops = {ins::LoadConst(0), ins::Jump(2)};
  leaf.constants = {S("x")};
  leaf.lines = {9};
  Chunk mid;
  mid.sub_chunks = {leaf, Chunk{}, leaf};
  mid.names = {"m"};
  Chunk root;
  root.sub_chunks = {mid, leaf};
  root.ops = {ins::CmdSubst(0), ins::TrapSet(1)};
  root.lines = {1, 2};
  expect_round_trip(root, "nested");
}

Value nested_arrays(size_t depth) {
  Value v = Value::array();
  for (size_t i = 0; i < depth; ++i) v = Value::array({v});
  return v;
}

TEST(AssemblyRoundTrip, DeepValuesAreLimitedNotFatal) {
  Chunk c;
  c.constants = {nested_arrays(10000)};
  const std::string text = disassemble(c);
  auto refused = assemble(text, "deep.fvm");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::ParseError);
  EXPECT_NE(refused.message().find("values nest deeper than 256 (LoadLimits::max_nesting)"),
            std::string::npos)
      << refused.message();
  // Line 2 (after .source), at the 257th "Array".
  EXPECT_EQ(refused.message().rfind("deep.fvm:2:" + std::to_string(8 + 256 * 7) + ": ", 0), 0u)
      << refused.message();
  LoadLimits generous;
  generous.max_nesting = 20000;
  auto accepted = assemble(text, "x.fvm", generous);
  ASSERT_TRUE(accepted.ok()) << accepted.message();
  EXPECT_TRUE(*accepted == c);

  // A hundred thousand levels of every container kind, neither printer nor parser recursing.
  Value v = Value::hash();
  for (int i = 0; i < 100000; ++i) {
    if (i % 3 == 0) {
      v = Value::ref(v);
    } else if (i % 3 == 1) {
      v = Value::array({v, I(i)});
    } else {
      Value h = Value::hash();
      h.mutable_hash().set("k", v);
      v = h;
    }
  }
  Chunk deep;
  deep.constants = {v};
  deep.ops = {ins::LoadConst(0)};
  generous.max_nesting = 200000;
  auto back = assemble(disassemble(deep), "x.fvm", generous);
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_TRUE(*back == deep);
}

TEST(AssemblyRoundTrip, DeepSubChunksAreLimited) {
  Chunk c;
  for (int i = 0; i < 300; ++i) {
    Chunk outer;
    outer.ops = {ins::CmdSubst(0)};
    outer.sub_chunks.push_back(std::move(c));
    c = std::move(outer);
  }
  const std::string text = disassemble(c);
  auto refused = assemble(text, "x.fvm");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("sub-chunks nest deeper than 256"), std::string::npos)
      << refused.message();
  LoadLimits generous;
  generous.max_nesting = 1000;
  auto accepted = assemble(text, "x.fvm", generous);
  ASSERT_TRUE(accepted.ok()) << accepted.message();
  EXPECT_TRUE(*accepted == c);
}

TEST(Disassembly, IsPleasantToRead) {
  Chunk c;
  c.names = {"x"};
  c.constants = {S(std::string(200, 'a'))};
  c.ops = {ins::LoadConst(0), ins::TestFile(file_test::IS_DIR), ins::Jump(0), ins::GetVar(0)};
  c.lines = {1, 1, 2, 2};
  const std::string text = disassemble(c);
  EXPECT_NE(text.find("\n.line 1\nL0:     LoadConst #0                    ; Str \"aaaa"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find("aaa...\n        TestFile IS_DIR\n.line 2\n        Jump L0\n        GetVar x\n"),
      std::string::npos)
      << text;
  const size_t load = text.find("L0:");
  ASSERT_NE(load, std::string::npos);
  EXPECT_LT(text.find('\n', load) - load, 110u) << "the comment is not truncated";
}

// ── Errors ──

TEST(AssemblyErrors, NameTheLineAndColumn) {
  struct Case {
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"Nop\nNop\n      Foo 1\n", "demo.fvm:3:7: unknown op 'Foo'"},
      {"  add\n",
       "demo.fvm:1:3: unknown op 'add' (did you mean 'Add'? op names are case-sensitive)"},
      {"  Call f\n", "demo.fvm:1:3: Call takes 2 operands (Func, Argc), found 1"},
      {"LoadInt 1 2\n", "demo.fvm:1:11: LoadInt takes 1 operand (I64); unexpected '2'"},
      {"Add x\n", "demo.fvm:1:5: Add takes no operands; unexpected 'x'"},
      {"Nop\n  Jump lop\nloop:\n", "demo.fvm:2:8: undefined label 'lop'"},
      {"Jump 5\n",
       "demo.fvm:1:6: expected a label or #N for operand 1 of Jump (Target, u64), found '5'"},
      {"1x: Nop\n", "demo.fvm:1:1: '1x' is not a valid label name (a label is an identifier)"},
      {"a:\nNop\n a: Nop\n", "demo.fvm:3:2: duplicate label 'a' (first defined on line 1)"},
      {".const c = Undef\n.const c = Undef\n",
       "demo.fvm:2:8: duplicate constant symbol 'c' (first defined on line 1)"},
      {".const Int = Int 1\n", "demo.fvm:1:8: 'Int' is a value type and cannot name a constant"},
      {"LoadConst nope\n", "demo.fvm:1:11: undefined constant symbol 'nope'"},
      {"MapBlock b\n", "demo.fvm:1:10: undefined block symbol 'b'"},
      {"CmdSubst s\n", "demo.fvm:1:10: undefined sub-chunk symbol 's'"},
      {"Call #70000 2\n", "demo.fvm:1:6: 70000 does not fit operand 1 of Call (Func, u16)"},
      {"LoadInt 99999999999999999999\n",
       "demo.fvm:1:9: 99999999999999999999 does not fit operand 1 of LoadInt (I64, i64)"},
      {".const Int 99999999999999999999\n",
       "demo.fvm:1:12: 99999999999999999999 does not fit Int (i64)"},
      {".const Int 9223372036854775808\n",
       "demo.fvm:1:12: 9223372036854775808 does not fit Int (i64)"},
      {".const Status 2147483648\n", "demo.fvm:1:15: 2147483648 does not fit Status (i32)"},
      {"GetSlot -1\n", "demo.fvm:1:9: -1 does not fit operand 1 of GetSlot (Slot, u16)"},
      {"GetSlot 65536\n", "demo.fvm:1:9: 65536 does not fit operand 1 of GetSlot (Slot, u16)"},
      {"SlotLtIntJumpIfFalse 0 2147483648 #0\n",
       "demo.fvm:1:24: 2147483648 does not fit operand 2 of SlotLtIntJumpIfFalse (Limit, i32)"},
      {"Print #256\n", "demo.fvm:1:7: 256 does not fit operand 1 of Print (Argc, u8)"},
      {"Jump #18446744073709551616\n",
       "demo.fvm:1:6: 18446744073709551616 does not fit operand 1 of Jump (Target, u64)"},
      {"Jump #-1\n",
       "demo.fvm:1:6: expected #N (an unsigned decimal or 0x number) for operand 1 of Jump "
       "(Target, u64), found '#-1'"},
      {"LoadInt -0x1\n",
       "demo.fvm:1:9: expected an integer for operand 1 of LoadInt (I64, i64), found '-0x1'"},
      {"LoadFloat 1e400\n",
       "demo.fvm:1:11: 1e400 is too large for operand 1 of LoadFloat (F64, f64); write inf for "
       "infinity"},
      {"LoadFloat NaN\n",
       "demo.fvm:1:11: expected a float (2.5, -1e-3, inf, nan) for operand 1 of LoadFloat (F64, "
       "f64), found 'NaN'"},
      {".const Float nan:0x7ff0000000000000\n",
       "demo.fvm:1:14: expected a float after Float (2.5, -0.0, 1e-3, inf, nan), found "
       "'nan:0x7ff0000000000000'"},
      {"TestFile -q\n",
       "demo.fvm:1:10: expected a code name or a number for operand 1 of TestFile (FileTest, u8), "
       "found '-q'"},
      {".const Str \"abc\n",
       "demo.fvm:1:12: unterminated string (a string must end on the line it starts)"},
      {".const Str \"abc\\\n",
       "demo.fvm:1:12: unterminated string (a string must end on the line it starts)"},
      {".const Str \"a\\qb\"\n",
       "demo.fvm:1:14: unknown escape '\\q' (use \\n, \\t, \\r, \\\\, \\\" or \\xHH)"},
      {".const Str \"a\\x4\"\n", "demo.fvm:1:14: \\x needs two hex digits (\\x00 to \\xff)"},
      {".const Str \"\xC3\xA9\xC3\xA9\" Foo\n",
       "demo.fvm:1:17: unexpected 'Foo' after the constant"},
      {"Nop\r\n  Foo\r\n", "demo.fvm:2:3: unknown op 'Foo'"},
      {"\tFoo\n", "demo.fvm:1:2: unknown op 'Foo'"},
      {std::string("N\0p\n", 4), "demo.fvm:1:1: unknown op 'N\\x00p'"},
      {".subchunk\nNop\n", "demo.fvm:1:1: .subchunk is never closed (missing .end)"},
      {".subchunk\n  .subchunk\n", "demo.fvm:2:3: .subchunk is never closed (missing .end)"},
      {".subchunk\n  .subchunk\n.end\n", "demo.fvm:1:1: .subchunk is never closed (missing .end)"},
      {"Nop\n.end\n", "demo.fvm:2:1: .end without a matching .subchunk"},
      {".line 3\nNop\n.lines 1\n", "demo.fvm:3:1: .lines cannot be mixed with .line in one chunk"},
      {".lines 1\n.line 3\n", "demo.fvm:2:1: .line cannot be mixed with .lines in one chunk"},
      {".line 4294967296\n", "demo.fvm:1:7: 4294967296 does not fit a line number (u32)"},
      {".line\n", "demo.fvm:1:6: expected a line number, found end of line"},
      {".source \"a\"\n.source \"b\"\n",
       "demo.fvm:2:9: a chunk has one .source; this is the second"},
      {".bogus 1\n",
       "demo.fvm:1:1: unknown directive '.bogus' (.source, .name, .const, .sub, .block, "
       ".subchunk, .end, .line, .lines)"},
      {".name 1x\n",
       "demo.fvm:1:7: expected a name (an identifier or a quoted string) after .name, found '1x'"},
      {".const Hash {\"a\": Undef, \"a\": Undef}\n", "demo.fvm:1:26: duplicate hash key \"a\""},
      {".const Array [Undef Undef]\n",
       "demo.fvm:1:21: expected ',' or ']' in the array, found 'Undef'"},
      {".const Array [Undef,]\n",
       "demo.fvm:1:21: expected a value (Undef, Bool, Int, Float, Str, Array, Hash, "
       "Status, Ref or NativeFn), found ']'"},
      {".const Hash {a: Undef}\n", "demo.fvm:1:14: expected a quoted hash key, found 'a:'"},
      {".const Bool yes\n", "demo.fvm:1:13: expected true or false after Bool, found 'yes'"},
      {".const Array Undef\n", "demo.fvm:1:14: expected '[' after Array, found 'Undef'"},
      {".sub f\n",
       "demo.fvm:1:7: expected a label or #N for the target of .sub (u64), found end of line"},
      {".block b = #1\n",
       "demo.fvm:1:14: expected a label or #N for the end of .block (u64), found end of line"},
      {"[\n", "demo.fvm:1:1: expected a label, directive or instruction, found '['"},
  };
  for (const Case& c : cases) EXPECT_EQ(assemble_error(c.text), c.message) << c.text;
}

TEST(AssemblyErrors, NestingAndSizeLimits) {
  LoadLimits limits;
  limits.max_nesting = 2;
  EXPECT_EQ(assemble_error(".const Array [Array [Array []]]\n", limits),
            "demo.fvm:1:22: values nest deeper than 2 (LoadLimits::max_nesting)");
  EXPECT_EQ(assemble_error(".const Ref Ref Ref Undef\n", limits),
            "demo.fvm:1:16: values nest deeper than 2 (LoadLimits::max_nesting)");
  // A sub-chunk's constants start one level down, as in the JSON and binary readers.
  EXPECT_EQ(assemble_error(".subchunk\n.const Ref Ref Undef\n.end\n", limits),
            "demo.fvm:2:12: values nest deeper than 2 (LoadLimits::max_nesting)");
  EXPECT_EQ(assemble_error(".subchunk\n .subchunk\n  .subchunk\n", limits),
            "demo.fvm:3:3: sub-chunks nest deeper than 2 (LoadLimits::max_nesting)");
  EXPECT_TRUE(assemble(".subchunk\n.subchunk\n.end\n.end\n", "x.fvm", limits).ok());

  limits = LoadLimits{};
  limits.max_input_bytes = 16;
  EXPECT_EQ(assemble_error("Nop\nNop\nNop\nNop\nNop\n", limits, ErrorCode::LimitExceeded),
            "demo.fvm: input is 20 bytes; the limit is 16 (LoadLimits::max_input_bytes)");
  EXPECT_TRUE(assemble("Nop\nNop\nNop\nNop\n", "x.fvm", limits).ok());
}

TEST(AssemblyErrors, PoolIndicesPastSixteenBits) {
  std::string text;
  for (int i = 0; i < 65536; ++i) text += ".const Undef\n";
  EXPECT_TRUE(assemble(text + "LoadConst #65535\n", "x.fvm").ok());
  EXPECT_EQ(
      assemble_error(text + "LoadConst Int 1\n"),
      "demo.fvm:65537:11: this inline constant is #65536 in the constant pool, which does not fit "
      "operand 1 of LoadConst (Const, u16)");
  EXPECT_EQ(
      assemble_error(text + ".const big = Undef\nLoadConst big\n"),
      "demo.fvm:65538:11: 'big' is #65536, which does not fit operand 1 of LoadConst (Const, u16)");
  std::string names;
  for (int i = 0; i < 65536; ++i) names += ".name n" + std::to_string(i) + "\n";
  EXPECT_EQ(
      assemble_error(names + "GetVar fresh\n"),
      "demo.fvm:65537:8: name 'fresh' is #65536 in the name pool, which does not fit operand 1 of "
      "GetVar (Name, u16)");
}

// ── Robustness ──

// Damaged versions of real texts never crash the assembler; whatever it accepts is a chunk the
// disassembler prints back to the same chunk.
TEST(AssemblyRobustness, RandomlyDamagedTextsNeverCrash) {
  std::vector<std::string> texts = {std::string(kSumProgram), std::string(kAllForms)};
  const auto files = test::vector_files();
  for (size_t i = 0; i < files.size(); i += 7)
    texts.push_back(disassemble(test::load_vector_chunk(files[i])));
  const std::string_view fragments[] = {
      "\"",
      "\\",
      "[",
      "]",
      "{",
      "}",
      "#",
      ":",
      ",",
      "=",
      ";",
      "\n",
      "\r\n",
      std::string_view("\0", 1),
      "\xff",
      "\xc3\xa9",
      ".subchunk\n",
      ".end\n",
      ".line 5\n",
      ".lines 1 2\n",
      "Array [",
      "Hash {\"k\": ",
      "Ref ",
      "L1:",
      "#99999999999999999999",
      "-",
      "0x",
      "nan:0x",
      "Jump L0\n",
      " Int 1",
      "Str \"x\"",
  };
  std::mt19937_64 rng(20240611);
  auto pick = [&](size_t n) { return n == 0 ? size_t{0} : static_cast<size_t>(rng() % n); };
  LoadLimits limits;
  limits.max_nesting = 8;
  size_t accepted = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string text = texts[pick(texts.size())];
    const int edits = 1 + static_cast<int>(pick(4));
    for (int e = 0; e < edits; ++e) {
      const size_t at = pick(text.size() + 1);
      switch (pick(5)) {
        case 0:
          text.erase(at, 1 + pick(8));
          break;
        case 1:
          text.insert(at, fragments[pick(std::size(fragments))]);
          break;
        case 2:
          text.resize(at);
          break;
        case 3:
          if (at < text.size()) text[at] = static_cast<char>(rng());
          break;
        default: {
          const size_t len = pick(40);
          text.insert(pick(text.size() + 1), text.substr(at, len));
          break;
        }
      }
    }
    auto r = assemble(text, "fuzz.fvm", limits);
    if (!r.ok()) {
      ASSERT_EQ(r.status().code(), ErrorCode::ParseError) << r.message();
      ASSERT_EQ(r.message().rfind("fuzz.fvm:", 0), 0u) << r.message();
      continue;
    }
    ++accepted;
    auto again = assemble(disassemble(*r), "fuzz.fvm", limits);
    ASSERT_TRUE(again.ok()) << again.message() << "\n--- text ---\n" << text;
    ASSERT_TRUE(*again == *r) << text;
  }
  EXPECT_GT(accepted, 100u);
}

}  // namespace
}  // namespace fusevm
