#include "checker/discovery/discover.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace clause {
namespace fs = std::filesystem;

namespace {

bool ends_with(const std::string &s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string generic_relative(const fs::path &p, const fs::path &base) {
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

Discovery discover(const std::string &root, const DiscoveryOptions &opts) {
  Discovery out;
  std::error_code ec;
  fs::path root_path = fs::absolute(root, ec).lexically_normal();
  if (ec) throw std::runtime_error(root + ": " + ec.message());
  auto status = fs::status(root_path, ec);
  if (ec || !fs::exists(status)) throw std::runtime_error(root + ": no such file or directory");
  fs::path canonical_root = fs::weakly_canonical(root_path, ec);

  auto consider = [&](const fs::path &p, const fs::path &base) {
    if (opts.exclude && opts.exclude(p.string())) {
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
          rel, Diagnostic{DiagLevel::Warning, "unreadable", "cannot read this file; skipped", {}}});
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
    if (size > opts.max_file_size) {
      out.diagnostics.push_back(
          FileDiagnostic{rel, Diagnostic{DiagLevel::Warning,
                                         "skipped-size",
                                         "file is " + std::to_string(size) + " bytes, over the " +
                                             std::to_string(opts.max_file_size) + "-byte limit; skipped",
                                         {}}});
      return;
    }
    out.files.push_back(SourceFile{p.string(), rel, syntax, hint, size});
  };

  if (!fs::is_directory(status)) {
    out.root_abs = root_path.parent_path().string();
    consider(root_path, root_path.parent_path());
    return out;
  }
  out.root_abs = root_path.string();
  fs::recursive_directory_iterator it(root_path, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) throw std::runtime_error(root + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) {
      ec.clear();
      continue;
    }
    const fs::directory_entry &entry = *it;
    const fs::path &p = entry.path();
    std::string name = p.filename().string();
    std::error_code sec;
    if (entry.is_symlink(sec)) {
      // Follow a link only to a regular file inside the root; never into
      // directories (loops) or out of the scanned tree.
      fs::path target = fs::weakly_canonical(p, sec);
      std::string rel = generic_relative(p, root_path);
      if (sec || !inside(target, canonical_root)) {
        out.diagnostics.push_back(
            FileDiagnostic{rel, Diagnostic{DiagLevel::Note,
                                           "symlink-outside",
                                           "symbolic link leads outside the scan root; skipped",
                                           {}}});
        continue;
      }
      if (fs::is_directory(target, sec)) continue;
      consider(p, root_path);
      continue;
    }
    if (entry.is_directory(sec)) {
      if (std::find(opts.exclude_dirs.begin(), opts.exclude_dirs.end(), name) != opts.exclude_dirs.end())
        it.disable_recursion_pending();
      continue;
    }
    consider(p, root_path);
  }
  std::sort(out.files.begin(), out.files.end(),
            [](const SourceFile &a, const SourceFile &b) { return a.rel_path < b.rel_path; });
  std::sort(out.diagnostics.begin(), out.diagnostics.end(),
            [](const FileDiagnostic &a, const FileDiagnostic &b) { return a.path < b.path; });
  return out;
}

}  // namespace clause
