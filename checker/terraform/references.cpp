#include "checker/terraform/references.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "checker/terraform/values.h"

namespace clause::tf {
namespace {

struct NameAttribute {
  std::string_view type;
  std::string_view attribute;
};

constexpr NameAttribute kNameAttributes[] = {
    {"aws_s3_bucket", "bucket"},
    {"aws_db_instance", "identifier"},
    {"aws_rds_cluster", "cluster_identifier"},
    {"aws_dynamodb_table", "name"},
    {"aws_efs_file_system", "creation_token"},
    {"google_storage_bucket", "name"},
};

class Builder {
 public:
  Builder(const std::vector<Resource> &resources, ResourceReferences &out)
      : resources_(resources), out_(out) {
    for (size_t i = 0; i < resources.size(); ++i) {
      const Resource &r = resources[i];
      if (r.format != DocKind::Terraform) continue;
      by_address_[r.address].push_back(i);
      by_base_[address_base(r.address)].push_back(i);
      for (const auto &n : kNameAttributes) {
        if (r.type != n.type || !r.body) continue;
        const Node *v = r.body->get(n.attribute);
        if (v && v->is_string() && !v->text.empty()) by_name_[v->text].push_back(i);
      }
    }
  }

  void walk_all() {
    for (size_t i = 0; i < resources_.size(); ++i) {
      const Resource &r = resources_[i];
      if (r.format != DocKind::Terraform || !r.body) continue;
      from_ = i;
      for (const auto &e : r.body->entries) {
        if (e.key == "depends_on" || e.key == "provider" || e.key == "lifecycle") continue;
        path_ = e.key;
        walk(e.value);
      }
    }
  }

 private:
  const std::vector<Resource> &resources_;
  ResourceReferences &out_;
  // Keys are views into the resources' addresses and bodies, which outlive
  // the builder.
  std::unordered_map<std::string_view, std::vector<size_t>> by_address_, by_base_, by_name_;
  size_t from_ = 0;
  std::string path_;  // of the attribute being walked, grown and cut back in place

  void link(size_t to, const std::string &attribute, bool certain) {
    if (to == from_) return;
    out_.links.push_back(ResourceLink{from_, to, attribute, certain});
  }

  void walk(const Node &n) {
    switch (n.kind) {
      case NodeKind::Map:
        for (const auto &e : n.entries) {
          const size_t at = path_.size();
          path_ += '.';
          path_ += e.key;
          walk(e.value);
          path_.resize(at);
        }
        return;
      case NodeKind::List:
        for (const auto &i : n.items) walk(i);
        return;
      case NodeKind::String: {
        if (by_name_.empty()) return;
        auto it = by_name_.find(n.text);
        if (it != by_name_.end())
          for (size_t to : it->second) link(to, path_, true);
        return;
      }
      case NodeKind::Expression: {
        std::vector<std::string> refs;
        collect_references(n, refs);
        for (const auto &ref : refs) resolve(ref, path_);
        if (has_plain_unknown(n) && from_ < out_.module_instance.size())
          out_.open.push_back(ResourceReferences::Open{out_.module_instance[from_], from_, path_});
        return;
      }
      default: return;
    }
  }

  void resolve(const std::string &address, const std::string &path) {
    std::string_view a = address;
    auto all_of = [&](std::string_view base, bool certain) {
      auto it = by_base_.find(base);
      if (it != by_base_.end())
        for (size_t to : it->second) link(to, path, certain);
    };
    if (a.size() > 3 && a.substr(a.size() - 3) == "[*]") return all_of(a.substr(0, a.size() - 3), true);
    if (a.size() > 3 && a.substr(a.size() - 3) == "[?]") return all_of(a.substr(0, a.size() - 3), false);
    auto exact = by_address_.find(address);
    if (exact != by_address_.end()) {
      for (size_t to : exact->second) link(to, path, true);
      return;
    }
    // A counted resource referred to without a key, or a key into one whose
    // count was not known (emitted without keys): not sure which instance.
    all_of(address, false);
    if (address_base(a) != a) all_of(address_base(a), false);
  }
};

}  // namespace

std::string_view address_base(std::string_view address) {
  if (address.empty() || address.back() != ']') return address;
  // The last `[` that is not inside a quoted key.
  bool quoted = false;
  for (size_t i = address.size() - 1; i-- > 0;) {
    char c = address[i];
    if (c == '"' && (i == 0 || address[i - 1] != '\\')) quoted = !quoted;
    if (c == '[' && !quoted) return address.substr(0, i);
  }
  return address;
}

ResourceReferences build_references(const std::vector<Resource> &resources,
                                    std::vector<uint32_t> module_instance) {
  ResourceReferences out;
  out.module_instance = std::move(module_instance);
  Builder builder(resources, out);
  builder.walk_all();
  auto &links = out.links;
  // Sorted through an index (a link carries a string): by target, source,
  // attribute, certain ones first.
  std::vector<uint32_t> order(links.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    const ResourceLink &a = links[x], &b = links[y];
    if (a.to != b.to) return a.to < b.to;
    if (a.from != b.from) return a.from < b.from;
    if (int c = a.attribute.compare(b.attribute)) return c < 0;
    return a.certain > b.certain;
  });
  std::vector<ResourceLink> sorted;
  sorted.reserve(links.size());
  for (uint32_t i : order) sorted.push_back(std::move(links[i]));
  links = std::move(sorted);
  // One link per (to, from, attribute); a certain one wins over an uncertain.
  links.erase(std::unique(links.begin(), links.end(),
                          [](const ResourceLink &a, const ResourceLink &b) {
                            return a.to == b.to && a.from == b.from && a.attribute == b.attribute;
                          }),
              links.end());
  for (size_t i = 0; i < links.size(); ++i) out.by_from.push_back(i);
  std::stable_sort(out.by_from.begin(), out.by_from.end(),
                   [&](size_t a, size_t b) { return links[a].from < links[b].from; });
  std::sort(out.open.begin(), out.open.end(), [](const auto &a, const auto &b) {
    return std::tie(a.instance, a.from, a.attribute) < std::tie(b.instance, b.from, b.attribute);
  });
  out.open.erase(std::unique(out.open.begin(), out.open.end(),
                             [](const auto &a, const auto &b) {
                               return a.instance == b.instance && a.from == b.from &&
                                      a.attribute == b.attribute;
                             }),
                 out.open.end());
  return out;
}

}  // namespace clause::tf
