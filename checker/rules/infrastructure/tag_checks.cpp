// CL-0301 cat.tag-service and CL-0302 cat.tag-dataclass: a tag the
// catalogue needs, under any of the keys the configuration accepts
// (parameter `keys`) and, when `values` lists any, with one of those values.
// Tags are read wherever the resource keeps them (checker/catalogue).
#include <algorithm>

#include "checker/catalogue/resource_tags.h"
#include "checker/engine/rule.h"
#include "checker/model/unknown.h"
#include "checker/rules/infrastructure/infra_support.h"

namespace clause::infra {
namespace {

std::vector<std::string> strings_of(const Node *n) {
  std::vector<std::string> out;
  if (!n) return out;
  if (n->is_scalar()) out.push_back(n->scalar_text());
  if (n->is_list())
    for (const Node &item : n->items)
      if (item.is_scalar()) out.push_back(item.scalar_text());
  return out;
}

bool targeted(const Rule &rule, const Resource &r) {
  auto format = target_format_of(r.format);
  if (!format) return false;
  auto it = rule.targets.find(*format);
  if (it == rule.targets.end()) return false;
  return std::find(it->second.begin(), it->second.end(), r.type) != it->second.end();
}

std::string quoted_list(const std::vector<std::string> &items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + ("'" + items[i] + "'");
  return out;
}

// The message reads "<address> <lead> has no <tag>, <why>".
void required_tag(const NativeCheckContext &ctx, const std::string &lead, const std::string &why) {
  const std::vector<std::string> keys = strings_of(ctx.param("keys"));
  const std::vector<std::string> values = strings_of(ctx.param("values"));
  if (keys.empty()) return;
  for (const Resource &r : ctx.project().resources) {
    if (!r.body || !r.document || !targeted(ctx.rule(), r)) continue;
    const catalogue::ResourceTags tags = catalogue::read_tags(r);
    const MapEntry *found = nullptr;
    for (const std::string &k : keys)
      if ((found = tags.entry(k))) break;
    if (!found) {
      if (tags.unknown) {
        ctx.undecided(*r.document, r.span, r.address, tags.blocked_by);
        continue;
      }
      const std::string tag =
          keys.size() == 1 ? "'" + keys[0] + "' tag" : keys[0] + " tag (none of " + quoted_list(keys) + ")";
      ctx.report(*r.document, r.span, r.address + lead + " has no " + tag + ", " + why, r.address);
      continue;
    }
    if (values.empty()) {
      ctx.passed();
      continue;
    }
    const Node &v = found->value;
    if (is_unknown_value(v)) {
      ctx.undecided(*r.document, v.span, r.address, v.scalar_text());
      continue;
    }
    const std::string text = v.scalar_text();
    if (std::find(values.begin(), values.end(), text) != values.end()) {
      ctx.passed();
      continue;
    }
    Span at = v.span.valid() ? v.span : r.span;
    ctx.report(*r.document, at,
               r.address + " tags " + found->key + " = '" + text +
                   "', which is not one of the allowed values (" + quoted_list(values) + ")",
               r.address);
  }
}

void tag_service(const NativeCheckContext &ctx) {
  required_tag(ctx, "", "so it cannot be traced to a catalogue entry");
}

void tag_dataclass(const NativeCheckContext &ctx) {
  required_tag(ctx, " stores data but", "so location, deletion and export rules cannot tell what it holds");
}

const NativeCheckRegistrar kService("CL-0301", &tag_service);
const NativeCheckRegistrar kDataclass("CL-0302", &tag_dataclass);

}  // namespace
}  // namespace clause::infra
