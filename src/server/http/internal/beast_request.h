// Conversions between Beast messages and Limen's Request/Response, shared by the server's
// connection code and ParseRequest (which the fuzzer drives without a socket). Internal to
// server/http: nothing outside this folder includes it.
//
// Thread-safety: pure functions over values.
#pragma once

#include <boost/beast/http.hpp>
#include <string>

#include "base/status.h"
#include "server/http/http_server.h"

namespace limen::server::http::internal {

namespace beast_http = boost::beast::http;
using BeastRequest = beast_http::request<beast_http::string_body>;
using BeastResponse = beast_http::response<beast_http::string_body>;
using RequestParser = beast_http::request_parser<beast_http::string_body>;

// Applies the options' header and body limits to a fresh parser.
void ConfigureParser(RequestParser& parser, const ServerOptions& options);

// Maps a parser error to the server's error Status: BODY_TOO_LARGE, HEADER_TOO_LARGE or
// BAD_REQUEST.
Status ParseErrorStatus(const boost::system::error_code& error);

// Turns a parsed Beast request into a Request: splits and percent-decodes the target, copies
// headers. Fails with BAD_REQUEST on a bad target (not origin-form, bad escape, NUL byte) or a
// missing Host header in HTTP/1.1.
Result<Request> FromBeast(BeastRequest&& message);

// The HTTP status for an error Status the server produced (413, 431, 503 or 400).
int HttpStatusFor(const Status& status);

// Decodes %XX escapes. Returns false on a malformed escape or an encoded NUL.
bool PercentDecode(std::string_view text, std::string& out);

}  // namespace limen::server::http::internal
