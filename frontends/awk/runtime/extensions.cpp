// The awk frontend's own ops (ext_ops.def), run by the VM's wide extension handler.
//
// Each op pops its operands through the VM, works on the runtime, and pushes its results. An
// AwkError (a bad regex, a failed write) becomes VM::fail, so the run ends with the message at
// the op's location; other exceptions reach the VM, which reports them the same way.
#include <cmath>

#include "awk/runtime/awk_runtime.h"
#include "awk/runtime/number_text.h"
#include "awk/runtime/substitute.h"

namespace fusevm::awkfront {
namespace {

constexpr std::string_view kExtNames[] = {
#define AWK_EXT(name, pops, pushes, doc) #name,
#include "awk/runtime/ext_ops.def"
#undef AWK_EXT
};

constexpr int kExtPops[] = {
#define AWK_EXT(name, pops, pushes, doc) pops,
#include "awk/runtime/ext_ops.def"
#undef AWK_EXT
};

constexpr int kExtPushes[] = {
#define AWK_EXT(name, pops, pushes, doc) pushes,
#include "awk/runtime/ext_ops.def"
#undef AWK_EXT
};

bool compare_holds(CompareOp op, int c) {
  switch (op) {
    case CompareOp::Less: return c == -1;
    case CompareOp::LessEqual: return c == -1 || c == 0;
    case CompareOp::Equal: return c == 0;
    case CompareOp::NotEqual: return c != 0;
    case CompareOp::Greater: return c == 1;
    case CompareOp::GreaterEqual: return c == 1 || c == 0;
  }
  return false;
}

/// Pops n values into `out` in source order.
void pop_n(VM& vm, size_t n, std::vector<Value>& out) {
  out.resize(n);
  for (size_t i = n; i-- > 0;) out[i] = vm.pop();
}

}  // namespace

std::string_view awk_ext_name(AwkExt e) noexcept {
  const auto i = static_cast<size_t>(e);
  return i < std::size(kExtNames) ? kExtNames[i] : std::string_view("?");
}

ExtStackEffect ext_stack_effect(AwkExt e, uint64_t payload) noexcept {
  const auto i = static_cast<size_t>(e);
  if (i >= std::size(kExtNames)) return {};
  ExtStackEffect effect{static_cast<uint32_t>(std::max(kExtPops[i], 0)), static_cast<uint32_t>(std::max(kExtPushes[i], 0))};
  const uint32_t count = static_cast<uint32_t>(payload & 0xff);
  switch (e) {
    case AwkExt::Concat:
    case AwkExt::Subscript: effect.pops = static_cast<uint32_t>(payload); break;
    case AwkExt::Getline: {
      const auto from = static_cast<GetlineFrom>(payload & 0xff);
      effect.pops = from == GetlineFrom::Main ? 0 : 1;
      effect.pushes = (payload & kGetlineVar) != 0 ? 2 : 1;
      break;
    }
    case AwkExt::SubGsub: effect.pops = (payload & kSubStatic) != 0 ? 2 : 3; break;
    case AwkExt::Split: effect.pops = count; break;
    case AwkExt::PrintTo:
    case AwkExt::PrintfTo: effect.pops = count + 1; break;
    case AwkExt::Close:
    case AwkExt::Fflush: effect.pops = count; break;
    default: break;
  }
  return effect;
}

void AwkRuntime::run_extension(VM& vm, uint16_t id, uint64_t payload) {
  if (id < kAwkExtBase || id >= kAwkExtBase + static_cast<uint16_t>(AwkExt::Count)) {
    vm.fail("no extension handler for op " + std::to_string(id));
    return;
  }
  const auto op = static_cast<AwkExt>(id - kAwkExtBase);
  try {
    switch (op) {
      case AwkExt::ToNumber: {
        const Value v = vm.pop();
        vm.push(Value::floating(to_number(v)));
        return;
      }
      case AwkExt::ToString: {
        const Value v = vm.pop();
        vm.push(v.is_str() ? v.to_str_value() : Value::string(to_string(v)));
        return;
      }
      case AwkExt::Truth: vm.push(Value::boolean(truth(vm.pop()))); return;
      case AwkExt::Not: vm.push(Value::boolean(!truth(vm.pop()))); return;
      case AwkExt::Compare: {
        const Value b = vm.pop();
        const Value a = vm.pop();
        vm.push(Value::boolean(compare_holds(static_cast<CompareOp>(payload), compare(a, b))));
        return;
      }
      case AwkExt::Concat: {
        pop_n(vm, payload, operands_);
        std::string out;
        for (const Value& v : operands_) append_string(out, v);
        vm.push(Value::string(out));
        return;
      }
      case AwkExt::MatchStatic: {
        const Value s = vm.pop();
        const Regex& re = static_regex(payload);
        if (s.is_str()) {
          vm.push(Value::boolean(re.matches(s.as_str())));
        } else {
          vm.push(Value::boolean(re.matches(to_string(s))));
        }
        return;
      }
      case AwkExt::MatchRecord: vm.push(Value::boolean(static_regex(payload).matches(field_text(0)))); return;
      case AwkExt::MatchDynamic: {
        const Value re = vm.pop();
        const Value s = vm.pop();
        const Regex& regex = dynamic_regex(re);
        vm.push(Value::boolean(s.is_str() ? regex.matches(s.as_str()) : regex.matches(to_string(s))));
        return;
      }
      case AwkExt::Subscript: {
        pop_n(vm, payload, operands_);
        std::string key;
        for (size_t i = 0; i < operands_.size(); ++i) {
          if (i > 0) key += subsep_;
          append_string(key, operands_[i]);
        }
        vm.push(Value::string(key));
        return;
      }
      case AwkExt::ArrayGet: {
        const Value key = vm.pop();
        Hash& array = array_of(vm.pop().to_int());
        const std::string_view k = key_text(key, payload, scratch_);
        if (const Value* v = array.find(k)) {
          vm.push(*v);
          return;
        }
        // A reference creates the element (POSIX); a Str key shares its bytes with the hash.
        if (key.is_str() && (payload & kKeyIsField) == 0) {
          array.set(key, Value());
        } else {
          array.set(k, Value());
        }
        vm.push(Value());
        return;
      }
      case AwkExt::ArraySet: {
        Value v = vm.pop();
        const Value key = vm.pop();
        Hash& array = array_of(vm.pop().to_int());
        if (key.is_str() && (payload & kKeyIsField) == 0) {
          array.set(key, v);
        } else {
          array.set(key_text(key, payload, scratch_), v);
        }
        vm.push(std::move(v));
        return;
      }
      case AwkExt::ArrayArith: ext_array_arith(vm, payload); return;
      case AwkExt::ArrayIn: {
        const Value key = vm.pop();
        Hash& array = array_of(vm.pop().to_int());
        vm.push(Value::boolean(array.contains(key_text(key, payload, scratch_))));
        return;
      }
      case AwkExt::ArrayDelete: {
        const Value key = vm.pop();
        Hash& array = array_of(vm.pop().to_int());
        array.erase(key_text(key, payload, scratch_));
        return;
      }
      case AwkExt::ArrayClear: array_of(vm.pop().to_int()).clear(); return;
      case AwkExt::ArrayLength:
        vm.push(Value::floating(static_cast<double>(array_of(vm.pop().to_int()).size())));
        return;
      case AwkExt::NewArray: vm.push(Value::integer(arrays_.create())); return;
      case AwkExt::FreeArray: arrays_.release(vm.pop().to_int()); return;
      case AwkExt::ForInStart: vm.push(Value::integer(arrays_.start_iteration(vm.pop().to_int()))); return;
      case AwkExt::ForInNext: {
        const int64_t it = vm.pop().to_int();
        Value key;
        if (arrays_.next_key(it, key)) {
          // Keys that look like numbers compare as numbers, as gawk does (POSIX leaves it open).
          vm.push(Value::input_string(key.as_str()));
          vm.push(Value::boolean(true));
        } else {
          vm.push(Value());
          vm.push(Value::boolean(false));
        }
        return;
      }
      case AwkExt::ForInEnd: arrays_.end_iteration(vm.pop().to_int()); return;
      case AwkExt::FieldNumber: {
        const Value i = vm.pop();
        const double d = to_number(i);
        // Truncated with saturation (NaN is 0), as the VM's to_int does for AwkFieldGet.
        const int64_t index = Value::floating(d).to_int();
        if (index < 0) throw AwkError("attempt to access field " + std::to_string(index));
        if (index > 0) {
          ensure_split();
          const size_t k = static_cast<size_t>(index - 1);
          if (!fields_owned_ && k < field_views_.size()) {
            vm.push(Value::floating(string_to_number(field_views_[k])));
            return;
          }
        }
        vm.push(Value::floating(to_number(field_get(index))));
        return;
      }
      case AwkExt::NextRecord: {
        std::string error;
        const bool got = read_main_record(error);
        if (!got && !error.empty()) throw AwkError(error);
        vm.push(Value::boolean(got));
        return;
      }
      case AwkExt::NextFile: skip_main_file(); return;
      case AwkExt::Getline: ext_getline(vm, payload); return;
      case AwkExt::SubGsub: ext_sub_gsub(vm, payload); return;
      case AwkExt::Split: ext_split(vm, payload); return;
      case AwkExt::PrintTo: ext_print_to(vm, payload, false); return;
      case AwkExt::PrintfTo: ext_print_to(vm, payload, true); return;
      case AwkExt::Close: {
        pop_n(vm, payload & 0xff, operands_);
        const std::string name = operands_.empty() ? std::string() : to_string(operands_[0]);
        vm.push(Value::floating(io_.close(name)));
        return;
      }
      case AwkExt::Fflush: {
        pop_n(vm, payload & 0xff, operands_);
        if (operands_.empty()) {
          vm.push(Value::floating(io_.flush(std::nullopt)));
        } else {
          const std::string name = to_string(operands_[0]);
          vm.push(Value::floating(io_.flush(std::string_view(name))));
        }
        return;
      }
      case AwkExt::System: {
        const std::string command = to_string(vm.pop());
        int status = 0;
        std::string error;
        if (!io_.system(command, status, error)) throw AwkError(error);
        vm.push(Value::floating(status));
        return;
      }
      case AwkExt::InputString: {
        const Value v = vm.pop();
        vm.push(Value::input_string(to_string(v)));
        return;
      }
      case AwkExt::SetExitCode: {
        const double code = to_number(vm.pop());
        exit_code_ = static_cast<int>(Value::floating(code).to_int() & 0xff);
        return;
      }
      case AwkExt::Raise: pending_signal_ = static_cast<AwkSignalKind>(payload); return;
      case AwkExt::Pending: vm.push(Value::boolean(pending_signal_ != AwkSignalKind::None)); return;
      case AwkExt::TakeSignal: {
        const auto kind = pending_signal_;
        pending_signal_ = AwkSignalKind::None;
        vm.push(Value::floating(static_cast<double>(kind)));
        return;
      }
      case AwkExt::Count: break;
    }
  } catch (const AwkError& e) {
    vm.fail(e.what());
    return;
  }
  vm.fail("no extension handler for op " + std::to_string(id));
}

void AwkRuntime::ext_array_arith(VM& vm, uint64_t payload) {
  const double n = to_number(vm.pop());
  const Value key = vm.pop();
  Hash& array = array_of(vm.pop().to_int());
  const std::string_view k = key_text(key, payload, scratch_);
  Value* slot = array.find(k);
  if (slot == nullptr) {
    if (key.is_str() && (payload & kKeyIsField) == 0) {
      array.set(key, Value());
    } else {
      array.set(k, Value());
    }
    slot = array.find(k);
  }
  const double old = to_number(*slot);
  double result = 0;
  switch (static_cast<ArithOp>(payload & 0xff)) {
    case ArithOp::Add: result = old + n; break;
    case ArithOp::Sub: result = old - n; break;
    case ArithOp::Mul: result = old * n; break;
    case ArithOp::Div:
      if (n == 0) throw AwkError("division by zero attempted");
      result = old / n;
      break;
    case ArithOp::Mod:
      if (n == 0) throw AwkError("division by zero attempted in `%'");
      result = std::fmod(old, n);
      break;
    case ArithOp::Pow: result = std::pow(old, n); break;
  }
  *slot = Value::floating(result);
  vm.push(Value::floating((payload & kArithPost) != 0 ? old : result));
}

void AwkRuntime::ext_getline(VM& vm, uint64_t payload) {
  const auto from = static_cast<GetlineFrom>(payload & 0xff);
  const bool into_var = (payload & kGetlineVar) != 0;
  std::string operand;
  if (from != GetlineFrom::Main) operand = to_string(vm.pop());
  std::string_view record;
  const int status = next_input_record(from, operand, record);
  if (status > 0) {
    if (into_var) {
      vm.push(Value::input_string(record));
    } else {
      set_record_text(record);
    }
    if (from == GetlineFrom::Main) {
      nr_ += 1;
      fnr_ += 1;
    }
  } else if (into_var) {
    vm.push(Value());
  }
  vm.push(Value::floating(status));
}

void AwkRuntime::ext_sub_gsub(VM& vm, uint64_t payload) {
  const Value target = vm.pop();
  const Value repl = vm.pop();
  const Regex* re;
  if ((payload & kSubStatic) != 0) {
    re = &static_regex(payload >> 16);
  } else {
    re = &dynamic_regex(vm.pop());
  }
  std::string text_copy;
  std::string_view text;
  if (target.is_str()) {
    text = target.as_str();
  } else {
    append_string(text_copy, target);
    text = text_copy;
  }
  std::string replacement_copy;
  std::string_view replacement;
  if (repl.is_str()) {
    replacement = repl.as_str();
  } else {
    append_string(replacement_copy, repl);
    replacement = replacement_copy;
  }
  std::string out;
  const size_t n = substitute(*re, text, replacement, (payload & kSubGlobal) != 0, out);
  vm.push(n == 0 ? target : Value::string(out));
  vm.push(Value::floating(static_cast<double>(n)));
}

void AwkRuntime::ext_split(VM& vm, uint64_t payload) {
  const size_t count = payload & 0xff;
  Value fs;
  if (count >= 3) fs = vm.pop();
  Hash& array = array_of(vm.pop().to_int());
  const Value s = vm.pop();
  const Regex* fs_regex = (payload & kSplitStatic) != 0 ? &static_regex(payload >> 16) : nullptr;
  std::string text_copy;
  std::string_view text;
  if (s.is_str()) {
    text = s.as_str();
  } else {
    append_string(text_copy, s);
    text = text_copy;
  }
  // `s` holds its own reference to the text, so split(a[1], a) may clear `a` first.
  const int64_t n = split_into(text, array, count >= 3 && fs_regex == nullptr ? &fs : nullptr, fs_regex);
  vm.push(Value::floating(static_cast<double>(n)));
}

void AwkRuntime::ext_print_to(VM& vm, uint64_t payload, bool formatted) {
  const size_t count = payload & 0xff;
  const auto mode = static_cast<OutputMode>((payload >> 8) & 0xff);
  const std::string dest = to_string(vm.pop());
  pop_n(vm, count, operands_);
  std::string text;
  if (formatted) {
    const std::string format_text = operands_.empty() ? std::string() : to_string(operands_[0]);
    const std::span<const Value> rest =
        operands_.empty() ? std::span<const Value>() : std::span<const Value>(operands_).subspan(1);
    text = format(format_text, rest);
  } else {
    if (count == 0) {
      text.assign(field_text(0));
    } else {
      for (size_t i = 0; i < count; ++i) {
        if (i > 0) text += ofs_;
        append_output_string(text, operands_[i]);
      }
    }
    text += ors_;
  }
  write_output(dest, mode, text);
}

}  // namespace fusevm::awkfront
