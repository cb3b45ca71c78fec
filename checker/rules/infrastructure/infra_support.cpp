#include "checker/rules/infrastructure/infra_support.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>

#include "checker/project/built_once.h"

namespace clause::infra {

bool mentions(const Node &n, std::string_view needle) {
  if ((n.kind == NodeKind::String || n.kind == NodeKind::Expression) &&
      n.text.find(needle) != std::string::npos)
    return true;
  for (const auto &i : n.items)
    if (mentions(i, needle)) return true;
  for (const auto &e : n.entries)
    if (e.key.find(needle) != std::string::npos || mentions(e.value, needle)) return true;
  return false;
}

std::string directory_of(const std::string &path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

ProviderFamily family_of_provider_name(std::string_view name) {
  if (name == "aws") return ProviderFamily::Aws;
  if (name == "azurerm") return ProviderFamily::Azure;
  if (name == "google" || name == "google-beta") return ProviderFamily::Google;
  return ProviderFamily::Other;
}

// Joins a directory and a relative module source, resolving "." and "..".
std::string join_relative(const std::string &dir, const std::string &source) {
  std::vector<std::string> parts;
  auto push_all = [&parts](const std::string &p) {
    size_t i = 0;
    while (i <= p.size()) {
      size_t j = p.find('/', i);
      if (j == std::string::npos) j = p.size();
      std::string seg = p.substr(i, j - i);
      if (seg == "..") {
        if (!parts.empty()) parts.pop_back();
      } else if (!seg.empty() && seg != ".") {
        parts.push_back(seg);
      }
      i = j + 1;
    }
  };
  push_all(dir);
  push_all(source);
  std::string out;
  for (const auto &p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

namespace {

bool is_local_source(const Node *src) {
  return src && src->is_string() && (src->text.rfind("./", 0) == 0 || src->text.rfind("../", 0) == 0);
}

TerraformLayout build_layout(const Project &project) {
  TerraformLayout out;
  for (const auto &doc : project.documents) {
    if (doc->kind != DocKind::Terraform) continue;
    for (const auto &b : doc->blocks) {
      if (b.type == "provider" && b.labels.size() == 1) {
        ProviderBlock p;
        p.doc = doc.get();
        p.block = &b;
        p.name = b.labels[0];
        const Node *alias = b.body.get("alias");
        p.alias = alias && alias->is_string() ? alias->text : "";
        p.family = family_of_provider_name(p.name);
        out.providers.push_back(std::move(p));
        continue;
      }
      if (b.type != "module") continue;
      const Node *src = b.body.get("source");
      if (is_local_source(src)) {
        const std::string caller = directory_of(doc->path);
        out.local_calls[caller].insert(join_relative(caller, src->text));
      } else if (!b.labels.empty()) {
        out.remote_calls.emplace(directory_of(doc->path), "module." + b.labels.front());
      }
    }
  }
  for (const auto &[_, callees] : out.local_calls)
    out.local_module_dirs.insert(callees.begin(), callees.end());
  return out;
}

}  // namespace

const TerraformLayout &terraform_layout(const Project &project) {
  return built_once(project.terraform_layout,
                    [&] { return std::make_shared<const TerraformLayout>(build_layout(project)); });
}

const std::vector<ProviderBlock> &provider_blocks(const Project &project) {
  return terraform_layout(project).providers;
}

const std::map<std::string, std::set<std::string>> &local_module_calls(const Project &project) {
  return terraform_layout(project).local_calls;
}

const std::set<std::string> &local_module_directories(const Project &project) {
  return terraform_layout(project).local_module_dirs;
}

const std::map<std::string, std::string> &remote_module_calls(const Project &project) {
  return terraform_layout(project).remote_calls;
}

std::string provider_alias_of(const Resource &r) {
  const Node *p = r.body ? r.body->get("provider") : nullptr;
  if (!p) return "";
  const std::string &t = p->text;
  size_t dot = t.find('.');
  return dot == std::string::npos ? "" : t.substr(dot + 1);
}

std::vector<const Resource *> resources_of(const Project &project, ProviderFamily family, DocKind format) {
  std::vector<const Resource *> out;
  for (const auto &r : project.resources)
    if (r.provider == family && r.format == format) out.push_back(&r);
  return out;
}

bool is_type(const Resource &r, std::initializer_list<std::string_view> types) {
  for (auto t : types)
    if (r.type == t) return true;
  return false;
}

bool example_or_test_directory(const std::string &dir) {
  size_t i = 0;
  while (i <= dir.size()) {
    size_t j = dir.find('/', i);
    if (j == std::string::npos) j = dir.size();
    std::string_view seg(dir.data() + i, j - i);
    if (seg == "examples" || seg == "example" || seg == "test" || seg == "tests" || seg == "testdata" ||
        seg == "fixtures" || seg == "test-fixtures")
      return true;
    i = j + 1;
  }
  return false;
}

bool configures_account(const Block &provider) {
  static const char *const kKeys[] = {"region",
                                      "project",
                                      "zone",
                                      "profile",
                                      "credentials",
                                      "access_key",
                                      "assume_role",
                                      "default_tags",
                                      "shared_credentials_files",
                                      "features",
                                      "subscription_id",
                                      "tenant_id",
                                      "client_id",
                                      "use_msi",
                                      "billing_project",
                                      "user_project_override",
                                      "impersonate_service_account"};
  for (const char *k : kKeys)
    if (provider.body.get(k)) return true;
  return false;
}

void report_missing_controls(const NativeCheckContext &ctx, const std::vector<ControlEvidence> &controls) {
  const Project &project = ctx.project();
  const auto &providers = provider_blocks(project);
  const auto &modules = local_module_directories(project);
  const auto &remote = remote_module_calls(project);
  // The provider blocks that may carry a finding, in scan order, with their
  // directories: worked out once, not once per unit and control.
  struct Candidate {
    const ProviderBlock *provider;
    std::string dir;
  };
  std::vector<Candidate> candidates;
  for (const auto &p : providers) {
    std::string dir = directory_of(p.doc->path);
    if (modules.count(dir) || example_or_test_directory(dir) || !configures_account(*p.block)) continue;
    candidates.push_back(Candidate{&p, std::move(dir)});
  }
  std::vector<std::vector<const Resource *>> by_unit(project.units.size());
  for (const auto &r : project.resources)
    if (r.unit < by_unit.size()) by_unit[r.unit].push_back(&r);
  for (uint32_t u = 0; u < project.units.size(); ++u) {
    const Unit &unit = project.units[u];
    if (unit.kind != UnitKind::TerraformRoot && unit.kind != UnitKind::Declared) continue;
    auto in_unit = [&](const std::string &dir) {
      return std::binary_search(unit.dirs.begin(), unit.dirs.end(), dir);
    };
    // The unit's candidates and its first remote module call, found when a
    // control first needs them.
    std::optional<std::vector<const Candidate *>> here;
    std::optional<const std::string *> remote_call;
    for (const auto &c : controls) {
      bool used = false;
      bool evidenced = false;
      for (const Resource *r : by_unit[u]) {
        if (r->provider != c.family) continue;
        if (r->format == DocKind::Terraform) used = true;
        if (!c.unit_evidence && c.is_evidence(*r)) evidenced = true;
      }
      if (c.unit_evidence) evidenced = c.unit_evidence(by_unit[u]);
      if (!used || evidenced) continue;
      if (!here) {
        here.emplace();
        for (const auto &cand : candidates)
          if (in_unit(cand.dir)) here->push_back(&cand);
      }
      auto first = std::find_if(here->begin(), here->end(),
                                [&](const Candidate *cand) { return cand->provider->family == c.family; });
      if (first == here->end()) continue;
      const ProviderBlock &p = *(*first)->provider;
      // A module from a registry or repository is not scanned: the control
      // may live there, so the answer is unknown.
      if (!remote_call) {
        auto it =
            std::find_if(remote.begin(), remote.end(), [&](const auto &call) { return in_unit(call.first); });
        remote_call = it == remote.end() ? nullptr : &it->second;
      }
      if (*remote_call) {
        ctx.undecided(*p.doc, p.block->header, "provider." + p.name, **remote_call);
      } else {
        ctx.report_in_unit(
            u, *p.doc, p.block->header,
            "In " + std::string(unit_kind_name(unit.kind)) + " " + unit.name() + ": " + c.missing,
            "provider." + p.name);
      }
    }
  }
}

std::string k8s_namespace(const Resource &r) {
  Attribute ns = read_attribute(r.body, "metadata.namespace", kBlocksAndDynamic);
  auto s = ns.as_string();
  return s && !s->empty() ? *s : "default";
}

const Node *k8s_pod_template_labels(const Resource &r) {
  if (r.type == "Pod") return read_attribute(r.body, "metadata.labels", kBlocksAndDynamic).node;
  if (r.type == "CronJob")
    return read_attribute(r.body, "spec.jobTemplate.spec.template.metadata.labels", kBlocksAndDynamic).node;
  return read_attribute(r.body, "spec.template.metadata.labels", kBlocksAndDynamic).node;
}

bool k8s_selector_matches(const Node *selector, const Node *labels) {
  if (!selector || !selector->is_map()) return false;
  const Node *match = selector->get("matchLabels");
  const Node *pairs = match ? match : (selector->get("matchExpressions") ? nullptr : selector);
  if (!pairs) return true;  // matchExpressions only
  if (!pairs->is_map() || pairs->entries.empty()) return pairs->is_map();
  if (!labels || !labels->is_map()) return false;
  for (const auto &e : pairs->entries) {
    const Node *l = labels->get(e.key);
    if (!l || !l->is_scalar() || !e.value.is_scalar()) return false;
    // Labels are strings nearly always: compared in place, not rendered.
    const bool same = l->kind == NodeKind::String && e.value.kind == NodeKind::String
                          ? l->text == e.value.text
                          : l->scalar_text() == e.value.scalar_text();
    if (!same) return false;
  }
  return true;
}

}  // namespace clause::infra
