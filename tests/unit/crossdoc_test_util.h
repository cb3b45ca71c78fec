#pragma once
// Small repositories for the cross-document tests: files written into a
// temporary directory, loaded into a Project.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "checker/discovery/discover.h"
#include "checker/project/loader.h"

namespace clause::crossdoc_test {

namespace fs = std::filesystem;

class Repo {
 public:
  explicit Repo(std::initializer_list<std::pair<std::string, std::string>> files) {
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

  Project load(std::map<std::string, std::string> regions = {}) const {
    Project p = load_project(discover(dir_.string(), DiscoveryOptions{}), LoadOptions{});
    p.deployment_regions = std::move(regions);
    return p;
  }

 private:
  fs::path dir_;
};

}  // namespace clause::crossdoc_test
