//===- Utils.h - helpers shared by the tfc to linalg patterns ---*- C++ -*-===//

#ifndef TFC_COMPILER_CONVERSION_TFCTOLINALG_UTILS_H
#define TFC_COMPILER_CONVERSION_TFCTOLINALG_UTILS_H

#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
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

/// `input` padded by `low`/`high` elements per dimension with the scalar
/// `padValue`; `input` itself when every pad is zero.
Value buildPadded(OpBuilder &builder, Location loc, Value input,
                  ArrayRef<int64_t> low, ArrayRef<int64_t> high,
                  TypedAttr padValue);

/// The slice of `tensor` at position `index` (computed at run time) along
/// `axis`, with that axis dropped: a view.
Value extractAlong(OpBuilder &builder, Location loc, Value tensor, int64_t axis,
                   Value index);

/// `tensor` with `slice` (its shape without `axis`) written at position
/// `index` along `axis`.
Value insertAlong(OpBuilder &builder, Location loc, Value slice, Value tensor,
                  int64_t axis, Value index);

/// The lowest value of a float (-inf) or signed integer type, the identity of
/// max.
TypedAttr getLowestAttr(OpBuilder &builder, Type type);

/// The highest value of a float (+inf) or signed integer type, the identity
/// of min.
TypedAttr getHighestAttr(OpBuilder &builder, Type type);

/// Reassociation that expands a tensor whose `reduced` axes were dropped back
/// to `rank` dimensions with those axes of size 1 (keep_dims).
SmallVector<ReassociationIndices>
getKeepDimsReassociation(int64_t rank, ArrayRef<int64_t> reduced);

} // namespace mlir::tfc

#endif // TFC_COMPILER_CONVERSION_TFCTOLINALG_UTILS_H
