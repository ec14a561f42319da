// Visas and residence or work permits held by travellers, keyed by the travel document they were
// issued for. Recording and revoking are events (authorisation.recorded, authorisation.revoked)
// projected into the authorisations table (migrations/0700_authorisations.sql); the number of
// entries used grows with every admitted entry whose inspection relied on the authorisation
// (the crossing.recorded projection), so Store::Rebuild() recreates all of it.
//
// Call RegisterAuthorisationProjections(store) once after OpenStore, before the first write.
// Thread-safety: stateless functions; as thread-safe as the transaction given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace limen::store {

struct AuthorisationRow {
  std::string id;
  std::string kind;  // core/stay AuthorisationKindName().
  std::string number;
  std::string category;
  std::string document_state;
  std::string document_number;
  std::string nationality;
  std::string valid_from;       // YYYY-MM-DD.
  std::string valid_until;      // YYYY-MM-DD, inclusive.
  int64_t entries_allowed = 0;  // 0: multiple entries.
  int64_t entries_used = 0;     // Read only: counted by the projection.
  int64_t duration_of_stay_days = 0;
  bool revoked = false;
  friend bool operator==(const AuthorisationRow&, const AuthorisationRow&) = default;
};

void RegisterAuthorisationProjections(Store& store);

// WORKFLOW_INVALID (id, kind, number, document or dates empty), AUTHORISATION_EXISTS (the same
// kind and number is already recorded).
Status RecordAuthorisation(WriteTxn& txn, std::string_view actor, const AuthorisationRow& row);
// AUTHORISATION_NOT_FOUND; AUTHORISATION_REVOKED when it already is.
Status RevokeAuthorisation(WriteTxn& txn, std::string_view actor, std::string_view id,
                           std::string_view reason);
Result<std::optional<AuthorisationRow>> FindAuthorisation(ReadTxn& txn, std::string_view id);
// The authorisations issued for a travel document, revoked ones included, by validity.
Result<std::vector<AuthorisationRow>> ListDocumentAuthorisations(ReadTxn& txn,
                                                                 std::string_view document_state,
                                                                 std::string_view document_number);

}  // namespace limen::store
