#pragma once
// Finds the files of a scan root: a deterministic, sorted list of candidate
// inputs with the syntax to parse them with. Never follows a symlink out of
// the root; skips FIFOs, devices, sockets, tool caches and oversized files
// (each skip that a user would want to know about becomes a diagnostic).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "checker/model/document.h"
#include "checker/model/report.h"
#include "parsers/parse_options.h"

namespace clause {

enum class Syntax : uint8_t { Hcl, Json, Yaml };

struct SourceFile {
  std::string abs_path;
  std::string rel_path;  // relative to the root, '/'-separated
  Syntax syntax = Syntax::Hcl;
  DocKind kind_hint = DocKind::Unknown;  // set when the name decides (.tf, .tfvars)
  uint64_t size = 0;
  // The path's last part is a symbolic link (to a regular file inside the
  // root: discovery follows no other link, so no other part of it is one).
  bool link = false;
};

struct DiscoveryOptions {
  uint64_t max_file_size = limits::kMaxFileSize;
  uint64_t max_hcl_file_size = limits::kMaxHclFileSize;  // at most max_file_size applies
  std::vector<std::string> exclude_dirs = {".git", ".terraform", ".terragrunt-cache", "node_modules"};
  // Files to leave out (configured excludes), asked with the file's absolute
  // path; an excluded file counts as ignored.
  std::function<bool(const std::string &abs_path)> exclude;
  // Threads walking the tree (the root's directories side by side); the
  // result does not depend on it.
  unsigned jobs = 1;
};

struct Discovery {
  std::string root_abs;    // the directory URIs are relative to (a file root: its parent)
  bool file_root = false;  // the root named a file, not a directory
  std::vector<SourceFile> files;
  std::vector<FileDiagnostic> diagnostics;
  size_t ignored = 0;  // files whose name says they are not an input
};

// `root` may be a directory or a single file. Throws std::runtime_error when
// the root itself does not exist or cannot be read.
Discovery discover(const std::string &root, const DiscoveryOptions &opts);

// The size limit of a file of `syntax` (HCL: the smaller of the two), and
// the option that sets it.
struct SizeLimit {
  uint64_t bytes = limits::kMaxFileSize;
  const char *option = "--max-file-size";
};
SizeLimit size_limit_for(Syntax syntax, uint64_t max_file_size, uint64_t max_hcl_file_size);

// The text of a `skipped-size` diagnostic (discovery and the loader agree).
std::string size_limit_message(uint64_t size, const SizeLimit &limit);

// The syntax a file name implies, if any.
bool syntax_for_name(const std::string &name, Syntax &syntax, DocKind &hint);

}  // namespace clause
