// A fixed amount of parsing for instruction counts, which stay repeatable however busy the
// machine is (Google Benchmark decides its own iteration counts, so its totals cannot be divided
// by a known number of documents):
//
//   valgrind --tool=callgrind --toggle-collect='*ParsePasses*'
//       build/release/bench/document/mrz_passes bench/peers/mrz/out/inputs.txt 3
//       [--no-corrections]
//
// (one command).
//
// ParsePasses parses every document of the file (MRZs separated by blank lines) `passes` times,
// each report destroyed at once, with the options of BM_ParseMrzInputs; instructions per
// document are callgrind's total over passes times the number of documents, which it prints.
// Add --branch-sim=yes --cache-sim=yes for branch mispredictions and cache misses.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/document/mrz.h"

namespace limen::core::document {
namespace {

std::vector<std::string> ReadDocuments(const char* path) {
  std::vector<std::string> documents;
  std::ifstream file(path);
  std::string line;
  std::string block;
  while (std::getline(file, line)) {
    if (line.empty()) {
      if (!block.empty()) documents.push_back(block);
      block.clear();
    } else {
      block += line + "\n";
    }
  }
  if (!block.empty()) documents.push_back(block);
  return documents;
}

// Returns something that depends on every report, so that no parse can be left out.
[[gnu::noinline]] size_t ParsePasses(const std::vector<std::string>& documents,
                                     const CheckOptions& options, int passes) {
  size_t fields = 0;
  for (int pass = 0; pass < passes; ++pass) {
    for (const std::string& document : documents) {
      const Result<DocumentReport> report = ParseMrz(document, options);
      fields += report.ok() ? report->fields.size() : 0;
    }
  }
  return fields;
}

// The same once, not counted: the first use of the State code table builds it.
[[gnu::noinline]] size_t WarmUp(const std::vector<std::string>& documents,
                                const CheckOptions& options) {
  size_t fields = 0;
  for (const std::string& document : documents) {
    const Result<DocumentReport> report = ParseMrz(document, options);
    fields += report.ok() ? report->fields.size() : 0;
  }
  return fields;
}

}  // namespace
}  // namespace limen::core::document

int main(int argc, char** argv) {
  namespace doc = limen::core::document;
  if (argc < 3) {
    std::cerr << "usage: mrz_passes FILE PASSES [--no-corrections]\n";
    return 1;
  }
  const std::vector<std::string> documents = doc::ReadDocuments(argv[1]);
  const int passes = std::atoi(argv[2]);
  doc::CheckOptions options;
  options.today = {2026, 11, 26};
  options.propose_corrections = !(argc > 3 && std::string_view(argv[3]) == "--no-corrections");
  const size_t warm = doc::WarmUp(documents, options);
  const size_t fields = doc::ParsePasses(documents, options, passes);
  std::cout << documents.size() << " documents, " << passes
            << " passes: " << documents.size() * passes << " parses (" << warm + fields
            << " fields)\n";
  return 0;
}
