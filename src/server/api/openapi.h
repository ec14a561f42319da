// The OpenAPI 3 document of the API, generated from the route table so that it cannot drift
// from the routes that exist (a test checks both directions).
//
// Thread-safety: pure function of the router.
#pragma once

#include <string>

#include "server/api/router.h"

namespace limen::server {

std::string BuildOpenApiDocument(const Router& router, const std::string& version);

}  // namespace limen::server
