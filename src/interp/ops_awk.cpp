// The awk ops (AWK.md §4–5). VM-native ones (awk division and modulo, the guarded *Jit builtins,
// the PRNG, AwkSignal) never involve a host. Host-independent builtins go to the AwkHost when one
// is installed (a host may override them) and to the shared algorithms in namespace awk
// otherwise. Ops that need awk runtime state fail with `no awk host set` when there is no host
// (DEVIATIONS.md E; the original silently returned "" or 0).
#include <cmath>
#include <cstdio>
#include <exception>

#include "fusevm/code_tables.h"
#include "interp.h"
#include "value/number_text.h"

namespace fusevm {
namespace {

int64_t saturate_i64(double x) { return Value::floating(x).to_int(); }

uint32_t saturate_u32(double x) {
  if (!(x > 0)) return 0;  // NaN and negatives
  if (x >= 4294967295.0) return UINT32_MAX;
  return static_cast<uint32_t>(x);
}

void warn_negative(const char* fn, double a) {
  std::string text;
  detail::append_float_display(text, a);
  std::fprintf(stderr, "awk: warning: %s: received negative argument %s\n", fn, text.c_str());
}

bool needs_host(Op op) {
  switch (op) {
    case Op::AwkFieldGet: case Op::AwkFieldSet: case Op::AwkNf: case Op::AwkSetRecord:
    case Op::AwkSpecialGet: case Op::AwkSpecialSet: case Op::AwkPrint: case Op::AwkPrintf:
    case Op::AwkSprintf: case Op::AwkGetline: case Op::AwkSplit: case Op::AwkSub: case Op::AwkGsub:
    case Op::AwkMatch: case Op::AwkGensub: case Op::AwkArrayGet: case Op::AwkArraySet:
    case Op::AwkArrayExists: case Op::AwkArrayDelete: case Op::AwkArrayClear: case Op::AwkArrayLen:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool VM::Impl::op_awk(Op op, uint64_t payload) {
  Instr ins(op);
  if (ins.operand_count() > 0) ins.set_raw(0, payload);
  // Most awk ops pop a fixed number of values: read it from the table without decoding.
  const EffectSpec& spec = op_info(op).effect;
  const size_t pops = spec.rule == EffectRule::Fixed ? spec.pops : stack_effect(ins).pops;
  if (!need(pops, ins)) return false;
  AwkHost* host = awk_.get();
  if (host == nullptr && (needs_host(op) || (op == Op::AwkLength && payload == 0))) {
    raise(ErrorCode::RuntimeError,
          std::string(op_name(op)) + ": no awk host set (VM::set_awk_host installs one)");
    return false;
  }
  auto pop = [&]() { return std::move(stack_[--sp_]); };
  // The top `n` values in source order (in a vector reused from call to call: no allocation
  // once it has grown; hosts get no VM access, so no op_awk runs while it is in use).
  auto pop_args = [&](size_t n) -> std::vector<Value>& {
    std::vector<Value>& args = awk_args_;
    args.resize(n);
    for (size_t i = n; i-- > 0;) args[i] = pop();
    return args;
  };
  const std::string_view name = chunk_.name_at(payload);

  try {
    switch (op) {
      // ── VM-native ──
      case Op::AwkDiv:
      case Op::AwkDivJit:
      case Op::AwkMod:
      case Op::AwkModJit: {
        const double b = pop().to_float();
        const double a = pop().to_float();
        const bool div = op == Op::AwkDiv || op == Op::AwkDivJit;
        if (b == 0.0) {
          raise(ErrorCode::RuntimeError, div ? "division by zero attempted" : "division by zero attempted in `%'");
          return false;
        }
        return push_checked(Value::floating(div ? a / b : std::fmod(a, b)));
      }
      case Op::AwkSqrtJit:
      case Op::AwkLogJit: {
        const double a = pop().to_float();
        const bool sqrt = op == Op::AwkSqrtJit;
        if (a < 0) {
          warn_negative(sqrt ? "sqrt" : "log", a);
          return push_checked(Value::floating(std::nan("")));
        }
        return push_checked(Value::floating(sqrt ? std::sqrt(a) : std::log(a)));
      }
      case Op::AwkLshiftJit:
      case Op::AwkRshiftJit: {
        const double n = pop().to_float();
        const double a = pop().to_float();
        const bool left = op == Op::AwkLshiftJit;
        if (a < 0 || n < 0) {
          raise(ErrorCode::RuntimeError, left ? "lshift: negative values are not allowed"
                                              : "rshift: negative values are not allowed");
          return false;
        }
        const auto bits = static_cast<uint64_t>(saturate_i64(a));
        const unsigned shift = saturate_u32(n) & 63;
        const uint64_t r = left ? bits << shift : bits >> shift;
        return push_checked(Value::floating(left ? static_cast<double>(static_cast<int64_t>(r))
                                                 : static_cast<double>(r)));
      }
      case Op::AwkComplJit: {
        const double a = pop().to_float();
        if (a < 0) {
          raise(ErrorCode::RuntimeError, "compl: negative value is not allowed");
          return false;
        }
        return push_checked(Value::floating(static_cast<double>(~saturate_i64(a))));
      }
      case Op::AwkSignal:
        awk_signal_ = static_cast<uint8_t>(payload);
        halted_ = true;
        return true;
      case Op::AwkRand:
        return push_checked(Value::floating(awk::rand_next(awk_seed_)));
      case Op::AwkSrand: {
        if (payload == 0) return push_checked(Value::floating(awk::srand(awk_seed_, nullptr)));
        const Value x = pop();
        return push_checked(Value::floating(awk::srand(awk_seed_, &x)));
      }

      // ── Host-independent builtins (a host may override them) ──
      case Op::AwkLength: {
        if (payload == 0) return push_checked(Value::integer(host->length(nullptr)));
        const Value s = pop();
        return push_checked(Value::integer(host ? host->length(&s) : awk::length(s)));
      }
      case Op::AwkSubstr: {
        std::vector<Value>& a = pop_args(payload);
        const Value s = a.empty() ? Value::string("") : a[0];
        const int64_t m = a.size() > 1 ? a[1].to_int() : 1;
        const std::optional<int64_t> n = a.size() > 2 ? std::optional<int64_t>(a[2].to_int()) : std::nullopt;
        return push_checked(host ? host->substr(s, m, n) : awk::substr(s, m, n));
      }
      case Op::AwkIndex: {
        const Value t = pop();
        const Value s = pop();
        return push_checked(Value::integer(host ? host->index(s, t) : awk::index(s, t)));
      }
      case Op::AwkAtan2: {
        const Value x = pop();
        const Value y = pop();
        return push_checked(host ? host->atan2(y, x) : awk::atan2(y, x));
      }
      case Op::AwkLshift:
      case Op::AwkRshift:
      case Op::AwkIntdiv:
      case Op::AwkIntdiv0: {
        const Value b = pop();
        const Value a = pop();
        switch (op) {
          case Op::AwkLshift: return push_checked(host ? host->lshift(a, b) : awk::lshift(a, b));
          case Op::AwkRshift: return push_checked(host ? host->rshift(a, b) : awk::rshift(a, b));
          case Op::AwkIntdiv: return push_checked(host ? host->intdiv(a, b) : awk::intdiv(a, b));
          default: return push_checked(host ? host->intdiv0(a, b) : awk::intdiv0(a, b));
        }
      }
      case Op::AwkAnd:
      case Op::AwkOr:
      case Op::AwkXor:
      case Op::AwkStrftime:
      case Op::AwkMktime: {
        const std::vector<Value>& a = pop_args(payload);
        switch (op) {
          case Op::AwkAnd: return push_checked(host ? host->bit_and(a) : awk::bit_and(a));
          case Op::AwkOr: return push_checked(host ? host->bit_or(a) : awk::bit_or(a));
          case Op::AwkXor: return push_checked(host ? host->bit_xor(a) : awk::bit_xor(a));
          case Op::AwkStrftime: return push_checked(host ? host->strftime(a) : awk::strftime(a));
          default: return push_checked(host ? host->mktime(a) : awk::mktime(a));
        }
      }
      case Op::AwkSystime:
        return push_checked(host ? host->systime() : awk::systime());
      case Op::AwkToLower:
      case Op::AwkToUpper:
      case Op::AwkInt:
      case Op::AwkSqrt:
      case Op::AwkSin:
      case Op::AwkCos:
      case Op::AwkExp:
      case Op::AwkLog:
      case Op::AwkCompl:
      case Op::AwkStrtonum:
      case Op::AwkOrd:
      case Op::AwkChr:
      case Op::AwkMkbool: {
        const Value x = pop();
        Value r;
        switch (op) {
          case Op::AwkToLower: r = host ? host->tolower(x) : awk::tolower(x); break;
          case Op::AwkToUpper: r = host ? host->toupper(x) : awk::toupper(x); break;
          case Op::AwkInt: r = host ? host->int_(x) : awk::int_(x); break;
          case Op::AwkSqrt: r = host ? host->sqrt(x) : awk::sqrt(x); break;
          case Op::AwkSin: r = host ? host->sin(x) : awk::sin(x); break;
          case Op::AwkCos: r = host ? host->cos(x) : awk::cos(x); break;
          case Op::AwkExp: r = host ? host->exp(x) : awk::exp(x); break;
          case Op::AwkLog: r = host ? host->log(x) : awk::log(x); break;
          case Op::AwkCompl: r = host ? host->bit_compl(x) : awk::bit_compl(x); break;
          case Op::AwkStrtonum: r = host ? host->strtonum(x) : awk::strtonum(x); break;
          case Op::AwkOrd: r = host ? host->ord(x) : awk::ord(x); break;
          case Op::AwkChr: r = host ? host->chr(x) : awk::chr(x); break;
          default: r = host ? host->mkbool(x) : awk::mkbool(x); break;
        }
        return push_checked(std::move(r));
      }

      // ── Host-bound (host is set: checked above) ──
      case Op::AwkFieldGet:
        return push_checked(host->field_get(pop().to_int()));
      case Op::AwkFieldSet: {
        const int64_t i = pop().to_int();
        host->field_set(i, pop());
        return true;
      }
      case Op::AwkNf:
        return push_checked(Value::integer(host->nf()));
      case Op::AwkSetRecord:
        host->set_record(pop());
        return true;
      case Op::AwkSpecialGet:
        return push_checked(host->special_get(name));
      case Op::AwkSpecialSet:
        host->special_set(name, pop());
        return true;
      case Op::AwkPrint: {
        const std::vector<Value>& a = pop_args(payload);
        flush_output();
        host->print(a);
        return true;
      }
      case Op::AwkPrintf:
      case Op::AwkSprintf: {
        std::vector<Value>& a = pop_args(payload);
        const std::string format = a.empty() ? std::string() : a[0].to_str();
        const std::span<const Value> rest = a.empty() ? std::span<const Value>() : std::span<const Value>(a).subspan(1);
        if (op == Op::AwkSprintf) return push_checked(host->sprintf(format, rest));
        flush_output();
        host->printf(format, rest);
        return true;
      }
      case Op::AwkGetline: {
        std::optional<std::string> operand;
        if (getline_source_pops(static_cast<uint8_t>(payload))) operand = pop().to_str();
        std::optional<std::string_view> view;
        if (operand) view = *operand;
        return push_checked(Value::integer(host->getline(static_cast<uint8_t>(payload), view, std::nullopt)));
      }
      case Op::AwkSplit: {
        std::vector<Value>& a = pop_args(payload);
        const Value s = a.empty() ? Value::string("") : a[0];
        const std::string array = a.size() > 1 ? a[1].to_str() : std::string();
        return push_checked(Value::integer(host->split(s, array, a.size() > 2 ? &a[2] : nullptr)));
      }
      case Op::AwkSub:
      case Op::AwkGsub: {
        std::vector<Value>& a = pop_args(payload);
        const Value re = a.size() > 0 ? a[0] : Value::string("");
        const Value repl = a.size() > 1 ? a[1] : Value::string("");
        AwkLvalue target;
        if (a.size() > 2) {
          target.kind = AwkLvalue::Kind::Var;
          target.name = a[2].to_str();
        }
        const int64_t n = op == Op::AwkSub ? host->sub(re, repl, target) : host->gsub(re, repl, target);
        return push_checked(Value::integer(n));
      }
      case Op::AwkMatch: {
        const Value re = pop();
        const Value s = pop();
        return push_checked(Value::integer(host->match_re(s, re)));
      }
      case Op::AwkGensub: {
        std::vector<Value>& a = pop_args(payload);
        const Value re = a.size() > 0 ? a[0] : Value::string("");
        const Value repl = a.size() > 1 ? a[1] : Value::string("");
        const Value how = a.size() > 2 ? a[2] : Value::string("g");
        return push_checked(host->gensub(re, repl, how, a.size() > 3 ? &a[3] : nullptr));
      }
      case Op::AwkArrayGet:
        return push_checked(host->array_get(name, pop()));
      case Op::AwkArraySet: {
        const Value key = pop();
        host->array_set(name, key, pop());
        return true;
      }
      case Op::AwkArrayExists:
        return push_checked(Value::boolean(host->array_exists(name, pop())));
      case Op::AwkArrayDelete:
        host->array_delete(name, pop());
        return true;
      case Op::AwkArrayClear:
        host->array_clear(name);
        return true;
      case Op::AwkArrayLen:
        return push_checked(Value::integer(host->array_len(name)));
      default:
        break;
    }
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    raise(ErrorCode::HandlerFailed, std::string(op_name(op)) + ": awk host threw: " + e.what());
    return false;
  }
  raise(ErrorCode::RuntimeError, "internal error: " + std::string(op_name(op)) + " is not an awk op");
  return false;
}

}  // namespace fusevm
