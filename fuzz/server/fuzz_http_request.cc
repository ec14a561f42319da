// Feeds arbitrary bytes to ParseRequest, the parser HttpServer runs on every connection, and
// checks the invariants its callers rely on. Must run clean under ASan and UBSan.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "server/http/http_server.h"

namespace {

limen::server::http::ServerOptions SmallLimits() {
  limen::server::http::ServerOptions options;
  options.max_body_bytes = 4096;
  options.max_header_bytes = 2048;
  return options;
}

void Require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const limen::server::http::ServerOptions kOptions = SmallLimits();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto request = limen::server::http::ParseRequest(bytes, kOptions);
  if (!request.ok()) {
    const std::string& reason = request.status().reason();
    Require(reason == "BAD_REQUEST" || reason == "BODY_TOO_LARGE" || reason == "HEADER_TOO_LARGE");
    // The error body must be well-formed whatever the message holds.
    std::string body = limen::server::http::ErrorBody(reason, request.status().message());
    Require(body.front() == '{' && body.back() == '}');
    return 0;
  }
  Require(request->body.size() <= kOptions.max_body_bytes);
  Require(!request->method.empty());
  Require(request->path == "*" || (!request->path.empty() && request->path.front() == '/'));
  Require(request->path.find('\0') == std::string::npos);
  Require(request->target.size() >= request->query.size());
  for (const auto& header : request->headers) {
    Require(request->HeaderValue(header.name).data() != nullptr);
  }
  return 0;
}
