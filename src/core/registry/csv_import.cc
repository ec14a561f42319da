#include "core/registry/csv_import.h"

#include <array>
#include <optional>

#include "base/strings.h"
#include "core/registry/internal/csv_reader.h"
#include "core/registry/number.h"

namespace limen::core::registry {
namespace {

enum Column : size_t { kState, kNumber, kType, kReason, kReportedOn, kSource, kOp, kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "issuing_state", "number", "type", "reason", "reported_on", "source", "op"};
constexpr size_t kNoColumn = SIZE_MAX;

enum class Op : uint8_t { kAdd, kUpdate, kRemove };

struct Header {
  std::array<size_t, kColumnCount> index;
  size_t width = 0;
  std::string source;  // ImportOptions::source: the value of an absent source column.
  bool delta() const { return index[kOp] != kNoColumn; }
};

Result<Header> ParseHeader(const std::vector<std::string>& fields, const std::string& source) {
  Header header;
  header.source = source;
  header.index.fill(kNoColumn);
  header.width = fields.size();
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string name = ToLowerAscii(Trim(fields[i]));
    for (size_t column = 0; column < kColumnCount; ++column) {
      if (name != kColumnNames[column]) continue;
      if (header.index[column] != kNoColumn) {
        return InvalidArgument("REGISTRY_CSV_HEADER",
                               "Column '" + name + "' appears twice in the header; keep one.");
      }
      header.index[column] = i;
    }
  }
  for (size_t column = 0; column < kOp; ++column) {
    if (header.index[column] == kNoColumn && !(column == kSource && !source.empty())) {
      return InvalidArgument("REGISTRY_CSV_HEADER",
                             "The header has no '" + std::string(kColumnNames[column]) +
                                 "' column; the first line must name the columns "
                                 "issuing_state,number,type,reason,reported_on,source[,op].");
    }
  }
  return header;
}

std::string_view Field(const std::vector<std::string>& row, const Header& header, Column column) {
  if (header.index[column] == kNoColumn) return header.source;  // Only the source may be absent.
  return Trim(row[header.index[column]]);
}

Status CheckSource(const std::vector<std::string>& row, const Header& header) {
  if (header.source.empty() || Field(row, header, kSource) == header.source) return Status::Ok();
  return InvalidArgument("REGISTRY_SOURCE_MISMATCH",
                         "The row's source '" + std::string(Field(row, header, kSource)) +
                             "' is not the list being imported ('" + header.source +
                             "'); import each source separately.");
}

Result<Op> ParseOp(std::string_view text) {
  const std::string op = ToLowerAscii(text);
  if (op == "add") return Op::kAdd;
  if (op == "update") return Op::kUpdate;
  if (op == "remove") return Op::kRemove;
  return InvalidArgument("REGISTRY_CSV_OP", "The op '" + std::string(text) +
                                                "' is not add, update or remove; correct it.");
}

Result<Record> ParseRecord(const std::vector<std::string>& row, const Header& header) {
  Record record;
  record.issuing_state = std::string(Field(row, header, kState));
  record.number = std::string(Field(row, header, kNumber));
  record.source = std::string(Field(row, header, kSource));
  const auto kind = ParseDocumentKind(ToLowerAscii(Field(row, header, kType)));
  if (!kind) {
    return InvalidArgument("REGISTRY_TYPE",
                           "The type '" + std::string(Field(row, header, kType)) +
                               "' is not one of passport, identity_card, visa, residence_permit, "
                               "travel_document, other.");
  }
  const auto reason = ParseReportReason(ToLowerAscii(Field(row, header, kReason)));
  if (!reason) {
    return InvalidArgument("REGISTRY_REASON",
                           "The reason '" + std::string(Field(row, header, kReason)) +
                               "' is not one of lost, stolen, stolen_blank, invalid, revoked.");
  }
  const auto date = ParseDate(Field(row, header, kReportedOn));
  if (!date) {
    return InvalidArgument("REGISTRY_DATE", "The reporting date '" +
                                                std::string(Field(row, header, kReportedOn)) +
                                                "' is not a date written YYYY-MM-DD.");
  }
  record.kind = *kind;
  record.reason = *reason;
  record.reported_on = *date;
  return record;
}

class Importer {
 public:
  Importer(std::string_view csv, const RegistrySnapshot* base, const ImportOptions& options)
      : csv_(csv), options_(options), reader_(csv) {
    static const RegistrySnapshot kEmpty;
    base_ = base != nullptr ? base : &kEmpty;
  }

  ImportOutcome Run();

 private:
  Status ApplyRow(const std::vector<std::string>& row);
  Status ApplyDelta(Op op, const std::vector<std::string>& row);
  void AddError(int64_t line, const Status& status);
  void ReportDuplicateLines();
  void Progress(bool done);

  std::string_view csv_;
  const ImportOptions& options_;
  internal::CsvReader reader_;
  const RegistrySnapshot* base_ = nullptr;
  std::optional<RegistryBuilder> builder_;
  Header header_;
  ImportOutcome outcome_;
};

void Importer::AddError(int64_t line, const Status& status) {
  if (outcome_.errors.size() < options_.max_errors) {
    outcome_.errors.push_back({line, status.reason(), status.message()});
  }
}

void Importer::Progress(bool done) {
  if (!options_.progress) return;
  options_.progress(
      {outcome_.counts.rows, done ? csv_.size() : reader_.offset(), csv_.size(), done});
}

Status Importer::ApplyDelta(Op op, const std::vector<std::string>& row) {
  if (op == Op::kRemove) {
    ++outcome_.counts.removed;
    return builder_->Remove(Field(row, header_, kState), Field(row, header_, kNumber),
                            Field(row, header_, kSource));
  }
  LIMEN_ASSIGN_OR_RETURN(Record record, ParseRecord(row, header_));
  if (op == Op::kUpdate) {
    ++outcome_.counts.updated;
    return builder_->Update(record);
  }
  if (builder_->Contains(record.issuing_state, record.number, record.source)) {
    return AlreadyExists("REGISTRY_DUPLICATE",
                         "The record " + record.issuing_state + " " + record.number +
                             " from source '" + record.source +
                             "' is already in the registry; use op=update to change it.");
  }
  ++outcome_.counts.added;
  return builder_->Add(record);
}

Status Importer::ApplyRow(const std::vector<std::string>& row) {
  if (row.size() != header_.width) {
    return InvalidArgument("REGISTRY_CSV_FIELD_COUNT", "The row has " + std::to_string(row.size()) +
                                                           " fields but the header "
                                                           "has " +
                                                           std::to_string(header_.width) +
                                                           "; quote fields that contain commas.");
  }
  LIMEN_RETURN_IF_ERROR(CheckSource(row, header_));
  if (header_.delta()) {
    LIMEN_ASSIGN_OR_RETURN(Op op, ParseOp(Field(row, header_, kOp)));
    return ApplyDelta(op, row);
  }
  LIMEN_ASSIGN_OR_RETURN(Record record, ParseRecord(row, header_));
  ++outcome_.counts.added;
  return builder_->Add(record);
}

// Build found a record twice: name every line that lists it.
void Importer::ReportDuplicateLines() {
  const auto& duplicate = builder_->duplicate();
  internal::CsvReader reader(csv_);
  std::vector<std::string> row;
  bool first = true;
  while (true) {
    const auto next = reader.Next(row);
    if (!next.ok() || !*next) break;
    if (first || row.size() != header_.width) {
      first = false;
      continue;
    }
    if (NormaliseIssuingState(Field(row, header_, kState)) == duplicate.issuing_state &&
        NormaliseDocumentNumber(Field(row, header_, kNumber)) == duplicate.number &&
        Field(row, header_, kSource) == duplicate.source) {
      AddError(reader.line(),
               AlreadyExists("REGISTRY_DUPLICATE", "The record " + duplicate.issuing_state + " " +
                                                       duplicate.number + " from source '" +
                                                       duplicate.source +
                                                       "' appears more than once; keep one row."));
    }
  }
}

ImportOutcome Importer::Run() {
  std::vector<std::string> row;
  auto first = reader_.Next(row);
  if (!first.ok() || !*first) {
    AddError(1, InvalidArgument("REGISTRY_CSV_HEADER",
                                "The file is empty; the first line must name the columns."));
    return std::move(outcome_);
  }
  auto header = ParseHeader(row, options_.source);
  if (!header.ok()) {
    AddError(reader_.line(), header.status());
    return std::move(outcome_);
  }
  header_ = *header;
  outcome_.delta = header_.delta();
  if (header_.delta()) {
    builder_.emplace(base_);
  } else if (!options_.source.empty()) {
    builder_.emplace(*base_, options_.source);  // Replaces this source's list only.
  } else {
    builder_.emplace(nullptr);
  }
  while (outcome_.errors.size() < options_.max_errors) {
    auto next = reader_.Next(row);
    if (!next.ok()) {
      AddError(reader_.line(), next.status());
      break;
    }
    if (!*next) break;
    ++outcome_.counts.rows;
    if (Status status = ApplyRow(row); !status.ok()) AddError(reader_.line(), status);
    if (options_.progress_every_rows > 0 &&
        outcome_.counts.rows % options_.progress_every_rows == 0) {
      Progress(false);
    }
  }
  if (!outcome_.errors.empty()) return std::move(outcome_);
  auto built = builder_->Build();
  if (!built.ok()) {
    ReportDuplicateLines();
    if (outcome_.errors.empty()) AddError(0, built.status());
    return std::move(outcome_);
  }
  outcome_.snapshot = std::move(*built);
  Progress(true);
  return std::move(outcome_);
}

}  // namespace

Status ImportOutcome::status() const {
  if (ok()) return Status::Ok();
  std::string message =
      "The import was rejected and nothing was changed: " + std::to_string(errors.size()) +
      " error(s)";
  if (errors.size() >= 100) message += " (reading stopped)";
  message += ". Fix the file and import it again.";
  for (size_t i = 0; i < errors.size() && i < 5; ++i) {
    message +=
        " Line " + std::to_string(errors[i].line) + ": " + errors[i].code + " " + errors[i].message;
  }
  return InvalidArgument("REGISTRY_IMPORT_REJECTED", message);
}

ImportOutcome ImportRegistryCsv(std::string_view csv, const RegistrySnapshot* base,
                                const ImportOptions& options) {
  return Importer(csv, base, options).Run();
}

}  // namespace limen::core::registry
