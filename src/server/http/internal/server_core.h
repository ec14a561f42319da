// State shared by the listener and every connection of one HttpServer: the io_context, the
// options and handler, the TLS context, metrics handles and the set of live connections used
// for graceful shutdown. Internal to server/http.
//
// Thread-safety: options, handler, tls and the metric handles are immutable after Start; the
// connection set is guarded by a mutex; flags are atomics. Every connection holds a shared_ptr
// to the core, so the io_context outlives every socket, even one kept alive by a Responder that
// is called (and ignored) after the server stopped.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "server/http/http_server.h"
#include "server/metrics/metrics.h"

namespace limen::server::http::internal {

// What the core needs from a connection during shutdown.
class SessionBase {
 public:
  virtual ~SessionBase() = default;
  // Stop reading new requests: close an idle connection now; a request being read gets 503;
  // a request being handled completes with Connection: close. Safe from any thread.
  virtual void Drain() = 0;
  // Close the socket at once (drain timeout). Safe from any thread.
  virtual void ForceClose() = 0;
};

struct ServerCore {
  ServerCore(ServerOptions options_in, Handler handler_in, metrics::Registry* registry);

  // Generates a fresh request id: 16 hex digits, unique within this process.
  std::string NextRequestId();
  // Registers a live connection; returns its key for Unregister.
  uint64_t Register(std::weak_ptr<SessionBase> session);
  // Removes a connection. When shutting down and none remain, calls on_all_closed.
  void Unregister(uint64_t key);
  // Number of live connections.
  size_t SessionCount();
  // Calls Drain() or ForceClose() on every live connection.
  void ForEachSession(const std::function<void(SessionBase&)>& action);
  // Records one finished request in the metrics (no-op without a registry).
  void RecordRequest(std::string_view route, std::string_view method, int status, double seconds);

  const ServerOptions options;
  const Handler handler;
  std::optional<boost::asio::ssl::context> tls;
  std::atomic<bool> shutting_down{false};
  // Set once the acceptor is closed; from then on the last connection to close posts
  // on_all_closed (on the io_context).
  std::atomic<bool> stop_when_empty{false};
  // Set once the pool threads have been joined; late Responders then drop their response.
  std::atomic<bool> stopped{false};
  std::function<void()> on_all_closed;

  // Metric handles; null without a registry.
  metrics::CounterFamily* requests_total = nullptr;
  metrics::HistogramFamily* request_duration = nullptr;
  metrics::Gauge* open_connections = nullptr;

 private:
  std::mutex mutex_;
  std::unordered_map<uint64_t, std::weak_ptr<SessionBase>> sessions_;
  uint64_t next_session_ = 0;
  std::atomic<uint64_t> next_request_{0};
  uint64_t request_id_seed_;

 public:
  // Declared last so it is destroyed first: handlers still queued in it may destroy sessions.
  boost::asio::io_context io_context;
};

// Takes ownership of an accepted socket and starts serving it (TLS when core.tls is set).
void StartSession(const std::shared_ptr<ServerCore>& core, boost::asio::ip::tcp::socket socket);

}  // namespace limen::server::http::internal
