#pragma once
// CloudFormation intrinsic functions evaluated where every input is known:
// parameters (the values a stack is deployed with, else their defaults),
// pseudo parameters the configuration fixes, `Conditions`, `Mappings`.
// What depends on anything else (a resource attribute, the stack name, a
// parameter without value or default) stays the intrinsic map it was, which
// rules treat as unknown.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "checker/model/node.h"
#include "checker/model/resource.h"

namespace clause {

// What the deployment fixes, beyond the template.
struct CfnInputs {
  std::string region;      // AWS::Region; "" = unknown
  std::string account_id;  // AWS::AccountId; "" = unknown
  // Parameter values the stack is deployed with (a parameters file); they
  // win over the template's defaults.
  std::map<std::string, std::string> parameters;
};

// Evaluates the intrinsics of one template (one root of a document).
class CfnEvaluator {
 public:
  CfnEvaluator(const Node &template_root, const CfnInputs &inputs);

  // A value: known (node), unknown, or AWS::NoValue; `defaults` names the
  // parameters whose template default decided it.
  struct Value {
    enum class State : uint8_t { Known, Unknown, NoValue } state = State::Unknown;
    Node node;
    std::set<std::string> defaults;
  };

  // Condition `name` of `Conditions`.
  Value condition(const std::string &name);
  // Any value, evaluated whole: unknown when any part of it is.
  Value evaluate(const Node &n);
  // A resource's body evaluated in place: intrinsics whose value is known
  // replaced by it (located at the intrinsic, or at the branch `Fn::If`
  // chose), properties and list items that are AWS::NoValue removed,
  // intrinsics that stay unknown kept as written. Where a parameter's
  // default decided a value or a removal, `uses` says so. True when the
  // body changed.
  bool rewrite_body(Node &body, std::vector<AssumedDefault> &uses);

 private:
  // Rewrites `n`, found at `path` (the dotted keys from the body; each
  // entry's key is appended for its subtree and removed after); sets
  // `removed` (and its defaults) when `n` is AWS::NoValue.
  bool rewrite(Node &n, std::string &path, std::vector<AssumedDefault> &uses, bool &removed,
               std::set<std::string> &removed_by);
  Value call(const std::string &fn, const Node &arg, const Span &at);
  Value ref(const std::string &name, const Span &at);
  Value sub(const Node &arg, const Span &at);
  Value find_in_map(const Node &arg, const Span &at);
  // The two arguments of `Fn::Equals` or `Fn::Split` as text, with the
  // defaults that decided them; false when either is not a known scalar.
  bool two_texts(const Node &arg, std::string &first, std::string &second, std::set<std::string> &defaults);

  const Node *parameters_ = nullptr;
  const Node *conditions_ = nullptr;
  const Node *mappings_ = nullptr;
  const Node *resources_ = nullptr;
  CfnInputs inputs_;
  std::map<std::string, Value> condition_cache_;
  std::set<std::string> in_progress_;
  unsigned depth_ = 0;
};

// The AWS partition and URL suffix of a region ("" when the region is unknown).
std::string aws_partition(const std::string &region);
std::string aws_url_suffix(const std::string &region);

}  // namespace clause
