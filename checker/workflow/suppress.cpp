#include "checker/workflow/suppress.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "checker/model/finding_order.h"
#include "checker/workflow/dates.h"
#include "checker/workflow/directive.h"
#include "checker/workflow/guard_waivers.h"
#include "checker/workflow/peer_directives.h"

namespace clause {
namespace {

using LineRange = std::pair<uint32_t, uint32_t>;  // first, last (1-based, inclusive)

bool contains(const LineRange &r, uint32_t line) { return line >= r.first && line <= r.second; }

// What the structure of one document says about its lines: which are only
// comment, where blocks open and close, which blocks are module calls.
class DocumentLines {
 public:
  DocumentLines(const Document &doc, const std::vector<const Resource *> &resources) : doc_(doc) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < doc.source.size(); ++i)
      if (doc.source[i] == '\n') line_starts_.push_back(i + 1);
    for (const Comment &c : doc.comments) mark_comment_lines(c);
    for (const Block &b : doc.blocks) {
      add_block(b.span.start_line, b.span.end_line);
      add_block(b.header.start_line, b.span.end_line);
      if (b.type == "module") module_calls_[b.span.start_line] = b.span.end_line;
      enclosing_.emplace_back(b.span.start_line, b.span.end_line);
      walk(b.body);
    }
    for (const Node &root : doc.roots) walk(root);
    for (const Resource *r : resources) {
      uint32_t end = r->span.end_line;
      if (r->body && r->body->span.valid()) end = std::max(end, r->body->span.end_line);
      add_block(r->span.start_line, end);
      enclosing_.emplace_back(
          std::min(r->span.start_line,
                   r->body && r->body->span.valid() ? r->body->span.start_line : r->span.start_line),
          end);
    }
  }

  bool comment_only(uint32_t line) const { return comment_only_.count(line) != 0; }

  // The text of 1-based `line` without its terminator (Document::line_text,
  // without a scan from the start of the file each time).
  std::string_view line(uint32_t n) const {
    if (n == 0 || n > line_starts_.size()) return {};
    const size_t from = line_starts_[n - 1];
    size_t to = n < line_starts_.size() ? line_starts_[n] - 1 : doc_.source.size();
    if (to > from && doc_.source[to - 1] == '\r') --to;
    return std::string_view(doc_.source).substr(from, to - from);
  }

  // The last line of the block that opens on `line`, or 0.
  uint32_t block_end(uint32_t line) const {
    auto it = block_end_.find(line);
    return it == block_end_.end() ? 0 : it->second;
  }

  // The module call opening on `line`, if any.
  std::optional<LineRange> module_call_at(uint32_t line) const {
    auto it = module_calls_.find(line);
    if (it == module_calls_.end()) return std::nullopt;
    return LineRange{it->first, it->second};
  }

  // The innermost top-level block or resource around `line`.
  std::optional<LineRange> enclosing(uint32_t line) const {
    std::optional<LineRange> best;
    for (const LineRange &r : enclosing_)
      if (contains(r, line) && (!best || r.second - r.first < best->second - best->first)) best = r;
    return best;
  }

 private:
  void add_block(uint32_t start, uint32_t end) {
    if (start == 0 || end < start) return;
    uint32_t &e = block_end_[start];
    e = std::max(e, end);
  }

  void mark_comment_lines(const Comment &c) {
    const uint32_t first = c.span.start_line;
    const uint32_t last = std::max(c.span.end_line, first);
    for (uint32_t n = first; n <= last; ++n) {
      std::string_view text = line(n);
      bool before = false, after = false;
      if (n == first) {
        const size_t n = std::min<size_t>(c.span.start_col ? c.span.start_col - 1 : 0, text.size());
        before = text.substr(0, n).find_first_not_of(" \t\r") != std::string_view::npos;
      }
      if (n == last && c.span.end_line == n && c.span.end_col != 0) {
        const size_t from = std::min<size_t>(c.span.end_col - 1, text.size());
        after = text.substr(from).find_first_not_of(" \t\r,") != std::string_view::npos;
      }
      if (!before && !after) comment_only_.insert(n);
    }
  }

  // Blocks open where their key is written (a YAML mapping's own span
  // starts at its first key, which a directive above that key must not
  // take for the whole mapping), where a list item starts, and at the
  // start of a whole document. Iterative, since nesting may be deep.
  void walk(const Node &root) {
    add_block(root.span.start_line, root.span.end_line);
    std::vector<const Node *> stack = {&root};
    while (!stack.empty()) {
      const Node *n = stack.back();
      stack.pop_back();
      if (n->is_map()) {
        // An HCL block body starts at its header; a YAML/JSON map starts at
        // its first key, which is not a header of its own (its key is).
        if (n->from_block) add_block(n->span.start_line, n->span.end_line);
        for (const MapEntry &e : n->entries) {
          const Node &v = e.value;
          // A nested HCL block list starts at its first block's header:
          // each block is covered through its own item instead.
          if (v.is_map() || (v.is_list() && !v.from_block)) add_block(e.key_span.start_line, v.span.end_line);
          stack.push_back(&v);
        }
      } else if (n->is_list()) {
        for (const Node &item : n->items) {
          if (item.is_map()) add_block(item.span.start_line, item.span.end_line);
          stack.push_back(&item);
        }
      }
    }
  }

  const Document &doc_;
  std::vector<size_t> line_starts_;
  std::set<uint32_t> comment_only_;
  std::unordered_map<uint32_t, uint32_t> block_end_;
  std::map<uint32_t, uint32_t> module_calls_;
  std::vector<LineRange> enclosing_;
};

// One directive placed in one document.
struct Placed {
  const Document *doc = nullptr;
  Span span;  // of the comment
  Directive directive;
  LineRange lines;
  std::vector<LineRange> module_calls;
  std::vector<std::string> rule_ids;  // ours, of rules that ran
  std::vector<bool> used;
  bool effective = false;  // has a reason (or is a peer's) and has not expired
  std::string justification;
};

bool is_tf_json(const Document &doc) {
  return doc.kind == DocKind::Terraform && doc.path.size() >= 5 && doc.path.ends_with(".json");
}

LineRange scope_of(const Document &doc, const DocumentLines &lines, const Comment &c, const Directive &d,
                   std::vector<LineRange> &module_calls) {
  const uint32_t first = c.span.start_line;
  const uint32_t last = std::max(c.span.end_line, first);
  std::string_view text = lines.line(first);
  const size_t col = std::min<size_t>(c.span.start_col ? c.span.start_col - 1 : 0, text.size());
  const bool trailing = text.substr(0, col).find_first_not_of(" \t\r") != std::string_view::npos;
  uint32_t target = first;
  if (!trailing) {
    target = last + 1;
    while (lines.comment_only(target)) ++target;
  }
  LineRange r{first, std::max(last, target)};
  if (uint32_t end = lines.block_end(target)) r.second = std::max(r.second, end);
  if (auto call = lines.module_call_at(target)) module_calls.push_back(*call);
  if (is_tf_json(doc) || d.source == DirectiveSource::Checkov) {
    if (auto outer = lines.enclosing(first)) {
      r.first = std::min(r.first, outer->first);
      r.second = std::max(r.second, outer->second);
      if (auto call = lines.module_call_at(outer->first)) module_calls.push_back(*call);
    }
  }
  return r;
}

const char *peer_tool_name(DirectiveSource s) {
  switch (s) {
    case DirectiveSource::Checkov: return "checkov";
    case DirectiveSource::Tfsec: return "tfsec";
    case DirectiveSource::Trivy: return "trivy";
    case DirectiveSource::Guard: return "cfn-guard";
    case DirectiveSource::Clause: break;
  }
  return "clause";
}

class Suppressor {
 public:
  Suppressor(const Project &project, const std::vector<RuleInfo> &rules, const SuppressionOptions &opts)
      : project_(project), opts_(opts), today_(opts.today.empty() ? today_utc() : opts.today), peers_(rules) {
    for (const RuleInfo &r : rules) {
      active_[r.id] = r.id;
      if (!r.name.empty()) active_[r.name] = r.id;
      for (const std::string &g : r.guard_rules) guard_[g].push_back(r.id);
    }
    for (const RuleInfo &r : opts.meta_rules) meta_[r.id] = &r;
  }

  void run(std::vector<Finding> &findings) {
    collect();
    if (placed_.empty()) return;
    for (Finding &f : findings) suppress(f);
    for (const Placed &p : placed_) report(p, findings);
    sort_findings(findings);
  }

 private:
  void collect() {
    std::unordered_map<const Document *, std::vector<const Resource *>> resources;
    for (const Resource &r : project_.resources)
      if (r.document) resources[r.document].push_back(&r);
    // Kustomize patches and kustomizations hold findings too (support documents).
    std::vector<const Document *> documents;
    for (const auto *list : {&project_.documents, &project_.support_documents})
      for (const DocumentPtr &d : *list) documents.push_back(d.get());
    for (const Document *doc : documents) {
      std::vector<std::pair<const Comment *, Directive>> found;
      for (const Comment &c : doc->comments)
        for (Directive &d : parse_directives(c.text)) found.emplace_back(&c, std::move(d));
      if (found.empty()) continue;
      const DocumentLines lines(*doc, resources[doc]);
      for (auto &[comment, directive] : found) {
        Placed p;
        p.doc = doc;
        p.span = comment->span;
        p.lines = scope_of(*doc, lines, *comment, directive, p.module_calls);
        p.directive = std::move(directive);
        resolve(p);
        if (p.directive.source != DirectiveSource::Clause && p.rule_ids.empty()) continue;  // not ours
        placed_.push_back(std::move(p));
      }
    }
    collect_guard_waivers();
    by_doc_.clear();
    for (size_t i = 0; i < placed_.size(); ++i) {
      auto &by_rule = by_doc_[placed_[i].doc->path];
      for (const std::string &id : placed_[i].rule_ids) by_rule[id].push_back(i);  // ids are unique
      if (!placed_[i].module_calls.empty()) module_directives_.push_back(i);
    }
  }

  // A waiver covers its resource, from the header to the end of its body.
  void collect_guard_waivers() {
    if (guard_.empty()) return;
    for (GuardWaiver &w : guard_waivers(project_)) {
      const Resource &r = *w.resource;
      if (!r.document) continue;
      Placed p;
      p.doc = r.document;
      p.span = w.span;
      uint32_t end = r.span.end_line;
      if (r.body->span.valid()) end = std::max(end, r.body->span.end_line);
      p.lines = LineRange{r.span.start_line, end};
      p.directive.source = DirectiveSource::Guard;
      p.directive.rules = {w.rule};
      p.directive.reason = std::move(w.reason);
      p.directive.text = w.rule + " in Metadata.guard.SuppressedRules";
      resolve(p);
      if (p.rule_ids.empty()) continue;  // no rule of ours stands for it
      placed_.push_back(std::move(p));
    }
  }

  void resolve(Placed &p) {
    Directive &d = p.directive;
    auto add = [&p, this](const std::string &id) {
      if (active_.count(id) && std::find(p.rule_ids.begin(), p.rule_ids.end(), id) == p.rule_ids.end())
        p.rule_ids.push_back(id);
    };
    static const std::vector<std::string> kNone;
    for (const std::string &key : d.rules) {
      if (d.source == DirectiveSource::Clause) {
        auto it = active_.find(key);
        if (it != active_.end()) {
          add(it->second);
        } else if (!opts_.known_rules.empty() && !opts_.known_rules.count(key) && !find_meta_rule(key)) {
          d.errors.push_back("no rule has the id or name '" + key + "'");
        }
      } else if (d.source == DirectiveSource::Guard) {
        auto it = guard_.find(key);
        for (const std::string &mapped : it == guard_.end() ? kNone : it->second) add(mapped);
      } else {
        for (const std::string &mapped : peers_.rules_for(d.source, key)) add(mapped);
      }
    }
    p.used.assign(p.rule_ids.size(), false);
    const bool expired = !d.until.empty() && date_passed(d.until, today_);
    if (d.source == DirectiveSource::Clause) {
      p.effective = !d.reason.empty() && !expired;
      p.justification = d.reason;
    } else if (d.source == DirectiveSource::Guard) {
      p.effective = true;
      p.justification = "cfn-guard waiver " + d.text;
      if (!d.reason.empty()) p.justification += ": " + d.reason;
    } else {
      p.effective = !expired;
      p.justification = "migrated from " + d.text;
      if (!d.reason.empty()) p.justification += ": " + d.reason;
    }
  }

  void suppress(Finding &f) {
    Placed *best = nullptr;
    auto consider = [&](size_t index) {
      Placed &p = placed_[index];
      auto it = std::find(p.rule_ids.begin(), p.rule_ids.end(), f.rule_id);
      if (it == p.rule_ids.end()) return;
      if (!covers(p, f)) return;
      if (!p.effective) return;
      p.used[static_cast<size_t>(it - p.rule_ids.begin())] = true;
      if (!best || p.lines.second - p.lines.first < best->lines.second - best->lines.first) best = &p;
    };
    if (auto doc = by_doc_.find(f.location.path); doc != by_doc_.end())
      if (auto rule = doc->second.find(f.rule_id); rule != doc->second.end())
        for (size_t i : rule->second) consider(i);
    if (!f.related.empty())
      for (size_t i : module_directives_)
        if (placed_[i].doc->path != f.location.path) consider(i);
    if (best && !f.suppression)
      f.suppression = Suppression{"inSource", best->justification, best->doc->location(best->span)};
  }

  static bool covers(const Placed &p, const Finding &f) {
    if (f.location.path == p.doc->path && contains(p.lines, f.location.span.start_line)) return true;
    for (const RelatedLocation &r : f.related) {
      if (r.location.path != p.doc->path) continue;
      for (const LineRange &call : p.module_calls)
        if (contains(call, r.location.span.start_line)) return true;
    }
    return false;
  }

  void report(const Placed &p, std::vector<Finding> &out) const {
    const Directive &d = p.directive;
    if (!d.errors.empty()) {
      std::string why;
      for (const std::string &e : d.errors) why += (why.empty() ? "" : "; ") + e;
      emit(kSuppressionInvalidRule, p, "`" + d.text + "` is not a valid suppression: " + why, out);
    }
    if (d.source == DirectiveSource::Clause && d.reason.empty() && !d.rules.empty()) {
      emit(kSuppressionReasonRule, p, "`" + d.text + "` gives no reason after `--`, so it suppresses nothing",
           out);
      return;
    }
    if (!d.until.empty() && date_passed(d.until, today_)) {
      emit(kSuppressionExpiredRule, p,
           "`" + d.text + "` expired on " + d.until + " and no longer suppresses anything", out);
      return;
    }
    // A cfn-guard waiver also serves cfn-guard itself: never "remove it".
    if (!opts_.report_unused || d.source == DirectiveSource::Guard) return;
    for (size_t i = 0; i < p.rule_ids.size(); ++i) {
      if (p.used[i]) continue;
      std::string what =
          d.source == DirectiveSource::Clause
              ? "`" + d.text.substr(0, d.text.find(" --")) + "`"
              : "`" + d.text + "` (" + peer_tool_name(d.source) + ", mapped to " + p.rule_ids[i] + ")";
      emit(kSuppressionUnusedRule, p, what + " suppresses no " + p.rule_ids[i] + " finding; remove it", out);
    }
  }

  void emit(std::string_view rule, const Placed &p, std::string message, std::vector<Finding> &out) const {
    auto it = meta_.find(std::string(rule));
    if (it == meta_.end()) return;  // switched off
    out.push_back(make_finding(*it->second, {.location = p.doc->location(p.span),
                                             .message = std::move(message),
                                             .resource = p.doc->path,
                                             .snippet = std::string(p.doc->line_text(p.span))}));
  }

  const Project &project_;
  const SuppressionOptions &opts_;
  std::string today_;
  std::map<std::string, std::string> active_;  // id or name -> id of the rules that ran
  std::map<std::string, std::vector<std::string>, std::less<>> guard_;  // cfn-guard rule -> our ids
  PeerDirectiveIndex peers_;  // checkov/tfsec/trivy check id -> our ids
  std::map<std::string, const RuleInfo *> meta_;
  std::vector<Placed> placed_;
  // Directives by document, then by the rule ids they name: a finding meets
  // only those that could suppress it (a file may hold thousands of each).
  std::map<std::string, std::map<std::string, std::vector<size_t>, std::less<>>, std::less<>> by_doc_;
  std::vector<size_t> module_directives_;
};

}  // namespace

void apply_inline_suppressions(const Project &project, const std::vector<RuleInfo> &rules,
                               std::vector<Finding> &findings, const SuppressionOptions &opts) {
  if (!opts.inline_directives) return;
  Suppressor(project, rules, opts).run(findings);
}

}  // namespace clause
