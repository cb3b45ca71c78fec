#include "checker/agreement/agreement_validator.h"

#include "checker/agreement/agreement_schema.h"

namespace clause {

void validate_agreement(Document &doc) {
  for (const Node &root : doc.roots) {
    const Node *kind = root.get("kind");
    if (!kind || kind->kind != NodeKind::String || kind->text != agreement::kAgreementKind) continue;
    for (auto &problem : agreement::check_agreement_shape(root))
      doc.diagnostics.push_back(
          Diagnostic{DiagLevel::Error, kAgreementSchemaCode, std::move(problem.message), problem.span});
  }
}

}  // namespace clause
