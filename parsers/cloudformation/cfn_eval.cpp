#include "parsers/cloudformation/cfn_eval.h"

#include <charconv>
#include <cmath>

#include "checker/model/restamp.h"
#include "checker/model/unknown.h"

namespace clause {

namespace {

using Value = CfnEvaluator::Value;
using State = Value::State;

// Intrinsics nest far less than this in any real template; deeper is a
// cycle through Conditions or hostile input, and stays unknown.
constexpr unsigned kMaxDepth = 64;

Value unknown() { return Value{}; }

Value known(Node n, std::set<std::string> defaults = {}) {
  Value v;
  v.state = State::Known;
  v.node = std::move(n);
  v.defaults = std::move(defaults);
  return v;
}

Value no_value() {
  Value v;
  v.state = State::NoValue;
  return v;
}

void merge(std::set<std::string> &into, const std::set<std::string> &from) {
  into.insert(from.begin(), from.end());
}

// A scalar as CloudFormation sees it: text.
std::optional<std::string> text_of(const Node &n) {
  if (n.is_string()) return n.text;
  if (n.kind == NodeKind::Number || n.kind == NodeKind::Bool) return n.scalar_text();
  return std::nullopt;
}

std::optional<bool> bool_of(const Node &n) {
  if (n.kind == NodeKind::Bool) return n.boolean;
  if (n.is_string() && (n.text == "true" || n.text == "false")) return n.text == "true";
  return std::nullopt;
}

Node number_or_string(const std::string &text, bool number, const Span &at) {
  if (number && !text.empty()) {
    double d = 0;
    auto r = std::from_chars(text.data(), text.data() + text.size(), d);
    if (r.ec == std::errc() && r.ptr == text.data() + text.size() && std::isfinite(d))
      return Node::make_number(d, text, at);
  }
  return Node::make_string(text, at);
}

std::vector<std::string> split(const std::string &s, const std::string &delim) {
  std::vector<std::string> out;
  if (delim.empty()) return {s};
  size_t from = 0;
  for (size_t at = s.find(delim); at != std::string::npos; at = s.find(delim, from)) {
    out.push_back(s.substr(from, at - from));
    from = at + delim.size();
  }
  out.push_back(s.substr(from));
  return out;
}

Node string_list(const std::vector<std::string> &parts, const Span &at) {
  Node list = Node::make_list(at);
  for (const auto &p : parts) list.items.push_back(Node::make_string(p, at));
  return list;
}

// The arguments of a list-form intrinsic, or nullptr when the shape is wrong.
const std::vector<Node> *args(const Node &arg, size_t min, size_t max) {
  if (!arg.is_list() || arg.items.size() < min || arg.items.size() > max) return nullptr;
  return &arg.items;
}

}  // namespace

std::string aws_partition(const std::string &region) {
  if (region.empty()) return "";
  if (region.rfind("cn-", 0) == 0) return "aws-cn";
  if (region.rfind("us-gov-", 0) == 0) return "aws-us-gov";
  if (region.rfind("us-iso-", 0) == 0) return "aws-iso";
  if (region.rfind("us-isob-", 0) == 0) return "aws-iso-b";
  return "aws";
}

std::string aws_url_suffix(const std::string &region) {
  if (region.empty()) return "";
  return region.rfind("cn-", 0) == 0 ? "amazonaws.com.cn" : "amazonaws.com";
}

CfnEvaluator::CfnEvaluator(const Node &root, const CfnInputs &inputs) : inputs_(inputs) {
  auto section = [&](const char *name) -> const Node * {
    const Node *n = root.is_map() ? root.get(name) : nullptr;
    return n && n->is_map() ? n : nullptr;
  };
  parameters_ = section("Parameters");
  conditions_ = section("Conditions");
  mappings_ = section("Mappings");
  resources_ = section("Resources");
}

Value CfnEvaluator::condition(const std::string &name) {
  if (auto it = condition_cache_.find(name); it != condition_cache_.end()) return it->second;
  const Node *def = conditions_ ? conditions_->get(name) : nullptr;
  if (!def || in_progress_.count(name)) return unknown();
  in_progress_.insert(name);
  Value v = evaluate(*def);
  in_progress_.erase(name);
  if (v.state == State::Known) {
    std::optional<bool> b = bool_of(v.node);
    v = b ? known(Node::make_bool(*b, def->span), v.defaults) : unknown();
  } else {
    v = unknown();
  }
  condition_cache_[name] = v;
  return v;
}

Value CfnEvaluator::ref(const std::string &name, const Span &at) {
  if (name == "AWS::NoValue") return no_value();
  auto fixed = [&](const std::string &s) { return s.empty() ? unknown() : known(Node::make_string(s, at)); };
  if (name == "AWS::Region") return fixed(inputs_.region);
  if (name == "AWS::AccountId") return fixed(inputs_.account_id);
  if (name == "AWS::Partition") return fixed(aws_partition(inputs_.region));
  if (name == "AWS::URLSuffix") return fixed(aws_url_suffix(inputs_.region));
  const Node *param = parameters_ ? parameters_->get(name) : nullptr;
  if (!param || !param->is_map()) return unknown();  // a resource, or a pseudo parameter left open
  const Node *type = param->get("Type");
  const std::string type_name = type && type->is_string() ? type->text : "String";
  const bool list = type_name.rfind("List<", 0) == 0 || type_name == "CommaDelimitedList";
  std::set<std::string> defaults;
  std::string text;
  if (auto given = inputs_.parameters.find(name); given != inputs_.parameters.end()) {
    text = given->second;
  } else {
    const Node *def = param->get("Default");
    if (!def || def->is_null()) return unknown();
    if (list && def->is_list()) {
      Node copy = *def;
      restamp(copy, at);
      return known(std::move(copy), {name});
    }
    std::optional<std::string> t = text_of(*def);
    if (!t) return unknown();
    text = *t;
    defaults.insert(name);
  }
  if (list) return known(string_list(split(text, ","), at), defaults);
  return known(number_or_string(text, type_name == "Number", at), defaults);
}

Value CfnEvaluator::find_in_map(const Node &arg, const Span &at) {
  const auto *a = args(arg, 3, 3);
  if (!a || !mappings_) return unknown();
  std::set<std::string> defaults;
  const Node *cursor = mappings_;
  for (const Node &key : *a) {
    Value k = evaluate(key);
    if (k.state != State::Known) return unknown();
    std::optional<std::string> t = text_of(k.node);
    if (!t || !cursor->is_map()) return unknown();
    merge(defaults, k.defaults);
    cursor = cursor->get(*t);
    if (!cursor) return unknown();
  }
  Value v = evaluate(*cursor);
  if (v.state != State::Known) return v;
  restamp(v.node, at);
  merge(v.defaults, defaults);
  return v;
}

bool CfnEvaluator::two_texts(const Node &arg, std::string &first, std::string &second,
                             std::set<std::string> &defaults) {
  const auto *a = args(arg, 2, 2);
  if (!a) return false;
  Value l = evaluate((*a)[0]);
  Value r = evaluate((*a)[1]);
  if (l.state != State::Known || r.state != State::Known) return false;
  std::optional<std::string> lt = text_of(l.node), rt = text_of(r.node);
  if (!lt || !rt) return false;
  first = std::move(*lt);
  second = std::move(*rt);
  defaults = std::move(l.defaults);
  merge(defaults, r.defaults);
  return true;
}

Value CfnEvaluator::sub(const Node &arg, const Span &at) {
  const Node *tmpl = &arg;
  const Node *vars = nullptr;
  if (arg.is_list()) {
    if (arg.items.size() != 2 || !arg.items[1].is_map()) return unknown();
    tmpl = &arg.items[0];
    vars = &arg.items[1];
  }
  if (!tmpl->is_string()) return unknown();
  const std::string &s = tmpl->text;
  std::string out;
  std::set<std::string> defaults;
  size_t i = 0;
  while (i < s.size()) {
    size_t open = s.find("${", i);
    if (open == std::string::npos) {
      out += s.substr(i);
      break;
    }
    out += s.substr(i, open - i);
    size_t close = s.find('}', open + 2);
    if (close == std::string::npos) {
      out += s.substr(open);
      break;
    }
    std::string name = s.substr(open + 2, close - open - 2);
    i = close + 1;
    if (!name.empty() && name[0] == '!') {  // ${!Literal} is written as ${Literal}
      out += "${" + name.substr(1) + "}";
      continue;
    }
    Value v;
    if (const Node *given = vars ? vars->get(name) : nullptr) {
      v = evaluate(*given);
    } else if (name.find('.') != std::string::npos) {
      return unknown();  // ${Resource.Attribute}
    } else {
      v = ref(name, at);
    }
    if (v.state != State::Known) return unknown();
    std::optional<std::string> t = text_of(v.node);
    if (!t) return unknown();
    out += *t;
    merge(defaults, v.defaults);
  }
  return known(Node::make_string(out, at), defaults);
}

Value CfnEvaluator::call(const std::string &fn, const Node &arg, const Span &at) {
  if (fn == "Ref") return arg.is_string() ? ref(arg.text, at) : unknown();
  if (fn == "Fn::Sub") return sub(arg, at);
  if (fn == "Fn::FindInMap") return find_in_map(arg, at);
  if (fn == "Fn::If") {
    const auto *a = args(arg, 3, 3);
    if (!a || !(*a)[0].is_string()) return unknown();
    Value c = condition((*a)[0].text);
    if (c.state != State::Known) return unknown();
    Value v = evaluate(c.node.boolean ? (*a)[1] : (*a)[2]);
    merge(v.defaults, c.defaults);
    return v;
  }
  if (fn == "Fn::Equals") {
    std::string l, r;
    std::set<std::string> defaults;
    if (!two_texts(arg, l, r, defaults)) return unknown();
    return known(Node::make_bool(l == r, at), std::move(defaults));
  }
  if (fn == "Fn::Not" || fn == "Fn::And" || fn == "Fn::Or") {
    const auto *a = fn == "Fn::Not" ? args(arg, 1, 1) : args(arg, 1, 10);
    if (!a) return unknown();
    // And: false decides; Or: true decides; unknown otherwise wins.
    const bool decisive = fn == "Fn::Or";
    bool open = false;
    std::set<std::string> all;
    for (const Node &item : *a) {
      Value v = item.is_map() && item.entries.size() == 1 && item.entries[0].key == "Condition" &&
                        item.entries[0].value.is_string()
                    ? condition(item.entries[0].value.text)
                    : evaluate(item);
      std::optional<bool> b = v.state == State::Known ? bool_of(v.node) : std::nullopt;
      if (!b) {
        open = true;
        continue;
      }
      if (fn == "Fn::Not") return known(Node::make_bool(!*b, at), v.defaults);
      if (*b == decisive) return known(Node::make_bool(decisive, at), v.defaults);
      merge(all, v.defaults);
    }
    if (open) return unknown();
    return known(Node::make_bool(!decisive, at), all);
  }
  if (fn == "Fn::Select") {
    const auto *a = args(arg, 2, 2);
    if (!a) return unknown();
    Value index = evaluate((*a)[0]);
    Value list = evaluate((*a)[1]);
    if (index.state != State::Known || list.state != State::Known || !list.node.is_list()) return unknown();
    std::optional<std::string> t = text_of(index.node);
    size_t i = 0;
    if (!t || std::from_chars(t->data(), t->data() + t->size(), i).ptr != t->data() + t->size() ||
        i >= list.node.items.size())
      return unknown();
    Value v = known(list.node.items[i], index.defaults);
    merge(v.defaults, list.defaults);
    restamp(v.node, at);
    return v;
  }
  if (fn == "Fn::Join") {
    const auto *a = args(arg, 2, 2);
    if (!a) return unknown();
    Value delim = evaluate((*a)[0]);
    Value list = evaluate((*a)[1]);
    if (delim.state != State::Known || list.state != State::Known || !list.node.is_list()) return unknown();
    std::optional<std::string> d = text_of(delim.node);
    if (!d) return unknown();
    std::string out;
    for (size_t i = 0; i < list.node.items.size(); ++i) {
      std::optional<std::string> t = text_of(list.node.items[i]);
      if (!t) return unknown();
      if (i) out += *d;
      out += *t;
    }
    merge(delim.defaults, list.defaults);
    return known(Node::make_string(out, at), delim.defaults);
  }
  if (fn == "Fn::Split") {
    std::string delim, text;
    std::set<std::string> defaults;
    if (!two_texts(arg, delim, text, defaults)) return unknown();
    return known(string_list(split(text, delim), at), std::move(defaults));
  }
  // Fn::GetAtt, Fn::GetAZs, Fn::ImportValue, Fn::Base64, Fn::Cidr, ...:
  // decided by the account or the deployment.
  return unknown();
}

Value CfnEvaluator::evaluate(const Node &n) {
  if (depth_ >= kMaxDepth) return unknown();
  ++depth_;
  struct Leave {
    unsigned &d;
    ~Leave() { --d; }
  } leave{depth_};
  if (is_intrinsic(n)) return call(n.entries.front().key, n.entries.front().value, n.span);
  if (n.is_expression()) return unknown();
  Value out = known(n);
  if (n.is_list()) {
    out.node.items.clear();
    for (const Node &item : n.items) {
      Value v = evaluate(item);
      if (v.state == State::Unknown) return unknown();
      merge(out.defaults, v.defaults);
      if (v.state == State::Known) out.node.items.push_back(std::move(v.node));
    }
  } else if (n.is_map()) {
    out.node.entries.clear();
    for (const MapEntry &e : n.entries) {
      Value v = evaluate(e.value);
      if (v.state == State::Unknown) return unknown();
      merge(out.defaults, v.defaults);
      if (v.state == State::Known) out.node.entries.push_back(MapEntry{e.key, e.key_span, std::move(v.node)});
    }
  }
  return out;
}

bool CfnEvaluator::rewrite(Node &n, std::string &path, std::vector<AssumedDefault> &uses, bool &removed,
                           std::set<std::string> &removed_by) {
  auto record = [&](const std::set<std::string> &defaults, const Span &span,
                    const std::string &removed_path) {
    if (!defaults.empty())
      uses.push_back(AssumedDefault{span, removed_path, {defaults.begin(), defaults.end()}});
  };
  if (is_intrinsic(n)) {
    const MapEntry &e = n.entries.front();
    // Fn::If keeps what is known of the branch it chose, even where the
    // branch holds intrinsics that stay unknown.
    if (e.key == "Fn::If" && e.value.is_list() && e.value.items.size() == 3 && e.value.items[0].is_string()) {
      Value c = condition(e.value.items[0].text);
      if (c.state != State::Known) return false;
      Node chosen = e.value.items[c.node.boolean ? 1 : 2];
      std::set<std::string> inner_by;
      rewrite(chosen, path, uses, removed, inner_by);
      if (removed) {
        merge(removed_by, c.defaults);
        merge(removed_by, inner_by);
        return true;
      }
      record(c.defaults, chosen.span, "");
      n = std::move(chosen);
      return true;
    }
    Value v = evaluate(n);
    if (v.state == State::Unknown) return false;
    if (v.state == State::NoValue) {
      removed = true;
      merge(removed_by, v.defaults);
      return true;
    }
    record(v.defaults, n.span, "");
    n = std::move(v.node);
    return true;
  }
  bool changed = false;
  if (n.is_list()) {
    for (size_t i = 0; i < n.items.size();) {
      bool gone = false;
      std::set<std::string> by;
      changed |= rewrite(n.items[i], path, uses, gone, by);
      if (gone) {
        record(by, n.items[i].span, path);
        n.items.erase(n.items.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        ++i;
      }
    }
  } else if (n.is_map()) {
    for (size_t i = 0; i < n.entries.size();) {
      MapEntry &e = n.entries[i];
      // The entry's path is appended for its subtree and cut off after.
      const size_t parent = path.size();
      if (parent != 0) path += '.';
      path += e.key;
      bool gone = false;
      std::set<std::string> by;
      changed |= rewrite(e.value, path, uses, gone, by);
      if (gone) {
        record(by, e.key_span, path);
        n.entries.erase(n.entries.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        ++i;
      }
      path.resize(parent);
    }
  }
  return changed;
}

bool CfnEvaluator::rewrite_body(Node &body, std::vector<AssumedDefault> &uses) {
  bool removed = false;
  std::set<std::string> by;
  std::string path;
  return rewrite(body, path, uses, removed, by);
}

}  // namespace clause
