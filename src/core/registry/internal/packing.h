// Private to core/registry: the packed 16-byte form of a registry record. A document number of up
// to 12 characters is a bijective base-37 integer (digits 1..36, so "0A" and "A" differ); a State
// code of up to 3 letters is a bijective base-27 integer. Longer numbers live in an overflow list.
//
// Thread-safety: stateless functions and value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace limen::core::registry::internal {

inline constexpr size_t kMaxPackedNumberLength = 12;
inline constexpr size_t kMaxNumberLength = 24;
inline constexpr size_t kMaxSources = 1024;

struct PackedEntry {
  uint64_t number = 0;       // PackNumber().
  uint16_t state = 0;        // PackState().
  uint16_t reported_on = 0;  // Days since 1970-01-01.
  uint16_t meta = 0;         // kind << 13 | reason << 10 | source id.
  uint16_t removed = 0;      // Tombstone while a builder applies a delta.
};
static_assert(sizeof(PackedEntry) == 16);

inline uint16_t PackMeta(uint8_t kind, uint8_t reason, uint16_t source) {
  return static_cast<uint16_t>((kind & 7u) << 13 | (reason & 7u) << 10 | (source & 1023u));
}
inline uint8_t MetaKind(uint16_t meta) { return static_cast<uint8_t>(meta >> 13); }
inline uint8_t MetaReason(uint16_t meta) { return static_cast<uint8_t>((meta >> 10) & 7u); }
inline uint16_t MetaSource(uint16_t meta) { return static_cast<uint16_t>(meta & 1023u); }

inline int DigitOf(char c) {
  if (c >= '0' && c <= '9') return c - '0' + 1;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 11;
  return -1;
}

inline std::optional<uint64_t> PackNumber(std::string_view number) {
  if (number.empty() || number.size() > kMaxPackedNumberLength) return std::nullopt;
  uint64_t value = 0;
  for (char c : number) {
    const int digit = DigitOf(c);
    if (digit < 0) return std::nullopt;
    value = value * 37 + static_cast<uint64_t>(digit);
  }
  return value;
}

inline std::string UnpackNumber(uint64_t value) {
  std::string out;
  while (value != 0) {
    const int digit = static_cast<int>(value % 37);
    out.insert(out.begin(), digit <= 10 ? static_cast<char>('0' + digit - 1)
                                        : static_cast<char>('A' + digit - 11));
    value /= 37;
  }
  return out;
}

inline std::optional<uint16_t> PackState(std::string_view state) {
  if (state.empty() || state.size() > 3) return std::nullopt;
  uint32_t value = 0;
  for (char c : state) {
    if (c < 'A' || c > 'Z') return std::nullopt;
    value = value * 27 + static_cast<uint32_t>(c - 'A' + 1);
  }
  return static_cast<uint16_t>(value);
}

inline std::string UnpackState(uint16_t value) {
  std::string out;
  while (value != 0) {
    out.insert(out.begin(), static_cast<char>('A' + value % 27 - 1));
    value = static_cast<uint16_t>(value / 27);
  }
  return out;
}

// splitmix64 finaliser over number and State: spreads keys evenly over the directory.
inline uint64_t Mix(uint64_t number, uint16_t state) {
  uint64_t x = number ^ (static_cast<uint64_t>(state) * 0x9E3779B97F4A7C15ull);
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 31;
  return x;
}

}  // namespace limen::core::registry::internal
