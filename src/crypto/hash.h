// Cryptographic hashing and comparison: SHA-256 digests (used by the event and audit log hash
// chains and to store session tokens) and a constant-time byte comparison.
//
// Thread-safety: all functions are pure and thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace limen::crypto {

inline constexpr size_t kSha256Size = 32;
using Sha256Digest = std::array<uint8_t, kSha256Size>;

// SHA-256 of `bytes`.
Sha256Digest Sha256(std::string_view bytes);
// Lower-case hexadecimal SHA-256 of `bytes` (64 characters).
std::string Sha256Hex(std::string_view bytes);

// The digest as raw bytes (32 characters) or lower-case hex (64 characters).
std::string DigestBytes(const Sha256Digest& digest);
std::string DigestHex(const Sha256Digest& digest);

// True when `a` and `b` are equal. The time taken depends only on the lengths, never on where
// the inputs first differ, so secrets can be compared without a timing side channel.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace limen::crypto
