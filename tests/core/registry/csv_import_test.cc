// Runs the import cases of tests/data/registry/import_cases.tsv and checks the import rules:
// atomic result, line-numbered errors, deltas and progress.
#include "core/registry/csv_import.h"

#include <gtest/gtest.h>

#include "../stay/table_reader.h"

namespace limen::core::registry {
namespace {

const std::string kDataDir = "tests/data/registry/";

std::string ErrorList(const ImportOutcome& outcome) {
  std::string out;
  for (const ImportError& error : outcome.errors) {
    out += (out.empty() ? "" : ",") + std::to_string(error.line) + ":" + error.code;
  }
  return out.empty() ? "-" : out;
}

TEST(CsvImportTest, EveryCaseMatches) {
  const auto rows = limen::testing::ReadTable(kDataDir + "import_cases.tsv");
  ASSERT_GE(rows.size(), 10u);
  for (const auto& row : rows) {
    SCOPED_TRACE(row.at("file") + " on " + row.at("base"));
    std::shared_ptr<const RegistrySnapshot> base;
    if (row.at("base") != "-") {
      const ImportOutcome first =
          ImportRegistryCsv(limen::testing::ReadFile(kDataDir + row.at("base")), nullptr);
      ASSERT_TRUE(first.ok()) << first.status().ToString();
      base = first.snapshot;
    }
    const ImportOutcome outcome =
        ImportRegistryCsv(limen::testing::ReadFile(kDataDir + row.at("file")), base.get());
    EXPECT_EQ(outcome.ok() ? "ok" : "rejected", row.at("outcome")) << outcome.status().ToString();
    EXPECT_EQ(ErrorList(outcome), row.at("errors"));
    if (!outcome.ok()) {
      EXPECT_EQ(outcome.status().reason(), "REGISTRY_IMPORT_REJECTED");
      continue;
    }
    EXPECT_EQ(std::to_string(outcome.snapshot->size()), row.at("size"));
    EXPECT_EQ(std::to_string(outcome.counts.added), row.at("added"));
    EXPECT_EQ(std::to_string(outcome.counts.updated), row.at("updated"));
    EXPECT_EQ(std::to_string(outcome.counts.removed), row.at("removed"));
  }
}

TEST(CsvImportTest, FullImportReadsEveryField) {
  const ImportOutcome outcome =
      ImportRegistryCsv(limen::testing::ReadFile(kDataDir + "full_valid.csv"), nullptr);
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  const auto records = outcome.snapshot->Lookup("UTO", "AB0123");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(outcome.snapshot->Lookup("FRA", "12AB34567").size(), 1u);
  const auto leap = outcome.snapshot->Lookup("ITA", "YA8000000");
  ASSERT_EQ(leap.size(), 1u);
  EXPECT_EQ(leap[0].reason, ReportReason::kStolenBlank);
  EXPECT_EQ(leap[0].reported_on, (CivilDate{2020, 2, 29}));
  EXPECT_EQ(leap[0].source, "interpol-sltd");
  EXPECT_EQ(outcome.snapshot->Lookup("UTO", "ID1234567890123456")[0].kind,
            DocumentKind::kIdentityCard);
}

TEST(CsvImportTest, DeltaLeavesTheBaseUntouched) {
  const ImportOutcome base =
      ImportRegistryCsv(limen::testing::ReadFile(kDataDir + "full_valid.csv"), nullptr);
  ASSERT_TRUE(base.ok());
  const ImportOutcome delta = ImportRegistryCsv(
      limen::testing::ReadFile(kDataDir + "delta_valid.csv"), base.snapshot.get());
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_TRUE(delta.delta);
  EXPECT_EQ(base.snapshot->size(), 7u);
  EXPECT_EQ(base.snapshot->Lookup("D", "C01X00T47").size(), 1u);
  EXPECT_TRUE(delta.snapshot->Lookup("D", "C01X00T47").empty());
  EXPECT_TRUE(delta.snapshot->Lookup("UTO", "ID1234567890123456").empty());
  EXPECT_EQ(delta.snapshot->Lookup("UTO", "NEW1").size(), 1u);
  for (const Record& record : delta.snapshot->Lookup("UTO", "AB0123")) {
    EXPECT_EQ(record.reason, ReportReason::kStolen) << record.source;
  }
}

TEST(CsvImportTest, ReportsProgressAndStopsAtMaxErrors) {
  std::string csv = "issuing_state,number,type,reason,reported_on,source\n";
  for (int i = 0; i < 250; ++i)
    csv += "UTO,N" + std::to_string(i) + ",passport,lost,2024-01-01,n\n";
  std::vector<ImportProgress> calls;
  ImportOptions options;
  options.progress_every_rows = 100;
  options.progress = [&](const ImportProgress& progress) { calls.push_back(progress); };
  const ImportOutcome outcome = ImportRegistryCsv(csv, nullptr, options);
  ASSERT_TRUE(outcome.ok());
  ASSERT_EQ(calls.size(), 3u);
  EXPECT_EQ(calls[0].rows, 100);
  EXPECT_LT(calls[0].bytes_read, calls[1].bytes_read);
  EXPECT_TRUE(calls[2].done);
  EXPECT_EQ(calls[2].bytes_read, csv.size());

  std::string bad = "issuing_state,number,type,reason,reported_on,source\n";
  for (int i = 0; i < 50; ++i) bad += "UTO,N,passport,lost,not-a-date,n\n";
  options.max_errors = 10;
  const ImportOutcome rejected = ImportRegistryCsv(bad, nullptr, options);
  EXPECT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.errors.size(), 10u);
  EXPECT_EQ(rejected.counts.rows, 10);
  EXPECT_NE(rejected.status().message().find("Line 2: REGISTRY_DATE"), std::string::npos);
}

TEST(CsvImportTest, ASourceListReplacesOnlyThatSource) {
  const ImportOutcome base = ImportRegistryCsv(
      "issuing_state,number,type,reason,reported_on,source\n"
      "UTO,AB0123,passport,lost,2024-01-01,national\n"
      "UTO,AB0123,passport,stolen,2024-01-02,interpol-sltd\n"
      "D,OLD1,passport,stolen,2024-01-02,interpol-sltd\n",
      nullptr);
  ASSERT_TRUE(base.ok()) << base.status().ToString();
  ImportOptions options;
  options.source = "interpol-sltd";
  // No source column: every row is the named list's; the list replaces its old records only.
  const ImportOutcome replaced = ImportRegistryCsv(
      "issuing_state,number,type,reason,reported_on\n"
      "D,NEW1,passport,stolen,2025-03-04\n"
      "UTO,AB0123,visa,stolen_blank,2025-03-05\n",
      base.snapshot.get(), options);
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_EQ(replaced.snapshot->size(), 3u);
  EXPECT_TRUE(replaced.snapshot->Lookup("D", "OLD1").empty());
  EXPECT_EQ(replaced.snapshot->Lookup("D", "NEW1").at(0).source, "interpol-sltd");
  const auto both = replaced.snapshot->Lookup("UTO", "AB0123");
  ASSERT_EQ(both.size(), 2u);
  for (const Record& record : both) {
    EXPECT_EQ(record.reason,
              record.source == "national" ? ReportReason::kLost : ReportReason::kStolenBlank);
  }
  // A row of another source is refused on its line, and the base is unchanged.
  const ImportOutcome mismatch = ImportRegistryCsv(
      "issuing_state,number,type,reason,reported_on,source\n"
      "D,NEW1,passport,stolen,2025-03-04,interpol-sltd\n"
      "D,NEW2,passport,stolen,2025-03-04,national\n",
      base.snapshot.get(), options);
  EXPECT_FALSE(mismatch.ok());
  EXPECT_EQ(ErrorList(mismatch), "3:REGISTRY_SOURCE_MISMATCH");
  EXPECT_EQ(base.snapshot->size(), 3u);
  // Without a named source, the source column stays required.
  const ImportOutcome no_column = ImportRegistryCsv(
      "issuing_state,number,type,reason,reported_on\nD,X1,passport,lost,2024-01-01\n", nullptr);
  EXPECT_EQ(ErrorList(no_column), "1:REGISTRY_CSV_HEADER");
}

}  // namespace
}  // namespace limen::core::registry
