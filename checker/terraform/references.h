#pragma once
// The references graph between evaluated Terraform resources. A link goes
// from a resource to each resource its attributes refer to:
//   - by reference: `bucket = aws_s3_bucket.b.id` (any attribute of the
//     resource; through locals, variables and module outputs too, since
//     evaluation carries the referenced address in the unknown value);
//     `aws_s3_bucket.b[*]` links every instance; a reference whose instance
//     key is not known links every instance, uncertainly;
//   - by name: a known string equal to the name of a resource that is
//     commonly referred to by name (`bucket = "logs"` and an aws_s3_bucket
//     whose `bucket` is "logs"; aws_db_instance.identifier,
//     aws_rds_cluster.cluster_identifier, aws_dynamodb_table.name,
//     aws_efs_file_system.creation_token, google_storage_bucket.name).
// A link goes to a group (its address, every instance of a counted
// resource, the resources of one type sharing a name) and is resolved to
// resources only when queried: k same-named buckets, or k instances a splat
// refers to, are k links, not k².
// An attribute whose value is unknown and names no resource is an open link:
// it may refer to any resource of its module instance (ResourceReferences).
// This is what joins provider v4+ split resources (aws_s3_bucket_versioning,
// ..._server_side_encryption_configuration, ..._lifecycle_configuration,
// ..._logging, ..._public_access_block, ..._replication_configuration,
// ..._object_lock_configuration) to their bucket, and aws_backup_selection's
// `resources` to the databases and file systems it protects.
#include <cstdint>
#include <vector>

#include "checker/project/project.h"

namespace clause::tf {

// `module_instance[i]`: the module instance of resources[i] (resources of
// other formats: any number no Terraform resource uses). `jobs`: threads
// for walking the bodies (the graph is the same for any).
ResourceReferences build_references(const std::vector<Resource> &resources,
                                    std::vector<uint32_t> module_instance, unsigned jobs = 1);

// The address without its last instance key: "aws_s3_bucket.b[0]" ->
// "aws_s3_bucket.b" (unchanged when it has none).
std::string_view address_base(std::string_view address);

}  // namespace clause::tf
