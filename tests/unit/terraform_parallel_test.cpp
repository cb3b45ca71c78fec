// Root modules evaluated side by side (evaluate_terraform with jobs > 1)
// give exactly what one evaluator going through them in turn gives:
// resources, module instance numbers, root directories and diagnostics.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/terraform_test_util.h"

namespace clause {
namespace {

using testing_support::render_value;
using testing_support::TerraformFiles;

// Everything evaluate_terraform returns, as comparable text.
std::vector<std::string> flatten(const tf::TerraformEvaluation &ev) {
  std::vector<std::string> out;
  for (size_t i = 0; i < ev.resources.size(); ++i) {
    const Resource &r = ev.resources[i];
    out.push_back(r.address + " @" + r.document->path + ":" + std::to_string(r.span.start_line) +
                  " instance " + std::to_string(ev.instance[i]) + " root " + ev.root[i] + " body " +
                  (r.body ? render_value(*r.body) : "-"));
  }
  for (const FileDiagnostic &d : ev.diagnostics)
    out.push_back("diag " + d.diagnostic.code + " " + d.path + ":" +
                  std::to_string(d.diagnostic.span.start_line) + ":" +
                  std::to_string(d.diagnostic.span.start_col) + " " + d.diagnostic.message);
  return out;
}

// Three root modules calling one shared module (whose local cycle each
// instance reports at the same place), and two directories that only call
// each other (evaluated after the roots).
void add_three_roots(TerraformFiles &files) {
  for (const char *root : {"east", "north", "west"}) {
    files.add(std::string(root) + "/main.tf",
              "variable \"size\" {\n  default = 2\n}\n"
              "resource \"test_thing\" \"own\" {\n  count = var.size\n  name  = \"" +
                  std::string(root) +
                  "-${count.index}\"\n}\n"
                  "module \"shared\" {\n  source = \"../shared\"\n  label  = \"" +
                  root + "\"\n}\n");
  }
  files.add("shared/main.tf",
            "variable \"label\" {}\n"
            "locals {\n  a = local.b\n  b = local.a\n}\n"
            "resource \"test_thing\" \"s\" {\n  name = \"${var.label}-shared\"\n  loop = local.a\n}\n");
  files.add("x/main.tf", "resource \"test_thing\" \"in_x\" {}\nmodule \"y\" {\n  source = \"../y\"\n}\n");
  files.add("y/main.tf", "resource \"test_thing\" \"in_y\" {}\nmodule \"x\" {\n  source = \"../x\"\n}\n");
}

TEST(TerraformParallel, RootsSideBySideGiveTheSerialResult) {
  TerraformFiles files;
  add_three_roots(files);
  const std::vector<std::string> serial = flatten(tf::evaluate_terraform(files.docs, {}, 1));
  // Serial, as a reference: the roots in order, then the cycle, with the
  // shared module's local cycle reported once although three instances
  // meet it.
  ASSERT_EQ(serial.size(), 13u);
  const auto head = [](const std::string &line) { return line.substr(0, line.find(" body")); };
  EXPECT_EQ(head(serial[0]), "module.shared.test_thing.s @shared/main.tf:6 instance 1 root east");
  EXPECT_EQ(head(serial[1]), "test_thing.own[0] @east/main.tf:4 instance 0 root east");
  EXPECT_EQ(head(serial[3]), "module.shared.test_thing.s @shared/main.tf:6 instance 3 root north");
  EXPECT_EQ(head(serial[8]), "test_thing.own[1] @west/main.tf:4 instance 4 root west");
  EXPECT_EQ(head(serial[9]), "module.y.test_thing.in_y @y/main.tf:1 instance 7 root x");
  EXPECT_EQ(head(serial[10]), "test_thing.in_x @x/main.tf:1 instance 6 root x");
  EXPECT_EQ(serial[11],
            "diag local-cycle shared/main.tf:3:3 local.a depends on itself; its value is treated as unknown");
  EXPECT_EQ(serial[12].substr(0, 33), "diag module-cycle y/main.tf:2:1 m");
  int local_cycles = 0;
  for (const std::string &line : serial)
    local_cycles += line.rfind("diag local-cycle shared/main.tf:", 0) == 0;
  EXPECT_EQ(local_cycles, 1);
  for (unsigned jobs : {2u, 3u, 8u})
    EXPECT_EQ(flatten(tf::evaluate_terraform(files.docs, {}, jobs)), serial) << jobs;
}

TEST(TerraformParallel, RootsPastTheInstanceLimitTogetherAreEvaluatedInTurn) {
  // Each root alone stays under the scan root's module instance limit; all
  // three together pass it, and which calls are dropped depends on the
  // order: the result must still be the serial one.
  const size_t per_root = tf::kMaxModuleInstances / 2;
  TerraformFiles files;
  for (const char *root : {"a", "b", "c"})
    files.add(std::string(root) + "/main.tf",
              "module \"m\" {\n  source = \"../leaf\"\n  count  = " + std::to_string(per_root) + "\n}\n");
  files.add("leaf/main.tf", "resource \"test_thing\" \"t\" {}\n");
  const tf::TerraformEvaluation serial = tf::evaluate_terraform(files.docs, {}, 1);
  EXPECT_EQ(serial.resources.size(), tf::kMaxModuleInstances);
  ASSERT_FALSE(serial.diagnostics.empty());
  EXPECT_EQ(serial.diagnostics[0].diagnostic.code, "limit-module-instances");
  EXPECT_EQ(serial.diagnostics[0].path, "c/main.tf");  // a and b reach the limit together
  EXPECT_EQ(flatten(tf::evaluate_terraform(files.docs, {}, 4)), flatten(serial));
}

}  // namespace
}  // namespace clause
