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

// Every code is a number: its letters (A = 1 ... Z = 26, absent = 0) read in base 27, below
// 27^3. The codes are kept in a small open-addressing hash table on that number (4 KiB, so that
// look-ups stay in the first-level cache), built once on first use.
constexpr int kKeys = 27 * 27 * 27;
constexpr int kHashBits = 10;
constexpr uint32_t kHashSlots = 1u << kHashBits;

// A-Z as 1-26 (the digits of a code's number); -1 for every other byte.
constexpr std::array<int8_t, 256> kLetterDigits = [] {
  std::array<int8_t, 256> digits{};
  digits.fill(-1);
  for (int c = 'A'; c <= 'Z'; ++c) digits[c] = static_cast<int8_t>(c - 'A' + 1);
  return digits;
}();

// The number of a code of one to three letters A-Z, or -1.
int KeyOf(std::string_view code) {
  if (code.empty() || code.size() > 3) return -1;
  const auto* c = reinterpret_cast<const unsigned char*>(code.data());
  const int first = kLetterDigits[c[0]];
  const int second = code.size() > 1 ? kLetterDigits[c[1]] : 0;
  const int third = code.size() > 2 ? kLetterDigits[c[2]] : 0;
  if ((first | second | third) < 0) return -1;
  return (first * 27 + second) * 27 + third;
}

uint32_t HomeSlot(int key) {
  return (static_cast<uint32_t>(key) * 2654435761u) >> (32 - kHashBits);
}

struct StateCodeIndex {
  struct Slot {
    uint16_t key_plus_one = 0;  // 0: empty.
    uint16_t entry = 0;
  };
  std::vector<StateCodeInfo> entries;
  std::array<Slot, kHashSlots> slots{};
  // One bit per possible code (2.4 KiB), for the existence test the parser makes.
  std::array<uint64_t, (kKeys + 63) / 64> known{};

  // The slot holding `key`, or the empty slot where it would go.
  uint32_t Find(int key) const {
    uint32_t slot = HomeSlot(key);
    while (slots[slot].key_plus_one != 0 && slots[slot].key_plus_one != key + 1) {
      slot = (slot + 1) % kHashSlots;
    }
    return slot;
  }

  void Add(std::string_view code, std::string_view name, StateCodeKind kind) {
    const int key = KeyOf(code);
    if (key < 0) return;
    known[key / 64] |= uint64_t{1} << (key % 64);
    Slot& slot = slots[Find(key)];
    if (slot.key_plus_one == 0) {
      slot = {static_cast<uint16_t>(key + 1), static_cast<uint16_t>(entries.size())};
      entries.push_back({code, name, kind});
    } else {
      entries[slot.entry] = {code, name, kind};
    }
  }
};

const StateCodeIndex& Index() {
  static const StateCodeIndex index = [] {
    StateCodeIndex built;
    built.entries.reserve(internal::kIso3166Count + kIcaoCodes.size());
    for (int i = 0; i < internal::kIso3166Count; ++i) {
      built.Add(internal::kIso3166[i].alpha_3, internal::kIso3166[i].name, StateCodeKind::kIso3166);
    }
    // Added last, so that an ICAO code replaces an ISO code of the same letters.
    for (const IcaoCode& icao : kIcaoCodes) built.Add(icao.code, icao.name, StateCodeKind::kIcao);
    return built;
  }();
  return index;
}

}  // namespace

std::optional<StateCodeInfo> LookupStateCode(std::string_view code) {
  const int key = KeyOf(code);
  if (key < 0) return std::nullopt;
  const StateCodeIndex& index = Index();
  const StateCodeIndex::Slot& slot = index.slots[index.Find(key)];
  if (slot.key_plus_one == 0) return std::nullopt;
  return index.entries[slot.entry];
}

bool IsKnownStateCode(std::string_view code) {
  const int key = KeyOf(code);
  return key >= 0 && (Index().known[key / 64] >> (key % 64) & 1) != 0;
}

int Iso3166CodeCount() { return internal::kIso3166Count; }

}  // namespace limen::core::document
