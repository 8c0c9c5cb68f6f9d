// A trace's recipe (jit::TraceMetadata, the public form) to and from the recordings the trace
// tier builds from: for export and import, and for the code cache.
#pragma once

#include "fusevm/jit.h"
#include "jit/trace/build.h"

namespace fusevm::jit::trace {

inline TraceMetadata recipe_of(const Recording& main, const std::vector<SideRecording>& sides, uint64_t chunk_hash) {
  TraceMetadata m;
  m.chunk_hash = chunk_hash;
  m.anchor_ip = main.anchor;
  m.recorded_ips = main.ips;
  m.slot_kinds = main.slot_kinds;
  m.observed_kinds = main.observed;
  for (const SideRecording& s : sides) m.side_traces.push_back({s.parent_snap, s.ips, s.slot_kinds, s.observed});
  return m;
}

/// The recordings of `m` into `source` (whose chunk, subs and slot count the caller sets).
inline void recordings_of(const TraceMetadata& m, TraceSource& source) {
  source.recording.anchor = m.anchor_ip;
  source.recording.ips = m.recorded_ips;
  source.recording.slot_kinds = m.slot_kinds;
  source.recording.observed = m.observed_kinds;
  source.sides.clear();
  for (const SideTraceMetadata& s : m.side_traces)
    source.sides.push_back({s.exit, s.recorded_ips, s.slot_kinds, s.observed_kinds});
}

}  // namespace fusevm::jit::trace
