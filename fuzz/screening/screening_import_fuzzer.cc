// libFuzzer target for the watchlist importers: byte 0 selects CSV, FtM JSON Lines or UN XML;
// the rest is the file. Every accepted entry is then indexed and screened by its own first
// name, so normalisation, indexing and scoring see whatever the importers let through.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/screening/import.h"
#include "core/screening/screener.h"

namespace scr = limen::core::screening;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  auto format = static_cast<scr::ImportFormat>(data[0] % 3);
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  scr::ImportOptions options;
  options.drop_invalid_dates = (data[0] & 0x80) != 0;
  auto result = scr::ImportWatchlist(text, format, options);
  if (!result.ok() || result->entries.empty()) return 0;
  scr::Screener screener;
  std::string first_name = result->entries.front().names.empty()
                               ? std::string("x")
                               : result->entries.front().names.front().full;
  screener.Replace(std::move(result->entries), "fuzz");
  scr::ScreeningQuery query;
  query.names.push_back(first_name);
  query.document_number = first_name.substr(0, 9);
  auto screened = screener.Screen(query, scr::ScreeningOptions{});
  (void)screened;
  return 0;
}
