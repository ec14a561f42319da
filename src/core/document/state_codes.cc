#include "core/document/state_codes.h"

#include <algorithm>
#include <array>
#include <cstring>

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

template <typename Entry, typename Key>
const Entry* Find(const Entry* begin, const Entry* end, std::string_view code, Key key) {
  const Entry* found =
      std::lower_bound(begin, end, code, [&](const Entry& entry, std::string_view wanted) {
        return std::string_view(key(entry)) < wanted;
      });
  if (found != end && std::string_view(key(*found)) == code) return found;
  return nullptr;
}

}  // namespace

std::optional<StateCodeInfo> LookupStateCode(std::string_view code) {
  if (code.empty() || code.size() > 3) return std::nullopt;
  const auto* icao = Find(kIcaoCodes.data(), kIcaoCodes.data() + kIcaoCodes.size(), code,
                          [](const IcaoCode& entry) { return entry.code; });
  if (icao != nullptr) return StateCodeInfo{icao->code, icao->name, StateCodeKind::kIcao};
  const auto* iso = Find(internal::kIso3166, internal::kIso3166 + internal::kIso3166Count, code,
                         [](const internal::Iso3166Entry& entry) { return entry.alpha_3; });
  if (iso != nullptr) return StateCodeInfo{iso->alpha_3, iso->name, StateCodeKind::kIso3166};
  return std::nullopt;
}

int Iso3166CodeCount() { return internal::kIso3166Count; }

}  // namespace limen::core::document
