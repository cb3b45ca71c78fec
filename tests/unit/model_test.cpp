#include <gtest/gtest.h>

#include "checker/model/document.h"
#include "checker/model/node.h"

namespace clause {
namespace {

TEST(Node, MapKeepsOrderAndFindsFirstKey) {
  Node m = Node::make_map();
  m.add("b", Node::make_number(2, "2"));
  m.add("a", Node::make_string("x"));
  m.add("b", Node::make_bool(true));
  ASSERT_EQ(m.entries.size(), 3u);
  EXPECT_EQ(m.entries[0].key, "b");
  ASSERT_NE(m.get("b"), nullptr);
  EXPECT_EQ(m.get("b")->kind, NodeKind::Number);
  EXPECT_EQ(m.get("missing"), nullptr);
}

TEST(Node, ScalarTextFormatsNumbers) {
  EXPECT_EQ(Node::make_number(7, "7.0").scalar_text(), "7");
  EXPECT_EQ(Node::make_number(0.5, "0.5").scalar_text(), "0.5");
  EXPECT_EQ(Node::make_bool(false).scalar_text(), "false");
}

TEST(Document, LineTextStripsCarriageReturn) {
  Document d;
  d.source = "a = 1\r\nb = 2\nlast";
  EXPECT_EQ(d.line_text(1), "a = 1");
  EXPECT_EQ(d.line_text(2), "b = 2");
  EXPECT_EQ(d.line_text(3), "last");
  EXPECT_EQ(d.line_text(4), "");
}

TEST(Document, LineTextOfASpanUsesItsOffsetWhenTheSourceAgrees) {
  Document d;
  d.source = "a = 1\r\nb = 22\nlast";
  // `22` on line 2: offset 11, column 5.
  EXPECT_EQ(d.line_text(Span{2, 5, 2, 7, 11, 13}), "b = 22");
  EXPECT_EQ(d.line_text(Span{1, 1, 1, 2, 0, 1}), "a = 1");
  EXPECT_EQ(d.line_text(Span{3, 2, 3, 3, 15, 16}), "last");
  // An offset that does not sit after a line break (or a column of 0, or an
  // offset past the end) falls back to the line number.
  EXPECT_EQ(d.line_text(Span{3, 1, 3, 2, 9, 10}), "last");
  EXPECT_EQ(d.line_text(Span{2, 0, 2, 1, 7, 8}), "b = 22");
  EXPECT_EQ(d.line_text(Span{2, 1, 2, 1, 400, 401}), "b = 22");
  EXPECT_EQ(d.line_text(Span{1, 3, 1, 4, 1, 2}), "a = 1");
  EXPECT_EQ(d.line_text(Span{}), "");
}

TEST(Document, LineTextOfALongLineIsItsFirstSnippetBytes) {
  Document d;
  const std::string exact(512, 'a'), longer(513, 'b'), huge(100000, 'c');
  d.source = exact + "\r\n" + longer + "\r\n" + std::string(511, 'd') + "\xc3\xa9" + "\n" + huge;
  EXPECT_EQ(d.line_text(1), exact);  // the carriage return stripped
  EXPECT_EQ(d.line_text(2), std::string(512, 'b'));
  EXPECT_EQ(d.line_text(3), std::string(511, 'd'));  // never half of a UTF-8 sequence
  EXPECT_EQ(d.line_text(4), std::string(512, 'c'));
  const uint32_t line4 = static_cast<uint32_t>(d.source.size() - huge.size());
  EXPECT_EQ(d.line_text(Span{4, 7, 4, 8, line4 + 6, line4 + 7}), std::string(512, 'c'));
}

}  // namespace
}  // namespace clause
