// The C API's chunk builder and op lookups: fusevm_builder_* and fusevm_op_*.
#include <bit>
#include <limits>

#include "capi_internal.h"

using namespace fusevm;
using capi::guarded;
using capi::null_argument;
using capi::set_error;

namespace {

static_assert(FUSEVM_OP_COUNT_ == kOpCount, "the C op enum is generated from the same table");

fusevm_status check_op(const char* function, int op) {
  if (op < 0 || static_cast<size_t>(op) >= kOpCount)
    return set_error(FUSEVM_ERR_INVALID_ARGUMENT,
                     std::string(function) + ": no op has number " + std::to_string(op));
  return FUSEVM_OK;
}

fusevm_status emit_instr(fusevm_builder* builder, const Instr& ins, uint32_t line,
                         size_t* out_index) {
  const size_t index = builder->builder.emit(ins, line);
  if (out_index) *out_index = index;
  return FUSEVM_OK;
}

}  // namespace

extern "C" {

fusevm_status fusevm_op_from_name(const char* name, int* out_op) {
  return guarded("fusevm_op_from_name", [&] {
    if (!name) return null_argument("fusevm_op_from_name", "name");
    if (!out_op) return null_argument("fusevm_op_from_name", "out_op");
    std::optional<Op> op = fusevm::op_from_name(name);
    if (!op)
      return set_error(FUSEVM_ERR_INVALID_ARGUMENT,
                       std::string("fusevm_op_from_name: unknown op '") + name + "'");
    *out_op = static_cast<int>(*op);
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_op_name(int op, const char** out_name) {
  return guarded("fusevm_op_name", [&] {
    if (!out_name) return null_argument("fusevm_op_name", "out_name");
    if (fusevm_status s = check_op("fusevm_op_name", op)) return s;
    // The names are string literals from ops.def (#name), so they are NUL-terminated.
    *out_name = fusevm::op_name(static_cast<Op>(op)).data();
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_op_operand_count(int op, size_t* out_count) {
  return guarded("fusevm_op_operand_count", [&] {
    if (!out_count) return null_argument("fusevm_op_operand_count", "out_count");
    if (fusevm_status s = check_op("fusevm_op_operand_count", op)) return s;
    *out_count = op_info(static_cast<Op>(op)).operand_count;
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_builder_new(fusevm_builder** out_builder) {
  return guarded("fusevm_builder_new", [&] {
    if (!out_builder) return null_argument("fusevm_builder_new", "out_builder");
    *out_builder = nullptr;
    *out_builder = new fusevm_builder();
    return FUSEVM_OK;
  });
}

void fusevm_builder_free(fusevm_builder* builder) { delete builder; }

fusevm_status fusevm_builder_set_source(fusevm_builder* builder, const char* source) {
  return guarded("fusevm_builder_set_source", [&] {
    if (!builder) return null_argument("fusevm_builder_set_source", "builder");
    if (!source) return null_argument("fusevm_builder_set_source", "source");
    builder->builder.set_source(source);
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_builder_set_fusion(fusevm_builder* builder, int on) {
  return guarded("fusevm_builder_set_fusion", [&] {
    if (!builder) return null_argument("fusevm_builder_set_fusion", "builder");
    builder->fusion = on != 0;
    builder->builder.set_fusion(builder->fusion);
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_builder_add_name(fusevm_builder* builder, const char* name,
                                      uint16_t* out_index) {
  return guarded("fusevm_builder_add_name", [&] {
    if (!builder) return null_argument("fusevm_builder_add_name", "builder");
    if (!name) return null_argument("fusevm_builder_add_name", "name");
    if (!out_index) return null_argument("fusevm_builder_add_name", "out_index");
    *out_index = builder->builder.add_name(name);
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_builder_add_constant(fusevm_builder* builder, const fusevm_value* value,
                                          uint16_t* out_index) {
  return guarded("fusevm_builder_add_constant", [&] {
    if (!builder) return null_argument("fusevm_builder_add_constant", "builder");
    if (!value) return null_argument("fusevm_builder_add_constant", "value");
    if (!out_index) return null_argument("fusevm_builder_add_constant", "out_index");
    Result<Value> v = capi::value_from_view(value);
    if (!v.ok()) return set_error(v.status().prepend("fusevm_builder_add_constant"));
    *out_index = builder->builder.add_constant(std::move(v).value());
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_builder_emit(fusevm_builder* builder, int op, const int64_t* operands,
                                  size_t count, uint32_t line, size_t* out_index) {
  return guarded("fusevm_builder_emit", [&] {
    if (!builder) return null_argument("fusevm_builder_emit", "builder");
    if (fusevm_status s = check_op("fusevm_builder_emit", op)) return s;
    Instr ins(static_cast<Op>(op));
    const OpInfo& info = ins.info();
    const std::string where = "fusevm_builder_emit: " + std::string(info.name);
    if (count != info.operand_count)
      return set_error(FUSEVM_ERR_INVALID_ARGUMENT,
                       where + " takes " + std::to_string(info.operand_count) + " operand(s), not " +
                           std::to_string(count));
    if (count != 0 && !operands) return null_argument("fusevm_builder_emit", "operands");
    for (size_t i = 0; i < count; ++i) {
      const OperandKind kind = info.operands[i];
      const int64_t v = operands[i];
      if (operand_is_float(kind)) {
        ins.set_raw(i, std::bit_cast<uint64_t>(static_cast<double>(v)));
        continue;
      }
      // A negative jump target would wrap to a huge index: refuse it like any other misfit.
      if (!ins.fits(i, v) || (kind == OperandKind::Target && v < 0))
        return set_error(FUSEVM_ERR_INVALID_ARGUMENT,
                         where + " operand " + std::to_string(i) + " (" +
                             std::string(operand_kind_name(kind)) + "): " + std::to_string(v) +
                             " does not fit");
      ins.set_raw(i, static_cast<uint64_t>(v));
    }
    return emit_instr(builder, ins, line, out_index);
  });
}

fusevm_status fusevm_builder_emit_float(fusevm_builder* builder, int op, double operand,
                                        uint32_t line, size_t* out_index) {
  return guarded("fusevm_builder_emit_float", [&] {
    if (!builder) return null_argument("fusevm_builder_emit_float", "builder");
    if (fusevm_status s = check_op("fusevm_builder_emit_float", op)) return s;
    Instr ins(static_cast<Op>(op));
    const OpInfo& info = ins.info();
    if (info.operand_count != 1 || !operand_is_float(info.operands[0]))
      return set_error(FUSEVM_ERR_INVALID_ARGUMENT,
                       "fusevm_builder_emit_float: " + std::string(info.name) +
                           " does not take one float operand");
    ins.set_raw(0, std::bit_cast<uint64_t>(operand));
    return emit_instr(builder, ins, line, out_index);
  });
}

fusevm_status fusevm_builder_current_pos(const fusevm_builder* builder, size_t* out_pos) {
  return guarded("fusevm_builder_current_pos", [&] {
    if (!builder) return null_argument("fusevm_builder_current_pos", "builder");
    if (!out_pos) return null_argument("fusevm_builder_current_pos", "out_pos");
    *out_pos = builder->builder.current_pos();
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_builder_patch_jump(fusevm_builder* builder, size_t op_index, size_t target) {
  return guarded("fusevm_builder_patch_jump", [&] {
    if (!builder) return null_argument("fusevm_builder_patch_jump", "builder");
    // ChunkBuilder reports misuse (no such op, no target operand) as std::logic_error, which
    // guarded() turns into FUSEVM_ERR_INVALID_ARGUMENT with its message.
    builder->builder.patch_jump(op_index, target);
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_builder_add_sub_entry(fusevm_builder* builder, uint16_t name_index,
                                           size_t ip) {
  return guarded("fusevm_builder_add_sub_entry", [&] {
    if (!builder) return null_argument("fusevm_builder_add_sub_entry", "builder");
    builder->builder.add_sub_entry(name_index, ip);
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_builder_add_block_range(fusevm_builder* builder, size_t start, size_t end,
                                             uint16_t* out_index) {
  return guarded("fusevm_builder_add_block_range", [&] {
    if (!builder) return null_argument("fusevm_builder_add_block_range", "builder");
    if (!out_index) return null_argument("fusevm_builder_add_block_range", "out_index");
    *out_index = builder->builder.add_block_range(start, end);
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_builder_add_sub_chunk(fusevm_builder* builder, const fusevm_chunk* sub,
                                           uint16_t* out_index) {
  return guarded("fusevm_builder_add_sub_chunk", [&] {
    if (!builder) return null_argument("fusevm_builder_add_sub_chunk", "builder");
    if (!sub) return null_argument("fusevm_builder_add_sub_chunk", "sub");
    if (!out_index) return null_argument("fusevm_builder_add_sub_chunk", "out_index");
    *out_index = builder->builder.add_sub_chunk(sub->chunk.deep_copy());
    return FUSEVM_OK;
  });
}

fusevm_status fusevm_builder_build(fusevm_builder* builder, fusevm_chunk** out_chunk) {
  return guarded("fusevm_builder_build", [&] {
    if (out_chunk) *out_chunk = nullptr;
    if (!builder) return null_argument("fusevm_builder_build", "builder");
    if (!out_chunk) return null_argument("fusevm_builder_build", "out_chunk");
    auto chunk = std::make_unique<fusevm_chunk>();
    chunk->chunk = std::move(builder->builder).build();
    builder->builder = ChunkBuilder();
    builder->builder.set_fusion(builder->fusion);  // a setting, not content: it stays
    *out_chunk = chunk.release();
    return FUSEVM_OK;
  });
}

}  // extern "C"
