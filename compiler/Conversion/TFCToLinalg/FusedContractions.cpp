//===- FusedContractions.cpp - fused contractions to linalg ---------------===//
//
// A fused contraction (tfc-fuse-contractions) costs one pass over its result
// beyond the contraction itself, or none:
//   1. the contraction's accumulator starts at the bias broadcast along the
//      channel axis (linalg.broadcast) instead of zeros, so the bias is
//      added for free;
//   2. the residual Add and the activation are one elementwise
//      linalg.generic whose `outs` is the contraction's result, which
//      one-shot bufferization updates in place, without a new buffer.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/TFCToLinalg/Activations.h"
#include "compiler/Conversion/TFCToLinalg/Contractions.h"
#include "compiler/Conversion/TFCToLinalg/Patterns.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// A tensor of `resultType` holding `bias` (1-D) along the innermost axis.
Value buildBroadcastBias(OpBuilder &b, Location loc, Value bias,
                         RankedTensorType resultType) {
  Value empty = tensor::EmptyOp::create(b, loc, resultType.getShape(),
                                        resultType.getElementType());
  auto outerDims =
      llvm::to_vector(llvm::seq<int64_t>(resultType.getRank() - 1));
  return linalg::BroadcastOp::create(b, loc, bias, empty, outerDims)
      .getResult()[0];
}

/// The scalar activation of `x`.
Value buildActivation(OpBuilder &b, Location loc, Activation activation,
                      double alpha, Value x) {
  switch (activation) {
  case Activation::None:
    return x;
  case Activation::Relu:
    return buildRelu(b, loc, x);
  case Activation::Relu6:
    return buildRelu6(b, loc, x);
  case Activation::Elu:
    return buildElu(b, loc, x);
  case Activation::LeakyRelu:
    return buildLeakyRelu(b, loc, x, alpha);
  case Activation::Sigmoid:
    return buildSigmoid(b, loc, x);
  case Activation::Tanh:
    return buildTanh(b, loc, x);
  }
  llvm_unreachable("unknown activation");
}

/// activation(value + residual), elementwise, written over `value` itself.
/// `value` itself when there is nothing to do.
Value buildEpilogueInPlace(OpBuilder &b, Location loc, Value value,
                           Value residual, Activation activation,
                           double alpha) {
  if (!residual && activation == Activation::None)
    return value;
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<Value> inputs;
  if (residual)
    inputs.push_back(residual);
  SmallVector<AffineMap> maps(inputs.size() + 1,
                              b.getMultiDimIdentityMap(type.getRank()));
  SmallVector<utils::IteratorType> iterators(type.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, type, inputs, /*outputs=*/value, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        // The last argument is the element of `value` being overwritten.
        Value x = args.back();
        if (residual)
          x = arith::AddFOp::create(nested, nestedLoc, x, args.front());
        x = buildActivation(nested, nestedLoc, activation, alpha, x);
        linalg::YieldOp::create(nested, nestedLoc, x);
      });
  return generic.getResult(0);
}

// The contraction of each fused op, accumulating into `init`.
FailureOr<Value> buildContraction(FusedConv2DOp op,
                                  FusedConv2DOp::Adaptor adaptor, OpBuilder &b,
                                  Value init) {
  return buildConv2D(b, op.getLoc(), adaptor.getInput(), adaptor.getFilter(),
                     WindowAttrs::of(op), init);
}
FailureOr<Value> buildContraction(FusedDepthwiseConv2DOp op,
                                  FusedDepthwiseConv2DOp::Adaptor adaptor,
                                  OpBuilder &b, Value init) {
  return buildDepthwiseConv2D(b, op.getLoc(), adaptor.getInput(),
                              adaptor.getFilter(), WindowAttrs::of(op), init);
}
FailureOr<Value> buildContraction(FusedMatMulOp op,
                                  FusedMatMulOp::Adaptor adaptor, OpBuilder &b,
                                  Value init) {
  return buildMatMul(b, op.getLoc(), adaptor.getA(), adaptor.getB(),
                     op.getTransposeA(), op.getTransposeB(), init);
}

template <typename FusedOp>
struct FusedContractionLowering : OpConversionPattern<FusedOp> {
  using OpConversionPattern<FusedOp>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(FusedOp op, typename FusedOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Value init =
        buildBroadcastBias(rewriter, loc, adaptor.getBias(), resultType);
    FailureOr<Value> contraction =
        buildContraction(op, adaptor, rewriter, init);
    if (failed(contraction))
      return rewriter.notifyMatchFailure(op, "window does not fit");
    Value result = buildEpilogueInPlace(
        rewriter, loc, *contraction, adaptor.getResidual(), op.getActivation(),
        op.getAlpha().convertToDouble());
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::tfc::populateFusedContractionPatterns(TypeConverter &converter,
                                                 RewritePatternSet &patterns) {
  patterns.add<FusedContractionLowering<FusedConv2DOp>,
               FusedContractionLowering<FusedDepthwiseConv2DOp>,
               FusedContractionLowering<FusedMatMulOp>>(converter,
                                                        patterns.getContext());
}
