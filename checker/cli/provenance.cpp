#include "checker/cli/provenance.h"

#include <cstdlib>
#include <ctime>
#include <map>

#include "checker/workflow/git.h"

namespace clause::cli {

std::string scan_time_now() {
  std::time_t t = std::time(nullptr);
  if (const char *epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char *end = nullptr;
    const long long v = std::strtoll(epoch, &end, 10);
    if (end != nullptr && *end == '\0' && v >= 0) t = static_cast<std::time_t>(v);
  }
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void record_provenance(Report &report, const std::string &started) {
  report.started_at = started;
  report.finished_at = scan_time_now();
  std::map<std::string, VersionControl> by_top;  // one git call per work tree
  for (RootReport &root : report.roots) {
    if (root.abs_path.empty()) continue;
    const std::string top = git_toplevel(root.abs_path);
    if (top.empty()) continue;
    auto it = by_top.find(top);
    if (it == by_top.end()) it = by_top.emplace(top, version_control_of(top)).first;
    root.vcs = it->second;
  }
}

}  // namespace clause::cli
