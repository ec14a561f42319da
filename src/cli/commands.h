// Registration of `limen` subcommands. Each group lives in its own file and adds its
// subcommands to the application; main.cc only calls these. CLI11 is used only under cli/.
//
// A subcommand reports failure by throwing CLI::RuntimeError(exit_code) from its callback after
// printing a clear message to stderr; main() turns that into the process exit code.
#pragma once

namespace CLI {
class App;
}

namespace limen::cli {

// serve, init, user, log, audit, rebuild.
void RegisterServerCommands(CLI::App& app);
// mrz: parse, validate and generate machine readable zones.
void RegisterMrzCommand(CLI::App& app);
// screen, watchlist: name screening against watchlists.
void RegisterScreeningCommands(CLI::App& app);
// registry: import and inspect the lost/stolen document registry.
void RegisterRegistryCommands(CLI::App& app);

}  // namespace limen::cli
