// Helpers shared by the watchlist importers (import.cc, import_ftm.cc, import_un_xml.cc).
// Nobody outside core/screening includes this.
//
// Thread-safety: pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/status.h"
#include "core/screening/import.h"

namespace limen::core::screening::internal {

// "Line 12: " prefixes every row-level message.
std::string LinePrefix(int64_t line);
void Reject(ImportResult& result, int64_t line, std::string code, std::string message);
int64_t LineOfOffset(std::string_view text, size_t offset);
// InvalidArgument WATCHLIST_ENCODING naming the line of the first byte that is not UTF-8.
Status CheckEncoding(std::string_view text);
// Rejects empty or duplicate ids and names without letters; clears `ok` when it rejects.
void CheckEntry(const WatchlistEntry& entry, int64_t line, std::unordered_set<std::string>& ids,
                ImportResult& result, bool& ok);

}  // namespace limen::core::screening::internal
