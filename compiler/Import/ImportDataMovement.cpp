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
#include "compiler/Support/ResourceLimits.h"

#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/IR/Matchers.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tfc;

namespace {
using Values = SmallVector<Value>;

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

/// MirrorPad: REFLECT or SYMMETRIC.
FailureOr<Values> importMirrorPad(NodeContext &ctx) {
  FailureOr<std::string> mode = ctx.getStringAttr("mode", "");
  if (failed(mode) || failed(ctx.expectInputs(2)) ||
      failed(ctx.expectOperandTypes("T", {0})) ||
      failed(expectIndexType(ctx, "Tpaddings", {1})))
    return failure();
  std::optional<MirrorPadMode> kind = symbolizeMirrorPadMode(*mode);
  if (!kind)
    return ctx.fail("mode must be REFLECT or SYMMETRIC, got '" + *mode + "'");
  return Values{MirrorPadOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                    ctx.operands[1], *kind)};
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
//===----------------------------------------------------------------------===//
// Ops taken apart on import (Unpack, Split, SplitV, IdentityN) or evaluated
// on import (ZerosLike, OnesLike, Range): no new op kinds in the IR.
//===----------------------------------------------------------------------===//

/// `axis` of `value` normalized into [0, rank), with a static size; the
/// error names `what`.
FailureOr<std::pair<int64_t, int64_t>>
staticAxis(NodeContext &ctx, Value value, int64_t axis, StringRef what) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type)
    return ctx.fail(what + " needs an input of known rank");
  int64_t rank = type.getRank();
  if (axis < -rank || axis >= rank)
    return ctx.fail(what + " " + Twine(axis) + " is out of range for rank " +
                    Twine(rank));
  if (axis < 0)
    axis += rank;
  if (type.isDynamicDim(axis))
    return ctx.fail("the size of dimension " + Twine(axis) +
                    " must be known; give the feeds static shapes");
  return std::make_pair(axis, type.getDimSize(axis));
}

/// value[..., begin : begin + size, ...] along `axis`.
Value sliceAlong(NodeContext &ctx, Value value, int64_t axis, int64_t begin,
                 int64_t size) {
  int64_t rank = cast<RankedTensorType>(value.getType()).getRank();
  SmallVector<int64_t> begins(rank, 0), sizes(rank, -1);
  begins[axis] = begin;
  sizes[axis] = size;
  return SliceOp::create(ctx.builder, ctx.loc, value, ctx.constantI64(begins),
                         ctx.constantI64(sizes));
}

/// Unpack: num slices of size 1 along axis, each with the axis removed.
FailureOr<Values> importUnpack(NodeContext &ctx) {
  FailureOr<int64_t> num = ctx.getIntAttr("num", -1);
  FailureOr<int64_t> axisAttr = ctx.getIntAttr("axis", 0);
  if (failed(num) || failed(axisAttr) || failed(ctx.expectInputs(1)) ||
      failed(ctx.expectOperandTypes("T", {0})))
    return failure();
  FailureOr<std::pair<int64_t, int64_t>> axis =
      staticAxis(ctx, ctx.operands[0], *axisAttr, "axis");
  if (failed(axis))
    return failure();
  if (*num != axis->second)
    return ctx.fail("num is " + Twine(*num) + " but dimension " +
                    Twine(axis->first) + " has size " + Twine(axis->second));
  Values outputs;
  for (int64_t i = 0; i < *num; ++i)
    outputs.push_back(
        SqueezeOp::create(ctx.builder, ctx.loc,
                          sliceAlong(ctx, ctx.operands[0], axis->first, i, 1),
                          SmallVector<int64_t>{axis->first}));
  return outputs;
}

/// Split (split_dim, value) into num_split equal parts; SplitV (value,
/// size_splits, split_dim) into the given sizes, one of which may be -1.
FailureOr<Values> importSplit(NodeContext &ctx, bool withSizes) {
  FailureOr<int64_t> count = ctx.getIntAttr("num_split", -1);
  if (failed(count) || failed(ctx.expectInputs(withSizes ? 3 : 2)))
    return failure();
  unsigned valueIndex = withSizes ? 0 : 1, axisIndex = withSizes ? 2 : 0;
  if (failed(ctx.expectOperandTypes("T", {valueIndex})))
    return failure();
  if (*count < 1)
    return ctx.fail("num_split must be at least 1, got " + Twine(*count));
  std::optional<SmallVector<int64_t>> axisValue =
      getConstantInts(ctx.operands[axisIndex]);
  if (!axisValue || axisValue->size() != 1)
    return ctx.fail("split_dim must be a constant scalar");
  Value value = ctx.operands[valueIndex];
  FailureOr<std::pair<int64_t, int64_t>> axis =
      staticAxis(ctx, value, axisValue->front(), "split_dim");
  if (failed(axis))
    return failure();
  int64_t size = axis->second;
  SmallVector<int64_t> sizes;
  if (!withSizes) {
    if (size % *count != 0)
      return ctx.fail("dimension " + Twine(axis->first) + " of size " +
                      Twine(size) + " does not split into " + Twine(*count) +
                      " equal parts");
    sizes.assign(*count, size / *count);
  } else {
    if (failed(expectIndexType(ctx, "Tlen", {1}, /*hasDefault=*/false)))
      return failure();
    std::optional<SmallVector<int64_t>> given =
        getConstantInts(ctx.operands[1]);
    if (!given || static_cast<int64_t>(given->size()) != *count)
      return ctx.fail("size_splits must be a constant of num_split values");
    int64_t known = 0, unknown = -1;
    for (auto [i, part] : llvm::enumerate(*given)) {
      if (part == -1 && unknown < 0) {
        unknown = static_cast<int64_t>(i);
        continue;
      }
      if (part < 0)
        return ctx.fail("size_splits may hold one -1 and no other negative "
                        "size");
      known += part;
    }
    sizes = *given;
    if (unknown >= 0)
      sizes[unknown] = size - known;
    if ((unknown >= 0 && known > size) || (unknown < 0 && known != size))
      return ctx.fail("size_splits add up to " + Twine(known) +
                      " but dimension " + Twine(axis->first) + " has size " +
                      Twine(size));
  }
  Values outputs;
  int64_t begin = 0;
  for (int64_t part : sizes) {
    outputs.push_back(sliceAlong(ctx, value, axis->first, begin, part));
    begin += part;
  }
  return outputs;
}

/// IdentityN forwards each input.
FailureOr<Values> importIdentityN(NodeContext &ctx) {
  if (ctx.operands.empty())
    return ctx.fail("needs at least one input");
  Values outputs;
  for (Value operand : ctx.operands)
    outputs.push_back(IdentityOp::create(ctx.builder, ctx.loc, operand));
  return outputs;
}

/// ZerosLike and OnesLike: a constant of the input's (static) type.
FailureOr<Values> importFilledLike(NodeContext &ctx, int64_t value) {
  if (failed(ctx.expectInputs(1)) || failed(ctx.expectOperandTypes("T", {0})))
    return failure();
  auto type = dyn_cast<RankedTensorType>(ctx.operands[0].getType());
  if (!type || !type.hasStaticShape())
    return ctx.fail("needs an input of static shape; give the feeds static "
                    "shapes");
  Type elementType = type.getElementType();
  Attribute element;
  if (auto floatType = dyn_cast<FloatType>(elementType))
    element = ctx.builder.getFloatAttr(floatType, static_cast<double>(value));
  else
    element = ctx.builder.getIntegerAttr(elementType, value);
  return Values{ConstOp::create(ctx.builder, ctx.loc,
                                SplatElementsAttr::get(type, element))};
}

/// Fill (dims, value): value broadcast to dims.
FailureOr<Values> importFill(NodeContext &ctx) {
  if (failed(ctx.expectInputs(2)) || failed(ctx.expectOperandTypes("T", {1})) ||
      failed(expectIndexType(ctx, "index_type", {0})))
    return failure();
  auto valueType = dyn_cast<RankedTensorType>(ctx.operands[1].getType());
  if (valueType && valueType.getRank() != 0)
    return ctx.fail("value must be a scalar");
  return Values{BroadcastToOp::create(ctx.builder, ctx.loc, ctx.operands[1],
                                      ctx.operands[0])};
}

FailureOr<Values> importBroadcastTo(NodeContext &ctx) {
  if (failed(ctx.expectInputs(2)) || failed(ctx.expectOperandTypes("T", {0})) ||
      failed(expectIndexType(ctx, "Tidx", {1})))
    return failure();
  return Values{BroadcastToOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                      ctx.operands[1])};
}

FailureOr<Values> importTile(NodeContext &ctx) {
  if (failed(ctx.expectInputs(2)) || failed(ctx.expectOperandTypes("T", {0})) ||
      failed(expectIndexType(ctx, "Tmultiples", {1})))
    return failure();
  return Values{
      TileOp::create(ctx.builder, ctx.loc, ctx.operands[0], ctx.operands[1])};
}

/// GatherV2 (params, indices, axis) with batch_dims 0; Gather (params,
/// indices) on axis 0.
FailureOr<Values> importGather(NodeContext &ctx, bool v2) {
  if (failed(ctx.expectInputs(v2 ? 3 : 2)) ||
      failed(ctx.expectOperandTypes("Tparams", {0})) ||
      failed(expectIndexType(ctx, "Tindices", {1}, /*hasDefault=*/false)))
    return failure();
  int64_t axis = 0;
  if (v2) {
    FailureOr<int64_t> batchDims = ctx.getIntAttr("batch_dims", 0);
    if (failed(batchDims) || failed(expectIndexType(ctx, "Taxis", {2},
                                                    /*hasDefault=*/false)))
      return failure();
    if (*batchDims != 0)
      return ctx.fail("batch_dims other than 0 is not supported");
    std::optional<SmallVector<int64_t>> axisValue =
        getConstantInts(ctx.operands[2]);
    if (!axisValue || axisValue->size() != 1)
      return ctx.fail("axis must be a constant scalar");
    axis = axisValue->front();
  }
  auto paramsType = dyn_cast<RankedTensorType>(ctx.operands[0].getType());
  if (paramsType &&
      (paramsType.getRank() == 0 || axis < -paramsType.getRank() ||
       axis >= paramsType.getRank()))
    return ctx.fail("axis " + Twine(axis) +
                    " is out of range for params of "
                    "rank " +
                    Twine(paramsType.getRank()));
  return Values{GatherOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                 ctx.operands[1], axis)};
}

/// TopKV2 (input, k): values and indices. (TopK, with k an attribute, left
/// GraphDefs at version 7; TensorFlow 2.21 refuses to build it.)
FailureOr<Values> importTopKV2(NodeContext &ctx) {
  FailureOr<bool> sorted = ctx.getBoolAttr("sorted", true);
  if (failed(sorted) || failed(ctx.expectInputs(2)) ||
      failed(ctx.expectOperandTypes("T", {0})) ||
      failed(expectIndexType(ctx, "Tk", {1})))
    return failure();
  Type indexType = ctx.builder.getI32Type();
  if (ctx.hasAttr("index_type")) {
    FailureOr<Type> type = ctx.getTypeAttr("index_type");
    if (failed(type))
      return failure();
    if (!type->isInteger(32) && !type->isInteger(64))
      return ctx.fail("index_type must be int32 or int64, got " +
                      elementTypeName(*type));
    indexType = *type;
  }
  auto topK = TopKV2Op::create(ctx.builder, ctx.loc, ctx.operands[0],
                               ctx.operands[1], *sorted, indexType);
  return Values{topK.getValues(), topK.getIndices()};
}

/// ResizeBilinear and ResizeNearestNeighbor (images, size).
template <typename OpTy> FailureOr<Values> importResize(NodeContext &ctx) {
  FailureOr<bool> alignCorners = ctx.getBoolAttr("align_corners", false);
  FailureOr<bool> halfPixelCenters =
      ctx.getBoolAttr("half_pixel_centers", false);
  if (failed(alignCorners) || failed(halfPixelCenters) ||
      failed(ctx.expectInputs(2)) || failed(ctx.expectOperandTypes("T", {0})))
    return failure();
  Type sizeType = cast<TensorType>(ctx.operands[1].getType()).getElementType();
  if (!sizeType.isInteger(32))
    return ctx.fail("size must be int32, got " + elementTypeName(sizeType));
  if (*alignCorners && *halfPixelCenters)
    return ctx.fail("align_corners and half_pixel_centers cannot both be "
                    "true (TensorFlow refuses them too)");
  return Values{OpTy::create(ctx.builder, ctx.loc, ctx.operands[0],
                             ctx.operands[1], *alignCorners,
                             *halfPixelCenters)};
}

/// Range (start, limit, delta), all constants: evaluated on import,
/// accumulating in the element type as TensorFlow does.
FailureOr<Values> importRange(NodeContext &ctx) {
  if (failed(ctx.expectInputs(3)) ||
      failed(ctx.expectOperandTypes("Tidx", {0, 1, 2})))
    return failure();
  Type type = cast<TensorType>(ctx.operands[0].getType()).getElementType();
  DenseElementsAttr bounds[3];
  for (int i = 0; i < 3; ++i)
    if (!matchPattern(ctx.operands[i], m_Constant(&bounds[i])) ||
        bounds[i].getNumElements() != 1)
      return ctx.fail("start, limit and delta must be constant scalars");
  auto fail = [&]() {
    return ctx.fail("delta must be non-zero and point from start to limit");
  };
  // The count is checked against --max_tensor_bytes before anything is
  // built; values go straight into the constant's raw buffer.
  auto checkCount = [&](double count) -> LogicalResult {
    std::string error =
        count > 0x1p62
            ? std::string("Range has more than 2^62 elements")
            : checkTensorSize({static_cast<int64_t>(count)}, storageBytes(type),
                              ctx.maxTensorBytes);
    return error.empty() ? success() : ctx.fail(error);
  };
  std::vector<char> raw;
  auto append = [&](auto value) {
    const char *bytes = reinterpret_cast<const char *>(&value);
    raw.insert(raw.end(), bytes, bytes + sizeof(value));
  };
  int64_t count = 0;
  if (auto floatType = dyn_cast<FloatType>(type)) {
    if (!type.isF32() && !type.isF64())
      return ctx.fail("Tidx must be float, double, int32 or int64, got " +
                      elementTypeName(type));
    double start = bounds[0].getSplatValue<APFloat>().convertToDouble();
    double limit = bounds[1].getSplatValue<APFloat>().convertToDouble();
    double delta = bounds[2].getSplatValue<APFloat>().convertToDouble();
    if (delta == 0 || (delta > 0 && start > limit) ||
        (delta < 0 && start < limit) || !std::isfinite(start) ||
        !std::isfinite(limit) || !std::isfinite(delta))
      return fail();
    double size = std::ceil(std::abs((limit - start) / delta));
    if (failed(checkCount(size)))
      return failure();
    count = static_cast<int64_t>(size);
    // Accumulated in the element type, as TensorFlow's kernel does.
    if (type.isF32()) {
      float value = static_cast<float>(start), step = static_cast<float>(delta);
      for (int64_t i = 0; i < count; ++i, value += step)
        append(value);
    } else {
      double value = start;
      for (int64_t i = 0; i < count; ++i, value += delta)
        append(value);
    }
  } else {
    if (!type.isInteger(32) && !type.isInteger(64))
      return ctx.fail("Tidx must be float, double, int32 or int64, got " +
                      elementTypeName(type));
    int64_t start = bounds[0].getSplatValue<APInt>().getSExtValue();
    int64_t limit = bounds[1].getSplatValue<APInt>().getSExtValue();
    int64_t delta = bounds[2].getSplatValue<APInt>().getSExtValue();
    if (delta == 0 || (delta > 0 && start > limit) ||
        (delta < 0 && start < limit))
      return fail();
    // |limit - start| and |delta| in unsigned arithmetic: no overflow.
    uint64_t span = limit >= start ? uint64_t(limit) - uint64_t(start)
                                   : uint64_t(start) - uint64_t(limit);
    uint64_t stride = delta > 0 ? uint64_t(delta) : 0 - uint64_t(delta);
    uint64_t size = span / stride + (span % stride != 0);
    if (failed(checkCount(static_cast<double>(size))))
      return failure();
    count = static_cast<int64_t>(size);
    for (uint64_t i = 0; i < size; ++i) {
      uint64_t value = uint64_t(start) + i * uint64_t(delta);
      if (type.isInteger(32))
        append(static_cast<int32_t>(value));
      else
        append(static_cast<int64_t>(value));
    }
  }
  auto resultType = RankedTensorType::get({count}, type);
  if (count == 0)
    raw.assign(storageBytes(type), 0);
  return Values{
      ConstOp::create(ctx.builder, ctx.loc,
                      DenseElementsAttr::getFromRawBuffer(resultType, raw))};
}

/// DepthToSpace and SpaceToDepth (NHWC, DCR order) are a reshape, a
/// transpose and a reshape:
///   SpaceToDepth [N, H, W, C] -> [N, H/b, b, W/b, b, C] -> swap axes 2 and 3
///     -> [N, H/b, W/b, b*b*C];
///   DepthToSpace [N, H, W, C] -> [N, H, W, b, b, C/(b*b)] -> swap axes 2 and
///     3 -> [N, H*b, W*b, C/(b*b)].
FailureOr<Values> importDepthSpace(NodeContext &ctx, bool toDepth) {
  FailureOr<int64_t> block = ctx.getIntAttr("block_size", -1);
  FailureOr<std::string> format = ctx.getStringAttr("data_format", "NHWC");
  if (failed(block) || failed(format) || failed(ctx.expectInputs(1)) ||
      failed(ctx.expectOperandTypes("T", {0})))
    return failure();
  if (*format != "NHWC")
    return ctx.fail("data_format " + *format + " is not supported (NHWC only)");
  if (*block < 2)
    return ctx.fail("block_size must be at least 2, got " + Twine(*block));
  auto type = dyn_cast<RankedTensorType>(ctx.operands[0].getType());
  if (!type || type.getRank() != 4 || !type.hasStaticShape())
    return ctx.fail("needs a rank-4 input of static shape; give the feeds "
                    "static shapes");
  int64_t n = type.getDimSize(0), h = type.getDimSize(1);
  int64_t w = type.getDimSize(2), c = type.getDimSize(3), b = *block;
  SmallVector<int64_t> split, merged;
  if (toDepth) {
    if (h % b != 0 || w % b != 0)
      return ctx.fail("height " + Twine(h) + " and width " + Twine(w) +
                      " must be multiples of block_size " + Twine(b));
    split = {n, h / b, b, w / b, b, c};
    merged = {n, h / b, w / b, b * b * c};
  } else {
    if (c % (b * b) != 0)
      return ctx.fail("depth " + Twine(c) + " must be a multiple of " +
                      Twine(b * b));
    split = {n, h, w, b, b, c / (b * b)};
    merged = {n, h * b, w * b, c / (b * b)};
  }
  Value value = ReshapeOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                  ctx.constantI64(split));
  value = TransposeOp::create(ctx.builder, ctx.loc, value,
                              ctx.constantI64({0, 1, 3, 2, 4, 5}));
  return Values{
      ReshapeOp::create(ctx.builder, ctx.loc, value, ctx.constantI64(merged))};
}

/// OneHot (indices, depth, on_value, off_value): indices, given a size-1
/// axis at `axis`, compared with 0 .. depth-1 laid along that axis, then
/// on_value where equal and off_value elsewhere. Out-of-range and negative
/// indices match nothing, as in TensorFlow.
FailureOr<Values> importOneHot(NodeContext &ctx) {
  FailureOr<int64_t> axisAttr = ctx.getIntAttr("axis", -1);
  if (failed(axisAttr) || failed(ctx.expectInputs(4)) ||
      failed(ctx.expectOperandTypes("T", {2, 3})) ||
      failed(expectIndexType(ctx, "TI", {0}, /*hasDefault=*/false)))
    return failure();
  auto indicesType = dyn_cast<RankedTensorType>(ctx.operands[0].getType());
  if (!indicesType)
    return ctx.fail("indices must have a known rank");
  int64_t rank = indicesType.getRank();
  if (*axisAttr < -1 || *axisAttr > rank)
    return ctx.fail("axis must be -1 or in [0, " + Twine(rank) + "], got " +
                    Twine(*axisAttr));
  int64_t axis = *axisAttr == -1 ? rank : *axisAttr;
  std::optional<SmallVector<int64_t>> depth = getConstantInts(ctx.operands[1]);
  if (!depth || depth->size() != 1 || depth->front() < 0)
    return ctx.fail("depth must be a constant, non-negative scalar");
  std::string tooLarge = checkTensorSize(
      {depth->front()}, storageBytes(indicesType.getElementType()),
      ctx.maxTensorBytes);
  if (!tooLarge.empty())
    return ctx.fail(tooLarge);
  for (unsigned i : {2u, 3u}) {
    auto type = dyn_cast<RankedTensorType>(ctx.operands[i].getType());
    if (!type || type.getRank() != 0)
      return ctx.fail(Twine(i == 2 ? "on_value" : "off_value") +
                      " must be a scalar");
  }
  Type indexType = indicesType.getElementType();
  SmallVector<APInt> positions;
  for (int64_t i = 0; i < depth->front(); ++i)
    positions.push_back(APInt(indexType.getIntOrFloatBitWidth(), i));
  SmallVector<int64_t> iotaShape(rank + 1 - axis, 1);
  iotaShape[0] = depth->front();
  Value iota = ConstOp::create(
      ctx.builder, ctx.loc,
      DenseElementsAttr::get(RankedTensorType::get(iotaShape, indexType),
                             positions));
  auto axisType = RankedTensorType::get({}, ctx.builder.getI64Type());
  Value axisValue = ConstOp::create(
      ctx.builder, ctx.loc, DenseIntElementsAttr::get(axisType, {axis}));
  Value expanded =
      ExpandDimsOp::create(ctx.builder, ctx.loc, ctx.operands[0], axisValue);
  Value hot = EqualOp::create(ctx.builder, ctx.loc, expanded, iota);
  return Values{SelectOp::create(ctx.builder, ctx.loc, hot, ctx.operands[2],
                                 ctx.operands[3])};
}

/// SpaceToBatchND (input, block_shape, paddings) and BatchToSpaceND (input,
/// block_shape, crops).
template <typename OpTy>
FailureOr<Values> importSpaceBatch(NodeContext &ctx, StringRef padsAttr) {
  if (failed(ctx.expectInputs(3)) || failed(ctx.expectOperandTypes("T", {0})) ||
      failed(expectIndexType(ctx, "Tblock_shape", {1})) ||
      failed(expectIndexType(ctx, padsAttr, {2})))
    return failure();
  return Values{OpTy::create(ctx.builder, ctx.loc, ctx.operands[0],
                             ctx.operands[1], ctx.operands[2])};
}

} // namespace

void mlir::tfc::addDataMovementImporters(llvm::StringMap<OpImporter> &table) {
  table["Reshape"] = importReshape;
  table["Pad"] = [](NodeContext &ctx) { return importPad(ctx, false); };
  table["PadV2"] = [](NodeContext &ctx) { return importPad(ctx, true); };
  table["MirrorPad"] = importMirrorPad;
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
  table["Unpack"] = importUnpack;
  table["Split"] = [](NodeContext &ctx) { return importSplit(ctx, false); };
  table["SplitV"] = [](NodeContext &ctx) { return importSplit(ctx, true); };
  table["IdentityN"] = importIdentityN;
  table["ZerosLike"] = [](NodeContext &ctx) {
    return importFilledLike(ctx, 0);
  };
  table["OnesLike"] = [](NodeContext &ctx) { return importFilledLike(ctx, 1); };
  table["Fill"] = importFill;
  table["BroadcastTo"] = importBroadcastTo;
  table["Tile"] = importTile;
  table["GatherV2"] = [](NodeContext &ctx) { return importGather(ctx, true); };
  table["Gather"] = [](NodeContext &ctx) { return importGather(ctx, false); };
  table["Range"] = importRange;
  table["TopKV2"] = importTopKV2;
  table["ResizeBilinear"] = importResize<ResizeBilinearOp>;
  table["ResizeNearestNeighbor"] = importResize<ResizeNearestNeighborOp>;
  table["OneHot"] = importOneHot;
  table["DepthToSpace"] = [](NodeContext &ctx) {
    return importDepthSpace(ctx, false);
  };
  table["SpaceToDepth"] = [](NodeContext &ctx) {
    return importDepthSpace(ctx, true);
  };
  table["SpaceToBatchND"] = [](NodeContext &ctx) {
    return importSpaceBatch<SpaceToBatchNDOp>(ctx, "Tpaddings");
  };
  table["BatchToSpaceND"] = [](NodeContext &ctx) {
    return importSpaceBatch<BatchToSpaceNDOp>(ctx, "Tcrops");
  };
}
