// End-to-end tests of HttpServer against a real socket on port 0.
#include "server/http/http_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <future>
#include <thread>

#include "server/metrics/metrics.h"
#include "test_client.h"

namespace limen::server::http {
namespace {

using namespace std::chrono_literals;
using testing::Get;
using testing::RawClient;

Response Text(std::string body, std::string route = "/test") {
  Response response;
  response.headers.push_back({"Content-Type", "text/plain"});
  response.body = std::move(body);
  response.route = std::move(route);
  return response;
}

// Answers every request at once with its path.
Handler EchoPath() {
  return [](Request&& request, Responder respond) { respond(Text(request.path)); };
}

ServerOptions TestOptions() {
  ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.access_log = false;
  return options;
}

std::unique_ptr<HttpServer> StartServer(ServerOptions options, Handler handler,
                                        metrics::Registry* registry = nullptr) {
  auto created = HttpServer::Create(std::move(options), std::move(handler), registry);
  EXPECT_TRUE(created.ok()) << created.status().ToString();
  if (!created.ok()) return nullptr;
  std::unique_ptr<HttpServer> server = std::move(created).value();
  Status started = server->Start();
  EXPECT_TRUE(started.ok()) << started.ToString();
  return server;
}

std::string HeaderOf(const testing::ParsedResponse& response, std::string_view name) {
  auto it = response.find(name);
  return it == response.end() ? std::string() : std::string(it->value());
}

TEST(HttpServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  std::atomic<int> calls{0};
  auto server = StartServer(TestOptions(), [&](Request&& request, Responder respond) {
    ++calls;
    respond(Text(request.path + "|" + request.query));
  });
  ASSERT_NE(server, nullptr);
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client.Send(Get("/a%20b/" + std::to_string(i) + "?x=1%202")));
    auto response = client.Read();
    ASSERT_TRUE(response.has_value()) << "request " << i;
    EXPECT_EQ(response->result_int(), 200);
    EXPECT_EQ(response->body(), "/a b/" + std::to_string(i) + "|x=1%202");
    EXPECT_TRUE(response->keep_alive());
    EXPECT_EQ(HeaderOf(*response, "Server"), "limen");
    EXPECT_EQ(HeaderOf(*response, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(HeaderOf(*response, "Cache-Control"), "no-store");
    EXPECT_EQ(HeaderOf(*response, "X-Request-Id").size(), 16u);
    EXPECT_FALSE(HeaderOf(*response, "Date").empty());
    EXPECT_TRUE(HeaderOf(*response, "Strict-Transport-Security").empty());
  }
  EXPECT_EQ(calls.load(), 3);
}

TEST(HttpServerTest, RequestIdsDifferAndHandlerCacheControlIsKept) {
  auto server = StartServer(TestOptions(), [](Request&& request, Responder respond) {
    Response response = Text(request.request_id);
    response.headers.push_back({"Cache-Control", "max-age=60"});
    respond(std::move(response));
  });
  ASSERT_NE(server, nullptr);
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  ASSERT_TRUE(client.Send(Get("/") + Get("/")));
  auto first = client.Read();
  auto second = client.Read();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->body(), HeaderOf(*first, "X-Request-Id"));
  EXPECT_NE(first->body(), second->body());
  EXPECT_EQ(HeaderOf(*first, "Cache-Control"), "max-age=60");
}

TEST(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  // The first request is answered last in time; the responses must still come back in order.
  std::vector<std::thread> workers;
  std::mutex workers_mutex;
  auto server = StartServer(TestOptions(), [&](Request&& request, Responder respond) {
    auto delay = request.path == "/1" ? 150ms : 0ms;
    std::lock_guard lock(workers_mutex);
    workers.emplace_back([delay, path = request.path, respond = std::move(respond)] {
      std::this_thread::sleep_for(delay);
      respond(Text(path));
    });
  });
  ASSERT_NE(server, nullptr);
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  ASSERT_TRUE(client.Send(Get("/1") + Get("/2") + Get("/3")));
  for (std::string expected : {"/1", "/2", "/3"}) {
    auto response = client.Read();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->body(), expected);
  }
  server->Shutdown();
  server->Wait();
  for (auto& worker : workers) worker.join();
}

TEST(HttpServerTest, ResponderMayBeCalledLaterFromAnotherThread) {
  std::thread worker;
  std::thread::id handler_thread;
  auto server = StartServer(TestOptions(), [&](Request&& request, Responder respond) {
    handler_thread = std::this_thread::get_id();
    worker = std::thread([respond = std::move(respond), body = request.body] {
      std::this_thread::sleep_for(50ms);
      respond(Text("late:" + body));
      respond(Text("ignored second call"));
    });
  });
  ASSERT_NE(server, nullptr);
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  ASSERT_TRUE(client.Send("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"));
  auto response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->body(), "late:hello");
  worker.join();
  EXPECT_NE(handler_thread, std::this_thread::get_id());
  // The connection is still usable and nothing else was written.
  ASSERT_TRUE(client.Send("POST /y HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nok"));
  response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->body(), "late:ok");
  worker.join();
}

TEST(HttpServerTest, ExpectContinueGets100BeforeTheBody) {
  auto server = StartServer(TestOptions(), [](Request&& request, Responder respond) {
    respond(Text("got " + request.body));
  });
  ASSERT_NE(server, nullptr);
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  ASSERT_TRUE(
      client.Send("POST /upload HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
                  "Content-Length: 4\r\n\r\n"));
  auto interim = client.Read(2000ms);
  ASSERT_TRUE(interim.has_value());
  EXPECT_EQ(interim->result_int(), 100);
  ASSERT_TRUE(client.Send("data"));
  auto response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->result_int(), 200);
  EXPECT_EQ(response->body(), "got data");
}

TEST(HttpServerTest, ExpectContinueWithOversizedBodyGets413Only) {
  ServerOptions options = TestOptions();
  options.max_body_bytes = 10;
  auto server = StartServer(options, EchoPath());
  ASSERT_NE(server, nullptr);
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  ASSERT_TRUE(
      client.Send("POST /upload HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
                  "Content-Length: 11\r\n\r\n"));
  auto response = client.Read(2000ms);
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->result_int(), 413);
}

TEST(HttpServerTest, DroppedResponderAnswers500) {
  auto server = StartServer(TestOptions(), [](Request&&, Responder) {});
  ASSERT_NE(server, nullptr);
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  ASSERT_TRUE(client.Send(Get("/")));
  auto response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->result_int(), 500);
  EXPECT_NE(response->body().find("\"code\":\"INTERNAL\""), std::string::npos);
}

TEST(HttpServerTest, BodyOverLimitGets413AndClose) {
  ServerOptions options = TestOptions();
  options.max_body_bytes = 1024;
  auto server = StartServer(options, EchoPath());
  ASSERT_NE(server, nullptr);
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  ASSERT_TRUE(client.Send("POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: 4096\r\n\r\n" +
                          std::string(4096, 'x')));
  auto response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->result_int(), 413);
  EXPECT_EQ(HeaderOf(*response, "Content-Type"), "application/json");
  EXPECT_NE(response->body().find(R"({"error":{"code":"BODY_TOO_LARGE","message":")"),
            std::string::npos);
  EXPECT_NE(response->body().find(R"("details":{}}})"), std::string::npos);
  EXPECT_FALSE(response->keep_alive());
  EXPECT_TRUE(client.WaitForClose(2000ms));
}

TEST(HttpServerTest, ChunkedBodyOverLimitGets413) {
  ServerOptions options = TestOptions();
  options.max_body_bytes = 16;
  auto server = StartServer(options, EchoPath());
  ASSERT_NE(server, nullptr);
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  ASSERT_TRUE(
      client.Send("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                  "10\r\n0123456789abcdef\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n"));
  auto response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->result_int(), 413);
}

TEST(HttpServerTest, HeaderOverLimitGets431) {
  ServerOptions options = TestOptions();
  options.max_header_bytes = 1024;
  auto server = StartServer(options, EchoPath());
  ASSERT_NE(server, nullptr);
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  ASSERT_TRUE(client.Send(Get("/", "Cookie: " + std::string(4000, 'c') + "\r\n")));
  auto response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->result_int(), 431);
  EXPECT_NE(response->body().find("HEADER_TOO_LARGE"), std::string::npos);
  EXPECT_TRUE(client.WaitForClose(2000ms));
}

TEST(HttpServerTest, MalformedRequestGets400) {
  auto server = StartServer(TestOptions(), EchoPath());
  ASSERT_NE(server, nullptr);
  for (std::string bad : {std::string("GARBAGE\r\n\r\n"),
                          std::string("GET /x HTTP/1.1\r\n\r\n"),  // No Host.
                          std::string("GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n"),
                          std::string("GET /a%00b HTTP/1.1\r\nHost: a\r\n\r\n")}) {
    RawClient client;
    ASSERT_TRUE(client.Connect(server->port()));
    ASSERT_TRUE(client.Send(bad));
    auto response = client.Read();
    ASSERT_TRUE(response.has_value()) << bad;
    EXPECT_EQ(response->result_int(), 400) << bad;
    EXPECT_NE(response->body().find("\"code\":\"BAD_REQUEST\""), std::string::npos);
    EXPECT_FALSE(response->keep_alive());
  }
}

TEST(HttpServerTest, SlowClientHitsReadTimeoutAndIsClosed) {
  ServerOptions options = TestOptions();
  options.read_timeout = 200ms;
  std::atomic<int> calls{0};
  auto server = StartServer(options, [&](Request&&, Responder respond) {
    ++calls;
    respond(Text("never"));
  });
  ASSERT_NE(server, nullptr);
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  ASSERT_TRUE(client.Send("GET /slow HTTP/1.1\r\nHost: a\r\n"));  // Never finished.
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.WaitForClose(3000ms));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2000ms);
  EXPECT_EQ(calls.load(), 0);
}

TEST(HttpServerTest, IdleKeepAliveConnectionIsClosed) {
  ServerOptions options = TestOptions();
  options.idle_timeout = 150ms;
  auto server = StartServer(options, EchoPath());
  ASSERT_NE(server, nullptr);
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  ASSERT_TRUE(client.Send(Get("/")));
  ASSERT_TRUE(client.Read().has_value());
  EXPECT_TRUE(client.WaitForClose(2000ms));
}

TEST(HttpServerTest, Http10ClosesUnlessKeepAliveAsked) {
  auto server = StartServer(TestOptions(), EchoPath());
  ASSERT_NE(server, nullptr);
  {
    RawClient client;
    ASSERT_TRUE(client.Connect(server->port()));
    ASSERT_TRUE(client.Send("GET /old HTTP/1.0\r\n\r\n"));
    auto response = client.Read();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->version(), 10u);
    EXPECT_EQ(response->body(), "/old");
    EXPECT_TRUE(client.WaitForClose(2000ms));
  }
  {
    RawClient client;
    ASSERT_TRUE(client.Connect(server->port()));
    ASSERT_TRUE(client.Send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    auto response = client.Read();
    ASSERT_TRUE(response.has_value());
    EXPECT_TRUE(response->keep_alive());
    ASSERT_TRUE(client.Send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    response = client.Read();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->body(), "/b");
  }
  {
    RawClient client;
    ASSERT_TRUE(client.Connect(server->port()));
    ASSERT_TRUE(client.Send(Get("/bye", "Connection: close\r\n")));
    auto response = client.Read();
    ASSERT_TRUE(response.has_value());
    EXPECT_FALSE(response->keep_alive());
    EXPECT_TRUE(client.WaitForClose(2000ms));
  }
}

TEST(HttpServerTest, HeadKeepsContentLengthWithoutBody) {
  auto server = StartServer(TestOptions(),
                            [](Request&&, Responder respond) { respond(Text("twelve bytes")); });
  ASSERT_NE(server, nullptr);
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  ASSERT_TRUE(client.Send("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n" + Get("/")));
  auto head = client.Read(5000ms, /*head_response=*/true);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(HeaderOf(*head, "Content-Length"), "12");
  EXPECT_EQ(head->body(), "");
  auto get = client.Read();  // Proves no body bytes were sent for the HEAD.
  ASSERT_TRUE(get.has_value());
  EXPECT_EQ(get->body(), "twelve bytes");
}

TEST(HttpServerTest, RecordsMetricsPerRouteAndStatus) {
  metrics::Registry registry;
  auto server = StartServer(
      TestOptions(),
      [](Request&& request, Responder respond) {
        Response response = Text("x", request.path == "/users/7" ? "/users/{id}" : "");
        if (request.path == "/missing") response.status = 404;
        respond(std::move(response));
      },
      &registry);
  ASSERT_NE(server, nullptr);
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  ASSERT_TRUE(client.Send(Get("/users/7") + Get("/users/7") + Get("/missing")));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(client.Read().has_value());
  // A request is recorded once its write completes, which may be just after the client reads.
  std::string text;
  for (int attempt = 0; attempt < 200; ++attempt) {
    text = registry.RenderPrometheus();
    if (text.find("status=\"404\"") != std::string::npos) break;
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_NE(text.find("limen_http_requests_total{route=\"/users/{id}\",method=\"GET\","
                      "status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("limen_http_requests_total{route=\"unmatched\",method=\"GET\","
                      "status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("limen_http_request_duration_seconds_count{route=\"/users/{id}\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("limen_http_open_connections 1\n"), std::string::npos);
}

TEST(HttpServerTest, AccessLogLineOmitsQueryAndEscapesControlCharacters) {
  metrics::Registry registry;
  ServerOptions options = TestOptions();
  options.access_log = true;
  auto server = StartServer(
      options, [](Request&&, Responder respond) { respond(Text("12345", "/a/{x}")); }, &registry);
  ASSERT_NE(server, nullptr);
  ::testing::internal::CaptureStderr();
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  ASSERT_TRUE(client.Send(Get("/a/b%0Aforged?passport=X123")));
  auto response = client.Read();
  ASSERT_TRUE(response.has_value());
  for (int attempt = 0; attempt < 200; ++attempt) {  // The line is written before the metric.
    if (registry.RenderPrometheus().find("route=\"/a/{x}\"") != std::string::npos) break;
    std::this_thread::sleep_for(10ms);
  }
  std::string log = ::testing::internal::GetCapturedStderr();
  std::string id = HeaderOf(*response, "X-Request-Id");
  EXPECT_NE(log.find("http 127.0.0.1 GET /a/b\\x0aforged 200 "), std::string::npos) << log;
  EXPECT_NE(log.find("id=" + id + " route=/a/{x}"), std::string::npos) << log;
  EXPECT_EQ(log.find("passport"), std::string::npos) << log;
}

TEST(HttpServerTest, GracefulShutdownFinishesInFlightAndRefusesNew) {
  std::promise<void> handler_started;
  std::thread worker;
  auto server = StartServer(TestOptions(), [&](Request&&, Responder respond) {
    worker = std::thread([respond = std::move(respond)] {
      std::this_thread::sleep_for(300ms);
      respond(Text("finished"));
    });
    handler_started.set_value();
  });
  ASSERT_NE(server, nullptr);
  uint16_t port = server->port();
  RawClient idle;  // An idle keep-alive connection is closed by the shutdown.
  ASSERT_TRUE(idle.Connect(port));
  RawClient busy;
  ASSERT_TRUE(busy.Connect(port));
  ASSERT_TRUE(busy.Send(Get("/slow")));
  handler_started.get_future().wait();
  server->Shutdown();
  RawClient late;
  EXPECT_FALSE(late.Connect(port));
  EXPECT_TRUE(idle.WaitForClose(2000ms));
  auto response = busy.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->result_int(), 200);
  EXPECT_EQ(response->body(), "finished");
  EXPECT_FALSE(response->keep_alive());
  server->Wait();
  worker.join();
}

TEST(HttpServerTest, DrainTimeoutClosesStuckRequests) {
  ServerOptions options = TestOptions();
  options.drain_timeout = 100ms;
  Responder kept;
  std::promise<void> handler_started;
  auto server = StartServer(options, [&](Request&&, Responder respond) {
    kept = std::move(respond);  // Never answered before the drain timeout.
    handler_started.set_value();
  });
  ASSERT_NE(server, nullptr);
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  ASSERT_TRUE(client.Send(Get("/stuck")));
  handler_started.get_future().wait();
  auto started = std::chrono::steady_clock::now();
  server->Shutdown();
  server->Wait();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2000ms);
  EXPECT_TRUE(client.WaitForClose(2000ms));
  kept(Text("too late"));  // Must not crash: the server has stopped.
  server.reset();
  kept = nullptr;
}

TEST(HttpServerTest, ThrowingHandlerAnswers500AndServerKeepsServing) {
  auto server = StartServer(TestOptions(), [](Request&& request, Responder respond) {
    if (request.path == "/throw") throw std::runtime_error("handler bug");
    respond(Text("fine"));
  });
  ASSERT_NE(server, nullptr);
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  ASSERT_TRUE(client.Send(Get("/throw")));
  auto response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->result_int(), 500);
  RawClient second;
  ASSERT_TRUE(second.Connect(server->port()));
  ASSERT_TRUE(second.Send(Get("/ok")));
  response = second.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->body(), "fine");
}

TEST(HttpServerTest, HandlerHeadersAreSanitised) {
  auto server = StartServer(TestOptions(), [](Request&&, Responder respond) {
    Response response = Text("x");
    response.headers.push_back({"X-Injected", "a\r\nSet-Cookie: evil=1"});
    response.headers.push_back({"Bad Name", "dropped"});
    response.headers.push_back({"Content-Length", "999"});
    response.headers.push_back({"Set-Cookie", "a=1"});
    response.headers.push_back({"Set-Cookie", "b=2"});
    respond(std::move(response));
  });
  ASSERT_NE(server, nullptr);
  RawClient client;
  ASSERT_TRUE(client.Connect(server->port()));
  ASSERT_TRUE(client.Send(Get("/")));
  auto response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(HeaderOf(*response, "X-Injected"), "a  Set-Cookie: evil=1");
  EXPECT_EQ(response->count("Set-Cookie"), 2u);
  EXPECT_EQ(HeaderOf(*response, "Content-Length"), "1");
  EXPECT_EQ(response->count("Bad Name"), 0u);
}

TEST(HttpServerTest, RunUntilSignalledStopsOnSigterm) {
  auto server = StartServer(TestOptions(), EchoPath());
  ASSERT_NE(server, nullptr);
  uint16_t port = server->port();
  Status result = Internal("NOT_RUN", "not run");
  std::thread runner([&] { result = RunUntilSignalled(*server); });
  // Raise the signal only once the handler is installed, or it would end the test process.
  struct sigaction current {};
  for (int i = 0; i < 500; ++i) {
    sigaction(SIGTERM, nullptr, &current);
    if (current.sa_handler != SIG_DFL) break;
    std::this_thread::sleep_for(2ms);
  }
  ASSERT_NE(current.sa_handler, SIG_DFL);
  ::kill(::getpid(), SIGTERM);
  runner.join();
  EXPECT_TRUE(result.ok()) << result.ToString();
  RawClient client;
  EXPECT_FALSE(client.Connect(port));
}

TEST(HttpServerTest, CreateRejectsHalfTlsConfigurationAndBadCertificate) {
  ServerOptions options = TestOptions();
  options.tls_cert_file = "/nonexistent/cert.pem";
  auto half = HttpServer::Create(options, EchoPath(), nullptr);
  ASSERT_FALSE(half.ok());
  EXPECT_EQ(half.status().reason(), "HTTP_BAD_OPTIONS");
  options.tls_key_file = "/nonexistent/key.pem";
  auto missing = HttpServer::Create(options, EchoPath(), nullptr);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().reason(), "TLS_CERT_LOAD");
}

TEST(HttpServerTest, StartFailsWhenPortIsTaken) {
  auto first = StartServer(TestOptions(), EchoPath());
  ASSERT_NE(first, nullptr);
  ServerOptions options = TestOptions();
  options.port = first->port();
  auto second = HttpServer::Create(options, EchoPath(), nullptr);
  ASSERT_TRUE(second.ok());
  Status started = (*second)->Start();
  EXPECT_EQ(started.reason(), "HTTP_LISTEN");
}

}  // namespace
}  // namespace limen::server::http
