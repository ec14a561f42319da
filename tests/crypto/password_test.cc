#include "crypto/password.h"

#include <gtest/gtest.h>

#include "base/strings.h"

namespace limen::crypto {
namespace {

TEST(PasswordTest, HashIsPhcEncodedArgon2idWithTheRequestedCost) {
  Result<std::string> hash = HashPassword("correct horse", kTestPasswordCost);
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_TRUE(StartsWith(*hash, "$argon2id$v=19$m=64,t=1,p=1$")) << *hash;
}

TEST(PasswordTest, VerifyAcceptsTheRightPasswordOnly) {
  Result<std::string> hash = HashPassword("correct horse", kTestPasswordCost);
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(*VerifyPassword("correct horse", *hash));
  EXPECT_FALSE(*VerifyPassword("correct horsE", *hash));
  EXPECT_FALSE(*VerifyPassword("", *hash));
}

TEST(PasswordTest, SaltsDiffer) {
  Result<std::string> a = HashPassword("same", kTestPasswordCost);
  Result<std::string> b = HashPassword("same", kTestPasswordCost);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(*VerifyPassword("same", *b));
}

TEST(PasswordTest, DefaultCostIsAtLeastTheOwaspMinimum) {
  EXPECT_GE(kDefaultPasswordCost.memory_kib, 19u * 1024u);
  EXPECT_GE(kDefaultPasswordCost.time_cost, 2u);
  Result<std::string> hash = HashPassword("pw");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(StartsWith(*hash, "$argon2id$v=19$m=19456,t=2,p=1$")) << *hash;
  EXPECT_TRUE(*VerifyPassword("pw", *hash));
}

TEST(PasswordTest, RejectsMalformedHashesAndOverlongPasswords) {
  Result<bool> not_argon = VerifyPassword("pw", "$2b$10$abcdefghijklmnopqrstuv");
  ASSERT_FALSE(not_argon.ok());
  EXPECT_EQ(not_argon.status().reason(), "PASSWORD_HASH_INVALID");
  Result<bool> garbled = VerifyPassword("pw", "$argon2id$v=19$m=64,t=1,p=1$garbage");
  ASSERT_FALSE(garbled.ok());
  EXPECT_EQ(garbled.status().reason(), "PASSWORD_HASH_INVALID");
  Result<std::string> long_password = HashPassword(std::string(5000, 'x'), kTestPasswordCost);
  ASSERT_FALSE(long_password.ok());
  EXPECT_EQ(long_password.status().reason(), "PASSWORD_TOO_LONG");
}

}  // namespace
}  // namespace limen::crypto
