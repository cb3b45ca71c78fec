#include "checker/project/terraform_resources.h"

namespace clause {

void terraform_resources(const Document &doc, std::vector<Resource> &out) {
  for (const auto &block : doc.blocks) {
    if (block.type != "resource" || block.labels.size() != 2) continue;
    Resource r;
    r.type = block.labels[0];
    r.name = block.labels[1];
    r.address = r.type + "." + r.name;
    r.provider = provider_family_of_terraform_type(r.type);
    r.format = DocKind::Terraform;
    r.document = &doc;
    r.span = block.header;
    r.body = &block.body;
    out.push_back(std::move(r));
  }
}

}  // namespace clause
