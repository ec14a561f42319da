// Services: what route handlers can reach (store, clock, authenticator, configuration, metrics,
// engines). Owned by the App (server/app.h) and outliving every request.
//
// Thread-safety: every member is thread-safe or read-only after start-up.
#pragma once

#include "base/time.h"
#include "server/config.h"

namespace limen::store {
class Store;
}
namespace limen::server::metrics {
class Registry;
}
namespace limen::core::screening {
class Screener;
}

namespace limen::server {

class Authenticator;

struct Services {
  Config config;
  store::Store* store = nullptr;
  const Clock* clock = nullptr;
  Authenticator* auth = nullptr;
  metrics::Registry* metrics = nullptr;
  core::screening::Screener* screener = nullptr;  // The watchlists loaded on this node.
};

}  // namespace limen::server
