//===- TFCDataMovementOps.cpp - data movement op semantics ----------------===//
//
// Type inference, verifiers and folders of the data movement ops
// (TFCDataMovementOps.td). Inference and verification follow TensorFlow's
// shape functions and kernels (array_ops.cc, strided_slice_op.cc): what is
// known is computed exactly, the rest stays dynamic. The folders are what
// turns Keras' run-time shape arithmetic (Shape -> StridedSlice -> Pack ->
// Reshape) into constants once the feeds' shapes are known; they work on
// N-D constants of any element type, so constant weights fold too.
//
//===----------------------------------------------------------------------===//

#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/APSInt.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::tfc;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {

/// The values of an integer constant attribute, or nullopt.
std::optional<SmallVector<int64_t>> getInts(Attribute attr) {
  auto ints = dyn_cast_if_present<DenseIntElementsAttr>(attr);
  if (!ints)
    return std::nullopt;
  SmallVector<int64_t> values;
  for (const APInt &value : ints.getValues<APInt>())
    values.push_back(value.getSExtValue());
  return values;
}

/// `axis` moved into [0, rank) if it is in [-rank, rank), else nullopt.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}

/// The static length of a 1-D operand, or nullopt.
std::optional<int64_t> staticLength(Value value) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getRank() != 1 || type.isDynamicDim(0))
    return std::nullopt;
  return type.getDimSize(0);
}

Type elementTypeOf(Value value) {
  return cast<TensorType>(value.getType()).getElementType();
}

SmallVector<int64_t> dynamicDims(int64_t rank) {
  return SmallVector<int64_t>(rank, ShapedType::kDynamic);
}

/// Row-major strides of `shape` in elements.
SmallVector<int64_t> rowMajorStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t dim = static_cast<int64_t>(shape.size()) - 2; dim >= 0; --dim)
    strides[dim] = strides[dim + 1] * shape[dim + 1];
  return strides;
}

/// Calls `fn` with every index of `shape`, in row-major order.
void forEachIndex(ArrayRef<int64_t> shape,
                  function_ref<void(ArrayRef<int64_t>)> fn) {
  for (int64_t size : shape)
    if (size == 0)
      return;
  SmallVector<int64_t> index(shape.size(), 0);
  while (true) {
    fn(index);
    int64_t dim = static_cast<int64_t>(shape.size()) - 1;
    for (; dim >= 0; --dim) {
      if (++index[dim] < shape[dim])
        break;
      index[dim] = 0;
    }
    if (dim < 0)
      return;
  }
}

/// Elements of constants laid out flat, one fixed-size slot per element
/// (bools take a byte: DenseElementsAttr packs them as bits), so that the
/// folders move elements of every type with the same index arithmetic.
class FlatElements {
public:
  explicit FlatElements(Type elementType)
      : elementType(elementType),
        width(elementType.isInteger(1)
                  ? 1
                  : llvm::divideCeil(elementType.getIntOrFloatBitWidth(), 8)) {}

  /// Appends the elements of `attr` in row-major order (a splat expanded);
  /// returns the flat index of the first one.
  int64_t append(DenseElementsAttr attr) {
    int64_t first = size();
    int64_t count = attr.getNumElements();
    if (elementType.isInteger(1)) {
      for (bool value : attr.getValues<bool>())
        bytes.push_back(value);
      return first;
    }
    ArrayRef<char> raw = attr.getRawData();
    if (attr.isSplat()) {
      for (int64_t i = 0; i < count; ++i)
        bytes.append(raw.begin(), raw.begin() + width);
    } else {
      bytes.append(raw.begin(), raw.end());
    }
    return first;
  }

  int64_t size() const { return bytes.size() / width; }

  /// A constant of `type` whose element i is the element at flat index
  /// `indices[i]` here.
  DenseElementsAttr gather(RankedTensorType type,
                           ArrayRef<int64_t> indices) const {
    if (elementType.isInteger(1)) {
      SmallVector<bool> values;
      for (int64_t index : indices)
        values.push_back(bytes[index] != 0);
      return DenseElementsAttr::get(type, values);
    }
    SmallVector<char> raw;
    raw.reserve(indices.size() * width);
    for (int64_t index : indices)
      raw.append(bytes.begin() + index * width,
                 bytes.begin() + (index + 1) * width);
    return DenseElementsAttr::getFromRawBuffer(type, raw);
  }

private:
  Type elementType;
  size_t width;
  SmallVector<char> bytes;
};

/// The operand attributes as dense constants, or an empty vector if any is
/// not one.
SmallVector<DenseElementsAttr> getDenseOperands(ArrayRef<Attribute> attrs) {
  SmallVector<DenseElementsAttr> dense;
  for (Attribute attr : attrs) {
    auto elements = dyn_cast_if_present<DenseElementsAttr>(attr);
    if (!elements)
      return {};
    dense.push_back(elements);
  }
  return dense;
}

} // namespace

std::optional<SmallVector<int64_t>> mlir::tfc::getConstantInts(Value value) {
  DenseIntElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  return getInts(attr);
}

//===----------------------------------------------------------------------===//
// ReshapeOp
//===----------------------------------------------------------------------===//

/// The shape a Reshape produces: dims of the constant shape operand with -1
/// resolved, or all-dynamic dims of the right rank when the shape is not a
/// constant. Returns an error message for shapes TensorFlow rejects.
static FailureOr<SmallVector<int64_t>>
reshapeResultDims(TensorType inputType, Value shape, std::string &error) {
  auto shapeType = cast<TensorType>(shape.getType());
  if (shapeType.hasRank() && shapeType.getRank() != 1) {
    error =
        "shape must be 1-D, got rank " + std::to_string(shapeType.getRank());
    return failure();
  }
  DenseIntElementsAttr shapeAttr;
  if (!matchPattern(shape, m_Constant(&shapeAttr))) {
    if (!shapeType.hasStaticShape())
      return failure(); // Unknown rank; not an error.
    return SmallVector<int64_t>(shapeType.getDimSize(0), ShapedType::kDynamic);
  }
  SmallVector<int64_t> dims;
  int64_t inferredIndex = -1, knownProduct = 1;
  for (auto [index, value] : llvm::enumerate(shapeAttr.getValues<APInt>())) {
    int64_t dim = value.getSExtValue();
    if (dim == -1) {
      if (inferredIndex >= 0) {
        error = "shape has more than one -1";
        return failure();
      }
      inferredIndex = index;
    } else if (dim < 0) {
      error = "shape has a negative size " + std::to_string(dim);
      return failure();
    } else if (llvm::MulOverflow(knownProduct, dim, knownProduct)) {
      error = "shape's element count overflows int64";
      return failure();
    }
    dims.push_back(dim);
  }
  if (inferredIndex < 0)
    return dims;
  dims[inferredIndex] = ShapedType::kDynamic;
  auto rankedInput = dyn_cast<RankedTensorType>(inputType);
  if (rankedInput && rankedInput.hasStaticShape()) {
    int64_t total = rankedInput.getNumElements();
    if (knownProduct == 0 || total % knownProduct != 0) {
      error = "cannot reshape " + std::to_string(total) +
              " elements so that the -1 size is whole";
      return failure();
    }
    dims[inferredIndex] = total / knownProduct;
  }
  return dims;
}

LogicalResult ReshapeOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location>,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  auto inputType = cast<TensorType>(adaptor.getTensor().getType());
  std::string error;
  FailureOr<SmallVector<int64_t>> dims =
      reshapeResultDims(inputType, adaptor.getShape(), error);
  if (failed(dims))
    inferred.push_back(UnrankedTensorType::get(inputType.getElementType()));
  else
    inferred.push_back(
        RankedTensorType::get(*dims, inputType.getElementType()));
  return success();
}

LogicalResult ReshapeOp::verify() {
  std::string error;
  if (failed(reshapeResultDims(getTensor().getType(), getShape(), error)) &&
      !error.empty())
    return emitOpError(error);
  auto inputType = dyn_cast<RankedTensorType>(getTensor().getType());
  auto outputType = dyn_cast<RankedTensorType>(getOutput().getType());
  if (inputType && outputType && inputType.hasStaticShape() &&
      outputType.hasStaticShape() &&
      inputType.getNumElements() != outputType.getNumElements())
    return emitOpError("cannot reshape a tensor of ")
           << inputType.getNumElements() << " elements into one of "
           << outputType.getNumElements();
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  auto outputType = dyn_cast<RankedTensorType>(getType());
  if (outputType && outputType.hasStaticShape() &&
      getTensor().getType() == outputType)
    return getTensor();
  auto input = dyn_cast_if_present<DenseElementsAttr>(adaptor.getTensor());
  if (input && outputType && outputType.hasStaticShape())
    return input.reshape(outputType);
  return {};
}

//===----------------------------------------------------------------------===//
// PadOp
//===----------------------------------------------------------------------===//

/// The size of dimension `dim` of `shape` once padded, or nullopt when it
/// does not fit in int64 (paddings come from the GraphDef).
static std::optional<int64_t>
paddedSize(ArrayRef<int64_t> shape, ArrayRef<int64_t> paddings, int64_t dim) {
  std::optional<int64_t> size = llvm::checkedAdd(shape[dim], paddings[2 * dim]);
  return size ? llvm::checkedAdd(*size, paddings[2 * dim + 1]) : size;
}

/// Checks constant paddings against the input's shape; returns an error
/// message or the empty string.
static std::string checkPaddings(ArrayRef<int64_t> paddings,
                                 ArrayRef<int64_t> shape) {
  int64_t rank = shape.size();
  if (static_cast<int64_t>(paddings.size()) != 2 * rank)
    return "paddings must have shape [" + std::to_string(rank) +
           ", 2] (one [before, after] pair per input dimension), got " +
           std::to_string(paddings.size()) + " values";
  for (auto [index, value] : llvm::enumerate(paddings))
    if (value < 0)
      return "paddings must not be negative, got " + std::to_string(value) +
             " at [" + std::to_string(index / 2) + ", " +
             std::to_string(index % 2) + "]";
  for (int64_t dim = 0; dim < rank; ++dim)
    if (!ShapedType::isDynamic(shape[dim]) && !paddedSize(shape, paddings, dim))
      return "paddings of dimension " + std::to_string(dim) +
             " make a size that does not fit in 64 bits";
  return "";
}

/// The padded type of Pad and MirrorPad.
static Type inferPaddedType(Value input, Value paddings) {
  auto inputType = cast<TensorType>(input.getType());
  Type elementType = inputType.getElementType();
  auto paddingsType = cast<TensorType>(paddings.getType());
  int64_t rank = ShapedType::kDynamic;
  if (inputType.hasRank())
    rank = inputType.getRank();
  else if (paddingsType.hasRank() && paddingsType.getRank() == 2 &&
           !paddingsType.isDynamicDim(0))
    rank = paddingsType.getDimSize(0);
  if (ShapedType::isDynamic(rank))
    return UnrankedTensorType::get(elementType);
  SmallVector<int64_t> dims = dynamicDims(rank);
  std::optional<SmallVector<int64_t>> values = getConstantInts(paddings);
  if (inputType.hasRank() && values &&
      checkPaddings(*values, inputType.getShape()).empty())
    for (int64_t dim = 0; dim < rank; ++dim)
      if (!inputType.isDynamicDim(dim))
        dims[dim] = *paddedSize(inputType.getShape(), *values, dim);
  return RankedTensorType::get(dims, elementType);
}

/// The paddings checks Pad and MirrorPad share.
static LogicalResult verifyPaddings(Operation *op, Value input,
                                    Value paddings) {
  auto inputType = dyn_cast<RankedTensorType>(input.getType());
  auto paddingsType = dyn_cast<RankedTensorType>(paddings.getType());
  if (paddingsType &&
      (paddingsType.getRank() != 2 ||
       (!paddingsType.isDynamicDim(1) && paddingsType.getDimSize(1) != 2) ||
       (inputType && !paddingsType.isDynamicDim(0) &&
        paddingsType.getDimSize(0) != inputType.getRank())))
    return op->emitOpError("paddings must have shape [")
           << (inputType ? std::to_string(inputType.getRank()) : "rank")
           << ", 2], got " << paddingsType;
  std::optional<SmallVector<int64_t>> values = getConstantInts(paddings);
  if (inputType && values) {
    std::string error = checkPaddings(*values, inputType.getShape());
    if (!error.empty())
      return op->emitOpError(error);
  }
  return success();
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  inferred.push_back(
      inferPaddedType(adaptor.getInput(), adaptor.getPaddings()));
  return success();
}

LogicalResult PadOp::verify() {
  if (Value value = getConstantValues()) {
    if (elementTypeOf(value) != elementTypeOf(getInput()))
      return emitOpError("constant_values must have the input's element "
                         "type, got ")
             << value.getType();
    auto valueType = dyn_cast<RankedTensorType>(value.getType());
    if (valueType && valueType.getRank() != 0)
      return emitOpError("constant_values must be a scalar, got ") << valueType;
  }
  return verifyPaddings(*this, getInput(), getPaddings());
}

LogicalResult MirrorPadOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location>,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  inferred.push_back(
      inferPaddedType(adaptor.getInput(), adaptor.getPaddings()));
  return success();
}

/// Beyond Pad's checks: a side's padding may not exceed the dimension (less
/// one for REFLECT, which does not repeat the edge).
LogicalResult MirrorPadOp::verify() {
  if (failed(verifyPaddings(*this, getInput(), getPaddings())))
    return failure();
  auto inputType = dyn_cast<RankedTensorType>(getInput().getType());
  std::optional<SmallVector<int64_t>> values = getConstantInts(getPaddings());
  if (!inputType || !values)
    return success();
  int64_t edge = getMode() == MirrorPadMode::Reflect ? 1 : 0;
  for (int64_t dim = 0; dim < inputType.getRank(); ++dim) {
    if (inputType.isDynamicDim(dim))
      continue;
    int64_t limit = inputType.getDimSize(dim) - edge;
    for (int side = 0; side < 2; ++side)
      if ((*values)[2 * dim + side] > limit)
        return emitOpError("padding ")
               << (*values)[2 * dim + side] << " of dimension " << dim
               << " exceeds " << limit << " for "
               << stringifyMirrorPadMode(getMode()) << " on a size of "
               << inputType.getDimSize(dim);
  }
  return success();
}

OpFoldResult PadOp::fold(FoldAdaptor adaptor) {
  std::optional<SmallVector<int64_t>> paddings = getInts(adaptor.getPaddings());
  if (!paddings)
    return {};
  if (llvm::all_of(*paddings, [](int64_t p) { return p == 0; }) &&
      getInput().getType() == getType())
    return getInput();
  auto input = dyn_cast_if_present<DenseElementsAttr>(adaptor.getInput());
  if (!input || !checkPaddings(*paddings, input.getType().getShape()).empty())
    return {};
  Type elementType = input.getElementType();
  DenseElementsAttr padValue;
  if (getConstantValues()) {
    padValue =
        dyn_cast_if_present<DenseElementsAttr>(adaptor.getConstantValues());
    if (!padValue || padValue.getNumElements() != 1)
      return {};
  } else {
    padValue =
        DenseElementsAttr::get(RankedTensorType::get({}, elementType),
                               Builder(getContext()).getZeroAttr(elementType));
  }
  FlatElements flat(elementType);
  flat.append(input);
  int64_t padIndex = flat.append(padValue);

  ArrayRef<int64_t> inputShape = input.getType().getShape();
  SmallVector<int64_t> inputStrides = rowMajorStrides(inputShape);
  SmallVector<int64_t> shape;
  for (auto [dim, size] : llvm::enumerate(inputShape))
    shape.push_back(size + (*paddings)[2 * dim] + (*paddings)[2 * dim + 1]);
  SmallVector<int64_t> indices;
  forEachIndex(shape, [&](ArrayRef<int64_t> index) {
    int64_t source = 0;
    for (auto [dim, position] : llvm::enumerate(index)) {
      int64_t inner = position - (*paddings)[2 * dim];
      if (inner < 0 || inner >= inputShape[dim]) {
        indices.push_back(padIndex);
        return;
      }
      source += inner * inputStrides[dim];
    }
    indices.push_back(source);
  });
  return flat.gather(RankedTensorType::get(shape, elementType), indices);
}

//===----------------------------------------------------------------------===//
// ConcatV2Op
//===----------------------------------------------------------------------===//

LogicalResult ConcatV2Op::inferReturnTypes(MLIRContext *context,
                                           std::optional<Location>,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &inferred) {
  ValueRange values = adaptor.getValues();
  if (values.empty()) {
    // Invalid (the verifier says so); any type will do.
    inferred.push_back(UnrankedTensorType::get(Float32Type::get(context)));
    return success();
  }
  Type elementType = elementTypeOf(values.front());
  RankedTensorType first;
  for (Value value : values)
    if ((first = dyn_cast<RankedTensorType>(value.getType())))
      break;
  if (!first) {
    inferred.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  int64_t rank = first.getRank();
  std::optional<SmallVector<int64_t>> axisValues =
      getConstantInts(adaptor.getAxis());
  std::optional<int64_t> axis;
  if (axisValues && axisValues->size() == 1)
    axis = normalizeAxis(axisValues->front(), rank);
  if (!axis) {
    inferred.push_back(RankedTensorType::get(dynamicDims(rank), elementType));
    return success();
  }
  // Sizes off the axis are shared (take any static one); along the axis
  // they add up.
  SmallVector<int64_t> dims = dynamicDims(rank);
  int64_t total = 0;
  for (Value value : values) {
    auto type = dyn_cast<RankedTensorType>(value.getType());
    if (!type || type.getRank() != rank) {
      total = ShapedType::kDynamic;
      continue;
    }
    for (int64_t dim = 0; dim < rank; ++dim)
      if (dim != *axis && ShapedType::isDynamic(dims[dim]))
        dims[dim] = type.getDimSize(dim);
    if (type.isDynamicDim(*axis) || ShapedType::isDynamic(total))
      total = ShapedType::kDynamic;
    else
      total += type.getDimSize(*axis);
  }
  dims[*axis] = total;
  inferred.push_back(RankedTensorType::get(dims, elementType));
  return success();
}

/// Checks the operand list of ConcatV2 and Pack: not empty, one element
/// type; sets `first` (and `firstIndex`) to the first ranked value and runs
/// `agrees` on every later ranked value.
static LogicalResult
verifyValueList(Operation *op, ValueRange values, RankedTensorType &first,
                int64_t &firstIndex,
                function_ref<LogicalResult(RankedTensorType, int64_t)> agrees) {
  if (values.empty())
    return op->emitOpError("needs at least one value");
  Type elementType = elementTypeOf(values.front());
  for (auto [index, value] : llvm::enumerate(values)) {
    if (elementTypeOf(value) != elementType)
      return op->emitOpError("values have different element types: ")
             << elementType << " and " << elementTypeOf(value);
    auto type = dyn_cast<RankedTensorType>(value.getType());
    if (!type)
      continue;
    if (!first) {
      first = type;
      firstIndex = index;
      continue;
    }
    if (failed(agrees(type, index)))
      return failure();
  }
  return success();
}

LogicalResult ConcatV2Op::verify() {
  RankedTensorType first;
  int64_t firstIndex = 0;
  if (failed(verifyValueList(
          *this, getValues(), first, firstIndex,
          [&](RankedTensorType type, int64_t index) -> LogicalResult {
            if (type.getRank() == first.getRank())
              return success();
            return emitOpError("values have different ranks: value ")
                   << firstIndex << " has rank " << first.getRank()
                   << ", value " << index << " has rank " << type.getRank();
          })))
    return failure();
  auto axisType = dyn_cast<RankedTensorType>(getAxis().getType());
  if (axisType && axisType.getRank() != 0)
    return emitOpError("axis must be a scalar, got ") << axisType;
  if (!first)
    return success();
  int64_t rank = first.getRank();
  if (rank == 0)
    return emitOpError("cannot concatenate scalars (use Pack)");
  std::optional<SmallVector<int64_t>> axisValues = getConstantInts(getAxis());
  if (!axisValues || axisValues->size() != 1)
    return success();
  std::optional<int64_t> axis = normalizeAxis(axisValues->front(), rank);
  if (!axis)
    return emitOpError("axis ")
           << axisValues->front() << " is out of range for rank " << rank
           << " (expected [" << -rank << ", " << rank << "))";
  for (auto [index, value] : llvm::enumerate(getValues())) {
    auto type = dyn_cast<RankedTensorType>(value.getType());
    if (!type)
      continue;
    for (int64_t dim = 0; dim < rank; ++dim)
      if (dim != *axis && !type.isDynamicDim(dim) && !first.isDynamicDim(dim) &&
          type.getDimSize(dim) != first.getDimSize(dim))
        return emitOpError("dimension ")
               << dim << " differs between value " << firstIndex << " ("
               << first.getDimSize(dim) << ") and value " << index << " ("
               << type.getDimSize(dim)
               << "); only the concatenation axis may differ";
  }
  return success();
}

OpFoldResult ConcatV2Op::fold(FoldAdaptor adaptor) {
  if (getValues().size() == 1 && getValues().front().getType() == getType())
    return getValues().front();
  std::optional<SmallVector<int64_t>> axisValues = getInts(adaptor.getAxis());
  SmallVector<DenseElementsAttr> values = getDenseOperands(adaptor.getValues());
  if (!axisValues || axisValues->size() != 1 || values.empty())
    return {};
  auto firstType = cast<RankedTensorType>(values.front().getType());
  int64_t rank = firstType.getRank();
  std::optional<int64_t> axis = normalizeAxis(axisValues->front(), rank);
  if (!axis)
    return {};
  // Each element of the result comes from the value whose range along the
  // axis holds its index.
  FlatElements flat(firstType.getElementType());
  SmallVector<int64_t> firsts, axisStarts;
  SmallVector<int64_t> shape(firstType.getShape());
  shape[*axis] = 0;
  for (DenseElementsAttr value : values) {
    auto type = cast<RankedTensorType>(value.getType());
    if (type.getRank() != rank ||
        type.getElementType() != firstType.getElementType())
      return {};
    for (int64_t dim = 0; dim < rank; ++dim)
      if (dim != *axis && type.getDimSize(dim) != firstType.getDimSize(dim))
        return {};
    firsts.push_back(flat.append(value));
    axisStarts.push_back(shape[*axis]);
    shape[*axis] += type.getDimSize(*axis);
  }
  SmallVector<SmallVector<int64_t>> strides;
  for (DenseElementsAttr value : values)
    strides.push_back(rowMajorStrides(value.getType().getShape()));
  SmallVector<int64_t> indices;
  forEachIndex(shape, [&](ArrayRef<int64_t> index) {
    size_t piece = 0;
    while (index[*axis] >=
           axisStarts[piece] + values[piece].getType().getDimSize(*axis))
      ++piece;
    int64_t source = firsts[piece];
    for (int64_t dim = 0; dim < rank; ++dim)
      source += (dim == *axis ? index[dim] - axisStarts[piece] : index[dim]) *
                strides[piece][dim];
    indices.push_back(source);
  });
  return flat.gather(RankedTensorType::get(shape, firstType.getElementType()),
                     indices);
}

//===----------------------------------------------------------------------===//
// PackOp
//===----------------------------------------------------------------------===//

LogicalResult PackOp::inferReturnTypes(MLIRContext *context,
                                       std::optional<Location>, Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  ValueRange values = adaptor.getValues();
  if (values.empty()) {
    inferred.push_back(UnrankedTensorType::get(Float32Type::get(context)));
    return success();
  }
  Type elementType = elementTypeOf(values.front());
  // The values share one shape: take every static size any of them has.
  std::optional<SmallVector<int64_t>> shape;
  for (Value value : values) {
    auto type = dyn_cast<RankedTensorType>(value.getType());
    if (!type)
      continue;
    if (!shape)
      shape = SmallVector<int64_t>(type.getShape());
    if (static_cast<int64_t>(shape->size()) != type.getRank())
      continue;
    for (int64_t dim = 0; dim < type.getRank(); ++dim)
      if (ShapedType::isDynamic((*shape)[dim]))
        (*shape)[dim] = type.getDimSize(dim);
  }
  std::optional<int64_t> axis;
  if (shape)
    axis = normalizeAxis(static_cast<int64_t>(adaptor.getAxis()),
                         shape->size() + 1);
  if (!axis) {
    inferred.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  shape->insert(shape->begin() + *axis, values.size());
  inferred.push_back(RankedTensorType::get(*shape, elementType));
  return success();
}

LogicalResult PackOp::verify() {
  RankedTensorType first;
  int64_t firstIndex = 0;
  if (failed(verifyValueList(
          *this, getValues(), first, firstIndex,
          [&](RankedTensorType type, int64_t index) -> LogicalResult {
            if (succeeded(verifyCompatibleShape(first, type)))
              return success();
            return emitOpError("values must have the same shape; value ")
                   << firstIndex << " is " << first << ", value " << index
                   << " is " << type;
          })))
    return failure();
  // I64Attr reads back as uint64_t; the axis is signed.
  int64_t axis = static_cast<int64_t>(getAxis());
  if (first && !normalizeAxis(axis, first.getRank() + 1))
    return emitOpError("axis ")
           << axis << " is out of range for values of rank " << first.getRank()
           << " (expected [" << -(first.getRank() + 1) << ", "
           << first.getRank() + 1 << "))";
  return success();
}

OpFoldResult PackOp::fold(FoldAdaptor adaptor) {
  SmallVector<DenseElementsAttr> values = getDenseOperands(adaptor.getValues());
  if (values.empty())
    return {};
  auto valueType = cast<RankedTensorType>(values.front().getType());
  std::optional<int64_t> axis =
      normalizeAxis(static_cast<int64_t>(getAxis()), valueType.getRank() + 1);
  if (!axis)
    return {};
  FlatElements flat(valueType.getElementType());
  SmallVector<int64_t> firsts;
  for (DenseElementsAttr value : values) {
    if (value.getType() != valueType)
      return {};
    firsts.push_back(flat.append(value));
  }
  SmallVector<int64_t> strides = rowMajorStrides(valueType.getShape());
  SmallVector<int64_t> shape(valueType.getShape());
  shape.insert(shape.begin() + *axis, values.size());
  SmallVector<int64_t> indices;
  forEachIndex(shape, [&](ArrayRef<int64_t> index) {
    int64_t source = firsts[index[*axis]];
    for (int64_t dim = 0, inner = 0; dim < static_cast<int64_t>(index.size());
         ++dim)
      if (dim != *axis)
        source += index[dim] * strides[inner++];
    indices.push_back(source);
  });
  return flat.gather(RankedTensorType::get(shape, valueType.getElementType()),
                     indices);
}

//===----------------------------------------------------------------------===//
// SqueezeOp
//===----------------------------------------------------------------------===//

/// The dimensions a Squeeze removes, normalized and sorted; nullopt when
/// that is not known (an entry out of range, or no list and unknown sizes).
static std::optional<SmallVector<int64_t>>
squeezedDims(RankedTensorType type, ArrayRef<int64_t> squeezeDims) {
  SmallVector<int64_t> dims;
  if (squeezeDims.empty()) {
    if (!type.hasStaticShape())
      return std::nullopt;
    for (auto [dim, size] : llvm::enumerate(type.getShape()))
      if (size == 1)
        dims.push_back(dim);
    return dims;
  }
  for (int64_t entry : squeezeDims) {
    std::optional<int64_t> dim = normalizeAxis(entry, type.getRank());
    if (!dim)
      return std::nullopt;
    dims.push_back(*dim);
  }
  llvm::sort(dims);
  dims.erase(llvm::unique(dims), dims.end());
  return dims;
}

static Type squeezeResultType(TensorType inputType,
                              ArrayRef<int64_t> squeezeDims) {
  auto ranked = dyn_cast<RankedTensorType>(inputType);
  std::optional<SmallVector<int64_t>> removed;
  if (ranked)
    removed = squeezedDims(ranked, squeezeDims);
  if (!removed)
    return UnrankedTensorType::get(inputType.getElementType());
  // A dynamic size listed in squeeze_dims is taken to be 1, as TensorFlow's
  // shape function does; the kernel checks it at run time.
  SmallVector<int64_t> dims;
  for (auto [dim, size] : llvm::enumerate(ranked.getShape()))
    if (!llvm::is_contained(*removed, static_cast<int64_t>(dim)))
      dims.push_back(size);
  return RankedTensorType::get(dims, inputType.getElementType());
}

LogicalResult SqueezeOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location>,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  inferred.push_back(
      squeezeResultType(cast<TensorType>(adaptor.getInput().getType()),
                        adaptor.getSqueezeDims()));
  return success();
}

LogicalResult SqueezeOp::verify() {
  auto type = dyn_cast<RankedTensorType>(getInput().getType());
  if (!type)
    return success();
  int64_t rank = type.getRank();
  for (int64_t entry : getSqueezeDims()) {
    std::optional<int64_t> dim = normalizeAxis(entry, rank);
    if (!dim)
      return emitOpError("squeeze_dims entry ")
             << entry << " is out of range for rank " << rank << " (expected ["
             << -rank << ", " << rank << "))";
    if (!type.isDynamicDim(*dim) && type.getDimSize(*dim) != 1)
      return emitOpError("cannot squeeze dimension ")
             << entry << " of size " << type.getDimSize(*dim)
             << "; only dimensions of size 1 can be removed";
  }
  return success();
}

OpFoldResult SqueezeOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  auto input = dyn_cast_if_present<DenseElementsAttr>(adaptor.getInput());
  if (!input)
    return {};
  auto type = dyn_cast<RankedTensorType>(
      squeezeResultType(cast<TensorType>(input.getType()), getSqueezeDims()));
  if (!type || type.getNumElements() != input.getNumElements())
    return {};
  return input.reshape(type);
}

//===----------------------------------------------------------------------===//
// ExpandDimsOp
//===----------------------------------------------------------------------===//

static Type expandDimsResultType(TensorType inputType,
                                 std::optional<SmallVector<int64_t>> dim) {
  Type elementType = inputType.getElementType();
  auto ranked = dyn_cast<RankedTensorType>(inputType);
  if (!ranked)
    return UnrankedTensorType::get(elementType);
  int64_t rank = ranked.getRank();
  std::optional<int64_t> position;
  if (dim && dim->size() == 1)
    position = normalizeAxis(dim->front(), rank + 1);
  if (!position)
    return RankedTensorType::get(dynamicDims(rank + 1), elementType);
  SmallVector<int64_t> dims(ranked.getShape());
  dims.insert(dims.begin() + *position, 1);
  return RankedTensorType::get(dims, elementType);
}

LogicalResult ExpandDimsOp::inferReturnTypes(MLIRContext *,
                                             std::optional<Location>,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &inferred) {
  inferred.push_back(
      expandDimsResultType(cast<TensorType>(adaptor.getInput().getType()),
                           getConstantInts(adaptor.getDim())));
  return success();
}

LogicalResult ExpandDimsOp::verify() {
  auto dimType = dyn_cast<RankedTensorType>(getDim().getType());
  if (dimType && dimType.hasStaticShape() && dimType.getNumElements() != 1)
    return emitOpError("dim must hold exactly one value, got ") << dimType;
  auto type = dyn_cast<RankedTensorType>(getInput().getType());
  std::optional<SmallVector<int64_t>> dim = getConstantInts(getDim());
  if (!type || !dim || dim->size() != 1)
    return success();
  int64_t rank = type.getRank();
  if (!normalizeAxis(dim->front(), rank + 1))
    return emitOpError("dim ")
           << dim->front() << " is out of range for an input of rank " << rank
           << " (expected [" << -(rank + 1) << ", " << rank << "])";
  return success();
}

OpFoldResult ExpandDimsOp::fold(FoldAdaptor adaptor) {
  auto input = dyn_cast_if_present<DenseElementsAttr>(adaptor.getInput());
  if (!input)
    return {};
  auto type = dyn_cast<RankedTensorType>(expandDimsResultType(
      cast<TensorType>(input.getType()), getInts(adaptor.getDim())));
  if (!type || !type.hasStaticShape())
    return {};
  return input.reshape(type);
}

//===----------------------------------------------------------------------===//
// TransposeOp
//===----------------------------------------------------------------------===//

/// `perm` normalized to [0, rank) if it is a permutation, else nullopt.
static std::optional<SmallVector<int64_t>>
normalizePermutation(ArrayRef<int64_t> perm, int64_t rank) {
  if (static_cast<int64_t>(perm.size()) != rank)
    return std::nullopt;
  SmallVector<int64_t> result;
  SmallVector<bool> seen(rank, false);
  for (int64_t entry : perm) {
    std::optional<int64_t> dim = normalizeAxis(entry, rank);
    if (!dim || seen[*dim])
      return std::nullopt;
    seen[*dim] = true;
    result.push_back(*dim);
  }
  return result;
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location>,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  auto inputType = cast<TensorType>(adaptor.getX().getType());
  Type elementType = inputType.getElementType();
  std::optional<int64_t> rank;
  if (inputType.hasRank())
    rank = inputType.getRank();
  else
    rank = staticLength(adaptor.getPerm());
  if (!rank) {
    inferred.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  SmallVector<int64_t> dims = dynamicDims(*rank);
  std::optional<SmallVector<int64_t>> perm = getConstantInts(adaptor.getPerm());
  if (perm && inputType.hasRank())
    if (std::optional<SmallVector<int64_t>> normalized =
            normalizePermutation(*perm, *rank))
      for (int64_t dim = 0; dim < *rank; ++dim)
        dims[dim] = inputType.getDimSize((*normalized)[dim]);
  inferred.push_back(RankedTensorType::get(dims, elementType));
  return success();
}

LogicalResult TransposeOp::verify() {
  auto permType = dyn_cast<RankedTensorType>(getPerm().getType());
  if (permType && permType.getRank() != 1)
    return emitOpError("perm must be 1-D, got ") << permType;
  auto type = dyn_cast<RankedTensorType>(getX().getType());
  if (!type)
    return success();
  std::optional<int64_t> length = staticLength(getPerm());
  if (length && *length != type.getRank())
    return emitOpError("perm has ")
           << *length << " entries but x has rank " << type.getRank();
  std::optional<SmallVector<int64_t>> perm = getConstantInts(getPerm());
  if (perm && !normalizePermutation(*perm, type.getRank())) {
    std::string text;
    llvm::raw_string_ostream os(text);
    llvm::interleaveComma(*perm, os);
    return emitOpError("perm [") << text << "] is not a permutation of the "
                                 << type.getRank() << " dimensions of x";
  }
  return success();
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  std::optional<SmallVector<int64_t>> perm = getInts(adaptor.getPerm());
  if (!perm)
    return {};
  auto xType = dyn_cast<RankedTensorType>(getX().getType());
  if (xType && xType == getType()) {
    std::optional<SmallVector<int64_t>> normalized =
        normalizePermutation(*perm, xType.getRank());
    if (normalized &&
        llvm::equal(*normalized, llvm::seq<int64_t>(0, xType.getRank())))
      return getX();
  }
  auto input = dyn_cast_if_present<DenseElementsAttr>(adaptor.getX());
  if (!input)
    return {};
  ArrayRef<int64_t> inputShape = input.getType().getShape();
  std::optional<SmallVector<int64_t>> normalized =
      normalizePermutation(*perm, inputShape.size());
  if (!normalized)
    return {};
  if (input.isSplat() || inputShape.size() < 2) {
    SmallVector<int64_t> shape;
    for (int64_t dim : *normalized)
      shape.push_back(inputShape[dim]);
    return input.reshape(
        RankedTensorType::get(shape, input.getType().getElementType()));
  }
  FlatElements flat(input.getElementType());
  flat.append(input);
  SmallVector<int64_t> inputStrides = rowMajorStrides(inputShape);
  SmallVector<int64_t> shape, strides;
  for (int64_t dim : *normalized) {
    shape.push_back(inputShape[dim]);
    strides.push_back(inputStrides[dim]);
  }
  SmallVector<int64_t> indices;
  forEachIndex(shape, [&](ArrayRef<int64_t> index) {
    int64_t source = 0;
    for (auto [position, stride] : llvm::zip(index, strides))
      source += position * stride;
    indices.push_back(source);
  });
  return flat.gather(RankedTensorType::get(shape, input.getElementType()),
                     indices);
}

//===----------------------------------------------------------------------===//
// SliceOp
//===----------------------------------------------------------------------===//

/// Checks constant begin and size against a static input shape; returns an
/// error message or the empty string.
static std::string checkSlice(ArrayRef<int64_t> shape, ArrayRef<int64_t> begin,
                              ArrayRef<int64_t> size) {
  int64_t rank = shape.size();
  if (static_cast<int64_t>(begin.size()) != rank ||
      static_cast<int64_t>(size.size()) != rank)
    return "begin and size must have one entry per input dimension (" +
           std::to_string(rank) + "), got " + std::to_string(begin.size()) +
           " and " + std::to_string(size.size());
  for (int64_t dim = 0; dim < rank; ++dim) {
    int64_t extent = shape[dim];
    if (begin[dim] < 0 || size[dim] < -1)
      return "begin[" + std::to_string(dim) +
             "] = " + std::to_string(begin[dim]) + " and size[" +
             std::to_string(dim) + "] = " + std::to_string(size[dim]) +
             " must be >= 0 (size may be -1: to the end)";
    if (ShapedType::isDynamic(extent))
      continue;
    int64_t end = size[dim] == -1 ? extent : begin[dim] + size[dim];
    if (begin[dim] > extent || end > extent)
      return "slice [" + std::to_string(begin[dim]) + ", " +
             std::to_string(end) + ") is out of bounds for dimension " +
             std::to_string(dim) + " of size " + std::to_string(extent);
  }
  return "";
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  auto inputType = cast<TensorType>(adaptor.getInput().getType());
  Type elementType = inputType.getElementType();
  std::optional<int64_t> rank;
  if (inputType.hasRank())
    rank = inputType.getRank();
  else if (!(rank = staticLength(adaptor.getBegin())))
    rank = staticLength(adaptor.getSize());
  if (!rank) {
    inferred.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  SmallVector<int64_t> dims = dynamicDims(*rank);
  std::optional<SmallVector<int64_t>> begin =
      getConstantInts(adaptor.getBegin());
  std::optional<SmallVector<int64_t>> size = getConstantInts(adaptor.getSize());
  if (size && static_cast<int64_t>(size->size()) == *rank) {
    // A known size is the result's size even when begin is not known; -1
    // needs begin and the input's size.
    for (int64_t dim = 0; dim < *rank; ++dim) {
      if ((*size)[dim] >= 0)
        dims[dim] = (*size)[dim];
      else if ((*size)[dim] == -1 && begin &&
               static_cast<int64_t>(begin->size()) == *rank &&
               inputType.hasRank() && !inputType.isDynamicDim(dim) &&
               (*begin)[dim] >= 0 && (*begin)[dim] <= inputType.getDimSize(dim))
        dims[dim] = inputType.getDimSize(dim) - (*begin)[dim];
    }
  }
  inferred.push_back(RankedTensorType::get(dims, elementType));
  return success();
}

LogicalResult SliceOp::verify() {
  for (Value operand : {getBegin(), getSize()}) {
    auto type = dyn_cast<RankedTensorType>(operand.getType());
    if (type && type.getRank() != 1)
      return emitOpError("begin and size must be 1-D, got ") << type;
  }
  auto type = dyn_cast<RankedTensorType>(getInput().getType());
  if (!type)
    return success();
  for (Value operand : {getBegin(), getSize()}) {
    std::optional<int64_t> length = staticLength(operand);
    if (length && *length != type.getRank())
      return emitOpError("begin and size must have one entry per input "
                         "dimension (")
             << type.getRank() << "), got " << *length;
  }
  std::optional<SmallVector<int64_t>> begin = getConstantInts(getBegin());
  std::optional<SmallVector<int64_t>> size = getConstantInts(getSize());
  if (begin && size) {
    std::string error = checkSlice(type.getShape(), *begin, *size);
    if (!error.empty())
      return emitOpError(error);
  }
  return success();
}

OpFoldResult SliceOp::fold(FoldAdaptor adaptor) {
  std::optional<SmallVector<int64_t>> begin = getInts(adaptor.getBegin());
  std::optional<SmallVector<int64_t>> size = getInts(adaptor.getSize());
  if (!begin || !size)
    return {};
  if (getInput().getType() == getType() &&
      cast<RankedTensorType>(getType()).hasStaticShape() &&
      llvm::all_of(*begin, [](int64_t b) { return b == 0; }))
    return getInput();
  auto input = dyn_cast_if_present<DenseElementsAttr>(adaptor.getInput());
  if (!input)
    return {};
  ArrayRef<int64_t> inputShape = input.getType().getShape();
  if (!checkSlice(inputShape, *begin, *size).empty())
    return {};
  SmallVector<int64_t> shape;
  for (auto [dim, extent] : llvm::enumerate(inputShape))
    shape.push_back((*size)[dim] == -1 ? extent - (*begin)[dim] : (*size)[dim]);
  auto type = RankedTensorType::get(shape, input.getElementType());
  if (input.isSplat())
    return input.resizeSplat(type);
  FlatElements flat(input.getElementType());
  flat.append(input);
  SmallVector<int64_t> strides = rowMajorStrides(inputShape);
  SmallVector<int64_t> indices;
  forEachIndex(shape, [&](ArrayRef<int64_t> index) {
    int64_t source = 0;
    for (auto [dim, position] : llvm::enumerate(index))
      source += ((*begin)[dim] + position) * strides[dim];
    indices.push_back(source);
  });
  return flat.gather(type, indices);
}

//===----------------------------------------------------------------------===//
// StridedSliceOp
//===----------------------------------------------------------------------===//

namespace {

using DimSlice = StridedSliceOp::DimSlice;

/// A StridedSlice in TensorFlow's canonical ("dense") form: one entry per
/// input dimension, and the result shape. Sizes are dynamic where begin, end,
/// stride or the input size are not known.
struct StridedSliceSpec {
  SmallVector<DimSlice> dims;
  SmallVector<int64_t> resultShape;
};

struct StridedSliceMasks {
  int64_t begin, end, ellipsis, newAxis, shrinkAxis;
};

/// TensorFlow's ValidateStridedSliceOp (strided_slice_op.cc): expands the
/// ellipsis (explicit, or implied at the end), places new axes, applies the
/// masks, and canonicalizes indices (negative ones count from the end, out
/// of range ones are clamped). `begin`, `end` and `strides` have `length`
/// entries each when known. Returns an error message or the empty string.
std::string computeStridedSlice(ArrayRef<int64_t> inputShape, int64_t length,
                                std::optional<ArrayRef<int64_t>> begin,
                                std::optional<ArrayRef<int64_t>> end,
                                std::optional<ArrayRef<int64_t>> strides,
                                StridedSliceMasks masks,
                                StridedSliceSpec &spec) {
  auto bit = [](int64_t mask, int64_t i) { return i < 64 && (mask >> i) & 1; };
  if (length > 63)
    return "begin, end and strides have " + std::to_string(length) +
           " entries; the masks only cover 63";
  if (llvm::popcount(static_cast<uint64_t>(masks.ellipsis)) > 1)
    return "ellipsis_mask has more than one bit set; only one ellipsis is "
           "allowed";
  if (strides)
    for (auto [index, stride] : llvm::enumerate(*strides))
      if (stride == 0)
        return "strides[" + std::to_string(index) + "] is zero";

  // The sparse spec: the entries as given, with an ellipsis appended when
  // there is none.
  int64_t sparseLength = length;
  int64_t ellipsisMask = masks.ellipsis;
  int64_t newAxesAfterEllipsis = 0;
  bool ellipsisSeen = false;
  for (int64_t i = 0; i < length; ++i) {
    if (ellipsisSeen && bit(masks.newAxis, i))
      ++newAxesAfterEllipsis;
    if (bit(ellipsisMask, i))
      ellipsisSeen = true;
  }
  if (!ellipsisSeen)
    ellipsisMask |= int64_t(1) << sparseLength++;

  // The dense spec: one entry per input dimension. `gather` maps each
  // result dimension to its input dimension (-1: a new axis).
  constexpr int64_t kNewAxis = -1, kShrunk = -2;
  int64_t rank = inputShape.size();
  struct DenseEntry {
    std::optional<int64_t> begin, end, stride;
    bool beginMasked = false, endMasked = false, shrink = false;
  };
  SmallVector<DenseEntry> dense(rank);
  SmallVector<int64_t> gather;
  int64_t full = 0;
  for (int64_t i = 0; i < sparseLength; ++i) {
    if (bit(ellipsisMask, i)) {
      int64_t next =
          std::min(rank - (sparseLength - i) + 1 + newAxesAfterEllipsis, rank);
      for (; full < next; ++full) {
        dense[full].stride = 1;
        dense[full].beginMasked = dense[full].endMasked = true;
        gather.push_back(full);
      }
      continue;
    }
    if (bit(masks.newAxis, i)) {
      gather.push_back(kNewAxis);
      continue;
    }
    if (full == rank)
      return "the slice indexes more dimensions than the input has (" +
             std::to_string(rank) + ")";
    DenseEntry &entry = dense[full];
    if (begin)
      entry.begin = (*begin)[i];
    if (end)
      entry.end = (*end)[i];
    if (strides)
      entry.stride = (*strides)[i];
    entry.beginMasked = bit(masks.begin, i);
    entry.endMasked = bit(masks.end, i);
    entry.shrink = bit(masks.shrinkAxis, i);
    gather.push_back(entry.shrink ? kShrunk : full);
    ++full;
  }

  // Canonical begin and size of each input dimension.
  spec.dims.clear();
  for (int64_t dim = 0; dim < rank; ++dim) {
    const DenseEntry &entry = dense[dim];
    int64_t extent = inputShape[dim];
    DimSlice slice{0, ShapedType::kDynamic, entry.stride.value_or(0),
                   entry.shrink};
    if (entry.shrink) {
      slice.size = 1;
      if (entry.stride && *entry.stride < 0)
        return "strides[" + std::to_string(dim) +
               "] must be positive on a dimension taken by index "
               "(shrink_axis_mask)";
      if (entry.begin && !ShapedType::isDynamic(extent)) {
        int64_t index = *entry.begin < 0 ? *entry.begin + extent : *entry.begin;
        if (index < 0 || index >= extent)
          return "index " + std::to_string(*entry.begin) +
                 " is out of bounds for dimension " + std::to_string(dim) +
                 " of size " + std::to_string(extent);
        slice.begin = index;
      }
      spec.dims.push_back(slice);
      continue;
    }
    bool known = entry.stride && !ShapedType::isDynamic(extent) &&
                 (entry.begin || entry.beginMasked) &&
                 (entry.end || entry.endMasked);
    if (!known) {
      spec.dims.push_back(slice);
      continue;
    }
    int64_t stride = *entry.stride;
    // Valid positions are [0, extent] going forward and [-1, extent - 1]
    // going backward (end is exclusive).
    int64_t low = stride > 0 ? 0 : -1;
    int64_t high = stride > 0 ? extent : extent - 1;
    auto canonical = [&](std::optional<int64_t> value, bool masked,
                         bool isEnd) {
      if (masked)
        return (stride > 0) != isEnd ? low : high;
      int64_t forward = *value < 0 ? *value + extent : *value;
      return std::clamp(forward, low, high);
    };
    int64_t first = canonical(entry.begin, entry.beginMasked, false);
    int64_t last = canonical(entry.end, entry.endMasked, true);
    int64_t interval = last - first;
    int64_t size = 0;
    if (interval != 0 && (interval < 0) == (stride < 0))
      size = interval / stride + (interval % stride != 0 ? 1 : 0);
    slice.begin = first;
    slice.size = size;
    spec.dims.push_back(slice);
  }

  spec.resultShape.clear();
  for (int64_t dim : gather) {
    if (dim == kNewAxis)
      spec.resultShape.push_back(1);
    else if (dim != kShrunk)
      spec.resultShape.push_back(spec.dims[dim].size);
  }
  return "";
}

StridedSliceMasks getMasks(int64_t begin, int64_t end, int64_t ellipsis,
                           int64_t newAxis, int64_t shrinkAxis) {
  return StridedSliceMasks{begin, end, ellipsis, newAxis, shrinkAxis};
}

/// The common static length of begin, end and strides, if known.
std::optional<int64_t> sliceSpecLength(ValueRange operands) {
  for (Value operand : operands)
    if (std::optional<int64_t> length = staticLength(operand))
      return length;
  return std::nullopt;
}

} // namespace

LogicalResult
StridedSliceOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                 Adaptor adaptor,
                                 SmallVectorImpl<Type> &inferred) {
  auto inputType = cast<TensorType>(adaptor.getInput().getType());
  Type elementType = inputType.getElementType();
  std::optional<int64_t> length = sliceSpecLength(
      {adaptor.getBegin(), adaptor.getEnd(), adaptor.getStrides()});
  if (!inputType.hasRank() || !length) {
    inferred.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  std::optional<SmallVector<int64_t>> begin =
      getConstantInts(adaptor.getBegin());
  std::optional<SmallVector<int64_t>> end = getConstantInts(adaptor.getEnd());
  std::optional<SmallVector<int64_t>> strides =
      getConstantInts(adaptor.getStrides());
  for (auto *values : {&begin, &end, &strides})
    if (*values && static_cast<int64_t>((*values)->size()) != *length)
      values->reset();
  StridedSliceSpec spec;
  std::string error = computeStridedSlice(
      inputType.getShape(), *length,
      begin ? std::optional<ArrayRef<int64_t>>(*begin) : std::nullopt,
      end ? std::optional<ArrayRef<int64_t>>(*end) : std::nullopt,
      strides ? std::optional<ArrayRef<int64_t>>(*strides) : std::nullopt,
      getMasks(adaptor.getBeginMask(), adaptor.getEndMask(),
               adaptor.getEllipsisMask(), adaptor.getNewAxisMask(),
               adaptor.getShrinkAxisMask()),
      spec);
  if (!error.empty())
    inferred.push_back(UnrankedTensorType::get(elementType));
  else
    inferred.push_back(RankedTensorType::get(spec.resultShape, elementType));
  return success();
}

LogicalResult StridedSliceOp::verify() {
  std::optional<int64_t> length;
  for (Value operand : {getBegin(), getEnd(), getStrides()}) {
    auto type = dyn_cast<RankedTensorType>(operand.getType());
    if (type && type.getRank() != 1)
      return emitOpError("begin, end and strides must be 1-D, got ") << type;
    std::optional<int64_t> operandLength = staticLength(operand);
    if (length && operandLength && *length != *operandLength)
      return emitOpError("begin, end and strides must have the same length, "
                         "got ")
             << *length << " and " << *operandLength;
    if (!length)
      length = operandLength;
  }
  auto inputType = dyn_cast<RankedTensorType>(getInput().getType());
  if (!inputType || !length)
    return success();
  std::optional<SmallVector<int64_t>> begin = getConstantInts(getBegin());
  std::optional<SmallVector<int64_t>> end = getConstantInts(getEnd());
  std::optional<SmallVector<int64_t>> strides = getConstantInts(getStrides());
  StridedSliceSpec spec;
  std::string error = computeStridedSlice(
      inputType.getShape(), *length,
      begin ? std::optional<ArrayRef<int64_t>>(*begin) : std::nullopt,
      end ? std::optional<ArrayRef<int64_t>>(*end) : std::nullopt,
      strides ? std::optional<ArrayRef<int64_t>>(*strides) : std::nullopt,
      getMasks(getBeginMask(), getEndMask(), getEllipsisMask(),
               getNewAxisMask(), getShrinkAxisMask()),
      spec);
  if (!error.empty())
    return emitOpError(error);
  return success();
}

/// The canonical slices when everything is known, from the input's shape and
/// the values of begin, end and strides.
static LogicalResult
constantSlices(ArrayRef<int64_t> inputShape, ArrayRef<int64_t> begin,
               ArrayRef<int64_t> end, ArrayRef<int64_t> strides,
               StridedSliceMasks masks, SmallVectorImpl<DimSlice> &slices,
               SmallVectorImpl<int64_t> &resultShape) {
  if (ShapedType::isDynamicShape(inputShape) || begin.size() != end.size() ||
      begin.size() != strides.size())
    return failure();
  StridedSliceSpec spec;
  if (!computeStridedSlice(inputShape, begin.size(), begin, end, strides, masks,
                           spec)
           .empty())
    return failure();
  slices.assign(spec.dims.begin(), spec.dims.end());
  resultShape.assign(spec.resultShape.begin(), spec.resultShape.end());
  return success();
}

LogicalResult
StridedSliceOp::getConstantSlices(SmallVectorImpl<DimSlice> &slices,
                                  SmallVectorImpl<int64_t> &resultShape) {
  auto inputType = dyn_cast<RankedTensorType>(getInput().getType());
  std::optional<SmallVector<int64_t>> begin = getConstantInts(getBegin());
  std::optional<SmallVector<int64_t>> end = getConstantInts(getEnd());
  std::optional<SmallVector<int64_t>> strides = getConstantInts(getStrides());
  if (!inputType || !begin || !end || !strides)
    return failure();
  return constantSlices(inputType.getShape(), *begin, *end, *strides,
                        getMasks(getBeginMask(), getEndMask(),
                                 getEllipsisMask(), getNewAxisMask(),
                                 getShrinkAxisMask()),
                        slices, resultShape);
}

OpFoldResult StridedSliceOp::fold(FoldAdaptor adaptor) {
  std::optional<SmallVector<int64_t>> begin = getInts(adaptor.getBegin());
  std::optional<SmallVector<int64_t>> end = getInts(adaptor.getEnd());
  std::optional<SmallVector<int64_t>> strides = getInts(adaptor.getStrides());
  if (!begin || !end || !strides)
    return {};
  StridedSliceMasks masks =
      getMasks(getBeginMask(), getEndMask(), getEllipsisMask(),
               getNewAxisMask(), getShrinkAxisMask());
  auto inputType = dyn_cast<RankedTensorType>(getInput().getType());
  SmallVector<DimSlice> slices;
  SmallVector<int64_t> resultShape;
  // A slice that takes everything in order is the input itself.
  if (inputType && inputType == getType() &&
      succeeded(constantSlices(inputType.getShape(), *begin, *end, *strides,
                               masks, slices, resultShape)) &&
      llvm::all_of(llvm::zip(slices, inputType.getShape()), [](auto pair) {
        auto [slice, extent] = pair;
        return !slice.shrink && slice.begin == 0 && slice.stride == 1 &&
               slice.size == extent;
      }))
    return getInput();

  auto input = dyn_cast_if_present<DenseElementsAttr>(adaptor.getInput());
  if (!input || failed(constantSlices(input.getType().getShape(), *begin, *end,
                                      *strides, masks, slices, resultShape)))
    return {};
  auto type = RankedTensorType::get(resultShape, input.getElementType());
  if (input.isSplat())
    return input.resizeSplat(type);
  // New axes and shrunk dimensions have size 1, so the result's elements in
  // row-major order are those of the slices of the input dimensions.
  FlatElements flat(input.getElementType());
  flat.append(input);
  SmallVector<int64_t> strideOf = rowMajorStrides(input.getType().getShape());
  SmallVector<int64_t> sizes;
  for (const DimSlice &slice : slices)
    sizes.push_back(slice.size);
  SmallVector<int64_t> indices;
  forEachIndex(sizes, [&](ArrayRef<int64_t> index) {
    int64_t source = 0;
    for (auto [dim, position] : llvm::enumerate(index))
      source +=
          (slices[dim].begin + position * slices[dim].stride) * strideOf[dim];
    indices.push_back(source);
  });
  return flat.gather(type, indices);
}

//===----------------------------------------------------------------------===//
// ShapeOp
//===----------------------------------------------------------------------===//

LogicalResult ShapeOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  auto inputType = cast<TensorType>(adaptor.getInput().getType());
  int64_t rank =
      inputType.hasRank() ? inputType.getRank() : ShapedType::kDynamic;
  inferred.push_back(RankedTensorType::get({rank}, adaptor.getOutType()));
  return success();
}

OpFoldResult ShapeOp::fold(FoldAdaptor) {
  auto inputType = dyn_cast<RankedTensorType>(getInput().getType());
  if (!inputType || !inputType.hasStaticShape())
    return {};
  Type outType = getOutType();
  auto type = RankedTensorType::get({inputType.getRank()}, outType);
  SmallVector<APInt> dims;
  for (int64_t size : inputType.getShape())
    dims.push_back(APInt(outType.getIntOrFloatBitWidth(), size,
                         /*isSigned=*/true));
  return DenseElementsAttr::get(type, dims);
}

//===----------------------------------------------------------------------===//
// CastOp
//===----------------------------------------------------------------------===//

LogicalResult CastOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  auto inputType = cast<TensorType>(adaptor.getX().getType());
  inferred.push_back(inputType.clone(adaptor.getDstT()));
  return success();
}

namespace {
/// Converts the elements of a constant as TensorFlow's Cast does. Fails on a
/// float that does not fit the integer type (NaN included): what TensorFlow
/// produces then depends on the machine, so the run time decides.
class ElementCaster {
public:
  ElementCaster(Type from, Type to) : from(from), to(to) {}

  DenseElementsAttr cast(DenseElementsAttr input) {
    auto type = RankedTensorType::get(input.getType().getShape(), to);
    if (input.isSplat()) {
      DenseElementsAttr one = castAll(
          input.resizeSplat(RankedTensorType::get({}, input.getElementType())));
      return one ? one.resizeSplat(type) : DenseElementsAttr();
    }
    return castAll(input);
  }

private:
  DenseElementsAttr castAll(DenseElementsAttr input) {
    auto type = RankedTensorType::get(input.getType().getShape(), to);
    if (isa<FloatType>(from)) {
      SmallVector<APFloat> floats(input.getValues<APFloat>());
      return castFloats(floats, type);
    }
    SmallVector<APInt> ints(input.getValues<APInt>());
    return castInts(ints, type);
  }

  DenseElementsAttr castFloats(ArrayRef<APFloat> values,
                               RankedTensorType type) {
    if (to.isInteger(1)) {
      SmallVector<bool> bools;
      for (const APFloat &value : values)
        bools.push_back(!value.isZero());
      return DenseElementsAttr::get(type, bools);
    }
    if (auto toFloat = dyn_cast<FloatType>(to)) {
      SmallVector<APFloat> floats;
      for (APFloat value : values) {
        bool losesInfo;
        value.convert(toFloat.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                      &losesInfo);
        floats.push_back(value);
      }
      return DenseElementsAttr::get(type, floats);
    }
    // Truncation toward zero into at least 32 bits, then wrap-around to the
    // destination width (C++ static_cast on x86).
    unsigned width = to.getIntOrFloatBitWidth();
    SmallVector<APInt> ints;
    for (const APFloat &value : values) {
      llvm::APSInt wide(std::max(width, 32u), /*isUnsigned=*/false);
      bool exact;
      if (value.convertToInteger(wide, APFloat::rmTowardZero, &exact) &
          APFloat::opInvalidOp)
        return {};
      ints.push_back(wide.trunc(width));
    }
    return DenseElementsAttr::get(type, ints);
  }

  DenseElementsAttr castInts(ArrayRef<APInt> values, RankedTensorType type) {
    bool isSigned = !from.isUnsignedInteger() && !from.isInteger(1);
    if (to.isInteger(1)) {
      SmallVector<bool> bools;
      for (const APInt &value : values)
        bools.push_back(!value.isZero());
      return DenseElementsAttr::get(type, bools);
    }
    if (auto toFloat = dyn_cast<FloatType>(to)) {
      SmallVector<APFloat> floats;
      for (const APInt &value : values) {
        APFloat converted(toFloat.getFloatSemantics());
        converted.convertFromAPInt(value, isSigned,
                                   APFloat::rmNearestTiesToEven);
        floats.push_back(converted);
      }
      return DenseElementsAttr::get(type, floats);
    }
    unsigned width = to.getIntOrFloatBitWidth();
    SmallVector<APInt> ints;
    for (const APInt &value : values)
      ints.push_back(isSigned ? value.sextOrTrunc(width)
                              : value.zextOrTrunc(width));
    return DenseElementsAttr::get(type, ints);
  }

  Type from, to;
};
} // namespace

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  if (getX().getType() == getType())
    return getX();
  auto input = dyn_cast_if_present<DenseElementsAttr>(adaptor.getX());
  if (!input)
    return {};
  return ElementCaster(input.getElementType(), getDstT()).cast(input);
}

//===----------------------------------------------------------------------===//
// BroadcastToOp
//===----------------------------------------------------------------------===//

LogicalResult BroadcastToOp::inferReturnTypes(MLIRContext *,
                                              std::optional<Location>,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &inferred) {
  Type elementType =
      cast<TensorType>(adaptor.getInput().getType()).getElementType();
  if (std::optional<SmallVector<int64_t>> shape =
          getConstantInts(adaptor.getShape())) {
    if (llvm::all_of(*shape, [](int64_t dim) { return dim >= 0; })) {
      inferred.push_back(RankedTensorType::get(*shape, elementType));
      return success();
    }
  }
  if (std::optional<int64_t> rank = staticLength(adaptor.getShape()))
    inferred.push_back(RankedTensorType::get(dynamicDims(*rank), elementType));
  else
    inferred.push_back(UnrankedTensorType::get(elementType));
  return success();
}

LogicalResult BroadcastToOp::verify() {
  auto shapeType = dyn_cast<RankedTensorType>(getShape().getType());
  if (shapeType && shapeType.getRank() != 1)
    return emitOpError("shape must be 1-D, got ") << shapeType;
  std::optional<SmallVector<int64_t>> shape = getConstantInts(getShape());
  auto inputType = dyn_cast<RankedTensorType>(getInput().getType());
  if (!shape || !inputType)
    return success();
  if (llvm::any_of(*shape, [](int64_t dim) { return dim < 0; }))
    return emitOpError("shape must not have negative sizes");
  int64_t rank = static_cast<int64_t>(shape->size());
  if (inputType.getRank() > rank)
    return emitOpError("input of rank ")
           << inputType.getRank() << " cannot broadcast to rank " << rank;
  for (int64_t i = 0; i < inputType.getRank(); ++i) {
    int64_t from = inputType.getDimSize(inputType.getRank() - 1 - i);
    int64_t to = (*shape)[rank - 1 - i];
    if (!ShapedType::isDynamic(from) && from != 1 && from != to)
      return emitOpError("input dimension ")
             << inputType.getRank() - 1 - i << " of size " << from
             << " cannot broadcast to " << to;
  }
  return success();
}

/// A broadcast splat constant is a splat of the result's shape.
OpFoldResult BroadcastToOp::fold(FoldAdaptor adaptor) {
  auto splat = dyn_cast_if_present<SplatElementsAttr>(adaptor.getInput());
  auto type = dyn_cast<RankedTensorType>(getType());
  if (!splat || !type || !type.hasStaticShape())
    return {};
  return SplatElementsAttr::get(type, splat.getSplatValue<Attribute>());
}

//===----------------------------------------------------------------------===//
// TileOp
//===----------------------------------------------------------------------===//

LogicalResult TileOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  auto inputType = cast<TensorType>(adaptor.getInput().getType());
  Type elementType = inputType.getElementType();
  if (!inputType.hasRank()) {
    inferred.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  SmallVector<int64_t> dims = dynamicDims(inputType.getRank());
  std::optional<SmallVector<int64_t>> multiples =
      getConstantInts(adaptor.getMultiples());
  if (multiples &&
      static_cast<int64_t>(multiples->size()) == inputType.getRank())
    for (int64_t i = 0; i < inputType.getRank(); ++i)
      if (!inputType.isDynamicDim(i) && (*multiples)[i] >= 0)
        dims[i] = inputType.getDimSize(i) * (*multiples)[i];
  inferred.push_back(RankedTensorType::get(dims, elementType));
  return success();
}

LogicalResult TileOp::verify() {
  auto inputType = dyn_cast<RankedTensorType>(getInput().getType());
  std::optional<int64_t> length = staticLength(getMultiples());
  if (inputType && length && *length != inputType.getRank())
    return emitOpError("multiples has ")
           << *length << " entries but input has rank " << inputType.getRank();
  if (std::optional<SmallVector<int64_t>> multiples =
          getConstantInts(getMultiples()))
    if (llvm::any_of(*multiples, [](int64_t m) { return m < 0; }))
      return emitOpError("multiples must not be negative");
  return success();
}

//===----------------------------------------------------------------------===//
// GatherOp
//===----------------------------------------------------------------------===//

LogicalResult GatherOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  auto paramsType = cast<TensorType>(adaptor.getParams().getType());
  auto indicesType = cast<TensorType>(adaptor.getIndices().getType());
  Type elementType = paramsType.getElementType();
  std::optional<int64_t> axis;
  if (paramsType.hasRank())
    axis = normalizeAxis(static_cast<int64_t>(adaptor.getAxis()),
                         paramsType.getRank());
  if (!axis || !indicesType.hasRank()) {
    inferred.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  SmallVector<int64_t> dims(paramsType.getShape().take_front(*axis));
  llvm::append_range(dims, indicesType.getShape());
  llvm::append_range(dims, paramsType.getShape().drop_front(*axis + 1));
  inferred.push_back(RankedTensorType::get(dims, elementType));
  return success();
}

LogicalResult GatherOp::verify() {
  auto paramsType = dyn_cast<RankedTensorType>(getParams().getType());
  if (!paramsType)
    return success();
  if (paramsType.getRank() == 0)
    return emitOpError("params must have rank >= 1");
  if (!normalizeAxis(static_cast<int64_t>(getAxis()), paramsType.getRank()))
    return emitOpError("axis ")
           << static_cast<int64_t>(getAxis()) << " is out of range for rank "
           << paramsType.getRank();
  return success();
}

//===----------------------------------------------------------------------===//
// TopKV2Op
//===----------------------------------------------------------------------===//

LogicalResult TopKV2Op::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  auto inputType = cast<TensorType>(adaptor.getInput().getType());
  Type indexType = adaptor.getIndexType();
  if (!inputType.hasRank() || inputType.getRank() == 0) {
    inferred.push_back(UnrankedTensorType::get(inputType.getElementType()));
    inferred.push_back(UnrankedTensorType::get(indexType));
    return success();
  }
  SmallVector<int64_t> dims(inputType.getShape());
  std::optional<SmallVector<int64_t>> k = getConstantInts(adaptor.getK());
  dims.back() = k && k->size() == 1 && k->front() >= 0 ? k->front()
                                                       : ShapedType::kDynamic;
  inferred.push_back(RankedTensorType::get(dims, inputType.getElementType()));
  inferred.push_back(RankedTensorType::get(dims, indexType));
  return success();
}

/// TensorFlow's checks (topk_op.cc): a scalar k in [0, n] on an input of
/// rank >= 1.
LogicalResult TopKV2Op::verify() {
  if (!getIndexType().isInteger(32) && !getIndexType().isInteger(64))
    return emitOpError("index_type must be int32 or int64, got ")
           << getIndexType();
  auto kType = dyn_cast<RankedTensorType>(getK().getType());
  if (kType && kType.getRank() != 0)
    return emitOpError("k must be a scalar, got ") << kType;
  auto inputType = dyn_cast<RankedTensorType>(getInput().getType());
  if (inputType && inputType.getRank() == 0)
    return emitOpError("input must have rank >= 1");
  std::optional<SmallVector<int64_t>> k = getConstantInts(getK());
  if (!k || k->size() != 1)
    return success();
  if (k->front() < 0)
    return emitOpError("k must not be negative, got ") << k->front();
  if (inputType && !inputType.isDynamicDim(inputType.getRank() - 1) &&
      k->front() > inputType.getShape().back())
    return emitOpError("k = ")
           << k->front() << " exceeds the last dimension's size "
           << inputType.getShape().back();
  return success();
}

//===----------------------------------------------------------------------===//
// ResizeBilinearOp, ResizeNearestNeighborOp
//===----------------------------------------------------------------------===//

/// [N, size[0], size[1], C] of `elementType` (dynamic where unknown).
static Type inferResizedType(Value images, Value size, Type elementType) {
  auto imagesType = dyn_cast<RankedTensorType>(images.getType());
  if (imagesType && imagesType.getRank() != 4)
    return UnrankedTensorType::get(elementType);
  SmallVector<int64_t> dims = dynamicDims(4);
  if (imagesType) {
    dims[0] = imagesType.getDimSize(0);
    dims[3] = imagesType.getDimSize(3);
  }
  std::optional<SmallVector<int64_t>> sizes = getConstantInts(size);
  if (sizes && sizes->size() == 2 && (*sizes)[0] > 0 && (*sizes)[1] > 0) {
    dims[1] = (*sizes)[0];
    dims[2] = (*sizes)[1];
  }
  return RankedTensorType::get(dims, elementType);
}

/// TensorFlow's checks (image_resizer_state.h): NHWC images with pixels and
/// channels, a size of two positive values, not both corner conventions.
static LogicalResult verifyResize(Operation *op, Value images, Value size,
                                  bool alignCorners, bool halfPixelCenters) {
  if (alignCorners && halfPixelCenters)
    return op->emitOpError(
        "align_corners and half_pixel_centers cannot both be true");
  if (auto type = dyn_cast<RankedTensorType>(images.getType())) {
    if (type.getRank() != 4)
      return op->emitOpError("images must have rank 4 (NHWC), got rank ")
             << type.getRank();
    if (type.getDimSize(1) == 0 || type.getDimSize(2) == 0)
      return op->emitOpError("images must have a non-zero height and width");
    if (type.getDimSize(3) == 0)
      return op->emitOpError("images must have at least one channel");
  }
  auto sizeType = dyn_cast<RankedTensorType>(size.getType());
  if (sizeType && (sizeType.getRank() != 1 ||
                   (!sizeType.isDynamicDim(0) && sizeType.getDimSize(0) != 2)))
    return op->emitOpError("size must hold 2 values (height, width), got ")
           << sizeType;
  std::optional<SmallVector<int64_t>> sizes = getConstantInts(size);
  if (sizes && sizes->size() == 2 &&
      llvm::any_of(*sizes, [](int64_t v) { return v <= 0; }))
    return op->emitOpError("size must be positive, got [")
           << (*sizes)[0] << ", " << (*sizes)[1] << "]";
  return success();
}

LogicalResult
ResizeBilinearOp::inferReturnTypes(MLIRContext *context,
                                   std::optional<Location>, Adaptor adaptor,
                                   SmallVectorImpl<Type> &inferred) {
  inferred.push_back(inferResizedType(adaptor.getImages(), adaptor.getSize(),
                                      Float32Type::get(context)));
  return success();
}

LogicalResult ResizeBilinearOp::verify() {
  return verifyResize(*this, getImages(), getSize(), getAlignCorners(),
                      getHalfPixelCenters());
}

LogicalResult ResizeNearestNeighborOp::inferReturnTypes(
    MLIRContext *, std::optional<Location>, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  inferred.push_back(inferResizedType(adaptor.getImages(), adaptor.getSize(),
                                      elementTypeOf(adaptor.getImages())));
  return success();
}

LogicalResult ResizeNearestNeighborOp::verify() {
  return verifyResize(*this, getImages(), getSize(), getAlignCorners(),
                      getHalfPixelCenters());
}

//===----------------------------------------------------------------------===//
// SpaceToBatchNDOp, BatchToSpaceNDOp
//===----------------------------------------------------------------------===//

namespace {

/// block_shape and paddings (or crops) when both are constants of
/// consistent sizes for an input of rank `rank`: M blocks, M x 2 pads.
struct BlockLayout {
  SmallVector<int64_t> blocks, pads;
};

std::optional<BlockLayout> getBlockLayout(Value blockShape, Value pads,
                                          int64_t rank) {
  std::optional<SmallVector<int64_t>> blocks = getConstantInts(blockShape);
  std::optional<SmallVector<int64_t>> padValues = getConstantInts(pads);
  if (!blocks || !padValues || padValues->size() != 2 * blocks->size() ||
      static_cast<int64_t>(blocks->size()) + 1 > rank)
    return std::nullopt;
  return BlockLayout{*blocks, *padValues};
}

/// Checks what is known of block_shape and paddings/crops (`padsName`).
LogicalResult verifyBlocks(Operation *op, Value input, Value blockShape,
                           Value pads, StringRef padsName) {
  auto blockType = dyn_cast<RankedTensorType>(blockShape.getType());
  if (blockType && blockType.getRank() != 1)
    return op->emitOpError("block_shape must be 1-D, got ") << blockType;
  auto padsType = dyn_cast<RankedTensorType>(pads.getType());
  if (padsType &&
      (padsType.getRank() != 2 || padsType.getDimSize(1) != 2 ||
       (blockType && !blockType.isDynamicDim(0) && !padsType.isDynamicDim(0) &&
        padsType.getDimSize(0) != blockType.getDimSize(0))))
    return op->emitOpError(padsName)
           << " must have shape [M, 2] with M the length of block_shape, got "
           << padsType;
  auto inputType = dyn_cast<RankedTensorType>(input.getType());
  if (blockType && inputType && !blockType.isDynamicDim(0) &&
      blockType.getDimSize(0) + 1 > inputType.getRank())
    return op->emitOpError("block_shape has ")
           << blockType.getDimSize(0) << " entries but input has rank "
           << inputType.getRank();
  if (std::optional<SmallVector<int64_t>> blocks = getConstantInts(blockShape))
    if (llvm::any_of(*blocks, [](int64_t b) { return b < 1; }))
      return op->emitOpError("block_shape entries must be at least 1");
  if (std::optional<SmallVector<int64_t>> values = getConstantInts(pads))
    if (llvm::any_of(*values, [](int64_t v) { return v < 0; }))
      return op->emitOpError(padsName) << " must not be negative";
  return success();
}

/// The result shape of SpaceToBatchND (`toBatch`) or BatchToSpaceND on a
/// static input, or the reason there is none.
FailureOr<SmallVector<int64_t>> blockedShape(RankedTensorType input,
                                             const BlockLayout &layout,
                                             bool toBatch, std::string &why) {
  int64_t blockCount = 1;
  SmallVector<int64_t> dims(input.getShape());
  for (auto [i, block] : llvm::enumerate(layout.blocks)) {
    if (block < 1) {
      why = "block_shape entries must be at least 1";
      return failure();
    }
    blockCount *= block;
    int64_t size = input.getDimSize(i + 1);
    int64_t pads = layout.pads[2 * i] + layout.pads[2 * i + 1];
    if (toBatch) {
      if ((size + pads) % block != 0) {
        why = "padded dimension " + std::to_string(i + 1) + " of size " +
              std::to_string(size + pads) +
              " is not a multiple of its block size " + std::to_string(block);
        return failure();
      }
      dims[i + 1] = (size + pads) / block;
    } else {
      if (size * block < pads) {
        why = "crops remove more than dimension " + std::to_string(i + 1) +
              " holds";
        return failure();
      }
      dims[i + 1] = size * block - pads;
    }
  }
  if (toBatch) {
    dims[0] *= blockCount;
  } else if (dims[0] % blockCount != 0) {
    why = "batch of " + std::to_string(dims[0]) +
          " is not a multiple of the block count " + std::to_string(blockCount);
    return failure();
  } else {
    dims[0] /= blockCount;
  }
  return dims;
}

/// Type inference of both ops: the blocked shape when everything is known,
/// else the input's rank with unknown sizes.
Type inferBlockedType(Value input, Value blockShape, Value pads, bool toBatch) {
  auto inputType = cast<TensorType>(input.getType());
  Type elementType = inputType.getElementType();
  if (!inputType.hasRank())
    return UnrankedTensorType::get(elementType);
  std::optional<BlockLayout> layout =
      getBlockLayout(blockShape, pads, inputType.getRank());
  std::string why;
  if (layout && inputType.hasStaticShape())
    if (FailureOr<SmallVector<int64_t>> dims = blockedShape(
            cast<RankedTensorType>(inputType), *layout, toBatch, why);
        succeeded(dims))
      return RankedTensorType::get(*dims, elementType);
  return RankedTensorType::get(dynamicDims(inputType.getRank()), elementType);
}

/// The verifier of both ops: the operands' shapes, then the blocked shape.
LogicalResult verifyBlocked(Operation *op, Value input, Value blockShape,
                            Value pads, bool toBatch) {
  StringRef padsName = toBatch ? "paddings" : "crops";
  if (failed(verifyBlocks(op, input, blockShape, pads, padsName)))
    return failure();
  auto inputType = dyn_cast<RankedTensorType>(input.getType());
  if (!inputType || !inputType.hasStaticShape())
    return success();
  std::optional<BlockLayout> layout =
      getBlockLayout(blockShape, pads, inputType.getRank());
  std::string why;
  if (layout && failed(blockedShape(inputType, *layout, toBatch, why)))
    return op->emitOpError(why);
  return success();
}

} // namespace

LogicalResult
SpaceToBatchNDOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                   Adaptor adaptor,
                                   SmallVectorImpl<Type> &inferred) {
  inferred.push_back(inferBlockedType(adaptor.getInput(),
                                      adaptor.getBlockShape(),
                                      adaptor.getPaddings(), /*toBatch=*/true));
  return success();
}

LogicalResult SpaceToBatchNDOp::verify() {
  return verifyBlocked(*this, getInput(), getBlockShape(), getPaddings(),
                       /*toBatch=*/true);
}

LogicalResult
BatchToSpaceNDOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                   Adaptor adaptor,
                                   SmallVectorImpl<Type> &inferred) {
  inferred.push_back(inferBlockedType(adaptor.getInput(),
                                      adaptor.getBlockShape(),
                                      adaptor.getCrops(), /*toBatch=*/false));
  return success();
}

LogicalResult BatchToSpaceNDOp::verify() {
  return verifyBlocked(*this, getInput(), getBlockShape(), getCrops(),
                       /*toBatch=*/false);
}
