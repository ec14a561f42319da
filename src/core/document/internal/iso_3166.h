// The ISO 3166-1 alpha-3 table generated at build time from Debian's iso-codes data
// (generate_iso_3166.cmake). Sorted by code. Private to core/document.
//
// Thread-safety: immutable data.
#pragma once

namespace limen::core::document::internal {

struct Iso3166Entry {
  const char* alpha_3;
  const char* name;
};

extern const Iso3166Entry kIso3166[];
extern const int kIso3166Count;

}  // namespace limen::core::document::internal
