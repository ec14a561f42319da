#include "server/app.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "base/log.h"
#include "core/identity/linking.h"
#include "core/policy/data_sharing.h"
#include "core/screening/screener.h"
#include "core/stay/rules.h"
#include "server/api/api_service.h"
#include "server/api/live_registry.h"
#include "server/api/services.h"
#include "server/auth/authenticator.h"
#include "server/http/http_server.h"
#include "server/metrics/metrics.h"
#include "store/inspection_hits_store.h"
#include "store/store.h"
#include "store/watchlist_store.h"
#include "store/workflow_store.h"

namespace limen::server {

struct App::Impl {
  Config config;
  const Clock* clock = nullptr;
  metrics::Registry metrics;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Authenticator> auth;
  core::screening::Screener screener;
  Services services;
  std::unique_ptr<ApiService> api;
  std::unique_ptr<http::HttpServer> http;
  metrics::HistogramFamily* commit_seconds = nullptr;
  metrics::CounterFamily* commit_batches = nullptr;
};

namespace {

void RegisterStoreMetrics(App::Impl& impl) {
  impl.commit_seconds = &impl.metrics.AddHistogram(
      "limen_db_commit_duration_seconds",
      "Time from BEGIN to the end of COMMIT (fsync included) per group commit",
      {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1}, {});
  impl.commit_batches =
      &impl.metrics.AddCounter("limen_db_commits_total", "Group commits by result", {"result"});
  store::Store* store = impl.store.get();
  impl.metrics.AddCallbackGauge("limen_event_log_length", "Events in this node's event log",
                                [store] {
                                  auto length = store->EventLogLength();
                                  return length.ok() ? static_cast<double>(*length) : -1.0;
                                });
  impl.metrics.AddCallbackGauge("limen_db_writes_total", "Write items acknowledged",
                                [store] { return static_cast<double>(store->Metrics().writes); });
  impl.metrics.AddCallbackGauge("limen_db_write_queue_depth", "Write items waiting", [store] {
    return static_cast<double>(store->Metrics().queue_depth);
  });
  impl.metrics.AddCallbackGauge(
      "limen_db_checkpoints_total", "WAL checkpoints taken by the background checkpointer",
      [store] { return static_cast<double>(store->Metrics().checkpoints); });
}

http::ServerOptions HttpOptions(const Config& config) {
  http::ServerOptions options;
  std::string host;
  uint16_t port = 0;
  (void)SplitListen(config.http.listen, host, port);  // Validated with the config.
  options.host = host;
  options.port = port;
  options.threads = config.http.threads;
  options.max_body_bytes = static_cast<size_t>(config.http.max_body_bytes);
  options.max_header_bytes = static_cast<size_t>(config.http.max_header_bytes);
  options.read_timeout = std::chrono::milliseconds(config.http.read_timeout_ms);
  options.write_timeout = std::chrono::milliseconds(config.http.write_timeout_ms);
  options.idle_timeout = std::chrono::milliseconds(config.http.idle_timeout_ms);
  options.drain_timeout = std::chrono::milliseconds(config.http.drain_timeout_ms);
  options.tls_cert_file = config.http.tls_cert;
  options.tls_key_file = config.http.tls_key;
  options.access_log = config.http.access_log;
  return options;
}

// Reads a whole file; nullopt when it cannot be opened.
std::optional<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::nullopt;
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// The lost/stolen registry stored on this node (after importing registry.path when that file
// was never imported), kept current by a check every registry.reload_seconds, with its version
// and size as metrics. A registry.path that is set but unreadable or invalid stops the node.
Status LoadRegistry(const WorkflowConfig& config, Services& services) {
  auto registry = std::make_shared<LiveRegistry>(*services.store);
  LIMEN_RETURN_IF_ERROR(registry->Load());
  if (!config.registry_path.empty()) {
    LIMEN_RETURN_IF_ERROR(registry->BootstrapFrom(config.registry_path));
  }
  registry->StartReloading(std::chrono::seconds(config.registry_reload_seconds));
  LiveRegistry* live = registry.get();
  services.metrics->AddCallbackGauge("limen_registry_version",
                                     "Stored lost/stolen registry import version in use",
                                     [live] { return static_cast<double>(live->view()->version); });
  services.metrics->AddCallbackGauge(
      "limen_registry_entries", "Lost/stolen registry records (imported and national)", [live] {
        const auto view = live->view();
        return static_cast<double>(view->imported->size() + view->national->size());
      });
  services.registry = std::move(registry);
  return Status::Ok();
}

// The data-sharing policy (policy.file) and the stay rules (stay.rules_file) for the
// border-crossing workflow. A policy or rules file that does not parse stops the node; an
// absent policy withholds personal data, absent stay rules leave inspections without a verdict.
Status LoadWorkflowData(const WorkflowConfig& config, Services& services) {
  if (std::optional<std::string> policy = ReadWholeFile(config.policy_file)) {
    LIMEN_ASSIGN_OR_RETURN(core::DataSharingPolicy parsed, core::ParseDataSharingPolicy(*policy));
    services.policy = std::make_shared<core::DataSharingPolicy>(std::move(parsed));
  }
  std::optional<std::string> rules = ReadWholeFile(config.stay_rules_file);
  if (!rules) {
    services.stay_rules_problem =
        "The stay rules file " + config.stay_rules_file + " is absent; no stay verdict.";
    return Status::Ok();
  }
  LIMEN_ASSIGN_OR_RETURN(core::stay::StayRules parsed, core::stay::ParseStayRules(*rules));
  services.stay_rules = std::make_shared<core::stay::StayRules>(std::move(parsed));
  return Status::Ok();
}

// The identity linking rules (identity.linking_file); the built-in defaults when it is absent.
Status LoadLinkingRules(const WorkflowConfig& config, Services& services) {
  core::identity::LinkingRules rules;
  if (std::optional<std::string> text = ReadWholeFile(config.linking_rules_file)) {
    LIMEN_ASSIGN_OR_RETURN(rules, core::identity::ParseLinkingRules(*text));
  }
  services.linking_rules = std::make_shared<core::identity::LinkingRules>(rules);
  return Status::Ok();
}

// Builds the screening index from the watchlists stored on this node.
Status LoadWatchlists(App::Impl& impl) {
  std::vector<core::screening::WatchlistEntry> entries;
  std::vector<store::WatchlistInfo> lists;
  LIMEN_RETURN_IF_ERROR(impl.store->Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(entries, store::LoadWatchlistEntries(txn));
    LIMEN_ASSIGN_OR_RETURN(lists, store::ListWatchlists(txn));
    return Status::Ok();
  }));
  std::string version;
  for (const auto& list : lists) {
    version += (version.empty() ? "" : ",") + list.list_id + ":" + list.version;
  }
  const size_t count = entries.size();
  impl.screener.Replace(std::move(entries), version);
  log::Info(fmt::format("screening index built: {} watchlist entries from {} lists", count,
                        lists.size()));
  return Status::Ok();
}

}  // namespace

App::App(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

App::~App() {
  if (impl_->http) {
    impl_->http->Shutdown();
    impl_->http->Wait();
  }
  impl_->http.reset();
  if (impl_->store) impl_->store->Close();
}

Result<std::unique_ptr<App>> App::Create(const Config& config, const Clock& clock) {
  LIMEN_RETURN_IF_ERROR(ValidateConfig(config));
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  impl->clock = &clock;
  Impl* raw = impl.get();
  store::StoreOptions store_options;
  store_options.path = config.database.path;
  store_options.node_id = config.node.id;
  store_options.clock = &clock;
  store_options.commit_observer = [raw](const store::CommitInfo& info) {
    if (raw->commit_seconds == nullptr) return;
    raw->commit_seconds->WithLabels(std::vector<std::string>{})
        .Observe(static_cast<double>(info.duration_micros) / 1e6);
    raw->commit_batches->WithLabels({info.committed ? "ok" : "failed"}).Increment();
  };
  LIMEN_ASSIGN_OR_RETURN(impl->store, store::OpenStore(store_options));
  RegisterStoreMetrics(*impl);
  LIMEN_RETURN_IF_ERROR(LoadWatchlists(*impl));
  impl->auth = std::make_unique<Authenticator>(*impl->store, config.auth, clock);
  impl->services.config = config;
  impl->services.store = impl->store.get();
  impl->services.clock = &clock;
  impl->services.auth = impl->auth.get();
  impl->services.metrics = &impl->metrics;
  impl->services.screener = &impl->screener;
  LIMEN_RETURN_IF_ERROR(LoadRegistry(config.workflow, impl->services));
  LIMEN_RETURN_IF_ERROR(LoadWorkflowData(config.workflow, impl->services));
  LIMEN_RETURN_IF_ERROR(LoadLinkingRules(config.workflow, impl->services));
  impl->api = std::make_unique<ApiService>(impl->services);
  ApiService* api = impl->api.get();
  LIMEN_ASSIGN_OR_RETURN(impl->http, http::HttpServer::Create(
                                         HttpOptions(config),
                                         [api](http::Request&& request, http::Responder respond) {
                                           api->Handle(std::move(request), std::move(respond));
                                         },
                                         &impl->metrics));
  return std::unique_ptr<App>(new App(std::move(impl)));
}

Status App::Start() {
  LIMEN_RETURN_IF_ERROR(impl_->http->Start());
  log::Info(fmt::format("limen node {} ({}) serving on {}://{}:{}", impl_->config.node.id,
                        impl_->config.node.role,
                        impl_->config.http.tls_cert.empty() ? "http" : "https",
                        HttpOptions(impl_->config).host, impl_->http->port()));
  return Status::Ok();
}

uint16_t App::port() const { return impl_->http->port(); }

Status App::RunUntilSignalled() { return http::RunUntilSignalled(*impl_->http); }

void App::Shutdown() { impl_->http->Shutdown(); }

void App::Wait() { impl_->http->Wait(); }

store::Store& App::store() { return *impl_->store; }

core::screening::Screener& App::screener() { return impl_->screener; }

const Config& App::config() const { return impl_->config; }

}  // namespace limen::server
