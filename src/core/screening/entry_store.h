// EntryStore: the watchlist entries an index holds, packed back to back into one byte arena
// instead of one WatchlistEntry (with its strings and vectors) each: about a fifth of the
// memory. List ids and owning agencies, shared by many entries, are stored once.
//
// Screening reads an entry's id, owning agency and sharing scope straight from the arena, and
// decodes the rest into a caller-owned WatchlistEntry that keeps its capacity from one entry to
// the next, so the scoring loop does not allocate.
//
// Thread-safety: immutable after the last Add(); const members may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/screening/entry.h"

namespace limen::core::screening {

class EntryStore {
 public:
  void Add(const WatchlistEntry& entry);
  // Releases spare capacity once every entry is added.
  void Seal();

  size_t size() const { return offsets_.size(); }
  std::string_view id(uint32_t index) const;
  std::string_view owning_agency(uint32_t index) const;
  SharingScope sharing(uint32_t index) const;
  // Overwrites `out` with entry `index`, reusing its strings' and vectors' capacity.
  void Decode(uint32_t index, WatchlistEntry& out) const;
  WatchlistEntry Get(uint32_t index) const;
  // Starts fetching the bytes that id(), owning_agency(), sharing() and Decode() read first.
  void Prefetch(uint32_t index) const { __builtin_prefetch(arena_.data() + offsets_[index]); }

  size_t Bytes() const;

 private:
  // Fixed header at each entry's offset: list and agency (uint32 little-endian each, into
  // interned_), action, sex, sharing, validity flags; then the id and the variable fields.
  static constexpr size_t kHeader = 12;
  uint32_t Intern(const std::string& text);
  uint32_t InternedAt(uint64_t at) const;

  std::string arena_;
  std::vector<uint64_t> offsets_;
  std::vector<std::string> interned_;
  std::unordered_map<std::string, uint32_t> intern_ids_;  // Only while adding.
};

}  // namespace limen::core::screening
