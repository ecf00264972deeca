//===- KernelConstants.h - float32 constants for the kernels ----*- C++ -*-===//
//
// What tfc-use-kernels and tfc-fuse-pointwise-depthwise both need: the
// values of a float32 constant, and a new flat one for packed weights.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_COMPILER_TRANSFORMS_KERNELCONSTANTS_H
#define TFC_COMPILER_TRANSFORMS_KERNELCONSTANTS_H

#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"

#include <optional>
#include <vector>

namespace mlir::tfc {

/// The float32 values of a constant `value` in its own order; none when it
/// is not one (or is null).
inline std::optional<std::vector<float>> constantFloats(Value value) {
  ElementsAttr values;
  if (!value || !matchPattern(value, m_Constant(&values)))
    return std::nullopt;
  auto floats = values.tryGetValues<float>();
  if (!floats)
    return std::nullopt;
  return std::vector<float>(floats->begin(), floats->end());
}

/// A flat float32 constant holding `data`, at the builder's insertion point.
inline Value flatConstant(OpBuilder &builder, Location loc,
                          ArrayRef<float> data) {
  auto type = RankedTensorType::get({static_cast<int64_t>(data.size())},
                                    builder.getF32Type());
  return ConstOp::create(builder, loc, DenseElementsAttr::get(type, data));
}

} // namespace mlir::tfc

#endif // TFC_COMPILER_TRANSFORMS_KERNELCONSTANTS_H
