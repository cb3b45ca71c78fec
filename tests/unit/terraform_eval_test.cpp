// Terraform expression evaluation: functions, operators, templates,
// variables and locals, count / for_each, dynamic blocks, unknowns, and the
// locations evaluated values carry.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "checker/terraform/expansion.h"
#include "checker/terraform/functions.h"
#include "checker/terraform/values.h"
#include "span_expect.h"
#include "terraform_test_util.h"

namespace clause {
namespace {

using testing_support::expect_span;
using testing_support::render_value;
using testing_support::TerraformFiles;

// Evaluates each expression as an attribute of one resource and compares
// the rendered values.
void expect_values(const std::vector<std::pair<std::string, std::string>> &cases,
                   const std::string &extra = "") {
  std::string src = extra + "resource \"test_thing\" \"t\" {\n";
  for (size_t i = 0; i < cases.size(); ++i) src += "  a" + std::to_string(i) + " = " + cases[i].first + "\n";
  src += "}\n";
  TerraformFiles files;
  files.add("main.tf", src);
  files.evaluate();
  for (size_t i = 0; i < cases.size(); ++i)
    EXPECT_EQ(render_value(files.attr("test_thing.t", "a" + std::to_string(i))), cases[i].second)
        << cases[i].first;
}

TEST(TerraformEval, CollectionFunctions) {
  expect_values({
      {R"(lookup({a = 1, b = 2}, "b"))", "2"},
      {R"(lookup({a = 1}, "z", "d"))", R"("d")"},
      {R"(lookup({a = 1}, "z"))", "!"},
      {R"(merge({a = 1, b = 2}, {b = 3, c = 4}))", "{a = 1, b = 3, c = 4}"},
      {R"(merge({a = 1}, null))", "{a = 1}"},
      {R"(concat([1, 2], [3], []))", "[1, 2, 3]"},
      {R"(coalesce(null, "", "x", "y"))", R"("x")"},
      {R"(coalescelist([], ["b"]))", R"(["b"])"},
      {R"(length([1, 2, 3]))", "3"},
      {R"(length({a = 1}))", "1"},
      {"length(\"h\xC3\xA9llo\")", "5"},
      {R"(contains(["a", "b"], "b"))", "true"},
      {R"(contains(["a", "b"], "c"))", "false"},
      {R"(keys({b = 1, a = 2}))", R"(["a", "b"])"},
      {R"(values({b = 1, a = 2}))", "[2, 1]"},
      {R"(element(["a", "b", "c"], 4))", R"("b")"},
      {R"(toset(["b", "a", "b"]))", R"(["a", "b"])"},
      {R"(tolist(["x"]))", R"(["x"])"},
      {R"(tomap({a = "x"}))", R"({a = "x"})"},
      {R"(flatten([[1, [2]], 3]))", "[1, 2, 3]"},
      {R"(distinct([1, 2, 1]))", "[1, 2]"},
      {R"(compact(["a", "", null, "b"]))", R"(["a", "b"])"},
      {R"(zipmap(["a", "b"], [1, 2]))", "{a = 1, b = 2}"},
      {R"(reverse([1, 2]))", "[2, 1]"},
      {R"(slice(["a", "b", "c"], 1, 3))", R"(["b", "c"])"},
      {R"(sort(["b", "c", "a"]))", R"(["a", "b", "c"])"},
      {R"(range(3))", "[0, 1, 2]"},
      {R"(one([]))", "null"},
      {R"(index(["a", "b"], "b"))", "1"},
      {R"(alltrue([true, "true"]))", "true"},
      {R"(anytrue([false]))", "false"},
  });
}

TEST(TerraformEval, ConversionNumberAndStringFunctions) {
  expect_values({
      {R"(tostring(5))", R"("5")"},
      {R"(tonumber("12.5"))", "12.5"},
      {R"(tonumber("x"))", "!"},
      {R"(tobool("true"))", "true"},
      {R"(min(3, 1, 2))", "1"},
      {R"(max(3, 1, 2))", "3"},
      {R"(max([4, 9]...))", "9"},
      {R"(abs(-3))", "3"},
      {R"(ceil(1.2))", "2"},
      {R"(floor(1.8))", "1"},
      {R"(sum([1, 2, 3.5]))", "6.5"},
      {R"(format("%s-%03d-%.2f %q %t %%", "app", 7, 3.14159, "x", true))", R"("app-007-3.14 "x" true %")"},
      {R"(format("%-4s|%5s|%x", "a", "b", 255))", R"("a   |    b|ff")"},
      {R"(format("%d", 1.5))", "!"},
      {R"(join("-", ["a", "b"], ["c"]))", R"("a-b-c")"},
      {R"(split(",", "a,b,,c"))", R"(["a", "b", "", "c"])"},
      {R"(lower("AbC"))", R"("abc")"},
      {R"(upper("AbC"))", R"("ABC")"},
      {R"(title("hello world"))", R"("Hello World")"},
      {R"(replace("a-b-c", "-", "_"))", R"("a_b_c")"},
      {R"(replace("abc123", "/[0-9]+/", "#"))", R"("abc#")"},
      {R"(replace("key=value", "/(\\w+)=(\\w+)/", "$2=$1"))", R"("value=key")"},
      {R"(trimspace("  x \n"))", R"("x")"},
      {R"(trim("--x--", "-"))", R"("x")"},
      {R"(trimprefix("prefix-x", "prefix-"))", R"("x")"},
      {R"(trimsuffix("x.tf", ".tf"))", R"("x")"},
      {R"(chomp("x\n"))", R"("x")"},
      {R"(startswith("hello", "he"))", "true"},
      {R"(endswith("hello", "lo"))", "true"},
      {R"(substr("hello", 1, 3))", R"("ell")"},
      {R"(substr("hello", -3, -1))", R"("llo")"},
  });
}

TEST(TerraformEval, TryAndCan) {
  expect_values(
      {
          {R"(try(lookup({a = 1}, "z"), "fallback"))", R"("fallback")"},
          {R"(try({a = 1}.b, {a = 1}.a))", "1"},
          {R"(try(aws_s3_bucket.b.id, "x"))", "?"},
          {R"(can(lookup({a = 1}, "z")))", "false"},
          {R"(can(lookup({a = 1}, "a")))", "true"},
          {R"(can(regex("a", var.unset)))", "?"},
      },
      "variable \"unset\" {}\n");
}

TEST(TerraformEval, EveryListedFunctionIsEvaluated) {
  // The functions DESIGN.md §3 and the evaluation brief name.
  for (const char *name :
       {"lookup", "merge",   "concat", "coalesce",  "tostring",   "tonumber", "tobool", "length",  "contains",
        "keys",   "values",  "try",    "can",       "element",    "format",   "join",   "split",   "lower",
        "upper",  "replace", "min",    "max",       "toset",      "tolist",   "tomap",  "flatten", "distinct",
        "abs",    "ceil",    "floor",  "trimspace", "startswith", "endswith", "substr"}) {
    auto all = tf::evaluated_functions();
    EXPECT_NE(std::find(all.begin(), all.end(), name), all.end()) << name;
  }
}

TEST(TerraformEval, OperatorsAndConditionals) {
  expect_values(
      {
          {"1 + 2 * 3", "7"},
          {"(1 + 2) * 3", "9"},
          {"10 / 4", "2.5"},
          {"7 % 3", "1"},
          {"-5 + 2", "-3"},
          {"1 / 0", "!"},
          {"3 > 2 && 2 >= 2", "true"},
          {"1 < 0 || 1 <= 0", "false"},
          {"!true", "false"},
          {R"("a" == "a")", "true"},
          {R"(1 == "1")", "false"},
          {"[1, 2] != [1, 2]", "false"},
          {"var.on ? \"yes\" : \"no\"", R"("yes")"},
          {"var.off ? 1 : 0", "0"},
          {"var.unset ? 1 : 0", "?"},
          {"var.unset ? 5 : 5", "5"},
          {"false && var.unset", "false"},
          {"var.unset || true", "true"},
          {"var.unset && true", "?"},
          {"var.unset == 1", "?"},
          {R"({a = [10, 20]}.a[1])", "20"},
          {R"([{n = 1}, {n = 2}][*].n)", "[1, 2]"},
          {R"(var.list[5])", "!"},
      },
      "variable \"on\" { default = true }\nvariable \"off\" { default = false }\nvariable \"unset\" {}\n"
      "variable \"list\" { default = [1] }\n");
}

TEST(TerraformEval, TemplatesAndHeredocs) {
  TerraformFiles files;
  files.add("main.tf",
            "variable \"env\" { default = \"prod\" }\n"
            "variable \"n\" { default = 3 }\n"
            "resource \"test_thing\" \"t\" {\n"
            "  plain  = \"app ${var.env} x${var.n} done\"\n"
            "  typed  = \"${var.n}\"\n"
            "  escape = \"$${literal} ${var.env}\"\n"
            "  doc    = <<EOT\n"
            "  hello ${var.env}\n"
            "    indented  ${var.n}  end\n"
            "EOT\n"
            "  dir    = \"%{if var.n > 1}many%{endif}\"\n"
            "}\n");
  files.evaluate();
  EXPECT_EQ(render_value(files.attr("test_thing.t", "plain")), R"("app prod x3 done")");
  EXPECT_EQ(render_value(files.attr("test_thing.t", "typed")), "3");
  EXPECT_EQ(render_value(files.attr("test_thing.t", "escape")), R"("${literal} prod")");
  EXPECT_EQ(files.attr("test_thing.t", "doc").text, "  hello prod\n    indented  3  end\n");
  EXPECT_EQ(render_value(files.attr("test_thing.t", "dir")), "?");
}

TEST(TerraformEval, UnknownsStayUnknown) {
  TerraformFiles files;
  files.add("main.tf",
            "variable \"required\" {}\n"
            "resource \"aws_s3_bucket\" \"b\" {\n"
            "  bucket = \"b\"\n"
            "}\n"
            "resource \"test_thing\" \"t\" {\n"
            "  arn      = aws_s3_bucket.b.arn\n"
            "  data     = data.aws_caller_identity.me.account_id\n"
            "  path     = \"${path.module}/x\"\n"
            "  fn       = jsondecode(\"{}\")\n"
            "  forexpr  = [for x in [1, 2] : x]\n"
            "  required = var.required\n"
            "  partly   = { known = 1, unknown = var.required }\n"
            "  ws       = terraform.workspace\n"
            "}\n");
  files.evaluate();
  const Node &arn = files.attr("test_thing.t", "arn");
  ASSERT_TRUE(arn.is_expression());
  EXPECT_EQ(arn.text, "aws_s3_bucket.b.arn");
  std::vector<std::string> refs;
  tf::collect_references(arn, refs);
  EXPECT_EQ(refs, std::vector<std::string>{"aws_s3_bucket.b"});
  for (const char *key : {"data", "path", "fn", "forexpr", "required", "ws"}) {
    const Node &v = files.attr("test_thing.t", key);
    EXPECT_TRUE(v.is_expression()) << key;
    EXPECT_FALSE(tf::is_error(v)) << key;
    std::vector<std::string> none;
    tf::collect_references(v, none);
    EXPECT_TRUE(none.empty()) << key;
  }
  EXPECT_EQ(files.attr("test_thing.t", "required").text, "var.required");
  EXPECT_EQ(render_value(files.attr("test_thing.t", "partly")), "{known = 1, unknown = ?}");
}

// An unknown's provenance names each address once: forty locals each
// joining the last twice once held 2^40 copies of one address.
TEST(TerraformEval, UnknownReferencesAreASetSharedThroughCopies) {
  std::string text =
      "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n"
      "resource \"aws_s3_bucket\" \"c\" {\n  bucket = \"c\"\n}\n"
      "locals {\n  l0 = aws_s3_bucket.b.id\n";
  for (int i = 1; i <= 40; ++i)
    text += "  l" + std::to_string(i) + " = \"${local.l" + std::to_string(i - 1) + "}${local.l" +
            std::to_string(i - 1) + "}\"\n";
  text +=
      "}\n"
      "resource \"test_thing\" \"t\" {\n"
      "  doubled = local.l40\n"
      "  both    = \"${aws_s3_bucket.b.arn}-${aws_s3_bucket.c.arn}-${aws_s3_bucket.b.id}\"\n"
      "  listed  = join(\",\", [aws_s3_bucket.c.id, local.l40, aws_s3_bucket.b.arn])\n"
      "}\n";
  TerraformFiles files;
  files.add("main.tf", text);
  files.evaluate();
  auto refs_of = [&](const char *key) {
    std::vector<std::string> refs;
    tf::collect_references(files.attr("test_thing.t", key), refs);
    return refs;
  };
  EXPECT_EQ(refs_of("doubled"), std::vector<std::string>{"aws_s3_bucket.b"});
  EXPECT_EQ(refs_of("both"), (std::vector<std::string>{"aws_s3_bucket.b", "aws_s3_bucket.c"}));
  EXPECT_EQ(refs_of("listed"), (std::vector<std::string>{"aws_s3_bucket.c", "aws_s3_bucket.b"}));
}

// Past kMaxUnknownReferences distinct addresses an unknown keeps none and
// is plain: a walk of references takes it as open.
TEST(TerraformEval, UnknownWithTooManyReferencesIsPlain) {
  auto joined = [](size_t n) {
    std::string list;
    for (size_t i = 0; i < n; ++i)
      list += (i ? ", " : "") + ("aws_s3_bucket.b[" + std::to_string(i) + "].id");
    return "join(\",\", [" + list + "])";
  };
  TerraformFiles files;
  files.add("main.tf",
            "resource \"aws_s3_bucket\" \"b\" {\n"
            "  count  = 1100\n"
            "  bucket = \"b${count.index}\"\n"
            "}\n"
            "resource \"test_thing\" \"t\" {\n"
            "  at_bound = " +
                joined(tf::kMaxUnknownReferences) +
                "\n"
                "  past     = " +
                joined(tf::kMaxUnknownReferences + 1) +
                "\n"
                "}\n");
  files.evaluate();
  const Node &at_bound = files.attr("test_thing.t", "at_bound");
  const Node &past = files.attr("test_thing.t", "past");
  std::vector<std::string> refs;
  tf::collect_references(at_bound, refs);
  ASSERT_EQ(refs.size(), tf::kMaxUnknownReferences);
  EXPECT_EQ(refs.front(), "aws_s3_bucket.b[0]");
  EXPECT_EQ(refs.back(), "aws_s3_bucket.b[1023]");
  EXPECT_FALSE(tf::has_plain_unknown(at_bound));
  refs.clear();
  tf::collect_references(past, refs);
  EXPECT_TRUE(refs.empty());
  EXPECT_TRUE(past.is_expression());
  EXPECT_TRUE(tf::has_plain_unknown(past));
}

TEST(TerraformEval, DefaultThroughLocalIsLocatedWhereUsed) {
  TerraformFiles files;
  files.add("variables.tf",
            "variable \"retention\" {\n"
            "  default = 3\n"
            "}\n"
            "variable \"tags\" {\n"
            "  default = { team = \"core\" }\n"
            "}\n");
  files.add("main.tf",
            "locals {\n"
            "  days = var.retention\n"
            "}\n"
            "resource \"test_thing\" \"t\" {\n"
            "  retention = local.days\n"
            "  tags      = var.tags\n"
            "}\n");
  files.evaluate();
  const Resource *r = files.find("test_thing.t");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->document->path, "main.tf");
  expect_span(r->span, 4, 1, 4, 26);
  const MapEntry *retention = r->body->entry("retention");
  ASSERT_NE(retention, nullptr);
  EXPECT_EQ(retention->value.kind, NodeKind::Number);
  EXPECT_EQ(retention->value.number, 3);
  expect_span(retention->key_span, 5, 3, 5, 12);
  expect_span(retention->value.span, 5, 15, 5, 25);
  const Node &tags = *r->body->get("tags");
  ASSERT_TRUE(tags.is_map());
  EXPECT_EQ(tags.get("team")->text, "core");
  expect_span(tags.get("team")->span, 6, 15, 6, 23);
  expect_span(tags.entries[0].key_span, 6, 15, 6, 23);
}

TEST(TerraformEval, TfvarsOverrideDefaultsInTerraformOrder) {
  TerraformFiles files;
  files.add("main.tf",
            "variable \"a\" { default = \"default\" }\n"
            "variable \"b\" { default = \"default\" }\n"
            "variable \"c\" { default = \"default\" }\n"
            "variable \"d\" { default = \"default\" }\n"
            "variable \"n\" {\n"
            "  type    = number\n"
            "  default = 1\n"
            "}\n"
            "resource \"test_thing\" \"t\" {\n"
            "  a = var.a\n"
            "  b = var.b\n"
            "  c = var.c\n"
            "  d = var.d\n"
            "  n = var.n\n"
            "}\n");
  files.add("terraform.tfvars", "a = \"tfvars\"\nb = \"tfvars\"\nc = \"tfvars\"\nn = \"7\"\n");
  files.add("b.auto.tfvars", "b = \"b.auto\"\nc = \"b.auto\"\n");
  files.add("a.auto.tfvars", "b = \"a.auto\"\n");
  files.add("prod.tfvars", "a = \"not loaded automatically\"\n");
  TerraformFiles var_file;
  var_file.add("extra.tfvars", "c = \"var-file\"\n");
  files.evaluate({var_file.docs[0].get()});
  EXPECT_EQ(files.attr("test_thing.t", "a").text, "tfvars");
  EXPECT_EQ(files.attr("test_thing.t", "b").text, "b.auto");  // later *.auto.tfvars wins
  EXPECT_EQ(files.attr("test_thing.t", "c").text, "var-file");
  EXPECT_EQ(files.attr("test_thing.t", "d").text, "default");
  const Node &n = files.attr("test_thing.t", "n");
  EXPECT_EQ(n.kind, NodeKind::Number);  // converted by `type = number`
  EXPECT_EQ(n.number, 7);
  expect_span(n.span, 14, 7, 14, 12);
}

TEST(TerraformEval, LocalsInDependencyOrderAndCyclesReported) {
  TerraformFiles files;
  files.add("main.tf",
            "locals {\n"
            "  c = \"${local.b}-c\"\n"
            "  b = \"${local.a}-b\"\n"
            "  a = \"a\"\n"
            "  x = local.y\n"
            "  y = local.x\n"
            "}\n"
            "resource \"test_thing\" \"t\" {\n"
            "  chain = local.c\n"
            "  loop  = local.x\n"
            "}\n");
  const auto &ev = files.evaluate();
  EXPECT_EQ(files.attr("test_thing.t", "chain").text, "a-b-c");
  EXPECT_TRUE(files.attr("test_thing.t", "loop").is_expression());
  ASSERT_EQ(ev.diagnostics.size(), 1u);
  EXPECT_EQ(ev.diagnostics[0].diagnostic.code, "local-cycle");
  EXPECT_EQ(ev.diagnostics[0].path, "main.tf");
  EXPECT_EQ(ev.diagnostics[0].diagnostic.span.start_line, 5u);
  EXPECT_EQ(ev.diagnostics[0].diagnostic.message,
            "local.x depends on itself; its value is treated as unknown");
}

TEST(TerraformEval, CountZeroProducesNothing) {
  TerraformFiles files;
  files.add("main.tf",
            "variable \"enabled\" { default = false }\n"
            "resource \"aws_s3_bucket\" \"zero\" {\n"
            "  count = 0\n"
            "}\n"
            "resource \"aws_s3_bucket\" \"off\" {\n"
            "  count = var.enabled ? 1 : 0\n"
            "}\n"
            "resource \"aws_s3_bucket\" \"on\" {\n"
            "  count = var.enabled ? 0 : 1\n"
            "}\n");
  files.evaluate();
  EXPECT_EQ(files.addresses(), std::vector<std::string>{"aws_s3_bucket.on[0]"});
}

TEST(TerraformEval, CountTwoGivesIndexedAddresses) {
  TerraformFiles files;
  files.add("main.tf",
            "resource \"test_thing\" \"t\" {\n"
            "  count = 2\n"
            "  name  = \"node-${count.index}\"\n"
            "}\n");
  files.evaluate();
  EXPECT_EQ(files.addresses(), (std::vector<std::string>{"test_thing.t[0]", "test_thing.t[1]"}));
  EXPECT_EQ(files.attr("test_thing.t[0]", "name").text, "node-0");
  EXPECT_EQ(files.attr("test_thing.t[1]", "name").text, "node-1");
  const Resource *r = files.find("test_thing.t[1]");
  expect_span(r->span, 1, 1, 1, 26);
}

TEST(TerraformEval, ForEachOverAMap) {
  TerraformFiles files;
  files.add("main.tf",
            "locals {\n"
            "  buckets = {\n"
            "    logs  = 30\n"
            "    audit = 365\n"
            "  }\n"
            "}\n"
            "resource \"test_thing\" \"t\" {\n"
            "  for_each  = local.buckets\n"
            "  name      = each.key\n"
            "  retention = each.value\n"
            "}\n"
            "resource \"test_thing\" \"s\" {\n"
            "  for_each = toset([\"b\", \"a\"])\n"
            "  name     = each.value\n"
            "}\n");
  files.evaluate();
  EXPECT_EQ(files.addresses(), (std::vector<std::string>{"test_thing.t[\"audit\"]", "test_thing.t[\"logs\"]",
                                                         "test_thing.s[\"a\"]", "test_thing.s[\"b\"]"}));
  EXPECT_EQ(files.attr("test_thing.t[\"audit\"]", "name").text, "audit");
  EXPECT_EQ(files.attr("test_thing.t[\"audit\"]", "retention").number, 365);
  EXPECT_EQ(files.attr("test_thing.t[\"logs\"]", "retention").number, 30);
  EXPECT_EQ(files.attr("test_thing.s[\"b\"]", "name").text, "b");
}

TEST(TerraformEval, UnknownCountOrForEachGivesOneInstanceWithUnknownKeys) {
  TerraformFiles files;
  files.add("main.tf",
            "variable \"n\" {}\n"
            "variable \"m\" {}\n"
            "resource \"test_thing\" \"c\" {\n"
            "  count = var.n\n"
            "  name  = \"node-${count.index}\"\n"
            "  fixed = \"same\"\n"
            "}\n"
            "resource \"test_thing\" \"e\" {\n"
            "  for_each = var.m\n"
            "  name     = each.key\n"
            "}\n");
  files.evaluate();
  EXPECT_EQ(files.addresses(), (std::vector<std::string>{"test_thing.c", "test_thing.e"}));
  EXPECT_TRUE(files.attr("test_thing.c", "name").is_expression());
  EXPECT_EQ(files.attr("test_thing.c", "fixed").text, "same");
  EXPECT_TRUE(files.attr("test_thing.e", "name").is_expression());
}

TEST(TerraformEval, DynamicBlocksExpandIntoNestedBlocks) {
  TerraformFiles files;
  files.add("main.tf",
            "variable \"ports\" { default = [80, 443] }\n"
            "variable \"unset\" {}\n"
            "resource \"aws_security_group\" \"sg\" {\n"
            "  ingress {\n"
            "    from_port = 22\n"
            "  }\n"
            "  dynamic \"ingress\" {\n"
            "    for_each = var.ports\n"
            "    iterator = port\n"
            "    content {\n"
            "      from_port = port.value\n"
            "      position  = port.key\n"
            "    }\n"
            "  }\n"
            "  dynamic \"egress\" {\n"
            "    for_each = var.unset\n"
            "    content {\n"
            "      cidr_blocks = [\"0.0.0.0/0\"]\n"
            "    }\n"
            "  }\n"
            "}\n");
  files.evaluate();
  const Resource *r = files.find("aws_security_group.sg");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->body->get("dynamic"), nullptr);
  const Node &ingress = *r->body->get("ingress");
  ASSERT_TRUE(ingress.is_list());
  EXPECT_TRUE(ingress.from_block);
  EXPECT_EQ(render_value(ingress),
            "[{from_port = 22}, {from_port = 80, position = 0}, {from_port = 443, position = 1}]");
  expect_span(ingress.items[1].span, 10, 5, 13, 6);
  expect_span(ingress.items[1].get("from_port")->span, 11, 19, 11, 29);
  const Node &egress = *r->body->get("egress");
  ASSERT_TRUE(egress.is_list());
  ASSERT_EQ(egress.items.size(), 1u);
  EXPECT_TRUE(egress.items[0].is_expression());
}

TEST(TerraformEval, HugeCountIsCappedWithADiagnostic) {
  TerraformFiles files;
  files.add("main.tf",
            "resource \"test_thing\" \"many\" {\n"
            "  count = 100000\n"
            "}\n");
  const auto &ev = files.evaluate();
  EXPECT_EQ(ev.resources.size(), tf::kMaxInstancesPerBlock);
  ASSERT_EQ(ev.diagnostics.size(), 1u);
  EXPECT_EQ(ev.diagnostics[0].diagnostic.code, "limit-expansion");
  EXPECT_EQ(ev.diagnostics[0].diagnostic.span.start_line, 1u);
}

}  // namespace
}  // namespace clause
