#pragma once
// Generated inputs for the benchmarks: realistic Terraform, CloudFormation
// and Kubernetes files of a chosen size, deterministic for a given index,
// and a whole repository of them on disk (the pre-commit benchmark).
#include <cstddef>
#include <string>

namespace clause::bench {

// A Terraform file of `resources` resources (S3 buckets, databases, log
// groups, instances) with tags, nested blocks, references and templates.
std::string terraform_file(size_t resources, size_t seed = 0);
// A CloudFormation template in YAML (short-form intrinsics) or JSON.
std::string cloudformation_yaml(size_t resources, size_t seed = 0);
std::string cloudformation_json(size_t resources, size_t seed = 0);
// A multi-document stream of Kubernetes Deployments and Services.
std::string kubernetes_yaml(size_t documents, size_t seed = 0);

// Writes `files` files into `dir` (created): Terraform modules in
// directories of ten files, CloudFormation and Kubernetes files, as a
// mid-sized repository is laid out. Returns the number of bytes written.
size_t write_repository(const std::string &dir, size_t files);

}  // namespace clause::bench
