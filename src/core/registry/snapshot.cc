#include "core/registry/snapshot.h"

#include <algorithm>
#include <bit>

#include "base/strings.h"
#include "core/registry/number.h"

namespace limen::core::registry {
namespace {

using internal::PackedEntry;

constexpr uint64_t kOverflowFlag = uint64_t{1} << 63;
constexpr uint16_t kUnknownSource = UINT16_MAX;

uint64_t HashOf(const PackedEntry& entry) { return internal::Mix(entry.number, entry.state); }

bool SameKey(const PackedEntry& a, const PackedEntry& b) {
  return a.number == b.number && a.state == b.state &&
         internal::MetaSource(a.meta) == internal::MetaSource(b.meta);
}

// The key of a record in the builder's index of added rows.
std::string AddedKey(uint16_t state, const std::optional<uint64_t>& number,
                     const std::string& overflow_key, uint16_t source) {
  return (number ? std::to_string(*number) + "/" + std::to_string(state) : overflow_key) + "#" +
         std::to_string(source);
}

Status BadRecord(const char* code, std::string message) {
  return InvalidArgument(code, std::move(message));
}

}  // namespace

size_t RegistrySnapshot::MemoryBytes() const {
  size_t bytes = entries_.capacity() * sizeof(PackedEntry) +
                 directory_.capacity() * sizeof(uint32_t) +
                 overflow_.capacity() * sizeof(OverflowEntry);
  for (const OverflowEntry& entry : overflow_) bytes += entry.key.capacity();
  for (const std::string& source : sources_) bytes += sizeof(std::string) + source.capacity();
  return bytes;
}

Record RegistrySnapshot::Unpack(const PackedEntry& entry, std::string state,
                                std::string number) const {
  Record record;
  record.issuing_state = std::move(state);
  record.number = std::move(number);
  record.kind = static_cast<DocumentKind>(internal::MetaKind(entry.meta));
  record.reason = static_cast<ReportReason>(internal::MetaReason(entry.meta));
  record.reported_on = CivilFromDays(entry.reported_on);
  record.source = sources_[internal::MetaSource(entry.meta)];
  return record;
}

void RegistrySnapshot::FindPacked(uint16_t state, uint64_t number, std::string_view state_text,
                                  std::string_view number_text, std::vector<Record>& out) const {
  if (directory_.empty()) return;
  const size_t bucket = Bucket(internal::Mix(number, state));
  for (uint32_t i = directory_[bucket]; i < directory_[bucket + 1]; ++i) {
    const PackedEntry& entry = entries_[i];
    if (entry.number == number && entry.state == state && entry.removed == 0) {
      out.push_back(Unpack(entry, std::string(state_text), std::string(number_text)));
    }
  }
}

void RegistrySnapshot::FindOverflow(const std::string& key, std::vector<Record>& out) const {
  auto it = std::lower_bound(
      overflow_.begin(), overflow_.end(), key,
      [](const OverflowEntry& entry, const std::string& k) { return entry.key < k; });
  for (; it != overflow_.end() && it->key == key; ++it) {
    if (it->packed.removed != 0) continue;
    const size_t slash = key.find('/');
    out.push_back(Unpack(it->packed, key.substr(0, slash), key.substr(slash + 1)));
  }
}

int64_t RegistrySnapshot::IndexOf(uint16_t state, uint64_t number, uint16_t source) const {
  if (directory_.empty()) return -1;
  const size_t bucket = Bucket(internal::Mix(number, state));
  for (uint32_t i = directory_[bucket]; i < directory_[bucket + 1]; ++i) {
    const PackedEntry& entry = entries_[i];
    if (entry.number == number && entry.state == state &&
        internal::MetaSource(entry.meta) == source) {
      return i;
    }
  }
  return -1;
}

bool RegistrySnapshot::Contains(std::string_view issuing_state, std::string_view number) const {
  const std::string state_text = NormaliseIssuingState(issuing_state);
  const std::string number_text = NormaliseDocumentNumber(number);
  const auto state = internal::PackState(state_text);
  const auto packed = internal::PackNumber(number_text);
  if (!state || number_text.empty()) return false;
  if (!packed) return !Lookup(state_text, number_text).empty();  // Rare overflow numbers.
  if (directory_.empty()) return false;
  const size_t bucket = Bucket(internal::Mix(*packed, *state));
  for (uint32_t i = directory_[bucket]; i < directory_[bucket + 1]; ++i) {
    const PackedEntry& entry = entries_[i];
    if (entry.number == *packed && entry.state == *state && entry.removed == 0) return true;
  }
  return false;
}

std::vector<Record> RegistrySnapshot::Lookup(std::string_view issuing_state,
                                             std::string_view number) const {
  std::vector<Record> out;
  const std::string state_text = NormaliseIssuingState(issuing_state);
  const std::string number_text = NormaliseDocumentNumber(number);
  const auto state = internal::PackState(state_text);
  if (!state || number_text.empty()) return out;
  if (const auto packed = internal::PackNumber(number_text)) {
    FindPacked(*state, *packed, state_text, number_text, out);
  } else if (!overflow_.empty()) {
    FindOverflow(state_text + "/" + number_text, out);
  }
  return out;
}

std::vector<VariantMatch> RegistrySnapshot::LookupWithVariants(std::string_view issuing_state,
                                                               std::string_view number,
                                                               size_t max_variants) const {
  std::vector<VariantMatch> matches;
  const std::string presented = NormaliseDocumentNumber(number);
  for (Record& record : Lookup(issuing_state, presented)) {
    matches.push_back({std::move(record), presented, true});
  }
  const std::string state_text = NormaliseIssuingState(issuing_state);
  const auto state = internal::PackState(state_text);
  if (!state) return matches;
  std::vector<Record> found;
  for (const std::string& variant : MisreadVariants(presented, max_variants)) {
    // Variants are already normalised: probe the packed index directly.
    if (const auto packed = internal::PackNumber(variant)) {
      FindPacked(*state, *packed, state_text, variant, found);
    } else if (!overflow_.empty()) {
      FindOverflow(state_text + "/" + variant, found);
    }
  }
  for (Record& record : found) matches.push_back({std::move(record), presented, false});
  return matches;
}

void RegistrySnapshot::ForEach(const std::function<void(const Record&)>& visit) const {
  for (const PackedEntry& entry : entries_) {
    if (entry.removed != 0) continue;
    visit(Unpack(entry, internal::UnpackState(entry.state), internal::UnpackNumber(entry.number)));
  }
  for (const OverflowEntry& entry : overflow_) {
    if (entry.packed.removed != 0) continue;
    const size_t slash = entry.key.find('/');
    visit(Unpack(entry.packed, entry.key.substr(0, slash), entry.key.substr(slash + 1)));
  }
}

RegistryBuilder::RegistryBuilder(const RegistrySnapshot* base)
    : snapshot_(std::make_shared<RegistrySnapshot>()), delta_(base != nullptr) {
  if (base == nullptr) return;
  *snapshot_ = *base;
  base_size_ = snapshot_->entries_.size();
  base_overflow_size_ = snapshot_->overflow_.size();
}

RegistryBuilder::RegistryBuilder(const RegistrySnapshot& base, std::string_view replaced_source)
    : snapshot_(std::make_shared<RegistrySnapshot>(base)) {
  auto& snapshot = *snapshot_;
  const auto it = std::find(snapshot.sources_.begin(), snapshot.sources_.end(), replaced_source);
  if (it == snapshot.sources_.end()) return;
  const auto source = static_cast<uint16_t>(it - snapshot.sources_.begin());
  for (PackedEntry& entry : snapshot.entries_) {
    if (internal::MetaSource(entry.meta) == source) entry.removed = 1;
  }
  for (RegistrySnapshot::OverflowEntry& entry : snapshot.overflow_) {
    if (internal::MetaSource(entry.packed.meta) == source) entry.packed.removed = 1;
  }
}

Result<RegistryBuilder::Key> RegistryBuilder::MakeKey(std::string_view state,
                                                      std::string_view number,
                                                      std::string_view source) const {
  Key key;
  const std::string state_text = NormaliseIssuingState(state);
  const auto packed_state = internal::PackState(state_text);
  if (!packed_state || state_text.size() != Trim(state).size()) {
    return BadRecord("REGISTRY_STATE", "The issuing State '" + std::string(state) +
                                           "' is not a 1-3 letter ICAO code; correct it.");
  }
  key.state = *packed_state;
  const std::string number_text = NormaliseDocumentNumber(number);
  if (number_text.empty() || number_text.size() > internal::kMaxNumberLength) {
    return BadRecord("REGISTRY_NUMBER", "The document number '" + std::string(number) +
                                            "' must have 1 to 24 letters or digits; correct it.");
  }
  key.number = internal::PackNumber(number_text);
  if (!key.number) key.overflow_key = state_text + "/" + number_text;
  if (source.empty() || source.size() > 64) {
    return BadRecord("REGISTRY_SOURCE",
                     "Every record needs a source of 1 to 64 characters, "
                     "e.g. \"national\" or \"interpol-sltd\".");
  }
  const auto& sources = snapshot_->sources_;
  const auto it = std::find(sources.begin(), sources.end(), source);
  key.source = it == sources.end() ? kUnknownSource : static_cast<uint16_t>(it - sources.begin());
  return key;
}

Status RegistryBuilder::InternSource(std::string_view source, Key& key) {
  if (key.source != kUnknownSource) return Status::Ok();
  auto& sources = snapshot_->sources_;
  if (sources.size() >= internal::kMaxSources) {
    return BadRecord("REGISTRY_SOURCE",
                     "The registry holds at most 1024 distinct sources; "
                     "merge sources before importing.");
  }
  key.source = static_cast<uint16_t>(sources.size());
  sources.emplace_back(source);
  return Status::Ok();
}

Result<PackedEntry> RegistryBuilder::Pack(const Record& record, Key& key) {
  LIMEN_ASSIGN_OR_RETURN(key, MakeKey(record.issuing_state, record.number, record.source));
  LIMEN_RETURN_IF_ERROR(InternSource(record.source, key));
  const int64_t day = DaysFromCivil(record.reported_on);
  if (day < 0 || day > UINT16_MAX ||
      !IsValidDate(record.reported_on.year, record.reported_on.month, record.reported_on.day)) {
    return BadRecord("REGISTRY_DATE", "The reporting date " + FormatDate(record.reported_on) +
                                          " must be a real date between 1970 and 2149.");
  }
  PackedEntry entry;
  entry.number = key.number.value_or(0);
  entry.state = key.state;
  entry.reported_on = static_cast<uint16_t>(day);
  entry.meta = internal::PackMeta(static_cast<uint8_t>(record.kind),
                                  static_cast<uint8_t>(record.reason), key.source);
  return entry;
}

int64_t RegistryBuilder::Find(const Key& key, bool& overflow) const {
  if (const auto it = added_.find(AddedKey(key.state, key.number, key.overflow_key, key.source));
      it != added_.end()) {
    overflow = (it->second & kOverflowFlag) != 0;
    return static_cast<int64_t>(it->second & ~kOverflowFlag);
  }
  overflow = !key.number;
  const auto& snapshot = *snapshot_;
  if (key.number) {
    const int64_t index = snapshot.IndexOf(key.state, *key.number, key.source);
    if (index < 0 || static_cast<size_t>(index) >= base_size_) return -1;
    return snapshot.entries_[static_cast<size_t>(index)].removed ? -1 : index;
  }
  for (size_t i = 0; i < base_overflow_size_; ++i) {
    const auto& entry = snapshot.overflow_[i];
    if (entry.key == key.overflow_key && internal::MetaSource(entry.packed.meta) == key.source &&
        entry.packed.removed == 0) {
      return static_cast<int64_t>(i);
    }
  }
  return -1;
}

Status RegistryBuilder::Add(const Record& record) {
  Key key;
  LIMEN_ASSIGN_OR_RETURN(PackedEntry entry, Pack(record, key));
  auto& snapshot = *snapshot_;
  uint64_t index = 0;
  if (key.number) {
    index = snapshot.entries_.size();
    snapshot.entries_.push_back(entry);
  } else {
    index = snapshot.overflow_.size() | kOverflowFlag;
    snapshot.overflow_.push_back({key.overflow_key, entry});
  }
  if (delta_) {
    added_[AddedKey(key.state, key.number, key.overflow_key, key.source)] = index;
  }
  return Status::Ok();
}

PackedEntry* RegistryBuilder::Locate(const Key& key) {
  bool overflow = false;
  const int64_t index = Find(key, overflow);
  if (index < 0) return nullptr;
  auto& snapshot = *snapshot_;
  return overflow ? &snapshot.overflow_[static_cast<size_t>(index)].packed
                  : &snapshot.entries_[static_cast<size_t>(index)];
}

namespace {

Status NotListed(std::string_view state, std::string_view number, std::string_view source) {
  return NotFound("REGISTRY_NOT_FOUND", "No record for " + std::string(state) + " " +
                                            std::string(number) + " from source '" +
                                            std::string(source) +
                                            "' is in the registry; use op=add to add it.");
}

}  // namespace

Status RegistryBuilder::Update(const Record& record) {
  LIMEN_ASSIGN_OR_RETURN(Key key, MakeKey(record.issuing_state, record.number, record.source));
  PackedEntry* existing = Locate(key);
  if (existing == nullptr) return NotListed(record.issuing_state, record.number, record.source);
  LIMEN_ASSIGN_OR_RETURN(PackedEntry entry, Pack(record, key));
  *existing = entry;
  return Status::Ok();
}

Status RegistryBuilder::Remove(std::string_view issuing_state, std::string_view number,
                               std::string_view source) {
  LIMEN_ASSIGN_OR_RETURN(Key key, MakeKey(issuing_state, number, source));
  PackedEntry* existing = Locate(key);
  if (existing == nullptr) return NotListed(issuing_state, number, source);
  existing->removed = 1;
  return Status::Ok();
}

bool RegistryBuilder::Contains(std::string_view issuing_state, std::string_view number,
                               std::string_view source) const {
  const auto key = MakeKey(issuing_state, number, source);
  bool overflow = false;
  return key.ok() && Find(*key, overflow) >= 0;
}

Status RegistryBuilder::SortAndCheck() {
  auto& snapshot = *snapshot_;
  std::erase_if(snapshot.entries_, [](const PackedEntry& entry) { return entry.removed != 0; });
  std::erase_if(snapshot.overflow_,
                [](const RegistrySnapshot::OverflowEntry& entry) { return entry.packed.removed; });
  std::sort(snapshot.entries_.begin(), snapshot.entries_.end(),
            [](const PackedEntry& a, const PackedEntry& b) {
              const uint64_t ha = HashOf(a), hb = HashOf(b);
              if (ha != hb) return ha < hb;
              if (a.number != b.number) return a.number < b.number;
              if (a.state != b.state) return a.state < b.state;
              return internal::MetaSource(a.meta) < internal::MetaSource(b.meta);
            });
  const auto duplicate =
      std::adjacent_find(snapshot.entries_.begin(), snapshot.entries_.end(), SameKey);
  if (duplicate != snapshot.entries_.end()) {
    return Duplicate(internal::UnpackState(duplicate->state),
                     internal::UnpackNumber(duplicate->number),
                     snapshot.sources_[internal::MetaSource(duplicate->meta)]);
  }
  return SortOverflow();
}

Status RegistryBuilder::SortOverflow() {
  auto& overflow = snapshot_->overflow_;
  auto source = [](const RegistrySnapshot::OverflowEntry& e) {
    return internal::MetaSource(e.packed.meta);
  };
  std::sort(overflow.begin(), overflow.end(), [&](const auto& a, const auto& b) {
    return a.key != b.key ? a.key < b.key : source(a) < source(b);
  });
  for (size_t i = 1; i < overflow.size(); ++i) {
    if (overflow[i].key == overflow[i - 1].key && source(overflow[i]) == source(overflow[i - 1])) {
      const size_t slash = overflow[i].key.find('/');
      return Duplicate(overflow[i].key.substr(0, slash), overflow[i].key.substr(slash + 1),
                       snapshot_->sources_[source(overflow[i])]);
    }
  }
  return Status::Ok();
}

Status RegistryBuilder::Duplicate(const std::string& state, const std::string& number,
                                  const std::string& source) {
  duplicate_ = {state, number, source};
  return AlreadyExists("REGISTRY_DUPLICATE",
                       "The record " + state + " " + number + " from source '" + source +
                           "' appears twice; keep one row per State, number and source.");
}

void RegistrySnapshot::BuildDirectory() {
  const size_t count = entries_.size();
  const int bits = std::max(1, static_cast<int>(std::bit_width(count / 4)));
  directory_shift_ = 64 - bits;
  directory_.assign((size_t{1} << bits) + 1, 0);
  for (const PackedEntry& entry : entries_) ++directory_[Bucket(HashOf(entry)) + 1];
  for (size_t b = 1; b < directory_.size(); ++b) directory_[b] += directory_[b - 1];
  entries_.shrink_to_fit();
}

Result<std::shared_ptr<const RegistrySnapshot>> RegistryBuilder::Build() {
  LIMEN_RETURN_IF_ERROR(SortAndCheck());
  snapshot_->BuildDirectory();
  std::shared_ptr<const RegistrySnapshot> built = std::move(snapshot_);
  snapshot_ = std::make_shared<RegistrySnapshot>();
  added_.clear();
  base_size_ = base_overflow_size_ = 0;
  return built;
}

}  // namespace limen::core::registry
