#pragma once
// Small repositories for the cross-document tests: files written into a
// temporary directory, scanned with one rule, or loaded into a Project.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "checker/discovery/discover.h"
#include "checker/engine/rule_set.h"
#include "checker/project/loader.h"
#include "checker/scan/scanner.h"

namespace clause::crossdoc_test {

namespace fs = std::filesystem;

// "main.tf:12" for a location (path relative to the scan root).
inline std::string at(const Location &l) { return l.path + ":" + std::to_string(l.span.start_line); }

class Repo {
 public:
  explicit Repo(const std::vector<std::pair<std::string, std::string>> &files) {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("clause-crossdoc-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(dir_);
    for (const auto &[name, text] : files) {
      fs::path p = dir_ / name;
      fs::create_directories(p.parent_path());
      std::ofstream(p, std::ios::binary) << text;
    }
  }
  ~Repo() { fs::remove_all(dir_); }
  Repo(const Repo &) = delete;
  Repo &operator=(const Repo &) = delete;

  const fs::path &dir() const { return dir_; }

  // Findings of `rule_id` alone (undecided notes too under `strict`).
  std::vector<Finding> scan(const std::string &rule_id, bool strict = false,
                            std::map<std::string, std::string> regions = {}) const {
    RuleSet rules = RuleSet::builtin();
    rules.filter([&](const Rule &r) { return r.info.id == rule_id; });
    ScanOptions opts;
    opts.roots = {dir_.string()};
    opts.strict = strict;
    if (!regions.empty())
      opts.deployment_region = [regions, this](DocKind, const std::string &abs) {
        auto it = regions.find(fs::relative(abs, dir_).generic_string());
        return it == regions.end() ? std::string() : it->second;
      };
    return run_scan(rules, opts).roots.at(0).findings;
  }

  Project load(std::map<std::string, std::string> regions = {}) const {
    Project p = load_project(discover(dir_.string(), DiscoveryOptions{}), LoadOptions{});
    p.deployment_regions = std::move(regions);
    return p;
  }

 private:
  fs::path dir_;
};

}  // namespace clause::crossdoc_test
