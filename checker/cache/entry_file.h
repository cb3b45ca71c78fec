#pragma once
// Writing a cache entry (a fixed header, then its payload) so that
// concurrent scans sharing a cache never read half of one: to a temporary
// file, renamed into place. Shared by the cache's levels (model_cache.h,
// unit_cache.h).
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace clause {

// Sixteen lowercase hex digits: how entries are named.
std::string hex16(uint64_t v);

// Best effort: a cache that cannot be written is only slower. Creates the
// entry's directory when it is missing. `counter` makes the temporary name
// unique among the threads of this process (the pid among processes).
void write_entry_file(const std::string &path, std::string_view header, std::string_view payload,
                      std::atomic<size_t> &counter);

}  // namespace clause
