#include "crypto/hash.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include "base/strings.h"

namespace limen::crypto {

Sha256Digest Sha256(std::string_view bytes) {
  Sha256Digest digest;
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest.data());
  return digest;
}

std::string Sha256Hex(std::string_view bytes) { return DigestHex(Sha256(bytes)); }

std::string DigestBytes(const Sha256Digest& digest) {
  return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

std::string DigestHex(const Sha256Digest& digest) { return HexEncode(DigestBytes(digest)); }

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace limen::crypto
