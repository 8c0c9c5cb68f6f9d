// The C API's chunk handles: loading and saving in the three formats, verifying, copying.
#include <cstdlib>
#include <cstring>
#include <span>

#include "capi_internal.h"
#include "fusevm/formats.h"
#include "fusevm/verifier.h"

using namespace fusevm;
using capi::guarded;
using capi::null_argument;
using capi::set_error;

namespace {

fusevm_status hand_out(Result<Chunk> loaded, const char* function, fusevm_chunk** out_chunk) {
  if (!loaded.ok()) return set_error(loaded.status().prepend(function));
  auto handle = std::make_unique<fusevm_chunk>();
  handle->chunk = std::move(loaded).value();
  *out_chunk = handle.release();
  return FUSEVM_OK;
}

// The caller frees with fusevm_free (std::free), so the buffer must come from std::malloc.
fusevm_status copy_out(const void* bytes, size_t len, void** out_data, size_t* out_len) {
  char* buffer = static_cast<char*>(std::malloc(len + 1));
  if (!buffer) return set_error(FUSEVM_ERR_OUT_OF_MEMORY, "fusevm_chunk_save: out of memory");
  if (len) std::memcpy(buffer, bytes, len);
  buffer[len] = '\0';
  *out_data = buffer;
  *out_len = len;
  return FUSEVM_OK;
}

}  // namespace

extern "C" {

fusevm_status fusevm_chunk_load(const void* data, size_t len, fusevm_format format,
                                const char* source_name, fusevm_chunk** out_chunk) {
  return guarded("fusevm_chunk_load", [&] {
    if (!out_chunk) return null_argument("fusevm_chunk_load", "out_chunk");
    *out_chunk = nullptr;
    if (!data && len != 0) return null_argument("fusevm_chunk_load", "data");
    const char* bytes = len ? static_cast<const char*>(data) : "";
    const int fmt = capi::enum_value(format);
    switch (fmt) {
      case FUSEVM_FORMAT_JSON:
        return hand_out(chunk_from_json_document(std::string_view(bytes, len)),
                        "fusevm_chunk_load", out_chunk);
      case FUSEVM_FORMAT_BINARY:
        return hand_out(chunk_from_binary(std::span<const uint8_t>(
                            reinterpret_cast<const uint8_t*>(bytes), len)),
                        "fusevm_chunk_load", out_chunk);
      case FUSEVM_FORMAT_TEXT:
        return hand_out(assemble(std::string_view(bytes, len), source_name ? source_name : "<text>"),
                        "fusevm_chunk_load", out_chunk);
    }
    return set_error(FUSEVM_ERR_INVALID_ARGUMENT,
                     "fusevm_chunk_load: unknown format " + std::to_string(fmt));
  });
}

fusevm_status fusevm_chunk_load_file(const char* path, fusevm_chunk** out_chunk) {
  return guarded("fusevm_chunk_load_file", [&] {
    if (!out_chunk) return null_argument("fusevm_chunk_load_file", "out_chunk");
    *out_chunk = nullptr;
    if (!path) return null_argument("fusevm_chunk_load_file", "path");
    return hand_out(load_chunk_file(path), "fusevm_chunk_load_file", out_chunk);
  });
}

fusevm_status fusevm_chunk_save(const fusevm_chunk* chunk, fusevm_format format, void** out_data,
                                size_t* out_len) {
  return guarded("fusevm_chunk_save", [&] {
    if (out_data) *out_data = nullptr;
    if (out_len) *out_len = 0;
    if (!chunk) return null_argument("fusevm_chunk_save", "chunk");
    if (!out_data) return null_argument("fusevm_chunk_save", "out_data");
    if (!out_len) return null_argument("fusevm_chunk_save", "out_len");
    const int fmt = capi::enum_value(format);
    switch (fmt) {
      case FUSEVM_FORMAT_JSON: {
        Result<std::string> json = chunk_to_json(chunk->chunk);
        if (!json.ok()) return set_error(json.status().prepend("fusevm_chunk_save"));
        return copy_out(json->data(), json->size(), out_data, out_len);
      }
      case FUSEVM_FORMAT_BINARY: {
        std::vector<uint8_t> bytes = chunk_to_binary(chunk->chunk);
        return copy_out(bytes.data(), bytes.size(), out_data, out_len);
      }
      case FUSEVM_FORMAT_TEXT: {
        std::string text = disassemble(chunk->chunk);
        return copy_out(text.data(), text.size(), out_data, out_len);
      }
    }
    return set_error(FUSEVM_ERR_INVALID_ARGUMENT,
                     "fusevm_chunk_save: unknown format " + std::to_string(fmt));
  });
}

fusevm_status fusevm_chunk_save_file(const fusevm_chunk* chunk, const char* path) {
  return guarded("fusevm_chunk_save_file", [&] {
    if (!chunk) return null_argument("fusevm_chunk_save_file", "chunk");
    if (!path) return null_argument("fusevm_chunk_save_file", "path");
    Status status = save_chunk_file(chunk->chunk, path);
    if (!status.ok()) return set_error(status.prepend("fusevm_chunk_save_file"));
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_chunk_verify(const fusevm_chunk* chunk) {
  return guarded("fusevm_chunk_verify", [&] {
    if (!chunk) return null_argument("fusevm_chunk_verify", "chunk");
    VerifyReport report = verify_chunk(chunk->chunk);
    if (report.ok()) return FUSEVM_OK;
    std::string errors;
    for (const Diagnostic& d : report.diagnostics) {
      if (d.severity != Severity::Error) continue;
      if (!errors.empty()) errors += '\n';
      errors += d.message;
    }
    return set_error(FUSEVM_ERR_VERIFY_FAILED, errors);
  });
}

fusevm_status fusevm_chunk_op_count(const fusevm_chunk* chunk, size_t* out_count) {
  return guarded("fusevm_chunk_op_count", [&] {
    if (!chunk) return null_argument("fusevm_chunk_op_count", "chunk");
    if (!out_count) return null_argument("fusevm_chunk_op_count", "out_count");
    *out_count = chunk->chunk.ops.size();
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_chunk_clone(const fusevm_chunk* chunk, fusevm_chunk** out_chunk) {
  return guarded("fusevm_chunk_clone", [&] {
    if (out_chunk) *out_chunk = nullptr;
    if (!chunk) return null_argument("fusevm_chunk_clone", "chunk");
    if (!out_chunk) return null_argument("fusevm_chunk_clone", "out_chunk");
    auto copy = std::make_unique<fusevm_chunk>();
    copy->chunk = chunk->chunk.deep_copy();
    *out_chunk = copy.release();
    return FUSEVM_OK;
  });
}

void fusevm_chunk_free(fusevm_chunk* chunk) { delete chunk; }

}  // extern "C"
