//===- ImportDataMovement.cpp - importers of data movement ops ------------===//
//
// Reshape and the ops that select, pad, join and reorder elements, plus
// Shape and Cast. Operands TensorFlow reads as compile-time data (paddings,
// axis, perm, begin/end/strides, size) stay operands, as in the graph; their
// dtype attributes (Tpaddings, Tidx, Index, ...) are checked here. Attributes
// with a default in TensorFlow's op registry may be absent from a GraphDef
// (graphs written with default attributes stripped), so they get that
// default here.
//
//===----------------------------------------------------------------------===//

#include "compiler/Import/NodeContext.h"

#include "dialects/TFC/IR/TFCOps.h"

using namespace mlir;
using namespace mlir::tfc;

namespace {
using Values = SmallVector<Value>;

/// Checks an index dtype attribute (Tidx, Tpaddings, Index, ...) and that
/// operands `indices` have it. TensorFlow allows int32 and int64 and, for
/// most of these attributes, defaults to int32.
LogicalResult expectIndexType(NodeContext &ctx, StringRef attr,
                              ArrayRef<unsigned> indices,
                              bool hasDefault = true) {
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

/// Fails unless attribute N (when present) is the number of values.
LogicalResult expectCount(NodeContext &ctx, size_t count) {
  FailureOr<int64_t> n = ctx.getIntAttr("N", count);
  if (failed(n))
    return failure();
  if (*n != static_cast<int64_t>(count))
    return ctx.fail("attribute N is " + Twine(*n) + " but the node has " +
                    Twine(count) + " values");
  if (count == 0)
    return ctx.fail("needs at least one value");
  return success();
}

FailureOr<Values> importReshape(NodeContext &ctx) {
  if (failed(ctx.expectInputs(2)) || failed(ctx.expectOperandTypes("T", {0})) ||
      failed(expectIndexType(ctx, "Tshape", {1})))
    return failure();
  return Values{ReshapeOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                  ctx.operands[1])};
}

/// Pad (zeros) and PadV2 (a scalar constant_values input).
FailureOr<Values> importPad(NodeContext &ctx, bool hasValue) {
  if (failed(ctx.expectInputs(hasValue ? 3 : 2)) ||
      failed(ctx.expectOperandTypes("T", hasValue ? ArrayRef<unsigned>{0, 2}
                                                  : ArrayRef<unsigned>{0})) ||
      failed(expectIndexType(ctx, "Tpaddings", {1})))
    return failure();
  Value constantValues = hasValue ? ctx.operands[2] : Value();
  return Values{PadOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                              ctx.operands[1], constantValues)};
}

/// ConcatV2: values..., axis. Concat (the old form): concat_dim, values...
FailureOr<Values> importConcat(NodeContext &ctx, bool axisFirst) {
  if (ctx.operands.size() < 2)
    return ctx.fail("expected at least 2 data inputs (values and axis), got " +
                    Twine(ctx.operands.size()));
  size_t count = ctx.operands.size() - 1;
  unsigned axisIndex = axisFirst ? 0 : count;
  SmallVector<unsigned> valueIndices;
  for (unsigned i = 0; i < ctx.operands.size(); ++i)
    if (i != axisIndex)
      valueIndices.push_back(i);
  if (failed(expectCount(ctx, count)) ||
      failed(ctx.expectOperandTypes("T", valueIndices)))
    return failure();
  // Concat's concat_dim is always int32; ConcatV2 has Tidx.
  if (axisFirst) {
    if (!cast<TensorType>(ctx.operands[0].getType())
             .getElementType()
             .isInteger(32))
      return ctx.fail("concat_dim must be int32");
  } else if (failed(expectIndexType(ctx, "Tidx", {axisIndex}))) {
    return failure();
  }
  SmallVector<Value> values;
  for (unsigned i : valueIndices)
    values.push_back(ctx.operands[i]);
  return Values{ConcatV2Op::create(ctx.builder, ctx.loc, values,
                                   ctx.operands[axisIndex])};
}

FailureOr<Values> importPack(NodeContext &ctx) {
  SmallVector<unsigned> indices;
  for (unsigned i = 0; i < ctx.operands.size(); ++i)
    indices.push_back(i);
  if (failed(expectCount(ctx, ctx.operands.size())) ||
      failed(ctx.expectOperandTypes("T", indices)))
    return failure();
  FailureOr<int64_t> axis = ctx.getIntAttr("axis", 0);
  if (failed(axis))
    return failure();
  return Values{PackOp::create(ctx.builder, ctx.loc, ctx.operands, *axis)};
}

FailureOr<Values> importSqueeze(NodeContext &ctx) {
  if (failed(ctx.expectInputs(1)) || failed(ctx.expectOperandTypes("T", {0})))
    return failure();
  FailureOr<SmallVector<int64_t>> dims = ctx.getIntListAttr("squeeze_dims", {});
  if (failed(dims))
    return failure();
  return Values{
      SqueezeOp::create(ctx.builder, ctx.loc, ctx.operands[0], *dims)};
}

FailureOr<Values> importExpandDims(NodeContext &ctx) {
  if (failed(ctx.expectInputs(2)) || failed(ctx.expectOperandTypes("T", {0})) ||
      failed(expectIndexType(ctx, "Tdim", {1})))
    return failure();
  return Values{ExpandDimsOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                     ctx.operands[1])};
}

FailureOr<Values> importTranspose(NodeContext &ctx) {
  if (failed(ctx.expectInputs(2)) || failed(ctx.expectOperandTypes("T", {0})) ||
      failed(expectIndexType(ctx, "Tperm", {1})))
    return failure();
  return Values{TransposeOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                    ctx.operands[1])};
}

FailureOr<Values> importSlice(NodeContext &ctx) {
  if (failed(ctx.expectInputs(3)) || failed(ctx.expectOperandTypes("T", {0})) ||
      failed(expectIndexType(ctx, "Index", {1, 2}, /*hasDefault=*/false)))
    return failure();
  return Values{SliceOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                ctx.operands[1], ctx.operands[2])};
}

FailureOr<Values> importStridedSlice(NodeContext &ctx) {
  if (failed(ctx.expectInputs(4)) || failed(ctx.expectOperandTypes("T", {0})) ||
      failed(expectIndexType(ctx, "Index", {1, 2, 3}, /*hasDefault=*/false)))
    return failure();
  SmallVector<int64_t> masks;
  for (StringRef name : {"begin_mask", "end_mask", "ellipsis_mask",
                         "new_axis_mask", "shrink_axis_mask"}) {
    FailureOr<int64_t> mask = ctx.getIntAttr(name, 0);
    if (failed(mask))
      return failure();
    masks.push_back(*mask);
  }
  return Values{StridedSliceOp::create(
      ctx.builder, ctx.loc, ctx.operands[0], ctx.operands[1], ctx.operands[2],
      ctx.operands[3], masks[0], masks[1], masks[2], masks[3], masks[4])};
}

FailureOr<Values> importShape(NodeContext &ctx) {
  if (failed(ctx.expectInputs(1)) || failed(ctx.expectOperandTypes("T", {0})))
    return failure();
  FailureOr<Type> outType = ctx.hasAttr("out_type")
                                ? ctx.getTypeAttr("out_type")
                                : FailureOr<Type>(ctx.builder.getI32Type());
  if (failed(outType))
    return failure();
  if (!outType->isInteger(32) && !outType->isInteger(64))
    return ctx.fail("out_type must be int32 or int64, got " +
                    elementTypeName(*outType));
  return Values{
      ShapeOp::create(ctx.builder, ctx.loc, ctx.operands[0], *outType)};
}

FailureOr<Values> importCast(NodeContext &ctx) {
  if (failed(ctx.expectInputs(1)) ||
      failed(ctx.expectOperandTypes("SrcT", {0})))
    return failure();
  FailureOr<Type> srcType = ctx.getTypeAttr("SrcT");
  FailureOr<Type> dstType = ctx.getTypeAttr("DstT");
  FailureOr<bool> truncate = ctx.getBoolAttr("Truncate", false);
  if (failed(srcType) || failed(dstType) || failed(truncate))
    return failure();
  // Truncate changes only conversions to a narrower float type (it drops
  // mantissa bits instead of rounding to nearest).
  if (*truncate && isa<FloatType>(*srcType) && isa<FloatType>(*dstType) &&
      dstType->getIntOrFloatBitWidth() < srcType->getIntOrFloatBitWidth())
    return ctx.fail("Truncate=true (truncating instead of rounding " +
                    elementTypeName(*srcType) + " to " +
                    elementTypeName(*dstType) + ") is not supported");
  return Values{
      CastOp::create(ctx.builder, ctx.loc, ctx.operands[0], *dstType)};
}
} // namespace

void mlir::tfc::addDataMovementImporters(llvm::StringMap<OpImporter> &table) {
  table["Reshape"] = importReshape;
  table["Pad"] = [](NodeContext &ctx) { return importPad(ctx, false); };
  table["PadV2"] = [](NodeContext &ctx) { return importPad(ctx, true); };
  table["ConcatV2"] = [](NodeContext &ctx) { return importConcat(ctx, false); };
  table["Concat"] = [](NodeContext &ctx) { return importConcat(ctx, true); };
  table["Pack"] = importPack;
  table["Squeeze"] = importSqueeze;
  table["ExpandDims"] = importExpandDims;
  table["Transpose"] = importTranspose;
  table["Slice"] = importSlice;
  table["StridedSlice"] = importStridedSlice;
  table["Shape"] = importShape;
  table["Cast"] = importCast;
}
