#include "checker/terraform/module_tree.h"

#include <algorithm>
#include <set>

namespace clause::tf {
namespace {

std::string base_name(const std::string &path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool ends_with(const std::string &s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// 0: terraform.tfvars, 1: terraform.tfvars.json, 2: *.auto.tfvars(.json), -1: not loaded automatically.
int auto_var_file_rank(const std::string &name) {
  if (name == "terraform.tfvars") return 0;
  if (name == "terraform.tfvars.json") return 1;
  if (ends_with(name, ".auto.tfvars") || ends_with(name, ".auto.tfvars.json")) return 2;
  return -1;
}

void add_block(ModuleDir &dir, const Document &doc, const Block &b) {
  if (b.type == "variable" && b.labels.size() == 1) {
    dir.variables.emplace(b.labels[0], Declared{&doc, &b, b.body.get("default"), b.header});
  } else if (b.type == "output" && b.labels.size() == 1) {
    dir.outputs.emplace(b.labels[0], Declared{&doc, &b, b.body.get("value"), b.header});
  } else if (b.type == "locals") {
    for (const auto &e : b.body.entries)
      dir.locals.emplace(e.key, Declared{&doc, nullptr, &e.value, e.key_span});
  } else if (b.type == "resource" && b.labels.size() == 2) {
    dir.resources.push_back(Declared{&doc, &b, nullptr, b.header});
  } else if (b.type == "provider" && b.labels.size() == 1) {
    dir.providers.push_back(Declared{&doc, &b, nullptr, b.header});
  } else if (b.type == "terraform") {
    if (b.body.get("backend") || b.body.get("cloud")) dir.keeps_state = true;
  } else if (b.type == "module" && b.labels.size() == 1) {
    ModuleCall call;
    call.name = b.labels[0];
    call.doc = &doc;
    call.block = &b;
    const Node *source = b.body.get("source");
    if (source && source->is_string()) {
      call.source = source->text;
      call.local = call.source.rfind("./", 0) == 0 || call.source.rfind("../", 0) == 0 ||
                   call.source == "." || call.source == "..";
    }
    dir.calls.push_back(std::move(call));
  }
}

}  // namespace

std::string directory_of(const std::string &path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

bool join_module_path(const std::string &base, const std::string &relative, std::string &out) {
  std::vector<std::string> parts;
  auto push_segments = [&](const std::string &p) {
    size_t pos = 0;
    while (pos <= p.size()) {
      size_t slash = p.find('/', pos);
      std::string seg = p.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
      pos = slash == std::string::npos ? p.size() + 1 : slash + 1;
      if (seg.empty() || seg == ".") continue;
      if (seg == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
        continue;
      }
      parts.push_back(std::move(seg));
    }
    return true;
  };
  if (!push_segments(base) || !push_segments(relative)) return false;
  out.clear();
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '/';
    out += parts[i];
  }
  return true;
}

ModuleTree build_module_tree(const std::vector<DocumentPtr> &documents) {
  ModuleTree tree;
  std::map<std::string, std::vector<std::pair<int, const Document *>>> var_files;
  for (const auto &doc : documents) {
    std::string dir = directory_of(doc->path);
    if (doc->kind == DocKind::Terraform) {
      ModuleDir &m = tree.dirs[dir];
      m.path = dir;
      m.docs.push_back(doc.get());
      for (const auto &b : doc->blocks) add_block(m, *doc, b);
    } else if (doc->kind == DocKind::TerraformVars) {
      int rank = auto_var_file_rank(base_name(doc->path));
      if (rank >= 0) var_files[dir].emplace_back(rank, doc.get());
    }
  }
  for (auto &[dir, files] : var_files) {
    auto it = tree.dirs.find(dir);
    if (it == tree.dirs.end()) continue;
    std::stable_sort(files.begin(), files.end(), [](const auto &a, const auto &b) {
      return a.first != b.first ? a.first < b.first : a.second->path < b.second->path;
    });
    for (const auto &f : files) it->second.auto_var_files.push_back(f.second);
  }
  std::set<std::string> called;
  for (auto &[path, dir] : tree.dirs) {
    for (auto &call : dir.calls) {
      std::string target;
      if (!call.local || !join_module_path(path, call.source, target) || !tree.dirs.count(target)) continue;
      call.target_dir = target;
      call.resolved = true;
      if (target != path) called.insert(target);
    }
  }
  for (const auto &[path, dir] : tree.dirs)
    if (!called.count(path)) tree.roots.push_back(path);
  return tree;
}

}  // namespace clause::tf
