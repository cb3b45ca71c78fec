#pragma once
// Renders kustomizations natively and offline: resources (files and
// directories), components, strategic merge and JSON patches (with
// `target` selectors), then the transformers (see transformers.h). Remote
// bases and generators are never fetched or guessed: they are noted.
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "checker/kustomize/object.h"
#include "checker/kustomize/origins.h"
#include "checker/model/report.h"

namespace clause::kustomize {

// The files a rendering reads, by path relative to the scan root.
class FileSource {
 public:
  virtual ~FileSource() = default;
  // The parsed file, or nullptr when there is none (or it is outside the scan).
  virtual const Document *document(const std::string &path) = 0;
  virtual bool is_directory(const std::string &path) = 0;
};

// `base` joined with `ref` and normalised ("a/b" + "../c" -> "a/c"); false
// when the result leaves the scan root.
bool join_path(const std::string &base, const std::string &ref, std::string &out);

class Renderer {
 public:
  explicit Renderer(FileSource &files) : files_(files) {}

  // The kustomization file of a directory, or nullptr.
  const Document *kustomization_in(const std::string &directory);
  // The directories a kustomization names as resources or components.
  std::vector<std::string> referenced_directories(const Document &kustomization,
                                                  const std::string &directory);

  // The objects the kustomization of `directory` deploys; values that do not
  // come from an object's own file are tagged into `origins`.
  std::vector<Object> render(const std::string &directory, Origins &origins);

  // What the renderings so far read: files used as resources and as patches.
  const std::set<std::string> &resource_files() const { return resource_files_; }
  const std::set<std::string> &patch_files() const { return patch_files_; }
  // Problems (a missing file, a patch that matches nothing): warnings.
  std::vector<FileDiagnostic> take_warnings();
  // What was not rendered (remote bases, generators): notes for --strict.
  std::vector<FileDiagnostic> take_notes();

 private:
  void build(const std::string &directory, std::vector<Object> &objects, Origins &origins);
  void add_file_objects(const std::string &path, const Document &doc, std::vector<Object> &objects);
  void warn(const Document &doc, const Span &span, std::string code, std::string message);
  void note(const Document &doc, const Span &span, std::string code, std::string message);

  FileSource &files_;
  std::set<std::string> resource_files_, patch_files_;
  std::vector<std::string> stack_;
  std::vector<FileDiagnostic> warnings_, notes_;
  std::set<std::tuple<std::string, uint32_t, uint32_t, std::string>> said_;
};

}  // namespace clause::kustomize
