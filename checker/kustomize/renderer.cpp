#include "checker/kustomize/renderer.h"

#include <algorithm>
#include <iterator>

#include "checker/kustomize/inline_patch.h"
#include "checker/kustomize/json_patch.h"
#include "checker/kustomize/kustomization.h"
#include "checker/kustomize/patch_targets.h"
#include "checker/kustomize/strategic_merge.h"
#include "checker/kustomize/transformers.h"

namespace clause::kustomize {
namespace {

// Bases nested deeper than this are a cycle or a mistake; kustomize itself
// refuses cycles.
constexpr size_t kMaxDepth = 32;

std::string join_name(const std::string &dir, std::string_view name) {
  return dir.empty() ? std::string(name) : dir + "/" + std::string(name);
}

// The documents of one patch, and the file they were written in.
struct PatchText {
  const Document *document = nullptr;
  std::vector<Node> owned;          // inline patches, parsed
  std::vector<const Node *> roots;  // every document of the patch
};

}  // namespace

bool join_path(const std::string &base, const std::string &ref, std::string &out) {
  std::vector<std::string> parts;
  auto push = [&](std::string_view path) {
    for (std::string_view seg : split(path, '/')) {
      if (seg.empty() || seg == ".") continue;
      if (seg == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else {
        parts.emplace_back(seg);
      }
    }
    return true;
  };
  if (ref.starts_with("/")) return false;
  if (!push(base) || !push(ref)) return false;
  out.clear();
  for (const auto &p : parts) out += (out.empty() ? "" : "/") + p;
  return true;
}

const Document *Renderer::kustomization_in(const std::string &directory) {
  for (std::string_view name : kKustomizationNames)
    if (const Document *doc = files_.document(join_name(directory, name))) return doc;
  return nullptr;
}

std::vector<std::string> Renderer::referenced_directories(const Document &doc, const std::string &directory) {
  const Kustomization k = read_kustomization(doc, directory);
  std::vector<std::string> out;
  for (const auto *list : {&k.resources, &k.components})
    for (const Ref &r : *list) {
      std::string path;
      if (!is_remote(r.value) && join_path(directory, r.value, path) && files_.is_directory(path))
        out.push_back(path);
    }
  return out;
}

void Renderer::warn(const Document &doc, const Span &span, std::string code, std::string message) {
  if (!said_.emplace(doc.path, span.start_line, span.start_col, code).second) return;
  warnings_.push_back(
      FileDiagnostic{doc.path, Diagnostic{DiagLevel::Warning, std::move(code), std::move(message), span}});
}

void Renderer::note(const Document &doc, const Span &span, std::string code, std::string message) {
  if (!said_.emplace(doc.path, span.start_line, span.start_col, code).second) return;
  notes_.push_back(
      FileDiagnostic{doc.path, Diagnostic{DiagLevel::Note, std::move(code), std::move(message), span}});
}

std::vector<FileDiagnostic> Renderer::take_warnings() { return std::move(warnings_); }
std::vector<FileDiagnostic> Renderer::take_notes() { return std::move(notes_); }

void Renderer::add_file_objects(const std::string &path, const Document &doc, std::vector<Object> &objects) {
  resource_files_.insert(path);
  for (const Node &root : doc.roots) {
    const Node *kind = root.is_map() ? root.get("kind") : nullptr;
    if (!kind || !kind->is_string() || kind->text.empty()) continue;
    objects.push_back(Object{root, &doc, {}});
  }
}

std::vector<Object> Renderer::render(const std::string &directory, Origins &origins) {
  std::vector<Object> objects;
  build(directory, objects, origins);
  return objects;
}

void Renderer::build(const std::string &directory, std::vector<Object> &objects, Origins &origins) {
  const Document *doc = kustomization_in(directory);
  if (!doc) return;
  if (stack_.size() >= kMaxDepth || std::find(stack_.begin(), stack_.end(), directory) != stack_.end()) {
    warn(*doc, {}, "kustomize-cycle",
         "this kustomization includes itself through its bases; not rendered again");
    return;
  }
  stack_.push_back(directory);
  const Kustomization k = read_kustomization(*doc, directory);
  for (const Ref &field : k.not_rendered)
    note(*doc, field.span, "kustomize-not-rendered",
         "`" + field.value +
             "` is not rendered by clause: the objects it generates or changes are not judged");

  // Where a reference leads: a directory (a base or component), a file, or
  // nothing we can read.
  auto resolve = [&](const Ref &r, std::string &path) {
    if (is_remote(r.value)) {
      note(*doc, r.span, "kustomize-remote",
           "remote base '" + r.value + "' is not fetched (clause works offline): its objects are not judged");
      return false;
    }
    if (!join_path(directory, r.value, path)) {
      note(*doc, r.span, "kustomize-outside",
           "'" + r.value + "' is outside the scan root: its objects are not judged");
      return false;
    }
    return true;
  };

  for (const Ref &r : k.resources) {
    std::string path;
    if (!resolve(r, path)) continue;
    if (files_.is_directory(path)) {
      if (!kustomization_in(path)) {
        warn(*doc, r.span, "kustomize-missing", "'" + r.value + "' is a directory without a kustomization");
        continue;
      }
      std::vector<Object> base;
      build(path, base, origins);
      std::move(base.begin(), base.end(), std::back_inserter(objects));
    } else if (const Document *file = files_.document(path)) {
      add_file_objects(path, *file, objects);
    } else {
      warn(*doc, r.span, "kustomize-missing", "resource '" + r.value + "' was not found in the scan");
    }
  }
  for (const Ref &c : k.components) {
    std::string path;
    if (!resolve(c, path)) continue;
    if (!kustomization_in(path)) {
      warn(*doc, c.span, "kustomize-missing", "component '" + c.value + "' was not found in the scan");
      continue;
    }
    build(path, objects, origins);  // a component changes what its user has so far
  }

  // The documents of a patch: its file's, or its inline text parsed.
  auto load_patch = [&](const PatchRef &p, PatchText &out) {
    if (p.inline_text) {
      out.document = doc;
      out.owned = parse_inline_patch(*doc, *p.inline_text);
      if (out.owned.empty()) {
        warn(*doc, p.span, "kustomize-patch", "this inline patch does not parse; not applied");
        return false;
      }
      for (const Node &n : out.owned) out.roots.push_back(&n);
      return true;
    }
    std::string path;
    const Document *file = join_path(directory, p.path, path) ? files_.document(path) : nullptr;
    if (!file) {
      warn(*doc, p.span, "kustomize-missing", "patch '" + p.path + "' was not found in the scan");
      return false;
    }
    patch_files_.insert(path);
    out.document = file;
    for (const Node &n : file->roots) out.roots.push_back(&n);
    return true;
  };
  auto apply = [&](const PatchRef &p) {
    PatchText text;
    if (!load_patch(p, text)) return;
    PatchSource source(origins, *text.document);
    for (const Node *root : text.roots) {
      const bool json = root->is_list() || p.form == PatchRef::Form::Json6902;
      if (json && !p.target) {
        warn(*doc, p.span, "kustomize-patch", "a JSON patch needs a `target`; not applied");
        continue;
      }
      std::vector<Object *> targets = patch_targets(*root, p.target, objects);
      if (targets.empty()) {
        warn(*doc, p.span, "kustomize-patch",
             "this patch matches no object of the kustomization; not applied");
        continue;
      }
      for (Object *o : targets) {
        if (json) {
          if (std::string error = apply_json_patch(o->body, *root, source); !error.empty())
            warn(*doc, p.span, "kustomize-patch", error + " (" + o->kind() + " " + o->name() + ")");
        } else if (!strategic_merge(o->body, *root, source)) {
          o->body = Node();  // `$patch: delete`: the object is gone
        }
      }
      objects.erase(
          std::remove_if(objects.begin(), objects.end(), [](const Object &o) { return o.body.is_null(); }),
          objects.end());
    }
  };
  for (const PatchRef &p : k.patches) apply(p);
  apply_metadata(objects, k, origins);
  for (const PatchRef &p : k.json_patches) apply(p);
  apply_values(objects, k, origins);
  stack_.pop_back();
}

}  // namespace clause::kustomize
