#include "checker/project/project.h"

#include <algorithm>
#include <string_view>
#include <utility>

namespace clause {

const Document *Project::find_document(std::string_view path) const {
  for (const auto &d : documents)
    if (d->path == path) return d.get();
  for (const auto &d : support_documents)
    if (d->path == path) return d.get();
  return nullptr;
}

std::vector<ResourceReferences::Related> ResourceReferences::referrers(const std::vector<Resource> &resources,
                                                                       size_t target, std::string_view type,
                                                                       std::string_view via) const {
  std::vector<Related> out;
  std::vector<size_t> linked;
  auto first = std::lower_bound(links.begin(), links.end(), target,
                                [](const ResourceLink &l, size_t t) { return l.to < t; });
  for (auto it = first; it != links.end() && it->to == target; ++it) {
    if (it->attribute != via || resources[it->from].type != type) continue;
    out.push_back(Related{&resources[it->from], it->certain});
    linked.push_back(it->from);
  }
  if (target >= module_instance.size()) return out;
  const uint32_t instance = module_instance[target];
  const auto key = [&](uint32_t i) {
    return std::make_pair(open[i].instance, std::string_view(open[i].attribute));
  };
  auto open_first = std::lower_bound(
      open_by_attribute.begin(), open_by_attribute.end(), std::make_pair(instance, via),
      [&](uint32_t i, const std::pair<uint32_t, std::string_view> &k) { return key(i) < k; });
  // `links` is sorted by source within a target, so `linked` is too.
  for (auto it = open_first; it != open_by_attribute.end() && key(*it) == std::make_pair(instance, via);
       ++it) {
    const Open &o = open[*it];
    if (resources[o.from].type != type || o.from == target) continue;
    if (std::binary_search(linked.begin(), linked.end(), o.from)) continue;
    out.push_back(Related{&resources[o.from], false});
  }
  return out;
}

std::vector<ResourceReferences::Related> ResourceReferences::referenced(
    const std::vector<Resource> &resources, size_t source, std::string_view type,
    std::string_view via) const {
  std::vector<Related> out;
  auto first = std::lower_bound(by_from.begin(), by_from.end(), source,
                                [&](size_t link, size_t s) { return links[link].from < s; });
  for (auto it = first; it != by_from.end() && links[*it].from == source; ++it) {
    const ResourceLink &l = links[*it];
    if (l.attribute == via && resources[l.to].type == type)
      out.push_back(Related{&resources[l.to], l.certain});
  }
  if (source >= module_instance.size()) return out;
  uint32_t instance = module_instance[source];
  auto open_first = std::lower_bound(open.begin(), open.end(), std::make_pair(instance, source),
                                     [](const Open &o, const std::pair<uint32_t, size_t> &k) {
                                       return std::make_pair(o.instance, o.from) < k;
                                     });
  for (auto it = open_first; it != open.end() && it->instance == instance && it->from == source; ++it)
    if (it->attribute == via) out.push_back(Related{nullptr, false});
  return out;
}

}  // namespace clause
