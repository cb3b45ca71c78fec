#include "checker/catalogue/tag_properties.h"

namespace clause::catalogue {

const std::vector<TagProperty> &tag_properties() {
  using enum TagShape;
  static const std::vector<TagProperty> kRows = {
      // AWS: the resource's own tags first, then tags_all (the provider's
      // default_tags merged in; see checker/terraform/default_tags.cpp).
      {DocKind::Terraform, ProviderFamily::Aws, "", "tags", Map},
      {DocKind::Terraform, ProviderFamily::Aws, "", "tags_all", Map},
      {DocKind::Terraform, ProviderFamily::Aws, "aws_autoscaling_group", "tag", KeyValueBlocks},
      {DocKind::Terraform, ProviderFamily::Azure, "", "tags", Map},
      {DocKind::Terraform, ProviderFamily::Google, "", "labels", Map},
      {DocKind::Terraform, ProviderFamily::Google, "", "resource_labels", Map},
      {DocKind::Terraform, ProviderFamily::Google, "", "user_labels", Map},
      {DocKind::Terraform, ProviderFamily::Google, "google_sql_database_instance", "settings.user_labels",
       Map},
      {DocKind::CloudFormation, ProviderFamily::Other, "", "Properties.Tags", KeyValueList},
      {DocKind::CloudFormation, ProviderFamily::Other, "AWS::EFS::FileSystem", "Properties.FileSystemTags",
       KeyValueList},
      {DocKind::CloudFormation, ProviderFamily::Other, "AWS::DynamoDB::GlobalTable",
       "Properties.Replicas.*.Tags", KeyValueList},
      {DocKind::Kubernetes, ProviderFamily::Other, "", "metadata.labels", Map},
  };
  return kRows;
}

}  // namespace clause::catalogue
