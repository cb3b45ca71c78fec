/* Longer template-literal chunks for tree-sitter-hcl.
 *
 * The grammar's external scanner (scanner.c of the npm package, compiled
 * with its entry point renamed to clause_hcl_grammar_scan) returns one
 * `_template_literal_chunk` token per character of a string literal or a
 * heredoc: a syntax node, and a parse step, per byte, so a 1 MiB string cost
 * about 220 MB and 2 s to parse. The grammar's template_literal is
 * repeat1(chunk), so any split of the same text into chunks gives the same
 * tree above the chunks.
 *
 * This entry point lets the grammar's scanner decide every token as before.
 * When that token is a chunk, it extends the chunk over the characters that
 * follow as long as each of them would have been a chunk of its own: any
 * character except those the scanner treats specially (`"` ends a quoted
 * template, `\` starts an escape it validates, `$` and `%` may start an
 * interpolation or a directive) and line ends (after one, a heredoc may
 * close). The chunk then ends where the extension stopped, which is where
 * the grammar's scanner takes over again. Spaces inside a line become part
 * of the chunk instead of padding before the next one, so a literal's node
 * also covers the spaces at its end.
 */
#include <stdbool.h>

#include "parsers/hcl/template_chunks.h"
#include "tree_sitter/parser.h"

bool clause_hcl_grammar_scan(void *payload, TSLexer *lexer, const bool *valid_symbols);
unsigned tree_sitter_hcl_external_scanner_serialize(void *payload, char *buffer);

/* Indexes in the grammar's list of external tokens. */
enum {
  kQuotedTemplateStart = 0,
  kTemplateLiteralChunk = 2,
  kTemplateInterpolationStart = 3,
  kTemplateDirectiveStart = 5,
  kHeredocIdentifier = 7,
};

/* The scanner keeps a stack of the templates it is in (strings,
 * interpolations, directives, heredocs with their markers). tree-sitter
 * saves that stack after every token in at most
 * TREE_SITTER_SERIALIZATION_BUFFER_SIZE bytes, and the grammar saves
 * nothing (an empty stack) when it does not fit: more than 127 templates
 * open at once, about 63 nested "${, or a long heredoc marker. The parse is
 * lost from there on, and tree-sitter's error recovery over deeply nested
 * input costs seconds per 100 KB. So when a token makes the stack grow,
 * this checks that it still fits, and otherwise notes it for the parser,
 * which stops the parse at its next progress check. */
static _Thread_local bool overflowed;

void clause_hcl_scanner_reset(void) { overflowed = false; }

bool clause_hcl_scanner_overflowed(void) { return overflowed; }

static bool stack_fits(void *payload) {
  char buffer[TREE_SITTER_SERIALIZATION_BUFFER_SIZE];
  return tree_sitter_hcl_external_scanner_serialize(payload, buffer) > 0;
}

static bool plain_template_character(int32_t c) {
  switch (c) {
    case 0:
    case '"':
    case '\\':
    case '$':
    case '%':
    case '\n':
    case '\r': return false;
    default: return true;
  }
}

bool tree_sitter_hcl_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  if (!clause_hcl_grammar_scan(payload, lexer, valid_symbols)) return false;
  switch (lexer->result_symbol) {
    case kQuotedTemplateStart:
    case kTemplateInterpolationStart:
    case kTemplateDirectiveStart:
    case kHeredocIdentifier:
      if (!overflowed && !stack_fits(payload)) overflowed = true;
      return true;
    case kTemplateLiteralChunk: break;
    default: return true;
  }
  /* Every chunk the grammar's scanner returns ends at the lexer's position
   * (it never reads ahead past a chunk), so the chunk may go on from here. */
  bool extended = false;
  while (!lexer->eof(lexer) && plain_template_character(lexer->lookahead)) {
    lexer->advance(lexer, false);
    extended = true;
  }
  if (extended) lexer->mark_end(lexer);
  return true;
}
