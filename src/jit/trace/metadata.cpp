// TraceMetadata as JSON (jit.h). Built with or without the JIT: a recipe can be read and written
// anywhere, and only compiling it needs the JIT.
#include <nlohmann/json.hpp>

#include <cinttypes>
#include <cstdio>

#include "fusevm/jit.h"

namespace fusevm::jit {

namespace {

nlohmann::json kinds_json(const std::vector<SlotKind>& kinds) {
  nlohmann::json out = nlohmann::json::array();
  for (SlotKind k : kinds) out.push_back(std::string(slot_kind_name(k)));
  return out;
}

std::string read_kinds(const nlohmann::json& list, std::vector<SlotKind>& kinds) {
  for (const auto& k : list) {
    if (!k.is_string()) return "slot_kinds holds a non-string";
    const std::string name = k;
    bool found = false;
    for (SlotKind c : {SlotKind::Undef, SlotKind::Bool, SlotKind::Int, SlotKind::Float, SlotKind::Other})
      if (slot_kind_name(c) == name) kinds.push_back(c), found = true;
    if (!found) return "unknown slot kind \"" + name + "\"";
  }
  return "";
}

// "recorded_ips", "slot_kinds" and "observed_kinds" of `j`; an error text, or "".
std::string read_path(const nlohmann::json& j, std::vector<uint32_t>& ips, std::vector<SlotKind>& kinds,
                      std::vector<SlotKind>& observed) {
  if (!j.contains("recorded_ips") || !j["recorded_ips"].is_array()) return "recorded_ips must be an array";
  for (const auto& ip : j["recorded_ips"]) {
    if (!ip.is_number_unsigned() || ip.get<uint64_t>() > UINT32_MAX) return "recorded_ips holds a non-ip";
    ips.push_back(ip.get<uint32_t>());
  }
  if (!j.contains("slot_kinds") || !j["slot_kinds"].is_array()) return "slot_kinds must be an array";
  if (std::string why = read_kinds(j["slot_kinds"], kinds); !why.empty()) return why;
  if (!j.contains("observed_kinds")) return "";  // optional: a recipe that reads no array
  if (!j["observed_kinds"].is_array()) return "observed_kinds must be an array";
  return read_kinds(j["observed_kinds"], observed);
}

}  // namespace

std::string trace_metadata_to_json(const TraceMetadata& meta) {
  nlohmann::json j;
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016" PRIx64, meta.chunk_hash);  // exact: no 2^53 limit
  j["chunk_hash"] = hash;
  j["anchor_ip"] = meta.anchor_ip;
  j["recorded_ips"] = meta.recorded_ips;
  j["slot_kinds"] = kinds_json(meta.slot_kinds);
  j["observed_kinds"] = kinds_json(meta.observed_kinds);
  nlohmann::json sides = nlohmann::json::array();
  for (const SideTraceMetadata& s : meta.side_traces)
    sides.push_back({{"exit", s.exit},
                     {"recorded_ips", s.recorded_ips},
                     {"slot_kinds", kinds_json(s.slot_kinds)},
                     {"observed_kinds", kinds_json(s.observed_kinds)}});
  j["side_traces"] = sides;
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
  if (std::string why = read_path(j, m.recorded_ips, m.slot_kinds, m.observed_kinds); !why.empty()) return bad(why);
  if (j.contains("side_traces")) {  // optional: recipes written before side traces have none
    if (!j["side_traces"].is_array()) return bad("side_traces must be an array");
    for (const auto& s : j["side_traces"]) {
      if (!s.is_object() || !s.contains("exit") || !s["exit"].is_number_unsigned() ||
          s["exit"].get<uint64_t>() > UINT32_MAX)
        return bad("a side trace needs the exit it grows from");
      SideTraceMetadata side;
      side.exit = s["exit"].get<uint32_t>();
      if (std::string why = read_path(s, side.recorded_ips, side.slot_kinds, side.observed_kinds); !why.empty())
        return bad("side trace: " + why);
      m.side_traces.push_back(std::move(side));
    }
  }
  return m;
}

}  // namespace fusevm::jit
