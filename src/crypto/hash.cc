#include "crypto/hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <memory>

#include "base/check.h"
#include "base/strings.h"

namespace limen::crypto {
namespace {

// OpenSSL 3's one-shot SHA256() looks the algorithm up in the provider tables on every call
// (under a lock) and allocates a context; the algorithm is fetched once here, and each thread
// keeps one context that it re-initialises.
const EVP_MD* Sha256Algorithm() {
  static const EVP_MD* const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return algorithm;
}

struct ContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

EVP_MD_CTX* ThreadContext() {
  thread_local std::unique_ptr<EVP_MD_CTX, ContextDeleter> context(EVP_MD_CTX_new());
  return context.get();
}

}  // namespace

Sha256Digest Sha256(std::string_view bytes) {
  Sha256Digest digest;
  EVP_MD_CTX* context = ThreadContext();
  unsigned int size = 0;
  const bool ok = context != nullptr && Sha256Algorithm() != nullptr &&
                  EVP_DigestInit_ex2(context, Sha256Algorithm(), nullptr) == 1 &&
                  EVP_DigestUpdate(context, bytes.data(), bytes.size()) == 1 &&
                  EVP_DigestFinal_ex(context, digest.data(), &size) == 1;
  LIMEN_CHECK(ok && size == digest.size());  // Only an OpenSSL without SHA-256 fails here.
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
