//===- ResourceLimits.cpp - element counts and byte caps ------------------===//

#include "compiler/Support/ResourceLimits.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::tfc;

std::optional<int64_t>
mlir::tfc::checkedElementCount(llvm::ArrayRef<int64_t> dims) {
  int64_t count = 1;
  for (int64_t dim : dims) {
    if (dim < 0)
      return std::nullopt;
    if (llvm::MulOverflow(count, dim, count))
      return std::nullopt;
  }
  return count;
}

std::optional<int64_t> mlir::tfc::checkedByteSize(llvm::ArrayRef<int64_t> dims,
                                                  int64_t elementBytes) {
  std::optional<int64_t> count = checkedElementCount(dims);
  int64_t bytes;
  if (!count || llvm::MulOverflow(*count, elementBytes, bytes))
    return std::nullopt;
  return bytes;
}

int64_t mlir::tfc::storageBytes(Type elementType) {
  if (!elementType.isIntOrFloat())
    return 1;
  return std::max<int64_t>(1, (elementType.getIntOrFloatBitWidth() + 7) / 8);
}

std::string mlir::tfc::formatShape(llvm::ArrayRef<int64_t> dims) {
  std::string text = "[";
  for (auto [i, dim] : llvm::enumerate(dims)) {
    if (i)
      text += ",";
    text += dim < 0 ? "?" : std::to_string(dim);
  }
  return text + "]";
}

std::string mlir::tfc::checkTensorSize(llvm::ArrayRef<int64_t> dims,
                                       int64_t elementBytes, int64_t maxBytes) {
  // Dynamic sizes are not known yet; the static ones may already overflow.
  SmallVector<int64_t> known;
  for (int64_t dim : dims)
    if (dim >= 0)
      known.push_back(dim);
  std::optional<int64_t> bytes = checkedByteSize(known, elementBytes);
  if (!bytes)
    return "a tensor of shape " + formatShape(dims) +
           " has more bytes than a 64-bit size can count";
  if (*bytes > maxBytes)
    return "a tensor of shape " + formatShape(dims) + " needs " +
           std::to_string(*bytes) + " bytes, over the limit of " +
           std::to_string(maxBytes) +
           "; raise --max_tensor_bytes if it is meant";
  return "";
}

/// Checks one value's type; reports at `loc`.
static LogicalResult checkValue(Value value, Location loc, int64_t maxBytes) {
  auto type = dyn_cast<ShapedType>(value.getType());
  if (!type || !type.hasRank())
    return success();
  std::string error = checkTensorSize(
      type.getShape(), storageBytes(type.getElementType()), maxBytes);
  if (error.empty())
    return success();
  return emitError(loc, error);
}

LogicalResult mlir::tfc::checkTensorSizes(Operation *root, int64_t maxBytes) {
  WalkResult result = root->walk([&](Operation *op) {
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (BlockArgument arg : block.getArguments())
          if (failed(checkValue(arg, arg.getLoc(), maxBytes)))
            return WalkResult::interrupt();
    for (Value value : op->getResults())
      if (failed(checkValue(value, op->getLoc(), maxBytes)))
        return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}
