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
#include "compiler/Support/ResourceLimits.h"

#include "dialects/TFC/IR/TFCOps.h"

#include <algorithm>
#include <cmath>

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

/// The `padding` attribute: SAME or VALID, or EXPLICIT where allowed.
FailureOr<Padding> getPadding(NodeContext &ctx, bool allowExplicit) {
  FailureOr<std::string> name = ctx.getStringAttr("padding", "");
  if (failed(name))
    return failure();
  std::optional<Padding> padding = symbolizePadding(*name);
  if (!padding || (*padding == Padding::Explicit && !allowExplicit))
    return ctx.fail(Twine("padding must be SAME") +
                    (allowExplicit ? ", VALID or EXPLICIT" : " or VALID") +
                    ", not '" + *name + "'");
  return *padding;
}

/// The attributes shared by Conv2D, DepthwiseConv2dNative and
/// Conv2DBackpropInput.
struct ConvAttrs {
  SmallVector<int64_t> strides, dilations, explicitPads;
  Padding padding;
};

/// Also checks that the node has `inputs` data inputs, of which `typed` have
/// type T.
FailureOr<ConvAttrs> getConvAttrs(NodeContext &ctx, size_t inputs = 2,
                                  ArrayRef<unsigned> typed = {0, 1}) {
  if (failed(ctx.expectInputs(inputs)) ||
      failed(ctx.expectOperandTypes("T", typed)) || failed(expectNHWC(ctx)))
    return failure();
  FailureOr<SmallVector<int64_t>> strides = getSpatial(ctx, "strides", {});
  FailureOr<SmallVector<int64_t>> dilations =
      getSpatial(ctx, "dilations", {1, 1, 1, 1});
  FailureOr<Padding> padding = getPadding(ctx, /*allowExplicit=*/true);
  FailureOr<SmallVector<int64_t>> explicitPads =
      ctx.getIntListAttr("explicit_paddings", {});
  if (failed(strides) || failed(dilations) || failed(padding) ||
      failed(explicitPads))
    return failure();
  ConvAttrs attrs{*strides, *dilations, {}, *padding};
  if (*padding == Padding::Explicit) {
    // TensorFlow lists [before, after] for each of the four NHWC axes.
    if (explicitPads->size() != 8)
      return ctx.fail("EXPLICIT padding needs 8 explicit_paddings");
    if ((*explicitPads)[0] || (*explicitPads)[1] || (*explicitPads)[6] ||
        (*explicitPads)[7])
      return ctx.fail("explicit_paddings must be 0 on batch and channels");
    attrs.explicitPads.assign(explicitPads->begin() + 2,
                              explicitPads->begin() + 6);
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

/// Conv2DBackpropInput (input_sizes, filter, out_backprop): the transposed
/// convolution, with the forward convolution's window attributes.
/// input_sizes is int32; a computed one (Keras packs the batch from Shape)
/// folds to a constant once feeds are static.
FailureOr<Values> importConv2DBackpropInput(NodeContext &ctx) {
  FailureOr<Type> type = ctx.getTypeAttr("T");
  if (failed(type))
    return failure();
  if (!isa<FloatType>(*type))
    return ctx.fail("supported for floating-point types only");
  FailureOr<ConvAttrs> attrs = getConvAttrs(ctx, 3, {1, 2});
  if (failed(attrs))
    return failure();
  if (!cast<TensorType>(ctx.operands[0].getType())
           .getElementType()
           .isInteger(32))
    return ctx.fail("input_sizes must be int32");
  return Values{Conv2DTransposeOp::create(
      ctx.builder, ctx.loc, ctx.operands[0], ctx.operands[1], ctx.operands[2],
      attrs->strides, attrs->dilations, attrs->padding, attrs->explicitPads)};
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
  FailureOr<Padding> padding = getPadding(ctx, /*allowExplicit=*/false);
  if (failed(ksize) || failed(strides) || failed(padding))
    return failure();
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
  FailureOr<Padding> padding = getPadding(ctx, /*allowExplicit=*/false);
  if (failed(padding))
    return failure();
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
  // All and Any reduce booleans and have no type attribute.
  constexpr bool isLogical =
      std::is_same_v<OpTy, AllOp> || std::is_same_v<OpTy, AnyOp>;
  if (failed(ctx.expectInputs(2)) ||
      failed(isLogical ? ctx.expectBoolOperands({0})
                       : ctx.expectOperandTypes("T", {0})) ||
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
/// Cumsum (x, axis): exclusive and reverse, every combination.
FailureOr<Values> importCumsum(NodeContext &ctx) {
  FailureOr<bool> exclusive = ctx.getBoolAttr("exclusive", false);
  FailureOr<bool> reverse = ctx.getBoolAttr("reverse", false);
  if (failed(exclusive) || failed(reverse) || failed(ctx.expectInputs(2)) ||
      failed(ctx.expectOperandTypes("T", {0})) ||
      failed(expectIndexType(ctx, "Tidx", {1})))
    return failure();
  return Values{CumsumOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                 ctx.operands[1], *exclusive, *reverse)};
}

/// Dequantize of constant weights (TensorFlow's quantize_weights and
/// quantize_graph store weights as 8-bit integers plus a float range) is
/// evaluated on import into a float constant, with TensorFlow's formula for
/// each mode. Run-time inputs are not supported.
FailureOr<Values> importDequantize(NodeContext &ctx) {
  FailureOr<std::string> mode = ctx.getStringAttr("mode", "MIN_COMBINED");
  FailureOr<bool> narrowRange = ctx.getBoolAttr("narrow_range", false);
  FailureOr<int64_t> axis = ctx.getIntAttr("axis", -1);
  if (failed(mode) || failed(narrowRange) || failed(axis) ||
      failed(ctx.expectInputs(3)))
    return failure();
  Type outputType = ctx.builder.getF32Type();
  if (ctx.hasAttr("dtype")) {
    FailureOr<Type> dtype = ctx.getTypeAttr("dtype");
    if (failed(dtype))
      return failure();
    if (!dtype->isF32())
      return ctx.fail("dtype must be float, got " + elementTypeName(*dtype));
  }
  if (*mode != "MIN_COMBINED" && *mode != "MIN_FIRST" && *mode != "SCALED")
    return ctx.fail("mode must be MIN_COMBINED, MIN_FIRST or SCALED, not '" +
                    *mode + "'");
  DenseElementsAttr attrs[3];
  for (int i = 0; i < 3; ++i) {
    Value operand = ctx.operands[i];
    while (auto identity = operand.getDefiningOp<IdentityOp>())
      operand = identity.getInput();
    if (!matchPattern(operand, m_Constant(&attrs[i])))
      return ctx.fail("only Dequantize of constants (quantized weights) is "
                      "supported");
  }
  auto inputType = cast<RankedTensorType>(attrs[0].getType());
  auto storage = dyn_cast<IntegerType>(inputType.getElementType());
  if (!storage || storage.getWidth() > 32 || storage.getWidth() == 1)
    return ctx.fail("input must hold quantized integers");
  if (!attrs[1].getElementType().isF32() || !attrs[2].getElementType().isF32())
    return ctx.fail("min_range and max_range must be float");
  // The float result takes 4 bytes per element, the input as few as 1.
  std::string tooLarge =
      checkTensorSize(inputType.getShape(), 4, ctx.maxTensorBytes);
  if (!tooLarge.empty())
    return ctx.fail(tooLarge);
  int64_t rank = inputType.getRank();
  int64_t channels = 1, inner = 1;
  if (*axis != -1) {
    if (*axis < 0 || *axis >= rank)
      return ctx.fail("axis " + Twine(*axis) + " is out of range for rank " +
                      Twine(rank));
    channels = inputType.getDimSize(*axis);
    for (int64_t d = *axis + 1; d < rank; ++d)
      inner *= inputType.getDimSize(d);
  }
  SmallVector<float> minima(attrs[1].getValues<float>());
  SmallVector<float> maxima(attrs[2].getValues<float>());
  if (static_cast<int64_t>(minima.size()) != channels ||
      static_cast<int64_t>(maxima.size()) != channels)
    return ctx.fail("min_range and max_range must hold " + Twine(channels) +
                    (*axis == -1 ? " value" : " values (one per channel)"));
  bool isSigned = !storage.isUnsigned();
  unsigned bits = storage.getWidth();
  double lowest = isSigned ? -std::ldexp(1.0, bits - 1) : 0.0;
  double highest =
      isSigned ? std::ldexp(1.0, bits - 1) - 1 : std::ldexp(1.0, bits) - 1;
  SmallVector<float> values;
  values.reserve(inputType.getNumElements());
  int64_t index = 0;
  for (const APInt &raw : attrs[0].getValues<APInt>()) {
    double q = isSigned ? static_cast<double>(raw.getSExtValue())
                        : static_cast<double>(raw.getZExtValue());
    int64_t channel = (index++ / inner) % channels;
    float lo = minima[channel], hi = maxima[channel];
    float result;
    if (*mode == "MIN_COMBINED") {
      float halfRange =
          isSigned ? static_cast<float>((highest - lowest + 1) / 2) : 0.0f;
      float scale = (hi - lo) / static_cast<float>(highest - lowest);
      result = (static_cast<float>(q) + halfRange) * scale + lo;
    } else if (*mode == "MIN_FIRST") {
      if (lo == hi) {
        result = lo;
      } else {
        double steps = std::ldexp(1.0, bits);
        double rangeScale =
            (static_cast<double>(hi) - lo) * (steps / (steps - 1)) / steps;
        float scaleF = static_cast<float>(rangeScale);
        float minRounded = std::round(lo / scaleF) * scaleF;
        result = static_cast<float>((q - lowest) * rangeScale + minRounded);
      }
    } else {
      double minOutput = lowest + (*narrowRange ? 1 : 0);
      float scale = lowest == 0 ? hi / static_cast<float>(highest)
                                : std::max(lo / static_cast<float>(minOutput),
                                           hi / static_cast<float>(highest));
      result = static_cast<float>(q) * scale;
    }
    values.push_back(result);
  }
  auto resultType = RankedTensorType::get(inputType.getShape(), outputType);
  return Values{ConstOp::create(
      ctx.builder, ctx.loc,
      DenseElementsAttr::get(resultType, ArrayRef<float>(values)))};
}

} // namespace

void mlir::tfc::addNeuralNetImporters(llvm::StringMap<OpImporter> &table) {
  table["Conv2D"] = importConvolution<Conv2DOp>;
  table["DepthwiseConv2dNative"] = importConvolution<DepthwiseConv2DOp>;
  table["Conv2DBackpropInput"] = importConv2DBackpropInput;
  table["MaxPool"] = importPool<MaxPoolOp>;
  table["AvgPool"] = importPool<AvgPoolOp>;
  table["LRN"] = importLRN;
  table["FusedBatchNorm"] = importBatchNorm;
  table["FusedBatchNormV2"] = importBatchNorm;
  table["FusedBatchNormV3"] = importBatchNorm;
  table["Mean"] = importReduction<MeanOp>;
  table["Sum"] = importReduction<SumOp>;
  table["Max"] = importReduction<MaxOp>;
  table["Min"] = importReduction<MinOp>;
  table["Prod"] = importReduction<ProdOp>;
  table["All"] = importReduction<AllOp>;
  table["Any"] = importReduction<AnyOp>;
  table["ArgMax"] = importArgReduction<ArgMaxOp>;
  table["ArgMin"] = importArgReduction<ArgMinOp>;
  table["MaxPoolV2"] = importMaxPoolV2;
  table["Dequantize"] = importDequantize;
  table["Cumsum"] = importCumsum;
}
