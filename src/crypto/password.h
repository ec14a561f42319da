// Password hashing with argon2id (RFC 9106). Hashes are PHC-encoded strings such as
// "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>", so the parameters travel with each hash and
// can be raised later without invalidating stored hashes.
//
// Thread-safety: all functions are thread-safe. Hashing with the default cost takes tens of
// milliseconds and 19 MiB of memory; callers on an event loop should hash on a worker thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace limen::crypto {

struct PasswordCost {
  uint32_t time_cost = 2;           // Iterations.
  uint32_t memory_kib = 19 * 1024;  // 19 MiB, the OWASP minimum for argon2id.
  uint32_t parallelism = 1;
};

// The production default, and a deliberately weak setting for tests only.
inline constexpr PasswordCost kDefaultPasswordCost{};
inline constexpr PasswordCost kTestPasswordCost{1, 64, 1};

// Hashes `password` with a fresh 16-byte random salt. Fails with PASSWORD_TOO_LONG if the
// password exceeds 4096 bytes, or CRYPTO_ARGON2 on an internal failure.
Result<std::string> HashPassword(std::string_view password,
                                 const PasswordCost& cost = kDefaultPasswordCost);

// True if `password` matches `encoded`, false if it does not. Fails with PASSWORD_HASH_INVALID
// if `encoded` is not an argon2id PHC string.
Result<bool> VerifyPassword(std::string_view password, const std::string& encoded);

}  // namespace limen::crypto
