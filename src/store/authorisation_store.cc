#include "store/authorisation_store.h"

#include "store/internal/flat_json.h"
#include "store/internal/txn_helpers.h"

namespace limen::store {
namespace {

using internal::FlatJsonObject;
using internal::FlatJsonWriter;

constexpr char kColumns[] =
    "SELECT id, kind, number, category, document_state, document_number, nationality, "
    "valid_from, valid_until, entries_allowed, entries_used, duration_of_stay_days, revoked "
    "FROM authorisations ";

AuthorisationRow ToRow(const Row& r) {
  return AuthorisationRow{.id = r[0].AsText(),
                          .kind = r[1].AsText(),
                          .number = r[2].AsText(),
                          .category = r[3].AsText(),
                          .document_state = r[4].AsText(),
                          .document_number = r[5].AsText(),
                          .nationality = r[6].AsText(),
                          .valid_from = r[7].AsText(),
                          .valid_until = r[8].AsText(),
                          .entries_allowed = r[9].AsInt(),
                          .entries_used = r[10].AsInt(),
                          .duration_of_stay_days = r[11].AsInt(),
                          .revoked = r[12].AsInt() != 0};
}

Status ProjectRecorded(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject p, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(
      Params params,
      internal::PayloadStrings(p, {"id", "kind", "number", "category", "document_state",
                                   "document_number", "nationality", "valid_from", "valid_until"}));
  for (const char* key : {"entries_allowed", "duration_of_stay_days"}) {
    LIMEN_ASSIGN_OR_RETURN(int64_t value, p.Int(key));
    params.emplace_back(value);
  }
  params.emplace_back(event.time);
  return txn
      .Execute(
          "INSERT INTO authorisations (id, kind, number, category, document_state, "
          "document_number, nationality, valid_from, valid_until, entries_allowed, "
          "duration_of_stay_days, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          params)
      .status();
}

Status ProjectRevoked(WriteTxn& txn, const Event& event) {
  LIMEN_ASSIGN_OR_RETURN(FlatJsonObject p, FlatJsonObject::Parse(event.payload));
  LIMEN_ASSIGN_OR_RETURN(std::string id, p.String("id"));
  return txn.Execute("UPDATE authorisations SET revoked = 1 WHERE id = ?", {id}).status();
}

}  // namespace

void RegisterAuthorisationProjections(Store& store) {
  store.RegisterProjectionTables({"authorisations"});
  store.RegisterProjector("authorisation.recorded", ProjectRecorded);
  store.RegisterProjector("authorisation.revoked", ProjectRevoked);
}

Status RecordAuthorisation(WriteTxn& txn, std::string_view actor, const AuthorisationRow& row) {
  if (row.id.empty() || row.kind.empty() || row.number.empty() || row.document_state.empty() ||
      row.document_number.empty() || row.valid_from.empty() || row.valid_until.empty()) {
    return InvalidArgument("WORKFLOW_INVALID",
                           "An authorisation needs its id, kind, number, travel document and "
                           "validity dates; fill them in.");
  }
  LIMEN_ASSIGN_OR_RETURN(std::optional<Row> existing,
                         txn.QueryOne("SELECT id FROM authorisations WHERE kind = ? AND number = ?",
                                      {row.kind, row.number}));
  if (existing) {
    return AlreadyExists("AUTHORISATION_EXISTS", "A " + row.kind + " numbered " + row.number +
                                                     " is already recorded (" +
                                                     (*existing)[0].AsText() + ").");
  }
  std::string payload = FlatJsonWriter()
                            .Add("id", row.id)
                            .Add("kind", row.kind)
                            .Add("number", row.number)
                            .Add("category", row.category)
                            .Add("document_state", row.document_state)
                            .Add("document_number", row.document_number)
                            .Add("nationality", row.nationality)
                            .Add("valid_from", row.valid_from)
                            .Add("valid_until", row.valid_until)
                            .Add("entries_allowed", row.entries_allowed)
                            .Add("duration_of_stay_days", row.duration_of_stay_days)
                            .Finish();
  return txn
      .AppendEvent(EventDraft{std::string(actor), "authorisation.recorded", std::move(payload)})
      .status();
}

Status RevokeAuthorisation(WriteTxn& txn, std::string_view actor, std::string_view id,
                           std::string_view reason) {
  LIMEN_ASSIGN_OR_RETURN(std::optional<AuthorisationRow> found, FindAuthorisation(txn, id));
  if (!found) {
    return NotFound("AUTHORISATION_NOT_FOUND",
                    "There is no authorisation " + std::string(id) + ".");
  }
  if (found->revoked) {
    return FailedPrecondition("AUTHORISATION_REVOKED",
                              "Authorisation " + std::string(id) + " is already revoked.");
  }
  std::string payload = FlatJsonWriter().Add("id", id).Add("reason", reason).Finish();
  return txn
      .AppendEvent(EventDraft{std::string(actor), "authorisation.revoked", std::move(payload)})
      .status();
}

Result<std::optional<AuthorisationRow>> FindAuthorisation(ReadTxn& txn, std::string_view id) {
  LIMEN_ASSIGN_OR_RETURN(std::optional<Row> row,
                         txn.QueryOne(std::string(kColumns) + "WHERE id = ?", {id}));
  if (!row) return std::optional<AuthorisationRow>();
  return std::optional<AuthorisationRow>(ToRow(*row));
}

Result<std::vector<AuthorisationRow>> ListDocumentAuthorisations(ReadTxn& txn,
                                                                 std::string_view document_state,
                                                                 std::string_view document_number) {
  LIMEN_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      txn.Query(std::string(kColumns) +
                    "WHERE document_state = ? AND document_number = ? ORDER BY valid_from, id",
                {document_state, document_number}));
  std::vector<AuthorisationRow> list;
  for (const Row& row : rows) list.push_back(ToRow(row));
  return list;
}

}  // namespace limen::store
