// Screening quality on the development set (../shared/data/screening-dev/): recall@1, recall@10,
// precision at the alert threshold and the share of non-listed persons alerted, overall, for
// non-Latin-script queries, and with / without a date of birth. Floors sit a little below the
// measured figures (docs/benchmarks/screening.md) so that a regression fails the build.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "core/screening/csv.h"
#include "core/screening/import.h"
#include "core/screening/normalize.h"
#include "core/screening/screener.h"

namespace limen::core::screening {
namespace {

struct Tally {
  int positives = 0, top1 = 0, top10 = 0, alerted_right = 0;
  int negatives = 0, negatives_alerted = 0;
  int alerts = 0, correct_alerts = 0;
  double Recall1() const { return positives ? double(top1) / positives : 0; }
  double Recall10() const { return positives ? double(top10) / positives : 0; }
  double AlertRecall() const { return positives ? double(alerted_right) / positives : 0; }
  double Precision() const { return alerts ? double(correct_alerts) / alerts : 1; }
  double FalseAlertRate() const { return negatives ? double(negatives_alerted) / negatives : 0; }
};

struct Slices {
  Tally all, non_latin, with_dob, without_dob;
};

std::string DevDir() { return std::string(LIMEN_SOURCE_DIR) + "/../shared/data/screening-dev/"; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void Count(Tally& t, const std::string& expected, const ScreeningResult& result) {
  bool positive = !expected.empty();
  bool any_alert = false;
  for (size_t i = 0; i < result.hits.size(); ++i) {
    const ScreeningHit& hit = result.hits[i];
    bool right = hit.entry_id == expected;
    if (positive && right && i == 0) ++t.top1;
    if (positive && right && i < 10) ++t.top10;
    if (hit.alert) {
      any_alert = true;
      ++t.alerts;
      if (right) ++t.correct_alerts, ++t.alerted_right;
    }
  }
  if (positive)
    ++t.positives;
  else
    ++t.negatives, t.negatives_alerted += any_alert ? 1 : 0;
}

void Print(const char* label, const Tally& t) {
  std::printf(
      "%-12s pos=%4d neg=%3d recall@1=%.3f recall@10=%.3f alert_recall=%.3f "
      "precision=%.3f neg_alerted=%.3f\n",
      label, t.positives, t.negatives, t.Recall1(), t.Recall10(), t.AlertRecall(), t.Precision(),
      t.FalseAlertRate());
}

// With LIMEN_SCREENING_DUMP set, prints false alerts and missed positives for tuning.
void Dump(const CsvRecord& row, const std::string& expected, const ScreeningResult& result) {
  const ScreeningHit* top = result.hits.empty() ? nullptr : &result.hits.front();
  bool wrong_alert = top != nullptr && top->alert && top->entry_id != expected;
  bool missed = !expected.empty() && (top == nullptr || top->entry_id != expected);
  if (!wrong_alert && !missed) return;
  std::printf("%s\t%s\t%s\t%s", wrong_alert ? "FALSE" : "MISS", row.fields[0].c_str(),
              row.fields[1].c_str(), row.fields[2].c_str());
  if (top != nullptr)
    std::printf("\t-> %s %.3f %s", top->entry_id.c_str(), top->score, top->matched_name.c_str());
  for (const ScreeningHit& hit : result.hits) {
    if (hit.entry_id == expected)
      std::printf("\t[expected %.3f %s]", hit.score, hit.matched_name.c_str());
  }
  std::printf("\n");
}

Slices RunDevSet() {
  Screener screener;
  // The list carries one Solar Hijri birth year (1339); it is dropped with a warning.
  ImportOptions import_options;
  import_options.drop_invalid_dates = true;
  Result<ImportResult> list = ImportCsv(ReadFile(DevDir() + "watchlist.csv"), import_options);
  EXPECT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_TRUE(list->rejected.empty()) << list->rejected.front().message;
  EXPECT_EQ(list->warnings.size(), 1u);
  screener.Replace(std::move(list->entries), "dev");
  // Real listed names, mostly distinct surnames: the index stays within its memory budget.
  ScreenerStats stats = screener.Stats();
  std::printf("index bytes per name %.1f, entry bytes per name %.1f (%zu names)\n",
              static_cast<double>(stats.index_bytes) / stats.names,
              static_cast<double>(stats.entry_bytes) / stats.names, stats.names);
  EXPECT_LE(stats.index_bytes, 300u * stats.names);
  Result<std::vector<CsvRecord>> queries = ParseCsv(ReadFile(DevDir() + "queries.csv"));
  EXPECT_TRUE(queries.ok());
  CsvHeader header(queries->front());
  Slices slices;
  ScreeningOptions options;
  if (const char* threshold = std::getenv("LIMEN_SCREENING_THRESHOLD")) {
    options.alert_threshold = std::atof(threshold);
  }
  for (size_t r = 1; r < queries->size(); ++r) {
    const CsvRecord& row = (*queries)[r];
    ScreeningQuery query;
    query.names.emplace_back(header.Get(row, "name"));
    query.date_of_birth = ParsePartialDate(header.Get(row, "dob"));
    query.nationality = std::string(header.Get(row, "nationality"));
    query.sex = ParseSex(header.Get(row, "sex")).value_or(Sex::kUnknown);
    Result<ScreeningResult> result = screener.Screen(query, options);
    EXPECT_TRUE(result.ok()) << row.line;
    if (!result.ok()) continue;
    std::string expected(header.Get(row, "expected_id"));
    if (std::getenv("LIMEN_SCREENING_DUMP") != nullptr) Dump(row, expected, *result);
    Count(slices.all, expected, *result);
    if (NormalizeName(query.names[0]).non_latin) Count(slices.non_latin, expected, *result);
    Count(query.date_of_birth ? slices.with_dob : slices.without_dob, expected, *result);
  }
  return slices;
}

TEST(ScreeningQualityTest, DevelopmentSetMeetsFloors) {
  if (!std::ifstream(DevDir() + "queries.csv")) {
    GTEST_SKIP() << "development set not found at " << DevDir();
  }
  Slices s = RunDevSet();
  Print("overall", s.all);
  Print("non-latin", s.non_latin);
  Print("with-dob", s.with_dob);
  Print("without-dob", s.without_dob);
  EXPECT_GE(s.all.Recall10(), 0.95);
  EXPECT_GE(s.all.Recall1(), 0.92);
  EXPECT_GE(s.non_latin.Recall10(), 0.95);
  EXPECT_GE(s.non_latin.Recall1(), 0.93);
  EXPECT_GE(s.with_dob.AlertRecall(), 0.88);
  EXPECT_LE(s.with_dob.FalseAlertRate(), 0.02);
  EXPECT_GE(s.all.Precision(), 0.78);
  EXPECT_LE(s.all.FalseAlertRate(), 0.08);
}

}  // namespace
}  // namespace limen::core::screening
