// Runs the real `limen` executable as a child process for tests that need a separate process:
// crash (SIGKILL) and graceful-shutdown (SIGTERM) tests, and the CLI.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace limen::testing {

// Path of the limen executable built alongside the tests.
std::string LimenBinary();

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together.
};

// Runs `limen <args>` to completion.
CommandResult RunLimen(const std::vector<std::string>& args);

// `limen serve` in the background; Start() returns once it prints its port.
class ServerProcess {
 public:
  ~ServerProcess();
  // Returns false if the server did not report a port within 20 s. Its output goes to
  // `log_path` (a file, so that a busy server never blocks on a full pipe).
  bool Start(const std::vector<std::string>& args, const std::string& log_path);
  uint16_t port() const { return port_; }
  void Signal(int signal_number);
  // Waits for the process to end; returns its exit code, or 128+signal if killed.
  int Wait();
  // Everything the server has printed so far.
  std::string Output() const;

 private:
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  std::string log_path_;
};

}  // namespace limen::testing
