// libFuzzer target: the registry CSV importer must never crash, and an accepted import must
// answer lookups for every record it holds and survive its stored form (Serialise, then
// Deserialise). The input read as a stored form must be refused or read, never crash. The first
// byte chooses a full import or a delta on top of a small base.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/registry/csv_import.h"

namespace {

using limen::core::registry::ImportRegistryCsv;
using limen::core::registry::Record;
using limen::core::registry::RegistrySnapshot;

const RegistrySnapshot& Base() {
  static const auto* base = new std::shared_ptr<const RegistrySnapshot>(
      ImportRegistryCsv("issuing_state,number,type,reason,reported_on,source\n"
                        "UTO,AB0123,passport,lost,2024-01-01,national\n"
                        "D,ID1234567890123456,identity_card,stolen,2023-01-01,sltd\n",
                        nullptr)
          .snapshot);
  return **base;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool delta = data[0] & 1;
  const std::string_view csv(reinterpret_cast<const char*>(data + 1), size - 1);
  (void)RegistrySnapshot::Deserialise(csv);
  const auto outcome = ImportRegistryCsv(csv, delta ? &Base() : nullptr);
  if (!outcome.ok()) {
    if (outcome.errors.empty() || outcome.status().ok()) std::abort();
    return 0;
  }
  size_t count = 0;
  outcome.snapshot->ForEach([&](const Record& record) {
    ++count;
    if (outcome.snapshot->Lookup(record.issuing_state, record.number).empty()) std::abort();
    if (!outcome.snapshot->Contains(record.issuing_state, record.number)) std::abort();
    (void)outcome.snapshot->LookupWithVariants(record.issuing_state, record.number, 16);
  });
  if (count != outcome.snapshot->size()) std::abort();
  const auto restored = RegistrySnapshot::Deserialise(outcome.snapshot->Serialise());
  if (!restored.ok() || (*restored)->size() != count) std::abort();
  return 0;
}
