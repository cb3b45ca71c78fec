#include "checker/project/project.h"

#include <algorithm>
#include <string_view>
#include <tuple>
#include <utility>

namespace clause {

const Document *Project::find_document(std::string_view path) const {
  for (const auto &d : documents)
    if (d->path == path) return d.get();
  for (const auto &d : support_documents)
    if (d->path == path) return d.get();
  return nullptr;
}

namespace {

// Resources found through links (index, certain): sorted, one each, a
// certain link winning over an uncertain one.
std::vector<ResourceReferences::Related> merged(std::vector<std::pair<size_t, bool>> &found,
                                                const std::vector<Resource> &resources,
                                                std::vector<size_t> &indexes) {
  std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) {
    return a.first != b.first ? a.first < b.first : a.second > b.second;
  });
  std::vector<ResourceReferences::Related> out;
  for (size_t i = 0; i < found.size(); ++i) {
    if (i > 0 && found[i].first == found[i - 1].first) continue;
    out.push_back(ResourceReferences::Related{&resources[found[i].first], found[i].second});
    indexes.push_back(found[i].first);
  }
  return out;
}

}  // namespace

std::vector<ResourceReferences::Related> ResourceReferences::referrers(const std::vector<Resource> &resources,
                                                                       size_t target, std::string_view type,
                                                                       std::string_view via,
                                                                       bool with_open) const {
  std::vector<std::pair<size_t, bool>> found;
  const auto link_key = [&](const ResourceLink &l) {
    return std::make_tuple(l.to, std::string_view(l.attribute), std::string_view(resources[l.from].type));
  };
  if (target < groups_of.size()) {
    for (uint32_t g : groups_of[target]) {
      if (g == kNoGroup) continue;
      const auto wanted = std::make_tuple(g, via, type);
      auto it = std::lower_bound(links.begin(), links.end(), wanted,
                                 [&](const ResourceLink &l, const auto &k) { return link_key(l) < k; });
      for (; it != links.end() && link_key(*it) == wanted; ++it)
        if (it->from != target) found.emplace_back(it->from, it->certain);
    }
  }
  std::vector<size_t> linked;
  std::vector<Related> out = merged(found, resources, linked);
  if (!with_open) return out;
  // `linked` is sorted (merged() sorts).
  for (uint32_t i : open_referrers(resources, target, type, via)) {
    const Open &o = open[i];
    if (o.from == target || std::binary_search(linked.begin(), linked.end(), o.from)) continue;
    out.push_back(Related{&resources[o.from], false});
  }
  return out;
}

std::span<const uint32_t> ResourceReferences::open_referrers(const std::vector<Resource> &resources,
                                                             size_t target, std::string_view type,
                                                             std::string_view via) const {
  if (target >= module_instance.size()) return {};
  const auto wanted = std::make_tuple(module_instance[target], via, type);
  const auto key = [&](uint32_t i) {
    return std::make_tuple(open[i].instance, std::string_view(open[i].attribute),
                           std::string_view(resources[open[i].from].type));
  };
  auto first = std::lower_bound(open_by_attribute.begin(), open_by_attribute.end(), wanted,
                                [&](uint32_t i, const auto &k) { return key(i) < k; });
  auto last = std::upper_bound(first, open_by_attribute.end(), wanted,
                               [&](const auto &k, uint32_t i) { return k < key(i); });
  return {open_by_attribute.data() + (first - open_by_attribute.begin()), static_cast<size_t>(last - first)};
}

std::vector<ResourceReferences::Related> ResourceReferences::referenced(
    const std::vector<Resource> &resources, size_t source, std::string_view type,
    std::string_view via) const {
  std::vector<std::pair<size_t, bool>> found;
  const auto key = [&](uint32_t i) {
    return std::make_pair(links[i].from, std::string_view(links[i].attribute));
  };
  const auto wanted = std::make_pair(source, via);
  auto it = std::lower_bound(by_from.begin(), by_from.end(), wanted,
                             [&](uint32_t i, const auto &k) { return key(i) < k; });
  for (; it != by_from.end() && key(*it) == wanted; ++it) {
    const ResourceLink &l = links[*it];
    const size_t *first = group_members.data() + group_start[l.to];
    const size_t *last = group_members.data() + group_start[l.to + 1];
    if (first == last || resources[*first].type != type) continue;  // a group has one type
    for (const size_t *m = first; m != last; ++m)
      if (*m != source) found.emplace_back(*m, l.certain);
  }
  std::vector<size_t> unused;
  std::vector<Related> out = merged(found, resources, unused);
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
