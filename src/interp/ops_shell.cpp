// The 29 shell ops (SHELL-HOST.md §2). With no host set, the VM uses its built-in DefaultHost
// (safe: it never starts a process, DEVIATIONS.md G) and keeps the original's two no-host rules:
// PipelineEnd reports the current `$?`, and CallFunction first looks for a sub of that name.
// Exec always handles in-chunk subs and the inline `true`/`false`/`echo`/`test` itself.
// An exception from a host method becomes an error naming the op.
#include <exception>

#include "interp.h"

namespace fusevm {
namespace {

// argv from the top `argc` values: an Array contributes one string per element (one level).
std::vector<std::string> collect_argv(std::vector<Value>& stack, size_t& sp, size_t argc) {
  std::vector<std::string> argv;
  for (size_t k = sp - argc; k < sp; ++k) {
    const Value& v = stack[k];
    if (v.is_array()) {
      for (const Value& item : v.as_array()) argv.push_back(item.to_str());
    } else {
      argv.push_back(v.to_str());
    }
    stack[k] = Value();
  }
  sp -= argc;
  return argv;
}

Value string_array(const std::vector<std::string>& items) {
  ValueVector out;
  out.reserve(items.size());
  for (const std::string& s : items) out.push_back(Value::string(s));
  return Value::array(std::move(out));
}

}  // namespace

bool VM::Impl::op_exec(const Instr& ins) {
  ++executed_;  // counted here: these ops set ip themselves
  const bool is_exec = ins.op == Op::Exec;
  const size_t argc = is_exec ? ins.get<Op::Exec, 0>() : ins.get<Op::CallFunction, 1>();
  if (!need(argc, ins)) return false;
  std::vector<std::string> argv = collect_argv(stack_, sp_, argc);
  std::string name;
  int64_t sub = -1;
  if (is_exec) {
    if (argv.empty()) {
      ++ip_;
      return push_checked(Value::status(0));
    }
    name = argv.front();
    argv.erase(argv.begin());
    auto it = sub_by_name_.find(name);
    if (it != sub_by_name_.end()) sub = it->second;
  } else {
    const uint16_t idx = ins.get<Op::CallFunction, 0>();
    name = std::string(chunk_.name_at(idx));
    if (!shell_ && idx < sub_entry_.size()) sub = sub_entry_[idx];  // only without a host (original)
  }
  if (sub >= 0) {
    // A sub of this chunk: the arguments become Str values on its frame.
    for (const std::string& a : argv)
      if (!push_checked(Value::string(a))) return false;
    return enter_sub(static_cast<uint64_t>(sub), argv.size());
  }
  int32_t status = 0;
  try {
    if (is_exec && (name == "true" || name == "false" || name == "test" || name == "[")) {
      status = name == "false" ? 1 : 0;  // `test` does not evaluate its arguments (original)
    } else if (is_exec && name == "echo") {
      std::string line;
      for (size_t i = 0; i < argv.size(); ++i) {
        if (i > 0) line += ' ';
        line += argv[i];
      }
      write_output(line + "\n");
    } else {
      flush_output();  // keep our output ahead of anything the command prints
      std::vector<std::string> full;
      full.reserve(argv.size() + 1);
      full.push_back(name);
      for (std::string& a : argv) full.push_back(std::move(a));
      if (!is_exec && shell_) {
        std::vector<std::string> args(full.begin() + 1, full.end());
        auto r = shell_->call_function(name, std::move(args));
        status = r ? *r : shell_->exec(std::move(full));
      } else {
        status = shell().exec(std::move(full));
      }
    }
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    raise(ErrorCode::HandlerFailed, std::string("shell host threw: ") + e.what());
    return false;
  }
  if (!is_exec) last_status_ = status;  // Exec never sets $? (the original's rule)
  ++ip_;
  return push_checked(Value::status(status));
}

bool VM::Impl::op_shell(const Instr& ins) {
  auto pop = [&]() { return std::move(stack_[--sp_]); };
  auto pop_str = [&]() { return pop().to_str(); };
  const StackEffect effect = stack_effect(ins);
  if (!need(effect.pops, ins)) return false;
  const uint64_t operand = ins.operand_count() > 0 ? ins.raw(0) : 0;
  const Chunk* sub = operand < chunk_.sub_chunks.size() ? &chunk_.sub_chunks[operand] : nullptr;
  try {
    // A host may send fd 1 elsewhere at these ops (a pipeline stage, a redirect scope, a
    // subshell) or write itself (a trap's handler): what the chunk printed before goes first.
    if (shell_) {
      switch (ins.op) {
        case Op::PipelineBegin:
        case Op::PipelineStage:
        case Op::PipelineEnd:
        case Op::WithRedirectsBegin:
        case Op::WithRedirectsEnd:
        case Op::SubshellBegin:
        case Op::SubshellEnd:
        case Op::TrapCheck:
          flush_output();
          break;
        default:
          break;
      }
    }
    switch (ins.op) {
      case Op::ExecBg: {
        std::vector<std::string> argv = collect_argv(stack_, sp_, operand);
        if (!argv.empty()) {
          flush_output();
          shell().exec_bg(std::move(argv));
        }
        return push_checked(Value::status(0));
      }
      case Op::PipelineBegin:
        if (shell_) shell_->pipeline_begin(static_cast<uint8_t>(operand));
        return true;
      case Op::PipelineStage:
        if (shell_) shell_->pipeline_stage();
        return true;
      case Op::PipelineEnd:
        if (shell_) last_status_ = shell_->pipeline_end();
        return push_checked(Value::status(last_status_));
      case Op::Redirect: {
        const std::string target = pop_str();
        if (shell_) shell_->redirect(static_cast<uint8_t>(ins.raw(0)), static_cast<uint8_t>(ins.raw(1)), target);
        return true;
      }
      case Op::HereDoc:
        if (shell_) shell_->heredoc(operand < chunk_.constants.size() ? consts_[operand].to_str() : "");
        return true;
      case Op::HereString: {
        const std::string word = pop_str();
        if (shell_) shell_->herestring(word);
        return true;
      }
      case Op::CmdSubst:
      case Op::ProcessSubIn:
      case Op::ProcessSubOut: {
        std::string out;
        if (shell_ && sub != nullptr) {
          flush_output();
          out = ins.op == Op::CmdSubst       ? shell_->cmd_subst(*sub)
                : ins.op == Op::ProcessSubIn ? shell_->process_sub_in(*sub)
                                             : shell_->process_sub_out(*sub);
        }
        return push_checked(Value::string(out));
      }
      case Op::SubshellBegin:
        if (shell_) shell_->subshell_begin();
        return true;
      case Op::SubshellEnd:
        if (shell_) {
          if (auto r = shell_->subshell_end()) last_status_ = *r;
        }
        return true;
      case Op::Glob:
      case Op::GlobRecursive: {
        const std::string pattern = pop_str();
        return push_checked(string_array(shell().glob(pattern, ins.op == Op::GlobRecursive)));
      }
      case Op::TestFile: {
        const std::string path = pop_str();
        return push_checked(Value::boolean(shell().test_file(static_cast<uint8_t>(operand), path)));
      }
      case Op::SetStatus:
        last_status_ = static_cast<int32_t>(static_cast<uint32_t>(pop().to_int()));
        return true;
      case Op::GetStatus:
        return push_checked(Value::status(last_status_));
      case Op::TrapSet: {
        const std::string signal = pop_str();
        if (shell_ && sub != nullptr) shell_->trap_set(signal, *sub);
        return true;
      }
      case Op::TrapCheck:
        if (shell_) shell_->trap_check();
        return true;
      case Op::ExpandParam: {
        const size_t k = effect.pops - 1;
        std::vector<Value> args(k);
        for (size_t i = k; i-- > 0;) args[i] = pop();
        const std::string name = pop_str();
        return push_checked(shell().expand_param(name, static_cast<uint8_t>(operand), args));
      }
      case Op::WordSplit:
        return push_checked(string_array(shell().word_split(pop_str())));
      case Op::BraceExpand:
        return push_checked(string_array(shell().brace_expand(pop_str())));
      case Op::TildeExpand:
        return push_checked(Value::string(shell().tilde_expand(pop_str())));
      case Op::StrMatch:
      case Op::RegexMatch: {
        const std::string pattern = pop_str();
        const std::string s = pop_str();
        const bool m = ins.op == Op::StrMatch ? shell().str_match(s, pattern) : shell().regex_match(s, pattern);
        return push_checked(Value::boolean(m));
      }
      case Op::WithRedirectsBegin:
        if (shell_) shell_->with_redirects_begin(static_cast<uint8_t>(operand));
        return true;
      case Op::WithRedirectsEnd:
        if (shell_) shell_->with_redirects_end();
        return true;
      default:
        break;
    }
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    raise(ErrorCode::HandlerFailed, std::string("shell host threw: ") + e.what());
    return false;
  }
  raise(ErrorCode::RuntimeError, "internal error: " + std::string(op_name(ins.op)) + " is not a shell op");
  return false;
}

}  // namespace fusevm
