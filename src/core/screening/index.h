// WatchlistIndex: an immutable in-memory candidate index over the names of watchlist entries.
//
// Every name is normalised once. Its tokens are kept as ids into a vocabulary of distinct tokens,
// each prepared once for comparison (skeleton, given-name class, letter counts) with its weight
// in the name score, so that screening never re-normalises or re-prepares a listed name and can
// cache token comparisons per query by token id (scorer.h). Each token contributes three kinds of
// keys to an inverted index stored as flat sorted arrays (CSR): the token itself, its consonant
// skeleton, and its padded character trigrams. A query looks up the same keys, adds an
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
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/screening/entry.h"
#include "core/screening/entry_store.h"
#include "core/screening/matcher.h"
#include "core/screening/similarity.h"

namespace limen::core::screening {

class WatchlistIndex final : public TokenWeights {
 public:
  static std::shared_ptr<const WatchlistIndex> Build(std::vector<WatchlistEntry> entries);

  size_t entry_count() const { return entries_.size(); }
  size_t name_count() const { return name_entry_.size(); }
  // Entries are kept packed (entry_store.h): read the id, agency and scope directly, decode the
  // rest when needed.
  std::string_view entry_id(uint32_t index) const { return entries_.id(index); }
  std::string_view entry_owning_agency(uint32_t index) const {
    return entries_.owning_agency(index);
  }
  SharingScope entry_sharing(uint32_t index) const { return entries_.sharing(index); }
  void DecodeEntry(uint32_t index, WatchlistEntry& out) const { entries_.Decode(index, out); }
  WatchlistEntry entry(uint32_t index) const { return entries_.Get(index); }
  // Every entry, decoded (for rebuilds and exports, not for screening).
  std::vector<WatchlistEntry> Entries() const;

  // Appends to `out` the indexes of the entries whose names share the most informative keys
  // with `query_tokens`, at most `name_limit` names' worth, best first, without duplicates.
  // Keys are read rarest first until `posting_budget` postings have been read.
  // A listed document number equal to `document` (after FoldDocumentNumber) always qualifies.
  void Candidates(const std::vector<std::vector<std::string>>& query_tokens,
                  std::string_view document, size_t name_limit, size_t posting_budget,
                  std::vector<uint32_t>& out) const;

  // Names of entry `index` are the ids [first_name(index), first_name(index + 1)), in the order
  // of entry.names.
  uint32_t first_name(uint32_t index) const { return entry_first_name_[index]; }
  // Token ids of name `name`, in name order.
  std::span<const uint32_t> name_tokens(uint32_t name) const {
    return {name_tokens_.data() + name_token_offset_[name],
            name_token_offset_[name + 1] - name_token_offset_[name]};
  }
  size_t vocabulary_size() const { return vocabulary_.size(); }
  const PreparedToken& token(uint32_t id) const { return vocabulary_[id]; }
  // The weight of token `id` in the name score (rarity, particles and patronymics lowered).
  double token_weight(uint32_t id) const { return token_weight_[id]; }

  double Weight(std::string_view token) const override;

  // Bytes held by the index structures (keys, postings, token arena, name tables), without the
  // WatchlistEntry records themselves.
  size_t IndexBytes() const;
  // Bytes held by the packed entry records.
  size_t EntryBytes() const;

 private:
  WatchlistIndex() = default;
  // Folded document number keys of each entry, only while building: (keys, offsets per entry).
  struct DocumentKeys {
    std::vector<uint64_t> keys;
    std::vector<uint32_t> offsets = {0};
  };
  // Keys of name `name`: its tokens' keys, and for an entry's first name the document keys.
  void NameKeys(uint32_t name, const std::vector<uint64_t>& token_keys,
                const std::vector<uint32_t>& token_key_offsets, const DocumentKeys& documents,
                std::vector<uint64_t>& keys) const;
  // Returns [begin, end) into postings_ for `key`, empty when absent.
  std::pair<uint32_t, uint32_t> Lookup(uint64_t key) const;
  void BuildPostings(const DocumentKeys& documents);

  EntryStore entries_;
  std::vector<uint32_t> entry_first_name_;   // Size entries + 1.
  std::vector<uint32_t> name_entry_;         // Entry index of each name.
  std::vector<uint32_t> name_token_offset_;  // Into name_tokens_, size names + 1.
  std::vector<uint32_t> name_tokens_;        // Token ids.
  std::vector<PreparedToken> vocabulary_;    // Distinct tokens.
  std::vector<double> token_weight_;         // Per vocabulary token.
  std::vector<uint64_t> keys_;               // Sorted.
  std::vector<uint32_t> key_offsets_;        // Size keys + 1, into postings_.
  std::vector<uint32_t> postings_;           // Name ids.
};

// Token keys, exposed for tests and the benchmark.
uint64_t TokenKey(char kind, std::string_view text);

}  // namespace limen::core::screening
