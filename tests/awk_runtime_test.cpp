// The awk runtime's text machinery: ERE translation and matching, field splitting by FS, and
// record reading by RS across read boundaries. Expected values are what gawk --posix, mawk and
// one-true-awk print for the same input (they agree on every case here).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "awk/runtime/fields.h"
#include "awk/runtime/records.h"
#include "awk/runtime/regex.h"
#include "awk/runtime/substitute.h"

namespace fusevm::awkfront {
namespace {

// "begin:end" of the leftmost-longest match from `from`, or "none"; "error: ..." if invalid.
std::string find(const std::string& ere, const std::string& text, size_t from = 0) {
  std::string error;
  auto re = Regex::compile(ere, error);
  if (!re) return "error: " + error;
  size_t b = 0, e = 0;
  if (!re->find(text, from, b, e)) return "none";
  return std::to_string(b) + ":" + std::to_string(e);
}

TEST(AwkRegex, LeftmostLongestAndAnchors) {
  EXPECT_EQ(find("a|ab|abc", "xabcd"), "1:4");  // longest, not first alternative
  EXPECT_EQ(find("(a|ab)(c|bcd)", "abcd"), "0:4");
  EXPECT_EQ(find("^a", "aaa", 1), "none");       // ^ is the start of the text, not of the search
  EXPECT_EQ(find("a$", "aba"), "2:3");
  EXPECT_EQ(find("^b", "a\nb"), "none");          // no line anchors
  EXPECT_EQ(find("a.b", "a\nb"), "0:3");          // . matches a newline
  EXPECT_EQ(find("x*", "abc"), "0:0");
  EXPECT_EQ(find("", "abc"), "0:0");
}

TEST(AwkRegex, AwkEscapesAndBrackets) {
  EXPECT_EQ(find("a\\/b", "xa/b"), "1:4");
  EXPECT_EQ(find("\\.", "ab.c"), "2:3");
  EXPECT_EQ(find("\\t", "a\tb"), "1:2");
  EXPECT_EQ(find("\\101", "zA"), "1:2");           // octal
  EXPECT_EQ(find("\\b", "a\bb"), "1:2");           // backspace, not a word boundary
  EXPECT_EQ(find("[\\/]", "a/"), "1:2");
  EXPECT_EQ(find("[]a]+", "x]a]"), "1:4");         // ] first is a member
  EXPECT_EQ(find("[^]a]", "]ab"), "2:3");
  EXPECT_EQ(find("[[:digit:]]+", "ab123c"), "2:5");
  EXPECT_EQ(find("[a-c-]+", "x-ab-"), "1:5");
  EXPECT_EQ(find("[\\]]", "a]"), "1:2");
  EXPECT_EQ(find("[.].", "a.b"), "1:3");
  EXPECT_EQ(find("[[.-.]]", "a-"), "1:2");
  EXPECT_EQ(find("\\y" "ab" "\\y", "cab ab"), "4:6");  // gawk word boundary
}

TEST(AwkRegex, BracesAndStrayOperatorsAreLiteralWhereAwksSaySo) {
  EXPECT_EQ(find("a{2}", "aaa"), "0:2");
  EXPECT_EQ(find("a{2,}", "aaaa"), "0:4");
  EXPECT_EQ(find("a{,2}", "a{,2}"), "0:5");  // not an interval
  EXPECT_EQ(find("{", "x{"), "1:2");
  EXPECT_EQ(find("a}", "a}"), "0:2");
  EXPECT_EQ(find("*a", "x*a"), "1:3");       // nothing to repeat: literal
  EXPECT_EQ(find("(*a)", "*a"), "0:2");
  EXPECT_EQ(find("a**", "aaa"), "0:3");
  EXPECT_EQ(find("\\", "a\\"), "1:2");        // a trailing backslash is itself
  EXPECT_EQ(find("\xe9+", "a\xe9\xe9"), "1:3");  // bytes, not UTF-8
}

TEST(AwkRegex, MalformedPatternsAreErrors) {
  EXPECT_EQ(find("[abc", "a").rfind("error: unterminated bracket expression", 0), 0u);
  EXPECT_EQ(find("(ab", "a").rfind("error: invalid regular expression /(ab/: missing )", 0), 0u);
  EXPECT_EQ(find("[[:nosuch:]]", "a").rfind("error: invalid regular expression", 0), 0u);
  EXPECT_EQ(find("[[.ab.]]", "a").rfind("error: unsupported collating element", 0), 0u);
}

TEST(AwkRegex, HostilePatternsStayLinear) {
  // (a*)*b on a long run of a's takes exponential time in a backtracking engine.
  const std::string text(100000, 'a');
  EXPECT_EQ(find("(a*)*b", text), "none");
  EXPECT_EQ(find("(a|aa)*c", text), "none");
}

TEST(AwkRegex, GroupsForGensub) {
  std::string error;
  auto re = Regex::compile("([a-z]+)-([0-9]+)?", error);
  ASSERT_TRUE(re) << error;
  std::vector<std::string_view> groups;
  ASSERT_TRUE(re->find_groups("x abc- y", 0, groups, 9));
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0], "abc-");
  EXPECT_EQ(groups[1], "abc");
  EXPECT_EQ(groups[2].data(), nullptr);
}

TEST(AwkRegex, CacheReturnsTheSameCompiledRegex) {
  RegexCache cache;
  std::string error;
  const Regex* a = cache.get("a+", error);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(cache.get("a+", error), a);
  EXPECT_NE(cache.get("b+", error), nullptr);
  EXPECT_EQ(cache.get("(", error), nullptr);
  EXPECT_NE(error.find("missing )"), std::string::npos);
  for (int i = 0; i < 2000; ++i) ASSERT_NE(cache.get("x" + std::to_string(i), error), nullptr);
}

// Fields joined with '|', or "error: ...".
std::string fields(const std::string& fs, const std::string& record, bool paragraph = false, bool is_regex = false) {
  FieldSplitter splitter;
  std::string error;
  if (!splitter.configure(fs, paragraph, is_regex, error)) return "error: " + error;
  std::vector<std::string_view> out;
  splitter.split(record, out);
  std::string joined = std::to_string(out.size()) + ":";
  for (size_t i = 0; i < out.size(); ++i) joined += (i ? "|" : "") + std::string(out[i]);
  return joined;
}

TEST(AwkFields, DefaultSeparatorSkipsBlanks) {
  EXPECT_EQ(fields(" ", "  a b\t\tc \n d  "), "4:a|b|c|d");
  EXPECT_EQ(fields(" ", ""), "0:");
  EXPECT_EQ(fields(" ", " \t "), "0:");
  EXPECT_EQ(fields(" ", "one"), "1:one");
}

TEST(AwkFields, SingleCharacterIsLiteral) {
  EXPECT_EQ(fields(",", "a,,b,"), "4:a||b|");
  EXPECT_EQ(fields(",", ",a"), "2:|a");
  EXPECT_EQ(fields("|", "a|b"), "2:a|b");
  EXPECT_EQ(fields(".", "a.b.c"), "3:a|b|c");
  EXPECT_EQ(fields("\t", "a\t\tb"), "3:a||b");
  EXPECT_EQ(fields(",", ""), "0:");
  EXPECT_EQ(fields("\\", "a\\b"), "2:a|b");
}

TEST(AwkFields, LongerSeparatorsAreRegexes) {
  EXPECT_EQ(fields(":+", "a::b:c"), "3:a|b|c");
  EXPECT_EQ(fields(":+", "::a"), "2:|a");  // unlike " ", a leading separator makes an empty $1
  EXPECT_EQ(fields("[ ]", " a  b"), "4:|a||b");
  EXPECT_EQ(fields("x*", "abc"), "1:abc");  // empty matches separate nothing
  EXPECT_EQ(fields("x*", "axxbxc"), "3:a|b|c");
  EXPECT_EQ(fields(".", "a.b", false, true), "4:|||");  // split(s, a, /./)
  EXPECT_EQ(fields("", "abc"), "3:a|b|c");
  EXPECT_EQ(fields("[a", "a").rfind("error: unterminated bracket", 0), 0u);
  EXPECT_EQ(fields("[", "a[b"), "2:a|b");  // one character: literal
}

TEST(AwkFields, ParagraphModeAlsoSplitsAtNewlines) {
  EXPECT_EQ(fields(" ", "a b\nc", true), "3:a|b|c");
  EXPECT_EQ(fields(",", "a,b\nc", true), "3:a|b|c");
  EXPECT_EQ(fields(":+", "a::b\nc", true), "3:a|b|c");
  EXPECT_EQ(fields(",", "a,b\nc", false), "2:a|b\nc");
}

// Every record, joined with '|' and "<end>" or "<error: ...>", reading `chunk` bytes at a time.
std::string records(const std::string& rs, const std::string& input, size_t chunk) {
  RecordSeparator sep;
  std::string error;
  if (!sep.configure(rs, error)) return "error: " + error;
  RecordReader reader(std::make_unique<StringSource>(input, chunk));
  std::string out;
  for (int guard = 0; guard < 1000; ++guard) {
    std::string_view record;
    switch (reader.next(sep, record, error)) {
      case RecordReader::Status::Record: out += "[" + std::string(record) + "]"; break;
      case RecordReader::Status::End: return out + "<end>";
      case RecordReader::Status::Error: return out + "<error: " + error + ">";
    }
  }
  return out + "<runaway>";
}

// The same records whatever the read size: boundaries may fall anywhere.
std::string records_all_chunks(const std::string& rs, const std::string& input) {
  const std::string expected = records(rs, input, 1 << 16);
  for (const size_t chunk : {1u, 2u, 3u, 7u}) {
    EXPECT_EQ(records(rs, input, chunk), expected) << "RS=" << rs << " chunk " << chunk;
  }
  return expected;
}

TEST(AwkRecords, Lines) {
  EXPECT_EQ(records_all_chunks("\n", "a\nbb\n\nc"), "[a][bb][][c]<end>");
  EXPECT_EQ(records_all_chunks("\n", "a\n"), "[a]<end>");
  EXPECT_EQ(records_all_chunks("\n", ""), "<end>");
  EXPECT_EQ(records_all_chunks("\n", "\n"), "[]<end>");
}

TEST(AwkRecords, SingleCharacter) {
  EXPECT_EQ(records_all_chunks(",", "a,,b,"), "[a][][b]<end>");
  EXPECT_EQ(records_all_chunks(",", "a\nb,c\n"), "[a\nb][c\n]<end>");
}

TEST(AwkRecords, ParagraphMode) {
  EXPECT_EQ(records_all_chunks("", "a b\n\n\nc d\ne\n\n"), "[a b][c d\ne]<end>");
  EXPECT_EQ(records_all_chunks("", "\n\n\nx\n"), "[x]<end>");
  EXPECT_EQ(records_all_chunks("", "x\ny"), "[x\ny]<end>");
  EXPECT_EQ(records_all_chunks("", "\n\n"), "<end>");
}

TEST(AwkRecords, RegexSeparators) {
  EXPECT_EQ(records_all_chunks("\n+", "a\n\n\nb\nc\n"), "[a][b][c]<end>");
  EXPECT_EQ(records_all_chunks("[,;]", "a,b;c"), "[a][b][c]<end>");
  EXPECT_EQ(records_all_chunks("ab|abcd", "xabcdyab"), "[x][y]<end>");
  EXPECT_EQ(records_all_chunks("x*", "axb"), "[a][b]<end>");
  EXPECT_EQ(records("(a", "a", 4).rfind("error: invalid regular expression", 0), 0u);
  // Records separated far apart come out before the input ends.
  const std::string big = std::string(5000, 'x') + ";;" + std::string(5000, 'y') + ";;z";
  EXPECT_EQ(records_all_chunks(";+", big), "[" + std::string(5000, 'x') + "][" + std::string(5000, 'y') + "][z]<end>");
}

TEST(AwkRecords, OverlongRecordsAreAnErrorNotAnAllocation) {
  RecordSeparator sep;
  std::string error;
  ASSERT_TRUE(sep.configure("\n", error));
  RecordReader reader(std::make_unique<StringSource>(std::string(1 << 20, 'x') + "\n"), 1 << 18);
  std::string_view record;
  EXPECT_EQ(reader.next(sep, record, error), RecordReader::Status::Error);
  EXPECT_EQ(error, "record longer than 262144 bytes");
}

}  // namespace
}  // namespace fusevm::awkfront

namespace fusevm::awkfront {
namespace {

// "result (count)" of sub (global = false) or gsub.
std::string sub(const std::string& ere, const std::string& repl, const std::string& text, bool global) {
  std::string error;
  auto re = Regex::compile(ere, error);
  if (!re) return "error: " + error;
  std::string out;
  const size_t n = substitute(*re, text, repl, global, out);
  return out + " (" + std::to_string(n) + ")";
}

std::string gen(const std::string& ere, const std::string& repl, const std::string& text, size_t nth) {
  std::string error;
  auto re = Regex::compile(ere, error);
  if (!re) return "error: " + error;
  std::string out;
  gensub(*re, text, repl, nth, out);
  return out;
}

TEST(AwkSubstitute, SubAndGsubReplaceLeftToRight) {
  EXPECT_EQ(sub("o", "0", "foo boo", false), "f0o boo (1)");
  EXPECT_EQ(sub("o", "0", "foo boo", true), "f00 b00 (4)");
  EXPECT_EQ(sub("z", "0", "foo", true), "foo (0)");
  EXPECT_EQ(sub("^a", "X", "aaa", true), "Xaa (1)");  // ^ only at the start
  EXPECT_EQ(sub("a$", "X", "aaa", true), "aaX (1)");
  EXPECT_EQ(sub("[0-9]+", "<&>", "a12b345", true), "a<12>b<345> (2)");
}

TEST(AwkSubstitute, EmptyMatchesFollowPosix) {
  EXPECT_EQ(sub("x*", "-", "abc", true), "-a-b-c- (4)");
  EXPECT_EQ(sub("b*", "X", "abc", true), "XaXcX (3)");
  EXPECT_EQ(sub("x*", "-", "abc", false), "-abc (1)");
  EXPECT_EQ(sub("x*", "-", "", true), "- (1)");
  EXPECT_EQ(sub("", "-", "ab", true), "-a-b- (3)");
}

TEST(AwkSubstitute, ReplacementBackslashRules) {
  // Source text "\\&" is the string \& (a literal ampersand), and so on.
  EXPECT_EQ(sub("b", "[&]", "abc", false), "a[b]c (1)");
  EXPECT_EQ(sub("b", "\\&", "abc", false), "a&c (1)");
  EXPECT_EQ(sub("b", "\\\\&", "abc", false), "a\\bc (1)");
  EXPECT_EQ(sub("b", "\\\\", "abc", false), "a\\c (1)");   // POSIX: \\ is one backslash
  EXPECT_EQ(sub("b", "\\q", "abc", false), "a\\qc (1)");   // other escapes stay
  EXPECT_EQ(sub("b", "x\\", "abc", false), "ax\\c (1)");   // a trailing backslash stays
  EXPECT_EQ(sub("\\.", "\\\\", "a.b", true), "a\\b (1)");
}

TEST(AwkSubstitute, GensubGroupsAndOccurrences) {
  EXPECT_EQ(gen("([a-z]+)-([0-9]+)", "\\2:\\1", "ab-12 cd-34", 0), "12:ab 34:cd");
  EXPECT_EQ(gen("o", "0", "foo boo", 2), "fo0 boo");
  EXPECT_EQ(gen("o", "0", "foo boo", 4), "foo bo0");
  EXPECT_EQ(gen("o", "0", "foo boo", 9), "foo boo");
  EXPECT_EQ(gen("b", "[\\0|&|\\&|\\\\]", "abc", 0), "a[b|b|&|\\]c");
  EXPECT_EQ(gen("(x)?b", "<\\1>", "ab", 0), "a<>");  // an unmatched group is empty
}

}  // namespace
}  // namespace fusevm::awkfront

namespace fusevm::awkfront {
namespace {

TEST(AwkRegex, RequiredLiteralsAreFoundAtTheTopLevelOnly) {
  auto lit = [](std::string_view ere) {
    const RequiredLiteral r = required_literal(ere);
    return r.text + (r.exact ? " (exact)" : "");
  };
  EXPECT_EQ(lit("o"), "o (exact)");
  EXPECT_EQ(lit("hello world"), "hello world (exact)");
  EXPECT_EQ(lit("\\."), ". (exact)");
  EXPECT_EQ(lit("a\\/b"), "a/b (exact)");
  EXPECT_EQ(lit("fox.*dog"), "fox");
  EXPECT_EQ(lit("[0-9]+abcd"), "abcd");
  EXPECT_EQ(lit("(foo|x)barbaz"), "barbaz");
  EXPECT_EQ(lit("^abc$"), "abc");
  EXPECT_EQ(lit("ab*c"), "a");
  EXPECT_EQ(lit("xy+z"), "xy");
  EXPECT_EQ(lit("a|b"), "");
  EXPECT_EQ(lit("a{2}"), "");
  EXPECT_EQ(lit("*x"), "");
  EXPECT_EQ(lit(""), "");
  EXPECT_EQ(lit("[a-"), "");
}

TEST(AwkRegex, LiteralFastPathFindsWhatRe2Finds) {
  // "(o)" is the same language as "o" but is not a plain literal, so it goes through RE2.
  std::string error;
  const std::pair<const char*, const char*> pairs[] = {{"o", "(o)"}, {"ab", "(ab)"}, {"a.b", "(a\\.b)"},
                                                       {"fox.*dog", "(fox).*dog"}, {"x+y", "(x)+y"}};
  const char* texts[] = {"", "o", "foo boo", "abab", "xa.bab", "the fox and the dog", "dog fox", "xxxy xy"};
  for (const auto& [fast, slow] : pairs) {
    auto a = Regex::compile(fast, error);
    auto b = Regex::compile(slow, error);
    ASSERT_TRUE(a && b) << error;
    for (const char* t : texts) {
      const std::string_view text(t);
      EXPECT_EQ(a->matches(text), b->matches(text)) << fast << " on " << t;
      for (size_t from = 0; from <= text.size(); ++from) {
        size_t b1 = 0, e1 = 0, b2 = 0, e2 = 0;
        const bool f1 = a->find(text, from, b1, e1);
        const bool f2 = b->find(text, from, b2, e2);
        ASSERT_EQ(f1, f2) << fast << " on " << t << " from " << from;
        if (f1) {
          EXPECT_EQ(std::make_pair(b1, e1), std::make_pair(b2, e2)) << fast << " on " << t;
        }
      }
    }
  }
}

}  // namespace
}  // namespace fusevm::awkfront
