// CodeGen: the builtin functions — the VM's awk vocabulary where it fits, the frontend's own ops
// where awk needs more (sub/gsub on any lvalue, split into an array handle, close, system...).
#include "awk/compiler/codegen.h"

namespace fusevm::awkfront {

Ty CodeGen::sub_gsub(const Expr& e) {
  const bool global = e.builtin == Builtin::Gsub;
  uint64_t payload = global ? kSubGlobal : 0;
  const Expr& re = prog_.expr(e.args[0]);
  Place target;
  if (e.args.size() > 2) {
    target = prepare(e.args[2]);
  } else {
    target.kind = Place::Kind::Field;
    target.record = true;
  }
  if (re.kind == ExprKind::Regex) {
    payload |= kSubStatic | (static_cast<uint64_t>(regex_index(re.text, re.pos)) << 16);
  } else {
    expr(e.args[0]);
  }
  expr(e.args[1]);
  load_place(target);
  em_.set_line(e.pos.line);
  em_.ext(AwkExt::SubGsub, payload);  // [new count]
  store_if_positive(target);
  release_place(target);
  return Ty::Num;
}

Ty CodeGen::builtin(const Expr& e) {
  const auto& args = e.args;
  const auto count = [&] {
    if (args.size() > 255) fail(e.pos, e.text + " called with more than 255 arguments");
    return static_cast<uint8_t>(args.size());
  };
  auto values = [&] {
    for (ExprId a : args) expr(a);
    em_.set_line(e.pos.line);
  };
  auto numbers = [&] {
    for (ExprId a : args) num(a);
    em_.set_line(e.pos.line);
  };
  switch (e.builtin) {
    case Builtin::Length:
      if (args.empty() || (prog_.expr(args[0]).kind == ExprKind::Field &&
                           prog_.expr(prog_.expr(args[0]).a).kind == ExprKind::Number &&
                           prog_.expr(prog_.expr(args[0]).a).number == 0)) {
        // length and length($0): the runtime measures the record without making a value of it.
        em_.emit(ins::AwkLength(0));
      } else if (prog_.expr(args[0]).kind == ExprKind::Var && resolve(prog_.expr(args[0]).text).is_array()) {
        push_array(prog_.expr(args[0]).text, e.pos);
        em_.ext(AwkExt::ArrayLength);
        return Ty::Num;
      } else {
        values();
        em_.emit(ins::AwkLength(1));
      }
      to_float();
      return Ty::Num;
    case Builtin::Substr:
      expr(args[0]);
      for (size_t i = 1; i < args.size(); ++i) num(args[i]);
      em_.set_line(e.pos.line);
      em_.emit(ins::AwkSubstr(count()));
      return Ty::Str;
    case Builtin::Index:
      values();
      em_.emit(ins::AwkIndex());
      to_float();
      return Ty::Num;
    case Builtin::Split: {
      expr(args[0]);
      push_array(prog_.expr(args[1]).text, prog_.expr(args[1]).pos);
      uint64_t payload = args.size();
      if (args.size() > 2) {
        const Expr& fs = prog_.expr(args[2]);
        if (fs.kind == ExprKind::Regex) {
          payload = 2 | kSplitStatic | (static_cast<uint64_t>(regex_index(fs.text, fs.pos)) << 16);
        } else {
          expr(args[2]);
        }
      }
      em_.set_line(e.pos.line);
      em_.ext(AwkExt::Split, payload);
      return Ty::Num;
    }
    case Builtin::Sub:
    case Builtin::Gsub:
      return sub_gsub(e);
    case Builtin::Match: {
      expr(args[0]);
      const Expr& re = prog_.expr(args[1]);
      if (re.kind == ExprKind::Regex) {
        regex_index(re.text, re.pos);  // checked now rather than when it runs
        load_string(re.text);
      } else {
        expr(args[1]);
      }
      em_.set_line(e.pos.line);
      em_.emit(ins::AwkMatch());
      to_float();
      return Ty::Num;
    }
    case Builtin::Sprintf:
      values();
      em_.emit(ins::AwkSprintf(count()));
      return Ty::Str;
    case Builtin::Sin: values(); em_.emit(ins::AwkSin()); return Ty::Num;
    case Builtin::Cos: values(); em_.emit(ins::AwkCos()); return Ty::Num;
    case Builtin::Atan2: values(); em_.emit(ins::AwkAtan2()); return Ty::Num;
    case Builtin::Exp: values(); em_.emit(ins::AwkExp()); return Ty::Num;
    case Builtin::Log: values(); em_.emit(ins::AwkLog()); return Ty::Num;
    case Builtin::Sqrt: values(); em_.emit(ins::AwkSqrt()); return Ty::Num;
    case Builtin::Int: values(); em_.emit(ins::AwkInt()); return Ty::Num;
    case Builtin::Rand: em_.emit(ins::AwkRand()); return Ty::Num;
    case Builtin::Srand:
      numbers();
      em_.emit(ins::AwkSrand(count()));
      return Ty::Num;
    case Builtin::Tolower: values(); em_.emit(ins::AwkToLower()); return Ty::Str;
    case Builtin::Toupper: values(); em_.emit(ins::AwkToUpper()); return Ty::Str;
    case Builtin::Close:
      values();
      em_.ext(AwkExt::Close, count());
      return Ty::Num;
    case Builtin::System:
      values();
      em_.ext(AwkExt::System);
      return Ty::Num;
    case Builtin::Fflush:
      values();
      em_.ext(AwkExt::Fflush, count());
      return Ty::Num;
    case Builtin::Gensub: {
      const Expr& re = prog_.expr(args[0]);
      if (re.kind == ExprKind::Regex) {
        regex_index(re.text, re.pos);
        load_string(re.text);
      } else {
        expr(args[0]);
      }
      for (size_t i = 1; i < args.size(); ++i) expr(args[i]);
      em_.set_line(e.pos.line);
      em_.emit(ins::AwkGensub(count()));
      return Ty::Str;
    }
    case Builtin::Strftime:
      if (!args.empty()) expr(args[0]);
      for (size_t i = 1; i < args.size(); ++i) num(args[i]);
      em_.set_line(e.pos.line);
      em_.emit(ins::AwkStrftime(count()));
      return Ty::Str;
    case Builtin::Systime:
      // The VM's systime() has a fractional part; awk's is whole seconds.
      em_.emit(ins::AwkSystime());
      em_.emit(ins::AwkInt());
      return Ty::Num;
    case Builtin::Mktime:
      expr(args[0]);
      if (args.size() > 1) num(args[1]);
      em_.set_line(e.pos.line);
      em_.emit(ins::AwkMktime(count()));
      return Ty::Num;
    case Builtin::BitAnd: numbers(); em_.emit(ins::AwkAnd(count())); to_float(); return Ty::Num;
    case Builtin::BitOr: numbers(); em_.emit(ins::AwkOr(count())); to_float(); return Ty::Num;
    case Builtin::BitXor: numbers(); em_.emit(ins::AwkXor(count())); to_float(); return Ty::Num;
    case Builtin::Compl: numbers(); em_.emit(ins::AwkCompl()); to_float(); return Ty::Num;
    case Builtin::Lshift: numbers(); em_.emit(ins::AwkLshift()); to_float(); return Ty::Num;
    case Builtin::Rshift: numbers(); em_.emit(ins::AwkRshift()); to_float(); return Ty::Num;
    case Builtin::Strtonum: values(); em_.emit(ins::AwkStrtonum()); return Ty::Num;
  }
  fail(e.pos, "internal error: builtin " + e.text + " is not compiled");
}

}  // namespace fusevm::awkfront
