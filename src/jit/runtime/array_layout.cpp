// array_layout() (array_layout.h).
#include "jit/runtime/array_layout.h"

#include <cstring>

#include "fusevm/containers.h"
#include "jit/runtime/context.h"

namespace fusevm::jit {

namespace {

ArrayLayout find_layout() {
  ValueVector items;
  for (int64_t i = 0; i < 3; ++i) items.push_back(Value::integer(i));
  const Value v = Value::array(std::move(items));
  const uint8_t* heap = nullptr;
  std::memcpy(&heap, reinterpret_cast<const uint8_t*>(&v) + kPayloadOffset, sizeof heap);
  const Array& a = v.as_array();
  const auto first = reinterpret_cast<uintptr_t>(&a[0]);
  const uintptr_t past = first + 3 * sizeof(Value);
  const uintptr_t room = first + a.items().capacity() * sizeof(Value);
  if (room == past) return ArrayLayout{};  // the two ends could not be told apart
  ArrayLayout out;
  int begins = 0, ends = 0, caps = 0;
  for (int32_t off = 0; off + 8 <= static_cast<int32_t>(sizeof(Array)); off += 8) {
    uintptr_t word = 0;
    std::memcpy(&word, heap + off, sizeof word);
    if (word == first) out.begin = off, ++begins;
    if (word == past) out.end = off, ++ends;
    if (word == room) out.cap = off, ++caps;
  }
  if (begins != 1 || ends != 1 || caps != 1) return ArrayLayout{};
  return out;
}

}  // namespace

const ArrayLayout& array_layout() {
  static const ArrayLayout layout = find_layout();
  return layout;
}

}  // namespace fusevm::jit
