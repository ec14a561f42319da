// Logging facade. Code logs through these functions; the backend (spdlog) stays in log.cc.
//
// Thread-safety: all functions are thread-safe.
#pragma once

#include <string_view>

namespace limen::log {

enum class Level { kDebug, kInfo, kWarning, kError };

// Sets the minimum level written; messages below it are dropped.
void SetLevel(Level level);
// Parses "debug", "info", "warning"/"warn", "error". Returns false if unknown.
bool ParseLevel(std::string_view text, Level& out);

void Write(Level level, std::string_view message);
inline void Debug(std::string_view message) { Write(Level::kDebug, message); }
inline void Info(std::string_view message) { Write(Level::kInfo, message); }
inline void Warning(std::string_view message) { Write(Level::kWarning, message); }
inline void Error(std::string_view message) { Write(Level::kError, message); }

}  // namespace limen::log
