#include "inspection/load_driver.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string_view>

#include "inspection/json_scan.h"

namespace limen::bench {
namespace {

using Clock = std::chrono::steady_clock;

// The CPU seconds (user + system) process `pid` has used, from /proc/PID/stat; 0 if unknown.
double ProcessCpuSeconds(int pid) {
  if (pid <= 0) return 0;
  FILE* file = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
  if (file == nullptr) return 0;
  char text[4096];
  const size_t size = std::fread(text, 1, sizeof(text) - 1, file);
  std::fclose(file);
  text[size] = '\0';
  // Fields 14 and 15 (utime, stime) follow the command name, which ends with the last ')'.
  const char* field = std::strrchr(text, ')');
  if (field == nullptr) return 0;
  unsigned long long utime = 0, stime = 0;
  if (std::sscanf(field + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime,
                  &stime) != 2) {
    return 0;
  }
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

double MillisBetween(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

enum class Step { kIdle, kHealthz, kInspection, kCrossing };

struct Connection {
  int fd = -1;
  std::mt19937_64 rng;
  Step step = Step::kIdle;
  std::string out;  // The request being sent.
  size_t sent = 0;
  bool want_write = false;
  std::string in;  // Bytes received and not yet consumed.
  Clock::time_point request_start;
  Clock::time_point pair_start;
  double inspection_ms = 0;
  std::string tally;  // The recommendation of the pair in flight.
};

// The value of header `name` (lower case, with the colon) in `head`, case-insensitively.
std::string_view HeaderValue(std::string_view head, std::string_view name) {
  size_t line = head.find("\r\n");
  while (line != std::string_view::npos && line + 2 < head.size()) {
    const size_t start = line + 2;
    const size_t end = std::min(head.find("\r\n", start), head.size());
    std::string_view field = head.substr(start, end - start);
    bool same = field.size() >= name.size();
    for (size_t i = 0; same && i < name.size(); ++i) {
      same = std::tolower(static_cast<unsigned char>(field[i])) == name[i];
    }
    if (same) {
      field.remove_prefix(name.size());
      while (!field.empty() && field.front() == ' ') field.remove_prefix(1);
      return field;
    }
    line = end == head.size() ? std::string_view::npos : end;
  }
  return {};
}

// The officer's decision following the recommendation of `inspection` (a response body), as a
// crossing request body; empty when the response has no inspection id. Sets `tally` to the
// recommendation with the first reason of those that are not admissions.
std::string DecisionBody(std::string_view inspection, std::string& tally) {
  const std::string id = JsonString(JsonMember(inspection, "inspection_id"));
  if (id.empty()) return {};
  const std::string_view recommendation = JsonMember(inspection, "recommendation");
  std::string decision = JsonString(JsonMember(recommendation, "decision"));
  tally = decision.empty() ? "?" : decision;
  const std::vector<std::string_view> reasons = JsonElements(JsonMember(recommendation, "reasons"));
  if (tally != "admit" && !reasons.empty()) {
    tally += "(" + JsonString(JsonMember(reasons[0], "code")) + ")";
  }
  std::string body = "{\"inspection_id\":" + JsonQuote(id) + ",\"duration_ms\":45000,";
  if (decision == "admit") return body + "\"decision\":\"admitted\",\"granted_stay_days\":30}";
  if (decision == "refuse") {
    std::vector<std::string_view> codes =
        JsonElements(JsonMember(recommendation, "suggested_refusal_codes"));
    body += "\"decision\":\"refused\",\"refusal_codes\":[";
    if (codes.empty()) body += "\"A\"";
    for (size_t i = 0; i < codes.size(); ++i) {
      body += (i ? "," : "") + std::string(codes[i]);
    }
    return body + "],\"note\":\"Refused at first line.\"}";
  }
  return body + "\"decision\":\"referred\",\"note\":\"Sent to second line.\"}";
}

class Driver {
 public:
  Driver(const DriveOptions& options, Phase phase, const std::vector<std::string>& mrzs,
         std::vector<uint8_t>& directions)
      : options_(options), phase_(phase), mrzs_(mrzs), directions_(directions) {}
  ~Driver() {
    for (Connection& connection : connections_) Disconnect(connection);
    if (epoll_ >= 0) ::close(epoll_);
  }

  Samples Run();

 private:
  bool Connect(Connection& connection, uint32_t index);
  void Disconnect(Connection& connection);
  void StartNext(Connection& connection);
  void Send(Connection& connection, const char* method, const char* target, const std::string& body,
            bool authorised);
  void Flush(Connection& connection);
  void Watch(Connection& connection, bool want_write);
  void OnReadable(Connection& connection);
  void OnResponse(Connection& connection, int status, std::string_view body);
  void Broken(Connection& connection);
  uint32_t IndexOf(const Connection& connection) const {
    return static_cast<uint32_t>(&connection - connections_.data());
  }

  const DriveOptions& options_;
  const Phase phase_;
  const std::vector<std::string>& mrzs_;
  std::vector<uint8_t>& directions_;
  int epoll_ = -1;
  std::vector<Connection> connections_;
  int active_ = 0;  // Connections with an exchange in flight.
  Clock::time_point until_;
  Samples samples_;
};

bool Driver::Connect(Connection& connection, uint32_t index) {
  connection.fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (connection.fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(options_.port);
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  if (::connect(connection.fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    Disconnect(connection);
    return false;
  }
  int one = 1;
  ::setsockopt(connection.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  ::fcntl(connection.fd, F_SETFL, ::fcntl(connection.fd, F_GETFL) | O_NONBLOCK);
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.u32 = index;
  ::epoll_ctl(epoll_, EPOLL_CTL_ADD, connection.fd, &event);
  connection.want_write = false;
  connection.in.clear();
  return true;
}

void Driver::Disconnect(Connection& connection) {
  if (connection.fd >= 0) ::close(connection.fd);  // Also leaves the epoll set.
  connection.fd = -1;
}

void Driver::Watch(Connection& connection, bool want_write) {
  if (connection.want_write == want_write) return;
  connection.want_write = want_write;
  epoll_event event{};
  event.events = want_write ? (EPOLLIN | EPOLLOUT) : EPOLLIN;
  event.data.u32 = IndexOf(connection);
  ::epoll_ctl(epoll_, EPOLL_CTL_MOD, connection.fd, &event);
}

void Driver::Send(Connection& connection, const char* method, const char* target,
                  const std::string& body, bool authorised) {
  std::string& out = connection.out;
  out.assign(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  if (authorised) out.append("Authorization: Bearer ").append(options_.token).append("\r\n");
  if (!body.empty()) out.append("Content-Type: application/json\r\n");
  out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n\r\n");
  out.append(body);
  connection.sent = 0;
  connection.request_start = Clock::now();
  Flush(connection);
}

void Driver::Flush(Connection& connection) {
  while (connection.sent < connection.out.size()) {
    ssize_t n = ::send(connection.fd, connection.out.data() + connection.sent,
                       connection.out.size() - connection.sent, MSG_NOSIGNAL);
    if (n > 0) {
      connection.sent += static_cast<size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      return Watch(connection, true);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return Broken(connection);
    }
  }
  Watch(connection, false);
}

// Starts the connection's next exchange, or leaves it idle once the phase is over.
void Driver::StartNext(Connection& connection) {
  if (Clock::now() >= until_) {
    if (connection.step != Step::kIdle) --active_;
    connection.step = Step::kIdle;
    return;
  }
  if (connection.step == Step::kIdle) ++active_;
  if (connection.fd < 0 && !Connect(connection, IndexOf(connection))) {
    ++samples_.errors;
    --active_;
    connection.step = Step::kIdle;
    return;
  }
  if (phase_ == Phase::kHealthz) {
    connection.step = Step::kHealthz;
    return Send(connection, "GET", "/healthz", "", false);
  }
  const size_t i = connection.rng() % mrzs_.size();
  const bool exit = (directions_[i] ^= 1) == 0;  // Alternate entry and exit per traveller.
  std::string body = "{\"mrz\":" + JsonQuote(mrzs_[i]) + ",\"post\":" + JsonQuote(options_.post) +
                     ",\"lane\":\"1\",\"direction\":\"" + (exit ? "exit" : "entry") +
                     "\",\"transport_mode\":\"air\",\"flight_or_vehicle\":\"UT100\","
                     "\"purpose_of_travel\":\"tourism\"}";
  connection.step = Step::kInspection;
  Send(connection, "POST", "/api/v1/inspections", body, true);
  connection.pair_start = connection.request_start;
}

// The connection failed mid-exchange: the exchange counts as an error and starts again on a
// new connection.
void Driver::Broken(Connection& connection) {
  ::epoll_ctl(epoll_, EPOLL_CTL_DEL, connection.fd, nullptr);
  Disconnect(connection);
  ++samples_.errors;
  StartNext(connection);
}

void Driver::OnReadable(Connection& connection) {
  char chunk[65536];
  while (true) {
    ssize_t n = ::recv(connection.fd, chunk, sizeof(chunk), 0);
    if (n > 0) {
      connection.in.append(chunk, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    return Broken(connection);  // Closed by the node, or a socket error.
  }
  const size_t head_end = connection.in.find("\r\n\r\n");
  if (head_end == std::string::npos) return;
  const std::string_view head(connection.in.data(), head_end);
  const size_t length =
      std::strtoul(std::string(HeaderValue(head, "content-length:")).c_str(), nullptr, 10);
  if (connection.in.size() < head_end + 4 + length) return;
  const int status = head.size() >= 12 ? std::atoi(head.data() + 9) : 0;
  const bool close = HeaderValue(head, "connection:").starts_with("close");
  std::string response = std::move(connection.in);
  connection.in = response.substr(head_end + 4 + length);
  if (close) {
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, connection.fd, nullptr);
    Disconnect(connection);
  }
  OnResponse(connection, status, std::string_view(response).substr(head_end + 4, length));
}

void Driver::OnResponse(Connection& connection, int status, std::string_view body) {
  const Clock::time_point now = Clock::now();
  const double request_ms = MillisBetween(connection.request_start, now);
  switch (connection.step) {
    case Step::kHealthz:
      if (status == 200) {
        samples_.first_ms.push_back(request_ms);
      } else {
        ++samples_.errors;
      }
      return StartNext(connection);
    case Step::kInspection: {
      std::string decision = status == 201 ? DecisionBody(body, connection.tally) : "";
      if (decision.empty()) {
        ++samples_.errors;
        return StartNext(connection);
      }
      connection.inspection_ms = request_ms;
      connection.step = Step::kCrossing;
      if (connection.fd < 0 && !Connect(connection, IndexOf(connection))) return Broken(connection);
      return Send(connection, "POST", "/api/v1/crossings", decision, true);
    }
    case Step::kCrossing:
      if (status == 201) {
        samples_.first_ms.push_back(connection.inspection_ms);
        samples_.second_ms.push_back(request_ms);
        samples_.total_ms.push_back(MillisBetween(connection.pair_start, now));
        ++samples_.decisions[connection.tally];
      } else {
        ++samples_.errors;
      }
      return StartNext(connection);
    case Step::kIdle:
      return;
  }
}

Samples Driver::Run() {
  epoll_ = ::epoll_create1(0);
  if (epoll_ < 0) {
    std::perror("epoll_create1");
    std::exit(1);
  }
  connections_.resize(options_.connections);
  const double node_cpu_start = ProcessCpuSeconds(options_.node_pid);
  until_ = Clock::now() + std::chrono::seconds(options_.seconds);
  for (size_t c = 0; c < connections_.size(); ++c) {
    connections_[c].rng.seed(1000 + c);
    StartNext(connections_[c]);
  }
  // In-flight exchanges finish after the deadline (and count), as in a closed loop; a node that
  // stops answering for a minute ends the phase with them counted as errors.
  const Clock::time_point give_up = until_ + std::chrono::seconds(60);
  epoll_event events[256];
  while (active_ > 0 && Clock::now() < give_up) {
    const int ready = ::epoll_wait(epoll_, events, 256, 100);
    for (int e = 0; e < ready; ++e) {
      Connection& connection = connections_[events[e].data.u32];
      if (connection.fd < 0) continue;
      if (events[e].events & EPOLLOUT) Flush(connection);
      if (connection.fd >= 0 && (events[e].events & (EPOLLIN | EPOLLERR | EPOLLHUP))) {
        OnReadable(connection);
      }
    }
  }
  samples_.errors += active_;
  samples_.node_cpu_seconds = ProcessCpuSeconds(options_.node_pid) - node_cpu_start;
  return std::move(samples_);
}

}  // namespace

Samples RunPhase(const DriveOptions& options, Phase phase, const std::vector<std::string>& mrzs,
                 std::vector<uint8_t>& directions) {
  return Driver(options, phase, mrzs, directions).Run();
}

}  // namespace limen::bench
