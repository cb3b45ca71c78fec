#pragma once
// Compiler-style text output for terminals and editors:
//
//   fixtures/demo/main.tf:12:3: high: [CL-0902] aws_db_instance.main keeps backups for 1 days ...
//     backup_retention_period = 1
//     ^~~~~~~~~~~~~~~~~~~~~~~~~~~
//   agreements/csa.yaml:40:5: note: the agreement promises an RPO of 4h here
//
// Suppressed findings are hidden unless asked for; input diagnostics are
// "path:line:col: warning: message [code]"; a summary line ends the output.
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "checker/model/report.h"

namespace clause {

struct TextOptions {
  bool color = false;            // ANSI colours; decide with want_color()
  bool show_suppressed = false;  // list suppressed findings too, marked as such
  bool show_source = true;       // the source line and caret under each finding
  bool summary = true;           // the final summary line
};

void write_text(const Report &report, std::ostream &out, const TextOptions &opts = {});

// Colour is wanted when NO_COLOR is not set (any value, even empty, disables
// it) and `fd` is a terminal.
bool want_color(int fd);

// The line under `snippet` that points at 1-based byte column `col` with a
// '^', followed by '~' up to (exclusive) byte column `end_col` when that is
// further right; tabs before the column are kept so the caret lines up, and
// UTF-8 continuation bytes take no room.
std::string caret_line(std::string_view snippet, uint32_t col, uint32_t end_col);

}  // namespace clause
