#include "records.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace fusevm::awkfront {
namespace {

constexpr size_t kReadChunk = size_t{1} << 16;
constexpr size_t kRegexLookahead = 4096;

}  // namespace

FdSource::~FdSource() {
  if (owned_) ::close(fd_);
}

ptrdiff_t FdSource::read(char* buffer, size_t size, std::string& error) {
  while (true) {
    const ssize_t n = ::read(fd_, buffer, size);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    error = std::strerror(errno);
    return -1;
  }
}

ptrdiff_t StringSource::read(char* buffer, size_t size, std::string&) {
  const size_t n = std::min({size, chunk_, text_.size() - at_});
  std::memcpy(buffer, text_.data() + at_, n);
  at_ += n;
  return static_cast<ptrdiff_t>(n);
}

bool RecordSeparator::configure(std::string_view rs, std::string& error) {
  if (rs.empty()) {
    mode_ = Mode::Paragraph;
  } else if (rs.size() == 1) {
    mode_ = rs[0] == '\n' ? Mode::Newline : Mode::Char;
    separator_ = rs[0];
  } else {
    std::unique_ptr<Regex> re = Regex::compile(rs, error);
    if (!re) return false;
    regex_ = std::move(re);
    mode_ = Mode::Regex;
  }
  return true;
}

RecordReader::RecordReader(std::unique_ptr<ByteSource> source, size_t max_record)
    : source_(std::move(source)), max_record_(max_record) {}

bool RecordReader::fill(std::string& error) {
  if (eof_ || failed_) return false;
  if (start_ > 0) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  if (buffer_.size() >= max_record_) {
    error = "record longer than " + std::to_string(max_record_) + " bytes";
    failed_ = true;
    return false;
  }
  const size_t old = buffer_.size();
  buffer_.resize(old + kReadChunk);
  const ptrdiff_t n = source_->read(buffer_.data() + old, kReadChunk, error);
  buffer_.resize(old + static_cast<size_t>(n > 0 ? n : 0));
  if (n < 0) failed_ = true;
  if (n == 0) eof_ = true;
  return n > 0;
}

RecordReader::Status RecordReader::take(size_t length, size_t separator_length, std::string_view& record) {
  record = std::string_view(buffer_).substr(start_, length);
  start_ += length + separator_length;
  return Status::Record;
}

RecordReader::Status RecordReader::next(const RecordSeparator& rs, std::string_view& record, std::string& error) {
  if (failed_) {
    if (error.empty()) error = "input error";
    return Status::Error;
  }
  size_t scanned = 0;  // bytes of the window known to hold no separator
  switch (rs.mode()) {
    case RecordSeparator::Mode::Newline:
    case RecordSeparator::Mode::Char:
      while (true) {
        const std::string_view w = window();
        if (const void* hit = std::memchr(w.data() + scanned, rs.separator(), w.size() - scanned)) {
          return take(static_cast<size_t>(static_cast<const char*>(hit) - w.data()), 1, record);
        }
        scanned = w.size();
        if (!fill(error)) {
          if (failed_) return Status::Error;
          if (window().empty()) return Status::End;
          return take(window().size(), 0, record);
        }
      }
    case RecordSeparator::Mode::Paragraph: {
      while (true) {  // newlines before a record belong to no record
        const std::string_view w = window();
        size_t n = 0;
        while (n < w.size() && w[n] == '\n') ++n;
        start_ += n;
        if (n < w.size()) break;
        if (!fill(error)) return failed_ ? Status::Error : Status::End;
      }
      while (true) {
        const std::string_view w = window();
        const size_t blank = w.find("\n\n", scanned);
        if (blank != std::string_view::npos) {
          size_t after = blank;
          while (after < w.size() && w[after] == '\n') ++after;
          return take(blank, after - blank, record);
        }
        scanned = w.empty() ? 0 : w.size() - 1;
        if (!fill(error)) {
          if (failed_) return Status::Error;
          size_t length = window().size();
          while (length > 0 && window()[length - 1] == '\n') --length;
          if (length == 0) return Status::End;
          return take(length, window().size() - length, record);
        }
      }
    }
    case RecordSeparator::Mode::Regex:
      while (true) {
        const std::string_view w = window();
        size_t search = 0, begin = 0, end = 0;
        bool found = false;
        while (rs.regex()->find(w, search, begin, end)) {
          if (end > begin) {
            found = true;
            break;
          }
          search = begin + 1;  // an empty match ends no record
        }
        // A longer match might need input not read yet (RS = "ab|abcd" with "ab" read so far):
        // a match is final once kRegexLookahead bytes follow it, or the input has ended.
        if (found && (eof_ || w.size() - end >= kRegexLookahead)) return take(begin, end - begin, record);
        if (eof_) return w.empty() ? Status::End : take(w.size(), 0, record);
        if (!fill(error) && failed_) return Status::Error;
      }
  }
  return Status::End;
}

}  // namespace fusevm::awkfront
