#include "base/status.h"

#include <gtest/gtest.h>

namespace limen {
namespace {

Result<int> Half(int value) {
  if (value % 2 != 0) return InvalidArgument("ODD", "value must be even");
  return value / 2;
}

Result<int> Quarter(int value) {
  LIMEN_ASSIGN_OR_RETURN(int half, Half(value));
  LIMEN_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(StatusTest, OkByDefault) {
  Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.ToString(), "OK");
}

TEST(StatusTest, CarriesCodeReasonMessage) {
  Status status = NotFound("USER_NOT_FOUND", "no such user");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.ToString(), "NOT_FOUND USER_NOT_FOUND: no such user");
  EXPECT_EQ(status.WithContext("line 3").message(), "line 3: no such user");
}

TEST(ResultTest, PropagatesErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> odd = Quarter(6);
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.status().reason(), "ODD");
}

TEST(ResultTest, OkStatusBecomesInternalError) {
  Result<int> result{Status::Ok()};
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace limen
