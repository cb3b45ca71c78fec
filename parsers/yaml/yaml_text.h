#pragma once
// Lexical helpers for the YAML parser: what yaml-cpp does not tell us.
// yaml-cpp reports only the start mark of each node and drops comments, so
// this layer scans the raw text for comment positions, document boundaries,
// flow nesting depth and the end of each scalar. Internal to parsers/yaml.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "checker/model/location.h"

namespace clause::yaml {

// Maps byte offsets to 1-based line / byte column. Line 1 starts at
// `first_line_start` (after a UTF-8 BOM), so a BOM does not shift columns.
// Only '\n' ends a line, so CRLF files get the same positions as LF files.
class LineIndex {
 public:
  LineIndex(std::string_view text, size_t first_line_start);
  // Span over [begin, end); end_col is exclusive (one past the last byte).
  Span span(size_t begin, size_t end) const;
  uint32_t line_of(size_t offset) const;
  size_t line_start(uint32_t line) const { return starts_[line - 1]; }

 private:
  void locate(size_t offset, uint32_t &line, uint32_t &col) const;
  std::vector<size_t> starts_;
};

// One document of the stream: [begin, end) of the text, to be parsed on its
// own so that an error in one document does not lose the others.
struct Segment {
  size_t begin = 0;
  size_t end = 0;
  // Offset of the first flow bracket nested deeper than the depth limit, or
  // npos. Such a segment is not handed to yaml-cpp at all.
  size_t too_deep_at = std::string_view::npos;
};

// A block scalar whose header carries a local tag: `- !Sub |`. yaml-cpp 0.7
// measures the content's indentation from the tag instead of the sequence
// entry and rejects the usual layout ("end of sequence not found"), so the
// tag is blanked out of the text yaml-cpp reads and applied by us.
struct TaggedBlock {
  size_t tag_begin = 0;
  size_t tag_end = 0;
  size_t header = 0;  // the `|` or `>`
};

struct TextScan {
  std::vector<Segment> segments;
  std::vector<std::pair<size_t, size_t>> comments;  // [begin, end) of each `# ...`
  std::vector<TaggedBlock> tagged_blocks;           // in text order
};

// Scans `text` from `begin` (after any BOM). `max_flow_depth` bounds flow
// nesting ([ and {) per document.
TextScan scan_text(std::string_view text, size_t begin, size_t max_flow_depth);

inline bool is_blank(char c) { return c == ' ' || c == '\t'; }
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Skips spaces, tabs, line breaks and comments from `p`.
size_t skip_space_and_comments(std::string_view text, size_t p);

// `p` at an opening quote: the offset just past the closing quote (or the end
// of the text when unterminated; `*closed` then says false).
size_t skip_double_quoted(std::string_view text, size_t p, bool *closed = nullptr);
size_t skip_single_quoted(std::string_view text, size_t p, bool *closed = nullptr);

struct BlockExtent {
  size_t content_end;  // end of the last non-blank content line (no line break)
  size_t region_end;   // start of the first line after the block scalar
};
// `p` at the `|` or `>` indicator of a block scalar header.
BlockExtent block_scalar_extent(std::string_view text, size_t p);

// Node properties (tags `!x` and anchors `&a`) starting at `p`.
struct Properties {
  size_t end;          // just past the last property (== p when none)
  size_t value_begin;  // the first character of the node's content after them
};
Properties skip_properties(std::string_view text, size_t p);

// The end of a plain scalar starting at `p` whose folded value is `value`:
// matches the value against the text, letting line folding and indentation
// stand for the spaces in the value.
size_t match_plain(std::string_view text, size_t p, std::string_view value);

}  // namespace clause::yaml
