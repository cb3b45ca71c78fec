#include "checker/kustomize/applications.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "checker/kustomize/kustomization.h"
#include "checker/kustomize/renderer.h"
#include "parsers/kubernetes/k8s_resources.h"
#include "parsers/yaml/yaml_parser.h"

namespace clause::kustomize {
namespace {

std::string directory_of(const std::string &path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// A kustomization file read from disk: `Kustomization` has no extension, so
// discovery does not list it.
constexpr uintmax_t kMaxKustomizationBytes = 1 << 20;

// The scan's files by path; `Kustomization` files read on demand.
class ScanFiles final : public FileSource {
 public:
  ScanFiles(std::string root_abs, const std::vector<DocumentPtr> &documents,
            std::vector<DocumentPtr> &unclassified)
      : root_abs_(std::move(root_abs)) {
    for (const auto &d : documents) by_path_[d->path] = d.get();
    for (const auto &d : unclassified) by_path_[d->path] = d.get();
  }

  const Document *document(const std::string &path) override {
    auto it = by_path_.find(path);
    if (it != by_path_.end()) return it->second;
    if (path != "Kustomization" && !path.ends_with("/Kustomization")) return nullptr;
    const Document *loaded = read_from_disk(path);
    by_path_[path] = loaded;
    return loaded;
  }

  bool is_directory(const std::string &path) override {
    std::error_code ec;
    return std::filesystem::is_directory(root_abs_ + "/" + path, ec);
  }

  std::vector<DocumentPtr> take_read() { return std::move(read_); }

 private:
  const Document *read_from_disk(const std::string &path) {
    const std::string abs = root_abs_ + "/" + path;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(abs, ec) ||
        std::filesystem::file_size(abs, ec) > kMaxKustomizationBytes)
      return nullptr;
    std::ifstream in(abs, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto doc = std::make_unique<Document>();
    doc->path = path;
    doc->abs_path = abs;
    doc->source = bytes.str();
    ParseOptions opts;
    opts.detect_helm_templates = false;
    parse_yaml(*doc, opts);
    read_.push_back(std::move(doc));
    return read_.back().get();
  }

  std::string root_abs_;
  std::map<std::string, const Document *> by_path_;
  std::vector<DocumentPtr> read_;
};

}  // namespace

Applications render_applications(const std::string &root_abs, const std::vector<DocumentPtr> &documents,
                                 std::vector<DocumentPtr> &unclassified) {
  Applications apps;
  ScanFiles files(root_abs, documents, unclassified);
  Renderer renderer(files);

  // Every kustomization of the scan, by directory.
  std::set<std::string> directories;
  for (const auto &d : documents) directories.insert(directory_of(d->path));
  for (const auto &d : unclassified) directories.insert(directory_of(d->path));
  std::map<std::string, const Document *> kustomizations;
  for (const std::string &dir : directories)
    if (const Document *k = renderer.kustomization_in(dir)) kustomizations[dir] = k;
  if (kustomizations.empty()) return apps;

  // Those another kustomization uses are bases and components: judged
  // through their users. Patch files are judged only as part of what they
  // patch, even in a kustomization that is never rendered.
  std::set<std::string> used;
  std::set<std::string> patch_files;
  for (const auto &[dir, doc] : kustomizations) {
    for (std::string &ref : renderer.referenced_directories(*doc, dir)) used.insert(std::move(ref));
    const Kustomization k = read_kustomization(*doc, dir);
    for (const auto *patches : {&k.patches, &k.json_patches})
      for (const PatchRef &p : *patches) {
        std::string path;
        if (!p.path.empty() && join_path(dir, p.path, path)) patch_files.insert(path);
      }
  }

  std::set<std::string> kustomization_files;
  for (const auto &[dir, doc] : kustomizations) {
    kustomization_files.insert(doc->path);
    if (used.count(dir) || read_kustomization(*doc, dir).component) continue;
    Origins origins;
    std::vector<Object> objects = renderer.render(dir, origins);
    auto from = std::make_shared<RenderedFrom>();
    from->kustomization = doc->path;
    from->directory = dir;
    for (const Node &root : doc->roots)
      if (root.is_map()) {
        from->kustomization_span = root.span;
        break;
      }
    from->origins = origins.table();
    for (Object &o : objects) {
      auto body = std::make_shared<const Node>(std::move(o.body));
      const size_t first = apps.resources.size();
      add_kubernetes_object(*o.document, *body, apps.resources);
      for (size_t i = first; i < apps.resources.size(); ++i) {
        apps.resources[i].owned_body = body;
        apps.resources[i].rendered = from;
      }
    }
  }

  std::set<std::string> consumed = renderer.resource_files();
  consumed.insert(patch_files.begin(), patch_files.end());
  consumed.insert(kustomization_files.begin(), kustomization_files.end());
  consumed.insert(renderer.patch_files().begin(), renderer.patch_files().end());
  for (const auto &d : documents)
    if (consumed.count(d->path)) apps.consumed.insert(d.get());
  for (auto &d : unclassified)
    if (d && consumed.count(d->path)) apps.support_documents.push_back(std::move(d));
  for (auto &d : files.take_read()) apps.support_documents.push_back(std::move(d));
  apps.warnings = renderer.take_warnings();
  apps.strict_notes = renderer.take_notes();
  return apps;
}

}  // namespace clause::kustomize
