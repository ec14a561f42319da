#include "core/screening/index.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/screening/internal/scoring.h"
#include "core/screening/normalize.h"

namespace limen::core::screening {
namespace {

constexpr size_t kMaxTrigramsPerToken = 10;
// Candidates scoring below this share of the best candidate's key score are not scored in full.
constexpr float kRelativeFloor = 0.3f;

// Per-thread scratch accumulator, sized to the largest index queried on this thread.
struct Scratch {
  std::vector<float> score;
  std::vector<uint32_t> touched;
};

Scratch& ThreadScratch(size_t names) {
  thread_local Scratch scratch;
  if (scratch.score.size() < names) scratch.score.resize(names, 0.0f);
  return scratch;
}

template <typename Fn>
void ForEachKey(std::string_view token, Fn&& fn) {
  fn(TokenKey('T', token), 1.0);
  std::string skeleton = SkeletonKey(token);
  if (skeleton.size() >= 2) fn(TokenKey('P', skeleton), 1.0);
  if (token.size() < 3) return;
  std::string padded = "^" + std::string(token) + "$";
  size_t grams = std::min(padded.size() - 2, kMaxTrigramsPerToken);
  for (size_t i = 0; i < grams; ++i)
    fn(TokenKey('G', std::string_view(padded).substr(i, 3)), 1.0 / grams);
}

}  // namespace

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
  DocumentKeys documents;
  index->entry_first_name_.reserve(entries.size() + 1);
  index->name_token_offset_.push_back(0);
  for (uint32_t e = 0; e < entries.size(); ++e) {
    WatchlistEntry entry = std::move(entries[e]);  // Freed as soon as it is packed.
    index->entries_.Add(entry);
    for (const std::string& number : entry.document_numbers) {
      std::string folded = FoldDocumentNumber(number);
      if (!folded.empty()) documents.keys.push_back(TokenKey('D', folded));
    }
    documents.offsets.push_back(static_cast<uint32_t>(documents.keys.size()));
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
  index->entries_.Seal();
  index->BuildPostings(documents);
  index->token_weight_.reserve(index->vocabulary_.size());
  for (const PreparedToken& token : index->vocabulary_) {
    index->token_weight_.push_back(internal::TokenWeight(token.text, index->Weight(token.text)));
  }
  index->name_tokens_.shrink_to_fit();
  index->vocabulary_.shrink_to_fit();
  return index;
}

void WatchlistIndex::NameKeys(uint32_t name, const std::vector<uint64_t>& token_keys,
                              const std::vector<uint32_t>& token_key_offsets,
                              const DocumentKeys& documents, std::vector<uint64_t>& keys) const {
  keys.clear();
  for (uint32_t token : name_tokens(name)) {
    keys.insert(keys.end(), token_keys.begin() + token_key_offsets[token],
                token_keys.begin() + token_key_offsets[token + 1]);
  }
  uint32_t entry = name_entry_[name];
  if (entry_first_name_[entry] == name) {
    keys.insert(keys.end(), documents.keys.begin() + documents.offsets[entry],
                documents.keys.begin() + documents.offsets[entry + 1]);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
}

// Two passes (count, then fill) so that building never holds a (key, name) pair list. The keys
// of each distinct token are computed once.
void WatchlistIndex::BuildPostings(const DocumentKeys& documents) {
  std::vector<uint64_t> token_keys;
  std::vector<uint32_t> token_key_offsets = {0};
  for (const PreparedToken& token : vocabulary_) {
    ForEachKey(token.text, [&](uint64_t key, double) { token_keys.push_back(key); });
    token_key_offsets.push_back(static_cast<uint32_t>(token_keys.size()));
  }
  std::unordered_map<uint64_t, uint32_t> counts;
  std::vector<uint64_t> keys;
  for (uint32_t n = 0; n < name_count(); ++n) {
    NameKeys(n, token_keys, token_key_offsets, documents, keys);
    for (uint64_t key : keys) ++counts[key];
  }
  keys_.reserve(counts.size());
  for (const auto& [key, count] : counts) keys_.push_back(key);
  std::sort(keys_.begin(), keys_.end());
  key_offsets_.assign(keys_.size() + 1, 0);
  for (size_t k = 0; k < keys_.size(); ++k) {
    key_offsets_[k + 1] = key_offsets_[k] + counts[keys_[k]];
    counts[keys_[k]] = key_offsets_[k];  // Now the fill cursor.
  }
  postings_.resize(key_offsets_.back());
  for (uint32_t n = 0; n < name_count(); ++n) {
    NameKeys(n, token_keys, token_key_offsets, documents, keys);
    for (uint64_t key : keys) postings_[counts[key]++] = n;
  }
}

std::pair<uint32_t, uint32_t> WatchlistIndex::Lookup(uint64_t key) const {
  auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
  if (it == keys_.end() || *it != key) return {0, 0};
  size_t k = static_cast<size_t>(it - keys_.begin());
  return {key_offsets_[k], key_offsets_[k + 1]};
}

double WatchlistIndex::Weight(std::string_view token) const {
  auto [begin, end] = Lookup(TokenKey('T', token));
  double names = static_cast<double>(std::max<size_t>(name_count(), 2));
  double frequency = static_cast<double>(end - begin) + 1.0;
  // 1.0 for a token carried by a handful of names, falling towards 0.2 for the most common.
  double idf = std::log(names / frequency) / std::log(names);
  return std::clamp(idf * 1.25, 0.2, 1.0);
}

void WatchlistIndex::Candidates(const std::vector<std::vector<std::string>>& query_tokens,
                                std::string_view document, size_t name_limit, size_t posting_budget,
                                std::vector<uint32_t>& out) const {
  if (name_count() == 0) return;
  if (std::string folded = FoldDocumentNumber(document); !folded.empty()) {
    auto [begin, end] = Lookup(TokenKey('D', folded));
    for (uint32_t p = begin; p < end && p < begin + 16; ++p)
      out.push_back(name_entry_[postings_[p]]);
  }
  Scratch& scratch = ThreadScratch(name_count());
  const double names = static_cast<double>(name_count());
  // Rarest keys first; stop when the posting budget is spent, so that a query never walks the
  // long lists of common trigrams or names once the informative keys have been read.
  struct KeyHit {
    uint32_t begin, end;
    float weight;
  };
  std::vector<KeyHit> hits;
  for (const auto& tokens : query_tokens) {
    for (const std::string& token : tokens) {
      double token_weight = IsParticle(token) ? 0.2 : 1.0;
      ForEachKey(token, [&](uint64_t key, double share) {
        auto [begin, end] = Lookup(key);
        if (begin == end) return;
        double idf = std::log(names / (end - begin) + 1);
        hits.push_back({begin, end, static_cast<float>(token_weight * share * idf)});
      });
    }
  }
  std::sort(hits.begin(), hits.end(),
            [](const KeyHit& a, const KeyHit& b) { return a.end - a.begin < b.end - b.begin; });
  size_t read = 0, budget = posting_budget;
  while (read < hits.size() && hits[read].end - hits[read].begin <= budget) {
    budget -= hits[read].end - hits[read].begin;
    ++read;
  }
  float* score = scratch.score.data();
  std::vector<uint32_t>& touched = scratch.touched;
  // Each posting touches at most one new name. Writing every name and advancing only for new
  // ones avoids a branch the processor cannot predict (about half the postings are new names).
  touched.resize(posting_budget - budget + 1);
  size_t count = 0;
  const uint32_t* posting = postings_.data();
  for (size_t k = 0; k < read; ++k) {
    const float weight = hits[k].weight;
    for (uint32_t p = hits[k].begin; p < hits[k].end; ++p) {
      uint32_t name = posting[p];
      touched[count] = name;
      count += score[name] == 0.0f ? 1 : 0;
      score[name] += weight;
    }
  }
  touched.resize(count);
  size_t keep = std::min(name_limit, touched.size());
  auto better = [score](uint32_t a, uint32_t b) { return score[a] > score[b]; };
  std::nth_element(touched.begin(), touched.begin() + keep - (keep > 0 ? 1 : 0), touched.end(),
                   better);
  std::sort(touched.begin(), touched.begin() + keep, better);
  // Names far behind the best share too little with the query to become a hit.
  const float floor = keep > 0 ? score[touched[0]] * kRelativeFloor : 0.0f;
  for (size_t i = 0; i < keep && score[touched[i]] >= floor; ++i) {
    uint32_t entry = name_entry_[touched[i]];
    if (std::find(out.begin(), out.end(), entry) == out.end()) out.push_back(entry);
  }
  for (uint32_t name : touched) score[name] = 0.0f;
  touched.clear();
}

size_t WatchlistIndex::IndexBytes() const {
  size_t vocabulary = vocabulary_.capacity() * sizeof(PreparedToken);
  auto text = [](const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; };
  for (const PreparedToken& token : vocabulary_)
    vocabulary += text(token.text) + text(token.skeleton);
  return entry_first_name_.capacity() * 4 + name_entry_.capacity() * 4 +
         name_token_offset_.capacity() * 4 + name_tokens_.capacity() * 4 + vocabulary +
         token_weight_.capacity() * 8 + keys_.capacity() * 8 + key_offsets_.capacity() * 4 +
         postings_.capacity() * 4;
}

size_t WatchlistIndex::EntryBytes() const { return entries_.Bytes(); }

std::vector<WatchlistEntry> WatchlistIndex::Entries() const {
  std::vector<WatchlistEntry> out(entry_count());
  for (uint32_t e = 0; e < out.size(); ++e) entries_.Decode(e, out[e]);
  return out;
}

}  // namespace limen::core::screening
