// App: one running Limen node. It opens the store, builds the services and the API, and runs
// the HTTP server. `limen serve` and the integration tests both use it, so tests exercise
// exactly what production runs.
//
// Thread-safety: Create/Start/Shutdown/Wait from one controlling thread (Shutdown may also be
// called from a signal-handling thread).
#pragma once

#include <cstdint>
#include <memory>

#include "base/status.h"
#include "base/time.h"
#include "server/config.h"

namespace limen::store {
class Store;
}
namespace limen::core::screening {
class Screener;
}

namespace limen::server {

class App {
 public:
  // Opens the database named in config.database.path (applying migrations) and builds every
  // service. `clock` must outlive the App; tests pass a FakeClock.
  static Result<std::unique_ptr<App>> Create(const Config& config, const Clock& clock);
  ~App();

  // Binds config.http.listen (port 0 picks a free one) and starts serving.
  Status Start();
  uint16_t port() const;
  // Serves until SIGTERM/SIGINT, then drains requests in flight and stops.
  Status RunUntilSignalled();
  void Shutdown();
  void Wait();

  store::Store& store();
  core::screening::Screener& screener();
  const Config& config() const;

  struct Impl;

 private:
  explicit App(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace limen::server
