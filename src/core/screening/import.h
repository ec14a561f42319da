// Watchlist importers: parse a list file's bytes into entries, and compare two lists.
//
// Formats: CSV with the header id,name,aliases,dob,nationality,sex (columns found by name;
// aliases, dobs and nationalities ';'-separated; optional columns list, action, agency,
// documents, valid_from, valid_until, and op = add|update|remove for delta files); JSON Lines of
// FollowTheMoney Person entities (OpenSanctions); the UN Security Council consolidated list XML.
// An import is all or nothing: every rejected row is reported with its line number, a stable
// code and a sentence saying what to fix, and the caller applies the entries only when there are
// no rejections. Whole-file problems (encoding, missing header) are a Status.
//
// Thread-safety: pure functions; thread-safe. The progress callback runs on the caller's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "core/screening/entry.h"

namespace limen::core::screening {

enum class ImportFormat : uint8_t { kCsv, kFtmJsonLines, kUnXml };
std::string_view ImportFormatName(ImportFormat format);
// Guesses from the file name's extension, then from the first bytes.
ImportFormat DetectImportFormat(std::string_view file_name, std::string_view text);

struct ImportOptions {
  std::string list_id = "default";
  HitAction default_action = HitAction::kReferToAgency;
  std::string owning_agency;
  // When true, a date of birth that is malformed or absurd (e.g. a Solar Hijri year such as
  // 1339) is dropped with a warning instead of rejecting its row.
  bool drop_invalid_dates = false;
  // Called every few thousand rows with (bytes done, bytes total).
  std::function<void(size_t, size_t)> progress;
};

struct RejectedRow {
  int64_t line = 0;
  std::string code;     // e.g. WATCHLIST_DOB.
  std::string message;  // What is wrong and what to do.
};

struct ImportResult {
  std::vector<WatchlistEntry> entries;  // Added or updated (all rows of a full file).
  std::vector<std::string> removals;    // Rows with op=remove.
  std::vector<RejectedRow> rejected;
  std::vector<RejectedRow> warnings;  // Dropped values (see drop_invalid_dates); rows kept.
  int64_t rows_read = 0;
  bool is_delta = false;  // The file carried an op column.
};

// Returns InvalidArgument WATCHLIST_ENCODING for bytes that are not UTF-8, WATCHLIST_HEADER for
// a CSV without id and name columns, WATCHLIST_FORMAT for a file with no recognisable record.
Result<ImportResult> ImportWatchlist(std::string_view text, ImportFormat format,
                                     const ImportOptions& options);

Result<ImportResult> ImportCsv(std::string_view text, const ImportOptions& options);
Result<ImportResult> ImportFtmJsonLines(std::string_view text, const ImportOptions& options);
Result<ImportResult> ImportUnXml(std::string_view text, const ImportOptions& options);

struct ListDiff {
  std::vector<WatchlistEntry> added;
  std::vector<WatchlistEntry> updated;  // The new versions.
  std::vector<std::string> removed;
  size_t unchanged = 0;
};
ListDiff DiffLists(const std::vector<WatchlistEntry>& before,
                   const std::vector<WatchlistEntry>& after);

// A content hash of a whole list (order-independent), hex.
std::string ListContentHash(const std::vector<WatchlistEntry>& entries);

// Alpha-2 or alpha-3 country code to alpha-3 upper case; empty when unknown.
std::string CountryAlpha3(std::string_view code);

}  // namespace limen::core::screening
