#include "server/api/router.h"

#include <gtest/gtest.h>

#include "server/api/errors.h"
#include "server/api/json_fields.h"

namespace limen::server {
namespace {

ApiResponse Ok(const ApiRequest&) { return ApiResponse::Json(200, "{}"); }

TEST(RouterTest, MatchesPatternsAndParameters) {
  Router router;
  router.AddSync({.method = "GET", .pattern = "/api/v1/users"}, Ok);
  router.AddSync({.method = "GET", .pattern = "/api/v1/users/{id}"}, Ok);
  router.AddSync({.method = "POST", .pattern = "/api/v1/users/{id}/disable"}, Ok);
  auto list = router.Match("GET", "/api/v1/users/");
  ASSERT_NE(list.route, nullptr);
  EXPECT_EQ(list.route->spec.pattern, "/api/v1/users");
  auto one = router.Match("GET", "/api/v1/users/42");
  ASSERT_NE(one.route, nullptr);
  EXPECT_EQ(one.path_params["id"], "42");
  auto disable = router.Match("POST", "/api/v1/users/7/disable");
  ASSERT_NE(disable.route, nullptr);
  EXPECT_EQ(disable.path_params["id"], "7");
  auto wrong_method = router.Match("DELETE", "/api/v1/users/7");
  EXPECT_EQ(wrong_method.route, nullptr);
  EXPECT_TRUE(wrong_method.path_matched_other_method);
  auto none = router.Match("GET", "/api/v2/users");
  EXPECT_EQ(none.route, nullptr);
  EXPECT_FALSE(none.path_matched_other_method);
}

TEST(RouterTest, QueryParametersArePercentDecoded) {
  ApiRequest request;
  request.http.query = "actor=a%20b&route=%2Fapi%2Fv1&empty&x=1+2";
  EXPECT_EQ(request.Query("actor"), "a b");
  EXPECT_EQ(request.Query("route"), "/api/v1");
  EXPECT_EQ(request.Query("empty"), "");
  EXPECT_EQ(request.Query("x"), "1 2");
  EXPECT_FALSE(request.Query("missing").has_value());
  EXPECT_EQ(PercentDecode("%zz%4", false), "%zz%4");
}

TEST(ErrorsTest, OneMappingToHttp) {
  EXPECT_EQ(HttpStatusFor(InvalidArgument("X", "")), 400);
  EXPECT_EQ(HttpStatusFor(Unauthenticated("X", "")), 401);
  EXPECT_EQ(HttpStatusFor(PermissionDenied("X", "")), 403);
  EXPECT_EQ(HttpStatusFor(NotFound("X", "")), 404);
  EXPECT_EQ(HttpStatusFor(AlreadyExists("X", "")), 409);
  EXPECT_EQ(HttpStatusFor(ResourceExhausted("AUTH_THROTTLED", "")), 429);
  EXPECT_EQ(HttpStatusFor(InvalidArgument("BODY_TOO_LARGE", "")), 413);
  EXPECT_EQ(HttpStatusFor(Unavailable("X", "")), 503);
  EXPECT_EQ(ErrorBody(NotFound("USER_NOT_FOUND", "no \"such\" user")),
            R"({"error":{"code":"USER_NOT_FOUND","details":{},"message":"no \"such\" user"}})");
}

TEST(JsonFieldsTest, TypedAccessWithStableCodes) {
  EXPECT_EQ(ParseJsonObject("{").status().reason(), "JSON_MALFORMED");
  EXPECT_EQ(ParseJsonObject("[]").status().reason(), "JSON_NOT_OBJECT");
  EXPECT_EQ(ParseJsonObject("").status().reason(), "JSON_MALFORMED");
  auto body = ParseJsonObject(R"({"a":"x","n":3,"b":true,"list":["p","q"],"bad":[1]})");
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(*RequiredString(*body, "a"), "x");
  EXPECT_EQ(*RequiredInt(*body, "n"), 3);
  EXPECT_EQ(RequiredString(*body, "n").status().reason(), "FIELD_TYPE");
  EXPECT_EQ(RequiredString(*body, "zz").status().reason(), "FIELD_MISSING");
  EXPECT_FALSE(OptionalString(*body, "zz")->has_value());
  EXPECT_EQ(**OptionalBool(*body, "b"), true);
  EXPECT_EQ(StringArray(*body, "list")->size(), 2u);
  EXPECT_EQ(StringArray(*body, "bad").status().reason(), "FIELD_TYPE");
}

}  // namespace
}  // namespace limen::server
