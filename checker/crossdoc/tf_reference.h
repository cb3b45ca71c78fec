#pragma once
// The managed Terraform resources a value refers to, read from the
// expression structure the HCL parser keeps (`aws_s3_bucket.b.arn`,
// `aws_subnet.a[0].id`, `aws_subnet.a[*].id`, references inside templates,
// lists and function calls) and from the reference unknowns that
// Terraform evaluation leaves in evaluated bodies.
#include <string>
#include <vector>

#include "checker/model/node.h"

namespace clause::crossdoc {

struct TfReference {
  // "aws_s3_bucket.b", with an instance key when the expression selects one
  // ("aws_subnet.a[0]", "[*]" for every instance, "[?]" for a key not known)
  // and, after evaluation, a module prefix ("module.m.aws_s3_bucket.b").
  std::string address;
  std::string attribute;  // the attribute read from it ("arn", "id"), "" when none
};

std::vector<TfReference> tf_references(const Node &value);

// The address without a trailing instance key ("aws_subnet.a[0]" ->
// "aws_subnet.a").
std::string address_without_key(const std::string &address);

}  // namespace clause::crossdoc
