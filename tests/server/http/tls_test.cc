// HTTPS: a self-signed certificate made with the openssl CLI, a Beast TLS client.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdlib>
#include <filesystem>

#include "server/http/http_server.h"

namespace limen::server::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ =
        std::filesystem::temp_directory_path() / ("limen_tls_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(directory_);
    cert_ = (directory_ / "cert.pem").string();
    key_ = (directory_ / "key.pem").string();
    std::string command =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
        "-nodes -days 1 -subj /CN=localhost -keyout '" +
        key_ + "' -out '" + cert_ + "' >/dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << "openssl CLI failed";
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::filesystem::path directory_;
  std::string cert_, key_;
};

TEST_F(TlsTest, ServesHttpsWithHsts) {
  ServerOptions options;
  options.port = 0;
  options.threads = 1;
  options.access_log = false;
  options.tls_cert_file = cert_;
  options.tls_key_file = key_;
  auto created = HttpServer::Create(
      options,
      [](Request&& request, Responder respond) {
        Response response;
        response.body = request.tls ? "secure " + request.path : "plain";
        respond(std::move(response));
      },
      nullptr);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  auto server = std::move(created).value();
  ASSERT_TRUE(server->Start().ok());

  asio::io_context context;
  asio::ssl::context tls(asio::ssl::context::tls_client);
  tls.set_verify_mode(asio::ssl::verify_none);
  beast::ssl_stream<beast::tcp_stream> stream(context, tls);
  beast::get_lowest_layer(stream).connect(
      asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), server->port()));
  stream.handshake(asio::ssl::stream_base::client);
  for (int i = 0; i < 2; ++i) {  // Keep-alive over TLS.
    beast::http::request<beast::http::string_body> request(beast::http::verb::get, "/hello", 11);
    request.set(beast::http::field::host, "localhost");
    beast::http::write(stream, request);
    beast::flat_buffer buffer;
    beast::http::response<beast::http::string_body> response;
    beast::http::read(stream, buffer, response);
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_EQ(response.body(), "secure /hello");
    EXPECT_EQ(response["Strict-Transport-Security"], "max-age=31536000");
  }
  server->Shutdown();
  server->Wait();
}

TEST_F(TlsTest, PlainHttpToTlsPortIsClosed) {
  ServerOptions options;
  options.port = 0;
  options.threads = 1;
  options.access_log = false;
  options.tls_cert_file = cert_;
  options.tls_key_file = key_;
  auto created = HttpServer::Create(
      options, [](Request&&, Responder respond) { respond(Response{}); }, nullptr);
  ASSERT_TRUE(created.ok());
  auto server = std::move(created).value();
  ASSERT_TRUE(server->Start().ok());
  asio::io_context context;
  asio::ip::tcp::socket socket(context);
  socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), server->port()));
  asio::write(socket, asio::buffer(std::string("GET / HTTP/1.1\r\nHost: a\r\n\r\n")));
  char buffer[256];
  boost::system::error_code error;
  size_t total = 0;
  while (!error) total += socket.read_some(asio::buffer(buffer), error);
  EXPECT_TRUE(error == asio::error::eof || error == asio::error::connection_reset);
  EXPECT_EQ(std::string(buffer, std::min<size_t>(total, 4)).find("HTTP"), std::string::npos);
}

}  // namespace
}  // namespace limen::server::http
