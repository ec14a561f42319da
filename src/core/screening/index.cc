#include "core/screening/index.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/screening/internal/scoring.h"
#include "core/screening/normalize.h"

namespace limen::core::screening {
namespace {

// Documents sharing one folded number beyond this are not all candidates (a placeholder
// number such as 000000 must not make every entry a candidate).
constexpr size_t kMaxDocumentEntries = 16;

char FoldLetter(char c) {
  switch (c) {
    case 'Y':
    case 'J':
      return 'I';
    case 'C':
    case 'Q':
    case 'G':
      return 'K';
    case 'Z':
      return 'S';
    case 'V':
    case 'W':
      return 'F';
    case 'D':
      return 'T';
    case 'M':
      return 'N';
    case 'P':
      return 'B';
    case 'X':
      return 'H';
    default:
      return c;
  }
}

}  // namespace

std::string ConfusionFold(std::string_view token) {
  std::string folded(token);
  for (char& c : folded) c = FoldLetter(c);
  return folded;
}

uint64_t VocabularyKey(KeyKind kind, std::string_view text) {
  return TokenKey(static_cast<char>('a' + static_cast<int>(kind)), text);
}

uint64_t TokenKey(char kind, std::string_view text) {
  uint64_t hash = 1469598103934665603ULL ^ static_cast<unsigned char>(kind);
  hash *= 1099511628211ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash ^ (hash >> 29);
}

std::shared_ptr<const WatchlistIndex> WatchlistIndex::Build(std::vector<WatchlistEntry> entries) {
  std::shared_ptr<WatchlistIndex> index(new WatchlistIndex());
  std::unordered_map<std::string, uint32_t> vocabulary;
  std::vector<std::pair<uint64_t, uint32_t>> documents;
  index->entry_first_name_.reserve(entries.size() + 1);
  index->name_token_offset_.push_back(0);
  for (uint32_t e = 0; e < entries.size(); ++e) {
    WatchlistEntry entry = std::move(entries[e]);  // Freed as soon as it is packed.
    index->entries_.Add(entry);
    for (const std::string& number : entry.document_numbers) {
      std::string folded = FoldDocumentNumber(number);
      if (!folded.empty()) documents.emplace_back(TokenKey('D', folded), e);
    }
    index->entry_first_name_.push_back(static_cast<uint32_t>(index->name_entry_.size()));
    for (const EntryName& name : entry.names) {
      for (std::string& token : NormalizeName(name.full).tokens) {
        auto [it, added] =
            vocabulary.try_emplace(std::move(token), static_cast<uint32_t>(vocabulary.size()));
        if (added) index->vocabulary_.push_back(PrepareToken(it->first));
        index->name_tokens_.push_back(it->second);
      }
      index->name_token_offset_.push_back(static_cast<uint32_t>(index->name_tokens_.size()));
      index->name_entry_.push_back(e);
    }
  }
  index->entry_first_name_.push_back(static_cast<uint32_t>(index->name_entry_.size()));
  entries.clear();
  entries.shrink_to_fit();
  vocabulary.clear();
  index->entries_.Seal();
  index->BuildTokenNames();
  index->BuildVocabularyKeys();
  index->BuildDocuments(std::move(documents));
  index->token_weight_.reserve(index->vocabulary_.size());
  for (const PreparedToken& token : index->vocabulary_) {
    index->token_weight_.push_back(internal::TokenWeight(token.text, index->Weight(token.text)));
  }
  // Grown one item at a time, these hold up to twice their size otherwise.
  index->name_tokens_.shrink_to_fit();
  index->vocabulary_.shrink_to_fit();
  index->name_entry_.shrink_to_fit();
  index->name_token_offset_.shrink_to_fit();
  index->document_keys_.shrink_to_fit();
  index->document_entries_.shrink_to_fit();
  return index;
}

// Names are visited in order, so each token's list comes out ascending; a token repeated within
// one name is listed once.
void WatchlistIndex::BuildTokenNames() {
  token_name_offset_.assign(vocabulary_.size() + 1, 0);
  std::vector<uint32_t> last(vocabulary_.size(), 0xFFFFFFFFu);
  for (uint32_t n = 0; n < name_count(); ++n) {
    for (uint32_t token : name_tokens(n)) {
      if (last[token] != n) ++token_name_offset_[token + 1], last[token] = n;
    }
  }
  for (size_t t = 0; t < vocabulary_.size(); ++t)
    token_name_offset_[t + 1] += token_name_offset_[t];
  token_names_.resize(token_name_offset_.back());
  std::vector<uint32_t> cursor(token_name_offset_.begin(), token_name_offset_.end() - 1);
  std::fill(last.begin(), last.end(), 0xFFFFFFFFu);
  for (uint32_t n = 0; n < name_count(); ++n) {
    for (uint32_t token : name_tokens(n)) {
      if (last[token] != n) token_names_[cursor[token]++] = n, last[token] = n;
    }
  }
}

void WatchlistIndex::BuildVocabularyKeys() {
  std::vector<std::pair<uint64_t, uint32_t>> pairs;
  std::vector<uint64_t> keys;
  for (uint32_t t = 0; t < vocabulary_.size(); ++t) {
    keys.clear();
    ForEachVocabularyKey(vocabulary_[t], [&](uint64_t key, KeyKind) { keys.push_back(key); });
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (uint64_t key : keys) pairs.emplace_back(key, t);
  }
  std::sort(pairs.begin(), pairs.end());
  key_tokens_.reserve(pairs.size());
  key_offsets_.push_back(0);
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (i > 0 && pairs[i].first != pairs[i - 1].first) {
      keys_.push_back(pairs[i - 1].first);
      key_offsets_.push_back(static_cast<uint32_t>(i));
    }
    key_tokens_.push_back(pairs[i].second);
  }
  if (!pairs.empty()) {
    keys_.push_back(pairs.back().first);
    key_offsets_.push_back(static_cast<uint32_t>(pairs.size()));
  }
  keys_.shrink_to_fit();  // Grown one key at a time (see Build).
  key_offsets_.shrink_to_fit();
}

void WatchlistIndex::BuildDocuments(std::vector<std::pair<uint64_t, uint32_t>> documents) {
  std::sort(documents.begin(), documents.end());
  documents.erase(std::unique(documents.begin(), documents.end()), documents.end());
  for (const auto& [key, entry] : documents) {
    document_keys_.push_back(key);
    document_entries_.push_back(entry);
  }
}

std::span<const uint32_t> WatchlistIndex::KeyTokens(uint64_t key) const {
  auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
  if (it == keys_.end() || *it != key) return {};
  size_t k = static_cast<size_t>(it - keys_.begin());
  return {key_tokens_.data() + key_offsets_[k], key_offsets_[k + 1] - key_offsets_[k]};
}

int64_t WatchlistIndex::FindToken(std::string_view text) const {
  for (uint32_t id : KeyTokens(VocabularyKey(KeyKind::kExact, text))) {
    if (vocabulary_[id].text == text) return id;
  }
  return -1;
}

bool WatchlistIndex::HasNeighbour(std::string_view text) const {
  bool found = false;
  ForEachVocabularyKey(PrepareToken(text), [&](uint64_t key, KeyKind kind) {
    found = found || (kind == KeyKind::kDeletion && !KeyTokens(key).empty());
  });
  return found;
}

std::span<const uint32_t> WatchlistIndex::DocumentEntries(std::string_view document) const {
  std::string folded = FoldDocumentNumber(document);
  if (folded.empty()) return {};
  uint64_t key = TokenKey('D', folded);
  auto [begin, end] = std::equal_range(document_keys_.begin(), document_keys_.end(), key);
  size_t first = static_cast<size_t>(begin - document_keys_.begin());
  size_t count = std::min<size_t>(static_cast<size_t>(end - begin), kMaxDocumentEntries);
  return {document_entries_.data() + first, count};
}

double WatchlistIndex::Weight(std::string_view token) const {
  int64_t id = FindToken(token);
  double names = static_cast<double>(std::max<size_t>(name_count(), 2));
  double frequency = id < 0 ? 1.0 : static_cast<double>(token_names(id).size()) + 1.0;
  // 1.0 for a token carried by a handful of names, falling towards 0.2 for the most common.
  double idf = std::log(names / frequency) / std::log(names);
  return std::clamp(idf * 1.25, 0.2, 1.0);
}

size_t WatchlistIndex::IndexBytes() const {
  size_t vocabulary = vocabulary_.capacity() * sizeof(PreparedToken);
  auto text = [](const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; };
  for (const PreparedToken& token : vocabulary_)
    vocabulary += text(token.text) + text(token.skeleton);
  return entry_first_name_.capacity() * 4 + name_entry_.capacity() * 4 +
         name_token_offset_.capacity() * 4 + name_tokens_.capacity() * 4 + vocabulary +
         token_weight_.capacity() * 8 + token_name_offset_.capacity() * 4 +
         token_names_.capacity() * 4 + keys_.capacity() * 8 + key_offsets_.capacity() * 4 +
         key_tokens_.capacity() * 4 + document_keys_.capacity() * 8 +
         document_entries_.capacity() * 4;
}

size_t WatchlistIndex::EntryBytes() const { return entries_.Bytes(); }

std::vector<WatchlistEntry> WatchlistIndex::Entries() const {
  std::vector<WatchlistEntry> out(entry_count());
  for (uint32_t e = 0; e < out.size(); ++e) entries_.Decode(e, out[e]);
  return out;
}

}  // namespace limen::core::screening
