// AwkRuntime: the state of a running awk program — the current record and its fields, the
// special variables, the arrays, the main input, the program's files and commands — as an
// AwkHost for the VM's awk vocabulary plus the frontend's own ops (ext_ops.def).
//
// Values: numbers are Float (Bool and Int are read as numbers too), strings Str, uninitialised
// values Undef, and text read from input (fields, getline, split() elements, for-in keys, ARGV,
// ENVIRON, -v and command-line assignments) is a Str marked with Value::input_string, which awk
// compares as a number when it looks like one (POSIX "numeric string").
// Text is bytes, as awk in the C locale: length, substr, index and match count bytes.
//
// Errors inside an op (a bad regex, a printf with too few arguments, a file that cannot be
// written) end the run through VM::fail from the frontend's ops, or by throwing AwkError from a
// host method, which the VM turns into an error naming the op and its place.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "awk/runtime/arrays.h"
#include "awk/runtime/fields.h"
#include "awk/runtime/io.h"
#include "awk/runtime/records.h"
#include "awk/runtime/regex.h"
#include "fusevm/awk_host.h"
#include "fusevm/vm.h"

namespace fusevm::awkfront {

/// The first ExtendedWide id of the frontend's ops; op k of ext_ops.def is kAwkExtBase + k.
inline constexpr uint16_t kAwkExtBase = 41000;

enum class AwkExt : uint16_t {
#define AWK_EXT(name, pops, pushes, doc) name,
#include "awk/runtime/ext_ops.def"
#undef AWK_EXT
  Count
};

inline constexpr uint16_t awk_ext_id(AwkExt e) {
  return static_cast<uint16_t>(kAwkExtBase + static_cast<uint16_t>(e));
}
/// The name of an ext op ("ToNumber"), for messages and the disassembly of awk chunks.
std::string_view awk_ext_name(AwkExt e) noexcept;
/// Values the op pops and pushes for this payload.
struct ExtStackEffect {
  uint32_t pops = 0;
  uint32_t pushes = 0;
};
ExtStackEffect ext_stack_effect(AwkExt e, uint64_t payload) noexcept;

// ── Payload vocabulary of the ext ops ──
enum class CompareOp : uint8_t { Less, LessEqual, Equal, NotEqual, Greater, GreaterEqual };
enum class ArithOp : uint8_t { Add, Sub, Mul, Div, Mod, Pow };
inline constexpr uint64_t kArithPost = 1u << 8;   ///< ArrayArith: push the old value (x++)
/// ArrayGet, ArraySet, ArrayArith, ArrayIn, ArrayDelete: the key operand is a field number and
/// the key is that field's text (a[$1]: no string value is made for the field).
inline constexpr uint64_t kKeyIsField = 1u << 9;
enum class GetlineFrom : uint8_t { Main, File, Command };
inline constexpr uint64_t kGetlineVar = 1u << 8;  ///< Getline: into a variable, not $0
inline constexpr uint64_t kSubGlobal = 1u << 0;   ///< SubGsub: gsub
inline constexpr uint64_t kSubStatic = 1u << 1;   ///< SubGsub: the regex is a literal (index << 16)
inline constexpr uint64_t kSplitStatic = 1u << 8; ///< Split: fs is a regex literal (index << 16)
enum class AwkSignalKind : uint8_t { None, Next, NextFile, Exit };

/// The handles of the arrays the runtime owns (user arrays are created after them).
inline constexpr int64_t kArgvHandle = 0;
inline constexpr int64_t kEnvironHandle = 1;

/// An error of the awk program at run time (the VM reports it with the op's location).
class AwkError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct AwkRuntimeOptions {
  std::vector<std::string> argv;   ///< ARGV[0..]: the program name, then the operands
  std::vector<std::string> environ;  ///< "NAME=value" entries for ENVIRON (default: the process's)
  bool use_process_environ = true;
  /// Standard output (default: file descriptor 1); buffered, flushed at exit and before commands.
  OutputSink output;
  /// Standard input for the main input and getline < "-" (default: file descriptor 0).
  std::function<std::unique_ptr<ByteSource>()> stdin_source;
  /// For untrusted programs: no commands (pipes, system()), no files but the operands given
  /// here in argv (ARGV changed by the program cannot open others), output only to standard
  /// output and standard error.
  bool sandbox = false;
  /// Write standard output at every print (for a terminal) instead of in large blocks.
  bool unbuffered = false;
};

class AwkRuntime final : public AwkHost {
 public:
  explicit AwkRuntime(AwkRuntimeOptions options);
  ~AwkRuntime() override;

  /// Registers a regex literal of the program; MatchStatic, SubGsub and Split refer to it by
  /// the returned index. False with `error` when the ERE is malformed.
  bool add_static_regex(std::string_view ere, size_t& index, std::string& error);
  /// Creates the array of a global variable and returns its handle. Named arrays are also what
  /// the vocabulary's AwkArray* ops and split() by name address.
  int64_t add_global_array(std::string_view name);
  /// Command-line assignments (`var=value` operands) are stored through this when the main input
  /// reaches them (and `getline var` of the vocabulary); the frontend maps the name to its
  /// variable and ignores names it does not know.
  void set_assignment_handler(std::function<void(std::string_view name, Value value)> handler);
  /// How the vocabulary's sub/gsub read a variable given by name (its value lives in the VM).
  void set_variable_reader(std::function<Value(std::string_view name)> reader);

  /// Runs one of the frontend's ops (the VM's wide extension handler for ids from kAwkExtBase).
  void run_extension(VM& vm, uint16_t id, uint64_t payload);

  /// The exit status set by `exit e` (0 if none).
  int exit_code() const noexcept { return exit_code_; }
  /// Whether an input operand could not be opened (awk then exits with status 2 at the end).
  bool had_input_error() const noexcept { return nonfatal_input_error_; }
  /// Flushes and closes every stream; false with `error` if output could not be written.
  bool finish(std::string& error);
  IoTable& io() noexcept { return io_; }

  // ── AwkHost ──
  Value field_get(int64_t index) override;
  void field_set(int64_t index, Value value) override;
  int64_t nf() override;
  void set_record(Value record) override;
  Value special_get(std::string_view name) override;
  void special_set(std::string_view name, Value value) override;
  void print(std::span<const Value> args) override;
  void printf(std::string_view format, std::span<const Value> args) override;
  Value sprintf(std::string_view format, std::span<const Value> args) override;
  int64_t getline(uint8_t source, std::optional<std::string_view> operand,
                  std::optional<std::string_view> var_name) override;
  int64_t length(const Value* s) override;
  Value substr(const Value& s, int64_t m, std::optional<int64_t> n) override;
  int64_t index(const Value& s, const Value& t) override;
  int64_t split(const Value& s, std::string_view array_name, const Value* fs) override;
  int64_t sub(const Value& re, const Value& repl, const AwkLvalue& target) override;
  int64_t gsub(const Value& re, const Value& repl, const AwkLvalue& target) override;
  int64_t match_re(const Value& s, const Value& re) override;
  Value gensub(const Value& re, const Value& repl, const Value& how, const Value* target) override;
  Value tolower(const Value& s) override;
  Value toupper(const Value& s) override;
  Value int_(const Value& x) override;
  Value sqrt(const Value& x) override;
  Value sin(const Value& x) override;
  Value cos(const Value& x) override;
  Value exp(const Value& x) override;
  Value log(const Value& x) override;
  Value atan2(const Value& y, const Value& x) override;
  Value strtonum(const Value& s) override;
  Value array_get(std::string_view name, const Value& key) override;
  void array_set(std::string_view name, const Value& key, Value value) override;
  bool array_exists(std::string_view name, const Value& key) override;
  void array_delete(std::string_view name, const Value& key) override;
  void array_clear(std::string_view name) override;
  int64_t array_len(std::string_view name) override;

  // ── awk's value rules ──
  double to_number(const Value& v) const;
  /// The string value: numbers through CONVFMT (integral values exactly).
  std::string to_string(const Value& v) const;
  void append_string(std::string& out, const Value& v) const;
  /// For print: numbers through OFMT.
  void append_output_string(std::string& out, const Value& v) const;
  bool truth(const Value& v) const;
  /// Whether awk compares `v` as a number: numbers, uninitialised values and numeric strings.
  bool compares_as_number(const Value& v) const;
  /// awk's comparison: numeric when both sides compare as numbers, otherwise their string
  /// values bytewise. Returns <0, 0 or >0 (NaN compares unequal to everything).
  int compare(const Value& a, const Value& b) const;

 private:
  /// The most fields an assignment may create ($16777217 = 1 is an error, not 16 M fields).
  static constexpr int64_t kMaxFields = int64_t{1} << 24;

  // Records and fields.
  void set_record_text(std::string_view text);
  void ensure_split();
  /// Makes the fields editable copies (before a field or NF assignment).
  void own_fields();
  void mark_fields_changed();
  void rebuild_record();
  void set_nf(int64_t n);
  std::string_view field_text(int64_t index);
  bool read_main_record(std::string& error);
  bool open_next_main_input(std::string& error);
  void skip_main_file();
  /// The next record from the main input, a file or a command: 1 (`record` is valid until the
  /// next read), 0 at the end, -1 on an error (`error_` says which).
  int next_input_record(GetlineFrom from, std::string_view operand, std::string_view& record);
  void configure_splitter();
  const Regex& static_regex(uint64_t index) const;
  const Regex& dynamic_regex(const Value& re);

  Hash& array_of(int64_t handle);
  Hash* named_array(std::string_view name);
  std::string key_of(const Value& v) const;
  /// The text of an array key operand (see kKeyIsField); may point into `scratch`.
  std::string_view key_text(const Value& key, uint64_t payload, std::string& scratch);
  /// The Str "n" for small n, shared (split()'s keys).
  const Value& index_key(size_t n);
  void store_key(std::string& out, const Value& v) const;
  int64_t split_into(std::string_view text, Hash& array, const Value* fs, const Regex* fs_regex);
  int64_t substitute_lvalue(const Value& re, const Value& repl, const AwkLvalue& target, bool global);
  std::string format(std::string_view format, std::span<const Value> args);
  void write_output(std::string_view dest, OutputMode mode, std::string_view text);

  // The ext ops (extensions.cpp).
  void ext_getline(VM& vm, uint64_t payload);
  void ext_sub_gsub(VM& vm, uint64_t payload);
  void ext_split(VM& vm, uint64_t payload);
  void ext_print_to(VM& vm, uint64_t payload, bool formatted);
  void ext_array_arith(VM& vm, uint64_t payload);

  AwkRuntimeOptions options_;
  IoTable io_;

  // The record: $0's text; its fields, split lazily; after a field or NF assignment the fields
  // are authoritative and $0 is rebuilt on demand.
  std::string record_;
  std::vector<std::string_view> field_views_;  // into record_ while !fields_owned_
  std::vector<std::string> owned_fields_;      // the fields once one was assigned
  std::vector<Value> field_values_;            // $1..$NF as values, made on first use
  bool split_done_ = false;
  bool fields_owned_ = false;
  bool record_stale_ = false;  // fields changed: record_ must be rebuilt before use
  std::string rebuild_ofs_;    // OFS when a field or NF was last assigned: $0 is joined with it
  Value record_value_;         // $0 as a value, made on first use

  // Special variables.
  std::string fs_ = " ", ofs_ = " ", ors_ = "\n", rs_ = "\n", subsep_ = "\034";
  std::string convfmt_ = "%.6g", ofmt_ = "%.6g";
  Value filename_;
  double nr_ = 0, fnr_ = 0, rstart_ = 0, rlength_ = 0, argc_ = 0;
  Value argc_value_;  // ARGC as assigned (Undef: the number argc_)
  FieldSplitter splitter_;
  bool splitter_dirty_ = true;  // FS or RS changed: the next record uses the new setting
  RecordSeparator record_separator_;

  // The main input: ARGV's operands in turn, or standard input if there are none.
  size_t next_operand_ = 1;
  bool used_stdin_ = false;
  bool main_done_ = false;
  bool nonfatal_input_error_ = false;  // an operand could not be opened (exit status 2)
  std::unique_ptr<RecordReader> main_input_;
  std::function<void(std::string_view, Value)> assign_;
  std::function<Value(std::string_view)> read_variable_;

  ArrayTable arrays_;
  std::vector<std::pair<std::string, int64_t>> named_arrays_;
  std::string_view last_array_name_;
  int64_t last_array_handle_ = -1;

  FieldSplitter split_splitter_;  // split()'s separator, kept while the same one is used
  std::string split_fs_;
  bool split_splitter_ready_ = false;

  std::vector<std::unique_ptr<Regex>> static_regexes_;
  RegexCache dynamic_regexes_;

  AwkSignalKind pending_signal_ = AwkSignalKind::None;
  int exit_code_ = 0;
  std::string scratch_;
  std::string input_error_;
  std::vector<Value> operands_;
  std::vector<Value> index_keys_;
  Value scratch_key_;
};

/// Makes `runtime` the VM's awk host and its wide extension handler (for the frontend's ops).
/// The VM owns the runtime; the returned pointer stays valid as long as the VM does.
AwkRuntime* install_awk_runtime(VM& vm, std::unique_ptr<AwkRuntime> runtime);

}  // namespace fusevm::awkfront
