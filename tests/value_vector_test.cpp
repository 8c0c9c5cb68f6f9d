// ValueVector: the std::vector operations the VM and embedders use, growth by relocation,
// arguments that alias the vector's own elements, and the heap budget (only growth is charged;
// a refused growth leaves the vector as it was).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "fusevm/value.h"

namespace fusevm {
namespace {

ValueVector ints(int n) {
  ValueVector v;
  for (int i = 0; i < n; ++i) v.push_back(Value::integer(i));
  return v;
}

std::string text(const ValueVector& v) {
  std::string out;
  for (const Value& x : v) out += (out.empty() ? "" : ",") + x.to_str();
  return out;
}

TEST(ValueVector, ConstructionAndAccess) {
  EXPECT_TRUE(ValueVector().empty());
  ValueVector undefs(3);
  EXPECT_EQ(undefs.size(), 3u);
  EXPECT_TRUE(undefs[2].is_undef());
  ValueVector filled(2, Value::string("x"));
  EXPECT_EQ(text(filled), "x,x");
  ValueVector listed{Value::integer(1), Value::floating(2.5), Value::string("s")};
  EXPECT_EQ(text(listed), "1,2.5,s");
  EXPECT_EQ(listed.front().as_int(), 1);
  EXPECT_EQ(listed.back().to_str(), "s");
  const ValueVector range(listed.begin() + 1, listed.end());
  EXPECT_EQ(text(range), "2.5,s");
  std::string reversed;
  for (auto it = listed.rbegin(); it != listed.rend(); ++it) reversed += it->to_str();
  EXPECT_EQ(reversed, "s2.51");
}

TEST(ValueVector, GrowthKeepsEveryElementAndItsReferences) {
  // Heap values survive being relocated: their counts stay right (the strings are shared with
  // `keep`, and both must still read back and free cleanly).
  std::vector<Value> keep;
  ValueVector v;
  for (int i = 0; i < 10000; ++i) {
    Value s = Value::string("s" + std::to_string(i));
    keep.push_back(s);
    v.push_back(std::move(s));
  }
  EXPECT_GE(v.capacity(), v.size());
  for (int i = 0; i < 10000; i += 997) EXPECT_EQ(v[i].to_str(), "s" + std::to_string(i));
  EXPECT_TRUE(keep[5].is_shared());
  v.clear();
  EXPECT_FALSE(keep[5].is_shared());
  EXPECT_EQ(keep[5].to_str(), "s5");
}

TEST(ValueVector, ALargeVectorGrowsThroughItsOwnMapping) {
  // Large blocks have a mapping of their own, which realloc grows with mremap: the elements must
  // come through every step unchanged.
  ValueVector v;
  constexpr int64_t kCount = 3'000'000;  // 48 MB of Values
  for (int64_t i = 0; i < kCount; ++i) v.push_back(Value::integer(i * 3));
  ASSERT_EQ(v.size(), static_cast<size_t>(kCount));
  for (int64_t i = 0; i < kCount; i += 99'991) EXPECT_EQ(v[static_cast<size_t>(i)].as_int(), i * 3);
  EXPECT_EQ(v.back().as_int(), (kCount - 1) * 3);
  v.resize(10);
  v.shrink_to_fit();
  EXPECT_EQ(v.capacity(), 10u);
  EXPECT_EQ(v[9].as_int(), 27);
}

TEST(ValueVector, ArgumentsThatAreItsOwnElements) {
  ValueVector v = ints(4);
  v.shrink_to_fit();
  ASSERT_EQ(v.size(), v.capacity());
  v.push_back(v[0]);  // grows while the argument lives inside the old block
  EXPECT_EQ(text(v), "0,1,2,3,0");
  v.shrink_to_fit();
  v.emplace_back(v.back());
  EXPECT_EQ(text(v), "0,1,2,3,0,0");
  v.shrink_to_fit();
  v.resize(8, v[1]);
  EXPECT_EQ(text(v), "0,1,2,3,0,0,1,1");
  v.insert(v.begin() + 1, v.begin() + 2, v.begin() + 4);  // a range inside the vector
  EXPECT_EQ(text(v), "0,2,3,1,2,3,0,0,1,1");
}

TEST(ValueVector, InsertEraseResizeSwap) {
  ValueVector v = ints(5);
  auto it = v.insert(v.begin() + 2, Value::string("a"));
  EXPECT_EQ(it - v.begin(), 2);
  EXPECT_EQ(text(v), "0,1,a,2,3,4");
  it = v.erase(v.begin());
  EXPECT_EQ(it, v.begin());
  it = v.erase(v.begin() + 1, v.begin() + 3);
  EXPECT_EQ(text(v), "1,3,4");
  EXPECT_EQ(it->as_int(), 3);
  v.insert(v.end(), {Value::integer(7), Value::integer(8)});
  EXPECT_EQ(text(v), "1,3,4,7,8");
  v.resize(2);
  EXPECT_EQ(text(v), "1,3");
  v.resize(3);
  EXPECT_TRUE(v[2].is_undef());
  v.pop_back();
  ValueVector w{Value::string("w")};
  v.swap(w);
  EXPECT_EQ(text(v), "w");
  EXPECT_EQ(text(w), "1,3");
  std::sort(w.begin(), w.end(), [](const Value& a, const Value& b) { return a.as_int() > b.as_int(); });
  EXPECT_EQ(text(w), "3,1");
  ValueVector copy = w;
  copy[0] = Value::integer(9);
  EXPECT_EQ(text(w), "3,1");
  ValueVector moved = std::move(copy);
  EXPECT_EQ(text(moved), "9,1");
  EXPECT_TRUE(copy.empty());  // NOLINT(bugprone-use-after-move): a moved-from vector is empty
}

TEST(ValueVector, OnlyGrowthIsChargedAndARefusedGrowthChangesNothing) {
  HeapBudget budget;
  {
    ScopedHeapBudget scope(&budget);
    ValueVector v;
    v.reserve(1000);
    EXPECT_EQ(budget.used, 1000 * sizeof(Value));
    v.reserve(3000);
    EXPECT_EQ(budget.used, 3000 * sizeof(Value));
    EXPECT_EQ(budget.peak, 3000 * sizeof(Value));  // not old + new at once
  }
  EXPECT_EQ(budget.used, 0u);

  HeapBudget tight;
  tight.limit = 100 * sizeof(Value);
  {
    ScopedHeapBudget scope(&tight);
    ValueVector v;
    for (int i = 0; i < 64; ++i) v.push_back(Value::integer(i));
    const Value* before = v.data();
    const size_t cap = v.capacity();
    EXPECT_THROW(v.push_back(Value::integer(64)), MemoryLimitExceeded);
    EXPECT_EQ(v.size(), 64u);
    EXPECT_EQ(v.capacity(), cap);
    EXPECT_EQ(v.data(), before);
    EXPECT_EQ(v[63].as_int(), 63);
  }
  EXPECT_EQ(tight.used, 0u);
}

}  // namespace
}  // namespace fusevm
