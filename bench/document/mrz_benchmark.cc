// Google Benchmark of ParseMrz on a realistic mix: 60% TD3 passports, 20% TD1 and 5% TD2 identity
// cards, 10% visas (MRV-A, MRV-B), 5% French identity cards; one document in ten carries a reading
// error (a wrong check digit or an O/0 confusion), so corrections are exercised too.
//
// Baseline in the same run: a naive reader that only splits the lines and checks the check
// digits of a TD3 (what a minimal web parser does). Compare ratios, not times: the machine is
// shared.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/document/generate.h"
#include "core/document/mrz.h"

namespace limen::core::document {
namespace {

constexpr const char* kStates[] = {"SWE", "FRA", "D",   "NLD", "UTO", "GBR",
                                   "USA", "ESP", "POL", "UKR", "XXA", "ITA"};
constexpr const char* kSurnames[] = {"Eriksson",     "Müller",  "Dvořák",       "Иванов", "Nguyen",
                                     "García López", "O'Brien", "Παπαδόπουλος", "Smith"};
constexpr const char* kGiven[] = {"Anna Maria", "Jürgen", "Ølve", "Юлия", "Mohamed", "Jean-Luc"};

DocumentFormat PickFormat(int roll) {
  if (roll < 60) return DocumentFormat::kTd3;
  if (roll < 80) return DocumentFormat::kTd1;
  if (roll < 85) return DocumentFormat::kTd2;
  if (roll < 90) return DocumentFormat::kMrvA;
  if (roll < 95) return DocumentFormat::kMrvB;
  return DocumentFormat::kFrenchId;
}

std::string Digits(std::mt19937& random, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out.push_back(static_cast<char>('0' + random() % 10));
  return out;
}

std::string MakeDocument(std::mt19937& random) {
  DocumentData data;
  data.format = PickFormat(static_cast<int>(random() % 100));
  data.issuing_state = kStates[random() % 12];
  data.nationality = kStates[random() % 12];
  data.primary_identifier = kSurnames[random() % 9];
  data.secondary_identifier = kGiven[random() % 6];
  data.document_number =
      data.format == DocumentFormat::kFrenchId ? Digits(random, 12) : "X" + Digits(random, 8);
  data.birth_date =
      CivilDate{1940 + static_cast<int>(random() % 80), 1 + static_cast<int>(random() % 12),
                1 + static_cast<int>(random() % 28)};
  data.expiry_date =
      CivilDate{2020 + static_cast<int>(random() % 15), 1 + static_cast<int>(random() % 12),
                1 + static_cast<int>(random() % 28)};
  data.sex = random() % 2 ? "F" : "M";
  if (data.format == DocumentFormat::kFrenchId) data.administrative_code = "750123";
  auto generated = GenerateMrz(data);
  std::string text;
  for (const auto& line : generated->lines) text += line + "\n";
  if (random() % 10 == 0) {
    // A reading error on line 2: a check digit off by one, or a 0 read as O.
    const size_t line2 = text.find('\n') + 1;
    const size_t position = line2 + 13 + random() % 6;
    text[position] =
        text[position] == '0' ? 'O' : static_cast<char>('0' + (text[position] - '0' + 1) % 10);
  }
  return text;
}

const std::vector<std::string>& Corpus() {
  static const std::vector<std::string> corpus = [] {
    std::mt19937 random(20261126);
    std::vector<std::string> documents;
    for (int i = 0; i < 2000; ++i) documents.push_back(MakeDocument(random));
    return documents;
  }();
  return corpus;
}

// The next index into a list of `size` items, wrapping around without a division (a 64-bit
// division costs as much as a small part of a parse, and the peer's loop has none).
size_t Next(size_t index, size_t size) { return index + 1 == size ? 0 : index + 1; }

CheckOptions Options() {
  CheckOptions options;
  options.today = {2026, 11, 26};
  return options;
}

void BM_ParseMrzMix(benchmark::State& state) {
  const auto& corpus = Corpus();
  const CheckOptions options = Options();
  size_t index = 0;
  for (auto _ : state) {
    auto report = ParseMrz(corpus[index], options);
    benchmark::DoNotOptimize(report);
    index = Next(index, corpus.size());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseMrzMix);
BENCHMARK(BM_ParseMrzMix)->Threads(2)->UseRealTime();

void BM_ParseMrzMixNoCorrections(benchmark::State& state) {
  const auto& corpus = Corpus();
  CheckOptions options = Options();
  options.propose_corrections = false;
  size_t index = 0;
  for (auto _ : state) {
    auto report = ParseMrz(corpus[index], options);
    benchmark::DoNotOptimize(report);
    index = Next(index, corpus.size());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseMrzMixNoCorrections);

// Baseline: split into lines and verify the TD3 check digits, nothing else.
bool NaiveTd3(const std::string& text) {
  const size_t newline = text.find('\n');
  if (newline == std::string::npos) return false;
  const std::string line = text.substr(newline + 1, 44);
  if (line.size() < 44) return false;
  const auto check = [&](size_t start, size_t length, size_t digit) {
    return ComputeCheckDigit(std::string_view(line).substr(start, length)) == line[digit] - '0';
  };
  return check(0, 9, 9) && check(13, 6, 19) && check(21, 6, 27);
}

void BM_NaiveBaseline(benchmark::State& state) {
  const auto& corpus = Corpus();
  size_t index = 0;
  for (auto _ : state) {
    bool ok = NaiveTd3(corpus[index]);
    benchmark::DoNotOptimize(ok);
    index = Next(index, corpus.size());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NaiveBaseline);

// The documents of the file named by LIMEN_MRZ_INPUTS (blank-line separated), so that
// bench/peers/mrz/run.sh measures the engine on exactly the inputs the peer parses.
std::vector<std::string> InputsFromFile() {
  std::vector<std::string> documents;
  const char* path = std::getenv("LIMEN_MRZ_INPUTS");
  if (path == nullptr) return documents;
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

void ParseInputs(benchmark::State& state, bool propose_corrections) {
  static const std::vector<std::string> documents = InputsFromFile();
  if (documents.empty()) {
    state.SkipWithError("set LIMEN_MRZ_INPUTS to a file of MRZs separated by blank lines");
    return;
  }
  CheckOptions options = Options();
  options.propose_corrections = propose_corrections;
  size_t index = 0;
  for (auto _ : state) {
    auto report = ParseMrz(documents[index], options);
    benchmark::DoNotOptimize(report);
    index = Next(index, documents.size());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_ParseMrzInputs(benchmark::State& state) { ParseInputs(state, true); }
BENCHMARK(BM_ParseMrzInputs);

// The same without the correction search, to show what the search costs on these inputs.
void BM_ParseMrzInputsNoCorrections(benchmark::State& state) { ParseInputs(state, false); }
BENCHMARK(BM_ParseMrzInputsNoCorrections);

}  // namespace
}  // namespace limen::core::document
