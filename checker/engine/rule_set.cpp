#include "checker/engine/rule_set.h"

#include <algorithm>

#include "checker/cache/model_cache.h"
#include "checker/engine/embedded_files.h"
#include "checker/engine/rule_loader.h"

namespace clause {

namespace {

DocumentPtr parse_builtin_pack(std::string_view text, const std::string &origin, const ModelCache *cache) {
  if (!cache) return parse_rule_pack(text, origin);
  SourceFile file;
  file.rel_path = origin;
  file.syntax = Syntax::Yaml;
  const CacheKey key = cache->key_for(file, text, rule_pack_parse_options());
  if (DocumentPtr doc = cache->load(key)) {
    doc->path = origin;
    doc->source = std::string(text);
    return doc;
  }
  DocumentPtr doc = parse_rule_pack(text, origin);
  if (doc->diagnostics.empty()) cache->store(key, *doc);
  return doc;
}

}  // namespace

RuleSet RuleSet::builtin(const ModelCache *cache) {
  RuleSet set;
  std::vector<Rule> all;  // added at once: add() sorts the whole set each time
  for (const auto &file : embedded_rule_files()) {
    const std::string origin(file.path);
    for (Rule &r : load_rules_from_document(*parse_builtin_pack(file.content, origin, cache)))
      all.push_back(std::move(r));
  }
  set.add(std::move(all));
  for (auto &rule : set.rules_) {
    std::string doc_path = "docs/rules/" + rule.info.id + ".md";
    for (const auto &doc : embedded_doc_files())
      if (doc.path == doc_path) rule.info.help_markdown = std::string(doc.content);
  }
  return set;
}

void RuleSet::add(std::vector<Rule> rules) {
  for (auto &r : rules) {
    for (const auto &existing : rules_) {
      if (existing.info.id == r.info.id)
        throw RulePackError(r.info.source + ": rule id " + r.info.id + " is already defined in " +
                            existing.info.source);
      if (existing.info.name == r.info.name)
        throw RulePackError(r.info.source + ": rule name " + r.info.name + " is already used by " +
                            existing.info.id);
    }
    rules_.push_back(std::move(r));
  }
  std::sort(rules_.begin(), rules_.end(), [](const Rule &a, const Rule &b) { return a.info.id < b.info.id; });
}

const Rule *RuleSet::find(std::string_view key) const {
  for (const auto &r : rules_)
    if (r.info.id == key || r.info.name == key) return &r;
  return nullptr;
}

std::vector<RuleInfo> RuleSet::infos() const {
  std::vector<RuleInfo> out;
  out.reserve(rules_.size());
  for (const auto &r : rules_) out.push_back(r.info);
  return out;
}

}  // namespace clause
