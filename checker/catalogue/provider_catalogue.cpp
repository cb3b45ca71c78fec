#include "checker/catalogue/provider_catalogue.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "checker/engine/embedded_files.h"
#include "checker/engine/embedded_models.h"
#include "parsers/yaml/yaml_parser.h"

namespace clause::catalogue {
namespace {

[[noreturn]] void fail(const std::string &origin, const Span &at, const std::string &message) {
  throw std::runtime_error(origin + ":" + std::to_string(at.start_line) + ":" + std::to_string(at.start_col) +
                           ": " + message);
}

std::string_view format_key(DocKind format) {
  switch (format) {
    case DocKind::Terraform:
    case DocKind::TerraformPlan: return "terraform";
    case DocKind::CloudFormation: return "cloudformation";
    case DocKind::Kubernetes: return "kubernetes";
    default: return "";
  }
}

const std::set<std::string, std::less<>> kFormats = {"terraform", "cloudformation", "kubernetes"};
const std::set<std::string, std::less<>> kProviders = {"aws", "azurerm", "google"};

// A non-empty string: an attribute path, a name or a phrase.
bool is_text(const Node &v) { return v.is_string() && !v.text.empty(); }

// A number of days, seconds or hours: not negative.
bool is_count(const Node &v) { return v.kind == NodeKind::Number && v.number >= 0; }

// A list item's fields, or none when it is not a mapping (the caller then
// says what the item needs).
const std::vector<MapEntry> &fields_of(const Node &n) {
  static const std::vector<MapEntry> kNone;
  return n.is_map() ? n.entries : kNone;
}

// A list of names: [region, zone].
std::vector<std::string> names(const std::string &origin, const MapEntry &field) {
  if (!field.value.is_list()) fail(origin, field.value.span, "'" + field.key + "' holds a list of names");
  std::vector<std::string> out;
  for (const Node &n : field.value.items) {
    if (!is_text(n)) fail(origin, n.span, "'" + field.key + "' holds a list of names");
    out.push_back(n.text);
  }
  return out;
}

// Tag properties: a path in the format's own shape, or {path: P, shape: S}.
std::vector<TagPath> tag_paths(const std::string &origin, const MapEntry &field, std::string_view format) {
  static const std::map<std::string, TagShape, std::less<>> kShapes = {
      {"map", TagShape::Map},
      {"key-value-list", TagShape::KeyValueList},
      {"key-value-blocks", TagShape::KeyValueBlocks}};
  if (!field.value.is_list()) fail(origin, field.value.span, "'tags' holds a list of paths");
  std::vector<TagPath> out;
  for (const Node &n : field.value.items) {
    TagPath t;
    t.shape = format == "cloudformation" ? TagShape::KeyValueList : TagShape::Map;
    if (n.is_string()) {
      t.path = n.text;
    } else if (n.is_map()) {
      for (const MapEntry &e : n.entries) {
        auto shape = e.value.is_string() ? kShapes.find(e.value.text) : kShapes.end();
        if (e.key == "path" && e.value.is_string())
          t.path = e.value.text;
        else if (e.key == "shape" && shape != kShapes.end())
          t.shape = shape->second;
        else
          fail(origin, e.key_span,
               "unexpected field or value '" + e.key +
                   "' (a tag property is {path, shape: map, key-value-list or "
                   "key-value-blocks})");
      }
    }
    if (t.path.empty()) fail(origin, n.span, "a tag property needs its path");
    out.push_back(std::move(t));
  }
  return out;
}

// Calls `read` with each entry (a mapping) of a format's list.
template <typename Read>
void each_entry(const std::string &origin, const MapEntry &format, const std::string &list_of,
                const std::string &example, Read read) {
  if (!format.value.is_list()) fail(origin, format.value.span, "a format holds a list of " + list_of);
  for (const Node &item : format.value.items) {
    if (!item.is_map()) fail(origin, item.span, "an entry is a mapping such as " + example);
    read(item);
  }
}

// backup: {retention: PATH, default: DAYS, off: DAYS, every: continuous or <N>h, unless: [PATH], what: TEXT}
BackupFacts backup_facts(const std::string &origin, const MapEntry &field) {
  if (!field.value.is_map())
    fail(origin, field.value.span, "'backup' is a mapping such as {retention: P, default: 1}");
  BackupFacts b;
  bool has_default = false;
  for (const MapEntry &e : field.value.entries) {
    const Node &v = e.value;
    bool hours = e.key == "every" && v.is_string() && v.text.size() > 1 && v.text.size() <= 5 &&
                 v.text.back() == 'h' && v.text.find_first_not_of("0123456789") == v.text.size() - 1;
    if (e.key == "retention" && is_text(v)) {
      b.retention = v.text;
    } else if (e.key == "default" && v.kind == NodeKind::Number) {
      b.retention_default = v.number;
      has_default = true;
    } else if (e.key == "off" && v.kind == NodeKind::Number) {
      b.off = v.number;
    } else if (e.key == "every" && v.is_string() && v.text == "continuous") {
      b.every_hours.reset();
    } else if (hours) {
      b.every_hours = std::stod(v.text.substr(0, v.text.size() - 1));
    } else if (e.key == "unless") {
      b.unless = names(origin, e);
    } else if (e.key == "what" && is_text(v)) {
      b.what = v.text;
    } else {
      fail(origin, e.key_span, "unexpected field or value '" + e.key + "' in backup");
    }
  }
  if (b.retention.empty() || !has_default)
    fail(origin, field.value.span, "'backup' needs its retention attribute and its default");
  return b;
}

// logs: {retention: PATH, default: DAYS, noun: TEXT}
LogFacts log_facts(const std::string &origin, const MapEntry &field) {
  if (!field.value.is_map()) fail(origin, field.value.span, "'logs' is a mapping {retention, default, noun}");
  LogFacts l;
  bool has_default = false;
  for (const MapEntry &e : field.value.entries) {
    const Node &v = e.value;
    if (e.key == "retention" && is_text(v)) {
      l.retention = v.text;
    } else if (e.key == "default" && is_count(v)) {
      l.retention_default = v.number;
      has_default = true;
    } else if (e.key == "noun" && is_text(v)) {
      l.noun = v.text;
    } else {
      fail(origin, e.key_span, "unexpected field or value '" + e.key + "' in logs");
    }
  }
  if (l.retention.empty() || !has_default || l.noun.empty())
    fail(origin, field.value.span, "'logs' needs its retention attribute, its default and its noun");
  return l;
}

// copies: [{each: PATH, region: PATH, what: TEXT, backup: BOOL}]
std::vector<CopyFacts> copy_facts(const std::string &origin, const MapEntry &field) {
  if (!field.value.is_list()) fail(origin, field.value.span, "'copies' holds a list of {each, region, what}");
  std::vector<CopyFacts> out;
  for (const Node &n : field.value.items) {
    CopyFacts c;
    for (const MapEntry &e : fields_of(n)) {
      const Node &v = e.value;
      if (e.key == "each" && is_text(v))
        c.each = v.text;
      else if (e.key == "region" && is_text(v))
        c.region = v.text;
      else if (e.key == "what" && is_text(v))
        c.what = v.text;
      else if (e.key == "backup" && v.kind == NodeKind::Bool)
        c.backup = v.boolean;
      else
        fail(origin, e.key_span, "unexpected field or value '" + e.key + "' in a copy");
    }
    if (c.region.empty() || c.what.empty())
      fail(origin, n.span, "a copy needs its region attribute and what it is");
    out.push_back(std::move(c));
  }
  return out;
}

// A setting's value: a boolean or a non-empty word.
std::optional<SettingValue> setting_value(const Node &v) {
  if (v.kind == NodeKind::Bool) return v.boolean;
  if (is_text(v)) return v.text;
  return std::nullopt;
}

// teardown: {setting: PATH, deletes: VALUE, default: VALUE, unless: [PATH], effect: TEXT}
TeardownFacts teardown_facts(const std::string &origin, const MapEntry &field) {
  if (!field.value.is_map())
    fail(origin, field.value.span, "'teardown' is a mapping such as {setting: P, deletes: true, effect: T}");
  TeardownFacts t;
  bool has_deletes = false;
  for (const MapEntry &e : field.value.entries) {
    const Node &v = e.value;
    if (e.key == "setting" && is_text(v)) {
      t.setting = v.text;
    } else if (e.key == "deletes" && setting_value(v)) {
      t.deletes = *setting_value(v);
      has_deletes = true;
    } else if (e.key == "default" && setting_value(v)) {
      t.default_value = setting_value(v);
    } else if (e.key == "unless") {
      t.unless = names(origin, e);
    } else if (e.key == "effect" && is_text(v)) {
      t.effect = v.text;
    } else {
      fail(origin, e.key_span, "unexpected field or value '" + e.key + "' in teardown");
    }
  }
  bool complete = t.setting.empty() ? !t.unless.empty() && !has_deletes && !t.default_value : has_deletes;
  if (t.effect.empty() || !complete)
    fail(origin, field.value.span,
         "'teardown' needs its effect and either its setting with the value that deletes, or only what "
         "stops it (unless)");
  return t;
}

// A unit of a period, in days: days, seconds or years.
std::optional<double> unit_days(const Node &v) {
  if (!v.is_string()) return std::nullopt;
  if (v.text == "days") return 1.0;
  if (v.text == "seconds") return 1.0 / (24 * 60 * 60);
  if (v.text == "years") return 365.0;
  return std::nullopt;
}

// soft_delete: [{within: PATH, retention: PATH, default: DAYS, unit: days or seconds, what: TEXT}]
std::vector<SoftDeleteFacts> soft_delete_facts(const std::string &origin, const MapEntry &field) {
  if (!field.value.is_list())
    fail(origin, field.value.span, "'soft_delete' holds a list of {retention, default, what}");
  std::vector<SoftDeleteFacts> out;
  for (const Node &n : field.value.items) {
    SoftDeleteFacts d;
    bool has_default = false;
    for (const MapEntry &e : fields_of(n)) {
      const Node &v = e.value;
      if (e.key == "within" && is_text(v)) {
        d.within = v.text;
      } else if (e.key == "retention" && is_text(v)) {
        d.retention = v.text;
      } else if (e.key == "default" && is_count(v)) {
        d.retention_default = v.number;
        has_default = true;
      } else if (e.key == "unit" && unit_days(v)) {
        d.unit_days = *unit_days(v);
      } else if (e.key == "what" && is_text(v)) {
        d.what = v.text;
      } else {
        fail(origin, e.key_span, "unexpected field or value '" + e.key + "' in soft_delete");
      }
    }
    if (d.retention.empty() || !has_default || d.what.empty())
      fail(origin, n.span, "a soft delete needs its retention attribute, its default and what it does");
    out.push_back(std::move(d));
  }
  return out;
}

// keeps: [PATH or {path: PATH, unit: days, seconds or years}]
std::vector<Period> periods(const std::string &origin, const MapEntry &field) {
  if (!field.value.is_list()) fail(origin, field.value.span, "'keeps' holds a list of periods");
  std::vector<Period> out;
  for (const Node &n : field.value.items) {
    Period p;
    if (n.is_string()) p.path = n.text;
    for (const MapEntry &e : fields_of(n)) {
      if (e.key == "path" && e.value.is_string())
        p.path = e.value.text;
      else if (e.key == "unit" && unit_days(e.value))
        p.unit_days = *unit_days(e.value);
      else
        fail(origin, e.key_span, "unexpected field or value '" + e.key + "' in a period");
    }
    if (p.path.empty()) fail(origin, n.span, "a period needs its path");
    out.push_back(std::move(p));
  }
  return out;
}

// lock: {each: PATH, when: PATH, is: VALUE, keeps: [PERIOD], what: TEXT, backups: BOOL}
LockFacts lock_facts(const std::string &origin, const MapEntry &field) {
  if (!field.value.is_map())
    fail(origin, field.value.span, "'lock' is a mapping such as {when: P, keeps: [days], what: T}");
  LockFacts l;
  for (const MapEntry &e : field.value.entries) {
    const Node &v = e.value;
    if (e.key == "each" && is_text(v))
      l.each = v.text;
    else if (e.key == "when" && is_text(v))
      l.when = v.text;
    else if (e.key == "is" && setting_value(v))
      l.when_is = setting_value(v);
    else if (e.key == "keeps")
      l.keeps = periods(origin, e);
    else if (e.key == "what" && is_text(v))
      l.what = v.text;
    else if (e.key == "backups" && v.kind == NodeKind::Bool)
      l.backups = v.boolean;
    else
      fail(origin, e.key_span, "unexpected field or value '" + e.key + "' in lock");
  }
  if (l.when.empty() || l.keeps.empty() || l.what.empty())
    fail(origin, field.value.span,
         "'lock' needs what locks it (when), the periods it keeps and what it keeps");
  return l;
}

// encryption: {setting: PATH, default: BOOL}
EncryptionFacts encryption_facts(const std::string &origin, const MapEntry &field) {
  if (!field.value.is_map())
    fail(origin, field.value.span, "'encryption' is a mapping {setting: P, default: false}");
  EncryptionFacts f;
  bool has_default = false;
  for (const MapEntry &e : field.value.entries) {
    if (e.key == "setting" && is_text(e.value)) {
      f.setting = e.value.text;
    } else if (e.key == "default" && e.value.kind == NodeKind::Bool) {
      f.default_on = e.value.boolean;
      has_default = true;
    } else {
      fail(origin, e.key_span, "unexpected field or value '" + e.key + "' in encryption");
    }
  }
  if (f.setting.empty() || !has_default)
    fail(origin, field.value.span, "'encryption' needs its setting and its default");
  return f;
}

// key_deletion: {window: PATH, default: DAYS, unit: days or google-duration}
KeyDeletionFacts key_deletion_facts(const std::string &origin, const MapEntry &field) {
  if (!field.value.is_map())
    fail(origin, field.value.span, "'key_deletion' is a mapping {window: P, default: 30}");
  KeyDeletionFacts k;
  bool has_default = false;
  for (const MapEntry &e : field.value.entries) {
    const Node &v = e.value;
    if (e.key == "window" && is_text(v)) {
      k.window = v.text;
    } else if (e.key == "default" && is_count(v)) {
      k.window_default = v.number;
      has_default = true;
    } else if (e.key == "unit" && v.is_string() && (v.text == "days" || v.text == "google-duration")) {
      k.google_duration = v.text == "google-duration";
    } else {
      fail(origin, e.key_span, "unexpected field or value '" + e.key + "' in key_deletion");
    }
  }
  if (k.window.empty() || !has_default)
    fail(origin, field.value.span, "'key_deletion' needs its window attribute and its default");
  return k;
}

std::vector<ResourceFacts> resource_list(const std::string &origin, const MapEntry &format) {
  std::vector<ResourceFacts> facts;
  each_entry(origin, format, "resource types", "{type: aws_s3_bucket, data: true}", [&](const Node &item) {
    ResourceFacts f;
    for (const MapEntry &field : item.entries) {
      const Node &v = field.value;
      if (field.key == "type" && v.is_string()) {
        f.type = v.text;
      } else if (field.key == "provider" && v.is_string() && format.key == "terraform" &&
                 kProviders.count(v.text)) {
        f.provider = v.text;
      } else if (field.key == "data" && v.kind == NodeKind::Bool) {
        f.data = v.boolean;
      } else if (field.key == "name" && v.is_string()) {
        f.name = v.text;
      } else if (field.key == "key" && v.is_string()) {
        f.key = v.text;
      } else if (field.key == "location") {
        f.location = names(origin, field);
      } else if (field.key == "tags") {
        f.tags = tag_paths(origin, field, format.key);
      } else if (field.key == "backup") {
        f.backup = backup_facts(origin, field);
      } else if (field.key == "copies") {
        f.copies = copy_facts(origin, field);
      } else if (field.key == "logs") {
        f.logs = log_facts(origin, field);
      } else if (field.key == "teardown") {
        f.teardown = teardown_facts(origin, field);
      } else if (field.key == "soft_delete") {
        f.soft_delete = soft_delete_facts(origin, field);
      } else if (field.key == "lock") {
        f.lock = lock_facts(origin, field);
      } else if (field.key == "encryption") {
        f.encryption = encryption_facts(origin, field);
      } else if (field.key == "key_deletion") {
        f.key_deletion = key_deletion_facts(origin, field);
      } else {
        fail(origin, field.key_span, "unexpected field or value '" + field.key + "'");
      }
    }
    if (f.type.empty()) fail(origin, item.span, "an entry needs its type");
    if (format.key == "terraform" && f.provider.empty())
      fail(origin, item.span, f.type + " needs its provider (aws, azurerm or google)");
    if (!facts.empty() && facts.back().type >= f.type)
      fail(origin, item.span, f.type + " is out of order or listed twice: types are sorted within a format");
    facts.push_back(std::move(f));
  });
  return facts;
}

// providers: {terraform: [{provider: aws, ...}], cloudformation: [{tags: [...]}]}
std::map<std::string, std::vector<ProviderFacts>, std::less<>> provider_lists(const std::string &origin,
                                                                              const Node &section) {
  if (!section.is_map()) fail(origin, section.span, "'providers' maps formats to lists of providers");
  std::map<std::string, std::vector<ProviderFacts>, std::less<>> out;
  for (const MapEntry &format : section.entries) {
    if (!kFormats.count(format.key)) fail(origin, format.key_span, "unknown format '" + format.key + "'");
    std::vector<ProviderFacts> &facts = out[format.key];
    each_entry(origin, format, "providers", "{provider: aws, location: [region]}", [&](const Node &item) {
      ProviderFacts f;
      for (const MapEntry &field : item.entries) {
        const Node &v = field.value;
        if (field.key == "provider" && v.is_string() && format.key == "terraform" && kProviders.count(v.text))
          f.provider = v.text;
        else if (field.key == "location" || field.key == "provider_location")
          (field.key == "location" ? f.location : f.provider_location) = names(origin, field);
        else if (field.key == "tags")
          f.tags = tag_paths(origin, field, format.key);
        else
          fail(origin, field.key_span, "unexpected field or value '" + field.key + "'");
      }
      if (format.key == "terraform" && f.provider.empty())
        fail(origin, item.span, "a Terraform entry needs its provider (aws, azurerm or google)");
      if (!facts.empty() && facts.back().provider >= f.provider)
        fail(origin, item.span,
             (f.provider.empty() ? std::string("this entry") : f.provider) +
                 " is out of order or listed twice: providers are sorted within a format, one entry outside "
                 "Terraform");
      facts.push_back(std::move(f));
    });
  }
  return out;
}

}  // namespace

ProviderCatalogue ProviderCatalogue::parse(std::string_view text, const std::string &origin) {
  return from_document(*parse_own_yaml(text, origin));
}

ProviderCatalogue ProviderCatalogue::from_document(const Document &doc) {
  const std::string &origin = doc.path;
  if (!doc.diagnostics.empty()) fail(origin, doc.diagnostics.front().span, doc.diagnostics.front().message);
  if (doc.roots.size() != 1 || !doc.roots.front().is_map())
    fail(origin, Span{}, "the catalogue is one mapping of formats");
  ProviderCatalogue out;
  for (const MapEntry &entry : doc.roots.front().entries) {
    if (entry.key == "providers")
      out.providers_ = provider_lists(origin, entry.value);
    else if (kFormats.count(entry.key))
      out.formats_[entry.key] = resource_list(origin, entry);
    else
      fail(origin, entry.key_span, "unknown format '" + entry.key + "'");
  }
  return out;
}

const ResourceFacts *ProviderCatalogue::find(DocKind format, std::string_view type) const {
  auto it = formats_.find(format_key(format));
  if (it == formats_.end()) return nullptr;
  const std::vector<ResourceFacts> &facts = it->second;
  auto at = std::lower_bound(facts.begin(), facts.end(), type,
                             [](const ResourceFacts &f, std::string_view t) { return f.type < t; });
  return at != facts.end() && at->type == type ? &*at : nullptr;
}

const ProviderFacts *ProviderCatalogue::provider(DocKind format, std::string_view provider) const {
  for (const ProviderFacts &f : providers(format))
    if (f.provider == provider) return &f;
  return nullptr;
}

const std::vector<ResourceFacts> &ProviderCatalogue::types(DocKind format) const {
  static const std::vector<ResourceFacts> kNone;
  auto it = formats_.find(format_key(format));
  return it == formats_.end() ? kNone : it->second;
}

const std::vector<ProviderFacts> &ProviderCatalogue::providers(DocKind format) const {
  static const std::vector<ProviderFacts> kNone;
  auto it = providers_.find(format_key(format));
  return it == providers_.end() ? kNone : it->second;
}

bool ProviderCatalogue::holds_data(DocKind format, std::string_view type) const {
  const ResourceFacts *f = find(format, type);
  return f && f->data;
}

std::vector<std::string> ProviderCatalogue::expand_alias(DocKind format, std::string_view alias) const {
  constexpr std::string_view kDataStores = "@data-stores";
  const std::string_view key = format_key(format);
  if (key.empty())
    throw std::invalid_argument("'" + std::string(alias) +
                                "': aliases name resource types of terraform, cloudformation or kubernetes");
  bool known = alias.starts_with(kDataStores);
  std::string_view provider = known ? alias.substr(kDataStores.size()) : std::string_view();
  if (!provider.empty()) {
    known = key == "terraform" && provider.size() > 1 && provider.front() == '/';
    provider.remove_prefix(1);
  }
  std::vector<std::string> out;
  auto it = formats_.find(key);
  if (known && it != formats_.end())
    for (const ResourceFacts &f : it->second)
      if (f.data && (provider.empty() || f.provider == provider)) out.push_back(f.type);
  if (out.empty())
    throw std::invalid_argument(
        "unknown alias '" + std::string(alias) + "' for " + std::string(key) +
        ": the catalogue names \"@data-stores\"" +
        (key == "terraform" ? " and \"@data-stores/<provider>\" (aws, azurerm, google)" : ""));
  return out;
}

const ProviderCatalogue &provider_catalogue() {
  static const ProviderCatalogue catalogue = [] {
    for (const EmbeddedFile &f : embedded_catalogue_files())
      if (f.path == "catalogue/resources.yaml")
        return ProviderCatalogue::from_document(*embedded_document(f.content, std::string(f.path)));
    throw std::runtime_error("catalogue/resources.yaml is not embedded in this build");
  }();
  return catalogue;
}

}  // namespace clause::catalogue
