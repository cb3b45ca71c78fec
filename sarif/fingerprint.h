#pragma once
// Placeholder until the reporters branch lands (it owns this file).
#include <string>
#include <string_view>

namespace clause {
std::string finding_fingerprint(std::string_view rule_id, std::string_view resource_or_path,
                                std::string_view offending_text);
}
