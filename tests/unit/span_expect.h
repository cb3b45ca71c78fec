#pragma once
// Test helper: compare a Span with start line/column and (exclusive) end
// line/column, all 1-based.
#include <gtest/gtest.h>

#include "checker/model/location.h"

namespace clause::testing_support {

inline void expect_span(const Span &s, uint32_t l1, uint32_t c1, uint32_t l2, uint32_t c2) {
  EXPECT_EQ(s.start_line, l1);
  EXPECT_EQ(s.start_col, c1);
  EXPECT_EQ(s.end_line, l2);
  EXPECT_EQ(s.end_col, c2);
}

}  // namespace clause::testing_support
