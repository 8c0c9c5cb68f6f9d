#include "fields.h"

#include <cstring>

namespace fusevm::awkfront {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n'; }

}  // namespace

FieldSplitter::FieldSplitter() = default;
FieldSplitter::~FieldSplitter() = default;
FieldSplitter::FieldSplitter(FieldSplitter&&) noexcept = default;
FieldSplitter& FieldSplitter::operator=(FieldSplitter&&) noexcept = default;

bool FieldSplitter::configure(std::string_view fs, bool paragraph_mode, bool is_regex, std::string& error) {
  if (!is_regex && fs == " ") {
    mode_ = Mode::Blanks;
  } else if (!is_regex && fs.empty()) {
    mode_ = Mode::EachByte;
  } else if (!is_regex && fs.size() == 1 && !(paragraph_mode && fs[0] != '\n')) {
    mode_ = Mode::Char;
    separator_ = fs[0];
  } else {
    // In paragraph mode a newline also separates: (fs)|\n, with a single character quoted.
    std::string ere;
    if (!is_regex && fs.size() == 1) {
      ere = std::string("[") + (fs[0] == '\\' ? "\\\\" : fs[0] == '^' ? "\\^" : std::string(1, fs[0])) + "]";
    } else {
      ere.assign(fs);
    }
    if (paragraph_mode) ere = "(" + ere + ")|\n";
    auto re = Regex::compile(ere, error);
    if (!re) return false;
    regex_ = std::move(re);
    mode_ = Mode::Regex;
  }
  paragraph_mode_ = paragraph_mode;
  return true;
}

void FieldSplitter::split(std::string_view record, std::vector<std::string_view>& fields) const {
  fields.clear();
  if (record.empty()) return;
  const char* p = record.data();
  const char* const end = p + record.size();
  switch (mode_) {
    case Mode::Blanks:
      while (true) {
        while (p < end && is_blank(*p)) ++p;
        if (p == end) return;
        const char* start = p;
        while (p < end && !is_blank(*p)) ++p;
        fields.emplace_back(start, static_cast<size_t>(p - start));
      }
    case Mode::Char:
      while (true) {
        const void* hit = std::memchr(p, separator_, static_cast<size_t>(end - p));
        if (hit == nullptr) {
          fields.emplace_back(p, static_cast<size_t>(end - p));
          return;
        }
        const char* sep = static_cast<const char*>(hit);
        fields.emplace_back(p, static_cast<size_t>(sep - p));
        p = sep + 1;
      }
    case Mode::EachByte:
      for (; p < end; ++p) fields.emplace_back(p, 1);
      return;
    case Mode::Regex: {
      size_t field_start = 0;
      size_t search = 0;
      size_t begin = 0, stop = 0;
      while (search <= record.size() && regex_->find(record, search, begin, stop)) {
        if (stop == begin) {  // an empty match separates nothing; look one byte further
          search = begin + 1;
          continue;
        }
        fields.push_back(record.substr(field_start, begin - field_start));
        field_start = search = stop;
      }
      fields.push_back(record.substr(field_start));
      return;
    }
  }
}

}  // namespace fusevm::awkfront
