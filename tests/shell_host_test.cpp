// The shell host's pure functions (glob_match, brace_expand, tilde_expand, word_split,
// regex_search), the filesystem ones (glob_paths, test_file) on a temporary tree, and the
// DefaultHost defaults — including that `exec` never starts a process.
#include <fnmatch.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>

#include "fusevm/code_tables.h"
#include "fusevm/shell_host.h"

namespace fusevm {
namespace {

namespace fs = std::filesystem;
using Words = std::vector<std::string>;

// ── glob_match ──

struct MatchCase {
  const char* pattern;
  const char* text;
  bool expected;
};

TEST(ShellGlobMatch, Table) {
  const MatchCase cases[] = {
      {"", "", true},           {"", "x", false},           {"abc", "abc", true},
      {"abc", "abd", false},    {"*", "", true},            {"*", "anything", true},
      {"a*", "abc", true},      {"a*", "bac", false},       {"*c", "abc", true},
      {"a*c", "ac", true},      {"a*c", "abcd", false},     {"a*b*c", "a-b-b-c", true},
      {"?", "x", true},         {"?", "", false},           {"??", "x", false},
      {"a?c", "abc", true},     {"a?c", "ac", false},       {"***", "x", true},
      // string matching, not path matching: `*` and `?` cross `/` and match a leading dot
      {"*", "a/b", true},       {"a?b", "a/b", true},       {"*", ".hidden", true},
      {"?git", ".git", true},
      // bracket expressions
      {"[abc]", "b", true},     {"[abc]", "d", false},      {"[a-c]x", "bx", true},
      {"[!a-c]", "d", true},    {"[!a-c]", "b", false},     {"[^a-c]", "d", true},
      {"[^a-c]", "a", false},   {"[]]", "]", true},         {"[!]]", "]", false},
      {"[!]]", "a", true},      {"[a-]", "-", true},        {"[-a]", "-", true},
      {"[z-a]", "m", false},    {"[[:alpha:]]", "q", true}, {"[[:alpha:]]", "1", false},
      {"[[:digit:]]*", "7up", true},  {"[[:upper:][:digit:]]", "Q", true},
      {"[[:space:]]", "\t", true},    {"[[:punct:]]", "!", true}, {"[[:punct:]]", "a", false},
      {"[[:xdigit:]]", "F", true},    {"[[:nosuch:]]", "a", false},
      {"[[:alnum:]_]*", "_x1", true}, {"[\\]]", "]", true},   {"[a\\-z]", "-", true},
      {"[a\\-z]", "m", false},
      // collating symbols and equivalence classes of one character
      {"[[.a.]]", "a", true},   {"[[=a=]]", "a", true},     {"[[.-.]a]", "-", true},
      {"[[.ab.]]", "a", false}, {"[[.space.]]", " ", false},
      // an unclosed `[` is an ordinary character
      {"[", "[", true},         {"[ab", "[ab", true},       {"a[", "a[", true},
      {"[!", "[!", true},       {"[\\-", "[-", true},
      // ...unless the pattern ends inside a range, an escape or `[.`: no match (bash, glibc)
      {"[a-", "[a-", false},    {"x[ab-", "x[ab-", false},  {"[a\\", "[a\\", false},
      {"[[.a]", "[[.a]", false}, {"[[.a]", "a", false},    {"[[=a]", "=", true},
      {"*[a-", "x[a-", false},
      // backslash escapes
      {"\\*", "*", true},       {"\\*", "x", false},        {"a\\?c", "a?c", true},
      {"a\\?c", "abc", false},  {"\\[a]", "[a]", true},     {"\\\\", "\\", true},
      {"a\\", "a\\", true},     {"\\a", "a", true},
      // case-sensitive
      {"ABC", "abc", false},    {"[A-Z]", "a", false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(shell::glob_match(c.pattern, c.text), c.expected)
        << "pattern '" << c.pattern << "' text '" << c.text << "'";
}

TEST(ShellGlobMatch, Utf8CharactersAreSingleCharacters) {
  EXPECT_TRUE(shell::glob_match("?", "é"));
  EXPECT_TRUE(shell::glob_match("caf?", "café"));
  EXPECT_TRUE(shell::glob_match("??", "日本"));
  EXPECT_FALSE(shell::glob_match("?", "日本"));
  EXPECT_TRUE(shell::glob_match("[α-ω]", "λ"));
  EXPECT_FALSE(shell::glob_match("[α-ω]", "a"));
  EXPECT_TRUE(shell::glob_match("[!é]", "e"));
  // Invalid bytes are characters that match only themselves (and `?`/`*`).
  EXPECT_TRUE(shell::glob_match("?", "\xff"));
  EXPECT_TRUE(shell::glob_match("a\xff*", "a\xff\xfe"));
  EXPECT_FALSE(shell::glob_match("\xfe", "\xff"));
  EXPECT_TRUE(shell::glob_match("??", "\xc3("));  // a truncated sequence: two characters
}

// Random short patterns against glibc's fnmatch(3), which implements the same POSIX rules (with
// flags 0, `*` and `?` also match `/` and a leading dot). Left out: a trailing unescaped `\`
// (glibc matches nothing, we match a backslash) and `[.`/`[=` elements.
TEST(ShellGlobMatch, AgreesWithFnmatch) {
  std::mt19937 rng(20240607);
  const std::string_view pattern_chars = "ab*?[]!^-\\/:";
  const std::string_view text_chars = "ab]-!\\/[:^";
  int compared = 0;
  for (int iter = 0; iter < 200000; ++iter) {
    std::string pattern, text;
    for (int i = static_cast<int>(rng() % 11); i > 0; --i)
      pattern += pattern_chars[rng() % pattern_chars.size()];
    for (int i = static_cast<int>(rng() % 6); i > 0; --i)
      text += text_chars[rng() % text_chars.size()];
    size_t backslashes = 0;
    while (backslashes < pattern.size() && pattern[pattern.size() - 1 - backslashes] == '\\')
      ++backslashes;
    if (backslashes % 2 == 1) continue;
    const int expected = fnmatch(pattern.c_str(), text.c_str(), 0);
    if (expected != 0 && expected != FNM_NOMATCH) continue;
    ++compared;
    ASSERT_EQ(shell::glob_match(pattern, text), expected == 0)
        << "pattern '" << pattern << "' text '" << text << "'";
  }
  EXPECT_GT(compared, 100000);
}

TEST(ShellGlobMatch, PathologicalPatternsFinish) {
  const std::string as(10000, 'a');
  EXPECT_FALSE(shell::glob_match("*a*a*a*a*a*a*a*a*b", as));
  EXPECT_TRUE(shell::glob_match("*a*a*a*a*a*a*a*a*a", as));
  EXPECT_FALSE(shell::glob_match("*?*?*?*?*?*?*?*?*b", as));
  EXPECT_FALSE(shell::glob_match(std::string(5000, '*') + "b", as));
  std::string many;
  for (int i = 0; i < 500; ++i) many += "*a";
  EXPECT_TRUE(shell::glob_match(many, as));
  EXPECT_FALSE(shell::glob_match(many + "b", as));
  // Unclosed brackets must not make parsing quadratic.
  const std::string opens(200000, '[');
  EXPECT_TRUE(shell::glob_match(opens, opens));
  EXPECT_FALSE(shell::glob_match(opens, "x"));
  std::string classes, colons;
  for (int i = 0; i < 30000; ++i) classes += "[[:x:]";
  for (int i = 0; i < 60000; ++i) colons += "[[:";
  EXPECT_FALSE(shell::glob_match(classes, "x"));
  EXPECT_TRUE(shell::glob_match(colons, colons));
  const std::string as20(20, 'a');
  EXPECT_TRUE(shell::glob_match("[[:x:]" + as20 + "*", "[x" + as20 + "!"));
}

// ── brace_expand ──

struct BraceCase {
  const char* input;
  Words expected;
};

TEST(ShellBraceExpand, Table) {
  const BraceCase cases[] = {
      {"", {""}},
      {"plain", {"plain"}},
      {"{a,b}", {"a", "b"}},
      {"a{b,c}d", {"abd", "acd"}},
      {"{a,b}{1,2}", {"a1", "a2", "b1", "b2"}},
      {"{a,{b,c}}", {"a", "b", "c"}},
      {"x{a,{b,c}d}y", {"xay", "xbdy", "xcdy"}},
      {"{a,}", {"a", ""}},
      {"a{,b}", {"a", "ab"}},
      {"{1..5}", {"1", "2", "3", "4", "5"}},
      {"{5..1}", {"5", "4", "3", "2", "1"}},
      {"{-2..1}", {"-2", "-1", "0", "1"}},
      {"{01..10}", {"01", "02", "03", "04", "05", "06", "07", "08", "09", "10"}},
      {"{1..03}", {"01", "02", "03"}},
      {"{-01..1}", {"-01", "000", "001"}},
      {"{a..e}", {"a", "b", "c", "d", "e"}},
      {"{e..c}", {"e", "d", "c"}},
      {"{1..10..3}", {"1", "4", "7", "10"}},
      {"{10..1..3}", {"10", "7", "4", "1"}},
      {"{1..10..-3}", {"1", "4", "7", "10"}},
      {"{1..3..0}", {"1", "2", "3"}},
      {"{a..g..2}", {"a", "c", "e", "g"}},
      {"x{1..3}y", {"x1y", "x2y", "x3y"}},
      {"{a,b}{1..2}", {"a1", "a2", "b1", "b2"}},
      {"{x,{1..2}}", {"x", "1", "2"}},
      {"{+1..3}", {"1", "2", "3"}},
      {"{-3..-1}", {"-3", "-2", "-1"}},
      {"{5..-02}", {"005", "004", "003", "002", "001", "000", "-01", "-02"}},
      {"{a..Z}", {"a", "`", "_", "^", "]", "\\", "[", "Z"}},
      {"{1..1}{2..2}", {"12"}},
      {"x{,}", {"x", "x"}},
      // bash's closing rule: a `}` closes a group only after a comma or `..` at its level
      {"{a}b,c}", {"a}b", "c"}},
      {"{a}x}y,z}", {"a}x}y", "z"}},
      {"{..}x,y}", {"..}x", "y"}},
      {"{{a}x,y}", {"{a}x", "y"}},
      {"{a..c}x,y}", {"ax,y}", "bx,y}", "cx,y}"}},
      {"{a..b{c,d}}", {"a..bc", "a..bd"}},  // a nested comma makes it a comma group
      // not expanded: no comma and no sequence, unbalanced, escaped, `${`
      {"{a}", {"{a}"}},
      {"{}", {"{}"}},
      {"a{b", {"a{b"}},
      {"a}b", {"a}b"}},
      {"{a,b", {"{a,b"}},
      {"{1..a}", {"{1..a}"}},
      {"{a..1}", {"{a..1}"}},
      {"{a..!}", {"{a..!}"}},
      {"{1..2..}x,y}", {"{1..2..}x,y}"}},
      {"{}}", {"{}}"}},
      {"{},}", {"{},}"}},
      {"{ a,b}", {"{ a,b}"}},  // `{` standing alone is not a group (bash)
      {"x {a,b}", {"x a", "x b"}},
      {"{1..}", {"{1..}"}},
      {"{..3}", {"{..3}"}},
      {"{aa..c}", {"{aa..c}"}},
      {"{1..2..x}", {"{1..2..x}"}},
      {"\\{a,b}", {"\\{a,b}"}},
      {"{a\\,b}", {"{a\\,b}"}},
      {"{a,b\\}", {"{a,b\\}"}},
      {"${a,b}", {"${a,b}"}},
      {"${x}{a,b}", {"${x}a", "${x}b"}},
      // partly literal
      {"{a}{b,c}", {"{a}b", "{a}c"}},
      {"{x{a,b}}", {"{xa}", "{xb}"}},
      {"{a,{b}", {"{a,{b}"}},
      {"{a,{b,c}", {"{a,b", "{a,c"}},
      {"{a,b}}", {"a}", "b}"}},
  };
  for (const auto& c : cases) EXPECT_EQ(shell::brace_expand(c.input), c.expected) << c.input;
}

TEST(ShellBraceExpand, OversizedOutputIsRefused) {
  // 2^17 words > 100000: returned unexpanded.
  std::string doubling;
  for (int i = 0; i < 17; ++i) doubling += "{a,b}";
  EXPECT_EQ(shell::brace_expand(doubling), Words{doubling});
  std::string fits;
  for (int i = 0; i < 16; ++i) fits += "{a,b}";
  EXPECT_EQ(shell::brace_expand(fits).size(), 65536u);
  EXPECT_EQ(shell::brace_expand("{1..999999999}"), Words{"{1..999999999}"});
  EXPECT_EQ(shell::brace_expand("{1..100000}").size(), 100000u);
  EXPECT_EQ(shell::brace_expand("{1..100001}"), Words{"{1..100001}"});
  EXPECT_EQ(shell::brace_expand("{-9223372036854775808..9223372036854775807}"),
            Words{"{-9223372036854775808..9223372036854775807}"});
  EXPECT_EQ(shell::brace_expand("{9223372036854775806..9223372036854775807}"),
            (Words{"9223372036854775806", "9223372036854775807"}));
  // Too many bytes: 50000 words of 1000 bytes.
  const std::string big = std::string(1000, 'x') + "{1..50000}";
  EXPECT_EQ(shell::brace_expand(big), Words{big});
}

TEST(ShellBraceExpand, HostileStructureStaysFast) {
  const std::string opens(100000, '{');
  EXPECT_EQ(shell::brace_expand(opens), Words{opens});
  std::string nested = std::string(50000, '{') + std::string(50000, '}');
  EXPECT_EQ(shell::brace_expand(nested), Words{nested});
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += "{a,";
  deep += "b" + std::string(200, '}');
  EXPECT_EQ(shell::brace_expand(deep), Words{deep});  // nesting beyond the limit
  std::string singles;
  for (int i = 0; i < 20000; ++i) singles += "{1..1}";
  EXPECT_EQ(shell::brace_expand(singles), Words{std::string(20000, '1')});
}

// ── tilde_expand ──

// Sets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) setenv(name, value, 1);
    else unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(ShellTildeExpand, Home) {
  ScopedEnv home("HOME", "/home/tester");
  EXPECT_EQ(shell::tilde_expand("~"), "/home/tester");
  EXPECT_EQ(shell::tilde_expand("~/x/y"), "/home/tester/x/y");
  EXPECT_EQ(shell::tilde_expand("~/"), "/home/tester/");
  EXPECT_EQ(shell::tilde_expand(""), "");
  EXPECT_EQ(shell::tilde_expand("x~"), "x~");
  EXPECT_EQ(shell::tilde_expand("a/~/b"), "a/~/b");
  EXPECT_EQ(shell::tilde_expand("/~"), "/~");
}

TEST(ShellTildeExpand, HomeUnsetUsesPasswordDatabase) {
  ScopedEnv home("HOME", nullptr);
  const std::string out = shell::tilde_expand("~/x");
  EXPECT_FALSE(out.empty());
  EXPECT_TRUE(out == "~/x" || (out.front() == '/' && out.size() > 2 && out.ends_with("/x")))
      << out;
}

TEST(ShellTildeExpand, Users) {
  const passwd* root = getpwnam("root");
  ASSERT_NE(root, nullptr);
  const std::string root_home = root->pw_dir;
  EXPECT_EQ(shell::tilde_expand("~root"), root_home);
  EXPECT_EQ(shell::tilde_expand("~root/bin"), root_home + "/bin");
  EXPECT_EQ(shell::tilde_expand("~no_such_user_fusevm"), "~no_such_user_fusevm");
  EXPECT_EQ(shell::tilde_expand("~no_such_user_fusevm/x"), "~no_such_user_fusevm/x");
  EXPECT_EQ(shell::tilde_expand(std::string("~ro\0ot", 6)), std::string("~ro\0ot", 6));
}

TEST(ShellTildeExpand, PwdAndOldPwd) {
  {
    ScopedEnv pwd("PWD", "/here");
    ScopedEnv old("OLDPWD", "/there");
    EXPECT_EQ(shell::tilde_expand("~+"), "/here");
    EXPECT_EQ(shell::tilde_expand("~+/f"), "/here/f");
    EXPECT_EQ(shell::tilde_expand("~-"), "/there");
    EXPECT_EQ(shell::tilde_expand("~-/f"), "/there/f");
    EXPECT_EQ(shell::tilde_expand("~+1"), "~+1");  // directory-stack forms are not supported
  }
  ScopedEnv old("OLDPWD", nullptr);
  EXPECT_EQ(shell::tilde_expand("~-"), "~-");
}

// ── word_split ──

TEST(ShellWordSplit, Table) {
  EXPECT_EQ(shell::word_split(""), Words{});
  EXPECT_EQ(shell::word_split("   \t\n  "), Words{});
  EXPECT_EQ(shell::word_split("a b c"), (Words{"a", "b", "c"}));
  EXPECT_EQ(shell::word_split("  a b\t c\n"), (Words{"a", "b", "c"}));  // vector 0494
  EXPECT_EQ(shell::word_split("  a\t b\n\nc \t d  "), (Words{"a", "b", "c", "d"}));
  EXPECT_EQ(shell::word_split("a\vb\fc\rd"), (Words{"a", "b", "c", "d"}));
  EXPECT_EQ(shell::word_split("one"), Words{"one"});
}

TEST(ShellWordSplit, UnicodeWhiteSpace) {
  EXPECT_EQ(shell::word_split("a\u00a0b"), (Words{"a", "b"}));        // NBSP
  EXPECT_EQ(shell::word_split("a\u3000b"), (Words{"a", "b"}));        // ideographic space
  EXPECT_EQ(shell::word_split("a\u0085b"), (Words{"a", "b"}));        // NEL
  EXPECT_EQ(shell::word_split("\u2028a\u2029b\u202f"), (Words{"a", "b"}));
  EXPECT_EQ(shell::word_split("a\u2000\u200ab\u205fc\u1680d"), (Words{"a", "b", "c", "d"}));
  // Not White_Space: zero-width space, BOM, and the NEL byte outside a UTF-8 sequence.
  EXPECT_EQ(shell::word_split("a\u200bb"), Words{"a\u200bb"});
  EXPECT_EQ(shell::word_split("a\ufeffb"), Words{"a\ufeffb"});
  EXPECT_EQ(shell::word_split("a\x85z"), Words{"a\x85z"});
  EXPECT_EQ(shell::word_split("\xff \xc2"), (Words{"\xff", "\xc2"}));
  EXPECT_EQ(shell::word_split("日本 語"), (Words{"日本", "語"}));
}

// ── regex_search ──

TEST(ShellRegex, PosixExtendedSearch) {
  EXPECT_TRUE(shell::regex_search("abc", "a.c"));
  EXPECT_TRUE(shell::regex_search("xxabcxx", "b"));  // a search, not a full match
  EXPECT_FALSE(shell::regex_search("abc", "^b"));
  EXPECT_TRUE(shell::regex_search("abc", "^a.*c$"));
  EXPECT_TRUE(shell::regex_search("foo123", "[0-9]+"));
  EXPECT_TRUE(shell::regex_search("foo123", "[[:digit:]]{3}$"));
  EXPECT_TRUE(shell::regex_search("cat", "^(cat|dog)$"));
  EXPECT_FALSE(shell::regex_search("cow", "^(cat|dog)$"));
  EXPECT_TRUE(shell::regex_search("", ""));
  EXPECT_TRUE(shell::regex_search("anything", ""));
  EXPECT_TRUE(shell::regex_search("a+b", "a\\+b"));
  // One-line POSIX semantics: `^`/`$` anchor the string, `.` matches a newline.
  EXPECT_FALSE(shell::regex_search("x\nabc", "^abc"));
  EXPECT_TRUE(shell::regex_search("a\nb", "a.b"));
  EXPECT_TRUE(shell::regex_search("日本語", "^...$"));
}

TEST(ShellRegex, InvalidOrNonPosixIsFalse) {
  EXPECT_FALSE(shell::regex_search("abc", "("));
  EXPECT_FALSE(shell::regex_search("abc", "[a-"));
  EXPECT_FALSE(shell::regex_search("abc", "a{2,1}"));
  EXPECT_FALSE(shell::regex_search("aa", "(a)\\1"));  // back-references are not ERE in RE2
  EXPECT_FALSE(shell::regex_search("123", "\\d+"));   // Perl classes are not POSIX
  EXPECT_FALSE(shell::regex_search("abc", "\xff"));   // not UTF-8
  // Asked again (now from the cache): still false.
  EXPECT_FALSE(shell::regex_search("abc", "("));
}

TEST(ShellRegex, LinearOnPathologicalInput) {
  const std::string as(100000, 'a');
  EXPECT_FALSE(shell::regex_search(as, "(a*)*b"));
  EXPECT_FALSE(shell::regex_search(as, "^(a|aa)*$b"));
  EXPECT_TRUE(shell::regex_search(as + "b", "(a*)*b"));
  EXPECT_TRUE(shell::regex_search(as, "^(a|a)*$"));
}

TEST(ShellRegex, CacheEvictionKeepsAnswersRight) {
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 200; ++i) {
      const std::string n = std::to_string(i);
      EXPECT_TRUE(shell::regex_search("x" + n + "y", "^x" + n + "y$"));
      EXPECT_FALSE(shell::regex_search("x" + n + "z", "^x" + n + "y$"));
    }
  }
}

// ── Temporary directory tree ──

class ShellFs : public testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::path(testing::TempDir()) / "fusevm_shell_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    root_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  void touch(const std::string& rel, std::string_view content = "") {
    const fs::path p = root_ / rel;
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    std::ofstream(p) << content;
  }
  void mkdir(const std::string& rel) { fs::create_directories(root_ / rel); }
  std::string path(const std::string& rel) const { return (root_ / rel).string(); }
  // glob_paths of root/pattern, with the root prefix removed from each result.
  Words glob(const std::string& pattern) const {
    const std::string prefix = root_.string() + "/";
    Words out;
    for (const std::string& p : shell::glob_paths(prefix + pattern))
      out.push_back(p.starts_with(prefix) ? p.substr(prefix.size()) : "OUTSIDE:" + p);
    return out;
  }

  fs::path root_;
};

class ShellGlobPaths : public ShellFs {
 protected:
  void SetUp() override {
    ShellFs::SetUp();
    for (const char* f : {"a.txt", "b.txt", "c.log", "ab.txt", ".hidden.txt", "d1/x.txt",
                          "d1/y.log", "d1/d2/z.txt", "d1/.h/in_hidden.txt", ".hd/deep.txt",
                          "[lit].txt", "B.txt"})
      touch(f);
    mkdir("empty");
  }
};

TEST_F(ShellGlobPaths, Wildcards) {
  EXPECT_EQ(glob("*.txt"), (Words{"B.txt", "[lit].txt", "a.txt", "ab.txt", "b.txt"}));
  EXPECT_EQ(glob("?.txt"), (Words{"B.txt", "a.txt", "b.txt"}));
  EXPECT_EQ(glob("[ab].txt"), (Words{"a.txt", "b.txt"}));
  EXPECT_EQ(glob("[!a].txt"), (Words{"B.txt", "b.txt"}));
  EXPECT_EQ(glob("*"), (Words{"B.txt", "[lit].txt", "a.txt", "ab.txt", "b.txt", "c.log", "d1",
                              "empty"}));
  EXPECT_EQ(glob("d1/*"), (Words{"d1/d2", "d1/x.txt", "d1/y.log"}));
  EXPECT_EQ(glob("*/*.txt"), (Words{"d1/x.txt"}));
  EXPECT_EQ(glob("*/"), (Words{"d1/", "empty/"}));
  EXPECT_EQ(glob("\\[lit].txt"), (Words{"[lit].txt"}));
  EXPECT_EQ(glob("a.txt"), (Words{"a.txt"}));
}

TEST_F(ShellGlobPaths, NoMatchIsEmpty) {
  EXPECT_EQ(glob("*.nothing"), Words{});
  EXPECT_EQ(glob("missing.txt"), Words{});
  EXPECT_EQ(glob("nodir/*"), Words{});
  EXPECT_EQ(glob("[unclosed"), Words{});
  EXPECT_EQ(shell::glob_paths(""), Words{});
  EXPECT_EQ(shell::glob_paths(std::string("a\0b", 3)), Words{});
}

TEST_F(ShellGlobPaths, HiddenFilesNeedALiteralDot) {
  EXPECT_EQ(glob(".*"), (Words{".hd", ".hidden.txt"}));  // never `.` or `..`
  EXPECT_EQ(glob(".*.txt"), (Words{".hidden.txt"}));
  EXPECT_EQ(glob(".*/"), (Words{".hd/"}));
  EXPECT_EQ(glob(".h*/*"), (Words{".hd/deep.txt"}));
}

TEST_F(ShellGlobPaths, Globstar) {
  EXPECT_EQ(glob("**/*.txt"), (Words{"B.txt", "[lit].txt", "a.txt", "ab.txt", "b.txt",
                                     "d1/d2/z.txt", "d1/x.txt"}));
  EXPECT_EQ(glob("d1/**/*.txt"), (Words{"d1/d2/z.txt", "d1/x.txt"}));
  EXPECT_EQ(glob("**/d2/*"), (Words{"d1/d2/z.txt"}));
  EXPECT_EQ(glob("**/**/*.log"), (Words{"c.log", "d1/y.log"}));
  EXPECT_EQ(glob("d1/**"), (Words{"d1/d2", "d1/d2/z.txt", "d1/x.txt", "d1/y.log"}));
  EXPECT_EQ(glob("**/"), (Words{"d1/", "d1/d2/", "empty/"}));
  EXPECT_EQ(glob("**/*.nothing"), Words{});
  EXPECT_EQ(glob("d1/d**"), (Words{"d1/d2"}));  // glued to text, `**` is just `*`
  EXPECT_EQ(glob("**/d*/"), (Words{"d1/", "d1/d2/"}));
  EXPECT_EQ(glob("**/missing/*.txt"), Words{});
  // `**` does not enter hidden directories; a component starting with `.` reaches them.
  EXPECT_EQ(glob("**/in_hidden.txt"), Words{});
  EXPECT_EQ(glob("**/.h/*.txt"), (Words{"d1/.h/in_hidden.txt"}));
  EXPECT_EQ(glob("**/.*.txt"), (Words{".hidden.txt"}));
  EXPECT_EQ(glob(".hd/**/*.txt"), (Words{".hd/deep.txt"}));
}

TEST_F(ShellGlobPaths, GlobstarDoesNotFollowSymlinkedDirectories) {
  fs::create_directory_symlink(root_, root_ / "d1" / "loop");
  EXPECT_EQ(glob("**/z.txt"), (Words{"d1/d2/z.txt"}));
  EXPECT_EQ(glob("d1/loop/a.txt"), (Words{"d1/loop/a.txt"}));  // explicit components do
}

TEST_F(ShellGlobPaths, RelativePatternsAndTheRecursiveFlag) {
  const fs::path old = fs::current_path();
  fs::current_path(root_);
  const Words plain = shell::glob_paths("*.log");
  const Words star = shell::glob_paths("**/*.log");
  const Words dot_plain = shell::glob_paths("./*.log");
  const Words dot_star = shell::glob_paths("./**/*.log");
  const Words everything = shell::glob_paths("**");
  DefaultHost host;
  const Words flat = host.glob("**/*.log", false);
  const Words deep = host.glob("**/*.log", true);
  fs::current_path(old);
  EXPECT_EQ(plain, Words{"c.log"});
  EXPECT_EQ(star, (Words{"c.log", "d1/y.log"}));
  EXPECT_EQ(dot_plain, Words{"./c.log"});  // the pattern's `./` is kept, as glob(3) does
  EXPECT_EQ(dot_star, (Words{"./c.log", "./d1/y.log"}));
  EXPECT_EQ(everything, (Words{"B.txt", "[lit].txt", "a.txt", "ab.txt", "b.txt", "c.log", "d1",
                               "d1/d2", "d1/d2/z.txt", "d1/x.txt", "d1/y.log", "empty"}));
  EXPECT_EQ(flat, star);  // `**` is pattern syntax: honoured either way
  EXPECT_EQ(deep, star);
}

// ── test_file ──

class ShellTestFile : public ShellFs {};

TEST_F(ShellTestFile, RegularFilesDirectoriesAndLinks) {
  touch("empty");
  touch("full", "data");
  mkdir("dir");
  fs::create_symlink(path("full"), path("link"));
  fs::create_symlink(path("nowhere"), path("dangling"));
  ASSERT_EQ(chmod(path("full").c_str(), 0644), 0);
  touch("script");
  ASSERT_EQ(chmod(path("script").c_str(), 0700), 0);
  using namespace file_test;
  auto t = [&](uint8_t code, const std::string& rel) { return shell::test_file(code, path(rel)); };

  EXPECT_TRUE(t(IS_FILE, "full"));
  EXPECT_FALSE(t(IS_DIR, "full"));
  EXPECT_TRUE(t(IS_DIR, "dir"));
  EXPECT_FALSE(t(IS_FILE, "dir"));
  EXPECT_TRUE(t(EXISTS, "empty"));
  EXPECT_FALSE(t(EXISTS, "missing"));
  EXPECT_FALSE(t(IS_NONEMPTY, "empty"));
  EXPECT_TRUE(t(IS_NONEMPTY, "full"));
  EXPECT_FALSE(t(IS_EXECUTABLE, "full"));
  EXPECT_TRUE(t(IS_EXECUTABLE, "script"));
  EXPECT_TRUE(t(IS_EXECUTABLE, "dir"));
  EXPECT_TRUE(t(IS_READABLE, "full"));
  EXPECT_TRUE(t(IS_WRITABLE, "dir"));
  EXPECT_FALSE(t(IS_READABLE, "missing"));
  // Symlinks: most tests follow them, -L does not.
  EXPECT_TRUE(t(IS_SYMLINK, "link"));
  EXPECT_TRUE(t(IS_FILE, "link"));
  EXPECT_FALSE(t(IS_SYMLINK, "full"));
  EXPECT_TRUE(t(IS_SYMLINK, "dangling"));
  EXPECT_FALSE(t(EXISTS, "dangling"));
  for (uint8_t code : {IS_SOCKET, IS_FIFO, IS_BLOCK_DEV, IS_CHAR_DEV}) {
    EXPECT_FALSE(t(code, "full")) << int(code);
    EXPECT_FALSE(t(code, "dir")) << int(code);
  }
  // Failures to stat are false.
  EXPECT_FALSE(shell::test_file(EXISTS, ""));
  EXPECT_FALSE(shell::test_file(EXISTS, path("full") + "/"));
  EXPECT_FALSE(shell::test_file(EXISTS, path("full") + std::string("\0x", 2)));
  for (int code = 12; code < 256; ++code)
    EXPECT_FALSE(shell::test_file(static_cast<uint8_t>(code), path("full"))) << code;
}

TEST_F(ShellTestFile, FifoSocketAndDevices) {
  using namespace file_test;
  ASSERT_EQ(mkfifo(path("fifo").c_str(), 0600), 0);
  fs::create_symlink(path("fifo"), path("fifo_link"));
  EXPECT_TRUE(shell::test_file(IS_FIFO, path("fifo")));
  EXPECT_TRUE(shell::test_file(EXISTS, path("fifo")));
  EXPECT_FALSE(shell::test_file(IS_FILE, path("fifo")));
  EXPECT_FALSE(shell::test_file(IS_FIFO, path("fifo_link")));  // lstat, as the original

  const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string sock = path("s");
  if (sock.size() < sizeof(addr.sun_path)) {
    std::copy(sock.begin(), sock.end(), addr.sun_path);
    ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    EXPECT_TRUE(shell::test_file(IS_SOCKET, sock));
    EXPECT_FALSE(shell::test_file(IS_FIFO, sock));
  }
  close(fd);

  EXPECT_TRUE(shell::test_file(IS_CHAR_DEV, "/dev/null"));
  EXPECT_FALSE(shell::test_file(IS_BLOCK_DEV, "/dev/null"));
  EXPECT_FALSE(shell::test_file(IS_FILE, "/dev/null"));
  EXPECT_TRUE(shell::test_file(EXISTS, "/dev/null"));
  EXPECT_TRUE(shell::test_file(IS_DIR, "/"));  // vector 0502
  EXPECT_FALSE(shell::test_file(EXISTS, "/nonexistent_fusevm_anchor"));
  EXPECT_FALSE(shell::test_file(99, "/"));
}

// ── DefaultHost ──

TEST(ShellDefaultHost, PureFunctionsRouteToShell) {
  DefaultHost host;
  ShellHost& h = host;
  EXPECT_TRUE(h.str_match("abc", "a*"));  // deviation G (vector 0492 has false)
  EXPECT_TRUE(h.str_match("foo", "foo"));
  EXPECT_TRUE(h.str_match("anything", "*"));
  EXPECT_TRUE(h.str_match("*", "*"));
  EXPECT_TRUE(h.str_match("", ""));
  EXPECT_FALSE(h.str_match("x", ""));
  EXPECT_FALSE(h.str_match("a*", "abc"));  // subject first, pattern second
  EXPECT_TRUE(h.regex_match("abc", "a.c"));  // deviation G (vector 0493 has false)
  EXPECT_FALSE(h.regex_match("abc", "^b"));
  EXPECT_EQ(h.brace_expand("{a,b}"), (Words{"a", "b"}));  // deviation G (vector 0495)
  EXPECT_EQ(h.brace_expand(""), Words{""});
  EXPECT_EQ(h.word_split("  a b\t c\n"), (Words{"a", "b", "c"}));
  ScopedEnv home("HOME", "/h");
  EXPECT_EQ(h.tilde_expand("~/x"), "/h/x");  // deviation G (vector 0496)
  EXPECT_EQ(h.tilde_expand(""), "");
}

TEST(ShellDefaultHost, ExecStartsNothing) {
  DefaultHost host;
  const std::string marker =
      (fs::path(testing::TempDir()) / ("fusevm_exec_marker_" + std::to_string(getpid()))).string();
  std::error_code ec;
  fs::remove(marker, ec);
  EXPECT_EQ(host.exec({"touch", marker}), 127);
  EXPECT_EQ(host.exec({"/bin/sh", "-c", "touch " + marker}), 127);
  EXPECT_EQ(host.exec_bg({"touch", marker}), 0);
  EXPECT_EQ(host.exec({"/this/path/should/not/exist/abc_xyz"}), 127);
  EXPECT_EQ(host.exec({"true"}), 127);
  EXPECT_EQ(host.exec({}), 0);
  EXPECT_EQ(host.exec_bg({}), 0);
  usleep(100000);  // had anything been started in the background, give it time to show
  EXPECT_FALSE(fs::exists(marker));
  EXPECT_EQ(host.call_function("touch", {marker}), std::nullopt);
}

TEST(ShellDefaultHost, EverythingElseIsInert) {
  DefaultHost host;
  Chunk sub;
  const Value args[] = {Value::string("X"), Value::integer(2)};
  // Parameter expansion works (shell_param_test.cpp) but over an empty store: the process
  // environment is not visible, so $HOME is unset here.
  ASSERT_NE(getenv("HOME"), nullptr);
  EXPECT_EQ(host.expand_param("HOME", param_mod::DEFAULT, args).to_str(), "X");
  EXPECT_EQ(host.expand_param("HOME", param_mod::LENGTH, {}).to_int(), 0);
  for (uint8_t m : {param_mod::SUBST_FIRST, uint8_t{200}}) {
    const Value v = host.expand_param("HOME", m, args);
    ASSERT_TRUE(v.is_str());
    EXPECT_EQ(v.as_str(), "");
  }
  EXPECT_TRUE(host.array_index("a", Value::integer(0)).is_undef());
  EXPECT_EQ(host.cmd_subst(sub), "");
  EXPECT_EQ(host.process_sub_in(sub), "");
  EXPECT_EQ(host.process_sub_out(sub), "");
  host.redirect(1, redirect_op::WRITE, "/should/not/be/created");
  host.heredoc("body");
  host.herestring("word");
  host.with_redirects_begin(2);
  host.with_redirects_end();
  host.pipeline_begin(3);
  host.pipeline_stage();
  EXPECT_EQ(host.pipeline_end(), 0);
  EXPECT_EQ(host.pipeline_end(), 0);
  host.subshell_begin();
  EXPECT_EQ(host.subshell_end(), std::nullopt);
  host.trap_set("INT", sub);
  host.trap_set("", sub);
  host.trap_check();
  EXPECT_FALSE(fs::exists("/should/not/be/created"));
}

}  // namespace
}  // namespace fusevm
