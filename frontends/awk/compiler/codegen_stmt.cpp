// CodeGen: statements, rules, functions and the layout of the program; compile_program.
#include <algorithm>
#include <cctype>

#include "awk/compiler/codegen.h"
#include "awk/lexer.h"

namespace fusevm::awkfront {

CodeGen::CodeGen(const Program& program, Analysis& analysis, const CompileOptions& options, CompiledProgram& out)
    : prog_(program), analysis_(analysis), options_(options), out_(out), em_(builder_) {}

void CodeGen::end_for_ins() {
  for (auto it = for_ins_.rbegin(); it != for_ins_.rend(); ++it) {
    em_.emit(ins::GetSlot(*it));
    em_.ext(AwkExt::ForInEnd);
  }
}

void CodeGen::print(const Stmt& s) {
  const bool formatted = s.kind == StmtKind::Printf;
  if (s.args.size() > 255) fail(s.pos, "print with more than 255 values");
  for (ExprId a : s.args) expr(a);
  em_.set_line(s.pos.line);
  const auto n = static_cast<uint8_t>(s.args.size());
  if (s.redirect == Redirect::None) {
    em_.emit(formatted ? ins::AwkPrintf(n) : ins::AwkPrint(n));
    return;
  }
  expr(s.target);
  OutputMode mode = OutputMode::Truncate;
  if (s.redirect == Redirect::Append) mode = OutputMode::Append;
  if (s.redirect == Redirect::Pipe) mode = OutputMode::Pipe;
  em_.set_line(s.pos.line);
  em_.ext(formatted ? AwkExt::PrintfTo : AwkExt::PrintTo, n | (static_cast<uint64_t>(mode) << 8));
}

void CodeGen::for_in(const Stmt& s) {
  const VarRef var = resolve(s.name);
  if (var.is_array()) fail(s.pos, "can't use array '" + s.name + "' as a for-in variable");
  push_array(s.array, s.pos);
  em_.ext(AwkExt::ForInStart);
  const uint16_t it = em_.temp();
  em_.emit(ins::SetSlot(it));
  Label top, exhausted, finish;
  em_.bind(top);
  em_.emit(ins::GetSlot(it));
  em_.ext(AwkExt::ForInNext);  // [key more]
  em_.jump(Op::JumpIfFalse, exhausted);
  store_var(var, s.name);
  loops_.push_back({&finish, &top, for_ins_.size()});
  for_ins_.push_back(it);
  stmt(s.body[0]);
  for_ins_.pop_back();
  loops_.pop_back();
  em_.jump(Op::Jump, top);
  em_.bind(exhausted);
  em_.emit(ins::Pop());  // the Undef key
  em_.bind(finish);
  em_.emit(ins::GetSlot(it));
  em_.ext(AwkExt::ForInEnd);
  em_.release(it);
}

void CodeGen::signal_stmt(AwkSignalKind kind) {
  // Inside a function: record the signal and return; each caller unwinds (unwind_check).
  end_for_ins();
  em_.ext(AwkExt::Raise, static_cast<uint64_t>(kind));
  em_.emit(ins::LoadUndef());
  em_.emit(ins::ReturnValue());
}

void CodeGen::exit_stmt(const Stmt& s) {
  if (s.a != kNoExpr) {
    expr(s.a);
    em_.ext(AwkExt::SetExitCode);
  }
  if (phase_ == Phase::Function) {
    signal_stmt(AwkSignalKind::Exit);
    return;
  }
  end_for_ins();
  em_.jump(Op::Jump, phase_ == Phase::End ? *program_end_ : *end_section_);
}

void CodeGen::unwind_check() {
  Label carry_on;
  em_.ext(AwkExt::Pending);
  em_.jump(Op::JumpIfFalse, carry_on);
  const int64_t depth = em_.depth();
  if (phase_ == Phase::Function) {
    end_for_ins();
    em_.emit(ins::LoadUndef());
    em_.emit(ins::ReturnValue());
  } else {
    // Top level: drop what this statement had on the stack, then act on the signal.
    for (int64_t i = 0; i < depth; ++i) em_.emit(ins::Pop());
    end_for_ins();
    if (phase_ == Phase::Main) {
      const uint16_t kind = em_.temp();
      em_.ext(AwkExt::TakeSignal);
      em_.emit(ins::SetSlot(kind));
      em_.emit(ins::GetSlot(kind));
      em_.emit(ins::LoadFloat(static_cast<double>(AwkSignalKind::Exit)));
      em_.emit(ins::NumEq());
      em_.jump(Op::JumpIfTrue, *end_section_);
      em_.emit(ins::GetSlot(kind));
      em_.emit(ins::LoadFloat(static_cast<double>(AwkSignalKind::NextFile)));
      em_.emit(ins::NumEq());
      em_.jump(Op::JumpIfFalse, *loop_top_);
      em_.ext(AwkExt::NextFile);
      em_.jump(Op::Jump, *loop_top_);
      em_.release(kind);
    } else {
      // In BEGIN, `exit` goes on to END (POSIX); next and nextfile, which gawk rejects there,
      // end the BEGIN actions as well. In END, any of them ends the program.
      em_.ext(AwkExt::TakeSignal);
      em_.emit(ins::Pop());
      em_.jump(Op::Jump, phase_ == Phase::End ? *program_end_ : *end_section_);
    }
  }
  em_.set_depth(depth);
  em_.bind(carry_on);
}

void CodeGen::stmt(StmtId id) {
  if (id == kNoStmt) return;
  const Stmt& s = prog_.stmt(id);
  em_.set_line(s.pos.line);
  switch (s.kind) {
    case StmtKind::Expr:
      expr_discard(s.a);
      return;
    case StmtKind::Print:
    case StmtKind::Printf:
      print(s);
      return;
    case StmtKind::If: {
      Label otherwise, done;
      jump_if_false(s.a, otherwise);
      stmt(s.body[0]);
      if (s.body.size() > 1 && s.body[1] != kNoStmt) {
        em_.jump(Op::Jump, done);
        em_.bind(otherwise);
        stmt(s.body[1]);
        em_.bind(done);
      } else {
        em_.bind(otherwise);
      }
      return;
    }
    case StmtKind::While: {
      Label top, done;
      em_.bind(top);
      jump_if_false(s.a, done);
      loops_.push_back({&done, &top, for_ins_.size()});
      stmt(s.body[0]);
      loops_.pop_back();
      em_.jump(Op::Jump, top);
      em_.bind(done);
      return;
    }
    case StmtKind::Do: {
      Label top, test, done;
      em_.bind(top);
      loops_.push_back({&done, &test, for_ins_.size()});
      stmt(s.body[0]);
      loops_.pop_back();
      em_.bind(test);
      jump_if_true(s.a, top);
      em_.bind(done);
      return;
    }
    case StmtKind::For: {
      Label top, step, done;
      stmt(s.init);
      em_.bind(top);
      if (s.a != kNoExpr) jump_if_false(s.a, done);
      loops_.push_back({&done, &step, for_ins_.size()});
      stmt(s.body[0]);
      loops_.pop_back();
      em_.bind(step);
      stmt(s.step);
      em_.jump(Op::Jump, top);
      em_.bind(done);
      return;
    }
    case StmtKind::ForIn:
      for_in(s);
      return;
    case StmtKind::Block:
      for (StmtId b : s.body) stmt(b);
      return;
    case StmtKind::Next:
    case StmtKind::NextFile:
      if (phase_ == Phase::Function) {
        signal_stmt(s.kind == StmtKind::Next ? AwkSignalKind::Next : AwkSignalKind::NextFile);
        return;
      }
      end_for_ins();
      if (s.kind == StmtKind::NextFile) em_.ext(AwkExt::NextFile);
      em_.jump(Op::Jump, *loop_top_);
      return;
    case StmtKind::Exit:
      exit_stmt(s);
      return;
    case StmtKind::Return:
      if (s.a != kNoExpr) {
        expr(s.a);
      } else {
        em_.emit(ins::LoadUndef());
      }
      end_for_ins();
      em_.emit(ins::ReturnValue());
      return;
    case StmtKind::Break:
    case StmtKind::Continue: {
      const Loop& loop = loops_.back();
      // Leaving for-in loops nested inside this loop frees their iterators.
      for (size_t i = for_ins_.size(); i-- > loop.for_in_depth;) {
        em_.emit(ins::GetSlot(for_ins_[i]));
        em_.ext(AwkExt::ForInEnd);
      }
      em_.jump(Op::Jump, s.kind == StmtKind::Break ? *loop.break_to : *loop.continue_to);
      return;
    }
    case StmtKind::Delete:
      push_array(s.array, s.pos);
      if (s.args.empty()) {
        em_.ext(AwkExt::ArrayClear);
      } else {
        const uint64_t key = subscript(s.args);
        em_.ext(AwkExt::ArrayDelete, key);
      }
      return;
  }
}

void CodeGen::rule(const Rule& r) {
  em_.set_line(r.pos.line);
  Label skip;
  if (r.range_end != kNoExpr) {
    // pattern1, pattern2: on from a record matching the first through one matching the second.
    const uint16_t flag = range_flags_.back();
    range_flags_.pop_back();
    Label check_end, run;
    em_.emit(ins::GetSlot(flag));
    em_.jump(Op::JumpIfTrue, check_end);
    jump_if_false(r.pattern, skip);
    em_.emit(ins::LoadTrue());
    em_.emit(ins::SetSlot(flag));
    em_.bind(check_end);
    jump_if_false(r.range_end, run);
    em_.emit(ins::LoadFalse());
    em_.emit(ins::SetSlot(flag));
    em_.bind(run);
  } else if (r.pattern != kNoExpr) {
    jump_if_false(r.pattern, skip);
  }
  if (r.action == kNoStmt) {
    em_.emit(ins::AwkPrint(0));
  } else {
    stmt(r.action);
  }
  em_.bind(skip);
}

void CodeGen::function(FunctionInfo& f) {
  fn_ = &f;
  phase_ = Phase::Function;
  const Function& def = *f.fn;
  em_.set_line(def.pos.line);
  builder_.add_sub_entry(name_index(def.name), em_.pos());
  em_.set_depth(static_cast<int64_t>(def.params.size()));
  em_.reset_temps(static_cast<uint16_t>(def.params.size()));
  for (size_t i = def.params.size(); i-- > 0;) em_.emit(ins::SetSlot(static_cast<uint16_t>(i)));
  stmt(def.body);
  em_.emit(ins::LoadUndef());
  em_.emit(ins::ReturnValue());
  fn_ = nullptr;
}

void CodeGen::assign_storage() {
  std::vector<std::string> operand_names;
  for (const std::string& operand : options_.operands) {
    const size_t eq = operand.find('=');
    if (eq != std::string::npos && eq > 0) operand_names.push_back(operand.substr(0, eq));
  }
  // A program that looks at ARGV may add assignments to it while it runs: keep every variable
  // where the runtime can reach it by name.
  bool argv_used = false;
  for (const Expr& e : prog_.exprs)
    if ((e.kind == ExprKind::Index || e.kind == ExprKind::In) && e.text == "ARGV") argv_used = true;
  for (const Stmt& s : prog_.stmts)
    if ((s.kind == StmtKind::ForIn || s.kind == StmtKind::Delete) && s.array == "ARGV") argv_used = true;

  int64_t handle = 2;
  uint16_t slot = 0;
  for (auto& [name, sym] : analysis_.globals()) {
    if (sym.is_array()) {
      array_handles_.emplace(name, handle++);
      out_.global_arrays.push_back(name);
      continue;
    }
    const bool by_name = sym.in_function || argv_used ||
                         std::find(operand_names.begin(), operand_names.end(), name) != operand_names.end();
    if (by_name) {
      out_.assignable.push_back({name, VariableHome{VariableHome::Kind::Global, name_index(name)}});
    } else {
      top_slots_.emplace(name, slot++);
    }
  }
  for (const Rule& r : prog_.rules) {
    if (r.range_end != kNoExpr) range_flags_.push_back(slot++);
  }
  std::reverse(range_flags_.begin(), range_flags_.end());  // rule() takes them from the back
  top_vars_ = slot;
  for (const char* special : {"NR", "NF", "FNR", "FS", "OFS", "ORS", "RS", "SUBSEP", "CONVFMT", "OFMT",
                              "RSTART", "RLENGTH", "FILENAME", "ARGC"})
    out_.assignable.push_back({special, VariableHome{VariableHome::Kind::Special, 0}});
}

void CodeGen::prologue() {
  for (const auto& [name, value] : options_.assignments) {
    load_string(process_escapes(value));
    em_.ext(AwkExt::InputString);
    const VarRef ref = resolve(name);
    if (ref.kind != VarRef::Kind::Special && ref.is_array())
      fail(SourcePos{}, "can't assign to array '" + name + "' with -v");
    if (ref.kind == VarRef::Kind::Special && ref.is_array()) fail(SourcePos{}, "can't assign to array '" + name + "'");
    store_var(ref, name);
  }
}

void CodeGen::run() {
  assign_storage();
  builder_.set_fusion(options_.fusion);
  Label main;
  em_.jump(Op::Jump, main);
  for (size_t i = 0; i < analysis_.function_count(); ++i) function(analysis_.function_at(i));

  em_.bind(main);
  em_.set_depth(0);
  em_.reset_temps(top_vars_);
  Label loop_top, end_section, program_end, begin_done;
  loop_top_ = &loop_top;
  end_section_ = &end_section;
  program_end_ = &program_end;
  begin_done_ = &begin_done;

  phase_ = Phase::Begin;
  prologue();
  bool has_main = false, has_end = false;
  for (const Rule& r : prog_.rules) {
    if (r.kind == RuleKind::Begin) {
      stmt(r.action);
    } else if (r.kind == RuleKind::Main) {
      has_main = true;
    } else {
      has_end = true;
    }
  }
  em_.bind(begin_done);
  if (has_main || has_end) {
    phase_ = Phase::Main;
    em_.bind(loop_top);
    em_.ext(AwkExt::NextRecord);
    em_.jump(Op::JumpIfFalse, end_section);
    for (const Rule& r : prog_.rules)
      if (r.kind == RuleKind::Main) rule(r);
    em_.jump(Op::Jump, loop_top);
  } else {
    em_.jump(Op::Jump, program_end);
  }
  em_.bind(end_section);
  phase_ = Phase::End;
  for (const Rule& r : prog_.rules)
    if (r.kind == RuleKind::End) stmt(r.action);
  em_.bind(program_end);
  out_.chunk = std::move(builder_).build();
}

bool compile_program(const Program& program, const std::vector<Source>& sources, const CompileOptions& options,
                     CompiledProgram& out, SyntaxError& error) {
  std::vector<std::string> assigned;
  for (const auto& [name, value] : options.assignments) assigned.push_back(name);
  for (const std::string& operand : options.operands) {
    const size_t eq = operand.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    const std::string name = operand.substr(0, eq);
    bool identifier = !(name[0] >= '0' && name[0] <= '9');
    for (char c : name) identifier = identifier && (c == '_' || std::isalnum(static_cast<unsigned char>(c)));
    if (identifier) assigned.push_back(name);
  }
  Analysis analysis;
  if (!analysis.run(program, assigned, error)) return false;
  try {
    CodeGen gen(program, analysis, options, out);
    if (!sources.empty()) gen.set_source(sources[0].name);
    gen.run();
  } catch (const CompileFailure& f) {
    error = f.error;
    return false;
  }
  return true;
}

}  // namespace fusevm::awkfront
