#include "checker/workflow/rule_page.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "checker/model/scenarios.h"

namespace clause {
namespace {

// The formats a rule reads, in the order the pages name them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kFormats = {{
    {"agreement", "agreement"},
    {"terraform", "Terraform"},
    {"cloudformation", "CloudFormation"},
    {"kubernetes", "Kubernetes"},
}};

std::string_view page_title_of(std::string_view scenario) {
  for (const Scenario &s : scenarios())
    if (s.number == scenario) return s.page_title;
  return {};
}

std::string joined(const std::vector<std::string> &items) {
  std::string out;
  for (const std::string &item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

std::string rule_page_header(const RuleInfo &info) {
  std::string out = "# " + info.id + " " + info.name + "\n\n";
  out += "**Scenario:** " + info.scenario;
  if (std::string_view title = page_title_of(info.scenario); !title.empty()) out += " " + std::string(title);
  out += " · **Severity:** " + std::string(severity_name(info.severity));
  // A rule file that names no profile is in `recommended` (docs/rule-format.md).
  out += " · **Profile:** " + (info.profiles.empty() ? std::string("recommended") : joined(info.profiles));
  std::vector<std::string> reads;
  for (const auto &[format, shown] : kFormats)
    if (std::find(info.formats.begin(), info.formats.end(), format) != info.formats.end())
      reads.emplace_back(shown);
  for (const std::string &format : info.formats)
    if (std::none_of(kFormats.begin(), kFormats.end(), [&](const auto &f) { return f.first == format; }))
      reads.push_back(format);
  out += " · **Reads:** " + joined(reads);
  if (info.kind == RuleKind::CrossDocument) out += " · **Kind:** cross-document";
  std::string title = info.title;
  if (!title.empty() && std::string_view(".!?").find(title.back()) == std::string_view::npos) title += '.';
  out += "\n\n" + title + "\n";
  return out;
}

}  // namespace clause
