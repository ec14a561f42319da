// The screening scale run: builds a synthetic list of N person names drawn from realistic
// name-frequency distributions, then screens queries one at a time on one thread and prints
// build time, memory, p50/p95/p99 latency (wall and thread CPU time) and, for the queries made
// from listed names, the share whose listed name is among the hits (listed_found), as one JSON
// object.
//
//   screening_scale --names-file names.tsv --names 1000000 [--queries 2000] [--seed 1]
//                   [--budgets 5000,20000] [--export DIR]
//
// names.tsv holds "locale<TAB>first|last<TAB>name" lines (bench/screening/names_from_faker.mjs).
// Within each locale, names follow a Zipf law by list rank (s = 1.0); locales are weighted by
// the rough share of travellers they stand for. A quarter of the people get a middle name (or a
// patronymic for Russian and Ukrainian names) and a third get an alias. Queries are half listed
// names with one typing error or a dropped middle name, half fresh names from the same mix.
//
// With --export DIR nothing is screened: the list and the queries are written as
// DIR/watchlist.csv (id,name,aliases) and DIR/queries.csv (query_id,name,expected_id) in the
// development set's format, so that bench/peers/pg_trgm/run.sh can run both engines on them.
// A listed name can be listed more than once (common names are common): expected_id then holds
// every entry whose primary name it is, `;`-separated, and finding any of them counts.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/screening/screener.h"

namespace scr = limen::core::screening;

namespace {

struct Locale {
  std::string code;
  std::vector<std::string> first, last;
  double weight = 1.0;
};

double LocaleWeight(const std::string& code) {
  static const std::map<std::string, double> kWeights = {
      {"en_US", 8}, {"en_GB", 4}, {"ru", 8},    {"uk", 4},    {"ar", 8},    {"fa", 3}, {"de", 5},
      {"fr", 5},    {"es", 5},    {"es_MX", 3}, {"pt_BR", 4}, {"it", 4},    {"tr", 4}, {"pl", 3},
      {"zh_CN", 8}, {"vi", 2},    {"ko", 2},    {"ja", 2},    {"id_ID", 3}, {"ur", 3}};
  auto it = kWeights.find(code);
  return it == kWeights.end() ? 1.0 : it->second;
}

std::vector<Locale> LoadLocales(const std::string& path) {
  std::ifstream in(path);
  std::map<std::string, Locale> by_code;
  std::string line;
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string code, kind, name;
    std::getline(fields, code, '\t');
    std::getline(fields, kind, '\t');
    std::getline(fields, name);
    if (name.empty()) continue;
    Locale& locale = by_code[code];
    locale.code = code;
    (kind == "first" ? locale.first : locale.last).push_back(name);
  }
  std::vector<Locale> out;
  for (auto& [code, locale] : by_code) {
    if (locale.first.empty() || locale.last.empty()) continue;
    locale.weight = LocaleWeight(code);
    out.push_back(std::move(locale));
  }
  return out;
}

// Zipf(s = 1) over ranks 1..n.
class Zipf {
 public:
  explicit Zipf(size_t n) : cumulative_(n) {
    double total = 0;
    for (size_t i = 0; i < n; ++i) cumulative_[i] = total += 1.0 / static_cast<double>(i + 1);
  }
  size_t operator()(std::mt19937_64& rng) const {
    double x = std::uniform_real_distribution<double>(0, cumulative_.back())(rng);
    return static_cast<size_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), x) -
                               cumulative_.begin());
  }

 private:
  std::vector<double> cumulative_;
};

struct Generator {
  std::vector<Locale> locales;
  std::vector<Zipf> first_zipf, last_zipf;
  std::discrete_distribution<size_t> pick_locale;
  std::mt19937_64 rng;

  Generator(std::vector<Locale> l, uint64_t seed) : locales(std::move(l)), rng(seed) {
    std::vector<double> weights;
    for (const Locale& locale : locales) {
      first_zipf.emplace_back(locale.first.size());
      last_zipf.emplace_back(locale.last.size());
      weights.push_back(locale.weight);
    }
    pick_locale = std::discrete_distribution<size_t>(weights.begin(), weights.end());
  }

  std::string Name(size_t* locale_out = nullptr) {
    size_t l = pick_locale(rng);
    if (locale_out) *locale_out = l;
    const Locale& locale = locales[l];
    std::string first = locale.first[first_zipf[l](rng)];
    std::string last = locale.last[last_zipf[l](rng)];
    std::string name = first;
    if (rng() % 4 == 0) {
      std::string middle = locale.first[first_zipf[l](rng)];
      if (locale.code == "ru" || locale.code == "uk") middle += "ovich";
      name += " " + middle;
    }
    return name + " " + last;
  }
};

// One typing error (a dropped, swapped or replaced character) on whole UTF-8 characters, so
// that a Cyrillic, Arabic or Chinese name stays valid text; a replaced character becomes a
// random Latin letter in a Latin name and another character of the same name otherwise.
std::string Misspell(const std::string& name, std::mt19937_64& rng) {
  std::vector<std::string> chars;
  for (size_t i = 0; i < name.size();) {
    size_t length = 1;
    while (i + length < name.size() &&
           (static_cast<unsigned char>(name[i + length]) & 0xC0) == 0x80)
      ++length;
    chars.push_back(name.substr(i, length));
    i += length;
  }
  if (chars.size() < 4) return name;
  size_t at = 1 + rng() % (chars.size() - 2);
  switch (rng() % 3) {
    case 0:
      chars.erase(chars.begin() + static_cast<std::ptrdiff_t>(at));
      break;
    case 1:
      std::swap(chars[at], chars[at + 1]);
      break;
    default:
      chars[at] = chars[at].size() == 1 ? std::string(1, static_cast<char>('a' + rng() % 26))
                                        : chars[rng() % chars.size()];
      break;
  }
  std::string out;
  for (const std::string& c : chars) out += c;
  return out;
}

long ResidentKilobytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

// CPU time of this thread: unlike wall time, not inflated when other work shares the cores.
double ThreadCpuMs() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(p * values.size()))];
}

// Quotes a CSV field when it needs it (RFC 4180).
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n;") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

int Export(const std::string& dir, const std::vector<scr::WatchlistEntry>& entries,
           const std::vector<scr::ScreeningQuery>& queries,
           const std::vector<std::string>& listed_names) {
  std::filesystem::create_directories(dir);
  std::ofstream list(dir + "/watchlist.csv"), out(dir + "/queries.csv");
  std::map<std::string, std::string> ids_by_name;  // Primary name -> every entry id listing it.
  list << "id,name,aliases\n";
  for (const scr::WatchlistEntry& entry : entries) {
    list << entry.id << ',' << CsvField(entry.names[0].full) << ','
         << (entry.names.size() > 1 ? CsvField(entry.names[1].full) : std::string()) << '\n';
    std::string& ids = ids_by_name[entry.names[0].full];
    ids += (ids.empty() ? "" : ";") + entry.id;
  }
  out << "query_id,name,expected_id\n";
  for (size_t q = 0; q < queries.size(); ++q) {
    std::string expected = listed_names[q].empty() ? "" : ids_by_name[listed_names[q]];
    out << "q" << q << ',' << CsvField(queries[q].names[0]) << ',' << CsvField(expected) << '\n';
  }
  if (!list || !out) {
    std::fprintf(stderr, "screening_scale: cannot write %s\n", dir.c_str());
    return 1;
  }
  std::fprintf(stderr, "screening_scale: wrote %zu entries and %zu queries to %s\n", entries.size(),
               queries.size(), dir.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string names_file;
  size_t count = 1000000, query_count = 2000;
  uint64_t seed = 1;
  std::string budgets_arg, export_dir;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--names-file")) names_file = argv[i + 1];
    if (!std::strcmp(argv[i], "--names")) count = std::stoul(argv[i + 1]);
    if (!std::strcmp(argv[i], "--queries")) query_count = std::stoul(argv[i + 1]);
    if (!std::strcmp(argv[i], "--seed")) seed = std::stoull(argv[i + 1]);
    if (!std::strcmp(argv[i], "--budgets")) budgets_arg = argv[i + 1];
    if (!std::strcmp(argv[i], "--export")) export_dir = argv[i + 1];
  }
  std::vector<Locale> locales = LoadLocales(names_file);
  if (locales.empty()) {
    std::fprintf(stderr, "screening_scale: no names in --names-file %s\n", names_file.c_str());
    return 1;
  }
  Generator generator(std::move(locales), seed);
  long rss_start = ResidentKilobytes();
  std::vector<scr::WatchlistEntry> entries;
  entries.reserve(count);
  size_t names = 0;
  for (size_t i = 0; names < count; ++i) {
    scr::WatchlistEntry entry;
    entry.id = "s" + std::to_string(i);
    entry.list_id = "synthetic";
    entry.names.push_back({generator.Name(), scr::NameType::kPrimary});
    if (generator.rng() % 3 == 0 && names + 1 < count) {
      entry.names.push_back({generator.Name(), scr::NameType::kAlsoKnownAs});
    }
    names += entry.names.size();
    entries.push_back(std::move(entry));
  }
  std::vector<scr::ScreeningQuery> queries;
  std::vector<std::string> listed_names;  // Per query: the listed name misspelt, or empty.
  for (size_t q = 0; q < query_count; ++q) {
    scr::ScreeningQuery query;
    listed_names.emplace_back();
    if (q % 2 == 0) {
      const auto& entry = entries[generator.rng() % entries.size()];
      query.names.push_back(Misspell(entry.names[0].full, generator.rng));
      listed_names.back() = entry.names[0].full;
    } else {
      query.names.push_back(generator.Name());
    }
    queries.push_back(std::move(query));
  }
  if (!export_dir.empty()) return Export(export_dir, entries, queries, listed_names);
  long rss_entries = ResidentKilobytes();
  auto start = std::chrono::steady_clock::now();
  scr::Screener screener;
  screener.Replace(std::move(entries), "synthetic");
  double build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  long rss_index = ResidentKilobytes();
  scr::ScreenerStats stats = screener.Stats();
  // One line per posting budget (--budgets 5000,20000; default: the ScreeningOptions default).
  std::vector<size_t> budgets;
  for (size_t at = 0; at < budgets_arg.size();) {
    size_t comma = std::min(budgets_arg.find(',', at), budgets_arg.size());
    budgets.push_back(std::stoul(budgets_arg.substr(at, comma - at)));
    at = comma + 1;
  }
  if (budgets.empty()) budgets.push_back(scr::ScreeningOptions{}.posting_budget);
  for (size_t budget : budgets) {
    scr::ScreeningOptions options;
    options.posting_budget = budget;
    std::vector<double> latencies_ms, cpu_ms;
    size_t alerts = 0, listed = 0, listed_found = 0;
    for (size_t q = 0; q < queries.size(); ++q) {
      auto t0 = std::chrono::steady_clock::now();
      double cpu0 = ThreadCpuMs();
      auto result = screener.Screen(queries[q], options);
      cpu_ms.push_back(ThreadCpuMs() - cpu0);
      latencies_ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      if (result.ok() && !result->hits.empty() && result->hits[0].alert) ++alerts;
      if (listed_names[q].empty() || !result.ok()) continue;
      ++listed;
      for (const scr::ScreeningHit& hit : result->hits) {
        if (hit.matched_name == listed_names[q]) {
          ++listed_found;
          break;
        }
      }
    }
    double total_ms = 0;
    for (double ms : latencies_ms) total_ms += ms;
    std::printf(
        "{\"names\": %zu, \"entries\": %zu, \"build_seconds\": %.2f, \"index_bytes_per_name\": "
        "%.1f,"
        " \"entry_bytes_per_name\": %.1f, \"rss_mb_entries\": %.1f, \"rss_mb_with_index\": %.1f,"
        " \"queries\": %zu, \"p50_ms\": %.3f, \"p95_ms\": %.3f, \"p99_ms\": %.3f,"
        " \"mean_ms\": %.3f, \"qps_one_thread\": %.0f, \"cpu_p50_ms\": %.3f,"
        " \"cpu_p95_ms\": %.3f, \"cpu_p99_ms\": %.3f, \"top_hit_alerts\": %zu,"
        " \"listed_found\": %.3f, \"posting_budget\": %zu}\n",
        stats.names, stats.entries, build_seconds,
        static_cast<double>(stats.index_bytes) / stats.names,
        static_cast<double>(stats.entry_bytes) / stats.names, (rss_entries - rss_start) / 1024.0,
        (rss_index - rss_start) / 1024.0, queries.size(), Percentile(latencies_ms, 0.50),
        Percentile(latencies_ms, 0.95), Percentile(latencies_ms, 0.99),
        total_ms / latencies_ms.size(), 1000.0 * latencies_ms.size() / total_ms,
        Percentile(cpu_ms, 0.50), Percentile(cpu_ms, 0.95), Percentile(cpu_ms, 0.99), alerts,
        static_cast<double>(listed_found) / std::max<size_t>(listed, 1), budget);
  }
  return 0;
}
