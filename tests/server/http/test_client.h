// A deliberately small blocking HTTP/1.1 client for the server tests: raw bytes out, parsed
// responses in (Beast's parser over a POSIX socket), with timeouts so a bug fails a test
// instead of hanging it.
//
// Thread-safety: one RawClient per thread.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/beast/http.hpp>
#include <chrono>
#include <optional>
#include <string>

namespace limen::server::http::testing {

using ParsedResponse = boost::beast::http::response<boost::beast::http::string_body>;

class RawClient {
 public:
  RawClient() = default;
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;
  ~RawClient() { Close(); }

  // Connects to 127.0.0.1:port. Returns false if refused.
  bool Connect(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      Close();
      return false;
    }
    return true;
  }

  bool Send(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(sent));
    }
    return true;
  }

  // Reads one response; nullopt on timeout, close or parse error. `head_response` says the
  // response answers a HEAD request (headers only, whatever Content-Length says).
  std::optional<ParsedResponse> Read(
      std::chrono::milliseconds timeout = std::chrono::milliseconds(5000),
      bool head_response = false) {
    boost::beast::http::response_parser<boost::beast::http::string_body> parser;
    parser.eager(true);
    parser.skip(head_response);
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      if (!pending_.empty()) {
        boost::system::error_code error;
        size_t used = parser.put(boost::asio::buffer(pending_), error);
        pending_.erase(0, used);
        if (parser.is_done()) return parser.release();
        if (error && error != boost::beast::http::error::need_more) return std::nullopt;
        if (used > 0) continue;
      }
      if (!Fill(deadline)) return std::nullopt;
    }
  }

  // True if the server closes the connection (EOF or reset) within `timeout`, with no more
  // bytes arriving first.
  bool WaitForClose(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      size_t before = pending_.size();
      if (!Fill(deadline)) return closed_;
      if (pending_.size() > before) return false;
    }
    return false;
  }

  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  int fd() const { return fd_; }

 private:
  // Reads what is available; false on timeout or close (closed_ tells which).
  bool Fill(std::chrono::steady_clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd descriptor{fd_, POLLIN, 0};
    if (::poll(&descriptor, 1, static_cast<int>(left.count())) <= 0) return false;
    char buffer[8192];
    ssize_t received = ::recv(fd_, buffer, sizeof buffer, 0);
    if (received <= 0) {
      closed_ = true;
      return false;
    }
    pending_.append(buffer, static_cast<size_t>(received));
    return true;
  }

  int fd_ = -1;
  bool closed_ = false;
  std::string pending_;
};

inline std::string Get(std::string_view path, std::string_view extra_headers = {}) {
  return "GET " + std::string(path) + " HTTP/1.1\r\nHost: localhost\r\n" +
         std::string(extra_headers) + "\r\n";
}

}  // namespace limen::server::http::testing
