// Scenario 5.14 (transfer): every exportable data category leaves in an
// open format, and only data that is not the customer's stays behind.
#include <cctype>

#include "checker/model/ascii.h"
#include "checker/rules/agreement/agreement_check.h"

namespace clause::agreement {
namespace {

// CL-1440 xfer.formats: export formats exist, are open, and cover every
// exportable data category.
void formats(const NativeCheckContext &ctx) {
  std::vector<std::string> open_types;
  for (const auto &t : param_strings(ctx, "openMediaTypes")) open_types.push_back(ascii_lower(t));
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute list = read_attribute(&r.root(), "dataManagement.portability.formats", kPlainMaps);
    if (list.items().empty()) {
      if (!list.present() || list.is_list())
        r.at_path("dataManagement.portability.formats",
                  "the agreement names no export format (dataManagement.portability.formats)");
      return;
    }
    std::vector<std::string> covered;
    for (const Node &format : list.items()) {
      covered.push_back(read_entry(&format, "dataCategory", kPlainMaps).text());
      Attribute media = read_entry(&format, "mediaType", kPlainMaps);
      if (!media.present()) {
        r.at(read_attribute(&format, "", kPlainMaps), "an export format has no mediaType");
      } else if (!contains(open_types, ascii_lower(media.text()))) {
        r.at(media, "export format " + quoted(media.text()) +
                        " is not on the list of open, machine-readable formats");
      }
    }
    for (const Node &cat : read_attribute(&r.root(), "dataManagement.categories", kPlainMaps).items()) {
      Attribute exportable = read_entry(&cat, "exportable", kPlainMaps);
      std::string id = read_entry(&cat, "id", kPlainMaps).text();
      if (is_true(exportable) && !id.empty() && !contains(covered, id))
        r.at(exportable, "data category " + quoted(id) + " is exportable but has no export format");
    }
  });
}

// CL-1444 xfer.exclusions-justified: excluded data has a reason, is a
// known category, and is not data the agreement calls exportable.
void exclusions_justified(const NativeCheckContext &ctx) {
  for_each_agreement(ctx, [&](const AgreementReporter &r) {
    Attribute categories = read_attribute(&r.root(), "dataManagement.categories", kPlainMaps);
    for (const Node &ex : read_attribute(&r.root(), "termination.excludedData", kPlainMaps).items()) {
      Attribute category = read_entry(&ex, "category", kPlainMaps);
      if (!category.present() || read_entry(&ex, "reason", kPlainMaps).text().empty()) {
        r.at(read_attribute(&ex, "", kPlainMaps),
             "excluded data " + (category.present() ? quoted(category.text()) + " " : std::string()) +
                 "needs both a category and a reason");
        continue;
      }
      const Node *match = nullptr;
      for (const Node &cat : categories.items())
        if (read_entry(&cat, "id", kPlainMaps).text() == category.text()) match = &cat;
      if (!match) {
        r.at(category,
             "excluded data " + quoted(category.text()) + " is not a category of dataManagement.categories");
      } else if (is_true(read_entry(match, "exportable", kPlainMaps))) {
        r.at(category, "excluded data " + quoted(category.text()) +
                           " is marked exportable in dataManagement.categories; only data that is not the "
                           "customer's may be held back");
      }
    }
  });
}

const NativeCheckRegistrar kFormats("CL-1440", formats);
const NativeCheckRegistrar kExclusionsJustified("CL-1444", exclusions_justified);

}  // namespace
}  // namespace clause::agreement
