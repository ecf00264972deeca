//===- TFCDataMovementOps.cpp - data movement op semantics ----------------===//
//
// Type inference, verifiers and folders of the data movement ops
// (TFCDataMovementOps.td).
//
//===----------------------------------------------------------------------===//

#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::tfc;

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
    } else {
      knownProduct *= dim;
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
