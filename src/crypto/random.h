// Cryptographically secure randomness from the operating system (through OpenSSL's DRBG):
// raw bytes, URL-safe tokens for sessions, and the base64url encoding they use.
//
// Thread-safety: all functions are thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace limen::crypto {

// `count` random bytes. Fails with CRYPTO_RANDOM only if the system generator fails.
Result<std::string> RandomBytes(size_t count);

// A URL-safe random token carrying 256 bits of entropy (43 base64url characters, no padding).
Result<std::string> RandomToken();

// Base64url (RFC 4648 section 5) without padding.
std::string Base64UrlEncode(std::string_view bytes);

}  // namespace limen::crypto
