#include "checker/terraform/references.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <numeric>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "checker/project/parallel.h"
#include "checker/terraform/values.h"
#include "parsers/terraform/plan_resources.h"

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

// What one walk produces; walks of disjoint resource ranges are independent.
struct Found {
  std::vector<ResourceLink> links;
  std::vector<ResourceReferences::Open> open;
};

class Builder {
 public:
  // Puts every Terraform resource into its groups (ResourceReferences):
  // its address, its address without instance key, its name.
  Builder(const std::vector<Resource> &resources, ResourceReferences &out)
      : resources_(resources), module_instance_(out.module_instance) {
    // (group, resource) in increasing resource order; groups numbered as
    // first met.
    std::vector<std::pair<uint32_t, size_t>> membership;
    std::vector<size_t> first_of;  // per group: its first resource
    uint32_t groups = 0;
    const auto join = [&](uint32_t g, size_t i) {
      if (g == groups) {
        ++groups;
        first_of.push_back(i);
      }
      membership.emplace_back(g, i);
      return g;
    };
    by_address_.reserve(resources.size());
    by_base_.reserve(resources.size());
    out.groups_of.assign(resources.size(), {ResourceReferences::kNoGroup, ResourceReferences::kNoGroup,
                                            ResourceReferences::kNoGroup});
    for (size_t i = 0; i < resources.size(); ++i) {
      const Resource &r = resources[i];
      if (r.format == DocKind::TerraformPlan) {
        // A plan resource (no .tf beside it): by its address in the plan's
        // configuration and by name, within its plan.
        auto &mine = out.groups_of[i];
        mine[0] = join(
            plan_by_address_.try_emplace(plan_key(r, configuration_address(r.address)), groups).first->second,
            i);
        for (const auto &n : kNameAttributes) {
          if (r.type != n.type || !r.body) continue;
          const Node *v = r.body->get(n.attribute);
          if (!v || !v->is_string() || v->text.empty()) continue;
          std::vector<uint32_t> &named = plan_by_name_[plan_key(r, v->text)];
          auto same_type = std::find_if(named.begin(), named.end(),
                                        [&](uint32_t g) { return resources[first_of[g]].type == r.type; });
          if (same_type == named.end()) same_type = named.insert(named.end(), groups);
          mine[2] = join(*same_type, i);
        }
        std::sort(mine.begin(), mine.end());
        continue;
      }
      if (r.format != DocKind::Terraform) continue;
      auto &mine = out.groups_of[i];
      mine[0] = join(by_address_.try_emplace(r.address, groups).first->second, i);
      mine[1] = join(by_base_.try_emplace(address_base(r.address), groups).first->second, i);
      for (const auto &n : kNameAttributes) {
        if (r.type != n.type || !r.body) continue;
        const Node *v = r.body->get(n.attribute);
        if (!v || !v->is_string() || v->text.empty()) continue;
        // A name has a group per type of resource of that name.
        std::vector<uint32_t> &named = by_name_[v->text];
        auto same_type = std::find_if(named.begin(), named.end(),
                                      [&](uint32_t g) { return resources[first_of[g]].type == r.type; });
        if (same_type == named.end()) same_type = named.insert(named.end(), groups);
        mine[2] = join(*same_type, i);
      }
      std::sort(mine.begin(), mine.end());
    }
    // Counting sort by group, stable: each group's resources stay ascending.
    out.group_start.assign(groups + 1, 0);
    for (const auto &[g, i] : membership) ++out.group_start[g + 1];
    for (uint32_t g = 0; g < groups; ++g) out.group_start[g + 1] += out.group_start[g];
    out.group_members.resize(membership.size());
    std::vector<uint32_t> next(out.group_start.begin(), out.group_start.end() - 1);
    for (const auto &[g, i] : membership) out.group_members[next[g]++] = i;
    group_start_ = &out.group_start;
    group_members_ = &out.group_members;
  }

  // The references of resources [begin, end); reads only what the
  // constructor built, so ranges can be walked side by side.
  Found walk_range(size_t begin, size_t end) const {
    Walk w;
    for (size_t i = begin; i < end; ++i) {
      const Resource &r = resources_[i];
      if (r.format == DocKind::TerraformPlan && r.body) {
        w.from = i;
        walk_plan_resource(w, r);
        continue;
      }
      if (r.format != DocKind::Terraform || !r.body) continue;
      w.from = i;
      for (const auto &e : r.body->entries) {
        if (e.key == "depends_on" || e.key == "provider" || e.key == "lifecycle") continue;
        w.path = e.key;
        walk(w, e.value);
      }
    }
    return std::move(w.found);
  }

 private:
  struct Walk {
    size_t from = 0;
    std::string path;  // of the attribute being walked, grown and cut back in place
    Found found;
  };

  const std::vector<Resource> &resources_;
  const std::vector<uint32_t> &module_instance_;
  const std::vector<uint32_t> *group_start_ = nullptr;
  const std::vector<size_t> *group_members_ = nullptr;
  // Keys are views into the resources' addresses and bodies, which outlive
  // the builder. A name maps to a group per type of resource of that name.
  std::unordered_map<std::string_view, uint32_t> by_address_, by_base_;
  std::unordered_map<std::string_view, std::vector<uint32_t>> by_name_;

  // Plan resources (without .tf beside them), keyed by their plan: by
  // address in the plan's configuration, and by name (a group per type).
  std::unordered_map<std::string, uint32_t> plan_by_address_;
  std::unordered_map<std::string, std::vector<uint32_t>> plan_by_name_;

  static std::string plan_key(const Resource &r, std::string_view key) {
    return std::to_string(reinterpret_cast<uintptr_t>(r.document)) + '\n' + std::string(key);
  }

  void open_link(Walk &w) const {
    if (w.from < module_instance_.size())
      w.found.open.push_back(ResourceReferences::Open{module_instance_[w.from], w.from, w.path});
  }

  // A plan resource: what its configuration refers to (the plan holds every
  // resource of its configuration, so a reference that names no resource
  // of the plan refers to none); without configuration, each value unknown
  // after apply may refer to any resource of the plan.
  void walk_plan_resource(Walk &w, const Resource &r) const {
    const Node *source = r.configuration ? r.configuration : r.body;
    for (const auto &e : source->entries) {
      if (e.key == "depends_on" || e.key == "provider" || e.key == "lifecycle") continue;
      w.path = e.key;
      if (r.configuration) {
        walk_configured(w, r, e.value);
      } else {
        walk_plan_values(w, r, e.value);
      }
    }
  }

  void plan_names(Walk &w, const Resource &r, const Node &n) const {
    if (n.is_string()) {
      if (auto it = plan_by_name_.find(plan_key(r, n.text)); it != plan_by_name_.end())
        for (uint32_t g : it->second) link(w, g, true);
    }
    for (const auto &item : n.items) plan_names(w, r, item);
    for (const auto &e : n.entries) plan_names(w, r, e.value);
  }

  void walk_plan_values(Walk &w, const Resource &r, const Node &n) const {
    if (n.is_expression()) return open_link(w);
    if (n.is_string()) return plan_names(w, r, n);
    for (const auto &item : n.items) walk_plan_values(w, r, item);
    for (const auto &e : n.entries) under(w, e.key, [&] { walk_plan_values(w, r, e.value); });
  }

  // Runs `walk` with `key` appended to the attribute path.
  template <typename F>
  static void under(Walk &w, const std::string &key, F &&walk) {
    const size_t at = w.path.size();
    w.path += '.';
    w.path += key;
    walk();
    w.path.resize(at);
  }

  void walk_configured(Walk &w, const Resource &r, const Node &n) const {
    if (n.is_list()) {  // nested blocks
      for (const auto &block : n.items) walk_configured(w, r, block);
      return;
    }
    if (!n.is_map()) return;
    const Node *constant = n.get("constant_value");
    const Node *references = n.get("references");
    if (constant || references) {
      if (constant) plan_names(w, r, *constant);
      if (!references || !references->is_list()) return;
      // The module the resource is in: references are relative to it.
      const std::string own = configuration_address(r.address);
      const size_t name_dot = own.rfind('.');
      const size_t type_dot =
          name_dot == std::string::npos || name_dot == 0 ? std::string::npos : own.rfind('.', name_dot - 1);
      const std::string module = type_dot == std::string::npos ? "" : own.substr(0, type_dot + 1);
      for (const auto &ref : references->items) {
        if (!ref.is_string()) continue;
        if (auto it = plan_by_address_.find(plan_key(r, module + ref.text)); it != plan_by_address_.end()) {
          // Every instance of a counted resource: which one is not known.
          const uint32_t g = it->second;
          link(w, g, (*group_start_)[g + 1] - (*group_start_)[g] == 1);
          continue;
        }
        // A value passed in (a variable, a local, a module output, an
        // iteration): it may be any resource of the plan.
        for (std::string_view p : {"var.", "local.", "module.", "each.", "count.", "self."})
          if (std::string_view(ref.text).starts_with(p)) open_link(w);
      }
      return;
    }
    for (const auto &e : n.entries) under(w, e.key, [&] { walk_configured(w, r, e.value); });
  }

  void link(Walk &w, uint32_t group, bool certain) const {
    // A group of the walked resource alone (its own name) leads nowhere.
    const uint32_t first = (*group_start_)[group];
    if ((*group_start_)[group + 1] == first + 1 && (*group_members_)[first] == w.from) return;
    w.found.links.push_back(ResourceLink{w.from, group, w.path, certain});
  }

  void walk(Walk &w, const Node &n) const {
    switch (n.kind) {
      case NodeKind::Map:
        for (const auto &e : n.entries) {
          const size_t at = w.path.size();
          w.path += '.';
          w.path += e.key;
          walk(w, e.value);
          w.path.resize(at);
        }
        return;
      case NodeKind::List:
        for (const auto &i : n.items) walk(w, i);
        return;
      case NodeKind::String: {
        if (by_name_.empty()) return;
        auto it = by_name_.find(n.text);
        if (it != by_name_.end())
          for (uint32_t g : it->second) link(w, g, true);
        return;
      }
      case NodeKind::Expression: {
        std::vector<std::string> refs;
        collect_references(n, refs);
        for (const auto &ref : refs) resolve(w, ref);
        if (has_plain_unknown(n) && w.from < module_instance_.size())
          w.found.open.push_back(ResourceReferences::Open{module_instance_[w.from], w.from, w.path});
        return;
      }
      default: return;
    }
  }

  void resolve(Walk &w, const std::string &address) const {
    std::string_view a = address;
    auto all_of = [&](std::string_view base, bool certain) {
      auto it = by_base_.find(base);
      if (it != by_base_.end()) link(w, it->second, certain);
    };
    if (a.size() > 3 && a.substr(a.size() - 3) == "[*]") return all_of(a.substr(0, a.size() - 3), true);
    if (a.size() > 3 && a.substr(a.size() - 3) == "[?]") return all_of(a.substr(0, a.size() - 3), false);
    auto exact = by_address_.find(a);
    if (exact != by_address_.end()) return link(w, exact->second, true);
    // A counted resource referred to without a key, or a key into one whose
    // count was not known (emitted without keys): not sure which instance.
    all_of(address, false);
    if (address_base(a) != a) all_of(address_base(a), false);
  }
};

// Resources per walking task: a few hundred bodies outweigh a task's start.
constexpr size_t kResourcesPerWalk = 256;

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
                                    std::vector<uint32_t> module_instance, unsigned jobs) {
  ResourceReferences out;
  out.module_instance = std::move(module_instance);
  const Builder builder(resources, out);
  // Walked in ranges side by side; what they find is sorted below, so the
  // graph is the same for any job count.
  const size_t chunks = (resources.size() + kResourcesPerWalk - 1) / kResourcesPerWalk;
  std::vector<Found> found(chunks);
  parallel_for(chunks, jobs, [&](size_t c) {
    found[c] =
        builder.walk_range(c * kResourcesPerWalk, std::min(resources.size(), (c + 1) * kResourcesPerWalk));
  });
  for (Found &f : found) {
    std::move(f.links.begin(), f.links.end(), std::back_inserter(out.links));
    std::move(f.open.begin(), f.open.end(), std::back_inserter(out.open));
  }
  auto &links = out.links;
  // Sorted through an index (a link carries a string): by group, attribute,
  // type of source, source, certain ones first.
  const auto key = [&](const ResourceLink &l) {
    return std::make_tuple(l.to, std::string_view(l.attribute), std::string_view(resources[l.from].type),
                           l.from);
  };
  std::vector<uint32_t> order(links.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    const ResourceLink &a = links[x], &b = links[y];
    if (auto c = key(a) <=> key(b); c != 0) return c < 0;
    return a.certain > b.certain;
  });
  std::vector<ResourceLink> sorted;
  sorted.reserve(links.size());
  for (uint32_t i : order) sorted.push_back(std::move(links[i]));
  links = std::move(sorted);
  // One link per (group, attribute, source); a certain one wins over an
  // uncertain.
  links.erase(std::unique(links.begin(), links.end(),
                          [](const ResourceLink &a, const ResourceLink &b) {
                            return a.to == b.to && a.from == b.from && a.attribute == b.attribute;
                          }),
              links.end());
  out.by_from.resize(links.size());
  std::iota(out.by_from.begin(), out.by_from.end(), 0);
  std::sort(out.by_from.begin(), out.by_from.end(), [&](uint32_t a, uint32_t b) {
    return std::tie(links[a].from, links[a].attribute, links[a].to) <
           std::tie(links[b].from, links[b].attribute, links[b].to);
  });
  std::sort(out.open.begin(), out.open.end(), [](const auto &a, const auto &b) {
    return std::tie(a.instance, a.from, a.attribute) < std::tie(b.instance, b.from, b.attribute);
  });
  out.open.erase(std::unique(out.open.begin(), out.open.end(),
                             [](const auto &a, const auto &b) {
                               return a.instance == b.instance && a.from == b.from &&
                                      a.attribute == b.attribute;
                             }),
                 out.open.end());
  out.open_by_attribute.resize(out.open.size());
  std::iota(out.open_by_attribute.begin(), out.open_by_attribute.end(), 0);
  std::stable_sort(out.open_by_attribute.begin(), out.open_by_attribute.end(), [&](uint32_t a, uint32_t b) {
    return std::tie(out.open[a].instance, out.open[a].attribute, resources[out.open[a].from].type) <
           std::tie(out.open[b].instance, out.open[b].attribute, resources[out.open[b].from].type);
  });
  return out;
}

}  // namespace clause::tf
