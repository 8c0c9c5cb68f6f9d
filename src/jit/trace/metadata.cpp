// TraceMetadata as JSON (jit.h). Built with or without the JIT: a recipe can be read and written
// anywhere, and only compiling it needs the JIT.
#include <nlohmann/json.hpp>

#include <cinttypes>
#include <cstdio>

#include "fusevm/jit.h"

namespace fusevm::jit {

std::string trace_metadata_to_json(const TraceMetadata& meta) {
  nlohmann::json j;
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016" PRIx64, meta.chunk_hash);  // exact: no 2^53 limit
  j["chunk_hash"] = hash;
  j["anchor_ip"] = meta.anchor_ip;
  j["recorded_ips"] = meta.recorded_ips;
  nlohmann::json kinds = nlohmann::json::array();
  for (SlotKind k : meta.slot_kinds) kinds.push_back(std::string(slot_kind_name(k)));
  j["slot_kinds"] = kinds;
  return j.dump();
}

Result<TraceMetadata> trace_metadata_from_json(std::string_view text) {
  const auto bad = [](const std::string& why) { return Status(ErrorCode::ParseError, "trace metadata: " + why); };
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
  TraceMetadata m;
  if (!j.contains("chunk_hash") || !j["chunk_hash"].is_string()) return bad("chunk_hash must be a hex string");
  const std::string hash = j["chunk_hash"];
  char* end = nullptr;
  m.chunk_hash = std::strtoull(hash.c_str(), &end, 16);
  if (hash.empty() || hash.size() > 16 || *end != '\0') return bad("chunk_hash must be 1-16 hex digits");
  if (!j.contains("anchor_ip") || !j["anchor_ip"].is_number_unsigned()) return bad("anchor_ip must be an integer");
  m.anchor_ip = j["anchor_ip"];
  if (!j.contains("recorded_ips") || !j["recorded_ips"].is_array()) return bad("recorded_ips must be an array");
  for (const auto& ip : j["recorded_ips"]) {
    if (!ip.is_number_unsigned() || ip.get<uint64_t>() > UINT32_MAX) return bad("recorded_ips holds a non-ip");
    m.recorded_ips.push_back(ip.get<uint32_t>());
  }
  if (!j.contains("slot_kinds") || !j["slot_kinds"].is_array()) return bad("slot_kinds must be an array");
  for (const auto& k : j["slot_kinds"]) {
    if (!k.is_string()) return bad("slot_kinds holds a non-string");
    const std::string name = k;
    bool found = false;
    for (SlotKind c : {SlotKind::Undef, SlotKind::Bool, SlotKind::Int, SlotKind::Float, SlotKind::Other})
      if (slot_kind_name(c) == name) m.slot_kinds.push_back(c), found = true;
    if (!found) return bad("unknown slot kind \"" + name + "\"");
  }
  return m;
}

}  // namespace fusevm::jit
