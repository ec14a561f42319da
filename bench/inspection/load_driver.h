// The closed-loop load driver of the inspection load test: one thread, epoll, many keep-alive
// connections to the node, each running complete inspections (POST /api/v1/inspections, then the
// officer's decision POST /api/v1/crossings) one after the other, or GET /healthz for the
// baseline. No JSON library: the driver scans each inspection response for the few fields it
// needs (see json_scan.h), so that it takes a small share of the cores it shares with the node.
//
// Thread-safety: RunPhase is single-threaded and owns everything it touches.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace limen::bench {

struct DriveOptions {
  uint16_t port = 0;
  std::string token;
  std::string post = "UTO-AIR1";
  int connections = 16;
  int seconds = 30;
  int node_pid = 0;  // When set, the node's CPU time during each phase is measured.
};

struct Samples {
  std::vector<double> first_ms;   // Inspection (or the baseline request).
  std::vector<double> second_ms;  // Crossing.
  std::vector<double> total_ms;   // Inspection + crossing.
  int64_t errors = 0;
  std::map<std::string, int64_t> decisions;  // Recommendation (first reason) -> count.
  double node_cpu_seconds = 0;               // User + system, when DriveOptions::node_pid is set.
};

enum class Phase { kHealthz, kInspections };

// Runs one phase for options.seconds on options.connections connections. `mrzs` are the
// travellers' MRZs (lines joined by '\n'); `directions` (one per traveller, 0 = next is an entry)
// alternates entry and exit per traveller across phases.
Samples RunPhase(const DriveOptions& options, Phase phase, const std::vector<std::string>& mrzs,
                 std::vector<uint8_t>& directions);

}  // namespace limen::bench
