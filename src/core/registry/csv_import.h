// CSV import for the lost, stolen and invalid document registry, following the same import rules
// as watchlists: the import is atomic (a new snapshot or nothing), every error names its line,
// deltas are supported, and progress is reported.
//
// Columns are found by header name (extra columns are ignored):
//   issuing_state,number,type,reason,reported_on,source[,op]
// type: passport | identity_card | visa | residence_permit | travel_document | other
// reason: lost | stolen | stolen_blank | invalid | revoked; reported_on: YYYY-MM-DD.
// Without an `op` column the file is a full list that replaces the registry. With it, each row is
// a delta applied to the base snapshot: op = add (must not exist), update (must exist; replaces
// type, reason and date), remove (must exist; only issuing_state, number and source are read).
//
// ImportOptions::source names the list being imported (e.g. "interpol-sltd"). When it is set the
// source column may be left out (every row takes that source), a row naming another source is
// rejected (REGISTRY_SOURCE_MISMATCH), and a full file replaces only that source's records of
// the base, keeping every other source. When it is empty a full file replaces the whole base.
//
// Thread-safety: ImportRegistryCsv is a pure function; the progress callback is called on the
// caller's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "core/registry/snapshot.h"

namespace limen::core::registry {

struct ImportProgress {
  int64_t rows = 0;  // Data rows read so far.
  size_t bytes_read = 0;
  size_t bytes_total = 0;
  bool done = false;  // True on the last call (after indexing).
};

struct ImportOptions {
  std::string source;  // The list being imported; empty: the file's source column decides.
  std::function<void(const ImportProgress&)> progress;  // Optional.
  int64_t progress_every_rows = 100'000;
  size_t max_errors = 100;  // Reading stops after this many errors.
};

struct ImportError {
  int64_t line = 0;
  std::string code;  // Stable, e.g. REGISTRY_CSV_FIELD_COUNT, REGISTRY_DATE.
  std::string message;
};

struct ImportCounts {
  int64_t rows = 0;
  int64_t added = 0;
  int64_t updated = 0;
  int64_t removed = 0;
};

struct ImportOutcome {
  std::shared_ptr<const RegistrySnapshot> snapshot;  // Null when the import was rejected.
  bool delta = false;
  ImportCounts counts;
  std::vector<ImportError> errors;

  bool ok() const { return snapshot != nullptr; }
  // OK, or InvalidArgument REGISTRY_IMPORT_REJECTED quoting the first errors.
  Status status() const;
};

// Imports `csv`. `base` is the current snapshot (used by delta files; may be null = empty).
ImportOutcome ImportRegistryCsv(std::string_view csv, const RegistrySnapshot* base,
                                const ImportOptions& options = {});

}  // namespace limen::core::registry
