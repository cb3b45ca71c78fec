// Every infrastructure rule's page lists the resource types the rule reads,
// per format (scripts/rule-type-tables writes the table), and a rule that
// reads a type in one format reads its equivalent in the other formats it
// reads (docs/resource-equivalents.yaml), or the gap is listed there.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "checker/engine/rule_set.h"
#include "tests/unit/yaml_test_support.h"

namespace clause {
namespace {

const std::map<TargetFormat, std::vector<std::string>> &targets_of(const Rule &r) {
  return r.declarative ? r.declarative->targets : r.targets;
}

std::string terraform_family(const std::string &t) {
  if (t == "*") return "Terraform (every resource)";
  if (t.starts_with("aws_")) return "Terraform (AWS)";
  if (t.starts_with("azurerm_") || t.starts_with("azuread_") || t.starts_with("azapi_"))
    return "Terraform (Azure)";
  if (t.starts_with("google_")) return "Terraform (Google)";
  return "Terraform (other)";
}

// The section scripts/rule-type-tables writes, or "" for a rule that reads
// no infrastructure.
std::string expected_table(const Rule &r) {
  std::vector<std::pair<std::string, std::vector<std::string>>> rows;
  auto add = [&](const std::string &label, const std::string &type) {
    for (auto &row : rows)
      if (row.first == label) return row.second.push_back(type);
    rows.push_back({label, {type}});
  };
  const auto &targets = targets_of(r);
  auto read = [&](TargetFormat f) {
    auto it = targets.find(f);
    return it == targets.end() ? std::vector<std::string>{} : it->second;
  };
  for (const auto &t : read(TargetFormat::Terraform)) add(terraform_family(t), t);
  for (const auto &t : read(TargetFormat::CloudFormation)) add("CloudFormation", t);
  for (const auto &t : read(TargetFormat::Kubernetes)) add("Kubernetes", t);
  if (rows.empty()) return "";
  const std::vector<std::string> order = {"Terraform (AWS)",   "Terraform (Azure)", "Terraform (Google)",
                                          "Terraform (other)", "CloudFormation",    "Kubernetes"};
  std::sort(rows.begin(), rows.end(), [&](const auto &a, const auto &b) {
    auto rank = [&](const std::string &l) {
      auto it = std::find(order.begin(), order.end(), l);
      return it == order.end() ? order.size() : static_cast<size_t>(it - order.begin());
    };
    return std::make_pair(rank(a.first), a.first) < std::make_pair(rank(b.first), b.first);
  });
  std::string out = "## Resource types read\n\n| Format | Types |\n|---|---|\n";
  for (const auto &[label, types] : rows) {
    out += "| " + label + " | ";
    for (size_t i = 0; i < types.size(); ++i)
      out += (i ? ", " : "") + (types[i] == "*" ? std::string("every resource") : "`" + types[i] + "`");
    out += " |\n";
  }
  return out;
}

TEST(RuleTypeTables, EveryInfrastructurePageListsTheTypesItsRuleReads) {
  RuleSet rules = RuleSet::builtin();
  size_t checked = 0;
  for (const Rule &r : rules.rules()) {
    const std::string table = expected_table(r);
    if (table.empty()) continue;
    ++checked;
    const std::string &page = r.info.help_markdown;
    EXPECT_TRUE(page.size() >= table.size() &&
                page.compare(page.size() - table.size(), table.size(), table) == 0)
        << "docs/rules/" << r.info.id << ".md does not end with its table of resource types "
        << "(run scripts/rule-type-tables):\n"
        << table;
  }
  EXPECT_GT(checked, 50u);
}

struct Row {
  std::vector<std::string> terraform, cloudformation;
};

std::vector<std::string> strings(const Node *list) {
  std::vector<std::string> out;
  if (list)
    for (const Node &n : list->items) out.push_back(n.text);
  return out;
}

TEST(RuleTypeTables, RulesReadEquivalentTypesInEveryFormatTheyRead) {
  std::ifstream in(std::string(CLAUSE_SOURCE_DIR) + "/docs/resource-equivalents.yaml");
  std::stringstream text;
  text << in.rdbuf();
  Document doc = testing::parse_valid_yaml(text.str(), "docs/resource-equivalents.yaml", DocKind::Unknown);
  ASSERT_EQ(doc.roots.size(), 1u);
  std::vector<Row> rows;
  for (const Node &n : doc.roots[0].get("equivalents")->items)
    rows.push_back(Row{strings(n.get("terraform")), strings(n.get("cloudformation"))});
  ASSERT_GT(rows.size(), 20u);
  std::set<std::pair<std::string, std::string>> known;  // rule, type read
  for (const Node &n : doc.roots[0].get("known_gaps")->items) {
    EXPECT_FALSE(n.get("reason")->text.empty());
    known.emplace(n.get("rule")->text, n.get("reads")->text);
  }

  std::set<std::pair<std::string, std::string>> gaps;
  RuleSet rules = RuleSet::builtin();
  for (const Rule &r : rules.rules()) {
    const auto &targets = targets_of(r);
    auto tf = targets.find(TargetFormat::Terraform);
    auto cfn = targets.find(TargetFormat::CloudFormation);
    if (tf == targets.end() || cfn == targets.end()) continue;
    auto reads_any = [](const std::vector<std::string> &read,
                        const std::vector<std::string> &types) -> std::string {
      for (const auto &t : types)
        if (std::find(read.begin(), read.end(), t) != read.end()) return t;
      return "";
    };
    for (const Row &row : rows) {
      const std::string a = reads_any(tf->second, row.terraform);
      const std::string b = reads_any(cfn->second, row.cloudformation);
      if (a.empty() == b.empty()) continue;
      const std::string read = a.empty() ? row.cloudformation.front() : row.terraform.front();
      gaps.emplace(r.info.id, read);
      EXPECT_TRUE(known.count({r.info.id, read}))
          << r.info.id << " reads " << (a.empty() ? b : a) << " but not its equivalent in "
          << (a.empty() ? "Terraform" : "CloudFormation") << " (docs/resource-equivalents.yaml)";
    }
  }
  for (const auto &k : known)
    EXPECT_TRUE(gaps.count(k))
        << k.first << " / " << k.second
        << ": listed as a known gap but read on both sides now; remove it from the list";
}

}  // namespace
}  // namespace clause
