// Encryption promises against encryption settings: who holds the keys
// (5.1), whether stored data is encrypted at all (5.5), and how fast a key
// can really be destroyed when deletion is by crypto-erasure (5.15).
#include <algorithm>
#include <cctype>
#include <map>

#include "checker/agreement/values.h"
#include "checker/catalogue/provider_catalogue.h"
#include "checker/crossdoc/attributes.h"
#include "checker/crossdoc/judge.h"
#include "checker/crossdoc/tf_reference.h"
#include "checker/model/ascii.h"
#include "checker/model/attribute.h"

namespace clause::crossdoc {
namespace {

bool contains_any(const std::string &text, std::initializer_list<const char *> needles) {
  std::string l = ascii_lower(text);
  for (const char *n : needles)
    if (l.find(n) != std::string::npos) return true;
  return false;
}

// The agreement field that promises dedicated (customer-managed) keys, if any.
std::optional<Promised> dedicated_keys_promise(const AgreementView &a) {
  Promised km = a.field("security.keyManagement");
  if (km.node && km.node->is_string() &&
      contains_any(km.node->text, {"kms", "cmk", "byok", "hyok", "customer-managed", "customer managed",
                                   "per-tenant", "dedicated", "csc-managed", "customer-held"}))
    return km;
  for (const Node *r : read_attribute(&a.root(), "responsibilities", kFirstElement).elements()) {
    const Node *area = r->get("area");
    if (!area || !area->is_string() || area->text != "encryption-keys") continue;
    Attribute owner = read_attribute(r, "owner", kFirstElement);
    if (auto o = owner.as_string(); o && (*o == "csc" || *o == "shared-csp-csc")) {
      Promised p;
      p.node = owner.node;
      p.span = owner.span_or(owner.node->span);
      return p;
    }
  }
  return std::nullopt;
}

// Where each primary customer-data store names its key: the catalogue's
// `key` (catalogue/resources.yaml), Terraform and CloudFormation; nullptr for
// a type without one. Logs, queues and secrets are left to the agreement's
// own wording: the catalogue binds key ownership to the data stores.
const char *key_attribute(const IndexedResource &r) {
  const catalogue::ResourceFacts *f = catalogue::provider_catalogue().find(r.resource->format, r.type());
  return f && !f->key.empty() ? f->key.c_str() : nullptr;
}

// Split resources and companions that give a store its key.
struct KeyCompanion {
  const char *type;
  const char *via;  // attribute that names the store
  const char *key;  // attribute that names the key
};
const std::vector<KeyCompanion> &key_companions() {
  static const std::vector<KeyCompanion> kCompanions = {
      {"aws_s3_bucket_server_side_encryption_configuration", "bucket",
       "rule.apply_server_side_encryption_by_default.kms_master_key_id"},
      {"azurerm_storage_account_customer_managed_key", "storage_account_id", "key_vault_key_id"},
  };
  return kCompanions;
}

// An AWS-managed key alias is the provider's key, not a dedicated one.
bool provider_managed_alias(const std::string &key) {
  return key.rfind("alias/aws/", 0) == 0 || key.find(":alias/aws/") != std::string::npos;
}

enum class KeyState { Dedicated, ProviderManaged, Unknown };

struct KeyFinding {
  KeyState state = KeyState::ProviderManaged;
  const IndexedResource *at = nullptr;  // where the key is (or should be) named
  Attribute value;
};

KeyFinding key_of(const ResourceIndex &index, const IndexedResource &store, const char *path) {
  KeyFinding out;
  out.at = &store;
  out.value = read_attribute(store.body(), path, kFirstElement);
  if (out.value.absent()) {
    for (const auto &c : key_companions()) {
      for (const IndexedResource *companion : index.referrers(store, c.type, c.via)) {
        out.at = companion;
        out.value = read_attribute(companion->body(), c.key, kFirstElement);
        if (!out.value.absent()) break;
      }
      if (!out.value.absent()) break;
    }
  }
  if (out.value.known()) {
    auto s = out.value.as_string();
    out.state =
        s && !s->empty() && !provider_managed_alias(*s) ? KeyState::Dedicated : KeyState::ProviderManaged;
  } else if (out.value.unknown()) {
    // A reference to a key the configuration manages is a dedicated key.
    bool to_key = false;
    for (const auto &ref : tf_references(*out.value.node))
      to_key = to_key || ref.address.find("kms") != std::string::npos ||
               ref.address.rfind("azurerm_key_vault_key", 0) == 0 ||
               ref.address.rfind("azurerm_disk_encryption_set", 0) == 0;
    if (out.value.node->is_map()) {  // CloudFormation Ref / GetAtt to a key resource
      auto targets = index.referenced(*out.at, *out.value.node, {"AWS::KMS::Key", "AWS::KMS::Alias"});
      to_key = to_key || !targets.empty();
    }
    out.state = to_key ? KeyState::Dedicated : KeyState::Unknown;
  }
  return out;
}

// Read replicas and cluster members are encrypted as their source is.
bool replica_or_member(const IndexedResource &r) {
  for (const char *p :
       {"replicate_source_db", "Properties.SourceDBInstanceIdentifier", "Properties.DBClusterIdentifier"})
    if (!read_attribute(r.body(), p, kFirstElement).absent()) return true;
  return false;
}

// CL-0172 ctx.x-keys-ownership
void keys_ownership(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    auto promise = dedicated_keys_promise(a);
    if (!promise) continue;
    Binding binding(a, index);
    auto in_table = [](const IndexedResource &r) { return key_attribute(r) != nullptr; };
    for (const auto &[r, m] : binding.scope(in_table)) {
      if (replica_or_member(*r)) continue;
      KeyFinding k = key_of(index, *r, key_attribute(*r));
      if (k.state == KeyState::Dedicated) {
        judge.pass();
        continue;
      }
      if (k.state == KeyState::Unknown) {
        judge.undecided(*k.at, k.value);
        continue;
      }
      std::string written = promise->node->scalar_text();
      std::string actual = k.value.known() ? "names the provider-managed key " + k.value.node->scalar_text()
                                           : "names no key, so the provider's default key encrypts it";
      judge.fail(
          *k.at, m, k.value.span_or(k.at->resource->span),
          "The agreement commits to dedicated encryption keys ('" + written + "', " + a.where(promise->span) +
              ") but " + r->address() + " " + actual,
          {a.related(*promise, "the agreement commits to dedicated, customer-managed encryption keys")});
    }
  }
}

bool promises_encryption(const AgreementView &a, Promised &field) {
  field = a.field("security.encryptionAtRest");
  if (!field.node) return false;
  if (field.node->kind == NodeKind::Bool) return field.node->boolean;
  return field.node->is_string() &&
         contains_any(field.node->text, {"required", "mandatory", "always", "yes", "all", "true", "enabled"});
}

// Stores that are not encrypted unless told to be, and the attribute that
// tells them: the catalogue's encryption facts of the type; nullptr for others.
const catalogue::EncryptionFacts *encryption_of(const IndexedResource &r) {
  const catalogue::ResourceFacts *f = catalogue::provider_catalogue().find(r.resource->format, r.type());
  return f && f->encryption ? &*f->encryption : nullptr;
}

// Replicas and cluster members take their encryption from their source.
bool inherits_encryption(const IndexedResource &r) {
  if (replica_or_member(r) || !read_attribute(r.body(), "snapshot_identifier", kFirstElement).absent())
    return true;
  if (r.type() == "aws_rds_cluster") {
    auto mode = read_attribute(r.body(), "engine_mode", kFirstElement).as_string();
    if (mode && *mode == "serverless") return true;  // always encrypted
  }
  if (r.type() == "aws_sqs_queue" && !read_attribute(r.body(), "kms_master_key_id", kFirstElement).absent())
    return true;
  if (r.type() == "AWS::SQS::Queue" &&
      !read_attribute(r.body(), "Properties.KmsMasterKeyId", kFirstElement).absent())
    return true;
  return false;
}

// CL-0570 dsg.x-encryption-promise
void encryption_promise(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  // Account-wide EBS encryption covers volumes that say nothing.
  bool ebs_by_default = false;
  for (const IndexedResource *d : index.of_type("aws_ebs_encryption_by_default"))
    ebs_by_default =
        ebs_by_default || read_attribute(d->body(), "enabled", kFirstElement).as_bool().value_or(true);
  for (const AgreementView &a : agreements(ctx.project())) {
    Promised promise;
    if (!promises_encryption(a, promise)) continue;
    Binding binding(a, index);
    auto encrypts = [](const IndexedResource &r) { return encryption_of(r) != nullptr; };
    for (const auto &[r, m] : binding.scope(encrypts)) {
      if (inherits_encryption(*r)) continue;
      const catalogue::EncryptionFacts &s = *encryption_of(*r);
      Attribute setting = read_attribute(r->body(), s.setting, kFirstElement);
      if (setting.unknown()) {
        judge.undecided(*r, setting);
        continue;
      }
      bool on = setting.absent() ? (s.default_on || (r->type() == "aws_ebs_volume" && ebs_by_default))
                                 : setting.as_bool().value_or(false);
      if (on) {
        judge.pass();
        continue;
      }
      std::string leaf = s.setting;
      leaf = leaf.substr(leaf.rfind('.') == std::string::npos ? 0 : leaf.rfind('.') + 1);
      judge.fail(*r, m, setting.span_or(r->resource->span),
                 "The agreement requires customer data to be encrypted at rest (" + a.where(promise.span) +
                     ") but " + r->address() + " stores it unencrypted (" + leaf + " is " +
                     (setting.absent() ? "not set, which means false" : setting.node->scalar_text()) + ")",
                 {a.related(promise, "the agreement requires encryption at rest")});
    }
  }
}

// The catalogue's key-deletion facts of the type; nullptr when it is no key.
const catalogue::KeyDeletionFacts *key_deletion_of(const IndexedResource &r) {
  const catalogue::ResourceFacts *f = catalogue::provider_catalogue().find(r.resource->format, r.type());
  return f && f->key_deletion ? &*f->key_deletion : nullptr;
}

// CL-1570 rm.x-kms-window
void kms_window(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  double scheduling = 0;
  if (const Node *p = ctx.param("schedulingDelayDays"); p && p->kind == NodeKind::Number)
    scheduling = p->number;
  for (const AgreementView &a : agreements(ctx.project())) {
    Promised method = a.field("dataManagement.deletion.method");
    if (!method.node || !method.node->is_string() || !contains_any(method.node->text, {"crypto"})) continue;
    auto within = a.duration("dataManagement.deletion.afterRetrievalWithin");
    if (!within) continue;
    double promised_days = static_cast<double>(within->seconds) / agreement::kSecondsPerDay;
    Binding binding(a, index);
    auto is_key = [](const IndexedResource &r) { return key_deletion_of(r) != nullptr; };
    for (const auto &[r, m] : binding.scope(is_key)) {
      const catalogue::KeyDeletionFacts &d = *key_deletion_of(*r);
      if (r->type() == "azurerm_key_vault") {
        // Without purge protection a vault's keys can be purged at once.
        Attribute purge = read_attribute(r->body(), "purge_protection_enabled", kFirstElement);
        if (purge.unknown()) {
          judge.undecided(*r, purge);
          continue;
        }
        if (!purge.as_bool().value_or(false)) {
          judge.pass();
          continue;
        }
      }
      Attribute window = read_attribute(r->body(), d.window, kFirstElement);
      if (window.unknown()) {
        judge.undecided(*r, window);
        continue;
      }
      double days = d.window_default;
      if (window.known()) {
        if (d.google_duration) {
          auto secs = google_duration_seconds(*window.node);
          if (!secs) {
            judge.undecided(*r, window);
            continue;
          }
          days = static_cast<double>(*secs) / agreement::kSecondsPerDay;
        } else if (auto n = window.as_number()) {
          days = *n;
        }
      }
      if (days + scheduling <= promised_days) {
        judge.pass();
        continue;
      }
      std::string how = window.known()
                            ? d.window.substr(d.window.rfind('.') + 1) + " = " + window.node->scalar_text()
                            : "the default when it is not set";
      std::string delay = scheduling > 0 ? " plus " + days_text(scheduling) + " to schedule it" : "";
      judge.fail(
          *r, m, window.span_or(r->resource->span),
          "The agreement promises crypto-erasure within " + agreement::format_duration(within->seconds) +
              " after retrieval ends (" + a.where(within->span) + ") but this key is destroyed only " +
              days_text(days) + delay + " after its deletion is requested (" + how + ")",
          {a.related(*within, "the agreement promises deletion within " +
                                  agreement::format_duration(within->seconds) + " after retrieval ends"),
           a.related(method, "deletion is by crypto-erasure, so it happens when the key is destroyed")});
    }
  }
}

const NativeCheckRegistrar reg_keys("CL-0172", &keys_ownership);
const NativeCheckRegistrar reg_encryption("CL-0570", &encryption_promise);
const NativeCheckRegistrar reg_kms("CL-1570", &kms_window);

}  // namespace
}  // namespace clause::crossdoc
