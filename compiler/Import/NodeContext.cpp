//===- NodeContext.cpp - attribute access and tensor conversion -----------===//

#include "compiler/Import/NodeContext.h"

#include "dialects/TFC/IR/TFCOps.h"

#include "compiler/Support/ResourceLimits.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"

#include <cstring>

using namespace mlir;
using namespace mlir::tfc;

Type mlir::tfc::convertDataType(MLIRContext *context,
                                tensorflow::DataType dtype) {
  Builder b(context);
  switch (dtype) {
  case tensorflow::DT_FLOAT:
    return b.getF32Type();
  case tensorflow::DT_DOUBLE:
    return b.getF64Type();
  case tensorflow::DT_HALF:
    return b.getF16Type();
  case tensorflow::DT_INT32:
    return b.getI32Type();
  case tensorflow::DT_INT64:
    return b.getI64Type();
  case tensorflow::DT_INT16:
    return b.getI16Type();
  case tensorflow::DT_INT8:
    return b.getI8Type();
  case tensorflow::DT_UINT8:
    return IntegerType::get(context, 8, IntegerType::Unsigned);
  // Quantized types are carried as their integer storage; Dequantize of a
  // constant is what graphs use them for (ImportNeuralNet.cpp).
  case tensorflow::DT_QUINT8:
    return IntegerType::get(context, 8, IntegerType::Unsigned);
  case tensorflow::DT_QINT8:
    return b.getI8Type();
  case tensorflow::DT_QINT32:
    return b.getI32Type();
  case tensorflow::DT_BOOL:
    return b.getI1Type();
  default:
    return nullptr;
  }
}

std::string mlir::tfc::dataTypeName(tensorflow::DataType dtype) {
  std::string name = tensorflow::DataType_Name(dtype);
  if (name.empty())
    return "dtype " + std::to_string(static_cast<int>(dtype));
  llvm::StringRef ref(name);
  ref.consume_front("DT_");
  return llvm::StringRef(ref).lower();
}

std::string mlir::tfc::elementTypeName(Type type) {
  if (type.isF32())
    return "float";
  if (type.isF64())
    return "double";
  if (type.isF16())
    return "half";
  if (type.isInteger(1))
    return "bool";
  if (type.isUnsignedInteger())
    return "uint" + std::to_string(type.getIntOrFloatBitWidth());
  if (type.isInteger())
    return "int" + std::to_string(type.getIntOrFloatBitWidth());
  std::string name;
  llvm::raw_string_ostream(name) << type;
  return name;
}

/// Appends `count` little-endian values of `bytes` bytes each.
template <typename T>
static void appendValues(std::vector<char> &raw, const T *values, int count) {
  size_t offset = raw.size();
  raw.resize(offset + count * sizeof(T));
  if (count)
    std::memcpy(raw.data() + offset, values, count * sizeof(T));
}

FailureOr<ElementsAttr>
mlir::tfc::convertTensorProto(const tensorflow::TensorProto &proto,
                              MLIRContext *context, int64_t maxBytes,
                              std::string &error) {
  Type elementType = convertDataType(context, proto.dtype());
  if (!elementType) {
    error =
        "tensors of type " + dataTypeName(proto.dtype()) + " are not supported";
    return failure();
  }
  SmallVector<int64_t> shape;
  if (proto.tensor_shape().unknown_rank()) {
    error = "constant tensor has an unknown rank";
    return failure();
  }
  for (const auto &dim : proto.tensor_shape().dim()) {
    if (dim.size() < 0) {
      error = "constant tensor has an unknown dimension";
      return failure();
    }
    shape.push_back(dim.size());
  }
  // Checked before any value is expanded: a few bytes of proto can declare
  // more elements than memory (or int64) holds.
  error = checkTensorSize(shape, storageBytes(elementType), maxBytes);
  if (!error.empty())
    return failure();
  int64_t numElements = *checkedElementCount(shape);
  auto type = RankedTensorType::get(shape, elementType);

  if (elementType.isInteger(1)) {
    // Bools: one byte each in tensor_content, bool_val otherwise.
    SmallVector<bool> values;
    if (!proto.tensor_content().empty()) {
      // Raw content is never padded, as for the other types.
      if (static_cast<int64_t>(proto.tensor_content().size()) != numElements) {
        error = "tensor_content holds " +
                std::to_string(proto.tensor_content().size()) +
                " bytes but the shape needs " + std::to_string(numElements);
        return failure();
      }
      for (char c : proto.tensor_content())
        values.push_back(c != 0);
    } else {
      for (bool v : proto.bool_val())
        values.push_back(v);
    }
    if (static_cast<int64_t>(values.size()) > numElements) {
      error = "constant has more values than its shape holds";
      return failure();
    }
    if (values.size() <= 1)
      return cast<ElementsAttr>(
          DenseElementsAttr::get(type, !values.empty() && values[0]));
    values.resize(numElements, values.back());
    return cast<ElementsAttr>(DenseElementsAttr::get(type, values));
  }

  size_t elementBytes = elementType.getIntOrFloatBitWidth() / 8;
  std::vector<char> raw;
  if (!proto.tensor_content().empty()) {
    raw.assign(proto.tensor_content().begin(), proto.tensor_content().end());
    if (raw.size() != static_cast<size_t>(numElements) * elementBytes) {
      error = "tensor_content holds " + std::to_string(raw.size()) +
              " bytes but the shape needs " +
              std::to_string(numElements * elementBytes);
      return failure();
    }
    return cast<ElementsAttr>(DenseElementsAttr::getFromRawBuffer(type, raw));
  }

  switch (proto.dtype()) {
  case tensorflow::DT_FLOAT:
    appendValues(raw, proto.float_val().data(), proto.float_val_size());
    break;
  case tensorflow::DT_DOUBLE:
    appendValues(raw, proto.double_val().data(), proto.double_val_size());
    break;
  case tensorflow::DT_INT32:
  case tensorflow::DT_QINT32:
    appendValues(raw, proto.int_val().data(), proto.int_val_size());
    break;
  case tensorflow::DT_INT64:
    appendValues(raw, proto.int64_val().data(), proto.int64_val_size());
    break;
  case tensorflow::DT_INT16:
  case tensorflow::DT_INT8:
  case tensorflow::DT_UINT8:
  case tensorflow::DT_QINT8:
  case tensorflow::DT_QUINT8:
  case tensorflow::DT_HALF: {
    // Narrow types (and half's bit patterns) are stored widened in int_val /
    // half_val; keep the low bytes.
    const auto &wide = proto.dtype() == tensorflow::DT_HALF ? proto.half_val()
                                                            : proto.int_val();
    for (int32_t v : wide) {
      char bytes[4];
      std::memcpy(bytes, &v, sizeof(v));
      raw.insert(raw.end(), bytes, bytes + elementBytes);
    }
    break;
  }
  default:
    error =
        "tensors of type " + dataTypeName(proto.dtype()) + " are not supported";
    return failure();
  }
  int64_t count = raw.size() / elementBytes;
  if (count > numElements) {
    error = "constant has " + std::to_string(count) +
            " values but its shape holds " + std::to_string(numElements);
    return failure();
  }
  if (count == 0)
    raw.assign(elementBytes, 0);
  // One value (or all values equal after padding) is a splat; otherwise pad
  // with the last value as TensorFlow does.
  if (count <= 1 || numElements == 0) {
    raw.resize(elementBytes);
    return cast<ElementsAttr>(DenseElementsAttr::getFromRawBuffer(type, raw));
  }
  std::vector<char> last(raw.end() - elementBytes, raw.end());
  while (static_cast<int64_t>(raw.size() / elementBytes) < numElements)
    raw.insert(raw.end(), last.begin(), last.end());
  return cast<ElementsAttr>(DenseElementsAttr::getFromRawBuffer(type, raw));
}

LogicalResult NodeContext::fail(const Twine &message) const {
  return emitError(loc, message);
}

LogicalResult NodeContext::expectInputs(size_t count) const {
  if (operands.size() == count)
    return success();
  return fail("expected " + Twine(count) + " data inputs, got " +
              Twine(operands.size()));
}

const tensorflow::AttrValue *NodeContext::findAttr(StringRef name) const {
  auto it = node.attr().find(std::string(name));
  return it == node.attr().end() ? nullptr : &it->second;
}

FailureOr<Type> NodeContext::getTypeAttr(StringRef name) const {
  const tensorflow::AttrValue *attr = findAttr(name);
  if (!attr || attr->value_case() != tensorflow::AttrValue::kType)
    return fail("missing type attribute '" + name + "'");
  Type type = convertDataType(builder.getContext(), attr->type());
  if (!type)
    return fail("type " + dataTypeName(attr->type()) +
                " is not supported (attribute '" + name + "')");
  return type;
}

FailureOr<bool> NodeContext::getBoolAttr(StringRef name,
                                         bool defaultValue) const {
  const tensorflow::AttrValue *attr = findAttr(name);
  if (!attr)
    return defaultValue;
  if (attr->value_case() != tensorflow::AttrValue::kB)
    return fail("attribute '" + name + "' must be a bool");
  return attr->b();
}

FailureOr<std::string>
NodeContext::getStringAttr(StringRef name, StringRef defaultValue) const {
  const tensorflow::AttrValue *attr = findAttr(name);
  if (!attr)
    return defaultValue.str();
  if (attr->value_case() != tensorflow::AttrValue::kS)
    return fail("attribute '" + name + "' must be a string");
  return attr->s();
}

FailureOr<int64_t> NodeContext::getIntAttr(StringRef name,
                                           int64_t defaultValue) const {
  const tensorflow::AttrValue *attr = findAttr(name);
  if (!attr)
    return defaultValue;
  if (attr->value_case() != tensorflow::AttrValue::kI)
    return fail("attribute '" + name + "' must be an int");
  return attr->i();
}

FailureOr<double> NodeContext::getFloatAttr(StringRef name,
                                            double defaultValue) const {
  const tensorflow::AttrValue *attr = findAttr(name);
  if (!attr)
    return defaultValue;
  if (attr->value_case() != tensorflow::AttrValue::kF)
    return fail("attribute '" + name + "' must be a float");
  return attr->f();
}

FailureOr<SmallVector<int64_t>>
NodeContext::getIntListAttr(StringRef name,
                            ArrayRef<int64_t> defaultValue) const {
  const tensorflow::AttrValue *attr = findAttr(name);
  if (!attr)
    return SmallVector<int64_t>(defaultValue);
  if (attr->value_case() != tensorflow::AttrValue::kList)
    return fail("attribute '" + name + "' must be a list of ints");
  return SmallVector<int64_t>(attr->list().i().begin(), attr->list().i().end());
}

FailureOr<SmallVector<std::string>>
NodeContext::getStringListAttr(StringRef name) const {
  const tensorflow::AttrValue *attr = findAttr(name);
  if (!attr)
    return SmallVector<std::string>{};
  if (attr->value_case() != tensorflow::AttrValue::kList)
    return fail("attribute '" + name + "' must be a list of strings");
  return SmallVector<std::string>(attr->list().s().begin(),
                                  attr->list().s().end());
}

FailureOr<ElementsAttr> NodeContext::getTensorAttr(StringRef name) const {
  const tensorflow::AttrValue *attr = findAttr(name);
  if (!attr || attr->value_case() != tensorflow::AttrValue::kTensor)
    return fail("missing tensor attribute '" + name + "'");
  std::string error;
  FailureOr<ElementsAttr> value = convertTensorProto(
      attr->tensor(), builder.getContext(), maxTensorBytes, error);
  if (failed(value))
    return fail(error);
  return value;
}

LogicalResult
NodeContext::expectOperandTypes(StringRef typeAttr,
                                ArrayRef<unsigned> indices) const {
  FailureOr<Type> expected = getTypeAttr(typeAttr);
  if (failed(expected))
    return failure();
  for (unsigned index : indices) {
    if (index >= operands.size())
      return fail("expected at least " + Twine(index + 1) + " data inputs");
    Type actual = cast<TensorType>(operands[index].getType()).getElementType();
    if (actual != *expected)
      return fail("input " + Twine(index) + " ('" + node.input(index) +
                  "') is " + elementTypeName(actual) + " but attribute " +
                  typeAttr + " says " + elementTypeName(*expected));
  }
  return success();
}

LogicalResult
NodeContext::expectBoolOperands(ArrayRef<unsigned> indices) const {
  for (unsigned index : indices) {
    if (index >= operands.size())
      return fail("expected at least " + Twine(index + 1) + " data inputs");
    Type type = cast<TensorType>(operands[index].getType()).getElementType();
    if (!type.isInteger(1))
      return fail("input " + Twine(index) + " must be bool, not " +
                  elementTypeName(type));
  }
  return success();
}

Value NodeContext::constantI64(ArrayRef<int64_t> values) const {
  auto type = RankedTensorType::get({static_cast<int64_t>(values.size())},
                                    builder.getI64Type());
  return ConstOp::create(builder, loc, DenseIntElementsAttr::get(type, values));
}

LogicalResult mlir::tfc::expectIndexType(NodeContext &ctx, StringRef attr,
                                         ArrayRef<unsigned> indices,
                                         bool hasDefault) {
  Type type = ctx.builder.getI32Type();
  if (ctx.hasAttr(attr) || !hasDefault) {
    FailureOr<Type> declared = ctx.getTypeAttr(attr);
    if (failed(declared))
      return failure();
    type = *declared;
  }
  if (!type.isInteger(32) && !type.isInteger(64))
    return ctx.fail(attr + " must be int32 or int64, got " +
                    elementTypeName(type));
  for (unsigned index : indices) {
    Type actual =
        cast<TensorType>(ctx.operands[index].getType()).getElementType();
    if (actual != type)
      return ctx.fail("input " + Twine(index) + " ('" + ctx.node.input(index) +
                      "') is " + elementTypeName(actual) + " but attribute " +
                      attr + " says " + elementTypeName(type));
  }
  return success();
}
