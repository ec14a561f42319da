#include "core/screening/resegment.h"

#include <algorithm>

namespace limen::core::screening {
namespace {

constexpr size_t kMinPart = 3;  // Letters each side of a split keeps at least.

void Add(std::vector<std::vector<std::string>>& out, const std::vector<std::string>& tokens,
         std::vector<std::string> proposal) {
  if (out.size() >= kMaxResegmentations || proposal == tokens) return;
  if (std::find(out.begin(), out.end(), proposal) != out.end()) return;
  out.push_back(std::move(proposal));
}

// `tokens` with token `at` replaced by `first` and `second`.
std::vector<std::string> SplitToken(const std::vector<std::string>& tokens, size_t at,
                                    std::string_view first, std::string_view second) {
  std::vector<std::string> out(tokens.begin(), tokens.begin() + static_cast<std::ptrdiff_t>(at));
  out.emplace_back(first);
  out.emplace_back(second);
  out.insert(out.end(), tokens.begin() + static_cast<std::ptrdiff_t>(at) + 1, tokens.end());
  return out;
}

}  // namespace

std::vector<std::vector<std::string>> Resegmentations(
    const std::vector<std::string>& tokens, const std::function<bool(std::string_view)>& listed,
    const std::function<bool(std::string_view)>& near) {
  std::vector<std::vector<std::string>> out;
  std::vector<bool> known(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) known[i] = listed(tokens[i]);
  // A joined token: split after its longest listed prefix and before its longest listed suffix.
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    if (known[i] || token.size() < kMinSplitLength || near(token)) continue;
    std::string_view text(token);
    for (size_t p = text.size() - kMinPart; p >= kMinPart; --p) {
      if (listed(text.substr(0, p))) {
        Add(out, tokens, SplitToken(tokens, i, text.substr(0, p), text.substr(p)));
        break;
      }
    }
    for (size_t p = kMinPart; p + kMinPart <= text.size(); ++p) {
      if (listed(text.substr(p))) {
        Add(out, tokens, SplitToken(tokens, i, text.substr(0, p), text.substr(p)));
        break;
      }
    }
  }
  // A letter across the space: the last letter of one token to the front of the next, or the
  // first letter of the next to the end of this one, when a token not listed becomes listed.
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (known[i] && known[i + 1]) continue;
    const std::string& a = tokens[i];
    const std::string& b = tokens[i + 1];
    auto consider = [&](std::string left, std::string right) {
      if (left.empty() || right.empty()) return;
      bool left_ok = listed(left), right_ok = listed(right);
      // Both must be listed afterwards, or the one that was not listed must now be.
      if (!(left_ok && right_ok) && !(!known[i] && left_ok && known[i + 1] == right_ok) &&
          !(!known[i + 1] && right_ok && known[i] == left_ok))
        return;
      std::vector<std::string> proposal = tokens;
      proposal[i] = std::move(left);
      proposal[i + 1] = std::move(right);
      Add(out, tokens, std::move(proposal));
    };
    if (a.size() >= 2) consider(a.substr(0, a.size() - 1), a.substr(a.size() - 1) + b);
    if (b.size() >= 2) consider(a + b.substr(0, 1), b.substr(1));
  }
  return out;
}

}  // namespace limen::core::screening
