// An immutable snapshot of the lost, stolen and invalid document registry, built for tens of
// millions of entries: each record is packed into 16 bytes (issuing State and number as integers,
// kind, reason, reporting date and an interned source), sorted by a hash of the key, and found
// through a directory of hash buckets (about 5 entries each), so an exact lookup touches one
// directory slot and one or two cache lines. Numbers longer than 12 characters (rare) go to a
// small sorted overflow list. The same document may be listed by several sources; the key of a
// record is (issuing State, number, source).
//
// RegistryBuilder makes a new snapshot from scratch or from a base snapshot plus a delta.
// Serialise/Deserialise give the snapshot's compact stored form (snapshot_format.cc; the format
// is described in docs/registry.md), which the store keeps so that a node loads 10 million
// entries without parsing or sorting them again.
// Thread-safety: a RegistrySnapshot is immutable and safe to read from any number of threads;
// a RegistryBuilder is single-threaded.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "core/registry/internal/packing.h"
#include "core/registry/record.h"

namespace limen::core::registry {

// A record found through a misread variant of the presented number.
struct VariantMatch {
  Record record;
  std::string presented_number;  // Normalised number as presented.
  bool exact = false;            // True when the presented number itself matched.
};

class RegistrySnapshot {
 public:
  RegistrySnapshot() = default;

  size_t size() const { return entries_.size() + overflow_.size(); }
  // Approximate heap bytes held by the snapshot.
  size_t MemoryBytes() const;

  // True when any source lists the document (normalises both arguments); allocates nothing.
  bool Contains(std::string_view issuing_state, std::string_view number) const;
  // Every record listed for the document (normalises both arguments). Empty when not listed.
  std::vector<Record> Lookup(std::string_view issuing_state, std::string_view number) const;
  // Exact matches first, then matches of misread variants of the number (at most
  // `max_variants` spellings are tried).
  std::vector<VariantMatch> LookupWithVariants(std::string_view issuing_state,
                                               std::string_view number,
                                               size_t max_variants = 256) const;
  // Calls `visit` for every record (unspecified order).
  void ForEach(const std::function<void(const Record&)>& visit) const;
  // The source names interned by the snapshot (a source may have no record left after a delta).
  const std::vector<std::string>& sources() const { return sources_; }

  // The compact stored form: a header, the sources, the overflow list and the packed entries in
  // their lookup order (16 bytes each, little-endian). The bucket directory is not stored.
  std::string Serialise() const;
  // Reads the stored form back and rebuilds the directory in one pass. Returns DataLoss
  // REGISTRY_SNAPSHOT_CORRUPT when the bytes are not a well-formed snapshot (never crashes).
  static Result<std::shared_ptr<const RegistrySnapshot>> Deserialise(std::string_view bytes);

 private:
  friend class RegistryBuilder;
  struct OverflowEntry {
    std::string key;  // State + '/' + number.
    internal::PackedEntry packed;
  };

  // Appends the records for packed key (state, number), whose text forms are given, to `out`.
  void FindPacked(uint16_t state, uint64_t number, std::string_view state_text,
                  std::string_view number_text, std::vector<Record>& out) const;
  void FindOverflow(const std::string& key, std::vector<Record>& out) const;
  Record Unpack(const internal::PackedEntry& entry, std::string state, std::string number) const;
  // Index in entries_ of (state, number, source), or -1.
  int64_t IndexOf(uint16_t state, uint64_t number, uint16_t source) const;
  // Fills directory_ from entries_, which must be sorted by hash.
  void BuildDirectory();
  size_t Bucket(uint64_t hash) const { return static_cast<size_t>(hash >> directory_shift_); }

  std::vector<internal::PackedEntry> entries_;  // Sorted by Mix(number, state).
  std::vector<uint32_t> directory_;             // Bucket b = [directory_[b], directory_[b+1]).
  int directory_shift_ = 63;
  std::vector<OverflowEntry> overflow_;  // Sorted by key.
  std::vector<std::string> sources_;
};

class RegistryBuilder {
 public:
  // Starts empty (a full import), or from a copy of `base`'s records (a delta). In delta mode
  // records added through the builder are indexed so that later rows can update or remove them.
  explicit RegistryBuilder(const RegistrySnapshot* base = nullptr);
  // Starts from `base` without the records of `source`: a full import of one source's list that
  // keeps every other source's records. Add as for an empty builder.
  RegistryBuilder(const RegistrySnapshot& base, std::string_view replaced_source);

  // Each returns InvalidArgument with a stable REGISTRY_* code on bad input:
  // REGISTRY_STATE, REGISTRY_NUMBER, REGISTRY_DATE, REGISTRY_SOURCE. Add does not check for
  // duplicates (Build does); Update and Remove return NotFound REGISTRY_NOT_FOUND when the
  // (State, number, source) record is not in the base snapshot or was not added before.
  Status Add(const Record& record);
  Status Update(const Record& record);
  Status Remove(std::string_view issuing_state, std::string_view number, std::string_view source);
  // True when (State, number, source) is currently in the builder (base, updates and adds).
  bool Contains(std::string_view issuing_state, std::string_view number,
                std::string_view source) const;

  // Sorts and indexes. Returns AlreadyExists REGISTRY_DUPLICATE naming the first record that
  // appears twice (also available from duplicate()). The builder is left empty.
  Result<std::shared_ptr<const RegistrySnapshot>> Build();

  struct DuplicateKey {
    std::string issuing_state, number, source;
  };
  // After Build failed with REGISTRY_DUPLICATE: the record that appears twice.
  const DuplicateKey& duplicate() const { return duplicate_; }

 private:
  struct Key {
    uint16_t state = 0;
    std::optional<uint64_t> number;  // Packed; nullopt for overflow numbers.
    std::string overflow_key;
    uint16_t source = 0;
  };
  // Validates and packs the key; an unknown source gets id UINT16_MAX (matches nothing).
  Result<Key> MakeKey(std::string_view state, std::string_view number,
                      std::string_view source) const;
  Status InternSource(std::string_view source, Key& key);
  Result<internal::PackedEntry> Pack(const Record& record, Key& key);
  // Index of the live record in entries_ or overflow_ (flagged by `overflow`), or -1.
  int64_t Find(const Key& key, bool& overflow) const;
  internal::PackedEntry* Locate(const Key& key);
  Status SortAndCheck();
  Status SortOverflow();
  Status Duplicate(const std::string& state, const std::string& number, const std::string& source);

  std::shared_ptr<RegistrySnapshot> snapshot_;  // Being built; base entries come first.
  size_t base_size_ = 0;           // entries_[0, base_size_) are the base, still indexed.
  size_t base_overflow_size_ = 0;  // overflow_[0, base_overflow_size_) are the sorted base.
  bool delta_ = false;
  // Delta mode: "state/number/source" -> index (overflow entries are offset by kOverflowFlag).
  std::unordered_map<std::string, uint64_t> added_;
  DuplicateKey duplicate_;
};

}  // namespace limen::core::registry
