// Serialises a handler's Response into HTTP/1.x bytes with the headers every Limen response
// carries: Date, Server, X-Request-Id, X-Content-Type-Options, Cache-Control (unless set),
// Strict-Transport-Security (TLS only) and Connection. Internal to server/http.
//
// Thread-safety: pure functions; the Date cache is per thread.
#pragma once

#include <string>
#include <string_view>

#include "server/http/http_server.h"
#include "server/http/internal/beast_request.h"

namespace limen::server::http::internal {

struct ResponseContext {
  std::string_view request_id;
  bool tls = false;
  bool keep_alive = true;
  unsigned version = 11;
  bool head = false;  // A HEAD request: keep Content-Length, send no body.
};

// The whole response (status line, headers, body) in one buffer, so it goes out in one write.
std::string Serialize(Response&& response, const ResponseContext& context);

// The IMF-fixdate for now ("Thu, 26 Nov 2026 17:20:00 GMT"), cached for the current second.
std::string_view HttpDate();

}  // namespace limen::server::http::internal
