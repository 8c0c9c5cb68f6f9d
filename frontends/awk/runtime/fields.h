// Splitting a record into fields by FS (POSIX awk, "Regular Expressions" and "Variables"):
//  * " " (the default): fields are runs of characters other than space, tab and newline;
//    blanks at either end are ignored;
//  * any other single character: each occurrence separates (so "a,,b" has an empty $2);
//  * "": each byte is a field (unspecified by POSIX; gawk, mawk and one-true-awk agree);
//  * anything longer, or a regex literal given to split(): an ERE, each non-empty match of
//    which separates.
// In paragraph mode (RS = "") a newline separates fields whatever FS is. An empty record has no
// fields.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "regex.h"

namespace fusevm::awkfront {

class FieldSplitter {
 public:
  FieldSplitter();
  ~FieldSplitter();
  FieldSplitter(FieldSplitter&&) noexcept;
  FieldSplitter& operator=(FieldSplitter&&) noexcept;

  /// Sets the separator. `is_regex` forces the ERE reading (split(s, a, /./)). Returns false
  /// with `error` set when the ERE is malformed; the splitter keeps its previous setting then.
  bool configure(std::string_view fs, bool paragraph_mode, bool is_regex, std::string& error);
  /// Replaces `fields` with the fields of `record` (views into it).
  void split(std::string_view record, std::vector<std::string_view>& fields) const;

 private:
  enum class Mode : uint8_t { Blanks, Char, EachByte, Regex };
  Mode mode_ = Mode::Blanks;
  char separator_ = ' ';
  bool paragraph_mode_ = false;
  std::unique_ptr<Regex> regex_;
};

}  // namespace fusevm::awkfront
