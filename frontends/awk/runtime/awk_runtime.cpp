// AwkRuntime: records and fields, special variables, the main input, print/printf, arrays by
// name, and installation on a VM. The frontend's own ops are in extensions.cpp, the builtins in
// builtins.cpp, the value rules in values.cpp.
#include "awk/runtime/awk_runtime.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "awk/lexer.h"
#include "awk/runtime/number_text.h"
#include "awk/runtime/printf_format.h"

extern char** environ;

namespace fusevm::awkfront {
namespace {

/// Adapts awk values to the printf engine.
class ValueFormatArgs final : public FormatArgs {
 public:
  ValueFormatArgs(const AwkRuntime& rt, std::span<const Value> args) : rt_(rt), args_(args) {}
  size_t size() const override { return args_.size(); }
  bool is_number(size_t i) const override { return rt_.compares_as_number(args_[i]); }
  double number(size_t i) const override { return rt_.to_number(args_[i]); }
  std::string_view string(size_t i, std::string& scratch) const override {
    if (args_[i].is_str()) return args_[i].as_str();
    scratch.clear();
    rt_.append_string(scratch, args_[i]);
    return scratch;
  }

 private:
  const AwkRuntime& rt_;
  std::span<const Value> args_;
};

/// "name=value" with name an awk identifier: a command-line assignment operand.
bool split_assignment(std::string_view operand, std::string_view& name, std::string_view& value) {
  const size_t eq = operand.find('=');
  if (eq == 0 || eq == std::string_view::npos) return false;
  const auto is_start = [](char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!is_start(operand[0])) return false;
  for (size_t i = 1; i < eq; ++i)
    if (!is_start(operand[i]) && !(operand[i] >= '0' && operand[i] <= '9')) return false;
  name = operand.substr(0, eq);
  value = operand.substr(eq + 1);
  return true;
}

}  // namespace

AwkRuntime::AwkRuntime(AwkRuntimeOptions options) : options_(std::move(options)), io_(options_.output) {
  io_.set_sandbox(options_.sandbox);
  if (options_.stdin_source) io_.set_stdin_source(options_.stdin_source);
  io_.set_stdout_unbuffered(options_.unbuffered);
  const int64_t argv = arrays_.create();
  const int64_t env = arrays_.create();
  (void)argv;
  (void)env;
  Hash& argv_array = array_of(kArgvHandle);
  for (size_t i = 0; i < options_.argv.size(); ++i)
    argv_array.set(std::to_string(i), Value::input_string(options_.argv[i]));
  named_arrays_.emplace_back("ARGV", kArgvHandle);
  argc_ = static_cast<double>(options_.argv.size());
  Hash& env_array = array_of(kEnvironHandle);
  auto add_env = [&](std::string_view entry) {
    const size_t eq = entry.find('=');
    if (eq == std::string_view::npos) return;
    env_array.set(entry.substr(0, eq), Value::input_string(entry.substr(eq + 1)));
  };
  if (options_.use_process_environ) {
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) add_env(*e);
  }
  for (const std::string& e : options_.environ) add_env(e);
  named_arrays_.emplace_back("ENVIRON", kEnvironHandle);
}

AwkRuntime::~AwkRuntime() = default;

bool AwkRuntime::add_static_regex(std::string_view ere, size_t& index, std::string& error) {
  std::unique_ptr<Regex> re = Regex::compile(ere, error);
  if (!re) return false;
  index = static_regexes_.size();
  static_regexes_.push_back(std::move(re));
  return true;
}

int64_t AwkRuntime::add_global_array(std::string_view name) {
  const int64_t h = arrays_.create();
  named_arrays_.emplace_back(std::string(name), h);
  return h;
}

void AwkRuntime::set_assignment_handler(std::function<void(std::string_view, Value)> handler) {
  assign_ = std::move(handler);
}

void AwkRuntime::set_variable_reader(std::function<Value(std::string_view)> reader) {
  read_variable_ = std::move(reader);
}

bool AwkRuntime::finish(std::string& error) { return io_.close_all(error); }

const Regex& AwkRuntime::static_regex(uint64_t index) const {
  if (index >= static_regexes_.size()) throw AwkError("internal error: no regex literal " + std::to_string(index));
  return *static_regexes_[index];
}

const Regex& AwkRuntime::dynamic_regex(const Value& re) {
  std::string error;
  const Regex* r;
  if (re.is_str()) {
    r = dynamic_regexes_.get(re.as_str(), error);
  } else {
    std::string text = to_string(re);
    r = dynamic_regexes_.get(text, error);
  }
  if (r == nullptr) throw AwkError("invalid regular expression /" + to_string(re) + "/: " + error);
  return *r;
}

Hash& AwkRuntime::array_of(int64_t handle) {
  Hash* h = arrays_.get(handle);
  if (h == nullptr) throw AwkError("internal error: bad array handle " + std::to_string(handle));
  return *h;
}

Hash* AwkRuntime::named_array(std::string_view name) {
  // The vocabulary's ops pass the chunk's name, whose bytes stay put: compare the pointer first.
  if (name.data() == last_array_name_.data() && name.size() == last_array_name_.size())
    return arrays_.get(last_array_handle_);
  for (const auto& [n, h] : named_arrays_) {
    if (n == name) {
      last_array_name_ = name;
      last_array_handle_ = h;
      return arrays_.get(h);
    }
  }
  const int64_t h = add_global_array(name);
  last_array_name_ = name;
  last_array_handle_ = h;
  return arrays_.get(h);
}

// ── Records and fields ──

void AwkRuntime::configure_splitter() {
  if (!splitter_dirty_) return;
  std::string error;
  if (!splitter_.configure(fs_, rs_.empty(), false, error)) throw AwkError("invalid FS /" + fs_ + "/: " + error);
  splitter_dirty_ = false;
}

void AwkRuntime::set_record_text(std::string_view text) {
  configure_splitter();
  record_.assign(text);
  split_done_ = false;
  fields_owned_ = false;
  record_stale_ = false;
  record_value_ = Value();
  field_values_.clear();
}

void AwkRuntime::ensure_split() {
  if (split_done_) return;
  splitter_.split(record_, field_views_);
  field_values_.assign(field_views_.size(), Value());
  split_done_ = true;
}

void AwkRuntime::own_fields() {
  ensure_split();
  if (fields_owned_) return;
  owned_fields_.assign(field_views_.begin(), field_views_.end());
  fields_owned_ = true;
}

void AwkRuntime::mark_fields_changed() {
  // POSIX rebuilds $0 at the assignment, with the OFS of that moment; it is done lazily here,
  // with the OFS remembered.
  record_stale_ = true;
  rebuild_ofs_ = ofs_;
  record_value_ = Value();
}

void AwkRuntime::rebuild_record() {
  if (!record_stale_) return;
  std::string text;
  for (size_t i = 0; i < owned_fields_.size(); ++i) {
    if (i > 0) text += rebuild_ofs_;
    text += owned_fields_[i];
  }
  record_ = std::move(text);
  record_stale_ = false;
  record_value_ = Value();
}

std::string_view AwkRuntime::field_text(int64_t index) {
  if (index == 0) {
    rebuild_record();
    return record_;
  }
  ensure_split();
  const size_t i = static_cast<size_t>(index - 1);
  if (fields_owned_) return i < owned_fields_.size() ? std::string_view(owned_fields_[i]) : std::string_view();
  return i < field_views_.size() ? field_views_[i] : std::string_view();
}

Value AwkRuntime::field_get(int64_t index) {
  if (index < 0) throw AwkError("attempt to access field " + std::to_string(index));
  if (index == 0) {
    rebuild_record();
    if (record_value_.is_undef()) record_value_ = Value::input_string(record_);
    return record_value_;
  }
  ensure_split();
  const size_t i = static_cast<size_t>(index - 1);
  // A field beyond NF is an empty string that does not look numeric, so `$9 == 0` is false
  // (gawk, mawk and one-true-awk agree).
  if (i >= field_values_.size()) return Value::input_string("");
  Value& v = field_values_[i];
  if (v.is_undef()) v = Value::input_string(fields_owned_ ? std::string_view(owned_fields_[i]) : field_views_[i]);
  return v;
}

void AwkRuntime::field_set(int64_t index, Value value) {
  if (index < 0) throw AwkError("attempt to access field " + std::to_string(index));
  if (index == 0) {
    set_record(std::move(value));
    return;
  }
  if (index > kMaxFields) throw AwkError("field index " + std::to_string(index) + " is too large");
  own_fields();
  const size_t i = static_cast<size_t>(index - 1);
  if (i >= owned_fields_.size()) {
    owned_fields_.resize(i + 1);
    field_values_.resize(i + 1);
  }
  store_key(owned_fields_[i], value);
  // A field keeps the type of what was assigned ($3 = 5 is the number 5, $3 = "10" a string).
  field_values_[i] = value.is_undef() ? Value::string("") : std::move(value);
  mark_fields_changed();
}

int64_t AwkRuntime::nf() {
  ensure_split();
  return static_cast<int64_t>(fields_owned_ ? owned_fields_.size() : field_views_.size());
}

void AwkRuntime::set_nf(int64_t n) {
  if (n < 0) throw AwkError("NF set to negative value " + std::to_string(n));
  if (n > kMaxFields) throw AwkError("NF set to " + std::to_string(n) + ", which is too large");
  own_fields();
  owned_fields_.resize(static_cast<size_t>(n));
  field_values_.resize(static_cast<size_t>(n));
  mark_fields_changed();
}

void AwkRuntime::set_record(Value record) {
  if (record.is_str()) {
    const std::string_view text = record.as_str();
    if (text.data() >= record_.data() && text.data() < record_.data() + record_.size()) {
      const std::string copy(text);
      set_record_text(copy);
    } else {
      set_record_text(text);
    }
  } else {
    set_record_text(to_string(record));
  }
}

// ── Special variables ──

Value AwkRuntime::special_get(std::string_view name) {
  switch (name.size()) {
    case 2:
      if (name == "NR") return Value::floating(nr_);
      if (name == "NF") return Value::floating(static_cast<double>(nf()));
      if (name == "FS") return Value::string(fs_);
      if (name == "RS") return Value::string(rs_);
      break;
    case 3:
      if (name == "FNR") return Value::floating(fnr_);
      if (name == "OFS") return Value::string(ofs_);
      if (name == "ORS") return Value::string(ors_);
      break;
    case 4:
      if (name == "ARGC") return argc_value_.is_undef() ? Value::floating(argc_) : argc_value_;
      if (name == "OFMT") return Value::string(ofmt_);
      break;
    case 6:
      if (name == "SUBSEP") return Value::string(subsep_);
      if (name == "RSTART") return Value::floating(rstart_);
      break;
    case 7:
      if (name == "CONVFMT") return Value::string(convfmt_);
      if (name == "RLENGTH") return Value::floating(rlength_);
      break;
    case 8:
      if (name == "FILENAME") return filename_;
      break;
    default:
      break;
  }
  return Value();
}

void AwkRuntime::special_set(std::string_view name, Value value) {
  switch (name.size()) {
    case 2:
      if (name == "NR") { nr_ = to_number(value); return; }
      if (name == "NF") { set_nf(Value::floating(to_number(value)).to_int()); return; }
      if (name == "FS") { store_key(fs_, value); splitter_dirty_ = true; return; }
      if (name == "RS") {
        store_key(rs_, value);
        std::string error;
        if (!record_separator_.configure(rs_, error)) throw AwkError("invalid RS /" + rs_ + "/: " + error);
        splitter_dirty_ = true;
        return;
      }
      break;
    case 3:
      if (name == "FNR") { fnr_ = to_number(value); return; }
      if (name == "OFS") { store_key(ofs_, value); return; }
      if (name == "ORS") { store_key(ors_, value); return; }
      break;
    case 4:
      if (name == "ARGC") { argc_ = to_number(value); argc_value_ = std::move(value); return; }
      if (name == "OFMT") { store_key(ofmt_, value); return; }
      break;
    case 6:
      if (name == "SUBSEP") { store_key(subsep_, value); return; }
      if (name == "RSTART") { rstart_ = to_number(value); return; }
      break;
    case 7:
      if (name == "CONVFMT") { store_key(convfmt_, value); return; }
      if (name == "RLENGTH") { rlength_ = to_number(value); return; }
      break;
    case 8:
      if (name == "FILENAME") { filename_ = std::move(value); return; }
      break;
    default:
      break;
  }
}

// ── The main input ──

bool AwkRuntime::open_next_main_input(std::string& error) {
  Hash& argv = array_of(kArgvHandle);
  while (static_cast<double>(next_operand_) < argc_) {
    const size_t i = next_operand_++;
    const Value* operand = argv.find(std::to_string(i));
    if (operand == nullptr) continue;
    const std::string text = to_string(*operand);
    if (text.empty()) continue;
    std::string_view name, value;
    if (split_assignment(text, name, value)) {
      if (assign_) assign_(name, Value::input_string(process_escapes(value)));
      continue;
    }
    used_stdin_ = true;  // an operand was given: standard input is not read by default
    if (text == "-" || text == "/dev/stdin") {
      main_input_ = std::make_unique<RecordReader>(options_.stdin_source ? options_.stdin_source()
                                                                          : std::make_unique<FdSource>(0, false));
    } else {
      const bool given = std::find(options_.argv.begin() + (options_.argv.empty() ? 0 : 1), options_.argv.end(),
                                   text) != options_.argv.end();
      const int fd = options_.sandbox && !given ? (errno = EACCES, -1) : ::open(text.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        // POSIX leaves this open; gawk and mawk report it and go on with the next operand.
        std::string message = "fusevm awk: cannot open \"" + text + "\" (" + std::strerror(errno) + ")\n";
        io_.flush_stdout();
        (void)!::write(2, message.data(), message.size());
        nonfatal_input_error_ = true;
        continue;
      }
      main_input_ = std::make_unique<RecordReader>(std::make_unique<FdSource>(fd, true));
    }
    filename_ = Value::input_string(text);
    fnr_ = 0;
    return true;
  }
  if (!used_stdin_) {
    used_stdin_ = true;
    main_input_ = std::make_unique<RecordReader>(options_.stdin_source ? options_.stdin_source()
                                                                        : std::make_unique<FdSource>(0, false));
    filename_ = Value::input_string("-");  // as gawk and mawk name standard input
    fnr_ = 0;
    return true;
  }
  (void)error;
  return false;
}

int AwkRuntime::next_input_record(GetlineFrom from, std::string_view operand, std::string_view& record) {
  // The splitter is not reconfigured here: a getline that does not replace $0 (into a variable,
  // or at the end of input) must leave the current record split with the FS it was read with.
  std::string error;
  if (from != GetlineFrom::Main) {
    RecordReader* reader = io_.reader(operand, from == GetlineFrom::Command, error);
    if (reader == nullptr) return -1;
    switch (reader->next(record_separator_, record, error)) {
      case RecordReader::Status::Record: return 1;
      case RecordReader::Status::End: return 0;
      case RecordReader::Status::Error: return -1;
    }
    return -1;
  }
  while (!main_done_) {
    if (!main_input_ && !open_next_main_input(error)) {
      main_done_ = true;
      break;
    }
    const RecordReader::Status status = main_input_->next(record_separator_, record, error);
    if (status == RecordReader::Status::Record) return 1;
    main_input_.reset();
    if (status == RecordReader::Status::Error) {
      input_error_ = "read error on \"" + to_string(filename_) + "\": " + error;
      return -1;
    }
  }
  return 0;
}

bool AwkRuntime::read_main_record(std::string& error) {
  std::string_view record;
  const int status = next_input_record(GetlineFrom::Main, {}, record);
  if (status <= 0) {
    if (status < 0) error = input_error_;
    return false;
  }
  set_record_text(record);
  nr_ += 1;
  fnr_ += 1;
  return true;
}

void AwkRuntime::skip_main_file() { main_input_.reset(); }

// ── Output ──

std::string AwkRuntime::format(std::string_view format_text, std::span<const Value> args) {
  std::string out, error;
  if (!format_printf(format_text, ValueFormatArgs(*this, args), out, error)) throw AwkError(error);
  return out;
}

void AwkRuntime::print(std::span<const Value> args) {
  std::string& line = scratch_;
  line.clear();
  if (args.empty()) {
    line.append(field_text(0));
  } else {
    for (size_t i = 0; i < args.size(); ++i) {
      if (i > 0) line += ofs_;
      append_output_string(line, args[i]);
    }
  }
  line += ors_;
  io_.write_stdout(line);
}

void AwkRuntime::printf(std::string_view format_text, std::span<const Value> args) {
  scratch_.clear();
  std::string error;
  if (!format_printf(format_text, ValueFormatArgs(*this, args), scratch_, error)) throw AwkError(error);
  io_.write_stdout(scratch_);
}

Value AwkRuntime::sprintf(std::string_view format_text, std::span<const Value> args) {
  return Value::string(format(format_text, args));
}

void AwkRuntime::write_output(std::string_view dest, OutputMode mode, std::string_view text) {
  std::string error;
  if (!io_.write_to(dest, mode, text, error)) throw AwkError(error);
}

// ── Arrays by name (the vocabulary's AwkArray* ops) ──

Value AwkRuntime::array_get(std::string_view name, const Value& key) {
  Hash* h = named_array(name);
  std::string k = key_of(key);
  return h->get_or_insert(k);
}

void AwkRuntime::array_set(std::string_view name, const Value& key, Value value) {
  named_array(name)->set(key_of(key), std::move(value));
}

bool AwkRuntime::array_exists(std::string_view name, const Value& key) {
  return named_array(name)->contains(key_of(key));
}

void AwkRuntime::array_delete(std::string_view name, const Value& key) { named_array(name)->erase(key_of(key)); }

void AwkRuntime::array_clear(std::string_view name) { named_array(name)->clear(); }

int64_t AwkRuntime::array_len(std::string_view name) { return static_cast<int64_t>(named_array(name)->size()); }

AwkRuntime* install_awk_runtime(VM& vm, std::unique_ptr<AwkRuntime> runtime) {
  AwkRuntime* rt = runtime.get();
  vm.set_awk_host(std::move(runtime));
  vm.set_extension_wide_handler([rt](VM& v, uint16_t id, uint64_t payload) { rt->run_extension(v, id, payload); });
  return rt;
}

}  // namespace fusevm::awkfront
