// HttpServer: the listener, the thread pool and the shutdown sequence.
#include "server/http/http_server.h"

#include <fmt/format.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <condition_variable>
#include <random>
#include <thread>

#include "base/log.h"
#include "server/http/internal/server_core.h"

namespace limen::server::http {
namespace {

namespace asio = boost::asio;
using ErrorCode = boost::system::error_code;
using internal::ServerCore;

// A bijective 64-bit mix (splitmix64's finaliser): distinct inputs give distinct ids.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

std::string_view MethodLabel(std::string_view method) {
  static constexpr std::string_view kKnown[] = {"GET",    "HEAD",  "POST",    "PUT",
                                                "DELETE", "PATCH", "OPTIONS", "-"};
  for (std::string_view known : kKnown) {
    if (method == known) return known;
  }
  return "OTHER";
}

Status ValidateOptions(const ServerOptions& options) {
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return InvalidArgument("HTTP_BAD_OPTIONS", "Give both --tls-cert and --tls-key, or neither.");
  }
  if (options.threads < 0 || options.max_header_bytes == 0 || options.read_timeout.count() <= 0 ||
      options.write_timeout.count() <= 0 || options.idle_timeout.count() <= 0 ||
      options.drain_timeout.count() < 0) {
    return InvalidArgument("HTTP_BAD_OPTIONS",
                           "Server limits and timeouts must be positive numbers.");
  }
  return Status::Ok();
}

Status LoadTls(asio::ssl::context& context, const ServerOptions& options) {
  try {
    context.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                        asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                        asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
    context.use_certificate_chain_file(options.tls_cert_file);
    context.use_private_key_file(options.tls_key_file, asio::ssl::context::pem);
  } catch (const boost::system::system_error& error) {
    return InvalidArgument(
        "TLS_CERT_LOAD", "Could not load the TLS certificate or key (" + std::string(error.what()) +
                             "); check --tls-cert and --tls-key point to PEM files.");
  }
  return Status::Ok();
}

}  // namespace

namespace internal {

ServerCore::ServerCore(ServerOptions options_in, Handler handler_in, metrics::Registry* registry)
    : options(std::move(options_in)),
      handler(std::move(handler_in)),
      request_id_seed_(std::random_device{}() * 0x100000000ULL ^ std::random_device{}()) {
  if (registry == nullptr) return;
  requests_total = &registry->AddCounter("limen_http_requests_total",
                                         "HTTP requests answered, by route, method and status.",
                                         {"route", "method", "status"});
  request_duration = &registry->AddHistogram(
      "limen_http_request_duration_seconds",
      "Time from the first byte of a request to the last byte of its response.",
      metrics::DefaultLatencyBuckets(), {"route"});
  open_connections =
      &registry->AddGauge("limen_http_open_connections", "HTTP connections currently open.")
           .WithLabels({});
}

std::string ServerCore::NextRequestId() {
  uint64_t id = Mix(request_id_seed_ + next_request_.fetch_add(1, std::memory_order_relaxed));
  return fmt::format("{:016x}", id);
}

uint64_t ServerCore::Register(std::weak_ptr<SessionBase> session) {
  std::lock_guard lock(mutex_);
  uint64_t key = ++next_session_;
  sessions_.emplace(key, std::move(session));
  return key;
}

void ServerCore::Unregister(uint64_t key) {
  bool last = false;
  {
    std::lock_guard lock(mutex_);
    sessions_.erase(key);
    last = sessions_.empty() && stop_when_empty.load();
  }
  if (last && on_all_closed) asio::post(io_context, on_all_closed);
}

void ServerCore::ForEachSession(const std::function<void(SessionBase&)>& action) {
  std::vector<std::shared_ptr<SessionBase>> live;
  {
    std::lock_guard lock(mutex_);
    for (auto& [key, weak] : sessions_) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  for (auto& session : live) action(*session);
}

size_t ServerCore::SessionCount() {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

void ServerCore::RecordRequest(std::string_view route, std::string_view method, int status,
                               double seconds) {
  if (requests_total == nullptr) return;
  std::string status_text = std::to_string(status);
  requests_total->WithLabels({route, MethodLabel(method), status_text}).Increment();
  request_duration->WithLabels({route}).Observe(seconds);
}

}  // namespace internal

class HttpServer::Impl {
 public:
  Impl(ServerOptions options, Handler handler, metrics::Registry* registry)
      : core_(std::make_shared<ServerCore>(std::move(options), std::move(handler), registry)),
        acceptor_(asio::make_strand(core_->io_context)),
        drain_timer_(acceptor_.get_executor()),
        accept_retry_timer_(acceptor_.get_executor()),
        port_(core_->options.port) {}

  Status LoadTlsIfConfigured() {
    if (core_->options.tls_cert_file.empty()) return Status::Ok();
    core_->tls.emplace(asio::ssl::context::tls_server);
    return LoadTls(*core_->tls, core_->options);
  }

  Status Start();
  void Shutdown();
  void Wait();
  uint16_t port() const { return port_.load(); }

 private:
  Status Listen();
  void Accept();
  void RetryAccept(const ErrorCode& error);
  void CloseAcceptorAndDrain();
  void StopNow();

  std::shared_ptr<ServerCore> core_;
  asio::ip::tcp::acceptor acceptor_;       // Used on its strand only.
  asio::steady_timer drain_timer_;         // Same strand.
  asio::steady_timer accept_retry_timer_;  // Same strand.
  std::atomic<uint16_t> port_;
  std::vector<std::thread> threads_;
  std::mutex state_mutex_;
  std::condition_variable acceptor_closed_;
  bool started_ = false;
  bool running_ = false;
  bool shutdown_requested_ = false;
  bool acceptor_is_closed_ = false;
};

Status HttpServer::Impl::Listen() {
  ErrorCode error;
  auto address = asio::ip::make_address(core_->options.host, error);
  if (error) {
    return InvalidArgument(
        "HTTP_LISTEN", "The listen address '" + core_->options.host + "' is not an IP address.");
  }
  asio::ip::tcp::endpoint endpoint(address, core_->options.port);
  acceptor_.open(endpoint.protocol(), error);
  if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor_.bind(endpoint, error);
  if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return Unavailable("HTTP_LISTEN",
                       fmt::format("Cannot listen on {}:{} ({}); is another "
                                   "process using the port?",
                                   core_->options.host, core_->options.port, error.message()));
  }
  port_.store(acceptor_.local_endpoint().port());
  return Status::Ok();
}

Status HttpServer::Impl::Start() {
  {
    std::lock_guard lock(state_mutex_);
    if (started_) return FailedPrecondition("HTTP_STARTED", "The server was already started.");
    started_ = true;
  }
  core_->on_all_closed = [this] { StopNow(); };
  LIMEN_RETURN_IF_ERROR(Listen());
  Accept();
  int count = core_->options.threads > 0 ? core_->options.threads
                                         : static_cast<int>(std::thread::hardware_concurrency());
  count = std::max(count, 1);
  for (int i = 0; i < count; ++i) {
    threads_.emplace_back([this] {
      // Handlers may throw; the server must not die with them.
      for (;;) {
        try {
          core_->io_context.run();
          return;
        } catch (const std::exception& error) {
          log::Error(std::string("http: uncaught exception in a pool thread: ") + error.what());
        }
      }
    });
  }
  {
    std::lock_guard lock(state_mutex_);
    running_ = true;
  }
  log::Info(fmt::format("http: listening on {}:{} ({}, {} threads)", core_->options.host,
                        port_.load(), core_->tls ? "https" : "http", count));
  return Status::Ok();
}

void HttpServer::Impl::Accept() {
  acceptor_.async_accept(asio::make_strand(core_->io_context),
                         [this](ErrorCode error, asio::ip::tcp::socket socket) {
                           if (error == asio::error::operation_aborted || !acceptor_.is_open()) {
                             return;
                           }
                           if (error) return RetryAccept(error);
                           socket.set_option(asio::ip::tcp::no_delay(true), error);
                           internal::StartSession(core_, std::move(socket));
                           Accept();
                         });
}

// Accept fails when the process is out of descriptors (EMFILE) or memory; retrying at once
// would spin, so wait a little.
void HttpServer::Impl::RetryAccept(const ErrorCode& error) {
  log::Warning("http: accept failed (" + error.message() + "), retrying in 100 ms");
  accept_retry_timer_.expires_after(std::chrono::milliseconds(100));
  accept_retry_timer_.async_wait([this](ErrorCode wait_error) {
    if (!wait_error && acceptor_.is_open()) Accept();
  });
}

void HttpServer::Impl::Shutdown() {
  {
    std::lock_guard lock(state_mutex_);
    if (shutdown_requested_ || !running_) return;
    shutdown_requested_ = true;
  }
  core_->shutting_down.store(true);
  asio::post(acceptor_.get_executor(), [this] { CloseAcceptorAndDrain(); });
  // Return once new connections are refused, unless called from a pool thread (which could
  // be the one the close needs).
  if (core_->io_context.get_executor().running_in_this_thread()) return;
  std::unique_lock lock(state_mutex_);
  acceptor_closed_.wait(lock, [this] { return acceptor_is_closed_; });
}

void HttpServer::Impl::CloseAcceptorAndDrain() {
  ErrorCode ignored;
  acceptor_.close(ignored);
  accept_retry_timer_.cancel();
  {
    std::lock_guard lock(state_mutex_);
    acceptor_is_closed_ = true;
  }
  acceptor_closed_.notify_all();
  log::Info("http: shutting down, draining requests in flight");
  core_->stop_when_empty.store(true);
  core_->ForEachSession([](internal::SessionBase& session) { session.Drain(); });
  if (core_->SessionCount() == 0) return StopNow();
  drain_timer_.expires_after(core_->options.drain_timeout);
  drain_timer_.async_wait([this](ErrorCode error) {
    if (error) return;
    log::Warning("http: drain timeout reached, closing the remaining connections");
    core_->ForEachSession([](internal::SessionBase& session) { session.ForceClose(); });
    StopNow();
  });
}

void HttpServer::Impl::StopNow() {
  asio::post(acceptor_.get_executor(), [this] {
    drain_timer_.cancel();
    core_->io_context.stop();
  });
}

void HttpServer::Impl::Wait() {
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  if (!threads_.empty()) core_->stopped.store(true);
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() {
  impl_->Shutdown();
  impl_->Wait();
}

Result<std::unique_ptr<HttpServer>> HttpServer::Create(ServerOptions options, Handler handler,
                                                       metrics::Registry* metrics) {
  LIMEN_RETURN_IF_ERROR(ValidateOptions(options));
  if (!handler) return InvalidArgument("HTTP_BAD_OPTIONS", "The server needs a handler.");
  auto impl = std::make_unique<Impl>(std::move(options), std::move(handler), metrics);
  LIMEN_RETURN_IF_ERROR(impl->LoadTlsIfConfigured());
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

uint16_t HttpServer::port() const { return impl_->port(); }
Status HttpServer::Start() { return impl_->Start(); }
void HttpServer::Shutdown() { impl_->Shutdown(); }
void HttpServer::Wait() { impl_->Wait(); }

Status RunUntilSignalled(HttpServer& server) {
  asio::io_context signals_context;
  asio::signal_set signals(signals_context, SIGINT, SIGTERM);
  int received = 0;
  signals.async_wait([&](ErrorCode error, int number) {
    if (!error) received = number;
  });
  signals_context.run();
  log::Info(fmt::format("http: received signal {}, shutting down", received));
  server.Shutdown();
  server.Wait();
  return Status::Ok();
}

}  // namespace limen::server::http
