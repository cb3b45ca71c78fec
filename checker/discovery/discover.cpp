#include "checker/discovery/discover.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

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

Discovery discover(const std::string &root, const DiscoveryOptions &opts) {
  Discovery out;
  std::error_code ec;
  fs::path root_path = fs::absolute(root, ec).lexically_normal();
  if (ec) throw std::runtime_error(root + ": " + ec.message());
  auto status = fs::status(root_path, ec);
  if (ec || !fs::exists(status)) throw std::runtime_error(root + ": no such file or directory");
  fs::path canonical_root = fs::weakly_canonical(root_path, ec);

  auto note = [&](const fs::path &p, DiagLevel level, const char *code, std::string message) {
    out.diagnostics.push_back(
        FileDiagnostic{generic_relative(p, root_path), Diagnostic{level, code, std::move(message), {}}});
  };

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
    const SizeLimit limit = size_limit_for(syntax, opts.max_file_size, opts.max_hcl_file_size);
    if (size > limit.bytes) {
      out.diagnostics.push_back(FileDiagnostic{
          rel, Diagnostic{DiagLevel::Warning, "skipped-size", size_limit_message(size, limit), {}}});
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
  // An explicit stack of directories rather than recursive_directory_iterator:
  // that one ends the whole walk on the first unreadable directory (or skips
  // it without a word), where one problem should cost only that directory.
  std::vector<fs::path> pending{root_path};
  bool at_root = true;
  while (!pending.empty()) {
    fs::path dir = std::move(pending.back());
    pending.pop_back();
    fs::directory_iterator it(dir, ec), end;
    if (ec) {
      if (at_root) throw std::runtime_error(root + ": " + ec.message());
      note(dir, DiagLevel::Warning, "unreadable",
           "cannot read this directory (" + ec.message() + "); skipped");
      ec.clear();
      continue;
    }
    at_root = false;
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
          note(p, DiagLevel::Note, loop ? "symlink-loop" : "symlink-broken",
               loop ? "symbolic link loop; skipped"
                    : "symbolic link to nothing (" + sec.message() + "); skipped");
        } else if (!inside(target, canonical_root)) {
          note(p, DiagLevel::Note, "symlink-outside", "symbolic link leads outside the scan root; skipped");
        } else if (!fs::is_directory(target, sec)) {
          consider(p, root_path);
        }
        continue;
      }
      if (it->is_directory(sec)) {
        const std::string name = p.filename().string();
        if (std::find(opts.exclude_dirs.begin(), opts.exclude_dirs.end(), name) == opts.exclude_dirs.end())
          pending.push_back(p);
        continue;
      }
      consider(p, root_path);
    }
    if (ec) {
      note(dir, DiagLevel::Warning, "unreadable",
           "cannot list this directory (" + ec.message() + "); the rest of it is skipped");
      ec.clear();
    }
  }
  std::sort(out.files.begin(), out.files.end(),
            [](const SourceFile &a, const SourceFile &b) { return a.rel_path < b.rel_path; });
  std::sort(out.diagnostics.begin(), out.diagnostics.end(),
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
