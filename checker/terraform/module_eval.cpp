#include "checker/terraform/module_eval.h"

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include "checker/project/parallel.h"
#include "checker/terraform/budget.h"
#include "checker/terraform/default_tags.h"
#include "checker/terraform/eval.h"
#include "checker/terraform/expansion.h"
#include "checker/terraform/input_defaults.h"
#include "checker/terraform/module_tree.h"
#include "checker/terraform/values.h"

namespace clause::tf {
namespace {

enum class State : uint8_t { Todo, Busy, Done };

struct Memo {
  State state = State::Todo;
  Node value;
};

// Module call arguments that are not input variables.
bool is_call_meta_argument(std::string_view key) {
  return key == "source" || key == "version" || key == "count" || key == "for_each" || key == "providers" ||
         key == "depends_on";
}

// A primitive type constraint converts what it can (`type = number` turns
// "3" into 3), as Terraform does when it assigns a variable.
Node convert_to_declared_type(Node v, const Node *type) {
  if (!type || !type->is_expression() || !type->expr || type->expr->op != Expr::Op::Variable ||
      !is_known(v) || !v.is_scalar())
    return v;
  const std::string &t = type->expr->name;
  Span span = v.span;
  if (t == "string") {
    if (auto s = to_string_value(v)) return Node::make_string(*s, span);
  } else if (t == "number") {
    if (auto n = to_number_value(v)) return number_node(*n, span);
  } else if (t == "bool") {
    if (auto b = to_bool_value(v)) return Node::make_bool(*b, span);
  }
  return v;
}

class ProjectEvaluator;

// 1000000 -> "1,000,000".
std::string with_separators(size_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// A diagnostic is given once per code and place, however many module
// instances meet it.
using DiagnosticKey = std::tuple<std::string, std::string, uint32_t, uint32_t>;
DiagnosticKey diagnostic_key(const std::string &code, const std::string &path, const Span &at) {
  return {code, path, at.start_line, at.start_col};
}

class Instance final : public Resolver {
 public:
  Instance(ProjectEvaluator &pe, uint32_t id, const ModuleDir &dir, std::string prefix, Instance *parent,
           const ModuleCall *call, std::vector<Location> call_chain, std::vector<std::string> dir_stack,
           std::map<std::string, Node> inputs)
      : pe_(pe),
        id_(id),
        dir_(dir),
        prefix_(std::move(prefix)),
        parent_(parent),
        call_(call),
        call_chain_(std::move(call_chain)),
        dir_stack_(std::move(dir_stack)),
        inputs_(std::move(inputs)),
        calls_(dir.calls.size()) {}

  const Node *variable(std::string_view name) override;
  const Node *local(std::string_view name) override;
  const Node *module(std::string_view name) override;
  const std::string &address_prefix() const override { return prefix_; }

  Node *output(const std::string &name);
  void run();

 private:
  struct CallState {
    State state = State::Todo;
    bool followed = false;
    Expansion expansion;
    std::vector<Instance *> children;
    Memo value;
  };

  ProjectEvaluator &pe_;
  uint32_t id_;
  const ModuleDir &dir_;
  std::string prefix_;
  Instance *parent_;
  const ModuleCall *call_;  // the call that made this instance; nullptr for a root
  std::vector<Location> call_chain_;
  std::vector<std::string> dir_stack_;  // directories being instantiated on the way here, this one last
  std::map<std::string, Node> inputs_;
  std::vector<CallState> calls_;
  std::map<std::string, Memo, std::less<>> vars_, locals_, outputs_;
  std::set<std::string, std::less<>> defaulted_;  // root variables that took their declared default
  std::map<std::string, std::pair<ProviderDefaultTags, Node>> providers_;
  std::deque<Node> scratch_;  // values handed out for cycles and limits

  Node *hand_out(Node v) { return &scratch_.emplace_back(std::move(v)); }
  Scope scope_in(const Document *doc) {
    Scope s = plain_scope(doc);
    s.resolver = this;
    return s;
  }
  // Literals and functions only (variable files, defaults).
  Scope plain_scope(const Document *doc);
  Node compute_variable(const std::string &name, const Declared &d);
  void ensure_call(size_t idx);
  Node call_value(size_t idx);
  Node outputs_object(Instance &child);
  void emit_resource(const Declared &d);
  std::vector<AssumedDefault> root_defaults(const Node &body);
  ProviderDefaultTags provider_tags(const std::string &alias);
};

// What evaluators that ran before this one (other root modules of the same
// scan root) used: numbering and limits continue from there.
struct EvaluatedBefore {
  uint32_t instances = 0;
  size_t module_instances = 0;
  size_t resources = 0;
  std::set<std::string> visited;
};

class ProjectEvaluator {
 public:
  ProjectEvaluator(const ModuleTree &tree, const std::vector<const Document *> &var_files,
                   const EvalBudgetSize &budget_size, TerraformEvaluation &out, EvaluatedBefore before = {})
      : tree_(tree),
        var_files_(var_files),
        out_(out),
        visited_(std::move(before.visited)),
        instance_base_(before.instances),
        resource_base_(before.resources),
        module_instances_(before.module_instances),
        budget_size_(budget_size) {}

  void run() {
    for (const auto &root : tree_.roots) instantiate_root(root);
    run_unvisited();
  }

  void instantiate_root(const std::string &path) {
    const ModuleDir &d = tree_.dirs.at(path);
    budget_ = EvalBudget(budget_size_.nodes, budget_size_.bytes);
    Instance *root = create(d, "", nullptr, nullptr, {}, {path}, {});
    root->run();
    // Nothing a root's instances hold is read once it has run (resources
    // own their bodies): freed now, their memory serves the next root.
    instances_.clear();
    if (const auto &at = budget_.too_deep_at())
      diag(DiagLevel::Warning, "limit-eval-depth",
           "evaluating root module \"" + (path.empty() ? std::string(".") : path) +
               "\" nests values more than " + std::to_string(kMaxEvalNesting) +
               " levels deep (expressions inside one another, through locals, outputs and modules) from this "
               "expression on; the values that do are treated as unknown",
           *at);
    if (const auto &at = budget_.overrun())
      diag(DiagLevel::Warning, "limit-eval-budget",
           "evaluating root module \"" + (path.empty() ? std::string(".") : path) +
               "\" needs more than its evaluation budget (" + with_separators(budget_.max_nodes()) +
               " nodes, " + std::to_string(budget_.max_bytes() >> 20) +
               " MiB) from this expression on; this value and every later one that needs more are treated "
               "as unknown",
           *at);
  }

  EvalBudget &budget() { return budget_; }

  // Directories that only calls reach, where no call got through (a cycle,
  // a depth limit): evaluated as roots so that nothing is lost.
  void run_unvisited() {
    for (const auto &[path, dir] : tree_.dirs)
      if (!visited_.count(path)) instantiate_root(path);
  }

  // For the evaluators that come after this one.
  EvaluatedBefore used() const {
    return EvaluatedBefore{created_, module_instances_, out_.resources.size(), visited_};
  }

  const ModuleDir *dir(const std::string &path) const {
    auto it = tree_.dirs.find(path);
    return it == tree_.dirs.end() ? nullptr : &it->second;
  }
  const std::vector<const Document *> &var_files() const { return var_files_; }

  Instance *create(const ModuleDir &dir, std::string prefix, Instance *parent, const ModuleCall *call,
                   std::vector<Location> chain, std::vector<std::string> stack,
                   std::map<std::string, Node> inputs) {
    visited_.insert(dir.path);
    const uint32_t id = instance_base_ + created_++;
    instances_.push_back(std::make_unique<Instance>(*this, id, dir, std::move(prefix), parent, call,
                                                    std::move(chain), std::move(stack), std::move(inputs)));
    return instances_.back().get();
  }

  bool reserve_module_instance(const Location &at) {
    if (module_instances_ < kMaxModuleInstances) {
      ++module_instances_;
      return true;
    }
    diag(DiagLevel::Warning, "limit-module-instances",
         "more than " + std::to_string(kMaxModuleInstances) +
             " module instances in this scan root; further module calls are not evaluated",
         at);
    return false;
  }

  bool reserve_resource(const Location &at) {
    if (resource_base_ + out_.resources.size() < kMaxResources) return true;
    diag(DiagLevel::Warning, "limit-resources",
         "more than " + std::to_string(kMaxResources) +
             " resource instances in this scan root; the rest are not analysed",
         at);
    return false;
  }

  // Lazy evaluations nested in one another (locals, outputs, module values).
  bool enter(const Location &at) {
    if (nesting_ >= kMaxLazyNesting) {
      diag(DiagLevel::Warning, "limit-eval-depth",
           "values nested more than " + std::to_string(kMaxLazyNesting) +
               " levels deep through locals, outputs and modules; the rest is treated as unknown",
           at);
      return false;
    }
    ++nesting_;
    return true;
  }
  void leave() { --nesting_; }

  void add_resource(Resource r, uint32_t instance, const std::string &root) {
    out_.resources.push_back(std::move(r));
    out_.instance.push_back(instance);
    out_.root.push_back(root);
  }

  void diag(DiagLevel level, std::string code, std::string message, const Location &at) {
    if (!seen_diagnostics_.insert(diagnostic_key(code, at.path, at.span)).second) return;
    out_.diagnostics.push_back(
        FileDiagnostic{at.path, Diagnostic{level, std::move(code), std::move(message), at.span}});
  }

 private:
  const ModuleTree &tree_;
  const std::vector<const Document *> &var_files_;
  TerraformEvaluation &out_;
  std::deque<std::unique_ptr<Instance>> instances_;  // of the root module being evaluated
  uint32_t created_ = 0;                             // instances created, all roots together
  std::set<std::string> visited_;
  std::set<DiagnosticKey> seen_diagnostics_;
  uint32_t instance_base_ = 0;
  size_t resource_base_ = 0;
  size_t module_instances_ = 0;
  size_t nesting_ = 0;
  EvalBudgetSize budget_size_;
  EvalBudget budget_;  // of the root module being evaluated
};

Scope Instance::plain_scope(const Document *doc) {
  Scope s;
  s.doc = doc;
  s.budget = &pe_.budget();
  return s;
}

// ---- variables, locals, outputs ---------------------------------------------------

const Node *Instance::variable(std::string_view name) {
  auto decl = dir_.variables.find(name);
  if (decl == dir_.variables.end()) return nullptr;
  auto it = vars_.find(name);
  if (it == vars_.end()) {
    it = vars_.emplace(decl->first, Memo{}).first;
    it->second.value = compute_variable(decl->first, decl->second);
    it->second.state = State::Done;
  }
  return &it->second.value;
}

Node Instance::compute_variable(const std::string &name, const Declared &d) {
  std::optional<Node> v;
  if (auto in = inputs_.find(name); in != inputs_.end()) {
    // A variable is computed once (memoised in vars_): its input moves in.
    v = std::move(in->second);
  } else if (!call_) {
    // Root module: variable files, in increasing precedence.
    auto from_file = [&](const Document *doc) {
      if (doc->roots.empty() || !doc->roots.front().is_map()) return;
      if (const Node *x = doc->roots.front().get(name)) {
        v = evaluate_value(*x, plain_scope(doc));
      }
    };
    for (const Document *doc : dir_.auto_var_files) from_file(doc);
    for (const Document *doc : pe_.var_files()) from_file(doc);
  }
  const Node *nullable = d.block ? d.block->body.get("nullable") : nullptr;
  bool not_nullable = nullable && nullable->kind == NodeKind::Bool && !nullable->boolean;
  if ((!v || (v->is_null() && not_nullable)) && d.value) {
    v = evaluate_value(*d.value, plain_scope(d.doc));
    if (!call_) defaulted_.insert(name);
  }
  if (!v) return unknown_value("var." + name, d.span);
  return convert_to_declared_type(std::move(*v), d.block ? d.block->body.get("type") : nullptr);
}

const Node *Instance::local(std::string_view name) {
  auto decl = dir_.locals.find(name);
  if (decl == dir_.locals.end()) return nullptr;
  auto memo = locals_.find(name);
  if (memo == locals_.end()) memo = locals_.emplace(decl->first, Memo{}).first;
  Memo &m = memo->second;
  if (m.state == State::Done) return &m.value;
  Location at = decl->second.doc->location(decl->second.span);
  if (m.state == State::Busy) {
    pe_.diag(DiagLevel::Warning, "local-cycle",
             "local." + std::string(name) + " depends on itself; its value is treated as unknown", at);
    return hand_out(unknown_value("local." + std::string(name), decl->second.span));
  }
  if (!pe_.enter(at)) return hand_out(unknown_value("local." + std::string(name), decl->second.span));
  m.state = State::Busy;
  Node v = evaluate_value(*decl->second.value, scope_in(decl->second.doc));
  pe_.leave();
  Memo &done = locals_.find(name)->second;
  done.value = std::move(v);
  done.state = State::Done;
  return &done.value;
}

Node *Instance::output(const std::string &name) {
  auto decl = dir_.outputs.find(name);
  if (decl == dir_.outputs.end()) return nullptr;
  Memo &m = outputs_[name];
  if (m.state == State::Done) return &m.value;
  Span span = decl->second.span;
  if (m.state == State::Busy || !decl->second.value || !pe_.enter(decl->second.doc->location(span)))
    return hand_out(unknown_value("module output " + name, span));
  m.state = State::Busy;
  Node v = evaluate_value(*decl->second.value, scope_in(decl->second.doc));
  pe_.leave();
  m.value = std::move(v);
  m.state = State::Done;
  return &m.value;
}

// ---- module calls -------------------------------------------------------------------

const Node *Instance::module(std::string_view name) {
  for (size_t i = 0; i < dir_.calls.size(); ++i) {
    if (dir_.calls[i].name != name) continue;
    ensure_call(i);
    CallState &cs = calls_[i];
    Span span = dir_.calls[i].block->header;
    if (cs.state != State::Done || cs.value.state == State::Busy)
      return hand_out(unknown_value("module." + std::string(name), span));
    if (cs.value.state == State::Todo) {
      if (!pe_.enter(dir_.calls[i].doc->location(span)))
        return hand_out(unknown_value("module." + std::string(name), span));
      cs.value.state = State::Busy;
      Node v = call_value(i);
      pe_.leave();
      cs.value.value = std::move(v);
      cs.value.state = State::Done;
    }
    return &cs.value.value;
  }
  return nullptr;
}

Node Instance::outputs_object(Instance &child) {
  Node obj = Node::make_map(child.call_ ? child.call_->block->header : Span{});
  for (const auto &[name, decl] : child.dir_.outputs) {
    Node *v = child.output(name);
    if (!v) continue;
    if (pe_.budget().charge_copy(*v, decl.doc, decl.span)) {
      // An instance's outputs are read here only, once (its call's value
      // is memoised): the value moves, still charged as a copy.
      obj.add(name, std::move(*v), decl.span);
    } else {
      obj.add(name, unknown_value("module output " + name, decl.span), decl.span);
    }
  }
  return obj;
}

Node Instance::call_value(size_t idx) {
  const ModuleCall &call = dir_.calls[idx];
  CallState &cs = calls_[idx];
  Span span = call.block->header;
  if (!cs.followed)
    return unknown_value("module." + call.name + " (not evaluated: " + call.source + ")", span);
  const auto &keys = cs.expansion.keys;
  bool single = keys.size() == 1 && !keys[0].counted && !keys[0].each;
  if (single) return outputs_object(*cs.children.at(0));
  bool unknown_keys = keys.size() == 1 && (keys[0].index.is_expression() || keys[0].key.is_expression());
  if (unknown_keys || cs.children.size() != keys.size()) return unknown_value("module." + call.name, span);
  bool counted = keys.empty() || keys[0].counted;
  Node out = counted ? Node::make_list(span) : Node::make_map(span);
  for (size_t i = 0; i < keys.size(); ++i) {
    if (counted) {
      out.items.push_back(outputs_object(*cs.children[i]));
    } else {
      out.add(keys[i].key.text, outputs_object(*cs.children[i]), span);
    }
  }
  return out;
}

void Instance::ensure_call(size_t idx) {
  CallState &cs = calls_[idx];
  if (cs.state != State::Todo) return;
  cs.state = State::Busy;
  const ModuleCall &call = dir_.calls[idx];
  Location site = call.doc->location(call.block->header);
  const ModuleDir *target = call.resolved ? pe_.dir(call.target_dir) : nullptr;
  if (!target) {
    cs.state = State::Done;
    return;
  }
  for (const auto &on_path : dir_stack_) {
    if (on_path != target->path) continue;
    pe_.diag(DiagLevel::Warning, "module-cycle",
             "module \"" + call.name + "\" at " + site.path + ":" + std::to_string(site.span.start_line) +
                 " calls \"" + call.source + "\", a module already being instantiated on this path (" +
                 (target->path.empty() ? "." : target->path) + "); the call is not followed",
             site);
    cs.state = State::Done;
    return;
  }
  if (dir_stack_.size() >= kMaxModuleDepth) {
    pe_.diag(DiagLevel::Warning, "limit-module-depth",
             "module \"" + call.name + "\" at " + site.path + ":" + std::to_string(site.span.start_line) +
                 " is nested more than " + std::to_string(kMaxModuleDepth) +
                 " modules deep; the call is not followed",
             site);
    cs.state = State::Done;
    return;
  }
  Scope scope = scope_in(call.doc);
  Expansion expansion = expand_instances(call.block->body, scope);
  if (expansion.truncated)
    pe_.diag(DiagLevel::Warning, "limit-expansion",
             "module \"" + call.name + "\" asks for more than " + std::to_string(kMaxInstancesPerBlock) +
                 " instances; only the first are evaluated",
             site);
  std::vector<Location> chain = call_chain_;
  chain.push_back(site);
  std::vector<std::string> stack = dir_stack_;
  stack.push_back(target->path);
  std::vector<Instance *> children;
  for (const auto &key : expansion.keys) {
    if (!pe_.reserve_module_instance(site)) break;
    Scope s = scope;
    bind_instance(s, key);
    std::map<std::string, Node> inputs;
    for (const auto &e : call.block->body.entries)
      if (!is_call_meta_argument(e.key)) inputs[e.key] = evaluate_value(e.value, s);
    children.push_back(pe_.create(*target, prefix_ + "module." + call.name + key.suffix + ".", this, &call,
                                  chain, stack, std::move(inputs)));
  }
  // Children run after the call is recorded, so that a child's resources
  // never see this call half-built.
  CallState &done = calls_[idx];
  done.followed = children.size() == expansion.keys.size();
  done.expansion = std::move(expansion);
  done.children = children;
  done.state = State::Done;
  for (Instance *child : children) child->run();
}

// ---- resources ----------------------------------------------------------------------

void Instance::run() {
  for (size_t i = 0; i < dir_.calls.size(); ++i) ensure_call(i);
  for (const auto &r : dir_.resources) emit_resource(r);
}

void Instance::emit_resource(const Declared &d) {
  const Block &b = *d.block;
  Location at = d.doc->location(b.header);
  Scope scope = scope_in(d.doc);
  Expansion expansion = expand_instances(b.body, scope);
  if (expansion.truncated)
    pe_.diag(DiagLevel::Warning, "limit-expansion",
             b.labels[0] + "." + b.labels[1] + " asks for more than " +
                 std::to_string(kMaxInstancesPerBlock) + " instances; only the first are evaluated",
             at);
  ProviderFamily family = provider_family_of_terraform_type(b.labels[0]);
  bool evaluate = body_needs_evaluation(b.body);
  for (const auto &key : expansion.keys) {
    if (!pe_.reserve_resource(at)) return;
    Resource r;
    r.type = b.labels[0];
    r.name = b.labels[1];
    r.address = prefix_ + r.type + "." + r.name + key.suffix;
    r.provider = family;
    r.format = DocKind::Terraform;
    r.document = d.doc;
    r.span = b.header;
    r.call_chain = call_chain_;
    if (evaluate || family == ProviderFamily::Aws) {
      Scope s = scope;
      bind_instance(s, key);
      bool truncated = false;
      // AWS bodies get tags_all appended: room for it is reserved.
      const size_t room = family == ProviderFamily::Aws ? 1 : 0;
      // Two statements, not `?:`: with one `const Node` operand the
      // conditional yields a const prvalue, which is copied, not moved.
      auto body = evaluate ? std::make_shared<Node>(evaluate_body(b.body, s, truncated, room))
                           : std::make_shared<Node>(b.body);
      if (!evaluate) body->entries.reserve(body->entries.size() + room);
      if (truncated)
        pe_.diag(DiagLevel::Warning, "limit-expansion",
                 "a dynamic block of " + r.type + "." + r.name + " asks for more than " +
                     std::to_string(kMaxInstancesPerBlock) + " blocks; it is treated as unknown",
                 at);
      if (family == ProviderFamily::Aws) add_tags_all(*body, b.header, provider_tags(provider_alias(b.body)));
      if (!call_) r.assumed_defaults = root_defaults(b.body);
      r.body = body.get();
      r.owned_body = std::move(body);
    } else {
      r.body = &b.body;
    }
    pe_.add_resource(std::move(r), id_, dir_stack_.front());
  }
}

// In a root module: the values of a resource block its variables' defaults
// decided (evaluating the block asked for every variable it reads). A root
// that configures no provider, keeps no state and hands values back through
// outputs is a reusable module nothing in the scan calls: its callers
// choose those values.
std::vector<AssumedDefault> Instance::root_defaults(const Node &body) {
  if (defaulted_.empty()) return {};
  const bool reusable = dir_.providers.empty() && !dir_.keeps_state && !dir_.outputs.empty();
  return defaulted_values(
      body, [&](const std::string &name) { return defaulted_.count(name) > 0; }, reusable);
}

// The AWS provider configuration `alias` of this instance: declared here, or
// passed down by the caller (implicitly for the default configuration,
// through the call's `providers` map otherwise).
ProviderDefaultTags Instance::provider_tags(const std::string &alias) {
  auto memo = providers_.find(alias);
  if (memo != providers_.end()) return memo->second.first;
  auto &slot = providers_[alias];
  for (const auto &p : dir_.providers) {
    if (p.block->labels[0] != "aws") continue;
    const Node *a = p.block->body.get("alias");
    if ((a && a->is_string() ? a->text : std::string()) != alias) continue;
    slot.first.found = true;
    const Node *dt = p.block->body.get("default_tags");
    if (!dt) return slot.first;
    slot.first.has_block = true;
    const Node *tags = dt->is_list() && !dt->items.empty() ? dt->items.front().get("tags") : nullptr;
    if (tags) {
      slot.second = evaluate_value(*tags, scope_in(p.doc));
      slot.first.tags = &slot.second;
    }
    return slot.first;
  }
  if (!parent_ || !call_) return slot.first;
  const Node *mapping = call_->block->body.get("providers");
  std::optional<std::string> parent_alias;
  if (!mapping) {
    if (alias.empty()) parent_alias = "";
  } else if (mapping->is_map()) {
    if (const Node *to = mapping->get(alias.empty() ? "aws" : "aws." + alias)) {
      const std::string &t = to->text;
      if (t == "aws" || t.rfind("aws.", 0) == 0) parent_alias = t == "aws" ? "" : t.substr(4);
    }
  }
  if (parent_alias) slot.first = parent_->provider_tags(*parent_alias);
  return slot.first;
}

}  // namespace

namespace {

// Appends `part` to `out` as if one evaluator had produced both in turn:
// diagnostics an earlier part already gave (same code and place) are
// dropped, as ProjectEvaluator::diag drops repeats.
void append_part(TerraformEvaluation &out, TerraformEvaluation &part, std::set<DiagnosticKey> &seen) {
  for (size_t i = 0; i < part.resources.size(); ++i) {
    out.resources.push_back(std::move(part.resources[i]));
    out.instance.push_back(part.instance[i]);
    out.root.push_back(std::move(part.root[i]));
  }
  for (auto &d : part.diagnostics) {
    if (seen.insert(diagnostic_key(d.diagnostic.code, d.path, d.diagnostic.span)).second)
      out.diagnostics.push_back(std::move(d));
  }
}

// Root modules share nothing but the limits of their scan root, so each is
// evaluated by its own evaluator, side by side, and the parts joined in root
// order: the same resources, numbering and diagnostics as one evaluator
// going through the roots in turn. When the roots together pass a limit,
// which roots lose out depends on that order: nullopt, evaluate in turn.
std::optional<TerraformEvaluation> evaluate_roots_side_by_side(const ModuleTree &tree,
                                                               const std::vector<const Document *> &var_files,
                                                               unsigned jobs, const EvalBudgetSize &budget) {
  const size_t n = tree.roots.size();
  std::vector<TerraformEvaluation> parts(n);
  std::vector<EvaluatedBefore> used(n);
  parallel_for(n, jobs, [&](size_t i) {
    ProjectEvaluator pe(tree, var_files, budget, parts[i]);
    pe.instantiate_root(tree.roots[i]);
    used[i] = pe.used();
  });
  EvaluatedBefore before;
  for (const EvaluatedBefore &u : used) {
    before.resources += u.resources;
    before.module_instances += u.module_instances;
  }
  if (before.resources > kMaxResources || before.module_instances > kMaxModuleInstances) return std::nullopt;
  TerraformEvaluation out;
  std::set<DiagnosticKey> seen;
  for (size_t i = 0; i < n; ++i) {
    for (uint32_t &instance : parts[i].instance) instance += before.instances;
    before.instances += used[i].instances;
    before.visited.insert(used[i].visited.begin(), used[i].visited.end());
    append_part(out, parts[i], seen);
  }
  TerraformEvaluation rest;
  ProjectEvaluator(tree, var_files, budget, rest, std::move(before)).run_unvisited();
  append_part(out, rest, seen);
  return out;
}

}  // namespace

TerraformEvaluation evaluate_terraform(const std::vector<DocumentPtr> &documents,
                                       const std::vector<const Document *> &var_files, unsigned jobs,
                                       const EvalBudgetSize &budget) {
  ModuleTree tree = build_module_tree(documents);
  if (jobs > 1 && tree.roots.size() > 1)
    if (auto out = evaluate_roots_side_by_side(tree, var_files, jobs, budget)) return std::move(*out);
  TerraformEvaluation out;
  ProjectEvaluator(tree, var_files, budget, out).run();
  return out;
}

}  // namespace clause::tf
