// `clause_bench_repo DIR FILES`: writes a generated repository of FILES
// files (Terraform modules, CloudFormation, Kubernetes) for the pre-commit
// benchmark in scripts/bench.
#include <cstdlib>
#include <iostream>

#include "bench/inputs.h"

int main(int argc, char **argv) {
  if (argc != 3) {
    std::cerr << "usage: clause_bench_repo DIR FILES\n";
    return 2;
  }
  size_t bytes = clause::bench::write_repository(argv[1], std::strtoul(argv[2], nullptr, 10));
  std::cout << bytes << "\n";
  return 0;
}
