// Converting between Value and the C API's flat fusevm_value view.
#include "capi_internal.h"
#include "fusevm/formats.h"

namespace fusevm::capi {

// The C enum lists the variants in ValueType's order, so a view's type is a plain cast.
static_assert(FUSEVM_TYPE_STR == static_cast<int>(ValueType::Str));
static_assert(FUSEVM_TYPE_STATUS == static_cast<int>(ValueType::Status));
static_assert(FUSEVM_TYPE_NATIVE_FN == static_cast<int>(ValueType::NativeFn));

Result<Value> value_from_view(const fusevm_value* view) {
  const int type = enum_value(view->type);
  switch (type) {
    case FUSEVM_TYPE_UNDEF:
      return Value();
    case FUSEVM_TYPE_BOOL:
      return Value::boolean(view->i != 0);
    case FUSEVM_TYPE_INT:
      return Value::integer(view->i);
    case FUSEVM_TYPE_FLOAT:
      return Value::floating(view->f);
    case FUSEVM_TYPE_STR:
      if (view->str == nullptr && view->len != 0)
        return Status(ErrorCode::InvalidArgument, "a STR value has len > 0 and str NULL");
      return Value::string(std::string_view(view->len ? view->str : "", view->len));
    case FUSEVM_TYPE_STATUS:
      if (view->i < INT32_MIN || view->i > INT32_MAX)
        return Status(ErrorCode::InvalidArgument,
                      "a STATUS value must fit in 32 bits, not " + std::to_string(view->i));
      return Value::status(static_cast<int32_t>(view->i));
    case FUSEVM_TYPE_NATIVE_FN:
      if (view->i < 0 || view->i > UINT16_MAX)
        return Status(ErrorCode::InvalidArgument,
                      "a NATIVE_FN value must be a builtin id 0..65535, not " +
                          std::to_string(view->i));
      return Value::native_fn(static_cast<uint16_t>(view->i));
    case FUSEVM_TYPE_ARRAY:
    case FUSEVM_TYPE_HASH:
    case FUSEVM_TYPE_REF:
      // A view holds no elements to build a container from; fusevm_vm_push_array does.
      return Status(ErrorCode::InvalidArgument,
                    "containers cannot be passed as a fusevm_value (use fusevm_vm_push_array)");
  }
  return Status(ErrorCode::InvalidArgument,
                "unknown value type " + std::to_string(type));
}

void view_of(const Value& value, fusevm_value* out, std::string& storage) {
  *out = fusevm_value{};
  out->type = static_cast<fusevm_type>(value.type());
  switch (value.type()) {
    case ValueType::Undef:
      break;
    case ValueType::Bool:
      out->i = value.as_bool() ? 1 : 0;
      break;
    case ValueType::Int:
      out->i = value.as_int();
      break;
    case ValueType::Float:
      out->f = value.as_float();
      break;
    case ValueType::Status:
      out->i = value.as_status();
      break;
    case ValueType::NativeFn:
      out->i = value.as_native_fn();
      break;
    case ValueType::Str:
      // Copied rather than pointed at: the VM's string may be freed by the next op, and C wants
      // a NUL terminator that the VM's strings do not promise.
      storage.assign(value.as_str());
      out->str = storage.c_str();
      out->len = storage.size();
      break;
    case ValueType::Array:
    case ValueType::Hash:
    case ValueType::Ref: {
      if (!value.is_ref()) out->i = static_cast<int64_t>(value.len());
      // The Report style renders every value (NaN, invalid UTF-8) instead of failing.
      Result<std::string> json = value_to_json(value, ValueJsonStyle::Report);
      storage = json.ok() ? std::move(json).value() : std::string("null");
      out->str = storage.c_str();
      out->len = storage.size();
      break;
    }
  }
}

void arena_view(fusevm_vm* vm, const Value& value, fusevm_value* out) {
  if (value.is_str() || value.is_array() || value.is_hash() || value.is_ref()) {
    view_of(value, out, vm->arena.emplace_back());
  } else {
    std::string unused;
    view_of(value, out, unused);
  }
}

}  // namespace fusevm::capi
