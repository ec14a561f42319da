// The `limen` executable: one binary for every node role and every administrative task.
#include <CLI/CLI.hpp>

#include "cli/commands.h"

#ifndef LIMEN_VERSION
#define LIMEN_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  CLI::App app{"Limen: integrated border management information system"};
  app.set_version_flag("--version", std::string("limen ") + LIMEN_VERSION);
  app.require_subcommand(1);
  limen::cli::RegisterServerCommands(app);
  limen::cli::RegisterMrzCommand(app);
  limen::cli::RegisterScreeningCommands(app);
  limen::cli::RegisterRegistryCommands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }
  return 0;
}
