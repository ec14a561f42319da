// WatchlistIndex: an immutable in-memory index over the names of watchlist entries.
//
// Every name is normalised once. Its tokens are kept as ids into a vocabulary of distinct tokens,
// each prepared once for comparison (skeleton, given-name class, letter counts) with its weight
// in the name score, so that screening never re-normalises or re-prepares a listed name and can
// cache token comparisons per query by token id (scorer.h). Two inverted indexes, both flat
// sorted arrays (CSR): vocabulary keys (the folded token, its consonant skeleton, its given-name
// class and its padded trigrams) to the vocabulary tokens that carry them, and each vocabulary
// token to the names that contain it. The candidate search (candidates.h) matches a query's
// tokens against the vocabulary first and reaches names through their tokens, so a common
// token costs one key posting, not one per name. No query scans the whole list.
//
// Thread-safety: immutable after Build(); any number of threads may query one index at once.
#pragma once

#include <algorithm>
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
  // Starts fetching what scoring entry `index` reads first: its packed record and name range.
  void PrefetchEntry(uint32_t index) const {
    entries_.Prefetch(index);
    __builtin_prefetch(&entry_first_name_[index]);
  }
  // Every entry, decoded (for rebuilds and exports, not for screening).
  std::vector<WatchlistEntry> Entries() const;

  // The vocabulary tokens that carry key `key` (VocabularyKey), ascending.
  std::span<const uint32_t> KeyTokens(uint64_t key) const;
  // The names (ascending, each once) that contain vocabulary token `id`.
  std::span<const uint32_t> token_names(uint32_t id) const {
    return {token_names_.data() + token_name_offset_[id],
            token_name_offset_[id + 1] - token_name_offset_[id]};
  }
  // The vocabulary id of `text`, or -1 when no listed name contains it.
  int64_t FindToken(std::string_view text) const;
  // True when a listed token is about one typing error from `text` (they share a kDeletion
  // key: their lengths differ by at most one letter, and their folded forms by two edits).
  bool HasNeighbour(std::string_view text) const;
  // Entries with a document number equal to `document` after FoldDocumentNumber (at most 16).
  std::span<const uint32_t> DocumentEntries(std::string_view document) const;
  uint32_t name_entry(uint32_t name) const { return name_entry_[name]; }

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

  // Bytes held by the index structures (keys, postings, vocabulary, name tables), without the
  // WatchlistEntry records themselves.
  size_t IndexBytes() const;
  // Bytes held by the packed entry records.
  size_t EntryBytes() const;

 private:
  WatchlistIndex() = default;
  void BuildVocabularyKeys();
  void BuildTokenNames();
  void BuildDocuments(std::vector<std::pair<uint64_t, uint32_t>> documents);

  EntryStore entries_;
  std::vector<uint32_t> entry_first_name_;   // Size entries + 1.
  std::vector<uint32_t> name_entry_;         // Entry index of each name.
  std::vector<uint32_t> name_token_offset_;  // Into name_tokens_, size names + 1.
  std::vector<uint32_t> name_tokens_;        // Token ids.
  std::vector<PreparedToken> vocabulary_;    // Distinct tokens.
  std::vector<double> token_weight_;         // Per vocabulary token.
  std::vector<uint32_t> token_name_offset_;  // Size vocabulary + 1, into token_names_.
  std::vector<uint32_t> token_names_;        // Name ids.
  std::vector<uint64_t> keys_;               // Vocabulary keys, sorted.
  std::vector<uint32_t> key_offsets_;        // Size keys + 1, into key_tokens_.
  std::vector<uint32_t> key_tokens_;         // Vocabulary ids.
  std::vector<uint64_t> document_keys_;      // Folded document numbers, sorted, with repeats.
  std::vector<uint32_t> document_entries_;   // Entry of each document key.
};

// Token keys, exposed for tests and the benchmark.
uint64_t TokenKey(char kind, std::string_view text);

// The token with letters that are read or heard as one another folded to one of them (I/Y/J,
// C/K/Q/G, S/Z, V/W/F, D/T, M/N, B/P, X/H), so that a cheap confusion leaves its keys alone.
std::string ConfusionFold(std::string_view token);

// Keys of the vocabulary index for `token`: kFolded (the folded token), kSkeleton (the consonant
// skeleton, two letters or more), kClass (the given-name class), kTrigram (the padded
// trigrams of the folded token, at most kMaxTrigrams) and kDeletion (the folded token and each
// of its single-letter deletions, for folded tokens of kMinDeletionLength to
// kMaxDeletionLength letters and no digits). Two tokens one typing error apart (a letter dropped,
// added, replaced, or two letters swapped) always share a kDeletion key, however common the rest of
// their trigrams are. Longer tokens keep most of their trigrams through one error, and their
// deletion keys would cost more memory than they find (about 16 bytes each, most of them
// unique to one token). Calls fn(key, kind) for each; a key may come more than once.
enum class KeyKind : uint8_t { kExact, kFolded, kSkeleton, kClass, kTrigram, kDeletion };
inline constexpr size_t kMaxTrigrams = 10;
inline constexpr size_t kMinDeletionLength = 4;
inline constexpr size_t kMaxDeletionLength = 10;
uint64_t VocabularyKey(KeyKind kind, std::string_view text);
template <typename Fn>
void ForEachVocabularyKey(const PreparedToken& token, Fn&& fn) {
  fn(VocabularyKey(KeyKind::kExact, token.text), KeyKind::kExact);
  std::string folded = ConfusionFold(token.text);
  fn(VocabularyKey(KeyKind::kFolded, folded), KeyKind::kFolded);
  if (token.skeleton.size() >= 2)
    fn(VocabularyKey(KeyKind::kSkeleton, token.skeleton), KeyKind::kSkeleton);
  if (!token.canonical.empty())
    fn(VocabularyKey(KeyKind::kClass, token.canonical), KeyKind::kClass);
  if (folded.size() < 2) return;
  std::string padded = "^" + folded + "$";
  size_t grams = std::min(padded.size() - 2, kMaxTrigrams);
  for (size_t i = 0; i < grams; ++i)
    fn(VocabularyKey(KeyKind::kTrigram, std::string_view(padded).substr(i, 3)), KeyKind::kTrigram);
  if (folded.size() < kMinDeletionLength || folded.size() > kMaxDeletionLength) return;
  // Digits in a name are misreads or data errors, which the folded form already meets.
  if (std::any_of(folded.begin(), folded.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return;
  fn(VocabularyKey(KeyKind::kDeletion, folded), KeyKind::kDeletion);
  std::string deleted(folded.size() - 1, ' ');
  for (size_t i = 0; i < folded.size(); ++i) {
    if (i > 0 && folded[i] == folded[i - 1]) continue;  // The same deletion as the one before.
    folded.copy(deleted.data(), i);
    folded.copy(deleted.data() + i, folded.size() - i - 1, i + 1);
    fn(VocabularyKey(KeyKind::kDeletion, deleted), KeyKind::kDeletion);
  }
}

}  // namespace limen::core::screening
