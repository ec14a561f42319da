#include "core/screening/scorer.h"

#include <algorithm>

namespace limen::core::screening {
namespace {

constexpr size_t kInitialSlots = 1024;  // Power of two; grows at half full.

size_t SlotOf(uint32_t token, size_t slots) {
  return (static_cast<size_t>(token) * 0x9E3779B1u) & (slots - 1);
}

}  // namespace

QueryName PrepareQueryName(const std::vector<std::string>& tokens, bool abjad) {
  QueryName name;
  name.tokens.reserve(tokens.size());
  for (const std::string& token : tokens) name.tokens.push_back(PrepareToken(token, abjad));
  std::vector<const PreparedToken*> all;
  for (const PreparedToken& token : name.tokens) all.push_back(&token);
  name.single_token = internal::MeaningfulTokens(all) <= 1;
  return name;
}

QueryScorer::QueryScorer(const ScreeningQuery& query, const std::vector<QueryName>& names,
                         const WatchlistIndex& index)
    : query_(query), names_(names), index_(index) {
  for (const QueryName& name : names) {
    size_t count = std::min(name.tokens.size(), internal::kMaxTokens);
    std::vector<const PreparedToken*> tokens;
    std::vector<double> weights;
    for (size_t i = 0; i < count; ++i) {
      const PreparedToken& token = name.tokens[i];
      tokens.push_back(&token);
      weights.push_back(internal::TokenWeight(token.text, index.Weight(token.text)));
    }
    query_offset_.push_back(columns_);
    columns_ += count;
    query_tokens_.push_back(std::move(tokens));
    query_weights_.push_back(std::move(weights));
  }
  slot_token_.assign(kInitialSlots, kEmpty);
  slot_row_.assign(kInitialSlots, 0);
}

size_t QueryScorer::Row(uint32_t token) {
  size_t mask = slot_token_.size() - 1;
  size_t slot = SlotOf(token, slot_token_.size());
  while (slot_token_[slot] != kEmpty) {
    if (slot_token_[slot] == token) return static_cast<size_t>(slot_row_[slot]) * columns_;
    slot = (slot + 1) & mask;
  }
  auto row = static_cast<uint32_t>(rows_.size() / std::max<size_t>(columns_, 1));
  const PreparedToken& listed = index_.token(token);
  for (const auto& tokens : query_tokens_) {
    for (const PreparedToken* q : tokens) {
      rows_.push_back(CompareTokens(*q, listed, internal::kMatchFloor));
    }
  }
  slot_token_[slot] = token;
  slot_row_[slot] = row;
  if (2 * (row + 1) > slot_token_.size()) {  // Rehash into twice the slots.
    std::vector<uint32_t> tokens(slot_token_.size() * 2, kEmpty), rows(slot_token_.size() * 2);
    for (size_t s = 0; s < slot_token_.size(); ++s) {
      if (slot_token_[s] == kEmpty) continue;
      size_t to = SlotOf(slot_token_[s], tokens.size());
      while (tokens[to] != kEmpty) to = (to + 1) & (tokens.size() - 1);
      tokens[to] = slot_token_[s];
      rows[to] = slot_row_[s];
    }
    slot_token_ = std::move(tokens);
    slot_row_ = std::move(rows);
  }
  return static_cast<size_t>(row) * columns_;
}

void QueryScorer::BestName(uint32_t entry, Best& best) {
  best = Best{};
  internal::Alignment alignment;
  std::array<const PreparedToken*, internal::kMaxTokens> listed;
  std::array<double, internal::kMaxTokens> listed_weights;
  std::array<size_t, internal::kMaxTokens> listed_rows;
  const uint32_t first = index_.first_name(entry), end = index_.first_name(entry + 1);
  for (size_t qn = 0; qn < query_tokens_.size(); ++qn) {
    const size_t offset = query_offset_[qn];
    for (uint32_t name = first; name < end; ++name) {
      std::span<const uint32_t> ids = index_.name_tokens(name);
      size_t count = std::min(ids.size(), internal::kMaxTokens);
      for (size_t j = 0; j < count; ++j) {
        listed[j] = &index_.token(ids[j]);
        listed_weights[j] = index_.token_weight(ids[j]);
        listed_rows[j] = Row(ids[j]);
      }
      internal::Align(
          query_tokens_[qn], query_weights_[qn].data(),
          std::span<const PreparedToken* const>(listed.data(), count), listed_weights.data(),
          [&](size_t i, size_t j) { return rows_[listed_rows[j] + offset + i]; }, alignment);
      const double score = alignment.score * names_[qn].factor;
      if (score > best.score) {
        best.score = score;
        best.query_name = qn;
        best.name = name - first;
        best.alignment = alignment;
      }
    }
  }
}

double QueryScorer::Score(uint32_t entry) {
  index_.DecodeEntry(entry, entry_);
  if (entry_.names.empty()) return 0.0;
  Best best;
  BestName(entry, best);
  return internal::ScoreFeatures(query_, entry_, best.name, best.score,
                                 names_[best.query_name].single_token, false, features_);
}

EntryScore QueryScorer::Explain(uint32_t entry) {
  Best best;
  BestName(entry, best);
  EntryScore score;
  score.best_name = best.name;
  std::span<const uint32_t> ids = index_.name_tokens(index_.first_name(entry) + best.name);
  std::vector<const PreparedToken*> listed;
  for (size_t j = 0; j < std::min(ids.size(), internal::kMaxTokens); ++j)
    listed.push_back(&index_.token(ids[j]));
  score.name_match = internal::ToNameMatch(best.alignment, query_tokens_[best.query_name], listed);
  score.name_match.score = best.score;  // With the query name's factor.
  index_.DecodeEntry(entry, entry_);
  score.score = internal::ScoreFeatures(query_, entry_, best.name, best.score,
                                        names_[best.query_name].single_token, true, score.features);
  return score;
}

}  // namespace limen::core::screening
