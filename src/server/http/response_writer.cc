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
void AppendSanitised(std::string& out, std::string_view value) {
  for (char c : value) out += (c == '\r' || c == '\n' || c == '\0') ? ' ' : c;
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

namespace {

void AppendHeader(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  out += value;
  out += "\r\n";
}

void AppendStatusLine(std::string& out, int status, unsigned version) {
  out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  out += std::to_string(status);
  out += ' ';
  out += beast_http::obsolete_reason(static_cast<beast_http::status>(status));
  out += "\r\n";
}

}  // namespace

std::string Serialize(Response&& response, const ResponseContext& context) {
  int status = (response.status >= 100 && response.status <= 599) ? response.status : 500;
  std::string out;
  out.reserve(256 + response.body.size());
  AppendStatusLine(out, status, context.version);
  bool has_cache_control = false;
  for (const Header& header : response.headers) {
    if (!IsValidName(header.name)) continue;
    beast_http::field field = beast_http::string_to_field(header.name);
    if (IsServerOwned(field)) continue;
    if (field == beast_http::field::cache_control) has_cache_control = true;
    out += header.name;
    out += ": ";
    AppendSanitised(out, header.value);
    out += "\r\n";
  }
  AppendHeader(out, "Date", HttpDate());
  AppendHeader(out, "Server", "limen");
  AppendHeader(out, "X-Request-Id", context.request_id);
  AppendHeader(out, "X-Content-Type-Options", "nosniff");
  if (!has_cache_control) AppendHeader(out, "Cache-Control", "no-store");
  if (context.tls) AppendHeader(out, "Strict-Transport-Security", "max-age=31536000");
  if (!context.keep_alive && context.version >= 11) AppendHeader(out, "Connection", "close");
  if (context.keep_alive && context.version == 10) AppendHeader(out, "Connection", "keep-alive");
  bool with_body = !BodyForbidden(status);
  if (with_body) AppendHeader(out, "Content-Length", std::to_string(response.body.size()));
  out += "\r\n";
  if (with_body && !context.head) out += response.body;
  return out;
}

}  // namespace limen::server::http::internal
