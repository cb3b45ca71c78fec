// The rule packs' models encoded at build time (tools/encode_rule_packs)
// are exactly what parsing the embedded YAML gives.
#include "checker/engine/embedded_rule_models.h"

#include <gtest/gtest.h>

#include "checker/cache/document_codec.h"
#include "checker/engine/embedded_files.h"
#include "checker/engine/rule_loader.h"
#include "tests/unit/model_equal.h"

namespace clause {
namespace {

TEST(EmbeddedRuleModels, EveryBuiltInPackHasAModelEqualToItsParse) {
  const auto &files = embedded_rule_files();
  ASSERT_GE(files.size(), 147u);
  for (const EmbeddedFile &file : files) {
    SCOPED_TRACE(std::string(file.path));
    const std::string_view model = embedded_rule_model(file.path);
    ASSERT_FALSE(model.empty());
    Document decoded;
    ASSERT_TRUE(decode_document(model, decoded));
    const DocumentPtr parsed = parse_rule_pack(file.content, std::string(file.path));
    EXPECT_TRUE(parsed->diagnostics.empty());
    EXPECT_EQ(testing::document_difference(decoded, *parsed), "");
  }
}

TEST(EmbeddedRuleModels, APathThatIsNoBuiltInPackHasNone) {
  EXPECT_TRUE(embedded_rule_model("rules/5.9/CL-9999.yaml").empty());
  EXPECT_TRUE(embedded_rule_model("").empty());
  EXPECT_TRUE(embedded_rule_model("zzz").empty());
}

}  // namespace
}  // namespace clause
