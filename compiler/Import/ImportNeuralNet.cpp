//===- ImportNeuralNet.cpp - importers of neural network ops --------------===//
//
// Convolutions, pooling, normalization and reductions. TensorFlow spells
// window attributes over all four NHWC axes; tfc keeps [height, width] and
// rejects a stride, dilation or window other than 1 on batch and channels.
// NCHW graphs are rejected: they come from GPU training setups, and tfc's
// kernels are NHWC.
//
//===----------------------------------------------------------------------===//

#include "compiler/Import/NodeContext.h"

#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::tfc;

namespace {
using Values = SmallVector<Value>;

LogicalResult expectNHWC(NodeContext &ctx) {
  FailureOr<std::string> format = ctx.getStringAttr("data_format", "NHWC");
  if (failed(format))
    return failure();
  if (*format != "NHWC")
    return ctx.fail("data_format " + *format +
                    " is not supported; tfc compiles NHWC graphs");
  return success();
}

/// Reads a 4-element NHWC list attribute and returns its [h, w] part.
FailureOr<SmallVector<int64_t>> getSpatial(NodeContext &ctx, StringRef name,
                                           ArrayRef<int64_t> defaultValue) {
  FailureOr<SmallVector<int64_t>> values =
      ctx.getIntListAttr(name, defaultValue);
  if (failed(values))
    return failure();
  if (values->size() != 4)
    return ctx.fail("attribute '" + name + "' must have 4 entries (NHWC)");
  if ((*values)[0] != 1 || (*values)[3] != 1)
    return ctx.fail("attribute '" + name +
                    "' must be 1 on the batch and channel axes");
  return SmallVector<int64_t>{(*values)[1], (*values)[2]};
}

/// The attributes shared by Conv2D and DepthwiseConv2dNative.
struct ConvAttrs {
  SmallVector<int64_t> strides, dilations, explicitPads;
  std::string padding;
};

FailureOr<ConvAttrs> getConvAttrs(NodeContext &ctx) {
  if (failed(ctx.expectInputs(2)) ||
      failed(ctx.expectOperandTypes("T", {0, 1})) || failed(expectNHWC(ctx)))
    return failure();
  FailureOr<SmallVector<int64_t>> strides = getSpatial(ctx, "strides", {});
  FailureOr<SmallVector<int64_t>> dilations =
      getSpatial(ctx, "dilations", {1, 1, 1, 1});
  FailureOr<std::string> padding = ctx.getStringAttr("padding", "");
  FailureOr<SmallVector<int64_t>> explicitPads =
      ctx.getIntListAttr("explicit_paddings", {});
  if (failed(strides) || failed(dilations) || failed(padding) ||
      failed(explicitPads))
    return failure();
  ConvAttrs attrs{*strides, *dilations, {}, *padding};
  if (*padding == "EXPLICIT") {
    // TensorFlow lists [before, after] for each of the four NHWC axes.
    if (explicitPads->size() != 8)
      return ctx.fail("EXPLICIT padding needs 8 explicit_paddings");
    if ((*explicitPads)[0] || (*explicitPads)[1] || (*explicitPads)[6] ||
        (*explicitPads)[7])
      return ctx.fail("explicit_paddings must be 0 on batch and channels");
    attrs.explicitPads.assign(explicitPads->begin() + 2,
                              explicitPads->begin() + 6);
  } else if (*padding != "SAME" && *padding != "VALID") {
    return ctx.fail("padding must be SAME, VALID or EXPLICIT, not '" +
                    *padding + "'");
  }
  return attrs;
}

template <typename OpTy> FailureOr<Values> importConvolution(NodeContext &ctx) {
  FailureOr<Type> type = ctx.getTypeAttr("T");
  if (failed(type))
    return failure();
  if (!isa<FloatType>(*type))
    return ctx.fail("supported for floating-point types only");
  FailureOr<ConvAttrs> attrs = getConvAttrs(ctx);
  if (failed(attrs))
    return failure();
  return Values{OpTy::create(ctx.builder, ctx.loc, ctx.operands[0],
                             ctx.operands[1], attrs->strides, attrs->dilations,
                             attrs->padding, attrs->explicitPads)};
}

template <typename OpTy> FailureOr<Values> importPool(NodeContext &ctx) {
  if (failed(ctx.expectInputs(1)) || failed(ctx.expectOperandTypes("T", {0})) ||
      failed(expectNHWC(ctx)))
    return failure();
  FailureOr<Type> type = ctx.getTypeAttr("T");
  if (failed(type))
    return failure();
  if (!isa<FloatType>(*type))
    return ctx.fail("supported for floating-point types only");
  FailureOr<SmallVector<int64_t>> ksize = getSpatial(ctx, "ksize", {});
  FailureOr<SmallVector<int64_t>> strides = getSpatial(ctx, "strides", {});
  FailureOr<std::string> padding = ctx.getStringAttr("padding", "");
  if (failed(ksize) || failed(strides) || failed(padding))
    return failure();
  if (*padding != "SAME" && *padding != "VALID")
    return ctx.fail("padding must be SAME or VALID, not '" + *padding + "'");
  return Values{OpTy::create(ctx.builder, ctx.loc, ctx.operands[0], *ksize,
                             *strides, *padding)};
}

/// MaxPoolV2 takes ksize and strides as inputs; they must be constants.
FailureOr<Values> importMaxPoolV2(NodeContext &ctx) {
  if (failed(ctx.expectInputs(3)) || failed(ctx.expectOperandTypes("T", {0})) ||
      failed(expectNHWC(ctx)))
    return failure();
  SmallVector<SmallVector<int64_t>> windows;
  for (unsigned index : {1u, 2u}) {
    DenseIntElementsAttr values;
    if (!matchPattern(ctx.operands[index], m_Constant(&values)) ||
        values.getNumElements() != 4)
      return ctx.fail(Twine(index == 1 ? "ksize" : "strides") +
                      " must be a constant of 4 values");
    SmallVector<int64_t> list;
    for (const APInt &value : values.getValues<APInt>())
      list.push_back(value.getSExtValue());
    if (list[0] != 1 || list[3] != 1)
      return ctx.fail("pooling windows must be 1 on batch and channels");
    windows.push_back({list[1], list[2]});
  }
  FailureOr<std::string> padding = ctx.getStringAttr("padding", "");
  if (failed(padding))
    return failure();
  if (*padding != "SAME" && *padding != "VALID")
    return ctx.fail("padding must be SAME or VALID, not '" + *padding + "'");
  return Values{MaxPoolOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                  windows[0], windows[1], *padding)};
}

FailureOr<Values> importLRN(NodeContext &ctx) {
  if (failed(ctx.expectInputs(1)) || failed(ctx.expectOperandTypes("T", {0})))
    return failure();
  FailureOr<int64_t> radius = ctx.getIntAttr("depth_radius", 5);
  FailureOr<double> bias = ctx.getFloatAttr("bias", 1.0);
  FailureOr<double> alpha = ctx.getFloatAttr("alpha", 1.0);
  FailureOr<double> beta = ctx.getFloatAttr("beta", 0.5);
  if (failed(radius) || failed(bias) || failed(alpha) || failed(beta))
    return failure();
  OpBuilder &b = ctx.builder;
  return Values{
      LRNOp::create(b, ctx.loc, ctx.operands[0], b.getI64IntegerAttr(*radius),
                    b.getF64FloatAttr(*bias), b.getF64FloatAttr(*alpha),
                    b.getF64FloatAttr(*beta))};
}

/// FusedBatchNorm, V2 and V3 in inference mode. In that mode the op's
/// batch_mean and batch_variance outputs are its mean and variance inputs;
/// the reserve-space outputs have no meaning for inference.
FailureOr<Values> importBatchNorm(NodeContext &ctx) {
  if (failed(ctx.expectInputs(5)) || failed(expectNHWC(ctx)) ||
      failed(ctx.expectOperandTypes("T", {0})))
    return failure();
  FailureOr<bool> training = ctx.getBoolAttr("is_training", true);
  FailureOr<double> epsilon = ctx.getFloatAttr("epsilon", 0.0001);
  if (failed(training) || failed(epsilon))
    return failure();
  if (*training)
    return ctx.fail("is_training is true; only inference-mode batch norm is "
                    "supported (export the model with training=False)");
  Type xType = cast<TensorType>(ctx.operands[0].getType()).getElementType();
  for (unsigned i = 1; i < 5; ++i)
    if (cast<TensorType>(ctx.operands[i].getType()).getElementType() != xType)
      return ctx.fail("scale, offset, mean and variance must have x's type; "
                      "mixed-precision batch norm is not supported");
  Value y = BatchNormOp::create(
      ctx.builder, ctx.loc, ctx.operands[0], ctx.operands[1], ctx.operands[2],
      ctx.operands[3], ctx.operands[4], ctx.builder.getF64FloatAttr(*epsilon));
  return Values{y, ctx.operands[3], ctx.operands[4]};
}

template <typename OpTy> FailureOr<Values> importReduction(NodeContext &ctx) {
  if (failed(ctx.expectInputs(2)) || failed(ctx.expectOperandTypes("T", {0})) ||
      failed(ctx.expectOperandTypes("Tidx", {1})))
    return failure();
  FailureOr<bool> keepDims = ctx.getBoolAttr("keep_dims", false);
  if (failed(keepDims))
    return failure();
  return Values{OpTy::create(ctx.builder, ctx.loc, ctx.operands[0],
                             ctx.operands[1], *keepDims)};
}

template <typename OpTy>
FailureOr<Values> importArgReduction(NodeContext &ctx) {
  if (failed(ctx.expectInputs(2)) || failed(ctx.expectOperandTypes("T", {0})) ||
      failed(ctx.expectOperandTypes("Tidx", {1})))
    return failure();
  // TensorFlow's default output_type is int64.
  FailureOr<Type> outputType = ctx.hasAttr("output_type")
                                   ? ctx.getTypeAttr("output_type")
                                   : FailureOr<Type>(ctx.builder.getI64Type());
  if (failed(outputType))
    return failure();
  return Values{OpTy::create(ctx.builder, ctx.loc, ctx.operands[0],
                             ctx.operands[1], *outputType)};
}
} // namespace

void mlir::tfc::addNeuralNetImporters(llvm::StringMap<OpImporter> &table) {
  table["Conv2D"] = importConvolution<Conv2DOp>;
  table["DepthwiseConv2dNative"] = importConvolution<DepthwiseConv2DOp>;
  table["MaxPool"] = importPool<MaxPoolOp>;
  table["AvgPool"] = importPool<AvgPoolOp>;
  table["LRN"] = importLRN;
  table["FusedBatchNorm"] = importBatchNorm;
  table["FusedBatchNormV2"] = importBatchNorm;
  table["FusedBatchNormV3"] = importBatchNorm;
  table["Mean"] = importReduction<MeanOp>;
  table["Sum"] = importReduction<SumOp>;
  table["Max"] = importReduction<MaxOp>;
  table["ArgMax"] = importArgReduction<ArgMaxOp>;
  table["ArgMin"] = importArgReduction<ArgMinOp>;
  table["MaxPoolV2"] = importMaxPoolV2;
}
