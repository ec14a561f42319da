#include "server/http/internal/response_writer.h"

#include <ctime>
#include <string>

namespace limen::server::http::internal {
namespace {

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsValidName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

// A handler bug must not let a header value split the response: CR, LF and NUL become spaces.
std::string SanitiseValue(std::string_view value) {
  std::string out(value);
  for (char& c : out) {
    if (c == '\r' || c == '\n' || c == '\0') c = ' ';
  }
  return out;
}

// Headers the server owns; a handler's copies are dropped.
bool IsServerOwned(beast_http::field field) {
  switch (field) {
    case beast_http::field::connection:
    case beast_http::field::content_length:
    case beast_http::field::transfer_encoding:
    case beast_http::field::date:
    case beast_http::field::server:
      return true;
    default:
      return false;
  }
}

bool BodyForbidden(int status) { return status < 200 || status == 204 || status == 304; }

}  // namespace

std::string_view HttpDate() {
  thread_local std::time_t cached_second = 0;
  thread_local char cached[64] = {0};
  std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm parts{};
    gmtime_r(&now, &parts);
    std::strftime(cached, sizeof cached, "%a, %d %b %Y %H:%M:%S GMT", &parts);
    cached_second = now;
  }
  return cached;
}

BeastResponse ToBeast(Response&& response, const ResponseContext& context) {
  BeastResponse out;
  int status = (response.status >= 100 && response.status <= 599) ? response.status : 500;
  out.result(static_cast<unsigned>(status));
  out.version(context.version);
  bool has_cache_control = false;
  for (Header& header : response.headers) {
    if (!IsValidName(header.name)) continue;
    beast_http::field field = beast_http::string_to_field(header.name);
    if (IsServerOwned(field)) continue;
    if (field == beast_http::field::cache_control) has_cache_control = true;
    out.insert(header.name, SanitiseValue(header.value));
  }
  out.set(beast_http::field::date, HttpDate());
  out.set(beast_http::field::server, "limen");
  out.set("X-Request-Id", context.request_id);
  out.set("X-Content-Type-Options", "nosniff");
  if (!has_cache_control) out.set(beast_http::field::cache_control, "no-store");
  if (context.tls) out.set("Strict-Transport-Security", "max-age=31536000");
  out.keep_alive(context.keep_alive);
  if (BodyForbidden(status)) {
    return out;
  }
  size_t length = response.body.size();
  if (!context.head) out.body() = std::move(response.body);
  out.content_length(length);
  return out;
}

}  // namespace limen::server::http::internal
