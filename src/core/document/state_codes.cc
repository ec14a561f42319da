#include "core/document/state_codes.h"

#include <array>
#include <cstdint>
#include <vector>

#include "core/document/internal/iso_3166.h"

namespace limen::core::document {
namespace {

struct IcaoCode {
  const char* code;
  const char* name;
};

// ICAO Doc 9303 Part 3, codes that are not ISO 3166-1 alpha-3. Sorted by code.
constexpr std::array<IcaoCode, 30> kIcaoCodes = {{
    {"ANT", "Netherlands Antilles (former)"},
    {"D", "Germany"},
    {"EUE", "European Union"},
    {"GBD", "British Overseas Territories Citizen"},
    {"GBN", "British National (Overseas)"},
    {"GBO", "British Overseas Citizen"},
    {"GBP", "British Protected Person"},
    {"GBS", "British Subject"},
    {"NTZ", "Neutral Zone (former)"},
    {"RKS", "Kosovo"},
    {"UNA", "Specialized agency of the United Nations"},
    {"UNK", "Resident of Kosovo (UNMIK)"},
    {"UNO", "United Nations Organization"},
    {"UTO", "Utopia (specimen)"},
    {"XAA", "Stateless person (former code)"},
    {"XBA", "African Development Bank"},
    {"XCC", "Caribbean Community (CARICOM)"},
    {"XCE", "Council of Europe"},
    {"XCO", "Common Market for Eastern and Southern Africa (COMESA)"},
    {"XDC", "Southern African Development Community"},
    {"XEC", "Economic Community of West African States (ECOWAS)"},
    {"XES", "Organisation of Eastern Caribbean States"},
    {"XIM", "African Export-Import Bank"},
    {"XMP", "Parliamentary Assembly of the Mediterranean"},
    {"XOM", "Sovereign Military Order of Malta"},
    {"XPO", "International Criminal Police Organization (INTERPOL)"},
    {"XXA", "Stateless person"},
    {"XXB", "Refugee (1951 Convention)"},
    {"XXC", "Refugee (other)"},
    {"XXX", "Unspecified nationality"},
}};

// A direct index over every possible code of one to three letters: the code's letters (A = 1 ...
// Z = 26, absent = 0) read as a number in base 27 select a slot holding the entry's position + 1
// in the combined table, 0 when the code is unknown. Built once, on first use.
constexpr int kSlots = 27 * 27 * 27;

// The slot of a code of one to three letters A-Z, or -1.
int SlotOf(std::string_view code) {
  if (code.empty() || code.size() > 3) return -1;
  int slot = 0;
  for (size_t index = 0; index < 3; ++index) {
    int digit = 0;
    if (index < code.size()) {
      const char c = code[index];
      if (c < 'A' || c > 'Z') return -1;
      digit = c - 'A' + 1;
    }
    slot = slot * 27 + digit;
  }
  return slot;
}

struct StateCodeIndex {
  std::vector<StateCodeInfo> entries;
  std::vector<uint16_t> slots = std::vector<uint16_t>(kSlots, 0);

  void Add(std::string_view code, std::string_view name, StateCodeKind kind) {
    const int slot = SlotOf(code);
    if (slot < 0) return;
    entries.push_back({code, name, kind});
    slots[slot] = static_cast<uint16_t>(entries.size());
  }
};

const StateCodeIndex& Index() {
  static const StateCodeIndex index = [] {
    StateCodeIndex built;
    built.entries.reserve(internal::kIso3166Count + kIcaoCodes.size());
    for (int i = 0; i < internal::kIso3166Count; ++i) {
      built.Add(internal::kIso3166[i].alpha_3, internal::kIso3166[i].name, StateCodeKind::kIso3166);
    }
    // Added last, so that an ICAO code wins over an ISO code of the same letters.
    for (const IcaoCode& icao : kIcaoCodes) built.Add(icao.code, icao.name, StateCodeKind::kIcao);
    return built;
  }();
  return index;
}

}  // namespace

std::optional<StateCodeInfo> LookupStateCode(std::string_view code) {
  const int slot = SlotOf(code);
  if (slot < 0) return std::nullopt;
  const StateCodeIndex& index = Index();
  const uint16_t position = index.slots[slot];
  if (position == 0) return std::nullopt;
  return index.entries[position - 1];
}

int Iso3166CodeCount() { return internal::kIso3166Count; }

}  // namespace limen::core::document
