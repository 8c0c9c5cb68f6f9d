// Reading records by RS (POSIX awk "Variables", and gawk for a multi-character RS):
//  * "\n" (the default): lines; a last line without a newline is still a record;
//  * any other single character: records end at each occurrence (so "a,,b" holds an empty one);
//    a separator at the very end does not start another record;
//  * "" (paragraph mode): records are separated by one or more empty lines; newlines at the
//    start and end of the input make no records;
//  * anything longer: an ERE, each non-empty match of which ends a record (gawk, mawk and
//    one-true-awk's second edition). Since a longer match may need input not yet read, a match
//    counts once 4 KiB of input follow it or the input ends: reading a pipe interactively with
//    such an RS delivers records late (as in gawk), never wrongly.
// Input comes from a ByteSource in chunks, so files, pipes and terminals are read the same way
// and a record may span any number of reads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "regex.h"

namespace fusevm::awkfront {

/// Where input bytes come from.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  /// Reads up to `size` bytes into `buffer`: the count, 0 at end of input, -1 on an error
  /// (with `error` set).
  virtual ptrdiff_t read(char* buffer, size_t size, std::string& error) = 0;
};

/// A file descriptor; closed on destruction when owned.
class FdSource final : public ByteSource {
 public:
  FdSource(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~FdSource() override;
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;
  ptrdiff_t read(char* buffer, size_t size, std::string& error) override;

 private:
  int fd_;
  bool owned_;
};

/// In-memory text, handed out at most `chunk` bytes per read (tests use small chunks to put
/// record boundaries across reads).
class StringSource final : public ByteSource {
 public:
  explicit StringSource(std::string text, size_t chunk = 1 << 16) : text_(std::move(text)), chunk_(chunk) {}
  ptrdiff_t read(char* buffer, size_t size, std::string& error) override;

 private:
  std::string text_;
  size_t chunk_;
  size_t at_ = 0;
};

/// The record separator, parsed once per change of RS.
class RecordSeparator {
 public:
  enum class Mode : uint8_t { Newline, Char, Paragraph, Regex };
  /// Returns false with `error` set when a multi-character RS is not a valid ERE.
  bool configure(std::string_view rs, std::string& error);
  Mode mode() const { return mode_; }
  char separator() const { return separator_; }
  const Regex* regex() const { return regex_.get(); }

 private:
  Mode mode_ = Mode::Newline;
  char separator_ = '\n';
  std::shared_ptr<Regex> regex_;
};

class RecordReader {
 public:
  /// Records longer than this are an error rather than an unbounded allocation.
  static constexpr size_t kDefaultMaxRecord = size_t{1} << 30;

  explicit RecordReader(std::unique_ptr<ByteSource> source, size_t max_record = kDefaultMaxRecord);

  enum class Status : uint8_t { Record, End, Error };
  /// The next record, as a view valid until the next call. On Error, `error` says why.
  Status next(const RecordSeparator& rs, std::string_view& record, std::string& error);

 private:
  // Reads more input into the buffer; false at end of input or on an error.
  bool fill(std::string& error);
  std::string_view window() const { return std::string_view(buffer_).substr(start_); }
  Status take(size_t length, size_t separator_length, std::string_view& record);

  std::unique_ptr<ByteSource> source_;
  size_t max_record_;
  std::string buffer_;
  size_t start_ = 0;  // the unread part of buffer_ begins here
  bool eof_ = false;
  bool failed_ = false;
};

}  // namespace fusevm::awkfront
