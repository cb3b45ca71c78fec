#include "checker/scan/unit_keys.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <string_view>
#include <unordered_map>

#include "checker/cache/hash.h"
#include "checker/project/units.h"
#include "engine_fingerprint.h"

namespace clause {
namespace {

// A running 64-bit digest of a sequence of values.
class Digest {
 public:
  explicit Digest(uint64_t seed = 0) : h_(seed) {}
  void add(uint64_t v) { h_ = hash_combine(h_, v); }
  void add(std::string_view s) { add(hash64(s, 3)); }
  void add(const Span &s) {
    add(static_cast<uint64_t>(s.start_line) << 32 | s.start_col);
    add(static_cast<uint64_t>(s.end_line) << 32 | s.end_col);
    add(static_cast<uint64_t>(s.start_offset) << 32 | s.end_offset);
  }
  // What a node holds, with flags for the parts that are there: most
  // nodes are a scalar with a span, and cost three or four steps.
  void add(const Node &n) {
    uint64_t bits;
    std::memcpy(&bits, &n.number, 8);
    add(static_cast<uint64_t>(n.kind) | uint64_t(n.from_block) << 8 | uint64_t(n.boolean) << 9 |
        uint64_t(bits != 0) << 10 | uint64_t(!n.text.empty()) << 11 | uint64_t(!n.entries.empty()) << 12 |
        uint64_t(!n.items.empty()) << 13 | uint64_t(n.origin) << 32);
    if (bits != 0) add(bits);
    add(n.span);
    if (!n.text.empty()) add(n.text);
    if (!n.entries.empty()) {
      add(n.entries.size());
      for (const MapEntry &e : n.entries) {
        add(e.key);
        add(e.key_span);
        add(e.value);
      }
    }
    if (!n.items.empty()) {
      add(n.items.size());
      for (const Node &i : n.items) add(i);
    }
  }
  uint64_t value() const { return h_; }

 private:
  uint64_t h_;
};

class Keys {
 public:
  explicit Keys(const Project &p) {
    for (const auto &d : p.documents) by_path_.emplace(d->path, d.get());
    for (const auto &d : p.support_documents) by_path_.emplace(d->path, d.get());
  }

  // A document by its path and bytes; a path no document has by the path.
  uint64_t document(std::string_view path) {
    auto it = document_hashes_.find(path);
    if (it != document_hashes_.end()) return it->second;
    Digest d(4);
    d.add(path);
    if (auto doc = by_path_.find(path); doc != by_path_.end()) {
      d.add(1);
      d.add(static_cast<uint64_t>(doc->second->kind));
      d.add(hash64(doc->second->source, 5));
    }
    return document_hashes_.emplace(path, d.value()).first->second;
  }

  uint64_t resource(const Resource &r) {
    Digest d(6);
    d.add(r.address);
    d.add(r.type);
    d.add(r.name);
    d.add(static_cast<uint64_t>(r.provider) << 8 | static_cast<uint64_t>(r.format));
    d.add(r.document ? document(r.document->path) : 0);
    d.add(r.span);
    d.add(r.body ? 1 : 0);
    if (r.body) d.add(*r.body);
    d.add(r.configuration ? 1 : 0);
    if (r.configuration) d.add(*r.configuration);
    d.add(r.call_chain.size());
    for (const Location &call : r.call_chain) {
      d.add(document(call.path));
      d.add(call.span);
    }
    d.add(r.assumed_defaults.size());
    for (const AssumedDefault &a : r.assumed_defaults) {
      d.add(a.span);
      d.add(a.removed_path);
      d.add(a.parameters.size());
      for (const std::string &param : a.parameters) d.add(param);
      d.add(uint64_t(a.variables) | uint64_t(a.callers_decide) << 1);
      d.add(a.note);
    }
    d.add(r.rendered ? 1 : 0);
    if (r.rendered) {
      d.add(document(r.rendered->kustomization));
      d.add(r.rendered->directory);
      d.add(r.rendered->kustomization_span);
      d.add(r.rendered->origins.size());
      for (const NodeOrigin &o : r.rendered->origins) {
        d.add(o.document ? document(o.document->path) : 0);
        d.add(o.span);
        d.add(o.removed);
      }
    }
    return d.value();
  }

 private:
  std::unordered_map<std::string_view, const Document *> by_path_;
  std::unordered_map<std::string_view, uint64_t> document_hashes_;
};

// A link's resources, from and every member of its group.
template <typename Fn>
void each_linked(const ResourceReferences &refs, const ResourceLink &link, Fn fn) {
  if (link.to + 1 >= refs.group_start.size()) return;
  for (uint32_t m = refs.group_start[link.to]; m < refs.group_start[link.to + 1]; ++m)
    if (m < refs.group_members.size()) fn(refs.group_members[m]);
}

}  // namespace

uint64_t unit_run_digest(const RuleSet &rules, bool strict, uint64_t configuration) {
  Digest d(7);
  d.add(std::string_view(CLAUSE_ENGINE_FINGERPRINT));
  d.add(configuration);
  d.add(strict ? 1 : 0);
  d.add(rules.rules().size());
  for (const Rule &r : rules.rules()) {
    d.add(r.info.id);
    d.add(r.info.name);
    d.add(static_cast<uint64_t>(r.info.severity) << 8 | static_cast<uint64_t>(r.info.kind));
    d.add(r.info.source);
    d.add(r.defined_at);
    d.add(r.native ? 1 : 0);
    if (r.declarative) d.add(r.declarative->message);
    d.add(r.parameters.size());
    for (const auto &[name, value] : r.parameters) {
      d.add(name);
      d.add(value);
    }
  }
  return d.value();
}

std::vector<UnitKey> unit_keys(const Project &project, uint64_t run_digest) {
  const size_t n = project.units.size();
  Keys keys(project);
  std::vector<Digest> own;
  own.reserve(n);
  for (const Unit &u : project.units) {
    Digest d(8);
    d.add(static_cast<uint64_t>(u.kind));
    d.add(u.path);
    d.add(u.dirs.size());
    for (const std::string &dir : u.dirs) d.add(dir);
    own.push_back(d);
  }
  // The files of the unit, whether or not a resource stands in them (a
  // variable file, locals, a module's outputs), in path order.
  for (const auto &doc : project.documents)
    for (uint32_t u : units_of_file(project, doc->path)) own[u].add(keys.document(doc->path));
  for (const Resource &r : project.resources)
    if (r.unit < n) own[r.unit].add(keys.resource(r));

  // Units joined by a link of the references graph, with the link.
  const ResourceReferences &refs = project.references;
  const auto unit_of = [&](size_t i) {
    return i < project.resources.size() ? project.resources[i].unit : kNoUnit;
  };
  std::vector<std::set<uint32_t>> linked(n);
  std::vector<Digest> links(n, Digest(9));
  for (const ResourceLink &link : refs.links) {
    if (link.from >= project.resources.size()) continue;
    const uint32_t from = unit_of(link.from);
    std::set<uint32_t> units;
    if (from < n) units.insert(from);
    Digest d(10);
    d.add(project.resources[link.from].address);
    d.add(link.attribute);
    d.add(link.certain ? 1 : 0);
    each_linked(refs, link, [&](size_t m) {
      if (const uint32_t u = unit_of(m); u < n) units.insert(u);
      d.add(m < project.resources.size() ? project.resources[m].address : std::string_view());
    });
    if (units.size() < 2) continue;
    for (uint32_t u : units) {
      links[u].add(d.value());
      for (uint32_t v : units)
        if (v != u) linked[u].insert(v);
    }
  }
  // An open attribute may refer to any resource of its module instance:
  // the units of an instance's resources are linked (one, in practice).
  if (refs.module_instance.size() == project.resources.size() && !refs.open.empty()) {
    std::unordered_map<uint32_t, std::set<uint32_t>> instance_units;
    for (size_t i = 0; i < project.resources.size(); ++i)
      if (project.resources[i].unit < n)
        instance_units[refs.module_instance[i]].insert(project.resources[i].unit);
    for (const ResourceReferences::Open &o : refs.open) {
      auto it = instance_units.find(o.instance);
      if (it == instance_units.end() || it->second.size() < 2) continue;
      for (uint32_t u : it->second)
        for (uint32_t v : it->second)
          if (v != u) linked[u].insert(v);
    }
  }

  std::vector<UnitKey> out(n);
  for (size_t u = 0; u < n; ++u) {
    std::vector<uint64_t> words{run_digest, own[u].value(), links[u].value(), linked[u].size()};
    for (uint32_t v : linked[u]) {
      words.push_back(own[v].value());
      words.push_back(hash64(project.units[v].path, 11));
    }
    const std::string_view bytes(reinterpret_cast<const char *>(words.data()),
                                 words.size() * sizeof(uint64_t));
    out[u] = UnitKey{hash64(bytes, 12), hash64(bytes, 13)};
  }
  return out;
}

}  // namespace clause
