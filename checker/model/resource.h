#pragma once
// Infrastructure normalised across formats: what rules of kind I and X read.
#include <memory>
#include <string>
#include <vector>

#include "checker/model/document.h"
#include "checker/model/unit.h"

namespace clause {

// Where a node of a rendered object was written when that is not the
// object's own document: a patch or a kustomization file. `span` invalid:
// at the node's own span in `document`; valid: there instead (a patch that
// removed something from the node points at its own line).
struct NodeOrigin {
  const Document *document = nullptr;
  Span span;
  std::string removed;  // the key a patch removed from the node, when that is the change
};

// A Kubernetes object rendered by kustomize from a base and patches: the
// kustomization that deploys it (the overlay, the root of the rendering) and
// where the nodes of its body that do not come from the base were written
// (Node::origin indexes `origins`).
struct RenderedFrom {
  std::string kustomization;  // the kustomization file, relative to the scan root
  std::string directory;      // its directory ("" for the scan root)
  Span kustomization_span;    // its root map, for a related location
  std::vector<NodeOrigin> origins;
};

enum class ProviderFamily : uint8_t { Aws, Azure, Google, Kubernetes, Other };

const char *provider_family_name(ProviderFamily family);
ProviderFamily provider_family_of_terraform_type(std::string_view type);

// A value of a resource's body that an input's default decided: a template
// parameter's (CloudFormation) or a root module's input variable's
// (Terraform, when no variable file sets it). The value's span, or for a
// property the default removed (AWS::NoValue, a `dynamic` block iterating
// over nothing), its path from the body ("Properties.X").
struct AssumedDefault {
  Span span;
  std::string removed_path;
  std::vector<std::string> parameters;
  bool variables = false;  // Terraform input variables, not template parameters
  // The defaults are a reusable module's own: a root module that configures
  // no provider, keeps no state and declares outputs, which nothing in the
  // scan calls. Its callers choose these values, so what rests on one is
  // undecided.
  bool callers_decide = false;
  // Set when no input's default decided the value but something else the
  // finding should name (a plan's prior_state or resource_drift): said in
  // its message instead of "with the default of ...".
  std::string note = {};
};

// "variable X", "parameters A and B": the inputs whose defaults `use` names.
std::string inputs_named(const AssumedDefault &use);
// What a finding's message says of `use`, in its parentheses: "with the
// default of variable X", or its note.
std::string default_note(const AssumedDefault &use);

struct Resource;
// The input default (or note) that decided the value a finding stands on:
// `node` (a value of `r`'s body; may be null) lies within what the default
// decided, or what it decided lies within the finding's `span` (not `r`'s
// header). nullptr when the value was written out.
const AssumedDefault *default_deciding(const Resource &r, const Node *node, const Span &span);

struct Resource {
  // Terraform "aws_s3_bucket.logs" (with "module.x." prefixes), CloudFormation
  // the logical id, Kubernetes "Kind/namespace/name".
  std::string address;
  std::string type;  // "aws_s3_bucket", "AWS::S3::Bucket", "Deployment"
  std::string name;
  ProviderFamily provider = ProviderFamily::Other;
  DocKind format = DocKind::Unknown;
  const Document *document = nullptr;  // where `span` and body spans live
  Span span;                           // the header that names the resource
  // Attribute values. Points into the document, or at `owned_body` when
  // evaluation produced a new tree.
  const Node *body = nullptr;
  std::shared_ptr<const Node> owned_body;
  // Module call sites from the root module down to this resource.
  std::vector<Location> call_chain;
  // Terraform plan: the resource's `expressions` in the plan's
  // `configuration` section (what the user wrote); nullptr when it has none.
  const Node *configuration = nullptr;
  // Values of `body` decided by input defaults (CloudFormation parameters,
  // Terraform root variables) or, in a plan, by the deployed object.
  std::vector<AssumedDefault> assumed_defaults;
  // The deployment unit it belongs to (index into Project::units), kNoUnit
  // for an agreement's pseudo-resource.
  uint32_t unit = kNoUnit;
  // Set on objects rendered by kustomize (checker/kustomize/); shared by the
  // objects of one rendering.
  std::shared_ptr<const RenderedFrom> rendered;

  Location location() const { return Location{document ? document->path : "", span}; }
  // The document `node` (a node of `body`) was written in, and where: its
  // own span, unless a rendering says otherwise (see NodeOrigin).
  const Document &document_of(const Node *node) const;
  Span span_of(const Node *node, const Span &own) const;
  // Whether a rendering recorded an origin for `node` (it came from, or was
  // changed by, a patch or transformer).
  bool has_origin(const Node *node) const {
    return rendered && node && node->origin != 0 && node->origin <= rendered->origins.size();
  }
  // Whether the absence of `path` (dotted) under `node` is the doing of a
  // rendering: `node` was written by a patch, or a patch removed a key of
  // `node` that `path` goes through.
  bool absence_written(const Node *node, std::string_view path) const;
};

}  // namespace clause
