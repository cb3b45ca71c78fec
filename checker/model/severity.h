#pragma once
#include <optional>
#include <string_view>

namespace clause {

enum class Severity : uint8_t { Info, Low, Medium, High, Critical };

const char *severity_name(Severity s);
std::optional<Severity> parse_severity(std::string_view text);
// SARIF result level for a severity: error / warning / note.
const char *sarif_level(Severity s);
// GitHub's security-severity score (0.0-10.0) as a string.
const char *security_severity_score(Severity s);

}  // namespace clause
