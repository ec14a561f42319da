// Canonical encodings and hashes of event-log and audit-log records. These byte layouts are a
// persisted format, specified in docs/event-log.md and docs/audit-log.md: any change breaks
// every stored chain, so it needs a new version tag.
//
// Thread-safety: pure functions, thread-safe.
#pragma once

#include <string>

#include "crypto/hash.h"
#include "store/store.h"

namespace limen::store {

// Domain-separation tags that start each encoding.
inline constexpr std::string_view kEventEncodingTag = "LIMEN-EVENT-V1";
inline constexpr std::string_view kAuditEncodingTag = "LIMEN-AUDIT-V1";

// The canonical bytes of an event, covering every field except `hash`.
std::string EncodeEventForHash(const Event& event);
crypto::Sha256Digest ComputeEventHash(const Event& event);

// The canonical bytes of an audit record, covering every field except `hash`.
std::string EncodeAuditForHash(const AuditRecord& record);
crypto::Sha256Digest ComputeAuditHash(const AuditRecord& record);

// Converts a 32-byte blob to a digest; false if the length is wrong.
bool DigestFromBytes(std::string_view bytes, crypto::Sha256Digest& out);

}  // namespace limen::store
