#include "checker/engine/evaluator.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "checker/engine/cfn_relations.h"
#include "checker/engine/native_check.h"
#include "checker/kustomize/rendered_findings.h"
#include "checker/model/finding_order.h"
#include "checker/project/parallel.h"
#include "checker/terraform/argument_origin.h"

namespace clause {
namespace {

std::string expected_text(const Predicate &p) {
  // Ops without a value (exists, is_duration, vague, ...) expect nothing to print.
  if (p.kind != Predicate::Kind::Attribute || p.value.kind == NodeKind::Null) return "";
  if (p.value.kind == NodeKind::List) {
    std::string out;
    for (size_t i = 0; i < p.value.items.size(); ++i) {
      if (i) out += ", ";
      out += p.value.items[i].scalar_text();
    }
    return out;
  }
  return p.value.scalar_text();
}

// The predicate whose outcome decided the result, for {expected}.
const Predicate *deciding_leaf(const Predicate &p, const std::string &path_text) {
  if (p.kind == Predicate::Kind::Attribute) return p.path_text == path_text ? &p : nullptr;
  for (const auto &c : p.children)
    if (const Predicate *leaf = deciding_leaf(c, path_text)) return leaf;
  return nullptr;
}

// From the key of `entry` (when there is one) to the end of `value`.
Span entry_span(const Node &value, const MapEntry *entry) {
  if (!value.span.valid()) return entry ? entry->key_span : Span{};
  Span span = value.span;
  if (entry && entry->key_span.valid()) {
    span.start_line = entry->key_span.start_line;
    span.start_col = entry->key_span.start_col;
    span.start_offset = entry->key_span.start_offset;
  }
  return span;
}

bool span_within(const Span &inner, const Span &outer) {
  return inner.valid() && outer.valid() && inner.start_offset >= outer.start_offset &&
         inner.end_offset <= outer.end_offset;
}

// The input default that decided the value that failed, or removed the
// property that is missing: a template parameter's or a root module's
// variable's. nullptr when the value was written out.
const AssumedDefault *deciding_default(const Resource &r, const Outcome &o) {
  for (const AssumedDefault &use : r.assumed_defaults) {
    bool decided = false;
    if (!use.removed_path.empty()) {
      decided =
          !o.actual && (o.path_text == use.removed_path || o.path_text.rfind(use.removed_path + ".", 0) == 0);
    } else if (o.actual) {
      decided = span_within(o.actual->span, use.span);
    } else if (o.missing_in) {
      decided = span_within(o.missing_in->span, use.span);
    }
    if (decided) return &use;
  }
  return nullptr;
}

// Resources per parallel task: enough that a task outweighs its scheduling
// and its own tally map, few enough that a root of a few thousand resources
// still splits over every core.
constexpr size_t kResourcesPerChunk = 256;

bool type_matches(const std::vector<std::string> &types, const std::string &type) {
  for (const auto &t : types)
    if (t == "*" || t == type) return true;
  return false;
}

// The open referrers of one module instance, judged by one check: once
// for every resource of the instance that asks (shared by the threads of
// one evaluate_rules).
class OpenJudgements {
 public:
  std::shared_ptr<const RelationSource::OpenReferrers> judged(const Project &project,
                                                              std::span<const uint32_t> group,
                                                              const Predicate *check) {
    std::lock_guard<std::mutex> lock(mu_);
    auto &slot = by_group_[{group.data(), check}];
    if (slot) return slot;
    auto out = std::make_shared<RelationSource::OpenReferrers>();
    const auto &refs = project.references;
    for (uint32_t i : group) {
      const Resource &r = project.resources[refs.open[i].from];
      RelationSource::Judged j{r.body, r.address, {}};
      j.outcome.truth = Truth::True;
      if (!r.body) {
        j.outcome.truth = Truth::Unknown;
      } else if (check) {
        j.outcome = evaluate(*check, *r.body, nullptr);
      }
      ++count_;
      (j.outcome.truth == Truth::False ? out->failing : out->undecided).push_back(std::move(j));
    }
    slot = std::move(out);
    return slot;
  }
  uint64_t count() const { return count_; }

 private:
  std::mutex mu_;
  std::map<std::pair<const uint32_t *, const Predicate *>,
           std::shared_ptr<const RelationSource::OpenReferrers>>
      by_group_;
  uint64_t count_ = 0;
};

// `related` predicates of one resource, answered from the references graph.
class ProjectRelations final : public RelationSource {
 public:
  ProjectRelations(const Project &project, size_t index, OpenJudgements &open)
      : project_(project), index_(index), open_(open) {}

  std::vector<Related> related(std::string_view type, std::string_view via, bool outgoing) const override {
    const Resource &self = project_.resources[index_];
    // A template names its resources by logical name: who names this one.
    if (self.format == DocKind::CloudFormation && !outgoing) {
      std::vector<Related> out;
      for (const Resource *r : cfn_referrers(project_, self, type, via))
        out.push_back(Related{r->body, r->address, true});
      return out;
    }
    // Only Terraform configuration and plans have a references graph:
    // elsewhere the answer is not known (never a failure).
    if (self.format != DocKind::Terraform && self.format != DocKind::TerraformPlan)
      return {Related{nullptr, "", false}};
    const auto &refs = project_.references;
    auto found = outgoing ? refs.referenced(project_.resources, index_, type, via)
                          : refs.referrers(project_.resources, index_, type, via, false);
    std::vector<Related> out;
    out.reserve(found.size());
    for (const auto &f : found)
      out.push_back(
          Related{f.resource ? f.resource->body : nullptr, f.resource ? f.resource->address : "", f.certain});
    return out;
  }

  std::shared_ptr<const OpenReferrers> open_referrers(std::string_view type, std::string_view via,
                                                      const Predicate *check) const override {
    const Resource &self = project_.resources[index_];
    if (self.format != DocKind::Terraform && self.format != DocKind::TerraformPlan) return nullptr;
    auto group = project_.references.open_referrers(project_.resources, index_, type, via);
    if (group.empty()) return nullptr;
    return open_.judged(project_, group, check);
  }
  const Node *self() const override { return project_.resources[index_].body; }

 private:
  const Project &project_;
  size_t index_;
  OpenJudgements &open_;
};

// The units taken from the cache (EvaluationOptions::cached_units): where
// each of their resources' findings lies in the unit's lists, so that the
// resource's chunk can put them back in its place. A cached unit whose
// counts do not match its resources (never, with the key) is judged.
class UnitShares {
 public:
  UnitShares(const Project &project, const std::vector<UnitFindings *> &cached)
      : cached_(cached.size(), nullptr) {
    if (cached.empty()) return;  // no unit level: nothing to put back
    at_.resize(project.resources.size());
    std::vector<uint32_t> resources(cached.size(), 0);
    for (const Resource &r : project.resources)
      if (r.unit < cached.size()) ++resources[r.unit];
    for (size_t u = 0; u < cached.size(); ++u)
      if (cached[u] && cached[u]->findings_per_resource.size() == resources[u] &&
          cached[u]->undecided_per_resource.size() == resources[u])
        cached_[u] = cached[u];
    struct Cursor {
      uint32_t resource = 0;
      size_t findings = 0, undecided = 0;
    };
    std::vector<Cursor> cursor(cached.size());
    for (size_t i = 0; i < project.resources.size(); ++i) {
      const uint32_t u = project.resources[i].unit;
      if (u >= cached_.size() || !cached_[u]) continue;
      Cursor &c = cursor[u];
      at_[i] = Share{cached_[u], c.findings, cached_[u]->findings_per_resource[c.resource], c.undecided,
                     cached_[u]->undecided_per_resource[c.resource]};
      c.findings += at_[i].findings;
      c.undecided += at_[i].undecided;
      ++c.resource;
    }
  }

  const UnitFindings *cached(uint32_t unit) const { return unit < cached_.size() ? cached_[unit] : nullptr; }

  // Moves what resource `i` built in its cached unit to `out` (each
  // resource's share once, from whichever thread judges its chunk); false
  // when its unit is judged.
  bool put_back(size_t i, UnitFindings &out) const {
    if (i >= at_.size() || !at_[i].unit) return false;
    const Share &s = at_[i];
    const auto f = s.unit->findings.begin() + static_cast<std::ptrdiff_t>(s.findings_at);
    out.findings.insert(out.findings.end(), std::make_move_iterator(f),
                        std::make_move_iterator(f + s.findings));
    const auto u = s.unit->undecided.begin() + static_cast<std::ptrdiff_t>(s.undecided_at);
    out.undecided.insert(out.undecided.end(), std::make_move_iterator(u),
                         std::make_move_iterator(u + s.undecided));
    return true;
  }

  // The tallies of every cached unit, summed.
  std::map<std::string, RuleTally> cached_tallies() const {
    std::map<std::string, RuleTally> out;
    for (const UnitFindings *unit : cached_)
      if (unit)
        for (const auto &[id, t] : unit->tallies) out[id] += t;
    return out;
  }

  // Adds a part's share of a judged unit to what is kept of it.
  static void append(UnitFindings &&part, UnitFindings &kept) {
    std::move(part.findings.begin(), part.findings.end(), std::back_inserter(kept.findings));
    std::move(part.undecided.begin(), part.undecided.end(), std::back_inserter(kept.undecided));
    kept.findings_per_resource.insert(kept.findings_per_resource.end(), part.findings_per_resource.begin(),
                                      part.findings_per_resource.end());
    kept.undecided_per_resource.insert(kept.undecided_per_resource.end(), part.undecided_per_resource.begin(),
                                       part.undecided_per_resource.end());
    for (const auto &[id, t] : part.tallies) kept.tallies[id] += t;
  }

 private:
  struct Share {
    UnitFindings *unit = nullptr;
    size_t findings_at = 0;
    uint32_t findings = 0;
    size_t undecided_at = 0;
    uint32_t undecided = 0;
  };
  std::vector<UnitFindings *> cached_;
  std::vector<Share> at_;
};

}  // namespace

std::string expand_message(const std::string &tmpl, const Resource &r, const Outcome &o,
                           const std::string &expected) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '{') {
      out += tmpl[i];
      continue;
    }
    size_t end = tmpl.find('}', i);
    if (end == std::string::npos) {
      out += tmpl.substr(i);
      break;
    }
    std::string key = tmpl.substr(i + 1, end - i - 1);
    if (key == "address") {
      out += r.address;
    } else if (key == "type") {
      out += r.type;
    } else if (key == "name") {
      out += r.name;
    } else if (key == "actual") {
      out += o.actual_text.empty() ? "not set" : o.actual_text;
    } else if (key == "attribute") {
      out += o.path_text;
    } else if (key == "expected") {
      out += expected;
    } else if (key == "file") {
      out += r.document ? r.document->path : "";
    } else {
      out += tmpl.substr(i, end - i + 1);
    }
    i = end;
  }
  return out;
}

Evaluation evaluate_rules(const RuleSet &rules, const Project &project, const EvaluationOptions &opts) {
  Evaluation ev;
  // Index: (format, resource type) -> rules, so each resource meets only
  // the rules that target it.
  struct Target {
    const Rule *rule;
    TargetFormat format;
  };
  std::unordered_map<std::string, std::vector<Target>> by_type;
  std::vector<Target> wildcard;
  for (const auto &rule : rules.rules()) {
    if (!rule.declarative) continue;
    for (const auto &[fmt, types] : rule.declarative->targets) {
      for (const auto &t : types) {
        if (t == "*") {
          wildcard.push_back(Target{&rule, fmt});
        } else {
          by_type[std::string(target_format_name(fmt)) + "\x1f" + t].push_back(Target{&rule, fmt});
        }
      }
    }
  }

  std::unordered_set<const Document *> unreported;
  if (opts.reported)
    for (const auto &doc : project.documents)
      if (!opts.reported(*doc)) unreported.insert(doc.get());

  // A finding stands at its resource, with the module calls on the way as
  // related locations: it is read when one of those files is.
  auto resource_unreported = [&](const Resource &res) {
    if (!unreported.count(res.document)) return false;
    for (const Location &call : res.call_chain)
      if (const Document *d = project.find_document(call.path); d && !unreported.count(d)) return false;
    return true;
  };

  OpenJudgements open_judgements;
  auto evaluate_resource = [&](const Resource &res, UnitFindings &out) {
    auto fmt = target_format_of(res.format);
    if (!fmt || !res.body) return;
    // A rendered object's findings may stand in a patch: decided per finding.
    if (!opts.tally_unreported && !res.rendered && resource_unreported(res)) return;
    std::vector<Target> candidates;
    auto it = by_type.find(std::string(target_format_name(*fmt)) + "\x1f" + res.type);
    if (it != by_type.end()) candidates = it->second;
    for (const auto &w : wildcard)
      if (w.format == *fmt) candidates.push_back(w);
    for (const auto &[rule, format] : candidates) {
      const DeclarativeCheck &dc = *rule->declarative;
      if (!type_matches(dc.targets.at(format), res.type)) continue;
      ProjectRelations relations(project, static_cast<size_t>(&res - project.resources.data()),
                                 open_judgements);
      if (const Predicate *when = dc.when_for(format, res.type)) {
        if (evaluate(*when, *res.body, &relations).truth != Truth::True) continue;
      }
      const Predicate *check = dc.check_for(format, res.type);
      if (!check) continue;
      Outcome o = evaluate(*check, *res.body, &relations);
      // A reusable module's own default decided it: its callers choose the
      // value, so the check is undecided.
      const AssumedDefault *assumed = o.truth == Truth::False ? deciding_default(res, o) : nullptr;
      const bool callers_decide = assumed && assumed->callers_decide;
      const Truth truth = callers_decide ? Truth::Unknown : o.truth;
      RuleTally &tally = out.tallies[rule->info.id];
      ++tally.targets;
      ++(truth == Truth::True ? tally.passed : truth == Truth::False ? tally.failed : tally.unknown);
      if (truth == Truth::True) continue;
      if (truth == Truth::Unknown && !opts.strict) continue;
      if (!res.rendered && resource_unreported(res)) continue;
      const Predicate *leaf = deciding_leaf(*check, o.path_text);
      FindingParts parts{.resource = res.address};
      // At the offending attribute (from its key to the end of its value)
      // when it is written down; at the resource header when it is absent.
      // In an agreement, an absent field is reported at its enclosing block
      // (or list item) when that exists, the `kind:` line otherwise.
      // A rendered object's value stands where it was written (a patch, the
      // kustomization), and so does an absence a patch caused.
      Span span = res.span;
      const Document *doc = res.document;
      if (o.actual && o.actual->span.valid()) {
        span = res.span_of(o.actual, entry_span(*o.actual, o.entry));
        doc = &res.document_of(o.actual);
      } else if (res.absence_written(o.missing_in, o.path_text)) {
        span = res.span_of(o.missing_in, entry_span(*o.missing_in, o.missing_in_entry));
        doc = &res.document_of(o.missing_in);
      } else if (res.format == DocKind::Agreement && o.missing_in && o.missing_in != res.body) {
        Span enclosing = entry_span(*o.missing_in, o.missing_in_entry);
        if (enclosing.valid()) span = enclosing;
      }
      if (res.rendered && unreported.count(doc)) continue;
      parts.location = Location{doc->path, span};
      parts.snippet = std::string(doc->line_text(span));
      // A value a module call passed down is reported at the call's
      // argument, with the module's line beside it.
      std::optional<Location> origin;
      if (!res.call_chain.empty() && o.actual && o.actual->span.valid())
        origin = tf::argument_origin(project, res, span, *o.actual);
      if (origin) {
        parts.related.push_back(RelatedLocation{parts.location, "the module uses the value here"});
        parts.location = *origin;
        if (const Document *caller = project.find_document(origin->path))
          parts.snippet = std::string(caller->line_text(origin->span));
      }
      for (const auto &call : res.call_chain)
        parts.related.push_back(RelatedLocation{call, "instantiated through this module call"});
      if (res.rendered) parts.related.push_back(kustomize::rendered_by(*res.rendered));
      if (callers_decide) {
        parts.message =
            rule->info.id + " could not be decided for " + res.address + ": " +
            (o.path_text.empty() ? "a value" : o.path_text) + " rests on the default of " +
            inputs_named(*assumed) + " of a module that nothing in the scan calls or deploys (" +
            "it configures no provider, keeps no state and declares outputs); its callers choose the "
            "value";
        Finding f = make_finding(rule->info, std::move(parts));
        f.severity = Severity::Info;
        out.undecided.push_back(std::move(f));
      } else if (o.truth == Truth::Unknown) {
        out.undecided.push_back(make_undecided_finding(
            rule->info, std::move(parts), o.path_text.empty() ? "a value" : o.path_text, o.blocked_by));
      } else {
        parts.message = expand_message(dc.message, res, o, leaf ? expected_text(*leaf) : "") +
                        (assumed ? " (" + default_note(*assumed) + ")" : "");
        out.findings.push_back(make_finding(rule->info, std::move(parts)));
      }
    }
  };

  // Resources are independent of each other, and native checks of each
  // other (they read the project, nothing else): chunks of resources and
  // native checks are evaluated side by side, each into its own part,
  // merged in task order (and sorted below, so the result never depends on
  // the job count). The native checks start first: each reads the whole
  // project, so they are the longest tasks, and one left for the end would
  // run alone while the other threads wait. A resource of a unit taken from
  // the cache puts back what it built there, in its place: the list before
  // the sort is the one an uncached evaluation builds.
  std::vector<std::pair<const Rule *, const NativeCheck *>> natives;
  for (const auto &rule : rules.rules())
    if (rule.native)
      if (const NativeCheck *check = find_native_check(rule.info.id)) natives.emplace_back(&rule, check);
  const size_t n = project.resources.size();
  const UnitShares shares(project, opts.cached_units);
  const size_t chunks = (n + kResourcesPerChunk - 1) / kResourcesPerChunk;
  struct Part {
    UnitFindings all;
    std::map<uint32_t, UnitFindings> units;  // with `by_unit`: what each judged unit built
  };
  std::vector<Part> parts(chunks + natives.size());
  parallel_for(parts.size(), opts.jobs, [&](size_t k) {
    const size_t t = k < natives.size() ? chunks + k : k - natives.size();
    Part &part = parts[t];
    if (t < chunks) {
      for (size_t i = t * kResourcesPerChunk; i < std::min(n, (t + 1) * kResourcesPerChunk); ++i) {
        const Resource &res = project.resources[i];
        if (shares.put_back(i, part.all)) continue;
        const size_t findings = part.all.findings.size(), undecided = part.all.undecided.size();
        if (!opts.by_unit || res.unit >= project.units.size()) {
          evaluate_resource(res, part.all);
          continue;
        }
        UnitFindings &unit = part.units[res.unit];
        std::map<std::string, RuleTally> tallies = std::move(part.all.tallies);
        part.all.tallies.clear();
        evaluate_resource(res, part.all);
        for (const auto &[id, tally] : part.all.tallies) {
          unit.tallies[id] += tally;
          tallies[id] += tally;
        }
        part.all.tallies = std::move(tallies);
        unit.findings.insert(unit.findings.end(), part.all.findings.begin() + findings,
                             part.all.findings.end());
        unit.undecided.insert(unit.undecided.end(), part.all.undecided.begin() + undecided,
                              part.all.undecided.end());
        unit.findings_per_resource.push_back(static_cast<uint32_t>(part.all.findings.size() - findings));
        unit.undecided_per_resource.push_back(static_cast<uint32_t>(part.all.undecided.size() - undecided));
      }
      return;
    }
    const auto [rule, check] = natives[t - chunks];
    NativeCheckContext ctx(project, *rule, opts.strict, part.all.findings, part.all.undecided,
                           opts.reported ? &unreported : nullptr, &opts.reported_units);
    (*check)(ctx);
    if (ctx.tally().targets) part.all.tallies[rule->info.id] = ctx.tally();
  });
  if (opts.by_unit) ev.units.resize(project.units.size());
  for (Part &part : parts) {
    std::move(part.all.findings.begin(), part.all.findings.end(), std::back_inserter(ev.findings));
    std::move(part.all.undecided.begin(), part.all.undecided.end(), std::back_inserter(ev.undecided));
    for (const auto &[id, t] : part.all.tallies) ev.tallies[id] += t;
    for (auto &[unit, built] : part.units) {
      std::optional<UnitFindings> &kept = ev.units[unit];
      if (!kept) kept.emplace();
      shares.append(std::move(built), *kept);
    }
  }
  for (const auto &[id, t] : shares.cached_tallies()) ev.tallies[id] += t;
  // A judged unit whose resources built nothing is kept too (as such).
  for (uint32_t u = 0; u < ev.units.size(); ++u)
    if (!shares.cached(u) && !ev.units[u]) ev.units[u].emplace();
  sort_findings(ev.findings);
  sort_findings(ev.undecided);
  kustomize::merge_rendered_findings(ev.findings);
  kustomize::merge_rendered_findings(ev.undecided);
  ev.open_referrers_judged = open_judgements.count();
  return ev;
}

}  // namespace clause
