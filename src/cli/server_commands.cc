#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace limen::cli {

void RegisterServerCommands(CLI::App& app) { (void)app; }

}  // namespace limen::cli
