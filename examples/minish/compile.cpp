// minish's compiler: the Node tree to fusevm ops. Every command leaves `$?` set (SetStatus, or
// CallFunction / PipelineEnd, which set it themselves); conditions test it with GetStatus and a
// jump (a Status of 0 is true). Variables live in the host (ExpandParam reads them, the assign
// builtin writes them), so `$(...)` bodies — compiled to sub-chunks — see them too.
#include "fusevm/builder.h"
#include "fusevm/builtins.h"
#include "fusevm/code_tables.h"
#include "minish.h"

namespace minish {

Word parse_word(const std::string& raw, bool in_dquotes);

namespace {

using namespace fusevm;
namespace bi = fusevm::builtins;

class Compiler {
 public:
  explicit Compiler(std::string source) { b_.set_source(std::move(source)); }

  Chunk finish(const Node& script) {
    node(script);
    return std::move(b_).build();
  }

 private:
  size_t emit(Instr ins) { return b_.emit(ins, line_); }
  void push_str(const std::string& s) { emit(ins::LoadConst(b_.add_constant(Value::string(s)))); }
  void set_status(int32_t v) {
    emit(ins::LoadInt(v));
    emit(ins::SetStatus());
  }
  void patch_here(size_t jump) { b_.patch_jump(jump, b_.current_pos()); }

  uint16_t sub_chunk(const std::string& text) {
    NodePtr tree = parse(text);
    Compiler inner("$(" + text + ")");
    return b_.add_sub_chunk(inner.finish(*tree));
  }

  // ── Words ──

  void part(const Part& p) {
    switch (p.kind) {
      case Part::Lit:
        push_str(p.text);
        return;
      case Part::Status:
        emit(ins::GetStatus());
        return;
      case Part::Subst:
        emit(ins::CmdSubst(sub_chunk(p.text)));
        return;
      case Part::ProcIn:
        emit(ins::ProcessSubIn(sub_chunk(p.text)));
        return;
      case Part::ProcOut:
        emit(ins::ProcessSubOut(sub_chunk(p.text)));
        return;
      case Part::Var:
        break;
    }
    push_str(p.text);
    if (p.mod < 0) {  // plain $x is ${x:-}
      push_str("");
      emit(ins::ExpandParam(param_mod::DEFAULT));
      return;
    }
    const auto mod = static_cast<uint8_t>(p.mod);
    const uint8_t args = param_mod_arg_count(mod);
    if (args >= 1) word_str(parse_word(p.arg, true));
    if (args >= 2) word_str(parse_word(p.arg2, true));
    emit(ins::ExpandParam(mod));
  }

  /// Pushes the word as one string.
  void word_str(const Word& w) {
    if (w.parts.empty()) return push_str("");
    for (size_t i = 0; i < w.parts.size(); ++i) {
      part(w.parts[i]);
      if (i > 0) emit(ins::Concat());
    }
  }

  static bool splits(const Word& w) {
    return w.parts.size() == 1 && !w.parts[0].quoted && (w.parts[0].kind == Part::Var || w.parts[0].kind == Part::Subst);
  }

  /// Pushes the word as a string, or, for a lone unquoted `$x` / `$(...)`, as the array of its
  /// fields (argv collection flattens it; an empty one disappears).
  void word(const Word& w) {
    if (!splits(w)) return word_str(w);
    part(w.parts[0]);
    emit(ins::WordSplit());
  }

  // ── Redirections ──

  void redirs(const std::vector<Redir>& list) {
    for (const Redir& r : list) {
      if (r.op == kHereDoc) {
        const std::string& body = *r.body;
        if (r.expand && body.find('$') != std::string::npos) {
          // HereString adds the newline back.
          word_str(parse_word(body.substr(0, body.empty() ? 0 : body.size() - 1), true));
          emit(ins::HereString());
        } else {
          emit(ins::HereDoc(b_.add_constant(Value::string(body))));
        }
      } else if (r.op == kHereString) {
        word_str(r.target);
        emit(ins::HereString());
      } else {
        word_str(r.target);
        emit(ins::Redirect(static_cast<uint8_t>(r.fd), r.op));
      }
    }
  }
  template <class F>
  void scoped(const std::vector<Redir>& list, F&& body) {
    if (list.empty()) return body();
    redirs(list);
    emit(ins::WithRedirectsBegin(static_cast<uint8_t>(list.size())));
    body();
    emit(ins::WithRedirectsEnd());
  }

  // ── Commands ──

  void node(const Node& n) {
    line_ = static_cast<uint32_t>(n.line);
    switch (n.kind) {
      case Node::Simple: return simple(n);
      case Node::List:
        for (const NodePtr& k : n.kids) node(*k);
        return;
      case Node::Pipeline: return pipeline(n);
      case Node::AndOr: return and_or(n);
      case Node::Not: return negate(n);
      case Node::If: return scoped(n.redirs, [&] { if_(n); });
      case Node::While: return scoped(n.redirs, [&] { while_(n); });
      case Node::For: return scoped(n.redirs, [&] { for_(n); });
      case Node::Group: return scoped(n.redirs, [&] { node(*n.kids[0]); });
      case Node::Subshell: return scoped(n.redirs, [&] { subshell(n); });
      case Node::Background: return background(n);
    }
  }

  void assign(const std::string& name, const Word& value) {
    push_str(name);
    word_str(value);
    bool subst = false;
    for (const Part& p : value.parts) subst = subst || p.kind == Part::Subst;
    emit(ins::LoadInt(subst ? 1 : 0));
    emit(ins::CallBuiltin(kAssignBuiltin, uint8_t{3}));
    emit(ins::SetStatus());
  }

  void args(const Node& n, size_t from) {
    for (size_t i = from; i < n.words.size(); ++i) word(n.words[i]);
  }
  uint8_t argc(const Node& n, size_t from) {
    if (n.words.size() - from > 255) throw SyntaxError("line " + std::to_string(n.line) + ": too many arguments");
    return static_cast<uint8_t>(n.words.size() - from);
  }

  void simple(const Node& n) {
    for (const auto& [name, value] : n.assigns) assign(name, value);
    if (n.words.empty()) return scoped(n.redirs, [] {});
    const Word& cmd = n.words[0];
    if (!cmd.is_literal()) {  // a computed command name: Exec, which may run inline commands
      return scoped(n.redirs, [&] {
        args(n, 0);
        emit(ins::Exec(argc(n, 0)));
        emit(ins::SetStatus());
      });
    }
    const std::string name = cmd.literal();
    const bool plain_echo = name == "echo" && !(n.words.size() > 1 && n.words[1].is_literal() && n.words[1].literal().rfind("-", 0) == 0);
    // The VM runs these inline — except `true`/`false` as pipeline stages, whose status the
    // host must see.
    if (plain_echo || ((name == "true" || name == "false") && !in_stage_)) {
      return scoped(n.redirs, [&] {
        args(n, 0);
        emit(ins::Exec(argc(n, 0)));
        emit(ins::SetStatus());
      });
    }
    if (name == "exit" && !exits_.empty()) {  // leave the subshell: jump to its SubshellEnd
      if (n.words.size() > 1) {
        word_str(n.words[1]);
        emit(ins::SetStatus());
      }
      exits_.back().push_back(emit(ins::Jump(0)));
      return;
    }
    static const std::pair<const char*, uint16_t> kBuiltins[] = {
        {"cd", bi::BUILTIN_CD},         {"exit", bi::BUILTIN_EXIT}, {"export", bi::BUILTIN_EXPORT},
        {"unset", bi::BUILTIN_UNSET},   {"wait", bi::BUILTIN_WAIT}, {":", bi::BUILTIN_COLON}};
    for (const auto& entry : kBuiltins) {
      if (name != entry.first) continue;
      const uint16_t id = entry.second;  // (clang 14 cannot capture a structured binding)
      return scoped(n.redirs, [&] {
        args(n, 1);
        emit(ins::CallBuiltin(id, argc(n, 1)));
        emit(ins::SetStatus());
      });
    }
    // Anything else is run by the host: redirections pending for it, `$?` set by CallFunction.
    redirs(n.redirs);
    args(n, 1);
    emit(ins::CallFunction(b_.add_name(name), argc(n, 1)));
    emit(ins::Pop());
  }

  void pipeline(const Node& n) {
    emit(ins::PipelineBegin(static_cast<uint8_t>(n.kids.size())));
    for (size_t i = 0; i < n.kids.size(); ++i) {
      if (i > 0) emit(ins::PipelineStage());
      const bool was = in_stage_;
      in_stage_ = true;
      node(*n.kids[i]);
      in_stage_ = was;
    }
    emit(ins::PipelineEnd());
    emit(ins::Pop());
  }

  // a && b || c: after each command, skip the next one if `&&` and it failed, or `||` and it
  // succeeded; `$?` carries over the skip to the following operator.
  void and_or(const Node& n) {
    node(*n.kids[0]);
    for (size_t i = 1; i < n.kids.size(); ++i) {
      emit(ins::GetStatus());
      const size_t skip = n.or_ops[i - 1] ? emit(ins::JumpIfTrue(0)) : emit(ins::JumpIfFalse(0));
      node(*n.kids[i]);
      patch_here(skip);
    }
  }

  void negate(const Node& n) {
    node(*n.kids[0]);
    emit(ins::GetStatus());
    const size_t failed = emit(ins::JumpIfFalse(0));
    set_status(1);
    const size_t done = emit(ins::Jump(0));
    patch_here(failed);
    set_status(0);
    patch_here(done);
  }

  void if_(const Node& n) {
    std::vector<size_t> ends;
    size_t k = 0;
    for (; k + 1 < n.kids.size(); k += 2) {
      node(*n.kids[k]);
      emit(ins::GetStatus());
      const size_t next = emit(ins::JumpIfFalse(0));
      node(*n.kids[k + 1]);
      ends.push_back(emit(ins::Jump(0)));
      patch_here(next);
    }
    if (k < n.kids.size()) node(*n.kids[k]);  // else
    else set_status(0);                        // no branch taken: 0 (POSIX)
    for (size_t e : ends) patch_here(e);
  }

  // The loop's status: its body's last status, 0 if the body never ran (kept in a slot).
  uint16_t status_slot() {
    const uint16_t s = next_slot_++;
    emit(ins::LoadInt(0));
    emit(ins::SetSlot(s));
    return s;
  }
  void save_status(uint16_t s) {
    emit(ins::GetStatus());
    emit(ins::SetSlot(s));
  }
  void restore_status(uint16_t s) {
    emit(ins::GetSlot(s));
    emit(ins::SetStatus());
  }

  void while_(const Node& n) {
    const uint16_t st = status_slot();
    const size_t top = b_.current_pos();
    node(*n.kids[0]);
    emit(ins::GetStatus());
    const size_t out = emit(ins::JumpIfFalse(0));
    node(*n.kids[1]);
    save_status(st);
    emit(ins::Jump(static_cast<uint32_t>(top)));
    patch_here(out);
    restore_status(st);
  }

  void for_(const Node& n) {
    const uint16_t list = b_.add_name("__minish_for" + std::to_string(next_slot_));
    emit(ins::MakeArray(uint32_t{0}));
    emit(ins::SetVar(list));
    // The block appends one field; ForEachBlock runs it on every field of a split word.
    const size_t skip = emit(ins::Jump(0));
    const size_t block_start = b_.current_pos();
    emit(ins::ArrayPush(list));
    const uint16_t block = b_.add_block_range(block_start, b_.current_pos());
    patch_here(skip);
    for (const Word& w : n.words) {
      word(w);
      if (splits(w)) emit(ins::ForEachBlock(block));
      else emit(ins::ArrayPush(list));
    }
    const uint16_t st = status_slot();
    const uint16_t i = next_slot_++;
    emit(ins::LoadInt(0));
    emit(ins::SetSlot(i));
    const size_t top = b_.current_pos();
    emit(ins::GetSlot(i));
    emit(ins::ArrayLen(list));
    emit(ins::NumLt());
    const size_t out = emit(ins::JumpIfFalse(0));
    push_str(n.var);
    emit(ins::GetSlot(i));
    emit(ins::ArrayGet(list));
    emit(ins::LoadInt(0));
    emit(ins::CallBuiltin(kAssignBuiltin, uint8_t{3}));
    emit(ins::Pop());
    node(*n.kids[0]);
    save_status(st);
    emit(ins::PreIncSlot(i));
    emit(ins::Pop());
    emit(ins::Jump(static_cast<uint32_t>(top)));
    patch_here(out);
    restore_status(st);
  }

  void subshell(const Node& n) {
    emit(ins::SubshellBegin());
    exits_.emplace_back();
    node(*n.kids[0]);
    for (size_t j : exits_.back()) patch_here(j);
    exits_.pop_back();
    emit(ins::SubshellEnd());
  }

  void background(const Node& n) {
    const Node& k = *n.kids[0];
    if (k.kind != Node::Simple || k.words.empty() || !k.assigns.empty()) {
      node(k);  // minish runs compound background commands in the foreground
      return;
    }
    redirs(k.redirs);
    args(k, 0);
    emit(ins::ExecBg(argc(k, 0)));
    emit(ins::Pop());
    set_status(0);
  }

  ChunkBuilder b_;
  uint32_t line_ = 1;
  uint16_t next_slot_ = 0;
  std::vector<std::vector<size_t>> exits_;  // `exit` jumps of the enclosing subshells
  bool in_stage_ = false;                   // compiling a pipeline stage
};

}  // namespace

Chunk compile(const Node& script, const std::string& source_name) {
  return Compiler(source_name).finish(script);
}

}  // namespace minish
