#pragma once
// SARIF written where -o says, within GitHub code scanning's upload limits
// (DESIGN §8): one file, or one file per scan root when the target is a
// directory. Over a limit nothing is written and OutputError says why.
#include <string>

#include "checker/model/report.h"

namespace clause::cli {

// Whether `path` names a directory: an existing one, or one ending in '/'.
bool names_directory(const std::string &path);

// Writes the SARIF of `report` (paths already relative to the repository)
// to `path` ("-" = stdout), or, when it names a directory, one
// "<root>.sarif" per root in it (created when missing). Throws OutputError
// when GitHub would reject the result or a file cannot be written.
void write_sarif_output(const std::string &path, const Report &report);

}  // namespace clause::cli
