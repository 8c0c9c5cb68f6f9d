// String ops, string comparisons, the string-building fused loop, and Print/ReadLine.
//
// Concat appends in place when it can: the left operand's string grows geometrically while it is
// unshared, so building a string piece by piece is amortised O(1) per byte. For the common
// `GetVar s; <piece>; Concat; SetVar s` (and the slot form), the variable still holds the string
// while Concat runs; since the very next op overwrites that variable anyway, Concat drops the
// variable's reference first, which makes the string unshared (the same trick CPython uses).
#include <algorithm>
#include <cstring>

#include "compare.h"
#include "interp.h"
#include "quick_math.h"
#include "value_access.h"

namespace fusevm {
namespace {

bool same_heap_object(const Value& a, const Value& b) {
  return a.is_str() && b.is_str() && a.as_str().data() == b.as_str().data();
}

}  // namespace

bool VM::Impl::op_string(const Instr& ins) {
  const Frame& frame = frames_.back();
  Value* slots = slots_.data() + frame.slot_base;
  auto pop = [&]() { return std::move(stack_[--sp_]); };

  switch (ins.op) {
    case Op::Concat: {
      if (!need(2, ins)) return false;
      Value right = pop();
      Value& left = top();
      // `...; Concat; SetVar n` / `SetSlot s`: the target is about to be overwritten.
      const Instr& next = units_[unit_].original()[ip_ + 1];
      Value* target = next.op == Op::SetVar || next.op == Op::DeclareVar ? &globals_[next.raw(0)]
                      : next.op == Op::SetSlot                          ? &slots[next.raw(0)]
                                                                         : nullptr;
      if (target != nullptr && same_heap_object(*target, left)) *target = Value();
      if (!left.is_str()) left = left.to_str_value();
      left.append_value(right);
      return true;
    }
    case Op::StringRepeat: {
      if (!need(2, ins)) return false;
      const int64_t count = pop().to_int();
      const Value text = pop().to_str_value();
      const std::string_view s = text.as_str();
      if (count <= 0 || s.empty()) return push_checked(Value::string(""));
      if (static_cast<uint64_t>(count) > SIZE_MAX / s.size()) throw MemoryLimitExceeded();
      Value out = Value::string("");
      out.append_repeated(s, static_cast<size_t>(count));
      return push_checked(std::move(out));
    }
    case Op::StringLen: {
      if (!need(1, ins)) return false;
      const auto n = static_cast<int64_t>(top().len());
      top() = Value::integer(n);
      return true;
    }
    case Op::StrEq:
    case Op::StrNe:
    case Op::StrLt:
    case Op::StrGt:
    case Op::StrLe:
    case Op::StrGe:
    case Op::StrCmp: {
      if (!need(2, ins)) return false;
      const Value b = pop();
      const int c = compare_text(top(), b);
      Value result;
      switch (ins.op) {
        case Op::StrEq: result = Value::boolean(c == 0); break;
        case Op::StrNe: result = Value::boolean(c != 0); break;
        case Op::StrLt: result = Value::boolean(c < 0); break;
        case Op::StrGt: result = Value::boolean(c > 0); break;
        case Op::StrLe: result = Value::boolean(c <= 0); break;
        case Op::StrGe: result = Value::boolean(c >= 0); break;
        default: result = Value::integer(c); break;
      }
      top() = std::move(result);
      return true;
    }
    case Op::ConcatConstLoop: {
      const Value piece = consts_[ins.get<Op::ConcatConstLoop, 0>()].to_str_value();
      Value& s_slot = slots[ins.get<Op::ConcatConstLoop, 1>()];
      Value& i_slot = slots[ins.get<Op::ConcatConstLoop, 2>()];
      const int64_t lim = ins.get<Op::ConcatConstLoop, 3>();
      int64_t i = i_slot.to_int();
      Value text = std::move(s_slot);
      if (!text.is_str()) text = text.to_str_value();
      if (i < lim) {
        const uint64_t iterations = quick::range_length(i, lim);
        executed_ = quick::saturating_add(executed_, iterations);
        if (limits_.fuel != 0 && executed_ > limits_.fuel) {
          s_slot = std::move(text);
          return check_limits();
        }
        const std::string_view p = piece.as_str();
        if (!p.empty() && iterations > (SIZE_MAX - text.as_str().size()) / p.size()) throw MemoryLimitExceeded();
        text.append_repeated(p, static_cast<size_t>(iterations));
        i = lim;
      }
      // Written in this order: with s and i the same slot, i wins (as in the original).
      s_slot = std::move(text);
      i_slot = Value::integer(i);
      return true;
    }
    case Op::Print:
    case Op::PrintLn: {
      const size_t n = ins.raw(0);
      if (!need(n, ins)) return false;
      std::string text;
      for (size_t k = sp_ - n; k < sp_; ++k) stack_[k].append_str_to(text);
      if (ins.op == Op::PrintLn) text += '\n';
      for (size_t k = sp_ - n; k < sp_; ++k) stack_[k] = Value();
      sp_ -= n;
      write_output(text);
      return true;
    }
    case Op::ReadLine: {
      std::optional<std::string> line = read_line();
      return push_checked(Value::string(line ? *line : std::string()));
    }
    default:
      raise(ErrorCode::RuntimeError, "internal error: " + std::string(op_name(ins.op)) + " is not a string op");
      return false;
  }
}

}  // namespace fusevm
