// Analysis: names, arrays vs scalars across calls, static types, functions that may unwind.
#include "awk/compiler/analysis.h"

#include <algorithm>

namespace fusevm::awkfront {
namespace {

struct SpecialName {
  std::string_view name;
  Special special;
};
constexpr SpecialName kSpecials[] = {
    {"NR", Special::NR},           {"NF", Special::NF},           {"FNR", Special::FNR},
    {"FS", Special::FS},           {"OFS", Special::OFS},         {"ORS", Special::ORS},
    {"RS", Special::RS},           {"SUBSEP", Special::SUBSEP},   {"CONVFMT", Special::CONVFMT},
    {"OFMT", Special::OFMT},       {"RSTART", Special::RSTART},   {"RLENGTH", Special::RLENGTH},
    {"FILENAME", Special::FILENAME}, {"ARGC", Special::ARGC},     {"ARGV", Special::ARGV},
    {"ENVIRON", Special::ENVIRON},
};

}  // namespace

Special special_named(std::string_view name) {
  for (const SpecialName& s : kSpecials)
    if (s.name == name) return s.special;
  return Special::None;
}

Ty special_type(Special s) {
  switch (s) {
    case Special::NR: case Special::NF: case Special::FNR: case Special::RSTART: case Special::RLENGTH:
      return Ty::Num;
    case Special::FS: case Special::OFS: case Special::ORS: case Special::RS: case Special::SUBSEP:
    case Special::CONVFMT: case Special::OFMT:
      return Ty::Str;
    default:
      return Ty::Any;
  }
}

void Analysis::fail(SourcePos pos, std::string message) {
  if (failed_) return;
  failed_ = true;
  error_.pos = pos;
  error_.message = std::move(message);
}

FunctionInfo* Analysis::function(std::string_view name) {
  const auto it = function_index_.find(name);
  return it == function_index_.end() ? nullptr : &functions_[it->second];
}

VarRef Analysis::resolve(std::string_view name, const FunctionInfo* fn) {
  VarRef ref;
  if (fn != nullptr) {
    const auto& params = fn->fn->params;
    for (size_t i = 0; i < params.size(); ++i) {
      if (params[i] == name) {
        ref.kind = VarRef::Kind::Param;
        ref.param = i;
        ref.symbol = const_cast<Symbol*>(&fn->params[i]);
        return ref;
      }
    }
  }
  const Special special = special_named(name);
  if (special != Special::None) {
    ref.kind = VarRef::Kind::Special;
    ref.special = special;
    return ref;
  }
  ref.kind = VarRef::Kind::Global;
  auto it = globals_.find(name);
  if (it == globals_.end()) it = globals_.emplace(std::string(name), Symbol{}).first;
  ref.symbol = &it->second;
  return ref;
}

void Analysis::use(std::string_view name, FunctionInfo* fn, SourcePos pos, bool as_array) {
  if (function(name) != nullptr && (fn == nullptr || resolve(name, fn).kind != VarRef::Kind::Param)) {
    fail(pos, "function '" + std::string(name) + (as_array ? "' used as an array" : "' used as a variable"));
    return;
  }
  VarRef ref = resolve(name, fn);
  if (ref.kind == VarRef::Kind::Special) {
    if (ref.is_array() != as_array) {
      fail(pos, as_array ? "can't use scalar '" + std::string(name) + "' as an array"
                         : "can't use array '" + std::string(name) + "' in a scalar context");
    }
    return;
  }
  bool& used = as_array ? ref.symbol->array_use : ref.symbol->scalar_use;
  if (!used) (as_array ? ref.symbol->first_array_use : ref.symbol->first_scalar_use) = pos;
  used = true;
  if (ref.kind == VarRef::Kind::Global && fn != nullptr) ref.symbol->in_function = true;
}

void Analysis::collect_expr(ExprId id, FunctionInfo* fn) {
  if (id == kNoExpr || failed_) return;
  const Expr& e = program_->expr(id);
  switch (e.kind) {
    case ExprKind::Number:
    case ExprKind::String:
    case ExprKind::Regex:
      return;
    case ExprKind::Var:
      use_scalar(e.text, fn, e.pos);
      return;
    case ExprKind::Index:
    case ExprKind::In:
      use_array(e.text, fn, e.pos);
      for (ExprId a : e.args) collect_expr(a, fn);
      return;
    case ExprKind::UserCall: {
      FunctionInfo* callee = function(e.text);
      if (callee == nullptr) {
        fail(e.pos, "calling undefined function '" + e.text + "'");
        return;
      }
      if (e.args.size() > callee->fn->params.size()) {
        fail(e.pos, "function '" + e.text + "' called with " + std::to_string(e.args.size()) +
                        " arguments, but it declares " + std::to_string(callee->fn->params.size()));
        return;
      }
      callee->max_args = std::max(callee->max_args, e.args.size());
      calls_.emplace_back(fn, e.text);
      for (size_t i = 0; i < e.args.size(); ++i) {
        const Expr& arg = program_->expr(e.args[i]);
        if (arg.kind == ExprKind::Var) {
          edges_.push_back({fn, arg.text, callee, i, arg.pos});
          if (function(arg.text) != nullptr && (fn == nullptr || resolve(arg.text, fn).kind != VarRef::Kind::Param))
            fail(arg.pos, "function '" + arg.text + "' used as a variable");
          VarRef ref = resolve(arg.text, fn);
          if (ref.kind == VarRef::Kind::Global && fn != nullptr) ref.symbol->in_function = true;
        } else {
          collect_expr(e.args[i], fn);
        }
      }
      return;
    }
    case ExprKind::BuiltinCall:
      if (e.builtin == Builtin::Split) {
        collect_expr(e.args[0], fn);
        const Expr& target = program_->expr(e.args[1]);
        if (target.kind != ExprKind::Var) {
          fail(target.pos, "split's second argument must be an array name");
          return;
        }
        use_array(target.text, fn, target.pos);
        if (e.args.size() > 2) collect_expr(e.args[2], fn);
        return;
      }
      if (e.builtin == Builtin::Length && e.args.size() == 1 && program_->expr(e.args[0]).kind == ExprKind::Var) {
        // length(x): an array's element count or a string's length — decided once x is known.
        const std::string& name = program_->expr(e.args[0]).text;
        VarRef ref = resolve(name, fn);
        if (ref.kind == VarRef::Kind::Global && fn != nullptr) ref.symbol->in_function = true;
        return;
      }
      if ((e.builtin == Builtin::Sub || e.builtin == Builtin::Gsub) && e.args.size() > 2) {
        const ExprKind k = program_->expr(e.args[2]).kind;
        if (k != ExprKind::Var && k != ExprKind::Field && k != ExprKind::Index) {
          fail(program_->expr(e.args[2]).pos, std::string(e.builtin == Builtin::Sub ? "sub" : "gsub") +
                                                   "'s third argument must be a variable, field or array element");
          return;
        }
      }
      for (ExprId a : e.args) collect_expr(a, fn);
      return;
    default:
      collect_expr(e.a, fn);
      collect_expr(e.b, fn);
      collect_expr(e.c, fn);
      for (ExprId a : e.args) collect_expr(a, fn);
      return;
  }
}

void Analysis::collect_stmt(StmtId id, FunctionInfo* fn) {
  if (id == kNoStmt || failed_) return;
  const Stmt& s = program_->stmt(id);
  switch (s.kind) {
    case StmtKind::ForIn:
      use_scalar(s.name, fn, s.pos);
      use_array(s.array, fn, s.pos);
      break;
    case StmtKind::Delete:
      use_array(s.array, fn, s.pos);
      break;
    default:
      break;
  }
  collect_expr(s.a, fn);
  collect_expr(s.target, fn);
  for (ExprId a : s.args) collect_expr(a, fn);
  collect_stmt(s.init, fn);
  collect_stmt(s.step, fn);
  for (StmtId b : s.body) collect_stmt(b, fn);
}

bool Analysis::check_conflicts(SyntaxError& error) {
  auto check = [&](const std::string& name, const Symbol& sym) {
    if (sym.array_use && sym.scalar_use) {
      fail(sym.first_scalar_use, "can't use array '" + name + "' in a scalar context");
      return false;
    }
    return true;
  };
  for (auto& [name, sym] : globals_)
    if (!check(name, sym)) break;
  for (FunctionInfo& f : functions_)
    for (size_t i = 0; i < f.params.size(); ++i)
      if (!check(f.fn->params[i], f.params[i])) break;
  if (failed_) error = error_;
  return !failed_;
}

Ty Analysis::type_of(ExprId id, const FunctionInfo* fn) { return compute_type(id, fn); }

Ty Analysis::compute_type(ExprId id, const FunctionInfo* fn) {
  if (id == kNoExpr) return Ty::None;
  const Expr& e = program_->expr(id);
  switch (e.kind) {
    case ExprKind::Number: return Ty::Num;
    case ExprKind::String: return Ty::Str;
    case ExprKind::Regex: return Ty::Num;
    case ExprKind::Var: {
      const VarRef ref = resolve(e.text, fn);
      if (ref.kind == VarRef::Kind::Special) return special_type(ref.special);
      return ref.symbol->ty;
    }
    case ExprKind::Field:
    case ExprKind::Index:
    case ExprKind::UserCall:
      return Ty::Any;
    case ExprKind::Binary:
      return static_cast<BinaryOp>(e.op) == BinaryOp::Concat ? Ty::Str : Ty::Num;
    case ExprKind::Assign:
      return static_cast<AssignOp>(e.op) == AssignOp::Plain ? compute_type(e.b, fn) : Ty::Num;
    case ExprKind::Cond: {
      const Ty t = join(compute_type(e.b, fn), compute_type(e.c, fn));
      return t == Ty::None ? Ty::Num : t;
    }
    case ExprKind::BuiltinCall:
      switch (e.builtin) {
        case Builtin::Substr: case Builtin::Sprintf: case Builtin::Tolower: case Builtin::Toupper:
        case Builtin::Gensub: case Builtin::Strftime:
          return Ty::Str;
        default:
          return Ty::Num;
      }
    default:
      return Ty::Num;
  }
}

void Analysis::assign_to(ExprId lvalue, Ty ty, FunctionInfo* fn, bool& changed) {
  const Expr& e = program_->expr(lvalue);
  if (e.kind != ExprKind::Var) return;
  VarRef ref = resolve(e.text, fn);
  if (ref.kind == VarRef::Kind::Special) return;
  const Ty joined = join(ref.symbol->ty, ty == Ty::None ? Ty::Num : ty);
  if (joined != ref.symbol->ty) {
    ref.symbol->ty = joined;
    changed = true;
  }
}

void Analysis::assign_expr(ExprId id, FunctionInfo* fn, bool& changed) {
  if (id == kNoExpr) return;
  const Expr& e = program_->expr(id);
  assign_expr(e.a, fn, changed);
  assign_expr(e.b, fn, changed);
  assign_expr(e.c, fn, changed);
  for (ExprId a : e.args) assign_expr(a, fn, changed);
  switch (e.kind) {
    case ExprKind::Assign:
      assign_to(e.a, static_cast<AssignOp>(e.op) == AssignOp::Plain ? compute_type(e.b, fn) : Ty::Num, fn, changed);
      break;
    case ExprKind::IncDec:
      assign_to(e.a, Ty::Num, fn, changed);
      break;
    case ExprKind::Getline:
      if (e.a != kNoExpr) assign_to(e.a, Ty::Any, fn, changed);
      break;
    case ExprKind::BuiltinCall:
      if ((e.builtin == Builtin::Sub || e.builtin == Builtin::Gsub) && e.args.size() > 2)
        assign_to(e.args[2], Ty::Str, fn, changed);
      break;
    default:
      break;
  }
}

void Analysis::assign_stmt(StmtId id, FunctionInfo* fn, bool& changed) {
  if (id == kNoStmt) return;
  const Stmt& s = program_->stmt(id);
  if (s.kind == StmtKind::ForIn) {
    VarRef ref = resolve(s.name, fn);
    if (ref.kind != VarRef::Kind::Special && ref.symbol->ty != Ty::Any) {
      ref.symbol->ty = Ty::Any;
      changed = true;
    }
  }
  assign_expr(s.a, fn, changed);
  assign_expr(s.target, fn, changed);
  for (ExprId a : s.args) assign_expr(a, fn, changed);
  assign_stmt(s.init, fn, changed);
  assign_stmt(s.step, fn, changed);
  for (StmtId b : s.body) assign_stmt(b, fn, changed);
}

bool Analysis::infer_types() {
  for (auto& [name, sym] : globals_)
    if (sym.externally_set) sym.ty = Ty::Any;
  for (FunctionInfo& f : functions_)
    for (size_t i = 0; i < f.params.size() && i < f.max_args; ++i) f.params[i].ty = Ty::Any;
  // Each round can only raise a type in a lattice of height 2, so this ends quickly.
  for (int round = 0; round < 64; ++round) {
    bool changed = false;
    for (const Rule& r : program_->rules) {
      assign_expr(r.pattern, nullptr, changed);
      assign_expr(r.range_end, nullptr, changed);
      assign_stmt(r.action, nullptr, changed);
    }
    for (FunctionInfo& f : functions_) assign_stmt(f.fn->body, &f, changed);
    if (!changed) return true;
  }
  return false;
}

bool Analysis::stmt_raises(StmtId id) {
  if (id == kNoStmt) return false;
  const Stmt& s = program_->stmt(id);
  if (s.kind == StmtKind::Next || s.kind == StmtKind::NextFile || s.kind == StmtKind::Exit) return true;
  if (stmt_raises(s.init) || stmt_raises(s.step)) return true;
  for (StmtId b : s.body)
    if (stmt_raises(b)) return true;
  return false;
}

bool Analysis::run(const Program& program, const std::vector<std::string>& externally_assigned, SyntaxError& error) {
  program_ = &program;
  functions_.reserve(program.functions.size());
  for (const Function& f : program.functions) {
    if (function_index_.count(f.name) != 0) {
      error = {f.pos, "function '" + f.name + "' is defined twice"};
      return false;
    }
    if (special_named(f.name) != Special::None) {
      error = {f.pos, "'" + f.name + "' is a special variable and cannot name a function"};
      return false;
    }
    for (size_t i = 0; i < f.params.size(); ++i) {
      if (special_named(f.params[i]) != Special::None) {
        error = {f.pos, "special variable '" + f.params[i] + "' cannot be a parameter"};
        return false;
      }
      if (f.params[i] == f.name) {
        error = {f.pos, "function '" + f.name + "' has a parameter of its own name"};
        return false;
      }
      for (size_t j = 0; j < i; ++j)
        if (f.params[j] == f.params[i]) {
          error = {f.pos, "function '" + f.name + "' has two parameters named '" + f.params[i] + "'"};
          return false;
        }
    }
    function_index_.emplace(f.name, functions_.size());
    FunctionInfo info;
    info.fn = &f;
    info.params.resize(f.params.size());
    functions_.push_back(std::move(info));
  }
  for (const std::string& name : externally_assigned) {
    if (special_named(name) != Special::None) continue;
    if (function(name) != nullptr) {
      error = {SourcePos{}, "cannot assign to function '" + name + "' on the command line"};
      return false;
    }
    VarRef ref = resolve(name, nullptr);
    ref.symbol->externally_set = true;
    ref.symbol->scalar_use = true;
  }
  for (const Rule& r : program.rules) {
    collect_expr(r.pattern, nullptr);
    collect_expr(r.range_end, nullptr);
    collect_stmt(r.action, nullptr);
  }
  for (FunctionInfo& f : functions_) collect_stmt(f.fn->body, &f);
  if (failed_) {
    error = error_;
    return false;
  }

  // Array-ness flows both ways along `f(x)` edges until nothing changes.
  for (bool changed = true; changed;) {
    changed = false;
    for (ArgEdge& e : edges_) {
      VarRef v = resolve(e.var, e.caller);
      Symbol& p = e.callee->params[e.param];
      const bool var_array = v.is_array();
      if (p.array_use && !var_array) {
        use_array(e.var, e.caller, e.pos);
        changed = true;
      } else if (var_array && !p.array_use) {
        p.array_use = true;
        p.first_array_use = e.pos;
        changed = true;
      }
      if (failed_) {
        error = error_;
        return false;
      }
    }
  }
  // A variable passed to a parameter that is not an array is passed by value: a scalar use.
  for (ArgEdge& e : edges_) {
    VarRef v = resolve(e.var, e.caller);
    if (!v.is_array()) use_scalar(e.var, e.caller, e.pos);
  }
  if (!check_conflicts(error)) return false;

  for (FunctionInfo& f : functions_) f.may_raise = stmt_raises(f.fn->body);
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& [caller, callee_name] : calls_) {
      if (caller == nullptr || caller->may_raise) continue;
      if (function(callee_name)->may_raise) {
        caller->may_raise = true;
        changed = true;
      }
    }
  }

  if (!infer_types()) {
    // Cannot happen in a finite lattice; be safe rather than wrong.
    for (auto& [name, sym] : globals_) sym.ty = Ty::Any;
    for (FunctionInfo& f : functions_)
      for (Symbol& p : f.params) p.ty = Ty::Any;
  }
  return true;
}

}  // namespace fusevm::awkfront
