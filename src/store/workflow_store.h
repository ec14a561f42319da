// Border-crossing workflow records (issue 5) as event projections: travellers and the documents
// they used, inspections, crossings (the officer's decisions), multi-agency cases, and lost or
// stolen documents reported nationally. Every write appends one event in the caller's WriteTxn
// and its projector updates the tables (migrations/0300_workflow.sql), so Store::Rebuild()
// recreates them. Merges and splits are events too; undoing one is a new event, never an edit.
//
// The decision rules themselves live in core (core/inspection ValidateDecision, core/identity
// PlanMerge...). These functions only refuse writes that would break the tables' invariants:
// WORKFLOW_INVALID (a required field is empty), WORKFLOW_EXISTS, WORKFLOW_NOT_FOUND,
// INSPECTION_NOT_FOUND and INSPECTION_ALREADY_DECIDED (a crossing for an inspection).
//
// Call RegisterWorkflowProjections(store) once after OpenStore, before the first write.
// Thread-safety: stateless functions; as thread-safe as the transaction given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "store/store.h"

namespace limen::store {

struct TravellerRow {
  std::string id;
  std::string surname;
  std::string given_names;
  std::string surname_original;
  std::string given_names_original;
  std::string date_of_birth;  // YYYY-MM-DD or "".
  std::string sex;            // "F", "M" or "X".
  std::vector<std::string> nationalities;
  std::string status = "active";  // "active" or "merged".
  std::string merged_into;
  friend bool operator==(const TravellerRow&, const TravellerRow&) = default;
};

struct DocumentRow {
  std::string id;
  std::string traveller_id;
  std::string issuing_state;
  std::string number;
  std::string document_type;
  std::string surname;
  std::string given_names;
  std::string date_of_birth;
  std::string sex;
  friend bool operator==(const DocumentRow&, const DocumentRow&) = default;
};

struct InspectionRow {
  std::string id;
  std::string post;
  std::string lane;
  std::string direction;  // "entry" or "exit".
  std::string mode_of_transport;
  std::string flight_or_vehicle;
  std::string purpose;
  std::string document_state;
  std::string document_number;
  std::string traveller_id;
  std::string recommendation;  // "admit", "refer", "refuse".
  std::string officer;
  Timestamp started_at = 0;
  bool decided = false;
  std::string stay_rules_version;  // The stay rules the verdict came from ("" when absent).
  std::string authorisation_id;    // The visa or permit the stay verdict relied on, if any.
  friend bool operator==(const InspectionRow&, const InspectionRow&) = default;
};

struct CrossingRow {
  std::string id;
  std::string inspection_id;
  std::string traveller_id;
  std::string post;
  std::string direction;
  std::string decision;  // "admitted", "refused", "referred".
  Timestamp time = 0;
  std::string granted_until;  // YYYY-MM-DD, "" when none.
  std::string refusal_codes;  // e.g. "AC".
  std::string free_text;
  int64_t duration_micros = 0;
  std::string officer;
  friend bool operator==(const CrossingRow&, const CrossingRow&) = default;
};

struct CasePartRow {
  std::string case_id;
  std::string agency;
  std::string status;  // core/inspection CaseStatusName().
  std::string reason;
  std::string outcome;
  friend bool operator==(const CasePartRow&, const CasePartRow&) = default;
};

struct CaseNoteRow {
  std::string case_id;
  std::string agency;
  std::string author;
  Timestamp written_at = 0;
  std::string text;
};

struct RegistryReportRow {
  std::string issuing_state;
  std::string number;
  std::string source;
  std::string type;
  std::string reason;
  std::string reported_on;
  friend bool operator==(const RegistryReportRow&, const RegistryReportRow&) = default;
};

void RegisterWorkflowProjections(Store& store);

// Travellers and documents.
Status CreateTraveller(WriteTxn& txn, std::string_view actor, const TravellerRow& traveller);
// Records a document used by a traveller, or re-links a known one (same State and number).
Status LinkDocument(WriteTxn& txn, std::string_view actor, const DocumentRow& document);
// Moves every document of `absorbed` to `surviving` and marks `absorbed` merged. The event lists
// the moved documents so that UndoMerge can move exactly those back, and the supervisor's reason.
Status MergeTravellers(WriteTxn& txn, std::string_view actor, std::string_view surviving,
                       std::string_view absorbed, std::string_view reason = {});
Status UndoMerge(WriteTxn& txn, std::string_view actor, std::string_view surviving,
                 std::string_view absorbed);
// Creates `created` and moves `document_ids` of `traveller_id` to it; the event carries `reason`.
Status SplitTraveller(WriteTxn& txn, std::string_view actor, std::string_view traveller_id,
                      const TravellerRow& created, const std::vector<std::string>& document_ids,
                      std::string_view reason = {});
Status UndoSplit(WriteTxn& txn, std::string_view actor, std::string_view traveller_id,
                 std::string_view created_id);
Result<std::optional<TravellerRow>> FindTraveller(ReadTxn& txn, std::string_view id);
Result<std::optional<DocumentRow>> FindDocument(ReadTxn& txn, std::string_view issuing_state,
                                                std::string_view number);
Result<std::vector<DocumentRow>> ListTravellerDocuments(ReadTxn& txn, std::string_view id);
// Active travellers with this (Latin) surname, given names and date of birth: link candidates.
Result<std::vector<TravellerRow>> FindTravellersByName(ReadTxn& txn, std::string_view surname,
                                                       std::string_view given_names,
                                                       std::string_view date_of_birth);

// Inspections and crossings.
Status RecordInspection(WriteTxn& txn, std::string_view actor, const InspectionRow& inspection);
Result<std::optional<InspectionRow>> FindInspection(ReadTxn& txn, std::string_view id);
// Records the decision and marks the inspection decided, in the same event.
Status RecordCrossing(WriteTxn& txn, std::string_view actor, const CrossingRow& crossing);
// A traveller's crossings, oldest first.
Result<std::vector<CrossingRow>> ListCrossings(ReadTxn& txn, std::string_view traveller_id);
// The admitted entries not followed by an admitted exit: one row per traveller present, for the
// inland overstay list (core/stay ListOverstays with GrantedStayLimit(granted_until)).
Result<std::vector<CrossingRow>> ListPresentEntries(ReadTxn& txn);

// Cases.
Status OpenCase(WriteTxn& txn, std::string_view actor, std::string_view case_id,
                std::string_view inspection_id, std::string_view referring_officer,
                const CasePartRow& first_part);
Status SaveCasePart(WriteTxn& txn, std::string_view actor, const CasePartRow& part);
Status AddCaseNote(WriteTxn& txn, std::string_view actor, const CaseNoteRow& note);
Result<std::vector<CasePartRow>> ListCaseParts(ReadTxn& txn, std::string_view case_id);
Result<std::vector<CaseNoteRow>> ListCaseNotes(ReadTxn& txn, std::string_view case_id,
                                               std::string_view agency);
// The agency's queue: its parts that are open or in progress, oldest first.
Result<std::vector<CasePartRow>> ListAgencyQueue(ReadTxn& txn, std::string_view agency);

// National lost/stolen reports (imported lists live in core/registry snapshots).
Status ReportDocument(WriteTxn& txn, std::string_view actor, const RegistryReportRow& report);
Status WithdrawReport(WriteTxn& txn, std::string_view actor, std::string_view issuing_state,
                      std::string_view number, std::string_view source);
Result<std::vector<RegistryReportRow>> ListRegistryReports(ReadTxn& txn);

}  // namespace limen::store
