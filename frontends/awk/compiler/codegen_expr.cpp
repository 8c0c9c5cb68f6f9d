// CodeGen: expressions, variables, places (lvalues) and user function calls.
#include "awk/compiler/codegen.h"
#include "awk/runtime/regex.h"

namespace fusevm::awkfront {
namespace {

CompareOp compare_op(BinaryOp op) {
  switch (op) {
    case BinaryOp::Less: return CompareOp::Less;
    case BinaryOp::LessEqual: return CompareOp::LessEqual;
    case BinaryOp::Equal: return CompareOp::Equal;
    case BinaryOp::NotEqual: return CompareOp::NotEqual;
    case BinaryOp::Greater: return CompareOp::Greater;
    default: return CompareOp::GreaterEqual;
  }
}

bool is_comparison(BinaryOp op) {
  return op == BinaryOp::Less || op == BinaryOp::LessEqual || op == BinaryOp::Equal || op == BinaryOp::NotEqual ||
         op == BinaryOp::Greater || op == BinaryOp::GreaterEqual;
}

Instr numeric_compare(BinaryOp op) {
  switch (op) {
    case BinaryOp::Less: return ins::NumLt();
    case BinaryOp::LessEqual: return ins::NumLe();
    case BinaryOp::Equal: return ins::NumEq();
    case BinaryOp::NotEqual: return ins::NumNe();
    case BinaryOp::Greater: return ins::NumGt();
    default: return ins::NumGe();
  }
}

Instr string_compare(BinaryOp op) {
  switch (op) {
    case BinaryOp::Less: return ins::StrLt();
    case BinaryOp::LessEqual: return ins::StrLe();
    case BinaryOp::Equal: return ins::StrEq();
    case BinaryOp::NotEqual: return ins::StrNe();
    case BinaryOp::Greater: return ins::StrGt();
    default: return ins::StrGe();
  }
}

ArithOp arith_op(AssignOp op) {
  switch (op) {
    case AssignOp::Add: return ArithOp::Add;
    case AssignOp::Sub: return ArithOp::Sub;
    case AssignOp::Mul: return ArithOp::Mul;
    case AssignOp::Div: return ArithOp::Div;
    case AssignOp::Mod: return ArithOp::Mod;
    default: return ArithOp::Pow;
  }
}

BinaryOp binary_op(AssignOp op) {
  switch (op) {
    case AssignOp::Add: return BinaryOp::Add;
    case AssignOp::Sub: return BinaryOp::Sub;
    case AssignOp::Mul: return BinaryOp::Mul;
    case AssignOp::Div: return BinaryOp::Div;
    case AssignOp::Mod: return BinaryOp::Mod;
    default: return BinaryOp::Pow;
  }
}

}  // namespace

void CodeGen::fail(SourcePos pos, std::string message) { throw CompileFailure{SyntaxError{pos, std::move(message)}}; }

uint16_t CodeGen::name_index(const std::string& name) { return builder_.add_name(name); }

void CodeGen::load_string(const std::string& text) {
  auto it = constants_.find(text);
  if (it == constants_.end()) it = constants_.emplace(text, builder_.add_constant(Value::string(text))).first;
  em_.emit(ins::LoadConst(it->second));
}

size_t CodeGen::regex_index(const std::string& ere, SourcePos pos) {
  auto it = regexes_.find(ere);
  if (it != regexes_.end()) return it->second;
  std::string error;
  if (!Regex::compile(ere, error)) fail(pos, "invalid regular expression /" + ere + "/: " + error);
  const size_t index = out_.regexes.size();
  out_.regexes.push_back(ere);
  regexes_.emplace(ere, index);
  return index;
}

void CodeGen::to_float() {
  // Int results of the vocabulary (index, length, match, the bit functions) become Floats, so
  // that every awk number is a double and no later Int arithmetic can wrap.
  em_.emit(ins::LoadFloat(0.0));
  em_.emit(ins::Add());
}

// ── Variables ──

Ty CodeGen::var_type(const VarRef& ref) {
  if (ref.kind == VarRef::Kind::Special) return special_type(ref.special);
  return ref.symbol->ty;
}

void CodeGen::load_var(const VarRef& ref, const std::string& name, SourcePos pos) {
  if (ref.is_array()) fail(pos, "can't use array '" + name + "' in a scalar context");
  switch (ref.kind) {
    case VarRef::Kind::Special: em_.emit(ins::AwkSpecialGet(name_index(name))); return;
    case VarRef::Kind::Param: em_.emit(ins::GetSlot(static_cast<uint16_t>(ref.param))); return;
    case VarRef::Kind::Global:
      if (const auto it = top_slots_.find(name); it != top_slots_.end()) {
        em_.emit(ins::GetSlot(it->second));
      } else {
        em_.emit(ins::GetVar(name_index(name)));
      }
      return;
  }
}

void CodeGen::store_var(const VarRef& ref, const std::string& name) {
  switch (ref.kind) {
    case VarRef::Kind::Special: em_.emit(ins::AwkSpecialSet(name_index(name))); return;
    case VarRef::Kind::Param: em_.emit(ins::SetSlot(static_cast<uint16_t>(ref.param))); return;
    case VarRef::Kind::Global:
      if (const auto it = top_slots_.find(name); it != top_slots_.end()) {
        em_.emit(ins::SetSlot(it->second));
      } else {
        em_.emit(ins::SetVar(name_index(name)));
      }
      return;
  }
}

void CodeGen::push_array(const std::string& name, SourcePos pos) {
  const VarRef ref = resolve(name);
  if (!ref.is_array()) fail(pos, "can't use scalar '" + name + "' as an array");
  switch (ref.kind) {
    case VarRef::Kind::Special:
      em_.emit(ins::LoadInt(ref.special == Special::ARGV ? kArgvHandle : kEnvironHandle));
      return;
    case VarRef::Kind::Param: em_.emit(ins::GetSlot(static_cast<uint16_t>(ref.param))); return;
    case VarRef::Kind::Global: em_.emit(ins::LoadInt(array_handles_.at(name))); return;
  }
}

uint64_t CodeGen::subscript(const std::vector<ExprId>& args, bool allow_field) {
  if (args.size() == 1) {
    const Expr& key = prog_.expr(args[0]);
    if (allow_field && key.kind == ExprKind::Field) {
      field_index(key.a);
      return kKeyIsField;
    }
    expr(args[0]);
    return 0;
  }
  for (ExprId a : args) expr(a);
  em_.ext(AwkExt::Subscript, args.size());
  return 0;
}

void CodeGen::field_index(ExprId id) { num(id); }

// ── Places ──

CodeGen::Place CodeGen::prepare(ExprId lvalue) {
  const Expr& e = prog_.expr(lvalue);
  Place p;
  p.pos = e.pos;
  switch (e.kind) {
    case ExprKind::Var:
      p.kind = Place::Kind::Var;
      p.name = e.text;
      p.var = resolve(e.text);
      if (p.var.is_array()) fail(e.pos, "can't assign to array '" + e.text + "'");
      return p;
    case ExprKind::Field:
      p.kind = Place::Kind::Field;
      field_index(e.a);
      p.index_slot = em_.temp();
      em_.emit(ins::SetSlot(p.index_slot));
      return p;
    case ExprKind::Index:
      p.kind = Place::Kind::Element;
      p.name = e.text;
      if (!resolve(e.text).is_array()) fail(e.pos, "can't use scalar '" + e.text + "' as an array");
      subscript(e.args, false);
      p.index_slot = em_.temp();
      em_.emit(ins::SetSlot(p.index_slot));
      return p;
    default:
      fail(e.pos, "this expression cannot be assigned to");
  }
}

void CodeGen::load_place(const Place& p) {
  switch (p.kind) {
    case Place::Kind::Var: load_var(p.var, p.name, p.pos); return;
    case Place::Kind::Field:
      if (p.record) {
        em_.emit(ins::LoadFloat(0.0));
      } else {
        em_.emit(ins::GetSlot(p.index_slot));
      }
      em_.emit(ins::AwkFieldGet());
      return;
    case Place::Kind::Element:
      push_array(p.name, p.pos);
      em_.emit(ins::GetSlot(p.index_slot));
      em_.ext(AwkExt::ArrayGet);
      return;
  }
}

void CodeGen::store_place(const Place& p) {
  switch (p.kind) {
    case Place::Kind::Var: store_var(p.var, p.name); return;
    case Place::Kind::Field:
      if (p.record) {
        em_.emit(ins::LoadFloat(0.0));
      } else {
        em_.emit(ins::GetSlot(p.index_slot));
      }
      em_.emit(ins::AwkFieldSet());
      return;
    case Place::Kind::Element: {
      const uint16_t value = em_.temp();
      em_.emit(ins::SetSlot(value));
      push_array(p.name, p.pos);
      em_.emit(ins::GetSlot(p.index_slot));
      em_.emit(ins::GetSlot(value));
      em_.ext(AwkExt::ArraySet);
      em_.emit(ins::Pop());
      em_.release(value);
      return;
    }
  }
}

void CodeGen::release_place(const Place& p) {
  if (p.kind != Place::Kind::Var && !p.record) em_.release(p.index_slot);
}

void CodeGen::store_if_positive(const Place& p) {
  const uint16_t status = em_.temp();
  em_.emit(ins::SetSlot(status));
  em_.emit(ins::GetSlot(status));
  em_.emit(ins::LoadFloat(0.0));
  em_.emit(ins::NumGt());
  Label drop, done;
  em_.jump(Op::JumpIfFalse, drop);
  store_place(p);
  em_.jump(Op::Jump, done);
  em_.bind(drop);
  em_.emit(ins::Pop());
  em_.bind(done);
  em_.emit(ins::GetSlot(status));
  em_.release(status);
}

// ── Expressions ──

void CodeGen::num(ExprId id) {
  const Expr& e = prog_.expr(id);
  if (e.kind == ExprKind::Field) {
    // $i in a numeric context: the runtime converts the field's text without making a string.
    em_.set_line(e.pos.line);
    field_index(e.a);
    em_.ext(AwkExt::FieldNumber);
    return;
  }
  if (!is_num(expr(id))) em_.ext(AwkExt::ToNumber);
}

void CodeGen::truth(ExprId id) {
  if (!is_num(expr(id))) em_.ext(AwkExt::Truth);
}

void CodeGen::jump_if(ExprId id, bool when, Label& target) {
  // `a && b` jumps when false as soon as one part is false, and when true only if both are
  // (and the mirror image for ||): no Bool is made for the condition as a whole.
  const Expr& e = prog_.expr(id);
  const BinaryOp same = when ? BinaryOp::Or : BinaryOp::And;
  const BinaryOp other = when ? BinaryOp::And : BinaryOp::Or;
  if (e.kind == ExprKind::Binary && static_cast<BinaryOp>(e.op) == same) {
    jump_if(e.a, when, target);
    jump_if(e.b, when, target);
    return;
  }
  if (e.kind == ExprKind::Binary && static_cast<BinaryOp>(e.op) == other) {
    Label decided;
    jump_if(e.a, !when, decided);
    jump_if(e.b, when, target);
    em_.bind(decided);
    return;
  }
  if (e.kind == ExprKind::Unary && static_cast<UnaryOp>(e.op) == UnaryOp::Not) {
    jump_if(e.a, !when, target);
    return;
  }
  truth(id);
  em_.jump(when ? Op::JumpIfTrue : Op::JumpIfFalse, target);
}

void CodeGen::expr_discard(ExprId id) {
  const Expr& e = prog_.expr(id);
  em_.set_line(e.pos.line);
  if (e.kind == ExprKind::Assign) {
    assign(e, false);
  } else if (e.kind == ExprKind::IncDec) {
    incdec(e, false);
  } else {
    expr(id);
    em_.emit(ins::Pop());
  }
}

Ty CodeGen::expr(ExprId id) {
  const Expr& e = prog_.expr(id);
  em_.set_line(e.pos.line);
  switch (e.kind) {
    case ExprKind::Number:
      em_.emit(ins::LoadFloat(e.number));
      return Ty::Num;
    case ExprKind::String:
      load_string(e.text);
      return Ty::Str;
    case ExprKind::Regex:
      em_.ext(AwkExt::MatchRecord, regex_index(e.text, e.pos));
      return Ty::Num;
    case ExprKind::Var: {
      const VarRef ref = resolve(e.text);
      load_var(ref, e.text, e.pos);
      return var_type(ref);
    }
    case ExprKind::Field:
      field_index(e.a);
      em_.emit(ins::AwkFieldGet());
      return Ty::Any;
    case ExprKind::Index: {
      push_array(e.text, e.pos);
      const uint64_t key = subscript(e.args);
      em_.ext(AwkExt::ArrayGet, key);
      return Ty::Any;
    }
    case ExprKind::Unary:
      switch (static_cast<UnaryOp>(e.op)) {
        case UnaryOp::Negate:
          num(e.a);
          // -x as x * -1, so that -0 is -0 as in awk (0 - x would give +0).
          em_.emit(ins::LoadFloat(-1.0));
          em_.emit(ins::Mul());
          return Ty::Num;
        case UnaryOp::Plus:
          num(e.a);
          return Ty::Num;
        case UnaryOp::Not:
          if (is_num(expr(e.a))) {
            em_.emit(ins::LogNot());
          } else {
            em_.ext(AwkExt::Not);
          }
          return Ty::Num;
      }
      return Ty::Num;
    case ExprKind::Binary:
      return binary(e);
    case ExprKind::Assign:
      return assign(e, true);
    case ExprKind::Cond: {
      Label otherwise, done;
      jump_if_false(e.a, otherwise);
      const Ty a = expr(e.b);
      em_.jump(Op::Jump, done);
      em_.bind(otherwise);
      const Ty b = expr(e.c);
      em_.bind(done);
      return join(a, b) == Ty::None ? Ty::Num : join(a, b);
    }
    case ExprKind::In: {
      push_array(e.text, e.pos);
      const uint64_t key = subscript(e.args);
      em_.ext(AwkExt::ArrayIn, key);
      return Ty::Num;
    }
    case ExprKind::IncDec:
      return incdec(e, true);
    case ExprKind::BuiltinCall:
      return builtin(e);
    case ExprKind::UserCall:
      return user_call(e);
    case ExprKind::Getline:
      return getline(e);
  }
  return Ty::Any;
}

void CodeGen::arith(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: em_.emit(ins::Add()); return;
    case BinaryOp::Sub: em_.emit(ins::Sub()); return;
    case BinaryOp::Mul: em_.emit(ins::Mul()); return;
    case BinaryOp::Div: em_.emit(ins::AwkDivJit()); return;
    case BinaryOp::Mod: em_.emit(ins::AwkModJit()); return;
    default: em_.emit(ins::PowFloat()); return;
  }
}

Ty CodeGen::concat(const Expr& e) {
  // a b c d parses as ((a b) c) d: gather the operands, then join them in one op.
  std::vector<ExprId> parts;
  std::vector<const Expr*> stack{&e};
  std::vector<ExprId> reversed;
  const Expr* node = &e;
  while (node->kind == ExprKind::Binary && static_cast<BinaryOp>(node->op) == BinaryOp::Concat) {
    reversed.push_back(node->b);
    const Expr& left = prog_.expr(node->a);
    if (left.kind == ExprKind::Binary && static_cast<BinaryOp>(left.op) == BinaryOp::Concat) {
      node = &left;
    } else {
      reversed.push_back(node->a);
      break;
    }
  }
  parts.assign(reversed.rbegin(), reversed.rend());
  bool all_strings = true;
  for (ExprId p : parts) all_strings = all_strings && is_str(type(p));
  for (ExprId p : parts) expr(p);
  if (all_strings) {
    for (size_t i = 1; i < parts.size(); ++i) em_.emit(ins::Concat());
  } else {
    em_.ext(AwkExt::Concat, parts.size());
  }
  return Ty::Str;
}

Ty CodeGen::binary(const Expr& e) {
  const auto op = static_cast<BinaryOp>(e.op);
  switch (op) {
    case BinaryOp::Add: case BinaryOp::Sub: case BinaryOp::Mul: case BinaryOp::Div: case BinaryOp::Mod:
    case BinaryOp::Pow:
      num(e.a);
      num(e.b);
      arith(op);
      return Ty::Num;
    case BinaryOp::Concat:
      return concat(e);
    case BinaryOp::Match:
    case BinaryOp::NoMatch: {
      const Expr& re = prog_.expr(e.b);
      expr(e.a);
      if (re.kind == ExprKind::Regex) {
        em_.ext(AwkExt::MatchStatic, regex_index(re.text, re.pos));
      } else {
        expr(e.b);
        em_.ext(AwkExt::MatchDynamic);
      }
      if (op == BinaryOp::NoMatch) em_.emit(ins::LogNot());
      return Ty::Num;
    }
    case BinaryOp::And:
    case BinaryOp::Or: {
      Label short_circuit, done;
      if (op == BinaryOp::And) {
        jump_if_false(e.a, short_circuit);
        jump_if_false(e.b, short_circuit);
      } else {
        jump_if_true(e.a, short_circuit);
        jump_if_true(e.b, short_circuit);
      }
      em_.emit(op == BinaryOp::And ? ins::LoadTrue() : ins::LoadFalse());
      em_.jump(Op::Jump, done);
      em_.bind(short_circuit);
      em_.emit(op == BinaryOp::And ? ins::LoadFalse() : ins::LoadTrue());
      em_.bind(done);
      return Ty::Num;
    }
    default:
      break;
  }
  if (!is_comparison(op)) fail(e.pos, "internal error: unknown binary operator");
  const Ty a = type(e.a), b = type(e.b);
  expr(e.a);
  expr(e.b);
  if (is_num(a) && is_num(b)) {
    em_.emit(numeric_compare(op));
  } else if (is_str(a) && is_str(b)) {
    em_.emit(string_compare(op));
  } else {
    em_.ext(AwkExt::Compare, static_cast<uint64_t>(compare_op(op)));
  }
  return Ty::Num;
}

Ty CodeGen::assign(const Expr& e, bool want_value) {
  const auto op = static_cast<AssignOp>(e.op);
  const Expr& target = prog_.expr(e.a);
  if (target.kind == ExprKind::Index) {
    push_array(target.text, target.pos);
    const uint64_t key = subscript(target.args);
    Ty t = Ty::Num;
    if (op == AssignOp::Plain) {
      t = expr(e.b);
      em_.ext(AwkExt::ArraySet, key);
    } else {
      num(e.b);
      em_.ext(AwkExt::ArrayArith, static_cast<uint64_t>(arith_op(op)) | key);
    }
    if (!want_value) em_.emit(ins::Pop());
    return t;
  }
  if (op == AssignOp::Plain) {
    if (target.kind == ExprKind::Var) {
      const VarRef ref = resolve(target.text);
      if (ref.is_array()) fail(target.pos, "can't assign to array '" + target.text + "'");
      const Ty t = expr(e.b);
      if (want_value) em_.emit(ins::Dup());
      store_var(ref, target.text);
      return t;
    }
    // $i = v: the value, then the field number (AwkFieldSet pops the number first).
    const Ty t = expr(e.b);
    if (want_value) em_.emit(ins::Dup());
    field_index(target.a);
    em_.emit(ins::AwkFieldSet());
    return t;
  }
  const Place p = prepare(e.a);
  if (p.kind == Place::Kind::Field) {
    em_.emit(ins::GetSlot(p.index_slot));
    em_.ext(AwkExt::FieldNumber);
  } else {
    load_place(p);
    if (!is_num(var_type(p.var))) em_.ext(AwkExt::ToNumber);
  }
  num(e.b);
  arith(binary_op(op));
  if (want_value) em_.emit(ins::Dup());
  store_place(p);
  release_place(p);
  return Ty::Num;
}

Ty CodeGen::incdec(const Expr& e, bool want_value) {
  const auto op = static_cast<IncDecOp>(e.op);
  const bool increment = op == IncDecOp::PreIncrement || op == IncDecOp::PostIncrement;
  const bool post = op == IncDecOp::PostIncrement || op == IncDecOp::PostDecrement;
  const Expr& target = prog_.expr(e.a);
  if (target.kind == ExprKind::Index) {
    push_array(target.text, target.pos);
    const uint64_t key = subscript(target.args);
    em_.emit(ins::LoadFloat(1.0));
    em_.ext(AwkExt::ArrayArith,
            static_cast<uint64_t>(increment ? ArithOp::Add : ArithOp::Sub) | (post && want_value ? kArithPost : 0) | key);
    if (!want_value) em_.emit(ins::Pop());
    return Ty::Num;
  }
  const Place p = prepare(e.a);
  if (p.kind == Place::Kind::Field) {
    em_.emit(ins::GetSlot(p.index_slot));
    em_.ext(AwkExt::FieldNumber);
  } else {
    load_place(p);
    if (!is_num(var_type(p.var))) em_.ext(AwkExt::ToNumber);
  }
  if (want_value && post) {
    // The value of x++ is x as a number: an uninitialised x gives 0, not "".
    if (p.kind == Place::Kind::Var && var_type(p.var) != Ty::Any && var_type(p.var) != Ty::Str) to_float();
    em_.emit(ins::Dup());
  }
  em_.emit(ins::LoadFloat(1.0));
  em_.emit(increment ? ins::Add() : ins::Sub());
  if (want_value && !post) em_.emit(ins::Dup());
  store_place(p);
  release_place(p);
  return Ty::Num;
}

Ty CodeGen::getline(const Expr& e) {
  const auto op = static_cast<GetlineOp>(e.op);
  GetlineFrom from = GetlineFrom::Main;
  if (op == GetlineOp::File) {
    from = GetlineFrom::File;
    expr(e.b);
  } else if (op == GetlineOp::Command) {
    from = GetlineFrom::Command;
    expr(e.c);
  }
  if (e.a == kNoExpr) {
    em_.ext(AwkExt::Getline, static_cast<uint64_t>(from));
    return Ty::Num;
  }
  // The source was evaluated first; the place's subscripts are evaluated now, before reading.
  const uint16_t source = em_.temp();
  if (from != GetlineFrom::Main) em_.emit(ins::SetSlot(source));
  const Place p = prepare(e.a);
  if (from != GetlineFrom::Main) em_.emit(ins::GetSlot(source));
  em_.ext(AwkExt::Getline, static_cast<uint64_t>(from) | kGetlineVar);
  store_if_positive(p);
  release_place(p);
  em_.release(source);
  return Ty::Num;
}

Ty CodeGen::user_call(const Expr& e) {
  FunctionInfo* callee = analysis_.function(e.text);
  if (callee == nullptr) fail(e.pos, "calling undefined function '" + e.text + "'");
  const size_t params = callee->params.size();
  if (params > 255) fail(e.pos, "function '" + e.text + "' has more than 255 parameters");
  std::vector<uint16_t> created;
  for (size_t i = 0; i < params; ++i) {
    const bool array_param = callee->params[i].is_array();
    if (i < e.args.size()) {
      const Expr& arg = prog_.expr(e.args[i]);
      if (array_param) {
        if (arg.kind != ExprKind::Var) fail(arg.pos, "can't pass a scalar to array parameter '" + callee->fn->params[i] + "'");
        push_array(arg.text, arg.pos);
      } else if (arg.kind == ExprKind::Var && resolve(arg.text).is_array()) {
        fail(arg.pos, "can't pass array '" + arg.text + "' to scalar parameter '" + callee->fn->params[i] + "'");
      } else {
        expr(e.args[i]);
      }
    } else if (array_param) {
      // A local array of the callee: made here, freed when the call returns.
      em_.ext(AwkExt::NewArray);
      em_.emit(ins::Dup());
      const uint16_t slot = em_.temp();
      em_.emit(ins::SetSlot(slot));
      created.push_back(slot);
    } else {
      em_.emit(ins::LoadUndef());
    }
  }
  em_.set_line(e.pos.line);
  em_.emit(ins::Call(name_index(e.text), params));
  for (auto it = created.rbegin(); it != created.rend(); ++it) {
    em_.emit(ins::GetSlot(*it));
    em_.ext(AwkExt::FreeArray);
    em_.release(*it);
  }
  if (callee->may_raise) unwind_check();
  return Ty::Any;
}

}  // namespace fusevm::awkfront
