// The awk frontend's lexer and parser: how programs group (shown by the fully parenthesised
// printer), the grammar's newline and context rules, and syntax errors with a caret.
#include <gtest/gtest.h>

#include <string>

#include "awk/ast_printer.h"
#include "awk/parser.h"

namespace fusevm::awkfront {
namespace {

// The program's tree, printed; or the rendered syntax error.
std::string parse_text(const std::string& text) {
  std::vector<Source> sources{{"prog.awk", text}};
  Program program;
  SyntaxError error;
  if (!parse_program(sources, program, error)) return "error: " + render_syntax_error(sources, error);
  return print_program(program);
}

// The single statement of `BEGIN { stmt }`, printed on one line.
std::string stmt(const std::string& text) {
  std::string printed = parse_text("BEGIN { " + text + " }");
  if (printed.rfind("error: ", 0) == 0) return printed;
  const size_t open = printed.find("{\n");
  const size_t close = printed.rfind("\n}");
  std::string body = printed.substr(open + 2, close - open - 2);
  while (!body.empty() && body.front() == ' ') body.erase(0, 1);
  return body;
}

TEST(AwkParser, ArithmeticPrecedenceAndAssociativity) {
  EXPECT_EQ(stmt("x = 1 + 2 * 3"), "(x = ((1)+(((2)*(3)))))");
  EXPECT_EQ(stmt("x = 1 - 2 - 3"), "(x = ((((1)-(2)))-(3)))");
  EXPECT_EQ(stmt("x = 2 ^ 3 ^ 2"), "(x = ((2)^(((3)^(2)))))");
  EXPECT_EQ(stmt("x = -2 ^ 2"), "(x = (-(((2)^(2)))))");
  EXPECT_EQ(stmt("x = 2 ^ -1"), "(x = ((2)^((-(1)))))");
  EXPECT_EQ(stmt("x = 2 ** 3"), "(x = ((2)^(3)))");
  EXPECT_EQ(stmt("x = !a + 1"), "(x = (((!(a)))+(1)))");
  EXPECT_EQ(stmt("a = b = c"), "(a = (b = c))");
  EXPECT_EQ(stmt("a += b -= 2"), "(a += (b -= 2))");
  EXPECT_EQ(stmt("x = a ? b : c ? d : e"), "(x = ((a) ? (b) : (((c) ? (d) : (e)))))");
  EXPECT_EQ(stmt("x = a || b && c"), "(x = ((a)||(((b)&&(c)))))");
  EXPECT_EQ(stmt("x = 10 % 3 * 2"), "(x = ((((10)%(3)))*(2)))");
}

TEST(AwkParser, ConcatenationSitsBetweenAdditionAndComparison) {
  EXPECT_EQ(stmt("x = a b c"), "(x = ((((a) (b))) (c)))");
  EXPECT_EQ(stmt("x = 1 \" \" 2 + 3"), "(x = ((((1) (\" \"))) (((2)+(3)))))");
  EXPECT_EQ(stmt("x = a -1"), "(x = ((a)-(1)))");  // subtraction, not a concatenation
  EXPECT_EQ(stmt("x = a (-1)"), "(x = ((a) ((-(1)))))");
  EXPECT_EQ(stmt("x = a b < c d"), "(x = ((((a) (b)))<(((c) (d)))))");
  EXPECT_EQ(stmt("x = $1 $2"), "(x = (($(1)) ($(2))))");
}

TEST(AwkParser, MatchInAndComparisonLevels) {
  EXPECT_EQ(stmt("x = a ~ b c"), "(x = ((a)~(((b) (c)))))");
  EXPECT_EQ(stmt("x = a < b ~ c"), "(x = ((((a)<(b)))~(c)))");
  EXPECT_EQ(stmt("x = k in arr && y"), "(x = ((((k) in arr))&&(y)))");
  EXPECT_EQ(stmt("x = (i, j) in arr"), "(x = ((i, j) in arr))");
  EXPECT_EQ(stmt("x = $0 !~ /a+/"), "(x = (($(0))!~(/a+/)))");
  EXPECT_EQ(stmt("x = a == b"), "(x = ((a)==(b)))");
}

TEST(AwkParser, FieldsBindTighterThanEverything) {
  EXPECT_EQ(stmt("x = $NF-1"), "(x = (($(NF))-(1)))");
  EXPECT_EQ(stmt("x = $(NF-1)"), "(x = $(((NF)-(1))))");
  EXPECT_EQ(stmt("x = $i++"), "(x = ($(i)++))");
  EXPECT_EQ(stmt("x = $++i"), "(x = $((++i)))");
  EXPECT_EQ(stmt("x = $-1"), "(x = $((-(1))))");
  EXPECT_EQ(stmt("x = $x^2"), "(x = (($(x))^(2)))");
  EXPECT_EQ(stmt("x = $$0"), "(x = $($(0)))");
  EXPECT_EQ(stmt("$3 = \"z\""), "($(3) = \"z\")");
}

TEST(AwkParser, IncrementAndDecrement) {
  EXPECT_EQ(stmt("x = y++ + ++z"), "(x = (((y++))+((++z))))");
  EXPECT_EQ(stmt("a[i]--"), "(a[i]--)");
  EXPECT_EQ(stmt("x = a[i, j]++"), "(x = (a[i, j]++))");
}

TEST(AwkParser, RegexOrDivisionDependsOnThePreviousToken) {
  EXPECT_EQ(stmt("x = a / b / c"), "(x = ((((a)/(b)))/(c)))");
  EXPECT_EQ(stmt("x = 4 / 2"), "(x = ((4)/(2)))");
  EXPECT_EQ(stmt("x = (a) / 2"), "(x = ((a)/(2)))");
  EXPECT_EQ(stmt("x = /=/"), "(x = /=/)");
  EXPECT_EQ(stmt("a /= 2"), "(a /= 2)");
  EXPECT_EQ(stmt("x = y ~ /a\\/b/"), "(x = ((y)~(/a\\/b/)))");
  EXPECT_EQ(stmt("x = y ~ /[/]x/"), "(x = ((y)~(/[/]x/)))");  // a '/' in brackets ends nothing
  EXPECT_EQ(parse_text("/a|b/"), "/a|b/\n");
  EXPECT_EQ(parse_text("/[[:alpha:]/]+/ { n++ }"), "/[[:alpha:]/]+/ {\n  (n++)\n}\n");
  // "[:" not followed by a class name and ":]" is two members; a later ":]" is not its end
  // (found by fuzz_awk_parser: the printed form lexed differently).
  EXPECT_EQ(stmt("x = y ~ /[[:a(/]x/ \":]\""), "(x = ((y)~(((/[[:a(/]x/) (\":]\")))))");
}

TEST(AwkParser, GetlineForms) {
  EXPECT_EQ(stmt("getline"), "(getline)");
  EXPECT_EQ(stmt("getline line"), "(getline line)");
  EXPECT_EQ(stmt("getline < file"), "(getline < (file))");
  EXPECT_EQ(stmt("getline a[1] < \"f\""), "(getline a[1] < (\"f\"))");
  EXPECT_EQ(stmt("\"cmd\" | getline"), "((\"cmd\") | getline)");
  EXPECT_EQ(stmt("\"ls \" dir | getline x"), "((((\"ls \") (dir))) | getline x)");
  EXPECT_EQ(stmt("while ((getline line < f) > 0) n++"),
            "while ((((getline line < (f)))>(0))) {\n    (n++)\n  }");
  EXPECT_EQ(stmt("x = getline < \"a\" \"b\""), "(x = (((getline < (\"a\"))) (\"b\")))");
  EXPECT_EQ(stmt("\"cmd\" | getline > 0"), "((((\"cmd\") | getline))>(0))");
}

TEST(AwkParser, PrintRedirectionsAndParenthesisedLists) {
  EXPECT_EQ(stmt("print"), "print");
  EXPECT_EQ(stmt("print a, b > \"out\""), "print (a, b) > (\"out\")");
  EXPECT_EQ(stmt("print a > \"f\" \".txt\""), "print (a) > (((\"f\") (\".txt\")))");
  EXPECT_EQ(stmt("print (a > b)"), "print (((a)>(b)))");
  EXPECT_EQ(stmt("print (a, b) > \"f\""), "print (a, b) > (\"f\")");
  EXPECT_EQ(stmt("print (1)(2)"), "print (((1) (2)))");
  EXPECT_EQ(stmt("print a >> \"log\""), "print (a) >> (\"log\")");
  EXPECT_EQ(stmt("print a | \"sort\""), "print (a) | (\"sort\")");
  EXPECT_EQ(stmt("printf(\"%d\\n\", x) > \"f\""), "printf (\"%d\\n\", x) > (\"f\")");
  EXPECT_EQ(stmt("printf \"%s\", a[1, 2]"), "printf (\"%s\", a[1, 2])");
  EXPECT_EQ(stmt("print > \"f\""), "print > (\"f\")");
  EXPECT_EQ(stmt("print a, (b > c) > \"f\""), "print (a, ((b)>(c))) > (\"f\")");
}

TEST(AwkParser, StatementsAndNewlineRules) {
  EXPECT_EQ(parse_text("BEGIN {\n  if (x)\n    print 1\n  else\n    print 2\n}"),
            "BEGIN {\n  if (x) {\n    print (1)\n  } else {\n    print (2)\n  }\n}\n");
  EXPECT_EQ(parse_text("BEGIN { if (x) print 1; else print 2 }"),
            "BEGIN {\n  if (x) {\n    print (1)\n  } else {\n    print (2)\n  }\n}\n");
  EXPECT_EQ(parse_text("BEGIN { x = a &&\n b || \n c }"), "BEGIN {\n  (x = ((((a)&&(b)))||(c)))\n}\n");
  EXPECT_EQ(parse_text("BEGIN { print 1,\n 2 }"), "BEGIN {\n  print (1, 2)\n}\n");
  EXPECT_EQ(parse_text("BEGIN { do\n x++\n while (x < 3) }"), "BEGIN {\n  do {\n    (x++)\n  } while (((x)<(3)))\n}\n");
  EXPECT_EQ(parse_text("BEGIN { for (;;) break }"), "BEGIN {\n  for (; ; ) {\n    break\n  }\n}\n");
  EXPECT_EQ(parse_text("BEGIN { for (i = 0; i < 3; i++) continue }"),
            "BEGIN {\n  for ((i = 0); ((i)<(3)); (i++)) {\n    continue\n  }\n}\n");
  EXPECT_EQ(parse_text("{ for (k in a) delete a[k]; delete a }"),
            "{\n  for (k in a) {\n    delete a[k]\n  }\n  delete a\n}\n");
  EXPECT_EQ(parse_text("BEGIN { x = 1 \\\n + 2 }"), "BEGIN {\n  (x = ((1)+(2)))\n}\n");
  EXPECT_EQ(parse_text("# comment\nBEGIN { x = 1 } # more\n"), "BEGIN {\n  (x = 1)\n}\n");
  EXPECT_EQ(parse_text("BEGIN { while (x--) ; }"), "BEGIN {\n  while ((x--)) {\n  }\n}\n");
  EXPECT_EQ(parse_text("{ exit } END { exit 3 }"), "{\n  exit\n}\nEND {\n  exit (3)\n}\n");
}

TEST(AwkParser, RulesPatternsAndFunctions) {
  EXPECT_EQ(parse_text("NR == 1, /end/ { print }\nNF\n{ n++ }"),
            "((NR)==(1)), /end/ {\n  print\n}\nNF\n{\n  (n++)\n}\n");
  EXPECT_EQ(parse_text("function f(a, b,\n  c) { return a + b }\nBEGIN { print f(1, 2) }"),
            "function f(a, b, c) {\n  return (((a)+(b)))\n}\nBEGIN {\n  print (f(1, 2))\n}\n");
  EXPECT_EQ(parse_text("func g() { return }"), "function g() {\n  return\n}\n");
  EXPECT_EQ(parse_text("BEGIN { n = length; m = length(x); s = substr(\"abc\", 2) }"),
            "BEGIN {\n  (n = length())\n  (m = length(x))\n  (s = substr(\"abc\", 2))\n}\n");
  EXPECT_EQ(parse_text("BEGIN { print } ; END { print }"), "BEGIN {\n  print\n}\nEND {\n  print\n}\n");
}

TEST(AwkParser, StringEscapes) {
  EXPECT_EQ(stmt("x = \"a\\tb\\n\\\"q\\\\\\/\""), "(x = \"a\\tb\\n\\\"q\\\\/\")");
  EXPECT_EQ(stmt("x = \"\\101\\0612\""), "(x = \"A12\")");
  EXPECT_EQ(stmt("x = \"\\.\""), "(x = \"\\\\.\")");  // an unknown escape keeps its backslash
}

TEST(AwkParser, SyntaxErrorsPointAtTheToken) {
  EXPECT_EQ(parse_text("BEGIN { x = = 3 }"),
            "error: prog.awk:1:13: syntax error: unexpected '='\n    BEGIN { x = = 3 }\n                ^\n");
  EXPECT_EQ(parse_text("BEGIN {\n\tprint \"abc\n}"),
            "error: prog.awk:2:8: syntax error: unterminated string\n    \tprint \"abc\n    \t      ^\n");
  EXPECT_EQ(parse_text("BEGIN { x = 1"),
            "error: prog.awk:1:14: syntax error: missing '}' (the block opened at line 1)\n    BEGIN { x = 1\n                 ^\n");
  EXPECT_NE(parse_text("BEGIN { x = /abc }").find("1:13: syntax error: unterminated regular expression"), std::string::npos);
  EXPECT_NE(parse_text("BEGIN { substr(1) }").find("substr takes 2 to 3 arguments, not 1"), std::string::npos);
  EXPECT_NE(parse_text("BEGIN { next }").find("next is not allowed in BEGIN or END"), std::string::npos);
  EXPECT_NE(parse_text("{ return 1 }").find("return outside a function"), std::string::npos);
  EXPECT_NE(parse_text("{ break }").find("break outside a loop"), std::string::npos);
  EXPECT_NE(parse_text("{ 1 = 2 }").find("the left side of '=' is not a variable"), std::string::npos);
  EXPECT_NE(parse_text("function length(x) { }").find("'length' is a builtin function"), std::string::npos);
  EXPECT_NE(parse_text("BEGIN { x = 1 @ 2 }").find("unexpected character '@'"), std::string::npos);
  EXPECT_NE(parse_text("BEGIN { x = (1, 2) }").find("must be followed by 'in'"), std::string::npos);
  EXPECT_NE(parse_text("BEGIN\n{ }").find("BEGIN needs an action"), std::string::npos);
  EXPECT_NE(parse_text("BEGIN { printf }").find("printf needs a format"), std::string::npos);
}

TEST(AwkParser, SeveralSourcesJoinAsLinesAndErrorsNameTheirFile) {
  std::vector<Source> sources{{"a.awk", "function f(x) { return x * 2 }"}, {"b.awk", "BEGIN { print f(2) }\nBEGIN { ) }"}};
  Program program;
  SyntaxError error;
  ASSERT_FALSE(parse_program(sources, program, error));
  EXPECT_EQ(render_syntax_error(sources, error), "b.awk:2:9: syntax error: unexpected ')'\n    BEGIN { ) }\n            ^\n");
  sources[1].text = "BEGIN { print f(2) }";
  ASSERT_TRUE(parse_program(sources, program, error));
  EXPECT_EQ(program.functions.size(), 1u);
  EXPECT_EQ(program.rules.size(), 1u);
}

TEST(AwkParser, DeepNestingIsRefusedNotACrash) {
  for (const size_t depth : {300u, 100000u}) {
    EXPECT_NE(parse_text("BEGIN { x = " + std::string(depth, '(') + "1" + std::string(depth, ')') + " }")
                  .find("nested too deeply"),
              std::string::npos);
    std::string negations;
    for (size_t i = 0; i < depth; ++i) negations += "- ";
    EXPECT_NE(parse_text("BEGIN { x = " + negations + "1 }").find("nested too deeply"), std::string::npos);
    EXPECT_NE(parse_text("BEGIN " + std::string(depth, '{') + std::string(depth, '}')).find("nested too deeply"),
              std::string::npos);
  }
  // Real programs nest far less deeply than the limit.
  EXPECT_EQ(parse_text("BEGIN { x = " + std::string(100, '(') + "1" + std::string(100, ')') + " }"),
            "BEGIN {\n  (x = 1)\n}\n");
}

TEST(AwkParser, PrintedTreesParseBackToThemselves) {
  const char* programs[] = {
      "{ a[$1] += $2 } END { for (k in a) print k, a[k] | \"sort\" }",
      "!seen[$0]++",
      "NR % 2 == 0 { print NR \": \" $0 > \"even.txt\" }",
      "BEGIN { FS = \":\"; while ((\"cat /etc/passwd\" | getline line) > 0) n++; close(\"cat /etc/passwd\"); print n }",
      "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) } BEGIN { print fib(20) }",
      "{ $3 = \"\"; sub(/^ +/, \"\"); gsub(/[aeiou]/, \"<&>\", $1); print length($0), -$2 ^ 2 }",
      "/start/, /stop/ { printf \"%-10s|%5.2f\\n\", $1, $2 * 1.5 }",
      "BEGIN { x = y = 3; print x y, (x, y) in z, !x, x ? \"t\" : \"f\"; getline; getline v < \"f\" }",
  };
  for (const char* text : programs) {
    const std::string once = parse_text(text);
    ASSERT_EQ(once.rfind("error: ", 0), std::string::npos) << text << "\n" << once;
    EXPECT_EQ(parse_text(once), once) << text;
  }
}

}  // namespace
}  // namespace fusevm::awkfront
