// The stored form of a RegistrySnapshot (docs/registry.md, "Stored form"). All integers are
// little-endian:
//
//   "LIMENREG" (8 bytes), format version (u32 = 1), source count (u32),
//   per source: length (u16) and bytes,
//   overflow count (u64), per overflow record: key length (u16), key ("STATE/NUMBER"), packed
//   entry (16 bytes),
//   entry count (u64), the packed entries (16 bytes each) in lookup order.
//
// Reading checks every count and length against the bytes left, every source id against the
// sources, and the order of the entries, so damaged bytes give REGISTRY_SNAPSHOT_CORRUPT rather
// than a crash or wrong answers (the store also verifies a SHA-256 of the whole form).
#include <bit>
#include <cstring>

#include "core/registry/snapshot.h"

namespace limen::core::registry {
namespace {

using internal::PackedEntry;

static_assert(std::endian::native == std::endian::little,
              "The stored registry form copies packed entries as little-endian bytes.");

constexpr char kMagic[] = "LIMENREG";
constexpr size_t kMagicSize = 8;
constexpr uint32_t kFormatVersion = 1;

template <typename T>
void Put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

Status Corrupt(const std::string& what) {
  return DataLoss("REGISTRY_SNAPSHOT_CORRUPT",
                  "The stored registry is damaged (" + what +
                      "); import the list again with `limen registry import`.");
}

// Reads fixed-size values from the front of the bytes, refusing to read past the end.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  template <typename T>
  bool Get(T& value) {
    if (bytes_.size() < sizeof(T)) return false;
    std::memcpy(&value, bytes_.data(), sizeof(T));
    bytes_.remove_prefix(sizeof(T));
    return true;
  }
  bool Take(size_t size, std::string_view& out) {
    if (bytes_.size() < size) return false;
    out = bytes_.substr(0, size);
    bytes_.remove_prefix(size);
    return true;
  }
  size_t left() const { return bytes_.size(); }

 private:
  std::string_view bytes_;
};

}  // namespace

std::string RegistrySnapshot::Serialise() const {
  std::string out;
  out.reserve(32 + entries_.size() * sizeof(PackedEntry) + overflow_.size() * 64);
  out.append(kMagic, kMagicSize);
  Put<uint32_t>(out, kFormatVersion);
  Put<uint32_t>(out, static_cast<uint32_t>(sources_.size()));
  for (const std::string& source : sources_) {
    Put<uint16_t>(out, static_cast<uint16_t>(source.size()));
    out += source;
  }
  Put<uint64_t>(out, overflow_.size());
  for (const OverflowEntry& entry : overflow_) {
    Put<uint16_t>(out, static_cast<uint16_t>(entry.key.size()));
    out += entry.key;
    Put(out, entry.packed);
  }
  Put<uint64_t>(out, entries_.size());
  const size_t offset = out.size();
  out.resize(offset + entries_.size() * sizeof(PackedEntry));
  if (!entries_.empty()) {
    std::memcpy(out.data() + offset, entries_.data(), entries_.size() * sizeof(PackedEntry));
  }
  return out;
}

Result<std::shared_ptr<const RegistrySnapshot>> RegistrySnapshot::Deserialise(
    std::string_view bytes) {
  Reader reader(bytes);
  std::string_view magic;
  uint32_t version = 0, source_count = 0;
  if (!reader.Take(kMagicSize, magic) || magic != std::string_view(kMagic, kMagicSize) ||
      !reader.Get(version) || version != kFormatVersion) {
    return Corrupt("not a registry snapshot of format 1");
  }
  if (!reader.Get(source_count) || source_count > internal::kMaxSources) {
    return Corrupt("bad source count");
  }
  auto snapshot = std::make_shared<RegistrySnapshot>();
  for (uint32_t i = 0; i < source_count; ++i) {
    uint16_t length = 0;
    std::string_view source;
    if (!reader.Get(length) || !reader.Take(length, source)) return Corrupt("truncated sources");
    snapshot->sources_.emplace_back(source);
  }
  auto valid = [&](const PackedEntry& entry) {
    return entry.removed == 0 && internal::MetaSource(entry.meta) < source_count;
  };
  uint64_t overflow_count = 0;
  if (!reader.Get(overflow_count) || overflow_count > reader.left() / sizeof(PackedEntry)) {
    return Corrupt("bad overflow count");
  }
  for (uint64_t i = 0; i < overflow_count; ++i) {
    uint16_t length = 0;
    std::string_view key;
    PackedEntry packed;
    if (!reader.Get(length) || !reader.Take(length, key) || !reader.Get(packed)) {
      return Corrupt("truncated overflow list");
    }
    const size_t slash = key.find('/');
    if (slash == std::string_view::npos || !valid(packed) ||
        (i > 0 && key < snapshot->overflow_.back().key)) {
      return Corrupt("bad overflow record");
    }
    snapshot->overflow_.push_back({std::string(key), packed});
  }
  uint64_t entry_count = 0;
  if (!reader.Get(entry_count) || entry_count != reader.left() / sizeof(PackedEntry) ||
      reader.left() % sizeof(PackedEntry) != 0) {
    return Corrupt("entry count does not match the bytes");
  }
  std::string_view packed_bytes;
  (void)reader.Take(reader.left(), packed_bytes);
  snapshot->entries_.resize(entry_count);
  if (entry_count > 0) {
    std::memcpy(snapshot->entries_.data(), packed_bytes.data(), packed_bytes.size());
  }
  uint64_t previous_hash = 0;
  for (const PackedEntry& entry : snapshot->entries_) {
    const uint64_t hash = internal::Mix(entry.number, entry.state);
    if (!valid(entry) || hash < previous_hash) return Corrupt("entries out of order");
    previous_hash = hash;
  }
  snapshot->BuildDirectory();
  return std::shared_ptr<const RegistrySnapshot>(std::move(snapshot));
}

}  // namespace limen::core::registry
