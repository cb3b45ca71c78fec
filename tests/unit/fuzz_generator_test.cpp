// The structure-aware generator of the `terraform` fuzz target
// (tests/fuzz/hcl_generator.h): what it writes parses without a syntax
// error, nests as deep as it is told, and is the same for the same seed.
#include <gtest/gtest.h>

#include <string>

#include "parsers/hcl/hcl_parser.h"
#include "terraform_test_util.h"
#include "tests/fuzz/hcl_generator.h"

namespace clause {
namespace {

using testing_support::parsed_main_tf;

TEST(FuzzGenerator, EveryConfigurationParses) {
  size_t nested_calls = 0, templates = 0, fors = 0, dynamics = 0;
  for (uint64_t seed = 0; seed < 300; ++seed) {
    fuzz::HclGenerator gen(seed);
    const std::string src = gen.configuration();
    Document d = parsed_main_tf(src);
    ASSERT_TRUE(d.diagnostics.empty()) << "seed " << seed << ": " << d.diagnostics[0].message << "\n" << src;
    ASSERT_FALSE(d.blocks.empty());
    EXPECT_EQ(d.blocks[0].type, "variable");
    EXPECT_EQ(d.blocks[1].type, "locals");
    EXPECT_EQ(d.blocks[1].body.entries.size(), 8u);
    nested_calls += src.find("))") != std::string::npos;
    templates += src.find("${") != std::string::npos;
    fors += src.find("[for x in") != std::string::npos;
    dynamics += src.find("dynamic \"d2\"") != std::string::npos;
  }
  // Each shape turns up in a good share of the configurations.
  EXPECT_GT(nested_calls, 100u);
  EXPECT_GT(templates, 100u);
  EXPECT_GT(fors, 50u);
  EXPECT_GT(dynamics, 50u);
}

TEST(FuzzGenerator, SameSeedSameText) {
  EXPECT_EQ(fuzz::HclGenerator(42).configuration(), fuzz::HclGenerator(42).configuration());
  EXPECT_NE(fuzz::HclGenerator(42).configuration(), fuzz::HclGenerator(43).configuration());
}

// A locals block added to a configuration continues its numbering, and
// may read the locals the configuration already has.
TEST(FuzzGenerator, LocalsBlockAppendsToAConfiguration) {
  fuzz::HclGenerator gen(7);
  std::string src = gen.configuration(4);
  src += gen.locals_block(3, 4);
  Document d = parsed_main_tf(src);
  ASSERT_TRUE(d.diagnostics.empty()) << src;
  const Block &extra = d.blocks.back();
  EXPECT_EQ(extra.type, "locals");
  ASSERT_EQ(extra.body.entries.size(), 3u);
  EXPECT_EQ(extra.body.entries[0].key, "l4");
  EXPECT_EQ(extra.body.entries[2].key, "l6");
}

}  // namespace
}  // namespace clause
