#include "checker/engine/profiles.h"

#include <algorithm>

namespace clause {

const std::vector<std::string> &known_profiles() {
  static const std::vector<std::string> kProfiles = {"recommended", "conventions", "account"};
  return kProfiles;
}

bool is_known_profile(std::string_view name) {
  const auto &known = known_profiles();
  return std::find(known.begin(), known.end(), name) != known.end();
}

bool in_profiles(const std::vector<std::string> &rule_profiles, const std::vector<std::string> &selected) {
  for (const std::string &s : selected) {
    if (s == kAllProfiles) return true;
    if (std::find(rule_profiles.begin(), rule_profiles.end(), s) != rule_profiles.end()) return true;
  }
  return false;
}

std::optional<std::string> unknown_profile(const std::vector<std::string> &selected) {
  for (const std::string &s : selected)
    if (s != kAllProfiles && !is_known_profile(s)) return s;
  return std::nullopt;
}

}  // namespace clause
