// Limen's HTTP/1.1 server: keep-alive, pipelining, request limits, timeouts, optional TLS,
// graceful shutdown, an access-log line and metrics per request. Boost.Beast does the protocol
// work behind a pimpl; this header and everything above it stay free of Boost.
//
// The server knows nothing about routes: it hands every well-formed request to one Handler and
// writes whatever Response the handler produces, adding the standard headers (Date, Server,
// X-Request-Id, security headers, Connection). Errors the server produces itself (413, 431,
// 400, 503) use the API's error shape {"error":{"code":"...","message":"...","details":{}}}.
//
// Threading model (see docs/decisions/0002-http-server.md): one io_context run by `threads`
// threads; each connection runs on its own strand, so a connection's requests are answered in
// order; the Handler runs on a pool thread and may complete later from any thread through the
// Responder, which posts back to the connection's strand.
//
// Thread-safety: Create/Start/Shutdown/Wait may be called from any thread, but Start once only.
// Shutdown is idempotent and may be called concurrently with anything (e.g. from a signal
// thread). The Handler is called concurrently from pool threads and must be thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace limen::server::metrics {
class Registry;
}  // namespace limen::server::metrics

namespace limen::server::http {

struct Header {
  std::string name;
  std::string value;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // Raw target, e.g. "/api/v1/audit?actor=x".
  std::string path;    // Percent-decoded path without the query.
  std::string query;   // Raw query string without '?'.
  std::vector<Header> headers;
  std::string body;
  std::string remote_address;  // Client IP as text.
  bool tls = false;
  std::string request_id;  // Generated per request, also sent back as X-Request-Id.
  int version = 11;        // 10 for HTTP/1.0, 11 for HTTP/1.1.
  bool keep_alive = true;  // What the client asked for (version and Connection header).

  // Case-insensitive lookup of the first header with this name; empty if absent.
  std::string_view HeaderValue(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<Header> headers;  // E.g. {"Content-Type","application/json"}, Set-Cookie.
  std::string body;
  // Set by the handler for the access log and metrics: the route pattern, e.g.
  // "/api/v1/users/{id}"; empty means "unmatched".
  std::string route;
};

// Called for every request, on a pool thread. It MUST call `respond` exactly once, possibly
// later and from another thread (e.g. after a database group commit). Extra calls are ignored.
// If the Responder is destroyed without being called, the client gets a 500 INTERNAL.
using Responder = std::function<void(Response&&)>;
using Handler = std::function<void(Request&&, Responder)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 = pick a free port (tests).
  int threads = 0;       // 0 = std::thread::hardware_concurrency().
  size_t max_body_bytes = 1 << 20;
  size_t max_header_bytes = 16 << 10;
  std::chrono::milliseconds read_timeout{30000};  // A whole request must arrive within this.
  std::chrono::milliseconds write_timeout{30000};
  std::chrono::milliseconds idle_timeout{60000};   // Keep-alive idle.
  std::chrono::milliseconds drain_timeout{15000};  // Graceful shutdown limit.
  std::string tls_cert_file, tls_key_file;         // Both set = HTTPS only (PEM files).
  bool access_log = true;
};

// Builds the server's error body {"error":{"code":..,"message":..,"details":{}}} with correct
// JSON string escaping. `code` is a stable upper-case code such as "BODY_TOO_LARGE".
std::string ErrorBody(std::string_view code, std::string_view message);
// Escapes `text` as the inside of a JSON string (quotes not included).
std::string JsonEscape(std::string_view text);

// Parses one complete HTTP/1.x request from `bytes` with the same parser, limits and
// normalisation the server uses (path percent-decoding, query split). Extra bytes after the
// request are ignored. Errors: BAD_REQUEST (400, malformed or incomplete), HEADER_TOO_LARGE
// (431, as kResourceExhausted), BODY_TOO_LARGE (413, as kResourceExhausted). Never throws.
Result<Request> ParseRequest(std::string_view bytes, const ServerOptions& options);

class HttpServer {
 public:
  // Validates the options and loads the TLS certificate and key when given. Binds nothing yet.
  // Errors: HTTP_BAD_OPTIONS, TLS_CERT_LOAD.
  static Result<std::unique_ptr<HttpServer>> Create(ServerOptions options, Handler handler,
                                                    metrics::Registry* metrics /*nullable*/);
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  // Shuts down and waits if still running.
  ~HttpServer();

  // The actual bound port (after Start), else the configured one.
  uint16_t port() const;
  // Binds, listens and starts the pool; returns once listening. Errors: HTTP_LISTEN.
  Status Start();
  // Stops accepting (new connections are refused), lets requests in flight finish within
  // drain_timeout, closes idle keep-alive connections, then stops. Returns without waiting.
  void Shutdown();
  // Blocks until fully stopped (all pool threads joined). Returns at once if never started.
  void Wait();

  class Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Runs until SIGTERM or SIGINT, then Shutdown() and Wait(). Used by `limen serve`.
// REQUIRES: server.Start() succeeded.
Status RunUntilSignalled(HttpServer& server);

}  // namespace limen::server::http
