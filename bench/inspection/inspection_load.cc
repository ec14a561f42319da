// The inspection load test: complete inspections (POST /api/v1/inspections, then the officer's
// decision POST /api/v1/crossings) against a real node holding a large watchlist and a large
// lost/stolen registry, with GET /healthz measured in the same run as the baseline.
//
//   inspection_load generate --names-file names.tsv --out DIR [--watchlist 1000000]
//                            [--registry 10000000] [--travellers 20000] [--seed 1]
//       writes DIR/watchlist.csv, DIR/registry.csv and DIR/travellers.txt (one MRZ per line,
//       lines joined by '|'). Names follow a Zipf law per locale (names.tsv from
//       bench/screening/names_from_faker.mjs); 1 % of travellers carry a listed name, 0.5 % a
//       listed document number, the rest are ordinary travellers of mixed nationalities.
//   inspection_load drive --port P --token T --travellers DIR/travellers.txt --post CODE
//                         [--connections 16] [--seconds 30] [--node-pid PID]
//       runs the baseline then the inspections, each for --seconds on --connections keep-alive
//       connections driven by one thread (load_driver.h), and prints a Markdown table:
//       throughput and p50/p99 latencies, then the driver's own CPU time (and the node's, with
//       --node-pid).
//
// bench/inspection/run.sh does the whole run (data, node, load) and is what docs cite.
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/document/generate.h"
#include "inspection/load_driver.h"

namespace {

std::string Arg(int argc, char** argv, const char* name, std::string fallback = "") {
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], name) == 0) return argv[i + 1];
  }
  return fallback;
}

// ---- generate ------------------------------------------------------------------------------

struct Locale {
  std::vector<std::string> first;
  std::vector<std::string> last;
};

std::vector<Locale> LoadLocales(const std::string& path) {
  std::map<std::string, Locale> by_name;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    size_t a = line.find('\t');
    size_t b = line.find('\t', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    Locale& locale = by_name[line.substr(0, a)];
    (line.compare(a + 1, b - a - 1, "first") == 0 ? locale.first : locale.last)
        .push_back(line.substr(b + 1));
  }
  std::vector<Locale> locales;
  for (auto& [name, locale] : by_name) {
    if (!locale.first.empty() && !locale.last.empty()) locales.push_back(std::move(locale));
  }
  return locales;
}

// Zipf-distributed rank in [0, n): common names are common.
size_t ZipfRank(std::mt19937_64& rng, size_t n) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double h = std::log(static_cast<double>(n) + 1.0);
  return std::min(n - 1, static_cast<size_t>(std::exp(u(rng) * h) - 1.0));
}

struct Person {
  std::string surname;
  std::string given;
};

Person RandomPerson(std::mt19937_64& rng, const std::vector<Locale>& locales) {
  const Locale& locale = locales[rng() % locales.size()];
  return Person{locale.last[ZipfRank(rng, locale.last.size())],
                locale.first[ZipfRank(rng, locale.first.size())]};
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The i-th registry number: a letter and eight characters of a bijective scramble of i, so that
// ten million numbers never repeat (a repeated record would be refused by the import).
std::string RegistryNumber(std::mt19937_64& rng, uint64_t i) {
  static constexpr char kChars[] = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
  constexpr uint64_t kRadix = sizeof(kChars) - 1;             // 33.
  constexpr uint64_t kSpace = 1'406'408'618'241ULL;           // 33^8.
  uint64_t value = (i * 2'654'435'761ULL + 12'345) % kSpace;  // Multiplier coprime with 33.
  std::string number(1, kChars[rng() % 23]);
  for (int digit = 0; digit < 8; ++digit, value /= kRadix) number += kChars[value % kRadix];
  return number;
}

std::string DocumentNumber(std::mt19937_64& rng) {
  static constexpr char kChars[] = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
  std::string number(1, kChars[rng() % 23]);
  for (int i = 0; i < 8; ++i) number += kChars[rng() % (sizeof(kChars) - 1)];
  return number;
}

// "YYYY-MM-DD" in [first_year, first_year + years).
std::string RandomDate(std::mt19937_64& rng, int first_year, int years) {
  char text[16];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02d", first_year + static_cast<int>(rng() % years),
                static_cast<int>(rng() % 12 + 1), static_cast<int>(rng() % 28 + 1));
  return text;
}

// Sixteen draws' worth of nationalities (ICAO codes: Germany is "D"): citizens of the node's
// State (UTO), visa-free and per-entry regimes of config/stay-rules.toml, and one nationality
// that needs a visa (IND), so that about one traveller in sixteen is refused for lack of one.
const char* const kNationalities[] = {"UTO", "UTO", "UTO", "FRA", "FRA", "D",   "D",   "GBR",
                                      "GBR", "USA", "ITA", "JPN", "CAN", "BRA", "MEX", "IND"};
// Nationalities of listed persons (ISO 3166-1 alpha-3, as watchlists carry them).
const char* const kListedNationalities[] = {"FRA", "DEU", "GBR", "USA", "ITA", "ESP", "RUS", "IRN",
                                            "SYR", "IRQ", "AFG", "NGA", "CHN", "IND", "PAK", "TUR"};

int Generate(int argc, char** argv) {
  const std::string names_file = Arg(argc, argv, "--names-file");
  const std::string out = Arg(argc, argv, "--out");
  const size_t watchlist = std::stoul(Arg(argc, argv, "--watchlist", "1000000"));
  const size_t registry = std::stoul(Arg(argc, argv, "--registry", "10000000"));
  const size_t travellers = std::stoul(Arg(argc, argv, "--travellers", "20000"));
  std::mt19937_64 rng(std::stoul(Arg(argc, argv, "--seed", "1")));
  std::vector<Locale> locales = LoadLocales(names_file);
  if (locales.empty() || out.empty()) {
    std::fprintf(stderr, "inspection_load generate: need --names-file (with names) and --out\n");
    return 2;
  }

  std::vector<Person> listed;  // Kept for travellers who are on the list.
  {
    std::ofstream csv(out + "/watchlist.csv");
    csv << "id,name,aliases,dob,nationality,sex\n";
    for (size_t i = 0; i < watchlist; ++i) {
      Person person = RandomPerson(rng, locales);
      if (i % 100 == 0) listed.push_back(person);
      csv << "W" << i << ',' << CsvField(person.given + " " + person.surname) << ",,"
          << RandomDate(rng, 1940, 65) << ',' << kListedNationalities[rng() % 16] << ','
          << (rng() % 2 ? 'M' : 'F') << '\n';
    }
  }
  std::vector<std::pair<std::string, std::string>> lost;  // (state, number) kept for travellers.
  {
    std::ofstream csv(out + "/registry.csv");
    csv << "issuing_state,number,type,reason,reported_on,source\n";
    static const char* const kReasons[] = {"lost", "stolen", "stolen_blank", "invalid", "revoked"};
    for (size_t i = 0; i < registry; ++i) {
      const char* state = kNationalities[rng() % 16];
      std::string number = RegistryNumber(rng, i);
      if (i % 1000 == 0) lost.emplace_back(state, number);
      csv << state << ',' << number << ",passport," << kReasons[rng() % 5] << ','
          << RandomDate(rng, 2020, 6) << ",interpol\n";
    }
  }
  std::ofstream lines(out + "/travellers.txt");
  size_t written = 0;
  for (size_t i = 0; written < travellers; ++i) {
    limen::core::document::DocumentData data;
    data.format = limen::core::document::DocumentFormat::kTd3;
    data.nationality = kNationalities[rng() % 16];
    data.issuing_state = data.nationality;
    Person person = RandomPerson(rng, locales);
    data.document_number = DocumentNumber(rng);
    if (i % 100 == 1 && !listed.empty()) person = listed[rng() % listed.size()];
    if (i % 200 == 2 && !lost.empty()) {
      const auto& [state, number] = lost[rng() % lost.size()];
      data.issuing_state = data.nationality = state;
      data.document_number = number;
    }
    data.primary_identifier = person.surname;
    data.secondary_identifier = person.given;
    data.birth_date = limen::CivilDate{static_cast<int32_t>(1950 + rng() % 55),
                                       static_cast<int32_t>(rng() % 12 + 1),
                                       static_cast<int32_t>(rng() % 28 + 1)};
    data.sex = rng() % 2 ? "M" : "F";
    data.expiry_date = limen::CivilDate{static_cast<int32_t>(2027 + rng() % 9), 6, 30};
    auto mrz = limen::core::document::GenerateMrz(data);
    if (!mrz.ok()) continue;  // A name the MRZ cannot hold; draw another traveller.
    lines << mrz->lines[0] << '|' << mrz->lines[1] << '\n';
    ++written;
  }
  std::fprintf(stderr, "generated %zu watchlist names, %zu registry entries, %zu travellers\n",
               watchlist, registry, written);
  return 0;
}

// ---- drive -----------------------------------------------------------------------------------

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(p * values.size()))];
}

// The CPU seconds (user + system) this process has used so far.
double CpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

int Drive(int argc, char** argv) {
  limen::bench::DriveOptions options;
  options.port = static_cast<uint16_t>(std::stoi(Arg(argc, argv, "--port", "0")));
  options.token = Arg(argc, argv, "--token");
  options.post = Arg(argc, argv, "--post", "UTO-AIR1");
  options.connections = std::stoi(Arg(argc, argv, "--connections", "16"));
  options.seconds = std::stoi(Arg(argc, argv, "--seconds", "30"));
  options.node_pid = std::stoi(Arg(argc, argv, "--node-pid", "0"));
  std::vector<std::string> mrzs;
  {
    std::ifstream in(Arg(argc, argv, "--travellers"));
    std::string line;
    while (std::getline(in, line)) {
      size_t bar = line.find('|');
      if (bar != std::string::npos)
        mrzs.push_back(line.substr(0, bar) + "\n" + line.substr(bar + 1));
    }
  }
  if (options.port == 0 || options.token.empty() || mrzs.empty() || options.connections < 1) {
    std::fprintf(stderr, "inspection_load drive: need --port, --token and --travellers\n");
    return 2;
  }
  std::vector<uint8_t> directions(mrzs.size());

  using limen::bench::Phase;
  const double cpu_start = CpuSeconds();
  limen::bench::Samples baseline = RunPhase(options, Phase::kHealthz, mrzs, directions);
  const double cpu_baseline = CpuSeconds();
  limen::bench::Samples load = RunPhase(options, Phase::kInspections, mrzs, directions);
  const double cpu_load = CpuSeconds() - cpu_baseline;
  const int seconds = options.seconds;
  const double base_rate = baseline.first_ms.size() / static_cast<double>(seconds);
  const double rate = load.total_ms.size() / static_cast<double>(seconds);
  std::printf("| measurement | per second | p50 ms | p99 ms | errors |\n|---|---|---|---|---|\n");
  std::printf("| GET /healthz (baseline) | %.0f | %.2f | %.2f | %lld |\n", base_rate,
              Percentile(baseline.first_ms, 0.50), Percentile(baseline.first_ms, 0.99),
              static_cast<long long>(baseline.errors));
  std::printf("| complete inspection (inspection + crossing) | %.0f | %.2f | %.2f | %lld |\n", rate,
              Percentile(load.total_ms, 0.50), Percentile(load.total_ms, 0.99),
              static_cast<long long>(load.errors));
  std::printf("| of which POST /api/v1/inspections | | %.2f | %.2f | |\n",
              Percentile(load.first_ms, 0.50), Percentile(load.first_ms, 0.99));
  std::printf("| of which POST /api/v1/crossings | | %.2f | %.2f | |\n",
              Percentile(load.second_ms, 0.50), Percentile(load.second_ms, 0.99));
  std::printf("\n%d connections, %d s per phase; recommendations:", options.connections, seconds);
  for (const auto& [decision, count] : load.decisions) {
    std::printf(" %s %lld", decision.c_str(), static_cast<long long>(count));
  }
  std::printf("; complete inspections / healthz = %.3f\n", base_rate > 0 ? rate / base_rate : 0.0);
  std::printf("driver CPU: %.2f s for the baseline, %.2f s for the inspections (%.3f ms each)\n",
              cpu_baseline - cpu_start, cpu_load,
              load.total_ms.empty() ? 0.0 : cpu_load * 1000 / load.total_ms.size());
  if (options.node_pid > 0) {
    std::printf("node CPU: %.2f s for the baseline, %.2f s for the inspections (%.3f ms each)\n",
                baseline.node_cpu_seconds, load.node_cpu_seconds,
                load.total_ms.empty() ? 0.0 : load.node_cpu_seconds * 1000 / load.total_ms.size());
  }
  return load.errors == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "generate") == 0) return Generate(argc, argv);
  if (argc >= 2 && std::strcmp(argv[1], "drive") == 0) return Drive(argc, argv);
  std::fprintf(stderr, "usage: inspection_load generate|drive ... (see the file's header)\n");
  return 2;
}
