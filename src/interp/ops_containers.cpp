// Array, hash and range ops, and the array-building fused loop (ORIGINAL-BEHAVIOUR.md §7,
// "Containers"). Our deliberate differences: a write to an Undef variable or slot creates the
// container first, a write to any other non-container is an error (DEVIATIONS.md C), and a
// negative write index is an error rather than a crash (B). Reads of missing elements give Undef.
#include <algorithm>

#include "interp.h"
#include "quick_math.h"
#include "value_access.h"

namespace fusevm {
namespace {

std::string name_of(const Chunk& chunk, uint64_t idx) {
  // (appends rather than operator+: GCC 12 warns falsely about "'" + s, bug 105329)
  std::string out;
  if (idx < chunk.names.size()) return out.append(1, '\'').append(chunk.names[idx]).append(1, '\'');
  return out.append(1, '#').append(std::to_string(idx));
}

// The element at `index` of an array value, or Undef (negative or past the end, or no array).
Value element_or_undef(const Value& container, int64_t index) {
  if (!container.is_array() || index < 0) return Value();
  const Value* e = container.as_array().get(static_cast<size_t>(index));
  return e != nullptr ? *e : Value();
}

__extension__ typedef __int128 int128;

// Elements from `from` to `to` inclusive by `step` (0 or the wrong direction: none), computed in
// 128 bits so that no range can wrap around or loop forever.
bool build_range(int64_t from, int64_t to, int64_t step, ValueVector& out) {
  if (step == 0) return true;
  int128 count = 0;
  if (step > 0 && to >= from) count = (static_cast<int128>(to) - from) / step + 1;
  if (step < 0 && to <= from) count = (static_cast<int128>(from) - to) / -static_cast<int128>(step) + 1;
  if (count > static_cast<int128>(SIZE_MAX / sizeof(Value))) throw std::bad_alloc();
  out.reserve(static_cast<size_t>(count));
  int128 v = from;
  for (int128 n = 0; n < count; ++n, v += step) out.push_back(Value::integer(static_cast<int64_t>(v)));
  return true;
}

}  // namespace

bool VM::Impl::op_container(const Instr& ins) {
  const Frame& frame = frames_.back();
  Value* slots = slots_.data() + frame.slot_base;
  const size_t available = sp_ - frame.stack_base;

  // A container write target: Undef becomes a new container, anything else that is not one is
  // an error naming the op and the variable or slot.
  // (`describe` names the target for the message, built only when there is one.)
  auto writable = [&](Value& target, bool want_array, auto&& describe) -> bool {
    if (target.is_undef()) target = want_array ? Value::array() : Value::hash();
    if (want_array ? target.is_array() : target.is_hash()) return true;
    raise(ErrorCode::RuntimeError, std::string(op_name(ins.op)) + ": " + describe() + " holds " +
                                       std::string(value_type_name(target.type())) +
                                       (want_array ? ", not an Array" : ", not a Hash"));
    return false;
  };
  auto pop = [&]() { return std::move(stack_[--sp_]); };

  switch (ins.op) {
    case Op::SlotArrayGet: {
      if (!need(1, ins)) return false;
      const int64_t index = top().to_int();
      top() = element_or_undef(slots[ins.get<Op::SlotArrayGet, 0>()], index);
      return true;
    }
    case Op::SlotArraySet: {
      if (!need(2, ins)) return false;
      const uint16_t s = ins.get<Op::SlotArraySet, 0>();
      const int64_t index = pop().to_int();
      Value v = pop();
      if (!writable(slots[s], true, [&] { return "slot " + std::to_string(s); })) return false;
      if (index < 0) {
        raise(ErrorCode::RuntimeError, "index " + std::to_string(index) + " out of range");
        return false;
      }
      Array& a = slots[s].mutable_array();
      if (static_cast<uint64_t>(index) >= a.size()) a.resize(static_cast<size_t>(index) + 1);
      a[static_cast<size_t>(index)] = std::move(v);
      return true;
    }
    case Op::GetArray:
    case Op::GetHash:
      return push_checked(globals_[ins.raw(0)]);
    case Op::SetArray:
    case Op::SetHash:
      if (!need(1, ins)) return false;
      globals_[ins.raw(0)] = pop();
      return true;
    case Op::DeclareArray:
      globals_[ins.raw(0)] = Value::array();
      return true;
    case Op::DeclareHash:
      globals_[ins.raw(0)] = Value::hash();
      return true;
    case Op::ArrayGet: {
      if (!need(1, ins)) return false;
      const int64_t index = top().to_int();
      top() = element_or_undef(globals_[ins.get<Op::ArrayGet, 0>()], index);
      return true;
    }
    case Op::ArraySet: {
      if (!need(2, ins)) return false;
      const uint16_t n = ins.get<Op::ArraySet, 0>();
      const int64_t index = pop().to_int();
      Value v = pop();
      if (!writable(globals_[n], true, [&] { return name_of(chunk_, n); })) return false;
      if (index < 0) {
        raise(ErrorCode::RuntimeError, "index " + std::to_string(index) + " out of range");
        return false;
      }
      Array& a = globals_[n].mutable_array();
      if (static_cast<uint64_t>(index) >= a.size()) a.resize(static_cast<size_t>(index) + 1);
      a[static_cast<size_t>(index)] = std::move(v);
      return true;
    }
    case Op::ArrayPush: {
      if (!need(1, ins)) return false;
      const uint16_t n = ins.get<Op::ArrayPush, 0>();
      Value v = pop();
      if (!writable(globals_[n], true, [&] { return name_of(chunk_, n); })) return false;
      globals_[n].mutable_array().push_back(std::move(v));
      return true;
    }
    case Op::ArrayPop:
    case Op::ArrayShift: {
      Value& g = globals_[ins.raw(0)];
      Value v;
      if (g.is_array() && !g.as_array().empty())
        v = ins.op == Op::ArrayPop ? g.mutable_array().pop_back() : g.mutable_array().pop_front();
      return push_checked(std::move(v));
    }
    case Op::ArrayLen: {
      const Value& g = globals_[ins.get<Op::ArrayLen, 0>()];
      return push_checked(Value::integer(g.is_array() ? static_cast<int64_t>(g.as_array().size()) : 0));
    }
    case Op::MakeArray: {
      // Takes up to n values: what the frame holds (the original's contract).
      const size_t n = std::min<size_t>(ins.get<Op::MakeArray, 0>(), available);
      ValueVector items(n);
      for (size_t i = 0; i < n; ++i) items[i] = std::move(stack_[sp_ - n + i]);
      sp_ -= n;
      return push_checked(Value::array(std::move(items)));
    }
    case Op::MakeHash: {
      // n stack values (not pairs): key, value, key, value, ...; an odd trailing key is dropped
      // and a repeated key keeps its last value.
      const size_t n = std::min<size_t>(ins.get<Op::MakeHash, 0>(), available);
      Value h = Value::hash();
      Hash& hash = h.mutable_hash();
      const size_t first = sp_ - n;
      for (size_t i = 0; i + 1 < n; i += 2)
        hash.set(stack_[first + i].to_str_value(), std::move(stack_[first + i + 1]));
      for (size_t i = first; i < sp_; ++i) stack_[i] = Value();
      sp_ = first;
      return push_checked(std::move(h));
    }
    case Op::HashGet:
    case Op::HashExists:
    case Op::HashDelete: {
      if (!need(1, ins)) return false;
      const Value key = top().to_str_value();
      Value& g = globals_[ins.raw(0)];
      Value result;
      if (ins.op == Op::HashExists) {
        result = Value::boolean(g.is_hash() && g.as_hash().contains(key.as_str()));
      } else if (g.is_hash()) {
        if (ins.op == Op::HashGet) {
          if (const Value* found = g.as_hash().find(key.as_str())) result = *found;
        } else {
          g.mutable_hash().erase(key.as_str(), &result);
        }
      }
      top() = std::move(result);
      return true;
    }
    case Op::HashSet: {
      if (!need(2, ins)) return false;
      const uint16_t n = ins.get<Op::HashSet, 0>();
      Value key = pop().to_str_value();
      Value v = pop();
      if (!writable(globals_[n], false, [&] { return name_of(chunk_, n); })) return false;
      globals_[n].mutable_hash().set(key, std::move(v));
      return true;
    }
    case Op::HashKeys:
    case Op::HashValues: {
      const Value& g = globals_[ins.raw(0)];
      ValueVector items;
      if (g.is_hash()) {
        items.reserve(g.as_hash().size());
        for (const Hash::Entry& e : g.as_hash()) items.push_back(ins.op == Op::HashKeys ? e.key : e.value);
      }
      return push_checked(Value::array(std::move(items)));
    }
    case Op::Range:
    case Op::RangeStep: {
      const bool stepped = ins.op == Op::RangeStep;
      if (!need(stepped ? 3 : 2, ins)) return false;
      const int64_t step = stepped ? pop().to_int() : 1;
      const int64_t to = pop().to_int();
      const int64_t from = pop().to_int();
      ValueVector items;
      build_range(from, to, step, items);
      return push_checked(Value::array(std::move(items)));
    }
    case Op::SortDefault: {
      if (!need(1, ins)) return false;
      Value v = pop();
      ValueVector items;
      if (v.is_array()) {
        items = v.as_array().items();
      } else {
        items.push_back(std::move(v));
      }
      // Stable, by the bytes of each element's text (the StrCmp order).
      std::vector<std::pair<std::string, size_t>> keys;
      keys.reserve(items.size());
      for (size_t i = 0; i < items.size(); ++i) keys.emplace_back(items[i].to_str(), i);
      std::stable_sort(keys.begin(), keys.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      ValueVector sorted;
      sorted.reserve(items.size());
      for (const auto& k : keys) sorted.push_back(std::move(items[k.second]));
      return push_checked(Value::array(std::move(sorted)));
    }
    case Op::PushIntRangeLoop: {
      const uint16_t n = ins.get<Op::PushIntRangeLoop, 0>();
      Value& i_slot = slots[ins.get<Op::PushIntRangeLoop, 1>()];
      const int64_t lim = ins.get<Op::PushIntRangeLoop, 2>();
      int64_t i = i_slot.to_int();
      // The original replaces a non-array variable with a new array (unlike ArrayPush).
      Value& g = globals_[n];
      if (!g.is_array()) g = Value::array();
      if (i < lim) {
        const uint64_t iterations = quick::range_length(i, lim);
        executed_ = quick::saturating_add(executed_, iterations);
        if (limits_.fuel != 0 && executed_ > limits_.fuel) return check_limits();
        Array& a = g.mutable_array();
        a.reserve(a.size() + iterations);
        for (; i < lim; ++i) a.push_back(Value::integer(i));
      }
      i_slot = Value::integer(i);
      return true;
    }
    default:
      raise(ErrorCode::RuntimeError, "internal error: " + std::string(op_name(ins.op)) + " is not a container op");
      return false;
  }
}

}  // namespace fusevm
