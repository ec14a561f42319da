#include "integration/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>

namespace limen::testing {
namespace {

pid_t Spawn(const std::vector<std::string>& args, int& output_fd) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return -1;
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::dup2(pipe_fds[1], STDERR_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    std::vector<char*> argv;
    std::string binary = LimenBinary();
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (std::string& arg : copy) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    std::_Exit(127);
  }
  ::close(pipe_fds[1]);
  output_fd = pipe_fds[0];
  return pid;
}

int ExitCodeOf(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Reads what is available within `timeout_ms`; false on end of file.
bool ReadSome(int fd, std::string& out, int timeout_ms) {
  pollfd descriptor{fd, POLLIN, 0};
  if (::poll(&descriptor, 1, timeout_ms) <= 0) return true;
  char buffer[4096];
  ssize_t n = ::read(fd, buffer, sizeof(buffer));
  if (n <= 0) return false;
  out.append(buffer, static_cast<size_t>(n));
  return true;
}

}  // namespace

std::string LimenBinary() { return std::string(LIMEN_BINARY_DIR) + "/src/cli/limen"; }

CommandResult RunLimen(const std::vector<std::string>& args) {
  CommandResult result;
  int fd = -1;
  pid_t pid = Spawn(args, fd);
  if (pid < 0) return result;
  while (ReadSome(fd, result.output, 1000)) {
  }
  ::close(fd);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = ExitCodeOf(status);
  return result;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    Signal(SIGKILL);
    Wait();
  }
}

std::string ServerProcess::Output() const {
  std::string out;
  int fd = ::open(log_path_.c_str(), O_RDONLY);
  if (fd < 0) return out;
  char buffer[65536];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof(buffer))) > 0) out.append(buffer, static_cast<size_t>(n));
  ::close(fd);
  return out;
}

bool ServerProcess::Start(const std::vector<std::string>& args, const std::string& log_path) {
  log_path_ = log_path;
  // Remove an earlier run's log first: it would show an old port before the child truncates it.
  ::unlink(log_path.c_str());
  pid_ = ::fork();
  if (pid_ < 0) return false;
  if (pid_ == 0) {
    int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    std::vector<char*> argv;
    std::string binary = LimenBinary();
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (std::string& arg : copy) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    std::_Exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  const std::string marker = "listening on port ";
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string output = Output();
    size_t at = output.find(marker);
    if (at != std::string::npos && output.find('\n', at) != std::string::npos) {
      port_ = static_cast<uint16_t>(std::stoi(output.substr(at + marker.size())));
      return true;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    ::usleep(20000);
  }
  return false;
}

void ServerProcess::Signal(int signal_number) {
  if (pid_ > 0) ::kill(pid_, signal_number);
}

int ServerProcess::Wait() {
  if (pid_ <= 0) return -1;
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return ExitCodeOf(status);
}

}  // namespace limen::testing
