#include "parsers/terraform/tf_json.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clause {
namespace {

constexpr std::string_view kCommentKey = "//";

struct BlockKind {
  std::string_view type;
  size_t labels;
};

constexpr BlockKind kBlockKinds[] = {
    {"resource", 2}, {"data", 2},   {"module", 1},    {"variable", 1}, {"output", 1}, {"provider", 1},
    {"check", 1},    {"locals", 0}, {"terraform", 0}, {"moved", 0},    {"import", 0}, {"removed", 0},
};

const BlockKind *block_kind(std::string_view key) {
  for (const auto &k : kBlockKinds)
    if (k.type == key) return &k;
  return nullptr;
}

// 0: plain text; 1: text with escapes only; 2: a template.
int template_kind(std::string_view s) {
  int kind = 0;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    char c = s[i];
    if (c != '$' && c != '%') continue;
    if (s[i + 1] == '{') return 2;
    if (s[i + 1] == c && i + 2 < s.size() && s[i + 2] == '{') {
      kind = 1;
      i += 2;
    }
  }
  return kind;
}

std::string unescape_template(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if ((c == '$' || c == '%') && i + 2 < s.size() && s[i + 1] == c && s[i + 2] == '{') {
      out += c;
      out += '{';
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

Node convert_value(const Node &n) {
  switch (n.kind) {
    case NodeKind::String: return terraform_json_string(n);
    case NodeKind::List: {
      Node out = Node::make_list(n.span);
      out.items.reserve(n.items.size());
      for (const auto &item : n.items) out.items.push_back(convert_value(item));
      return out;
    }
    case NodeKind::Map: {
      Node out = Node::make_map(n.span);
      out.entries.reserve(n.entries.size());
      for (const auto &e : n.entries) out.add(e.key, convert_value(e.value), e.key_span);
      return out;
    }
    default: return n;
  }
}

Span join(const Span &from, const Span &to) {
  Span s = from;
  s.end_line = to.end_line;
  s.end_col = to.end_col;
  s.end_offset = to.end_offset;
  return s;
}

class Converter {
 public:
  explicit Converter(Document &doc) : doc_(doc) {}

  void run(const Node &root) {
    if (!root.is_map()) {
      warn("a Terraform JSON file holds an object at the top level", root.span);
      return;
    }
    for (const auto &e : root.entries) {
      if (e.key == kCommentKey) {
        comment(e);
        continue;
      }
      const BlockKind *kind = block_kind(e.key);
      if (!kind) continue;  // not a block type Terraform knows; nothing to model
      labels_.clear();
      collect(e.value, *kind, kind->labels, e.key_span);
    }
  }

 private:
  // `value` sits at label level `left` (0: a body). An array stands for
  // repeated objects at the same level.
  void collect(const Node &value, const BlockKind &kind, size_t left, const Span &header) {
    if (value.is_list()) {
      for (const auto &item : value.items) collect(item, kind, left, header);
      return;
    }
    if (!value.is_map()) {
      warn("\"" + std::string(kind.type) + "\" expects an object here; this part is skipped", value.span);
      return;
    }
    if (left == 0) {
      emit(value, kind, header);
      return;
    }
    for (const auto &e : value.entries) {
      if (e.key == kCommentKey) {
        comment(e);
        continue;
      }
      labels_.push_back(e.key);
      collect(e.value, kind, left - 1, e.key_span);
      labels_.pop_back();
    }
  }

  void emit(const Node &body, const BlockKind &kind, const Span &header) {
    Block b;
    b.type = std::string(kind.type);
    b.labels = labels_;
    b.header = header;
    b.span = join(header, body.span);
    b.body = Node::make_map(body.span);
    b.body.from_block = true;
    b.body.entries.reserve(body.entries.size());
    for (const auto &e : body.entries) {
      if (e.key == kCommentKey) {
        comment(e);
        continue;
      }
      b.body.add(e.key, convert_value(e.value), e.key_span);
    }
    doc_.blocks.push_back(std::move(b));
  }

  void comment(const MapEntry &e) {
    std::string text = "//";
    if (e.value.is_string()) {
      text += ' ';
      text += e.value.text;
    }
    doc_.comments.push_back(Comment{join(e.key_span, e.value.span), std::move(text)});
  }

  void warn(std::string message, const Span &at) {
    doc_.diagnostics.push_back(Diagnostic{DiagLevel::Warning, "tf-json-structure", std::move(message), at});
  }

  Document &doc_;
  std::vector<std::string> labels_;
};

}  // namespace

Node terraform_json_string(const Node &string_node) {
  switch (template_kind(string_node.text)) {
    case 2: return Node::make_expression(string_node.text, string_node.span);
    case 1: return Node::make_string(unescape_template(string_node.text), string_node.span);
    default: return string_node;
  }
}

void terraform_json_blocks(Document &doc) {
  if (doc.roots.empty()) return;  // empty file or parse error: already reported
  Converter(doc).run(doc.roots.front());
}

}  // namespace clause
