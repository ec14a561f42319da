// WatchlistIndex: an immutable in-memory candidate index over the names of watchlist entries.
//
// Every name is normalised once; its tokens are kept in one arena. Each token contributes three
// kinds of keys to an inverted index stored as flat sorted arrays (CSR): the token itself, its
// consonant skeleton, and its padded character trigrams. A query looks up the same keys, adds an
// inverse-document-frequency weight per hit into a per-thread accumulator, skips keys so common
// that they carry no information, and returns the best-scoring names' entries for full scoring.
// No query scans the whole list.
//
// Thread-safety: immutable after Build(); any number of threads may query one index at once
// (each thread keeps its own scratch accumulator).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/screening/entry.h"
#include "core/screening/matcher.h"

namespace limen::core::screening {

class WatchlistIndex final : public TokenWeights {
 public:
  static std::shared_ptr<const WatchlistIndex> Build(std::vector<WatchlistEntry> entries);

  size_t entry_count() const { return entries_.size(); }
  size_t name_count() const { return name_entry_.size(); }
  const WatchlistEntry& entry(uint32_t index) const { return entries_[index]; }
  const std::vector<WatchlistEntry>& entries() const { return entries_; }

  // Appends to `out` the indexes of the entries whose names share the most informative keys
  // with `query_tokens`, at most `name_limit` names' worth, best first, without duplicates.
  // A listed document number equal to `document` (after FoldDocumentNumber) always qualifies.
  void Candidates(const std::vector<std::vector<std::string>>& query_tokens,
                  std::string_view document, size_t name_limit, std::vector<uint32_t>& out) const;

  // Tokens of every name of entry `index`, in the order of entry.names.
  std::vector<std::vector<std::string>> EntryTokens(uint32_t index) const;

  double Weight(std::string_view token) const override;

  // Bytes held by the index structures (keys, postings, token arena, name tables), without the
  // WatchlistEntry records themselves.
  size_t IndexBytes() const;
  // Approximate bytes held by the WatchlistEntry records.
  size_t EntryBytes() const;

 private:
  WatchlistIndex() = default;
  void AddNameKeys(const std::vector<std::string>& tokens, std::vector<uint64_t>& keys) const;
  // Keys of name `name`: its tokens' keys, and for an entry's first name the document keys.
  void NameKeys(uint32_t name, const std::vector<std::string>& tokens,
                std::vector<uint64_t>& keys) const;
  // Returns [begin, end) into postings_ for `key`, empty when absent.
  std::pair<uint32_t, uint32_t> Lookup(uint64_t key) const;
  void BuildPostings(const std::vector<std::vector<std::string>>& name_tokens);

  std::vector<WatchlistEntry> entries_;
  std::vector<uint32_t> entry_first_name_;  // Size entries + 1.
  std::vector<uint32_t> name_entry_;        // Entry index of each name.
  std::vector<uint32_t> name_offset_;       // Into arena_, size names + 1.
  std::string arena_;                       // Tokens separated by ' '.
  std::vector<uint64_t> keys_;              // Sorted.
  std::vector<uint32_t> key_offsets_;       // Size keys + 1, into postings_.
  std::vector<uint32_t> postings_;          // Name ids.
};

// Token keys, exposed for tests and the benchmark.
uint64_t TokenKey(char kind, std::string_view text);

}  // namespace limen::core::screening
