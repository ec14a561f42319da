// A reader for the tab-separated case tables under tests/data/: skips "#" comments and the
// header row, and returns each row as named fields. Test-only; single-threaded.
#pragma once

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "base/strings.h"

namespace limen::testing {

using TableRow = std::map<std::string, std::string>;

inline std::vector<TableRow> ReadTable(const std::string& path) {
  std::ifstream in(path);
  std::vector<TableRow> rows;
  std::vector<std::string> header;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    for (std::string_view field : Split(line, '\t')) fields.emplace_back(Trim(field));
    if (header.empty()) {
      header = fields;
      continue;
    }
    TableRow row;
    for (size_t i = 0; i < header.size(); ++i) row[header[i]] = i < fields.size() ? fields[i] : "";
    rows.push_back(std::move(row));
  }
  return rows;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace limen::testing
