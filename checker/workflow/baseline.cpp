#include "checker/workflow/baseline.h"

#include <algorithm>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "checker/model/finding_identity.h"
#include "checker/model/limits.h"
#include "checker/model/utf8.h"
#include "checker/platform/regular_file.h"
#include "clause_version.h"

namespace clause {
namespace {

std::string to_hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

}  // namespace

Baseline make_baseline(const Report &report) {
  Baseline b;
  for (const RootReport &root : report.roots) {
    // The same fingerprints the SARIF run of this root carries.
    const std::vector<std::string> prints = run_fingerprints(root.findings);
    for (size_t i = 0; i < root.findings.size(); ++i) {
      const Finding &f = root.findings[i];
      if (f.suppression) continue;
      b.entries.push_back(BaselineEntry{f.rule_id, f.location.path, prints[i], f.message});
    }
  }
  std::sort(b.entries.begin(), b.entries.end(),
            [](const BaselineEntry &x, const BaselineEntry &y) { return x.key() < y.key(); });
  return b;
}

void write_baseline(const Baseline &baseline, std::ostream &out) {
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["generator"] = std::string("clause ") + CLAUSE_VERSION;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const BaselineEntry &e : baseline.entries) {
    list.push_back(
        {{"ruleId", e.rule_id}, {"path", e.path}, {"fingerprint", e.fingerprint}, {"message", e.message}});
    // JSON text cannot hold a name that is not UTF-8 (`path` shows it with
    // U+FFFD for people); its bytes go alongside, so that it still matches.
    if (!is_valid_utf8(e.path)) list.back()["pathBytes"] = to_hex(e.path);
  }
  j["findings"] = std::move(list);
  out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

Baseline load_baseline(const std::string &path) {
  std::string bytes;
  const FileReadResult read = read_regular_file(path, limits::kMaxBaselineSize, bytes);
  if (read.status != FileRead::Ok)
    throw BaselineError(path + ": the baseline " + describe_file_read(read, limits::kMaxBaselineSize));
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(bytes);
  } catch (const nlohmann::json::exception &e) {
    throw BaselineError(path + ": not valid JSON: " + e.what());
  }
  const auto version = j.is_object() ? j.find("version") : j.end();
  if (!j.is_object() || version == j.end() || !version->is_number_integer() || *version != 1 ||
      !j.contains("findings") || !j["findings"].is_array())
    throw BaselineError(path + ": not a clause baseline (expected version 1 and a findings list)");
  Baseline b;
  size_t n = 0;
  for (const auto &e : j["findings"]) {
    ++n;
    const std::string which = path + ": finding " + std::to_string(n);
    if (!e.is_object()) throw BaselineError(which + " is not an object");
    auto text = [&](const char *key) {
      if (!e.contains(key) || !e[key].is_string()) throw BaselineError(which + " has no '" + key + "' text");
      return e[key].get<std::string>();
    };
    auto optional_text = [&](const char *key) {
      if (!e.contains(key)) return std::string();
      if (!e[key].is_string()) throw BaselineError(which + ": '" + key + "' is not text");
      return e[key].get<std::string>();
    };
    BaselineEntry entry{text("ruleId"), text("path"), text("fingerprint"), optional_text("message")};
    if (e.contains("pathBytes")) {
      auto raw = from_hex(optional_text("pathBytes"));
      if (!raw) throw BaselineError(which + ": 'pathBytes' is not an even run of hex digits");
      entry.path = std::move(*raw);
    }
    b.entries.push_back(std::move(entry));
  }
  return b;
}

size_t apply_baseline(Report &report, const Baseline &baseline) {
  std::map<std::tuple<std::string, std::string, std::string>, size_t> remaining;
  for (const BaselineEntry &e : baseline.entries) ++remaining[{e.rule_id, e.path, e.fingerprint}];
  size_t total = 0;
  for (RootReport &root : report.roots) {
    const std::vector<std::string> prints = run_fingerprints(root.findings);
    std::vector<Finding> kept;
    kept.reserve(root.findings.size());
    for (size_t i = 0; i < root.findings.size(); ++i) {
      Finding &f = root.findings[i];
      if (!f.suppression) {
        auto it = remaining.find({f.rule_id, f.location.path, prints[i]});
        if (it != remaining.end() && it->second > 0) {
          --it->second;
          ++root.baselined;
          ++total;
          continue;
        }
      }
      kept.push_back(std::move(f));
    }
    root.findings = std::move(kept);
  }
  return total;
}

}  // namespace clause
