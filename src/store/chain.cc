#include "store/chain.h"

#include <cstring>

namespace limen::store {
namespace {

void PutU32(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(value >> shift));
}

void PutI64(std::string& out, int64_t value) {
  auto bits = static_cast<uint64_t>(value);
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>(bits >> shift));
}

void PutString(std::string& out, std::string_view text) {
  PutU32(out, static_cast<uint32_t>(text.size()));
  out.append(text);
}

void PutDigest(std::string& out, const crypto::Sha256Digest& digest) {
  out.append(reinterpret_cast<const char*>(digest.data()), digest.size());
}

}  // namespace

std::string EncodeEventForHash(const Event& event) {
  std::string out;
  out.reserve(128 + event.payload.size());
  PutString(out, kEventEncodingTag);
  PutString(out, event.origin_node);
  PutI64(out, event.sequence);
  PutI64(out, event.time);
  PutString(out, event.actor);
  PutString(out, event.type);
  PutString(out, event.payload);
  PutDigest(out, event.prev_hash);
  return out;
}

crypto::Sha256Digest ComputeEventHash(const Event& event) {
  return crypto::Sha256(EncodeEventForHash(event));
}

std::string EncodeAuditForHash(const AuditRecord& record) {
  const AuditDraft& d = record.draft;
  std::string out;
  out.reserve(256);
  PutString(out, kAuditEncodingTag);
  PutI64(out, record.sequence);
  PutI64(out, record.time);
  PutI64(out, d.actor_user_id);
  PutString(out, d.actor_username);
  PutString(out, d.client_address);
  PutString(out, d.method);
  PutString(out, d.route);
  PutString(out, d.record_type);
  PutString(out, d.record_id);
  PutString(out, d.purpose);
  PutU32(out, static_cast<uint32_t>(d.outcome));
  PutDigest(out, record.prev_hash);
  return out;
}

crypto::Sha256Digest ComputeAuditHash(const AuditRecord& record) {
  return crypto::Sha256(EncodeAuditForHash(record));
}

bool DigestFromBytes(std::string_view bytes, crypto::Sha256Digest& out) {
  if (bytes.size() != out.size()) return false;
  std::memcpy(out.data(), bytes.data(), out.size());
  return true;
}

}  // namespace limen::store
