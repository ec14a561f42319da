#include "core/screening/entry_store.h"

namespace limen::core::screening {
namespace {

enum Flags : uint8_t { kHasValidFrom = 1, kHasValidUntil = 2 };

void PutVarint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void PutSigned(std::string& out, int64_t value) {
  PutVarint(out, (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63));
}

void PutText(std::string& out, std::string_view text) {
  PutVarint(out, text.size());
  out.append(text);
}

// Reads the fields back in the order they were written.
class Reader {
 public:
  Reader(const std::string& arena, uint64_t at) : data_(arena.data()), at_(at) {}
  uint8_t Byte() { return static_cast<uint8_t>(data_[at_++]); }
  uint64_t Varint() {
    uint64_t value = 0;
    for (int shift = 0;; shift += 7) {
      uint8_t byte = Byte();
      value |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return value;
    }
  }
  int64_t Signed() {
    uint64_t raw = Varint();
    return static_cast<int64_t>(raw >> 1) ^ -static_cast<int64_t>(raw & 1);
  }
  std::string_view Text() {
    size_t size = Varint();
    std::string_view text(data_ + at_, size);
    at_ += size;
    return text;
  }

 private:
  const char* data_;
  uint64_t at_;
};

}  // namespace

uint32_t EntryStore::Intern(const std::string& text) {
  auto [it, added] = intern_ids_.try_emplace(text, static_cast<uint32_t>(interned_.size()));
  if (added) interned_.push_back(text);
  return it->second;
}

uint32_t EntryStore::InternedAt(uint64_t at) const {
  const auto* bytes = reinterpret_cast<const uint8_t*>(arena_.data() + at);
  return bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (static_cast<uint32_t>(bytes[3]) << 24);
}

void EntryStore::Add(const WatchlistEntry& entry) {
  offsets_.push_back(arena_.size());
  for (uint32_t interned : {Intern(entry.list_id), Intern(entry.owning_agency)}) {
    for (int shift = 0; shift < 32; shift += 8)
      arena_.push_back(static_cast<char>(interned >> shift));
  }
  arena_.push_back(static_cast<char>(entry.action));
  arena_.push_back(static_cast<char>(entry.sex));
  arena_.push_back(static_cast<char>(entry.sharing));
  arena_.push_back(static_cast<char>((entry.valid_from_days ? kHasValidFrom : 0) |
                                     (entry.valid_until_days ? kHasValidUntil : 0)));
  PutText(arena_, entry.id);
  if (entry.valid_from_days) PutSigned(arena_, *entry.valid_from_days);
  if (entry.valid_until_days) PutSigned(arena_, *entry.valid_until_days);
  PutVarint(arena_, entry.names.size());
  for (const EntryName& name : entry.names) {
    arena_.push_back(static_cast<char>(name.type));
    PutText(arena_, name.full);
  }
  PutVarint(arena_, entry.dates_of_birth.size());
  for (const PartialDate& date : entry.dates_of_birth) {
    PutSigned(arena_, date.year);
    PutSigned(arena_, date.month);
    PutSigned(arena_, date.day);
  }
  PutVarint(arena_, entry.nationalities.size());
  for (const std::string& nationality : entry.nationalities) PutText(arena_, nationality);
  PutVarint(arena_, entry.document_numbers.size());
  for (const std::string& number : entry.document_numbers) PutText(arena_, number);
}

void EntryStore::Seal() {
  intern_ids_.clear();
  arena_.shrink_to_fit();
  offsets_.shrink_to_fit();
}

std::string_view EntryStore::id(uint32_t index) const {
  Reader reader(arena_, offsets_[index] + kHeader);
  return reader.Text();
}

std::string_view EntryStore::owning_agency(uint32_t index) const {
  return interned_[InternedAt(offsets_[index] + 4)];
}

SharingScope EntryStore::sharing(uint32_t index) const {
  return static_cast<SharingScope>(arena_[offsets_[index] + 10]);
}

void EntryStore::Decode(uint32_t index, WatchlistEntry& out) const {
  const uint64_t at = offsets_[index];
  const auto* header = reinterpret_cast<const uint8_t*>(arena_.data() + at + 8);
  out.list_id = interned_[InternedAt(at)];
  out.owning_agency = interned_[InternedAt(at + 4)];
  out.action = static_cast<HitAction>(header[0]);
  out.sex = static_cast<Sex>(header[1]);
  out.sharing = static_cast<SharingScope>(header[2]);
  Reader reader(arena_, offsets_[index] + kHeader);
  out.id = reader.Text();
  out.valid_from_days.reset();
  out.valid_until_days.reset();
  if (header[3] & kHasValidFrom) out.valid_from_days = reader.Signed();
  if (header[3] & kHasValidUntil) out.valid_until_days = reader.Signed();
  out.names.resize(reader.Varint());
  for (EntryName& name : out.names) {
    name.type = static_cast<NameType>(reader.Byte());
    name.full = reader.Text();
  }
  out.dates_of_birth.resize(reader.Varint());
  for (PartialDate& date : out.dates_of_birth) {
    date.year = static_cast<int32_t>(reader.Signed());
    date.month = static_cast<int32_t>(reader.Signed());
    date.day = static_cast<int32_t>(reader.Signed());
  }
  out.nationalities.resize(reader.Varint());
  for (std::string& nationality : out.nationalities) nationality = reader.Text();
  out.document_numbers.resize(reader.Varint());
  for (std::string& number : out.document_numbers) number = reader.Text();
}

WatchlistEntry EntryStore::Get(uint32_t index) const {
  WatchlistEntry entry;
  Decode(index, entry);
  return entry;
}

size_t EntryStore::Bytes() const {
  size_t bytes = arena_.capacity() + offsets_.capacity() * sizeof(uint64_t);
  for (const std::string& text : interned_) bytes += sizeof(std::string) + text.capacity();
  return bytes;
}

}  // namespace limen::core::screening
