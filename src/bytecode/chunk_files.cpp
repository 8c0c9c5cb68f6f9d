// Loading and saving chunk files in the format their extension names.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <system_error>

#include "fusevm/formats.h"

namespace fusevm {

std::optional<ChunkFormat> format_from_path(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".json") return ChunkFormat::Json;
  if (ext == ".fbc") return ChunkFormat::Binary;
  if (ext == ".fvm") return ChunkFormat::Text;
  return std::nullopt;
}

Result<std::string> read_file_limited(const std::filesystem::path& path, size_t max_bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return Result<std::string>(ErrorCode::IoError, path.string() + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Result<std::string>(ErrorCode::IoError,
                               path.string() + ": cannot open (" + std::strerror(errno) + ")");
  // Read at most max_bytes + 1 so an oversized file (or an endless one, like a pipe) is refused
  // without reading all of it.
  std::string data;
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    data.append(buf, static_cast<size_t>(in.gcount()));
    if (data.size() > max_bytes)
      return Result<std::string>(ErrorCode::LimitExceeded,
                                 path.string() + ": larger than the " + std::to_string(max_bytes) +
                                     "-byte limit (LoadLimits::max_input_bytes)");
  }
  if (in.bad()) return Result<std::string>(ErrorCode::IoError, path.string() + ": read error");
  return data;
}

Result<Chunk> load_chunk_file(const std::filesystem::path& path, const LoadLimits& limits) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return Result<Chunk>(ErrorCode::IoError, path.string() + ": is a directory");
  auto format = format_from_path(path);
  if (!format)
    return Result<Chunk>(ErrorCode::InvalidArgument,
                         path.string() + ": unknown extension (expected .json, .fbc or .fvm)");
  FUSEVM_ASSIGN_OR_RETURN(std::string data, read_file_limited(path, limits.max_input_bytes));
  Result<Chunk> chunk = Result<Chunk>(ErrorCode::InvalidArgument, "unreachable");
  switch (*format) {
    case ChunkFormat::Json:
      chunk = chunk_from_json_document(data, limits);
      break;
    case ChunkFormat::Binary:
      chunk = chunk_from_binary(
          std::span(reinterpret_cast<const uint8_t*>(data.data()), data.size()), limits);
      break;
    case ChunkFormat::Text:
      return assemble(data, path.string(), limits);  // messages already name the file
  }
  if (!chunk.ok()) {
    Status s = chunk.status();
    s.prepend(path.string());
    return s;
  }
  return chunk;
}

Status save_chunk_file(const Chunk& chunk, const std::filesystem::path& path) {
  auto format = format_from_path(path);
  if (!format)
    return Status(ErrorCode::InvalidArgument,
                  path.string() + ": unknown extension (expected .json, .fbc or .fvm)");
  std::string data;
  switch (*format) {
    case ChunkFormat::Json: {
      FUSEVM_ASSIGN_OR_RETURN(data, chunk_to_json(chunk, JsonStyle::Pretty));
      break;
    }
    case ChunkFormat::Binary: {
      std::vector<uint8_t> bytes = chunk_to_binary(chunk);
      data.assign(reinterpret_cast<const char*>(bytes.data()), bytes.size());
      break;
    }
    case ChunkFormat::Text:
      data = disassemble(chunk);
      break;
  }
  // Write next to the target and rename, so a reader never sees a half-written file.
  std::filesystem::path tmp = path;
  tmp += ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out)
      return Status(ErrorCode::IoError, tmp.string() + ": cannot create (" + std::strerror(errno) + ")");
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.close();
    if (!out) {
      std::remove(tmp.c_str());
      return Status(ErrorCode::IoError, tmp.string() + ": write failed");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    return Status(ErrorCode::IoError, path.string() + ": " + ec.message());
  }
  return Status();
}

}  // namespace fusevm
