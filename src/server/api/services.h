// Services: what route handlers can reach (store, clock, authenticator, configuration, metrics,
// engines). Owned by the App (server/app.h) and outliving every request.
//
// Thread-safety: every member is thread-safe or read-only after start-up.
#pragma once

#include <memory>
#include <string>

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
namespace limen::core::stay {
struct StayRules;
}
namespace limen::core {
class DataSharingPolicy;
}
namespace limen::core::identity {
struct LinkingRules;
}

namespace limen::server {

class Authenticator;
class LiveRegistry;

struct Services {
  Config config;
  store::Store* store = nullptr;
  const Clock* clock = nullptr;
  Authenticator* auth = nullptr;
  metrics::Registry* metrics = nullptr;
  core::screening::Screener* screener = nullptr;  // The watchlists loaded on this node.
  // The lost/stolen registry (server/api/live_registry.h): the imported lists stored on this
  // node and the national reports, kept current while the node runs; never null, maybe empty.
  std::shared_ptr<LiveRegistry> registry;
  // The stay rules (stay.rules_file); null when the file is absent, with the reason in
  // stay_rules_problem.
  std::shared_ptr<const core::stay::StayRules> stay_rules;
  std::string stay_rules_problem;
  // The data-sharing policy (policy.file); null when the file is absent: routes then withhold
  // every category of personal data (anything no rule grants is denied).
  std::shared_ptr<const core::DataSharingPolicy> policy;
  // How a presented document is linked to known travellers (identity.linking_file); never null.
  std::shared_ptr<const core::identity::LinkingRules> linking_rules;
};

}  // namespace limen::server
