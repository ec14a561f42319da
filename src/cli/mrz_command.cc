#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace limen::cli {

void RegisterMrzCommand(CLI::App& app) { (void)app; }

}  // namespace limen::cli
