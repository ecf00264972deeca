//===- Utils.h - helpers shared by the tfc to linalg patterns ---*- C++ -*-===//

#ifndef TFC_COMPILER_CONVERSION_TFCTOLINALG_UTILS_H
#define TFC_COMPILER_CONVERSION_TFCTOLINALG_UTILS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

namespace mlir::tfc {

/// Builds scalar code inside a linalg body from the block arguments of the
/// inputs (the output argument excluded).
using ScalarBuilder =
    function_ref<Value(OpBuilder &, Location, ValueRange inputs)>;

/// A linalg.generic computing `resultType` elementwise from `inputs`, each
/// broadcast to the result shape by numpy rules (leading dimensions added,
/// size-1 dimensions stretched).
Value buildBroadcastingElementwise(OpBuilder &builder, Location loc,
                                   RankedTensorType resultType,
                                   ValueRange inputs, ScalarBuilder body);

/// A linalg.generic over `resultType`'s iteration space in which input i is
/// read through `inputMaps[i]` (the output map is the identity).
Value buildElementwise(OpBuilder &builder, Location loc,
                       RankedTensorType resultType, ValueRange inputs,
                       ArrayRef<AffineMap> inputMaps, ScalarBuilder body);

/// A tensor of `type` filled with `value`.
Value buildFilled(OpBuilder &builder, Location loc, RankedTensorType type,
                  TypedAttr value);

/// A scalar constant of `type` (integer or float) holding `value`.
Value buildScalar(OpBuilder &builder, Location loc, Type type, double value);

} // namespace mlir::tfc

#endif // TFC_COMPILER_CONVERSION_TFCTOLINALG_UTILS_H
