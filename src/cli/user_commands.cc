// limen init and limen user: creating a node's database and managing accounts from the shell.
// Every change made here is an event, and is also written to the audit log with method "CLI".
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/common.h"
#include "core/screening/import.h"
#include "crypto/password.h"
#include "crypto/random.h"
#include "server/api/live_registry.h"
#include "store/identity_store.h"
#include "store/session_store.h"
#include "store/store.h"
#include "store/watchlist_store.h"
#include "store/workflow_store.h"

namespace limen::cli {
namespace {

constexpr char kActor[] = "system:cli";

std::string OsUser() {
  const char* user = std::getenv("USER");
  return user != nullptr ? user : "unknown";
}

Status AuditCli(store::WriteTxn& txn, const std::string& command, const std::string& record_type,
                const std::string& record_id) {
  store::AuditDraft draft;
  draft.actor_username = "os:" + OsUser();
  draft.client_address = "local";
  draft.method = "CLI";
  draft.route = command;
  draft.record_type = record_type;
  draft.record_id = record_id;
  draft.outcome = 200;
  return txn.AppendAudit(draft).status();
}

std::string ReadPasswordFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) {
    ExitIfError(NotFound("PASSWORD_FILE", "cannot read " + path), "password file");
  }
  std::string password;
  std::getline(file, password);
  while (!password.empty() && (password.back() == '\r' || password.back() == ' ')) {
    password.pop_back();
  }
  return password;
}

std::string GeneratePassword() {
  auto bytes = crypto::RandomBytes(18);
  ExitIfError(bytes.status(), "cannot generate a password");
  return crypto::Base64UrlEncode(*bytes);
}

crypto::PasswordCost CostOf(const server::Config& config) {
  crypto::PasswordCost cost;
  cost.memory_kib = static_cast<uint32_t>(config.auth.argon2_memory_kib);
  cost.time_cost = static_cast<uint32_t>(config.auth.argon2_iterations);
  return cost;
}

std::string HashOrExit(const server::Config& config, const std::string& password) {
  if (static_cast<int64_t>(password.size()) < config.auth.password_min_length) {
    ExitIfError(
        InvalidArgument("PASSWORD_WEAK", fmt::format("the password needs at least {} characters",
                                                     config.auth.password_min_length)),
        "password");
  }
  auto hash = crypto::HashPassword(password, CostOf(config));
  ExitIfError(hash.status(), "cannot hash the password");
  return *hash;
}

Status SeedDemo(store::WriteTxn& txn, const server::Config& config) {
  const std::string home = config.node.state;
  LIMEN_RETURN_IF_ERROR(
      store::CreateState(txn, kActor, {"XNB", "Neighbouring State (demonstration)"}).status());
  using store::PostKind;
  const store::PostRecord posts[] = {
      {home + "-HQ", "Border service headquarters", PostKind::kHeadquarters, {home}},
      {home + "-AIR1", "Capital international airport", PostKind::kAirBcp, {home}},
      {home + "-SEA1", "Port of the capital", PostKind::kSeaBcp, {home}},
      {home + "-LAND1", "North bridge one-stop border post", PostKind::kLandBcp, {home, "XNB"}},
      {home + "-INL1", "Inland immigration office", PostKind::kInlandStation, {home}},
  };
  for (const auto& post : posts) {
    LIMEN_RETURN_IF_ERROR(store::CreatePost(txn, kActor, post).status());
  }
  // Fictional persons on a demonstration alert list, so that a first inspection or screening
  // shows a hit and its explanation (README), and the ICAO Doc 9303 specimen passport of this
  // State reported stolen.
  constexpr char kDemoWatchlist[] =
      "id,name,aliases,dob,nationality,sex\n"
      "demo-1,Ivan Petrovich SIDOROV,Иван Петрович Сидоров,1970-05-01,RUS,M\n"
      "demo-2,Ahmed AL-RASHID,Ahmad AL RASHEED;Abu Omar,1965,IRQ,M\n"
      "demo-3,Maria GARCIA LOPEZ,,1980-02,ESP,F\n";
  core::screening::ImportOptions import_options;
  import_options.list_id = "demo";
  LIMEN_ASSIGN_OR_RETURN(core::screening::ImportResult demo_list,
                         core::screening::ImportCsv(kDemoWatchlist, import_options));
  store::WatchlistImport watchlist{.list_id = "demo",
                                   .version = "demo-1",
                                   .mode = store::WatchlistImportMode::kFull,
                                   .entries = std::move(demo_list.entries),
                                   .removals = {}};
  LIMEN_RETURN_IF_ERROR(store::SaveWatchlistImport(txn, kActor, watchlist).status());
  return store::ReportDocument(txn, kActor,
                               store::RegistryReportRow{.issuing_state = home,
                                                        .number = "L898902C3",
                                                        .source = server::kNationalReportSource,
                                                        .type = "passport",
                                                        .reason = "stolen",
                                                        .reported_on = "2026-01-15"});
}

struct InitOptions {
  ConfigOptions config;
  bool demo = false;
  std::string admin_user = "admin";
  std::string admin_password_file;
  std::string state_name = "Utopia";
};

void RunInit(const InitOptions& options) {
  server::Config config = LoadConfigOrExit(options.config);
  auto store = OpenStoreOrExit(config);
  bool initialised = false;
  ExitIfError(store->Read([&](store::ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(auto users, store::ListUsers(txn));
    initialised = !users.empty();
    return Status::Ok();
  }),
              "cannot read the database");
  if (initialised) {
    std::cerr << "limen: " << config.database.path
              << " is already initialised; nothing changed. Use `limen user` to manage accounts."
              << std::endl;
    throw CLI::RuntimeError(3);
  }
  const bool generated = options.admin_password_file.empty();
  const std::string password =
      generated ? GeneratePassword() : ReadPasswordFile(options.admin_password_file);
  store::NewUser admin;
  admin.username = options.admin_user;
  admin.password_hash = HashOrExit(config, password);
  admin.role = core::Role::kAdministrator;
  admin.agency = "immigration";
  // A generated password is for one use only; a password given by a script is the real one.
  admin.must_change_password = generated;
  ExitIfError(store->Write([&](store::WriteTxn& txn) -> Status {
    LIMEN_RETURN_IF_ERROR(
        store::CreateState(txn, kActor, {config.node.state, options.state_name}).status());
    LIMEN_RETURN_IF_ERROR(store::EnsureDefaultAgencies(txn, kActor));
    if (options.demo) LIMEN_RETURN_IF_ERROR(SeedDemo(txn, config));
    LIMEN_ASSIGN_OR_RETURN(store::UserRecord user, store::CreateUser(txn, kActor, admin));
    return AuditCli(txn, "limen init", "user", std::to_string(user.id));
  }),
              "initialisation failed; nothing was written");
  std::cout << fmt::format(
      "Initialised {} for node {} (State {}){}.\n", config.database.path, config.node.id,
      config.node.state,
      options.demo ? " with demonstration posts, watchlist and registry report" : "");
  if (generated) {
    std::cout << fmt::format(
        "Administrator: {}\nOne-time password: {}\n(You will be asked to choose a new password "
        "at first login.)\n",
        admin.username, password);
  }
}

void RegisterUserAdd(CLI::App& user) {
  struct Options {
    ConfigOptions config;
    std::string username, role = "officer", agency = "immigration", password_file;
    std::vector<std::string> posts;
  };
  auto options = std::make_shared<Options>();
  auto* add = user.add_subcommand("add", "Create a user (prints a one-time password)");
  AddConfigOptions(*add, options->config);
  add->add_option("username", options->username, "Login name")->required();
  add->add_option("--role", options->role,
                  "officer, supervisor, analyst, administrator or auditor");
  add->add_option("--agency", options->agency, "Agency code, e.g. immigration, customs");
  add->add_option("--post", options->posts, "Post code (repeat for several)");
  add->add_option("--password-file", options->password_file,
                  "Read the password from this file instead of generating one");
  add->callback([options] {
    server::Config config = LoadConfigOrExit(options->config);
    auto role = core::ParseRole(options->role);
    if (!role) ExitIfError(InvalidArgument("ROLE_UNKNOWN", options->role), "--role");
    const bool generated = options->password_file.empty();
    const std::string password =
        generated ? GeneratePassword() : ReadPasswordFile(options->password_file);
    store::NewUser user{
        options->username, HashOrExit(config, password), *role, options->agency, options->posts,
        generated};
    auto store = OpenStoreOrExit(config);
    int64_t id = 0;
    ExitIfError(store->Write([&](store::WriteTxn& txn) -> Status {
      LIMEN_ASSIGN_OR_RETURN(store::UserRecord created, store::CreateUser(txn, kActor, user));
      id = created.id;
      return AuditCli(txn, "limen user add", "user", std::to_string(id));
    }),
                "cannot add the user");
    std::cout << fmt::format("Created user {} (id {}).\n", options->username, id);
    if (generated) std::cout << "One-time password: " << password << "\n";
  });
}

void RegisterUserList(CLI::App& user) {
  auto options = std::make_shared<ConfigOptions>();
  auto* list = user.add_subcommand("list", "List users");
  AddConfigOptions(*list, *options);
  list->callback([options] {
    auto store = OpenStoreOrExit(LoadConfigOrExit(*options));
    std::vector<store::UserRecord> users;
    ExitIfError(store->Read([&](store::ReadTxn& txn) -> Status {
      LIMEN_ASSIGN_OR_RETURN(users, store::ListUsers(txn));
      return Status::Ok();
    }),
                "cannot list users");
    std::cout << fmt::format("{:<6} {:<20} {:<14} {:<12} {:<9} {}\n", "ID", "USERNAME", "ROLE",
                             "AGENCY", "STATUS", "POSTS");
    for (const auto& u : users) {
      std::string posts;
      for (const auto& post : u.posts) posts += (posts.empty() ? "" : ",") + post;
      std::cout << fmt::format("{:<6} {:<20} {:<14} {:<12} {:<9} {}\n", u.id, u.username,
                               core::RoleName(u.role), u.agency, u.disabled ? "disabled" : "active",
                               posts.empty() ? "-" : posts);
    }
  });
}

enum class Change { kDisable, kResetPassword };

void RegisterUserChange(CLI::App& user, const char* name, const char* help, Change change) {
  struct Options {
    ConfigOptions config;
    std::string username;
  };
  auto options = std::make_shared<Options>();
  auto* command = user.add_subcommand(name, help);
  AddConfigOptions(*command, options->config);
  command->add_option("username", options->username, "Login name")->required();
  command->callback([options, change, name] {
    server::Config config = LoadConfigOrExit(options->config);
    const std::string password = change == Change::kResetPassword ? GeneratePassword() : "";
    const std::string hash = password.empty() ? "" : HashOrExit(config, password);
    auto store = OpenStoreOrExit(config);
    ExitIfError(store->Write([&](store::WriteTxn& txn) -> Status {
      LIMEN_ASSIGN_OR_RETURN(auto found, store::FindUserByUsername(txn, options->username));
      if (!found) return NotFound("USER_NOT_FOUND", "no user " + options->username);
      if (change == Change::kDisable) {
        LIMEN_RETURN_IF_ERROR(store::DisableUser(txn, kActor, found->id));
      } else {
        LIMEN_RETURN_IF_ERROR(store::SetPassword(txn, kActor, found->id, hash, true));
        LIMEN_RETURN_IF_ERROR(store::DeleteUserSessions(txn, found->id));
      }
      return AuditCli(txn, std::string("limen user ") + name, "user", std::to_string(found->id));
    }),
                std::string("cannot ") + name);
    if (change == Change::kDisable) {
      std::cout << "Disabled " << options->username << "; their sessions have ended.\n";
    } else {
      std::cout << "New one-time password for " << options->username << ": " << password << "\n";
    }
  });
}

}  // namespace

void RegisterInit(CLI::App& app) {
  auto options = std::make_shared<InitOptions>();
  auto* init =
      app.add_subcommand("init", "Create a node's database: State, agencies, administrator");
  AddConfigOptions(*init, options->config);
  init->add_flag("--demo", options->demo,
                 "Also add demonstration posts, a neighbouring State, a demonstration watchlist "
                 "and a stolen specimen passport");
  init->add_option("--admin-user", options->admin_user, "Administrator username (default admin)");
  init->add_option("--admin-password-file", options->admin_password_file,
                   "Read the administrator password from this file (unattended set-up)");
  init->add_option("--state-name", options->state_name, "Name of this node's State");
  init->callback([options] { RunInit(*options); });
}

void RegisterUser(CLI::App& app) {
  auto* user = app.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);
  RegisterUserAdd(*user);
  RegisterUserList(*user);
  RegisterUserChange(*user, "disable", "Disable a user and end their sessions", Change::kDisable);
  RegisterUserChange(*user, "reset-password", "Give a user a new one-time password",
                     Change::kResetPassword);
}

}  // namespace limen::cli
