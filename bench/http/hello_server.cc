// A tiny server for load tests with wrk: every request gets "hello" from HttpServer, with the
// same headers, metrics and access-log path `limen serve` uses, or (--raw) from a bare Asio
// loop that answers a fixed response per request: the baseline the overhead is measured
// against in the same run. Stops on SIGTERM/SIGINT.
//
//   limen_bench_http_hello --port 8090 --threads 2 [--access-log] [--no-metrics] [--raw]
#include <boost/asio.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "base/log.h"
#include "server/http/http_server.h"
#include "server/metrics/metrics.h"

namespace {

namespace asio = boost::asio;
namespace http = limen::server::http;

struct Flags {
  uint16_t port = 8090;
  int threads = 2;
  bool access_log = false;
  bool metrics = true;
  bool raw = false;
};

Flags ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--port" && i + 1 < argc)
      flags.port = static_cast<uint16_t>(std::atoi(argv[++i]));
    else if (arg == "--threads" && i + 1 < argc)
      flags.threads = std::atoi(argv[++i]);
    else if (arg == "--access-log")
      flags.access_log = true;
    else if (arg == "--no-metrics")
      flags.metrics = false;
    else if (arg == "--raw")
      flags.raw = true;
    else {
      std::fprintf(stderr, "unknown flag %s\n", arg.c_str());
      std::exit(2);
    }
  }
  return flags;
}

// The baseline: reads bytes, answers one fixed response per "\r\n\r\n" seen (GET only).
class RawConnection : public std::enable_shared_from_this<RawConnection> {
 public:
  explicit RawConnection(asio::ip::tcp::socket socket) : socket_(std::move(socket)) {}
  void Read() {
    socket_.async_read_some(asio::buffer(buffer_),
                            [self = shared_from_this()](boost::system::error_code error, size_t n) {
                              if (error) return;
                              self->Answer(n);
                            });
  }

 private:
  void Answer(size_t n) {
    static const std::string kResponse =
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";
    out_.clear();
    for (size_t i = 0; i < n; ++i) {
      state_ = (buffer_[i] == (state_ % 2 == 0 ? '\r' : '\n')) ? state_ + 1 : 0;
      if (state_ == 4) {
        out_ += kResponse;
        state_ = 0;
      }
    }
    if (out_.empty()) return Read();
    asio::async_write(socket_, asio::buffer(out_),
                      [self = shared_from_this()](boost::system::error_code error, size_t) {
                        if (!error) self->Read();
                      });
  }
  asio::ip::tcp::socket socket_;
  char buffer_[16384];
  std::string out_;
  int state_ = 0;
};

void RawAccept(asio::ip::tcp::acceptor& acceptor, asio::io_context& context) {
  acceptor.async_accept(asio::make_strand(context),
                        [&](boost::system::error_code error, asio::ip::tcp::socket socket) {
                          if (!error) {
                            socket.set_option(asio::ip::tcp::no_delay(true));
                            std::make_shared<RawConnection>(std::move(socket))->Read();
                          }
                          RawAccept(acceptor, context);
                        });
}

int RunRaw(const Flags& flags) {
  asio::io_context context;
  asio::ip::tcp::acceptor acceptor(
      context, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), flags.port));
  RawAccept(acceptor, context);
  asio::signal_set signals(context, SIGINT, SIGTERM);
  signals.async_wait([&](auto, int) { context.stop(); });
  std::vector<std::thread> threads;
  for (int i = 0; i < flags.threads; ++i) threads.emplace_back([&] { context.run(); });
  for (auto& thread : threads) thread.join();
  return 0;
}

int RunLimen(const Flags& flags) {
  limen::server::metrics::Registry registry;
  http::ServerOptions options;
  options.port = flags.port;
  options.threads = flags.threads;
  options.access_log = flags.access_log;
  auto handler = [](http::Request&&, http::Responder respond) {
    http::Response response;
    response.headers.push_back({"Content-Type", "text/plain"});
    response.body = "hello";
    response.route = "/hello";
    respond(std::move(response));
  };
  auto server = http::HttpServer::Create(options, handler, flags.metrics ? &registry : nullptr);
  if (!server.ok()) {
    std::fprintf(stderr, "%s\n", server.status().ToString().c_str());
    return 1;
  }
  limen::Status started = (*server)->Start();
  if (!started.ok()) {
    std::fprintf(stderr, "%s\n", started.ToString().c_str());
    return 1;
  }
  limen::Status stopped = http::RunUntilSignalled(**server);
  return stopped.ok() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags = ParseFlags(argc, argv);
  return flags.raw ? RunRaw(flags) : RunLimen(flags);
}
