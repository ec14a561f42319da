// A small blocking HTTP/1.1 client for integration tests: plain sockets, keep-alive, and just
// enough response parsing (status, headers, Content-Length or chunked body) to drive the real
// server. Not for production use.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace limen::testing {

struct HttpResult {
  int status = 0;  // 0 when the connection failed or closed before a response.
  std::map<std::string, std::string> headers;  // Lower-case names; last value wins.
  std::vector<std::string> set_cookies;
  std::string body;
};

class HttpClient {
 public:
  HttpClient(std::string host, uint16_t port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request on the kept-alive connection (reconnecting if needed).
  HttpResult Send(const std::string& method, const std::string& target,
                  const std::string& body = "",
                  const std::vector<std::pair<std::string, std::string>>& headers = {});
  // Sends raw bytes and reads one response (for malformed-request tests).
  HttpResult SendRaw(const std::string& bytes);
  void Close();

  // Bearer token added to every request when set.
  std::string token;

 private:
  bool Connect();
  HttpResult ReadResponse();

  std::string host_;
  uint16_t port_;
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace limen::testing
