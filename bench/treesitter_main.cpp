// `clause_bench_treesitter [-list FILE] [FILE...]`: tree-sitter-hcl's own
// cost, without clause around it: the floor of clause's HCL parse.
//
// Every file is read into memory first; then each is parsed with
// ts_parser_parse_string (one parser for all files) and its tree deleted,
// each step timed on the process's CPU clock. The trees are walked once more,
// untimed, to count their nodes and leaves (tokens). One line on stdout:
//
//   files=N bytes=B nodes=X tokens=T errors=E parse_cpu_s=S delete_cpu_s=D
//
// errors counts the trees with an ERROR or MISSING node.
#include <tree_sitter/api.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "parsers/hcl/ts_children.h"

extern "C" const TSLanguage *tree_sitter_hcl(void);

namespace {

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Nodes and leaves of a tree, with the parser's own cursor walk.
void count(TSNode root, size_t &nodes, size_t &leaves) {
  clause::hcl::preorder(root, [&](TSNode n) {
    ++nodes;
    if (ts_node_child_count(n) == 0) ++leaves;
    return clause::hcl::Walk::Descend;
  });
}

}  // namespace

int main(int argc, char **argv) {
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-list" && i + 1 < argc) {
      std::ifstream list(argv[++i]);
      if (!list) {
        std::cerr << "clause_bench_treesitter: cannot read " << argv[i] << "\n";
        return 2;
      }
      for (std::string line; std::getline(list, line);)
        if (!line.empty()) paths.push_back(line);
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::cerr << "usage: clause_bench_treesitter [-list FILE] [FILE...]\n";
    return 2;
  }
  std::vector<std::string> sources;
  sources.reserve(paths.size());
  size_t bytes = 0;
  for (const auto &path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cerr << "clause_bench_treesitter: cannot read " << path << "\n";
      return 2;
    }
    sources.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    bytes += sources.back().size();
  }

  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_hcl());
  double parse = 0, remove = 0;
  size_t nodes = 0, tokens = 0, errors = 0;
  for (const auto &src : sources) {
    const double t0 = cpu_seconds();
    TSTree *tree = ts_parser_parse_string(parser, nullptr, src.data(), static_cast<uint32_t>(src.size()));
    const double t1 = cpu_seconds();
    parse += t1 - t0;
    if (!tree) {
      ++errors;
      continue;
    }
    const TSNode root = ts_tree_root_node(tree);
    if (ts_node_has_error(root)) ++errors;
    count(root, nodes, tokens);
    const double t2 = cpu_seconds();
    ts_tree_delete(tree);
    remove += cpu_seconds() - t2;
  }
  ts_parser_delete(parser);
  std::printf("files=%zu bytes=%zu nodes=%zu tokens=%zu errors=%zu parse_cpu_s=%.3f delete_cpu_s=%.3f\n",
              sources.size(), bytes, nodes, tokens, errors, parse, remove);
  return 0;
}
