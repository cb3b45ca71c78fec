// End-of-contract promises against data lifecycle settings: data must
// survive until the retrieval window ends (5.13), and then disappear as
// fast as promised, from soft-delete and version stores too (5.15), which
// locked retention may forbid (5.15).
#include <algorithm>
#include <cmath>
#include <variant>

#include "checker/agreement/values.h"
#include "checker/catalogue/provider_catalogue.h"
#include "checker/crossdoc/backups.h"
#include "checker/crossdoc/judge.h"
#include "checker/model/attribute.h"

namespace clause::crossdoc {
namespace {

double days_of(const DurationPromise &d) {
  return static_cast<double>(d.seconds) / agreement::kSecondsPerDay;
}

std::string leaf(std::string_view path) {
  size_t dot = path.rfind('.');
  return std::string(dot == std::string_view::npos ? path : path.substr(dot + 1));
}

// Whether a known `a` has the catalogue's value `v` (a boolean or a word).
bool has_value(const Attribute &a, const catalogue::SettingValue &v) {
  if (const bool *b = std::get_if<bool>(&v)) return a.as_bool() == *b;
  return a.as_string() == std::get<std::string>(v);
}

struct Lock {
  const IndexedResource *at = nullptr;
  Attribute setting;
  std::optional<double> days;
  std::string blocked;
  std::string description;
  bool backups = false;  // locks backups (compared with backupsPurgedWithin)
};

std::optional<double> number_days(const Attribute &a, double scale, std::string &blocked) {
  if (a.unknown()) {
    blocked = a.blocked_by();
    return std::nullopt;
  }
  if (auto n = a.as_number()) return *n * scale;
  return std::nullopt;
}

// A retention setting that holds data for `path` (scaled to days) when
// `locked`: a Lock at it, unless it is not written.
void add_lock(const IndexedResource &r, bool locked, const Node *where, std::string_view path, double scale,
              std::string what, bool backups, std::vector<Lock> &out) {
  if (!locked) return;
  Lock l;
  l.at = &r;
  l.backups = backups;
  l.setting = read_attribute(where, path, kFirstElement);
  if (l.setting.absent()) return;
  l.days = number_days(l.setting, scale, l.blocked);
  l.description = std::move(what) + " " + leaf(path) + " = " +
                  (l.setting.known() ? l.setting.node->scalar_text() : l.setting.blocked_by());
  out.push_back(l);
}

// The blocks at `path` from `root`, walked a step at a time so that every
// element of every list on the way counts; `root` itself for "".
void blocks_at(const Node *root, std::string_view path, std::vector<const Node *> &out) {
  if (path.empty()) {
    out.push_back(root);
    return;
  }
  size_t dot = path.find('.');
  std::string_view rest = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  for (const Node *n : read_attribute(root, path.substr(0, dot), kFirstElement).elements())
    blocks_at(n, rest, out);
}

// Retention nobody can shorten: the catalogue's lock facts of its type (S3
// Object Lock in COMPLIANCE mode, a compliance-mode vault lock, a locked
// retention or immutability policy).
std::vector<Lock> locks_of(const IndexedResource &r) {
  std::vector<Lock> out;
  const catalogue::ResourceFacts *facts = catalogue::provider_catalogue().find(r.resource->format, r.type());
  if (!facts || !facts->lock) return out;
  const catalogue::LockFacts &lock = *facts->lock;
  std::vector<const Node *> blocks;
  blocks_at(r.body(), lock.each, blocks);
  for (const Node *at : blocks) {
    Attribute when = read_attribute(at, lock.when, kFirstElement);
    bool locked = lock.when_is ? has_value(when, *lock.when_is) : !when.absent();
    for (const catalogue::Period &p : lock.keeps) {
      if (read_attribute(at, p.path, kFirstElement).absent()) continue;
      add_lock(r, locked, at, p.path, p.unit_days, lock.what, lock.backups, out);
      break;
    }
  }
  return out;
}

bool has_locks(const IndexedResource &r) {
  const catalogue::ResourceFacts *facts = catalogue::provider_catalogue().find(r.resource->format, r.type());
  return facts && facts->lock;
}

// CL-1572 rm.x-immutability-conflict
void immutability_conflict(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    auto data = a.duration("dataManagement.deletion.afterRetrievalWithin");
    auto backups = a.duration("dataManagement.deletion.backupsPurgedWithin");
    if (!data && !backups) continue;
    Binding binding(a, index);
    for (const auto &[r, m] : binding.scope(has_locks)) {
      for (const Lock &l : locks_of(*r)) {
        const std::optional<DurationPromise> &promise = l.backups && backups ? backups
                                                        : data               ? data
                                                                             : backups;
        if (!promise) continue;
        if (!l.days) {
          if (!l.blocked.empty()) judge.undecided(*r, l.setting.span_or(r->resource->span), l.blocked);
          continue;
        }
        double promised = days_of(*promise);
        if (*l.days <= promised) {
          judge.pass();
          continue;
        }
        std::string what = l.backups ? "backups" : "customer data";
        judge.fail(*r, m, l.setting.span_or(r->resource->span),
                   "The agreement promises " + what + " are deleted within " + days_text(promised) + " (" +
                       a.where(promise->span) + ") but " + l.description + ", about " +
                       days_text(std::ceil(*l.days)) + ", and nobody can delete them earlier",
                   {a.related(*promise, "the agreement promises deletion within " + days_text(promised))});
      }
    }
  }
}

const std::vector<catalogue::SoftDeleteFacts> kNoSoftDelete;

struct Lag {
  const IndexedResource *at = nullptr;
  Attribute setting;
  std::optional<double> days;  // kForever: until someone deletes them
  std::string blocked;
  std::string description;
};

// How long deleted objects of a versioned S3 bucket stay as noncurrent versions.
void versioned_bucket_lag(const ResourceIndex &index, const IndexedResource &bucket, std::vector<Lag> &out) {
  Attribute status;
  const IndexedResource *at = &bucket;
  for (const IndexedResource *v : index.referrers(bucket, "aws_s3_bucket_versioning", "bucket")) {
    status = read_attribute(v->body(), "versioning_configuration.status", kFirstElement);
    at = v;
  }
  bool inline_versioning =
      read_attribute(bucket.body(), "versioning.enabled", kFirstElement).as_bool().value_or(false);
  if (status.unknown()) {
    out.push_back(Lag{at, status, std::nullopt, status.blocked_by(), ""});
    return;
  }
  if (status.as_string() != std::string("Enabled") && !inline_versioning) return;
  if (inline_versioning && status.absent())
    status = read_attribute(bucket.body(), "versioning.enabled", kFirstElement);
  std::optional<double> days = kForever;
  std::string blocked;
  for (const IndexedResource *lc : index.referrers(bucket, "aws_s3_bucket_lifecycle_configuration", "bucket"))
    for (const Node *rule : read_attribute(lc->body(), "rule", kFirstElement).elements()) {
      if (read_attribute(rule, "status", kFirstElement).as_string() == std::string("Disabled")) continue;
      Attribute nd = read_attribute(rule, "noncurrent_version_expiration.noncurrent_days", kFirstElement);
      if (nd.unknown()) blocked = nd.blocked_by();
      if (auto n = nd.as_number(); n && (!days || *n < *days)) days = *n;
    }
  if (!blocked.empty() && days && std::isinf(*days)) days.reset();
  out.push_back(Lag{
      at, status, days, blocked,
      days && std::isinf(*days)
          ? "versioning of " + bucket.address() +
                " keeps every deleted or overwritten object as a noncurrent version and no lifecycle rule "
                "expires them"
          : "versioning of " + bucket.address() + " keeps deleted objects as noncurrent versions"});
}

// How long deleted data of `r` stays restorable: the catalogue's soft-delete
// facts of its type, and the noncurrent versions of a versioned S3 bucket.
std::vector<Lag> lags_of(const ResourceIndex &index, const IndexedResource &r) {
  std::vector<Lag> out;
  const Node *b = r.body();
  const catalogue::ResourceFacts *facts = catalogue::provider_catalogue().find(r.resource->format, r.type());
  for (const catalogue::SoftDeleteFacts &d : facts ? facts->soft_delete : kNoSoftDelete) {
    if (!d.within.empty() && read_attribute(b, d.within, kFirstElement).absent()) continue;
    std::string path = d.within.empty() ? d.retention : d.within + "." + d.retention;
    Attribute a = read_attribute(b, path, kFirstElement);
    Lag l{&r, a, std::nullopt, "", d.what};
    if (a.unknown())
      l.blocked = a.blocked_by();
    else if (a.absent())
      l.days = d.retention_default;
    else if (auto n = a.as_number())
      l.days = *n * d.unit_days;
    l.description += a.known()
                         ? " (" + leaf(path) + " = " + a.node->scalar_text() + ")"
                         : " (" + leaf(path) + " is not set, so " + days_text(d.retention_default) + ")";
    out.push_back(l);
  }
  if (r.type() == "aws_s3_bucket") versioned_bucket_lag(index, r, out);
  return out;
}

bool has_lag(const IndexedResource &r) {
  const catalogue::ResourceFacts *facts = catalogue::provider_catalogue().find(r.resource->format, r.type());
  return (facts && !facts->soft_delete.empty()) || r.type() == "aws_s3_bucket";
}

// CL-1573 rm.x-softdelete-lag
void softdelete_lag(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    auto promise = a.duration("dataManagement.deletion.afterRetrievalWithin");
    if (!promise) continue;
    double promised = days_of(*promise);
    Binding binding(a, index);
    for (const auto &[r, m] : binding.scope(has_lag)) {
      for (const Lag &l : lags_of(index, *r)) {
        if (!l.days) {
          judge.undecided(*l.at, l.setting.span_or(l.at->resource->span), l.blocked);
          continue;
        }
        if (*l.days <= promised) {
          judge.pass();
          continue;
        }
        std::string lag = std::isinf(*l.days) ? ", so deleted data stays until someone removes it by hand"
                                              : " for " + days_text(std::ceil(*l.days)) + " after deletion";
        judge.fail(*l.at, m, l.setting.span_or(l.at->resource->span),
                   "The agreement promises customer data is deleted within " + days_text(promised) + " (" +
                       a.where(promise->span) + ") but " + l.description + lag,
                   {a.related(*promise, "the agreement promises deletion within " + days_text(promised) +
                                            " after the retrieval period")});
      }
    }
  }
}

struct Teardown {
  Attribute setting;
  std::string effect;  // what destroying it does
};

// "lifecycle.prevent_destroy" as messages name it: "lifecycle prevent_destroy".
std::string spaced(std::string path) {
  std::replace(path.begin(), path.end(), '.', ' ');
  return path;
}

std::string value_text(const catalogue::SettingValue &v) {
  if (const bool *b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  return std::get<std::string>(v);
}

// Settings under which destroying a data store destroys its data with it:
// the catalogue's teardown facts of its type.
std::optional<Teardown> teardown_of(const IndexedResource &r, std::string &blocked) {
  const catalogue::ResourceFacts *facts = catalogue::provider_catalogue().find(r.resource->format, r.type());
  if (!facts || !facts->teardown) return std::nullopt;
  const catalogue::TeardownFacts &t = *facts->teardown;
  const Node *b = r.body();
  const char *is = r.resource->format == DocKind::CloudFormation ? " is " : " = ";
  auto teardown = [&](const Attribute &a, const std::string &path, const std::string &unset) {
    return Teardown{a, t.effect + " (" + spaced(path) +
                           (a.known() ? is + a.node->scalar_text() : " is not set" + unset) + ")"};
  };
  // What stops the destroy (Terraform's prevent_destroy).
  Attribute guard;
  for (const std::string &path : t.unless) {
    guard = read_attribute(b, path, kFirstElement);
    if (guard.unknown()) {
      blocked = guard.blocked_by();
      return std::nullopt;
    }
    if (guard.as_bool() == true) return std::nullopt;
  }
  if (t.setting.empty()) return teardown(guard, t.unless.back(), "");
  Attribute a = read_attribute(b, t.setting, kFirstElement);
  if (a.unknown()) {
    blocked = a.blocked_by();
    return std::nullopt;
  }
  if (a.absent()) {
    if (t.default_value && *t.default_value == t.deletes)
      return teardown(a, t.setting, ", so " + value_text(*t.default_value));
    return std::nullopt;
  }
  if (has_value(a, t.deletes)) return teardown(a, t.setting, "");
  return std::nullopt;
}

// CL-1370 term.x-retrievable-until-end
void retrievable_until_end(const NativeCheckContext &ctx) {
  if (!has_agreement(ctx.project())) return;
  const ResourceIndex &index = resource_index(ctx.project());
  Judge judge(ctx);
  for (const AgreementView &a : agreements(ctx.project())) {
    auto retrieval = a.duration("termination.dataRetrievalPeriod");
    if (!retrieval || retrieval->seconds <= 0) continue;
    Binding binding(a, index);
    for (const auto &[r, m] : binding.scope([](const IndexedResource &r) { return r.data_bearing; })) {
      std::string blocked;
      auto teardown = teardown_of(*r, blocked);
      if (!teardown) {
        if (!blocked.empty())
          judge.undecided(*r, r->resource->span, blocked);
        else
          judge.pass();
        continue;
      }
      judge.fail(
          *r, m, teardown->setting.span_or(r->resource->span),
          "The agreement lets the customer retrieve its data for " +
              agreement::format_duration(retrieval->seconds) + " after the transition (" +
              a.where(retrieval->span) + ") but " + teardown->effect +
              ": a teardown at the end of the contract would destroy the data before that window closes",
          {a.related(*retrieval, "the agreement keeps the customer's data retrievable for " +
                                     agreement::format_duration(retrieval->seconds))});
    }
  }
}

const NativeCheckRegistrar reg_immutable("CL-1572", &immutability_conflict);
const NativeCheckRegistrar reg_softdelete("CL-1573", &softdelete_lag);
const NativeCheckRegistrar reg_retrievable("CL-1370", &retrievable_until_end);

}  // namespace
}  // namespace clause::crossdoc
