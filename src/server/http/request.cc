// Request helpers, error bodies and the socket-free request parser.
#include <boost/asio/buffer.hpp>
#include <boost/beast/core/buffers_prefix.hpp>

#include "base/strings.h"
#include "server/http/http_server.h"
#include "server/http/internal/beast_request.h"

namespace limen::server::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view Request::HeaderValue(std::string_view name) const {
  for (const Header& header : headers) {
    if (EqualsIgnoreCase(header.name, name)) return header.value;
  }
  return {};
}

std::string JsonEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  AppendJsonEscaped(out, text);
  return out;
}

std::string ErrorBody(std::string_view code, std::string_view message) {
  std::string body = R"({"error":{"code":")";
  body += JsonEscape(code);
  body += R"(","message":")";
  body += JsonEscape(message);
  body += R"(","details":{}}})";
  return body;
}

namespace internal {

void ConfigureParser(RequestParser& parser, const ServerOptions& options) {
  parser.header_limit(
      static_cast<std::uint32_t>(std::min<size_t>(options.max_header_bytes, UINT32_MAX)));
  parser.body_limit(options.max_body_bytes);
}

Status ParseErrorStatus(const boost::system::error_code& error) {
  if (error == beast_http::error::body_limit) {
    return ResourceExhausted("BODY_TOO_LARGE",
                             "The request body is larger than the server accepts; send less.");
  }
  if (error == beast_http::error::header_limit) {
    return ResourceExhausted("HEADER_TOO_LARGE",
                             "The request headers are larger than the server accepts; send "
                             "fewer or shorter headers (large cookies are a common cause).");
  }
  return InvalidArgument("BAD_REQUEST",
                         "The request is not valid HTTP/1.1 (" + error.message() + ").");
}

int HttpStatusFor(const Status& status) {
  if (status.reason() == "BODY_TOO_LARGE") return 413;
  if (status.reason() == "HEADER_TOO_LARGE") return 431;
  if (status.reason() == "SHUTTING_DOWN") return 503;
  if (status.code() == StatusCode::kInternal) return 500;
  return 400;
}

bool PercentDecode(std::string_view text, std::string& out) {
  out.clear();
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return false;
    int high = HexValue(text[i + 1]);
    int low = HexValue(text[i + 2]);
    if (high < 0 || low < 0) return false;
    char decoded = static_cast<char>(high * 16 + low);
    if (decoded == '\0') return false;
    out += decoded;
    i += 2;
  }
  return true;
}

Result<Request> FromBeast(BeastRequest&& message) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  request.version = static_cast<int>(message.version());
  request.keep_alive = message.keep_alive();
  std::string_view target = request.target;
  if (target == "*" && message.method() == beast_http::verb::options) {
    request.path = "*";
  } else {
    if (target.empty() || target.front() != '/') {
      return InvalidArgument("BAD_REQUEST", "The request target must be a path starting with '/'.");
    }
    size_t question = target.find('?');
    std::string_view raw_path = target.substr(0, question);
    if (question != std::string_view::npos)
      request.query = std::string(target.substr(question + 1));
    if (!PercentDecode(raw_path, request.path)) {
      return InvalidArgument("BAD_REQUEST",
                             "The request path has a malformed or forbidden %-escape.");
    }
  }
  request.headers.reserve(std::distance(message.begin(), message.end()));
  for (const auto& field : message) {
    request.headers.push_back(Header{std::string(field.name_string()), std::string(field.value())});
  }
  if (request.version >= 11 && message.find(beast_http::field::host) == message.end()) {
    return InvalidArgument("BAD_REQUEST", "An HTTP/1.1 request must carry a Host header.");
  }
  request.body = std::move(message.body());
  return request;
}

}  // namespace internal

Result<Request> ParseRequest(std::string_view bytes, const ServerOptions& options) {
  internal::RequestParser parser;
  internal::ConfigureParser(parser, options);
  parser.eager(true);
  // Every byte is presented at once. After need_more Beast requires the next call to bring
  // more bytes than before (it asserts otherwise), so need_more simply means "incomplete".
  size_t offset = 0;
  while (!parser.is_done()) {
    boost::system::error_code error;
    size_t used =
        parser.put(boost::asio::buffer(bytes.data() + offset, bytes.size() - offset), error);
    offset += used;
    if (error && error != internal::beast_http::error::need_more) {
      return internal::ParseErrorStatus(error);
    }
    if (parser.is_done()) break;
    if (error || used == 0 || offset >= bytes.size()) {
      return InvalidArgument("BAD_REQUEST", "The request ended before it was complete.");
    }
  }
  return internal::FromBeast(parser.release());
}

}  // namespace limen::server::http
