#include "integration/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

namespace limen::testing {
namespace {

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

HttpClient::HttpClient(std::string host, uint16_t port) : host_(std::move(host)), port_(port) {}

HttpClient::~HttpClient() { Close(); }

void HttpClient::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buffer_.clear();
}

bool HttpClient::Connect() {
  if (fd_ >= 0) return true;
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port_);
  ::inet_pton(AF_INET, host_.c_str(), &address.sin_addr);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    Close();
    return false;
  }
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  timeval timeout{30, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  return true;
}

HttpResult HttpClient::Send(const std::string& method, const std::string& target,
                            const std::string& body,
                            const std::vector<std::pair<std::string, std::string>>& headers) {
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: " + host_ + "\r\n";
  if (!token.empty()) request += "Authorization: Bearer " + token + "\r\n";
  bool has_type = false;
  for (const auto& [name, value] : headers) {
    request += name + ": " + value + "\r\n";
    if (Lower(name) == "content-type") has_type = true;
  }
  if (!body.empty() && !has_type) request += "Content-Type: application/json\r\n";
  request += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  HttpResult result = SendRaw(request);
  if (result.status == 0) {
    // The server may have closed an idle keep-alive connection: retry once on a new one.
    Close();
    result = SendRaw(request);
  }
  return result;
}

HttpResult HttpClient::SendRaw(const std::string& bytes) {
  if (!Connect()) return {};
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      Close();
      return {};
    }
    sent += static_cast<size_t>(n);
  }
  return ReadResponse();
}

HttpResult HttpClient::ReadResponse() {
  HttpResult result;
  auto fill = [this]() {
    char chunk[65536];
    ssize_t n = ::recv(fd_, chunk, sizeof(chunk), 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<size_t>(n));
    return true;
  };
  size_t header_end;
  while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill()) {
      Close();
      return {};
    }
  }
  std::string head = buffer_.substr(0, header_end);
  buffer_.erase(0, header_end + 4);
  size_t line_end = head.find("\r\n");
  std::string status_line = head.substr(0, line_end);
  if (status_line.size() < 12) return {};
  result.status = std::atoi(status_line.c_str() + 9);
  size_t position = line_end == std::string::npos ? head.size() : line_end + 2;
  while (position < head.size()) {
    size_t end = head.find("\r\n", position);
    if (end == std::string::npos) end = head.size();
    std::string line = head.substr(position, end - position);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = Lower(line.substr(0, colon));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      if (name == "set-cookie") result.set_cookies.push_back(value);
      result.headers[name] = value;
    }
    position = end + 2;
  }
  size_t length = 0;
  if (auto it = result.headers.find("content-length"); it != result.headers.end()) {
    length = std::stoul(it->second);
  }
  while (buffer_.size() < length) {
    if (!fill()) {
      Close();
      return {};
    }
  }
  result.body = buffer_.substr(0, length);
  buffer_.erase(0, length);
  if (auto it = result.headers.find("connection");
      it != result.headers.end() && Lower(it->second) == "close") {
    Close();
  }
  return result;
}

}  // namespace limen::testing
