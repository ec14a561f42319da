// One HTTP connection: read a request, hand it to the Handler, write the response, repeat.
// Templated over the stream so plain TCP and TLS share everything but the handshake and close.
// Every member function runs on the connection's strand except Drain and ForceClose.
#include <fmt/format.h>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <mutex>
#include <optional>

#include "base/log.h"
#include "server/http/internal/beast_request.h"
#include "server/http/internal/response_writer.h"
#include "server/http/internal/server_core.h"

namespace limen::server::http::internal {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using SteadyClock = std::chrono::steady_clock;
using ErrorCode = boost::system::error_code;
using TcpStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

constexpr size_t kReadChunk = 16 << 10;
constexpr std::chrono::seconds kLingerLimit{1};

enum class State { kIdle, kReading, kHandling, kWriting, kClosing };

template <typename Stream>
class Session final : public SessionBase, public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <typename... StreamArgs>
  Session(const std::shared_ptr<ServerCore>& core, asio::ip::tcp::socket&& socket,
          StreamArgs&&... stream_args);
  ~Session() override;

  void Run();
  void Drain() override;
  void ForceClose() override;

 private:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  TcpStream& Tcp() { return beast::get_lowest_layer(stream_); }
  void WaitForRequest();
  void OnIdleRead(ErrorCode error, size_t bytes);
  void ReadRequest();
  bool ParseBuffered();
  void OnHeader(ErrorCode error);
  void OnRead(ErrorCode error);
  void Dispatch(Request&& request);
  Responder MakeResponder();
  void Respond(Response&& response, bool close_after);
  void RespondError(const Status& status);
  void OnWrite(bool keep_alive, ErrorCode error, size_t bytes);
  void Record(size_t bytes);
  void CloseGracefully();
  void Linger();
  void Close();

  // Declared first so it is released last: the socket below belongs to the core's io_context,
  // which must outlive it even when a late Responder keeps this session past the server.
  std::shared_ptr<ServerCore> core_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<RequestParser> parser_;
  std::string response_;  // Serialised; must live until its write completes.
  std::string remote_address_;
  uint64_t key_ = 0;
  State state_ = State::kIdle;
  bool draining_ = false;
  // The request being served, for the response, the access log and metrics.
  std::string method_, path_, request_id_, route_;
  bool request_keep_alive_ = false;
  bool request_head_ = false;
  unsigned request_version_ = 11;
  int status_ = 0;
  SteadyClock::time_point started_;
  uint64_t generation_ = 0;  // Which request a Responder belongs to.
  char linger_scratch_[1024];
  // Guards closing the socket against ForceClose, which runs off the strand.
  std::mutex close_mutex_;
  bool closed_ = false;
};

// Keeps the "exactly once" promise of a Responder: later calls are ignored, and when every
// copy is gone without a call the client still gets an answer (500).
struct ResponderState {
  std::atomic<bool> called{false};
  std::function<void(Response&&, bool)> deliver;

  void Call(Response&& response, bool close_after) {
    if (called.exchange(true)) return;
    deliver(std::move(response), close_after);
  }
  ~ResponderState() {
    if (called.load()) return;
    Response response;
    response.status = 500;
    response.body = ErrorBody("INTERNAL", "The server failed to answer this request.");
    response.headers.push_back({"Content-Type", "application/json"});
    Call(std::move(response), true);
  }
};

// A decoded path may hold any byte but NUL; control characters and spaces are escaped so a
// request cannot forge or split access-log lines.
std::string LogSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f || c == '\\') {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

std::string RemoteAddress(const asio::ip::tcp::socket& socket) {
  ErrorCode error;
  auto endpoint = socket.remote_endpoint(error);
  return error ? std::string("unknown") : endpoint.address().to_string();
}

bool IsDisconnect(const ErrorCode& error) {
  return error == beast::http::error::end_of_stream || error == beast::error::timeout ||
         error == asio::error::operation_aborted || error == asio::error::eof ||
         error == asio::error::connection_reset || error == asio::ssl::error::stream_truncated ||
         error.category() !=
             beast::http::make_error_code(beast::http::error::body_limit).category();
}

template <typename Stream>
template <typename... StreamArgs>
Session<Stream>::Session(const std::shared_ptr<ServerCore>& core, asio::ip::tcp::socket&& socket,
                         StreamArgs&&... stream_args)
    : core_(core), stream_(std::move(socket), std::forward<StreamArgs>(stream_args)...) {
  remote_address_ = RemoteAddress(Tcp().socket());
  if (core_->open_connections) core_->open_connections->Add(1);
}

template <typename Stream>
Session<Stream>::~Session() {
  // After the pool stopped the registry may be gone with the server's owner.
  if (core_->open_connections && !core_->stopped.load()) core_->open_connections->Add(-1);
  if (key_ != 0) core_->Unregister(key_);
}

template <typename Stream>
void Session<Stream>::Run() {
  key_ = core_->Register(this->weak_from_this());
  auto self = this->shared_from_this();
  if constexpr (kTls) {
    Tcp().expires_after(core_->options.read_timeout);
    stream_.async_handshake(asio::ssl::stream_base::server, [self](ErrorCode error) {
      if (error) return self->Close();
      self->WaitForRequest();
    });
  } else {
    asio::dispatch(stream_.get_executor(), [self] { self->WaitForRequest(); });
  }
}

template <typename Stream>
void Session<Stream>::Drain() {
  asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
    self->draining_ = true;
    if (self->state_ == State::kIdle) self->Tcp().cancel();
  });
}

template <typename Stream>
void Session<Stream>::ForceClose() {
  // Called from the drain timer on another thread: shutdown(2) only reads the descriptor, and
  // wakes every pending operation of this connection with an error.
  std::lock_guard lock(close_mutex_);
  if (closed_) return;  // The descriptor may already belong to someone else.
  ErrorCode ignored;
  Tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
}

// Waits (up to idle_timeout) for the first bytes of the next request, unless some are already
// buffered (pipelining). The read timeout then covers the whole request.
template <typename Stream>
void Session<Stream>::WaitForRequest() {
  if (buffer_.size() > 0) return ReadRequest();
  if (draining_) return Close();
  state_ = State::kIdle;
  Tcp().expires_after(core_->options.idle_timeout);
  stream_.async_read_some(buffer_.prepare(kReadChunk),
                          [self = this->shared_from_this()](ErrorCode error, size_t bytes) {
                            self->OnIdleRead(error, bytes);
                          });
}

template <typename Stream>
void Session<Stream>::OnIdleRead(ErrorCode error, size_t bytes) {
  buffer_.commit(bytes);
  if (error && buffer_.size() == 0) return Close();
  ReadRequest();
}

template <typename Stream>
void Session<Stream>::ReadRequest() {
  state_ = State::kReading;
  started_ = SteadyClock::now();
  if (ParseBuffered()) return;
  Tcp().expires_after(core_->options.read_timeout);
  beast::http::async_read_header(
      stream_, buffer_, *parser_,
      [self = this->shared_from_this()](ErrorCode error, size_t) { self->OnHeader(error); });
}

// The fast path: when the buffer already holds a whole request (the usual case for small
// requests, and for pipelined ones) parse it here, without a composed read operation and its
// extra trip through the strand. Otherwise start over with a fresh parser, because Beast must
// not see the same incomplete bytes twice. Returns true if the request was dealt with.
template <typename Stream>
bool Session<Stream>::ParseBuffered() {
  parser_.emplace();
  ConfigureParser(*parser_, core_->options);
  if (buffer_.size() == 0) return false;
  parser_->eager(true);
  ErrorCode error;
  size_t used = parser_->put(buffer_.data(), error);
  if (error == beast::http::error::need_more || (!error && !parser_->is_done())) {
    parser_.emplace();
    ConfigureParser(*parser_, core_->options);
    return false;
  }
  buffer_.consume(used);
  OnRead(error);
  return true;
}

// Answers "Expect: 100-continue" before reading the body, so clients such as curl do not pause
// a second before sending it. Limits were checked with the header: an oversized
// Content-Length got its 413 without a 100.
template <typename Stream>
void Session<Stream>::OnHeader(ErrorCode error) {
  if (error || parser_->is_done()) return OnRead(error);
  auto read_body = [self = this->shared_from_this()] {
    beast::http::async_read(self->stream_, self->buffer_, *self->parser_,
                            [self](ErrorCode read_error, size_t) { self->OnRead(read_error); });
  };
  const auto& header = parser_->get();
  auto expect = header.find(beast::http::field::expect);
  if (expect == header.end() || header.version() < 11 ||
      !beast::iequals(expect->value(), "100-continue")) {
    return read_body();
  }
  static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
  asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                    [self = this->shared_from_this(), read_body](ErrorCode write_error, size_t) {
                      if (write_error) return self->Close();
                      read_body();
                    });
}

template <typename Stream>
void Session<Stream>::OnRead(ErrorCode error) {
  if (error && IsDisconnect(error)) return Close();
  request_id_ = core_->NextRequestId();
  method_ = "-";
  path_ = "-";
  request_keep_alive_ = false;
  request_head_ = false;
  request_version_ = 11;
  if (parser_->is_header_done()) {
    method_ = std::string(parser_->get().method_string());
    request_version_ = parser_->get().version() == 10 ? 10 : 11;
  }
  if (error) return RespondError(ParseErrorStatus(error));
  Result<Request> request = FromBeast(parser_->release());
  parser_.reset();
  if (!request.ok()) return RespondError(request.status());
  path_ = request->path;
  request_keep_alive_ = request->keep_alive;
  request_head_ = request->method == "HEAD";
  if (draining_ || core_->shutting_down.load()) {
    return RespondError(
        Unavailable("SHUTTING_DOWN", "The server is shutting down; retry on a new connection."));
  }
  Dispatch(std::move(*request));
}

template <typename Stream>
void Session<Stream>::Dispatch(Request&& request) {
  state_ = State::kHandling;
  request.remote_address = remote_address_;
  request.tls = kTls;
  request.request_id = request_id_;
  Tcp().expires_never();
  try {
    core_->handler(std::move(request), MakeResponder());
  } catch (const std::exception& error) {
    // The responder copies died with the handler's frame, so the client gets a 500.
    log::Error(fmt::format("http: handler threw for request {}: {}", request_id_, error.what()));
  }
}

template <typename Stream>
Responder Session<Stream>::MakeResponder() {
  auto state = std::make_shared<ResponderState>();
  uint64_t generation = ++generation_;
  state->deliver = [session = this->shared_from_this(), generation](Response&& response,
                                                                    bool close_after) {
    // Once the pool has stopped nothing would run the completion, and queueing it would tie
    // the session and the io_context in a cycle; drop it instead.
    if (session->core_->stopped.load()) return;
    asio::dispatch(session->stream_.get_executor(), [session, generation, close_after,
                                                     response = std::move(response)]() mutable {
      if (session->generation_ != generation || session->state_ != State::kHandling) {
        return;
      }
      session->Respond(std::move(response), close_after);
    });
  };
  return [state](Response&& response) { state->Call(std::move(response), false); };
}

template <typename Stream>
void Session<Stream>::RespondError(const Status& status) {
  Response response;
  response.status = HttpStatusFor(status);
  response.body = ErrorBody(status.reason(), status.message());
  response.headers.push_back({"Content-Type", "application/json"});
  Respond(std::move(response), /*close_after=*/true);
}

template <typename Stream>
void Session<Stream>::Respond(Response&& response, bool close_after) {
  state_ = State::kWriting;
  status_ = response.status;
  route_ = std::move(response.route);
  bool keep_alive =
      !close_after && !draining_ && !core_->shutting_down.load() && request_keep_alive_;
  ResponseContext context{request_id_, kTls, keep_alive, request_version_, request_head_};
  response_ = Serialize(std::move(response), context);
  Tcp().expires_after(core_->options.write_timeout);
  asio::async_write(stream_, asio::buffer(response_),
                    [self = this->shared_from_this(), keep_alive](ErrorCode error, size_t bytes) {
                      self->OnWrite(keep_alive, error, bytes);
                    });
}

template <typename Stream>
void Session<Stream>::OnWrite(bool keep_alive, ErrorCode error, size_t bytes) {
  response_.clear();
  Record(bytes);
  if (error) return Close();
  if (!keep_alive) return CloseGracefully();
  WaitForRequest();
}

template <typename Stream>
void Session<Stream>::Record(size_t bytes) {
  double seconds = std::chrono::duration<double>(SteadyClock::now() - started_).count();
  std::string_view route = route_.empty() ? std::string_view("unmatched") : route_;
  // Log first: a test (or an operator) that sees the metric can rely on the line being out.
  if (core_->options.access_log) {
    log::Info(fmt::format("http {} {} {} {} {}B {:.3f}ms id={} route={}", remote_address_,
                          LogSafe(method_), LogSafe(path_), status_, bytes, seconds * 1000.0,
                          request_id_, LogSafe(route)));
  }
  core_->RecordRequest(route, method_, status_, seconds);
}

// After a response with Connection: close. TLS sends close_notify; plain TCP half-closes and
// reads what the client still sends (e.g. the rest of a rejected body) so the kernel does not
// answer it with a reset that could destroy the response in flight.
template <typename Stream>
void Session<Stream>::CloseGracefully() {
  state_ = State::kClosing;
  Tcp().expires_after(kLingerLimit);
  if constexpr (kTls) {
    stream_.async_shutdown([self = this->shared_from_this()](ErrorCode) { self->Close(); });
  } else {
    ErrorCode ignored;
    Tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    Linger();
  }
}

template <typename Stream>
void Session<Stream>::Linger() {
  Tcp().async_read_some(asio::buffer(linger_scratch_),
                        [self = this->shared_from_this()](ErrorCode error, size_t) {
                          if (error) return self->Close();
                          self->Linger();
                        });
}

template <typename Stream>
void Session<Stream>::Close() {
  state_ = State::kClosing;
  std::lock_guard lock(close_mutex_);
  if (closed_) return;
  closed_ = true;
  ErrorCode ignored;
  Tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  Tcp().close();
}

}  // namespace

void StartSession(const std::shared_ptr<ServerCore>& core, asio::ip::tcp::socket socket) {
  if (core->tls) {
    std::make_shared<Session<TlsStream>>(core, std::move(socket), *core->tls)->Run();
  } else {
    std::make_shared<Session<TcpStream>>(core, std::move(socket))->Run();
  }
}

}  // namespace limen::server::http::internal
