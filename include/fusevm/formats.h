// Reading and writing chunks: the original's serde JSON, our compact binary format (.fbc), and
// the text assembly format (.fvm). docs/formats.md describes each one.
//
// Every loader treats its input as hostile: it checks sizes before allocating, bounds nesting,
// never trusts a count it has not seen the bytes for, and reports a Status naming what is wrong
// and where (JSON path, byte offset, or line:column). No input makes a loader crash, hang or
// allocate more than a small multiple of the input size. The loaders check the shape of a chunk;
// whether its indices and stack use make sense is the verifier's job (verifier.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fusevm/chunk.h"
#include "fusevm/status.h"

namespace fusevm {

/// Bounds every loader enforces.
struct LoadLimits {
  /// Inputs larger than this are refused before parsing.
  size_t max_input_bytes = size_t{256} << 20;
  /// Deepest nesting of sub-chunks and container constants (arrays, hashes, refs), counted
  /// together: a constant of a sub-chunk nested d deep starts at depth d.
  uint32_t max_nesting = 256;
  /// Most sub-chunks one load may create, at all depths together. A sub-chunk costs a few
  /// hundred bytes in memory but only a few bytes in a file; this keeps that ratio harmless.
  uint32_t max_sub_chunks = 65536;
};

/// The three on-disk formats.
enum class ChunkFormat : uint8_t { Json, Binary, Text };

/// The format an extension names: .json, .fbc or .fvm (nullopt otherwise).
std::optional<ChunkFormat> format_from_path(const std::filesystem::path& path);

// ── JSON (the original's serde shape, ORIGINAL-BEHAVIOUR.md §4) ──

/// Parses a chunk in the original's serde JSON shape. `op_hash` members are ignored.
Result<Chunk> chunk_from_json(std::string_view json, const LoadLimits& limits = {});
/// Parses either a chunk or a conformance vector (an object whose "chunk" member is the chunk).
Result<Chunk> chunk_from_json_document(std::string_view json, const LoadLimits& limits = {});

/// How chunk_to_json lays out its text.
enum class JsonStyle : uint8_t {
  Compact,  ///< no whitespace (serde_json::to_string)
  Pretty,   ///< two-space indentation (serde_json::to_string_pretty)
};
/// Writes a chunk in the serde shape. Fails (Unrepresentable) for values JSON cannot carry:
/// non-finite floats and strings that are not valid UTF-8.
Result<std::string> chunk_to_json(const Chunk& chunk, JsonStyle style = JsonStyle::Compact);

/// How value_to_json renders what serde JSON cannot carry.
enum class ValueJsonStyle : uint8_t {
  Serde,   ///< the chunk format: non-finite floats and invalid UTF-8 are errors
  Report,  ///< results for people and tools (the conformance vectors' `value` shape): NaN and
           ///< infinities as the strings "NaN", "inf", "-inf"; hash keys sorted; invalid UTF-8
           ///< bytes replaced by U+FFFD
};
/// One value in the serde shape ({"Int": 5}, "Undef", {"Array": [...]}), compact.
Result<std::string> value_to_json(const Value& value, ValueJsonStyle style = ValueJsonStyle::Serde);
/// A string as a JSON string literal, invalid UTF-8 bytes replaced by U+FFFD.
std::string json_quote_lossy(std::string_view text);

// ── Binary (.fbc) ──

/// The first bytes of every binary chunk file.
inline constexpr char kBinaryMagic[8] = {'\x89', 'F', 'V', 'M', 'B', 'C', '\r', '\n'};
/// Bumped whenever the layout of the binary format changes.
inline constexpr uint32_t kBinaryFormatVersion = 1;

/// Encodes a chunk: a header (magic, format version, op-table hash, payload size, checksum)
/// followed by the payload.
std::vector<uint8_t> chunk_to_binary(const Chunk& chunk);
/// Decodes a binary chunk, refusing wrong magic, other versions or op tables, checksum
/// mismatches, truncation and trailing bytes.
Result<Chunk> chunk_from_binary(std::span<const uint8_t> bytes, const LoadLimits& limits = {});

// ── Text assembly (.fvm) ──

/// Assembles text. `source_name` is used in error messages ("file.fvm:3:7: ...") and becomes the
/// chunk's source when the text has no .source directive.
Result<Chunk> assemble(std::string_view text, std::string_view source_name,
                       const LoadLimits& limits = {});
/// Prints a chunk as text that assemble() turns back into an identical chunk.
std::string disassemble(const Chunk& chunk);
/// Each op of the chunk (not its sub-chunks) as disassemble() prints it, without its label:
/// mnemonic, operands (targets as `L<ip>`), then `  ; comment` when there is one. For tools that
/// lay the code out themselves, such as the control-flow graph (cfg.h).
std::vector<std::string> disassemble_ops(const Chunk& chunk);

// ── Files ──

/// Loads a chunk from a file in the format its extension names. A .json file may also be a
/// conformance vector.
Result<Chunk> load_chunk_file(const std::filesystem::path& path, const LoadLimits& limits = {});
/// Writes a chunk to a file in the format its extension names (atomically: a temporary file in
/// the same directory, then rename).
Status save_chunk_file(const Chunk& chunk, const std::filesystem::path& path);
/// Reads a whole file, refusing one larger than `max_bytes` before reading it.
Result<std::string> read_file_limited(const std::filesystem::path& path, size_t max_bytes);

}  // namespace fusevm
