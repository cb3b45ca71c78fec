#include "checker/discovery/discover.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <stdexcept>

#include "checker/project/parallel.h"

namespace clause {
namespace fs = std::filesystem;

namespace {

bool ends_with(const std::string &s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string generic_relative(const fs::path &p, const fs::path &base) {
  // The walk builds every path as `base/...`: cut the prefix off, rather
  // than take both paths apart component by component.
  const std::string &ps = p.native(), &bs = base.native();
  if (!bs.empty() && bs.back() != '/' && ps.size() > bs.size() + 1 && ps.compare(0, bs.size(), bs) == 0 &&
      ps[bs.size()] == '/')
    return ps.substr(bs.size() + 1);
  return p.lexically_relative(base).generic_string();
}

bool inside(const fs::path &child, const fs::path &root) {
  auto r = child.lexically_relative(root);
  return !r.empty() && r.native().rfind("..", 0) != 0;
}

}  // namespace

bool syntax_for_name(const std::string &name, Syntax &syntax, DocKind &hint) {
  hint = DocKind::Unknown;
  if (ends_with(name, ".tf")) {
    syntax = Syntax::Hcl;
    hint = DocKind::Terraform;
  } else if (ends_with(name, ".tfvars")) {
    syntax = Syntax::Hcl;
    hint = DocKind::TerraformVars;
  } else if (ends_with(name, ".tf.json")) {
    syntax = Syntax::Json;
    hint = DocKind::Terraform;
  } else if (ends_with(name, ".tfvars.json")) {
    syntax = Syntax::Json;
    hint = DocKind::TerraformVars;
  } else if (ends_with(name, ".json")) {
    syntax = Syntax::Json;
  } else if (ends_with(name, ".yaml") || ends_with(name, ".yml") || ends_with(name, ".template")) {
    syntax = Syntax::Yaml;
  } else {
    return false;
  }
  return true;
}

namespace {

// What one part of the walk found; the parts are joined and sorted, so the
// result does not depend on how the tree was split between threads.
struct Found {
  std::vector<SourceFile> files;
  std::vector<FileDiagnostic> diagnostics;
  size_t ignored = 0;
};

class Walker {
 public:
  Walker(const DiscoveryOptions &opts, fs::path root_path, fs::path canonical_root)
      : opts_(opts), root_path_(std::move(root_path)), canonical_root_(std::move(canonical_root)) {}

  void note(Found &out, const fs::path &p, DiagLevel level, const char *code, std::string message) const {
    out.diagnostics.push_back(
        FileDiagnostic{generic_relative(p, root_path_), Diagnostic{level, code, std::move(message), {}}});
  }

  void consider(Found &out, const fs::path &p, const fs::path &base, bool link) const {
    if (opts_.exclude && opts_.exclude(p.string())) {
      ++out.ignored;
      return;
    }
    std::string rel = generic_relative(p, base);
    Syntax syntax;
    DocKind hint;
    if (!syntax_for_name(p.filename().string(), syntax, hint)) {
      ++out.ignored;
      return;
    }
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) {
      out.diagnostics.push_back(FileDiagnostic{
          rel, Diagnostic{DiagLevel::Warning,
                          "unreadable",
                          std::string("cannot read this file (") + std::strerror(errno) + "); skipped",
                          {}}});
      return;
    }
    if (!S_ISREG(st.st_mode)) {
      out.diagnostics.push_back(FileDiagnostic{
          rel,
          Diagnostic{
              DiagLevel::Note, "not-a-file", "not a regular file (FIFO, device or socket); skipped", {}}});
      return;
    }
    uint64_t size = static_cast<uint64_t>(st.st_size);
    const SizeLimit limit = size_limit_for(syntax, opts_.max_file_size, opts_.max_hcl_file_size);
    if (size > limit.bytes) {
      out.diagnostics.push_back(FileDiagnostic{
          rel, Diagnostic{DiagLevel::Warning, "skipped-size", size_limit_message(size, limit), {}}});
      return;
    }
    out.files.push_back(SourceFile{p.string(), rel, syntax, hint, size, link});
  }

  // Lists one directory: its files into `out`, the directories to walk
  // into `subdirs`. False when the directory cannot be opened (`ec` says why).
  bool list(const fs::path &dir, Found &out, std::vector<fs::path> &subdirs, std::error_code &ec) const {
    fs::directory_iterator it(dir, ec), end;
    if (ec) return false;
    for (; it != end; it.increment(ec)) {
      const fs::path &p = it->path();
      std::error_code sec;
      // The entry's type comes from the directory listing where the file
      // system gives it, so these two ask the kernel nothing more.
      if (it->is_symlink(sec)) {
        // Follow a link only to a regular file inside the root; never into
        // directories (loops) or out of the scanned tree.
        fs::path target = fs::canonical(p, sec);
        if (sec) {
          const bool loop = sec == std::errc::too_many_symbolic_link_levels;
          note(out, p, DiagLevel::Note, loop ? "symlink-loop" : "symlink-broken",
               loop ? "symbolic link loop; skipped"
                    : "symbolic link to nothing (" + sec.message() + "); skipped");
        } else if (!inside(target, canonical_root_)) {
          note(out, p, DiagLevel::Note, "symlink-outside",
               "symbolic link leads outside the scan root; skipped");
        } else if (!fs::is_directory(target, sec)) {
          consider(out, p, root_path_, true);
        }
        continue;
      }
      if (it->is_directory(sec)) {
        const std::string name = p.filename().string();
        if (std::find(opts_.exclude_dirs.begin(), opts_.exclude_dirs.end(), name) == opts_.exclude_dirs.end())
          subdirs.push_back(p);
        continue;
      }
      consider(out, p, root_path_, false);
    }
    if (ec) {
      note(out, dir, DiagLevel::Warning, "unreadable",
           "cannot list this directory (" + ec.message() + "); the rest of it is skipped");
      ec.clear();
    }
    return true;
  }

  // Lists one directory below the root, found by the walk (a directory
  // that cannot be read costs only itself: recursive_directory_iterator
  // would end the whole walk on it, or skip it without a word).
  void walk_one(const fs::path &dir, Found &out, std::vector<fs::path> &subdirs) const {
    std::error_code ec;
    if (!list(dir, out, subdirs, ec))
      note(out, dir, DiagLevel::Warning, "unreadable",
           "cannot read this directory (" + ec.message() + "); skipped");
  }

 private:
  const DiscoveryOptions &opts_;
  fs::path root_path_, canonical_root_;
};

}  // namespace

Discovery discover(const std::string &root, const DiscoveryOptions &opts) {
  Discovery out;
  std::error_code ec;
  fs::path root_path = fs::absolute(root, ec).lexically_normal();
  if (ec) throw std::runtime_error(root + ": " + ec.message());
  auto status = fs::status(root_path, ec);
  if (ec || !fs::exists(status)) throw std::runtime_error(root + ": no such file or directory");
  fs::path canonical_root = fs::weakly_canonical(root_path, ec);
  const Walker walker(opts, root_path, canonical_root);

  Found top;
  if (!fs::is_directory(status)) {
    out.root_abs = root_path.parent_path().string();
    out.file_root = true;
    walker.consider(top, root_path, root_path.parent_path(),
                    fs::is_symlink(fs::symlink_status(root_path, ec)));
    out.files = std::move(top.files);
    out.diagnostics = std::move(top.diagnostics);
    out.ignored = top.ignored;
    return out;
  }
  out.root_abs = root_path.string();
  // The root's own listing first (a root that cannot be read is an error),
  // then the directories below, listed by `opts.jobs` threads that take
  // them as they are found (a deep part of the tree is shared out, not left
  // to one thread); each thread keeps what it finds, and the joined lists
  // are sorted below.
  std::vector<fs::path> subdirs;
  if (!walker.list(root_path, top, subdirs, ec)) throw std::runtime_error(root + ": " + ec.message());
  const unsigned jobs = std::max(1u, opts.jobs);
  std::vector<Found> parts(jobs);
  parallel_worklist(std::move(subdirs), jobs,
                    [&](unsigned w, const fs::path &dir, std::vector<fs::path> &more) {
                      walker.walk_one(dir, parts[w], more);
                    });
  out.files = std::move(top.files);
  out.diagnostics = std::move(top.diagnostics);
  out.ignored = top.ignored;
  for (Found &part : parts) {
    std::move(part.files.begin(), part.files.end(), std::back_inserter(out.files));
    std::move(part.diagnostics.begin(), part.diagnostics.end(), std::back_inserter(out.diagnostics));
    out.ignored += part.ignored;
  }
  std::sort(out.files.begin(), out.files.end(),
            [](const SourceFile &a, const SourceFile &b) { return a.rel_path < b.rel_path; });
  std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(),
                   [](const FileDiagnostic &a, const FileDiagnostic &b) { return a.path < b.path; });
  return out;
}

SizeLimit size_limit_for(Syntax syntax, uint64_t max_file_size, uint64_t max_hcl_file_size) {
  if (syntax == Syntax::Hcl && max_hcl_file_size < max_file_size)
    return SizeLimit{max_hcl_file_size, "--max-hcl-file-size"};
  return SizeLimit{max_file_size, "--max-file-size"};
}

std::string size_limit_message(uint64_t size, const SizeLimit &limit) {
  return "file is " + std::to_string(size) + " bytes, over the " + std::to_string(limit.bytes) +
         "-byte limit" + (std::string_view(limit.option) == "--max-file-size" ? "" : " for HCL files") +
         " (" + limit.option + "); skipped";
}

}  // namespace clause
