#include "crypto/password.h"

#include <argon2.h>

#include "base/strings.h"
#include "crypto/random.h"

namespace limen::crypto {
namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;
constexpr size_t kMaxPasswordBytes = 4096;

}  // namespace

Result<std::string> HashPassword(std::string_view password, const PasswordCost& cost) {
  if (password.size() > kMaxPasswordBytes) {
    return InvalidArgument("PASSWORD_TOO_LONG", "Choose a password of at most 4096 bytes.");
  }
  LIMEN_ASSIGN_OR_RETURN(std::string salt, RandomBytes(kSaltBytes));
  size_t encoded_length = argon2_encodedlen(cost.time_cost, cost.memory_kib, cost.parallelism,
                                            kSaltBytes, kHashBytes, Argon2_id);
  std::string encoded(encoded_length, '\0');
  int rc = argon2id_hash_encoded(cost.time_cost, cost.memory_kib, cost.parallelism, password.data(),
                                 password.size(), salt.data(), salt.size(), kHashBytes,
                                 encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    return Internal("CRYPTO_ARGON2", std::string("Password hashing failed (") +
                                         argon2_error_message(rc) +
                                         "); check the configured password cost.");
  }
  encoded.resize(std::char_traits<char>::length(encoded.c_str()));
  return encoded;
}

Result<bool> VerifyPassword(std::string_view password, const std::string& encoded) {
  if (!StartsWith(encoded, "$argon2id$")) {
    return InvalidArgument("PASSWORD_HASH_INVALID",
                           "The stored password hash is not argon2id; reset the user's password.");
  }
  if (password.size() > kMaxPasswordBytes) return false;
  int rc = argon2id_verify(encoded.c_str(), password.data(), password.size());
  if (rc == ARGON2_OK) return true;
  if (rc == ARGON2_VERIFY_MISMATCH) return false;
  return InvalidArgument("PASSWORD_HASH_INVALID",
                         std::string("The stored password hash cannot be read (") +
                             argon2_error_message(rc) + "); reset the user's password.");
}

}  // namespace limen::crypto
