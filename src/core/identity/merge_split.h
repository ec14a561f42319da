// Merging and splitting traveller records as pure functions. A supervisor's merge or split is
// planned as a change set: the records before and after, for every traveller and document it
// touches. The caller stores the change set as an event (it is the audit trail), applies it to
// the projections with ApplyChange, and undoes it later by applying Invert(change). ApplyChange
// refuses a change set whose "before" no longer matches the current records
// (IDENTITY_CHANGE_CONFLICT), so a stale undo cannot overwrite later work.
//
// Thread-safety: value types and stateless functions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "core/identity/traveller.h"

namespace limen::core::identity {

enum class ChangeKind : uint8_t { kMerge, kSplit };

struct TravellerChange {
  ChangeKind kind = ChangeKind::kMerge;
  bool is_undo = false;                            // True for a change set made by Invert().
  std::vector<TravellerRecord> travellers_before;  // Absent travellers have an empty id.
  std::vector<TravellerRecord> travellers_after;
  std::vector<DocumentRecord> documents_before;
  std::vector<DocumentRecord> documents_after;
};

struct IdentityRecords {
  std::map<std::string, TravellerRecord> travellers;
  std::map<std::string, DocumentRecord> documents;
};

// Merges `absorbed` into `surviving`: its documents move over, nationalities are united, and
// `absorbed` becomes kMerged. Errors: IDENTITY_MERGE_SELF, IDENTITY_MERGE_INACTIVE.
Result<TravellerChange> PlanMerge(const IdentityRecords& records, const std::string& surviving,
                                  const std::string& absorbed);

// Moves `document_ids` from `traveller` to a new traveller `new_id` with `biographics`. Errors:
// IDENTITY_SPLIT_EMPTY, IDENTITY_SPLIT_ALL (at least one document must stay),
// IDENTITY_DOCUMENT_NOT_OWNED, IDENTITY_TRAVELLER_EXISTS, IDENTITY_TRAVELLER_NOT_FOUND.
Result<TravellerChange> PlanSplit(const IdentityRecords& records, const std::string& traveller,
                                  const std::vector<std::string>& document_ids,
                                  const std::string& new_id, const Biographics& biographics);

// Applies `change` to `records`, or returns IDENTITY_CHANGE_CONFLICT leaving them unchanged.
Result<IdentityRecords> ApplyChange(const IdentityRecords& records, const TravellerChange& change);

// The change set that undoes `change`.
TravellerChange Invert(const TravellerChange& change);

}  // namespace limen::core::identity
