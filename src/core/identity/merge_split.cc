#include "core/identity/merge_split.h"

#include <algorithm>

namespace limen::core::identity {
namespace {

Status NoTraveller(const std::string& id) {
  return NotFound("IDENTITY_TRAVELLER_NOT_FOUND",
                  "Traveller " + id + " does not exist; reload the records.");
}

bool Contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

void MoveDocuments(const IdentityRecords& records, const std::vector<std::string>& ids,
                   const std::string& to, TravellerChange& change) {
  for (const std::string& id : ids) {
    const auto it = records.documents.find(id);
    if (it == records.documents.end()) continue;
    change.documents_before.push_back(it->second);
    DocumentRecord moved = it->second;
    moved.traveller_id = to;
    change.documents_after.push_back(std::move(moved));
  }
}

template <typename Record>
Status CheckBefore(const std::map<std::string, Record>& current, const std::vector<Record>& before,
                   const std::vector<Record>& after) {
  for (size_t i = 0; i < before.size(); ++i) {
    const std::string& id = before[i].id.empty() ? after[i].id : before[i].id;
    const auto it = current.find(id);
    const bool matches =
        before[i].id.empty() ? it == current.end() : it != current.end() && it->second == before[i];
    if (!matches) {
      return FailedPrecondition("IDENTITY_CHANGE_CONFLICT",
                                "Record " + id +
                                    " changed since this merge or split was made; "
                                    "reload and plan the change again.");
    }
  }
  return Status::Ok();
}

template <typename Record>
void Replace(std::map<std::string, Record>& current, const std::vector<Record>& before,
             const std::vector<Record>& after) {
  for (size_t i = 0; i < after.size(); ++i) {
    if (after[i].id.empty()) {
      current.erase(before[i].id);
    } else {
      current[after[i].id] = after[i];
    }
  }
}

}  // namespace

Result<TravellerChange> PlanMerge(const IdentityRecords& records, const std::string& surviving,
                                  const std::string& absorbed) {
  if (surviving == absorbed) {
    return InvalidArgument("IDENTITY_MERGE_SELF", "Choose two different travellers to merge.");
  }
  const auto keep = records.travellers.find(surviving);
  const auto drop = records.travellers.find(absorbed);
  if (keep == records.travellers.end()) return NoTraveller(surviving);
  if (drop == records.travellers.end()) return NoTraveller(absorbed);
  if (keep->second.status != TravellerStatus::kActive ||
      drop->second.status != TravellerStatus::kActive) {
    return FailedPrecondition("IDENTITY_MERGE_INACTIVE",
                              "A merged traveller cannot be merged again; undo the earlier merge "
                              "first.");
  }
  TravellerChange change;
  change.kind = ChangeKind::kMerge;
  change.travellers_before = {keep->second, drop->second};
  TravellerRecord kept = keep->second;
  TravellerRecord gone = drop->second;
  for (const std::string& id : gone.document_ids) kept.document_ids.push_back(id);
  for (const std::string& nationality : gone.biographics.nationalities) {
    if (!Contains(kept.biographics.nationalities, nationality)) {
      kept.biographics.nationalities.push_back(nationality);
    }
  }
  MoveDocuments(records, gone.document_ids, surviving, change);
  gone.document_ids.clear();
  gone.status = TravellerStatus::kMerged;
  gone.merged_into = surviving;
  change.travellers_after = {std::move(kept), std::move(gone)};
  return change;
}

Result<TravellerChange> PlanSplit(const IdentityRecords& records, const std::string& traveller,
                                  const std::vector<std::string>& document_ids,
                                  const std::string& new_id, const Biographics& biographics) {
  const auto it = records.travellers.find(traveller);
  if (it == records.travellers.end()) return NoTraveller(traveller);
  if (document_ids.empty()) {
    return InvalidArgument("IDENTITY_SPLIT_EMPTY",
                           "Choose the documents to move to the new "
                           "traveller.");
  }
  for (const std::string& id : document_ids) {
    if (!Contains(it->second.document_ids, id)) {
      return InvalidArgument("IDENTITY_DOCUMENT_NOT_OWNED",
                             "Document " + id + " does not belong to traveller " + traveller + ".");
    }
  }
  if (document_ids.size() >= it->second.document_ids.size()) {
    return InvalidArgument("IDENTITY_SPLIT_ALL",
                           "At least one document must stay with the "
                           "original traveller; move fewer documents.");
  }
  if (new_id.empty() || records.travellers.count(new_id) != 0) {
    return AlreadyExists("IDENTITY_TRAVELLER_EXISTS", "The new traveller needs a new, unused id.");
  }
  TravellerChange change;
  change.kind = ChangeKind::kSplit;
  TravellerRecord remaining = it->second;
  std::erase_if(remaining.document_ids,
                [&](const std::string& id) { return Contains(document_ids, id); });
  TravellerRecord created{new_id, biographics, document_ids, TravellerStatus::kActive, {}};
  change.travellers_before = {it->second, TravellerRecord{}};
  change.travellers_after = {std::move(remaining), std::move(created)};
  MoveDocuments(records, document_ids, new_id, change);
  return change;
}

Result<IdentityRecords> ApplyChange(const IdentityRecords& records, const TravellerChange& change) {
  LIMEN_RETURN_IF_ERROR(
      CheckBefore(records.travellers, change.travellers_before, change.travellers_after));
  LIMEN_RETURN_IF_ERROR(
      CheckBefore(records.documents, change.documents_before, change.documents_after));
  IdentityRecords changed = records;
  Replace(changed.travellers, change.travellers_before, change.travellers_after);
  Replace(changed.documents, change.documents_before, change.documents_after);
  return changed;
}

TravellerChange Invert(const TravellerChange& change) {
  TravellerChange inverse = change;
  inverse.is_undo = !change.is_undo;
  std::swap(inverse.travellers_before, inverse.travellers_after);
  std::swap(inverse.documents_before, inverse.documents_after);
  return inverse;
}

}  // namespace limen::core::identity
