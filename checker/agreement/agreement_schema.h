#pragma once
// The shape of an agreement as docs/schema/cloud-service-agreement.schema.json
// describes it (the file is embedded in the binary, so there is one source of
// truth). Only the structural part is interpreted here: property names, JSON
// types, list items, `$defs` value types and enumerations. Value syntax
// (durations, percentages, dates) and meaning are left to the agreement rules.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/model/node.h"

namespace clause::agreement {

inline constexpr std::string_view kAgreementApiVersion = "clause/v1alpha1";
inline constexpr std::string_view kAgreementKind = "CloudServiceAgreement";

// A field the schema knows, met while walking a document.
struct SchemaField {
  const Node &value;
  const MapEntry *entry = nullptr;       // nullptr for list items
  std::string path;                      // "termination.dataRetrievalPeriod", "parties[0].role"
  std::string value_type;                // `$defs` name ("duration", "percent", "date", ...) or ""
  std::vector<std::string> enum_values;  // when the schema fixes the allowed values
};

// Calls `fn` for every value the schema describes, containers included, in
// document order. Keys starting with `x-`, keys the schema does not know and
// values under free-form maps are skipped.
void for_each_schema_field(const Node &root, const std::function<void(const SchemaField &)> &fn);

// A structural problem: an unknown key (with a hint where it belongs), a
// container or scalar of the wrong JSON type, an unsupported apiVersion.
struct ShapeProblem {
  Span span;
  std::string message;
};
std::vector<ShapeProblem> check_agreement_shape(const Node &root);

}  // namespace clause::agreement
