// The control-flow graph (cfg.h): basic blocks, edges, routines, and the DOT rendering.
#include <gtest/gtest.h>

#include "fusevm/cfg.h"
#include "fusevm/formats.h"

namespace fusevm {
namespace {

Chunk asm_chunk(std::string_view text) {
  auto c = assemble(text, "t.fvm");
  EXPECT_TRUE(c.ok()) << c.message();
  return c.ok() ? std::move(c).value() : Chunk{};
}

const CfgEdge* edge(const CfgBlock& b, CfgEdgeKind kind) {
  for (const CfgEdge& e : b.edges)
    if (e.kind == kind) return &e;
  return nullptr;
}

TEST(Cfg, LoopWithBranchSplitsAtLeadersAndTargets) {
  Chunk c = asm_chunk(R"(
        LoadInt 0
        SetSlot 0
top:    GetSlot 0
        LoadInt 10
        NumLt
        JumpIfFalse done
        GetSlot 0
        Inc
        SetSlot 0
        Jump top
done:   GetSlot 0
)");
  ControlFlowGraph g = build_cfg(c);
  ASSERT_EQ(g.blocks.size(), 4u);
  EXPECT_EQ(g.blocks[0].start, 0u);
  EXPECT_EQ(g.blocks[0].end, 2u);
  EXPECT_EQ(g.blocks[1].start, 2u);
  EXPECT_EQ(g.blocks[1].end, 6u);
  EXPECT_EQ(g.blocks[2].end, 10u);
  EXPECT_EQ(g.blocks[3].start, 10u);
  ASSERT_NE(edge(g.blocks[0], CfgEdgeKind::Fallthrough), nullptr);
  EXPECT_EQ(edge(g.blocks[0], CfgEdgeKind::Fallthrough)->to, 1u);
  EXPECT_EQ(edge(g.blocks[1], CfgEdgeKind::Taken)->to, 3u);
  EXPECT_EQ(edge(g.blocks[1], CfgEdgeKind::Fallthrough)->to, 2u);
  EXPECT_EQ(edge(g.blocks[2], CfgEdgeKind::Jump)->to, 1u);
  EXPECT_EQ(edge(g.blocks[3], CfgEdgeKind::Fallthrough)->to, kCfgExit);  // runs off the end
  ASSERT_EQ(g.routines.size(), 1u);
  EXPECT_EQ(g.routines[0].kind, CfgRoutineKind::Main);
  EXPECT_EQ(g.routines[0].blocks.size(), 4u);
  EXPECT_EQ(g.block_at(7), 2u);
  EXPECT_EQ(g.block_at(11), kCfgExit);
}

TEST(Cfg, SubsAreRoutinesAndCallsAreEdges) {
  Chunk c = asm_chunk(R"(
.sub twice twice_entry
        LoadInt 4
        Call twice 1
        Jump end
twice_entry:
        LoadInt 2
        Mul
        ReturnValue
unused: LoadInt 1
end:
)");
  ControlFlowGraph g = build_cfg(c);
  ASSERT_EQ(g.routines.size(), 3u);
  EXPECT_EQ(g.routines[1].kind, CfgRoutineKind::Sub);
  EXPECT_EQ(g.routines[1].entry, 3u);
  ASSERT_EQ(g.routines[1].names.size(), 1u);
  EXPECT_EQ(c.name_at(g.routines[1].names[0]), "twice");
  EXPECT_EQ(g.routines[2].kind, CfgRoutineKind::Unreachable);
  const CfgBlock& main_block = g.blocks[g.block_at(0)];
  ASSERT_NE(edge(main_block, CfgEdgeKind::Call), nullptr);
  EXPECT_EQ(edge(main_block, CfgEdgeKind::Call)->to, g.block_at(3));
  EXPECT_EQ(edge(main_block, CfgEdgeKind::Call)->ip, 1u);
  EXPECT_EQ(edge(main_block, CfgEdgeKind::Jump)->to, kCfgExit);  // a target of ops.size()
  EXPECT_TRUE(g.blocks[g.block_at(3)].edges.empty());            // ReturnValue: no successor
  EXPECT_EQ(g.blocks[g.block_at(6)].routine, 2u);
}

TEST(Cfg, BlockBodiesEndAtTheirRange) {
  Chunk c = asm_chunk(R"(
.block body body_end
        LoadInt 1
        LoadInt 2
        MakeArray 2
        Jump go
body:   LoadInt 10
        Mul
body_end:
go:     MapBlock #0
)");
  ControlFlowGraph g = build_cfg(c);
  const uint32_t body = g.block_at(4);
  ASSERT_NE(body, kCfgExit);
  EXPECT_EQ(g.blocks[body].end, 6u);
  EXPECT_EQ(g.routines[g.blocks[body].routine].kind, CfgRoutineKind::BlockBody);
  EXPECT_EQ(edge(g.blocks[body], CfgEdgeKind::Fallthrough)->to, kCfgExit);  // the block is done
  const CfgBlock& go = g.blocks[g.block_at(6)];
  ASSERT_NE(edge(go, CfgEdgeKind::BlockBody), nullptr);
  EXPECT_EQ(edge(go, CfgEdgeKind::BlockBody)->to, body);
}

TEST(Cfg, EmptyAndInvalidChunksDoNotCrash) {
  EXPECT_TRUE(build_cfg(Chunk{}).blocks.empty());
  EXPECT_NE(cfg_to_dot(Chunk{}).find("(no ops)"), std::string::npos);
  Chunk c;
  c.ops.push_back(ins::Jump(1000));
  c.ops.push_back(ins::Call(7, 0));             // names no sub
  c.ops.push_back(ins::MapBlock(3));            // no such block range
  c.ops.push_back(Instr(static_cast<Op>(250)));  // not an op
  c.ops.push_back(ins::LoadInt(1));
  c.block_ranges.push_back({5, 2});             // backwards: never runs
  ControlFlowGraph g = build_cfg(c);
  EXPECT_EQ(g.blocks.size(), 3u);
  EXPECT_EQ(edge(g.blocks[0], CfgEdgeKind::Jump)->to, kCfgExit);
  EXPECT_NE(cfg_to_dot(c).find("digraph"), std::string::npos);
}

TEST(Cfg, DotEscapesLabelsAndNestsSubChunks) {
  Chunk c = asm_chunk(R"(
.const Str "say \"hi\" \\ bye"
        LoadConst #0
.subchunk
        LoadInt 1
.end
)");
  c.source = "q\"uote.fvm";
  std::string dot = cfg_to_dot(c);
  EXPECT_NE(dot.find(R"(label="q\"uote.fvm")"), std::string::npos) << dot;
  EXPECT_NE(dot.find(R"(Str \"say \\\"hi\\\" \\\\ bye\")"), std::string::npos) << dot;
  EXPECT_NE(dot.find("subgraph cluster_c_0 {"), std::string::npos) << dot;
  EXPECT_NE(dot.find("c_0_b0 [label="), std::string::npos) << dot;
  c.source = std::string("bad\xff\x01", 5);
  dot = cfg_to_dot(c);
  EXPECT_NE(dot.find(R"(label="bad??")"), std::string::npos) << dot;
}

}  // namespace
}  // namespace fusevm
