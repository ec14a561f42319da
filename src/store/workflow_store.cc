// Write and read functions of workflow_store.h. Writes validate, then append one event whose
// projector (workflow_projections.cc) changes the tables.
#include "store/workflow_store.h"

#include "base/strings.h"
#include "store/internal/flat_json.h"
#include "store/internal/workflow_helpers.h"

namespace limen::store {
namespace {

using internal::FlatJsonWriter;

Status Missing(std::string_view what) {
  return NotFound("WORKFLOW_NOT_FOUND", std::string(what) + " does not exist; reload and retry.");
}

using internal::workflow::Append;
using internal::workflow::Exists;
using internal::workflow::Invalid;

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  if (text.empty()) return items;
  for (std::string_view item : Split(text, ',')) items.emplace_back(item);
  return items;
}

FlatJsonWriter& AddTraveller(FlatJsonWriter& json, const TravellerRow& t) {
  return json.Add("id", t.id)
      .Add("surname", t.surname)
      .Add("given_names", t.given_names)
      .Add("surname_original", t.surname_original)
      .Add("given_names_original", t.given_names_original)
      .Add("date_of_birth", t.date_of_birth)
      .Add("sex", t.sex)
      .Add("nationalities", t.nationalities);
}

TravellerRow ToTraveller(const Row& row) {
  return TravellerRow{row[0].AsText(), row[1].AsText(), row[2].AsText(), row[3].AsText(),
                      row[4].AsText(), row[5].AsText(), row[6].AsText(), SplitList(row[7].AsText()),
                      row[8].AsText(), row[9].AsText()};
}

DocumentRow ToDocument(const Row& row) {
  return DocumentRow{row[0].AsText(), row[1].AsText(), row[2].AsText(),
                     row[3].AsText(), row[4].AsText(), row[5].AsText(),
                     row[6].AsText(), row[7].AsText(), row[8].AsText()};
}

constexpr char kTravellerColumns[] =
    "SELECT id, surname, given_names, surname_original, given_names_original, date_of_birth, sex, "
    "nationalities, status, merged_into FROM travellers ";
constexpr char kDocumentColumns[] =
    "SELECT id, traveller_id, issuing_state, number, document_type, surname, given_names, "
    "date_of_birth, sex FROM travel_documents ";

Result<std::optional<Row>> ChangeRow(ReadTxn& txn, std::string_view subject, std::string_view kind,
                                     std::string_view other) {
  return txn.QueryOne(
      "SELECT document_ids FROM traveller_changes WHERE subject_id = ? AND "
      "kind = ? AND other_id = ?",
      {subject, kind, other});
}

}  // namespace

Status CreateTraveller(WriteTxn& txn, std::string_view actor, const TravellerRow& traveller) {
  if (traveller.id.empty()) return Invalid("The traveller id");
  LIMEN_ASSIGN_OR_RETURN(bool exists,
                         Exists(txn, "SELECT 1 FROM travellers WHERE id = ?", {traveller.id}));
  if (exists) return AlreadyExists("WORKFLOW_EXISTS", "Traveller " + traveller.id + " exists.");
  FlatJsonWriter json;
  return Append(txn, actor, "traveller.created", AddTraveller(json, traveller).Finish());
}

Status LinkDocument(WriteTxn& txn, std::string_view actor, const DocumentRow& d) {
  if (d.id.empty() || d.issuing_state.empty() || d.number.empty()) {
    return Invalid("The document id, issuing State and number");
  }
  LIMEN_ASSIGN_OR_RETURN(bool owner,
                         Exists(txn, "SELECT 1 FROM travellers WHERE id = ?", {d.traveller_id}));
  if (!owner) return Missing("Traveller " + d.traveller_id);
  return Append(txn, actor, "document.linked",
                FlatJsonWriter()
                    .Add("id", d.id)
                    .Add("traveller_id", d.traveller_id)
                    .Add("issuing_state", d.issuing_state)
                    .Add("number", d.number)
                    .Add("document_type", d.document_type)
                    .Add("surname", d.surname)
                    .Add("given_names", d.given_names)
                    .Add("date_of_birth", d.date_of_birth)
                    .Add("sex", d.sex)
                    .Finish());
}

Status MergeTravellers(WriteTxn& txn, std::string_view actor, std::string_view surviving,
                       std::string_view absorbed, std::string_view reason) {
  LIMEN_ASSIGN_OR_RETURN(std::optional<TravellerRow> keep, FindTraveller(txn, surviving));
  LIMEN_ASSIGN_OR_RETURN(std::optional<TravellerRow> drop, FindTraveller(txn, absorbed));
  if (!keep || !drop || keep->status != "active" || drop->status != "active" ||
      surviving == absorbed) {
    return FailedPrecondition("WORKFLOW_MERGE_INVALID",
                              "Both travellers must exist, differ and be active to merge.");
  }
  LIMEN_ASSIGN_OR_RETURN(std::vector<DocumentRow> documents, ListTravellerDocuments(txn, absorbed));
  std::vector<std::string> ids;
  for (const DocumentRow& document : documents) ids.push_back(document.id);
  return Append(txn, actor, "traveller.merged",
                FlatJsonWriter()
                    .Add("surviving", surviving)
                    .Add("absorbed", absorbed)
                    .Add("document_ids", ids)
                    .Add("reason", reason)
                    .Finish());
}

Status UndoMerge(WriteTxn& txn, std::string_view actor, std::string_view surviving,
                 std::string_view absorbed) {
  LIMEN_ASSIGN_OR_RETURN(std::optional<Row> change, ChangeRow(txn, absorbed, "merge", surviving));
  if (!change)
    return Missing("A merge of " + std::string(absorbed) + " into " + std::string(surviving));
  return Append(txn, actor, "traveller.merge_undone",
                FlatJsonWriter()
                    .Add("surviving", surviving)
                    .Add("absorbed", absorbed)
                    .Add("document_ids", SplitList((*change)[0].AsText()))
                    .Finish());
}

Status SplitTraveller(WriteTxn& txn, std::string_view actor, std::string_view traveller_id,
                      const TravellerRow& created, const std::vector<std::string>& document_ids,
                      std::string_view reason) {
  LIMEN_ASSIGN_OR_RETURN(std::optional<TravellerRow> original, FindTraveller(txn, traveller_id));
  if (!original) return Missing("Traveller " + std::string(traveller_id));
  if (created.id.empty() || document_ids.empty()) return Invalid("The new id and the documents");
  LIMEN_ASSIGN_OR_RETURN(std::optional<TravellerRow> clash, FindTraveller(txn, created.id));
  if (clash) return AlreadyExists("WORKFLOW_EXISTS", "Traveller " + created.id + " exists.");
  for (const std::string& id : document_ids) {
    LIMEN_ASSIGN_OR_RETURN(bool owned, Exists(txn,
                                              "SELECT 1 FROM travel_documents WHERE id = ? "
                                              "AND traveller_id = ?",
                                              {id, traveller_id}));
    if (!owned) return Missing("Document " + id + " of traveller " + std::string(traveller_id));
  }
  FlatJsonWriter json;
  AddTraveller(json, created)
      .Add("from", traveller_id)
      .Add("document_ids", document_ids)
      .Add("reason", reason);
  return Append(txn, actor, "traveller.split", json.Finish());
}

Status UndoSplit(WriteTxn& txn, std::string_view actor, std::string_view traveller_id,
                 std::string_view created_id) {
  LIMEN_ASSIGN_OR_RETURN(std::optional<Row> change,
                         ChangeRow(txn, created_id, "split", traveller_id));
  if (!change)
    return Missing("A split of " + std::string(created_id) + " from " + std::string(traveller_id));
  return Append(txn, actor, "traveller.split_undone",
                FlatJsonWriter()
                    .Add("from", traveller_id)
                    .Add("created", created_id)
                    .Add("document_ids", SplitList((*change)[0].AsText()))
                    .Finish());
}

Result<std::optional<TravellerRow>> FindTraveller(ReadTxn& txn, std::string_view id) {
  static const std::string sql = std::string(kTravellerColumns) + "WHERE id = ?";
  LIMEN_ASSIGN_OR_RETURN(std::optional<Row> row, txn.QueryOne(sql, {id}));
  if (!row) return std::optional<TravellerRow>();
  return std::optional<TravellerRow>(ToTraveller(*row));
}

Result<std::optional<DocumentRow>> FindDocument(ReadTxn& txn, std::string_view issuing_state,
                                                std::string_view number) {
  static const std::string sql =
      std::string(kDocumentColumns) + "WHERE issuing_state = ? AND number = ?";
  LIMEN_ASSIGN_OR_RETURN(std::optional<Row> row, txn.QueryOne(sql, {issuing_state, number}));
  if (!row) return std::optional<DocumentRow>();
  return std::optional<DocumentRow>(ToDocument(*row));
}

Result<std::vector<DocumentRow>> ListTravellerDocuments(ReadTxn& txn, std::string_view id) {
  static const std::string sql =
      std::string(kDocumentColumns) + "WHERE traveller_id = ? ORDER BY id";
  LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows, txn.Query(sql, {id}));
  std::vector<DocumentRow> documents;
  for (const Row& row : rows) documents.push_back(ToDocument(row));
  return documents;
}

Result<std::vector<TravellerRow>> FindTravellersByName(ReadTxn& txn, std::string_view surname,
                                                       std::string_view given_names,
                                                       std::string_view date_of_birth) {
  LIMEN_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      txn.Query(std::string(kTravellerColumns) +
                    "WHERE surname = ? AND given_names = ? AND date_of_birth = ? AND "
                    "status = 'active' ORDER BY id",
                {surname, given_names, date_of_birth}));
  std::vector<TravellerRow> travellers;
  for (const Row& row : rows) travellers.push_back(ToTraveller(row));
  return travellers;
}

}  // namespace limen::store
