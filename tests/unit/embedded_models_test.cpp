// The models of the embedded YAML files encoded at build time
// (tools/encode_embedded) are exactly what parsing the embedded YAML gives.
#include "checker/engine/embedded_models.h"

#include <gtest/gtest.h>

#include "checker/cache/document_codec.h"
#include "checker/catalogue/provider_catalogue.h"
#include "checker/engine/embedded_files.h"
#include "checker/engine/rule_loader.h"
#include "parsers/yaml/yaml_parser.h"
#include "tests/unit/model_equal.h"

namespace clause {
namespace {

void expect_model_equals_parse(const EmbeddedFile &file, const Document &parsed) {
  SCOPED_TRACE(std::string(file.path));
  const std::string_view model = embedded_model(file.path);
  ASSERT_FALSE(model.empty());
  Document decoded;
  ASSERT_TRUE(decode_document(model, decoded));
  EXPECT_TRUE(parsed.diagnostics.empty());
  EXPECT_EQ(testing::document_difference(decoded, parsed), "");
  const DocumentPtr served = embedded_document(file.content, std::string(file.path));
  EXPECT_EQ(served->path, file.path);
  EXPECT_EQ(served->source, file.content);
  EXPECT_EQ(testing::document_difference(*served, parsed), "");
}

TEST(EmbeddedModels, EveryBuiltInRulePackHasAModelEqualToItsParse) {
  const auto &files = embedded_rule_files();
  ASSERT_GE(files.size(), 147u);
  for (const EmbeddedFile &file : files)
    expect_model_equals_parse(file, *parse_rule_pack(file.content, std::string(file.path)));
}

TEST(EmbeddedModels, TheCatalogueHasAModelEqualToItsParse) {
  const auto &files = embedded_catalogue_files();
  ASSERT_FALSE(files.empty());
  for (const EmbeddedFile &file : files) {
    expect_model_equals_parse(file, *parse_own_yaml(file.content, std::string(file.path)));
    // What the checks read is the same either way.
    const auto from_model =
        catalogue::ProviderCatalogue::from_document(*embedded_document(file.content, std::string(file.path)));
    const auto parsed = catalogue::ProviderCatalogue::parse(file.content, std::string(file.path));
    for (DocKind format : {DocKind::Terraform, DocKind::CloudFormation, DocKind::Kubernetes}) {
      EXPECT_EQ(from_model.expand_alias(format, "@data-stores"), parsed.expand_alias(format, "@data-stores"));
      ASSERT_EQ(from_model.types(format).size(), parsed.types(format).size());
      for (size_t i = 0; i < parsed.types(format).size(); ++i)
        EXPECT_EQ(from_model.types(format)[i].type, parsed.types(format)[i].type);
    }
  }
}

TEST(EmbeddedModels, APathThatIsNoEmbeddedFileHasNone) {
  EXPECT_TRUE(embedded_model("rules/5.9/CL-9999.yaml").empty());
  EXPECT_TRUE(embedded_model("").empty());
  EXPECT_TRUE(embedded_model("zzz").empty());
}

}  // namespace
}  // namespace clause
