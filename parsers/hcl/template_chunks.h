#pragma once
/* What parsers/hcl/template_chunks.c, the wrapper of tree-sitter-hcl's
 * external scanner, tells the parser (C and C++). */
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Before a parse, on the thread that runs it. */
void clause_hcl_scanner_reset(void);
/* True once the scanner's stack of open templates no longer fits what
 * tree-sitter saves of it: the rest of the parse would be lost. */
bool clause_hcl_scanner_overflowed(void);

#ifdef __cplusplus
}
#endif
