//===- Normalization.cpp - LRN and inference batch norm to linalg ---------===//
//
// Batch norm in inference mode is one elementwise pass with per-channel
// vectors. LRN squares the input, sums a window over the channel axis (of a
// zero-padded copy, so edge channels sum fewer terms as in TensorFlow) and
// scales the input by (bias + alpha * sum) ^ -beta (square roots for the
// common betas).
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/TFCToLinalg/Patterns.h"
#include "compiler/Conversion/TFCToLinalg/Utils.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::tfc;

namespace {

struct BatchNormLowering : OpConversionPattern<BatchNormOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(BatchNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    Type elementType = type.getElementType();
    int64_t rank = type.getRank();
    MLIRContext *context = op.getContext();
    AffineMap channel =
        AffineMap::get(rank, 0, getAffineDimExpr(rank - 1, context));
    SmallVector<AffineMap> maps = {
        AffineMap::getMultiDimIdentityMap(rank, context), channel, channel,
        channel, channel};
    double epsilon = op.getEpsilon().convertToDouble();
    Value result = buildElementwise(
        rewriter, op.getLoc(), type,
        {adaptor.getX(), adaptor.getScale(), adaptor.getOffset(),
         adaptor.getMean(), adaptor.getVariance()},
        maps, [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          // (x - mean) * (scale / sqrt(variance + epsilon)) + offset
          Value x = args[0], scale = args[1], offset = args[2], mean = args[3],
                variance = args[4];
          Value shifted = arith::AddFOp::create(
              b, loc, variance, buildScalar(b, loc, elementType, epsilon));
          Value root = math::SqrtOp::create(b, loc, shifted);
          Value factor = arith::DivFOp::create(b, loc, scale, root);
          Value centered = arith::SubFOp::create(b, loc, x, mean);
          Value scaled = arith::MulFOp::create(b, loc, centered, factor);
          return arith::AddFOp::create(b, loc, scaled, offset);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// base ^ -beta. The betas LRN is used with in practice (0.75 in the
/// CIFAR-10 and AlexNet models, 0.5, 1) are square roots and a division,
/// which LLVM vectorizes, within 2 ulp of the power; the others call powf,
/// one element at a time (CIFAR-10's two LRNs took a quarter of the model's
/// time in powf; the model 0.31-0.35 -> 0.16-0.20 ms with the roots, one
/// Zen 5 core).
/// TensorFlow's own CPU kernel special-cases 0.5 and 1 alike.
Value buildNegativePower(OpBuilder &b, Location loc, Value base, double beta) {
  Type type = base.getType();
  Value one = buildScalar(b, loc, type, 1.0);
  if (beta == 1.0)
    return arith::DivFOp::create(b, loc, one, base);
  if (beta == 0.5 || beta == 0.75) {
    Value root = math::SqrtOp::create(b, loc, base);
    Value denominator =
        beta == 0.5 ? root
                    : arith::MulFOp::create(b, loc, root,
                                            math::SqrtOp::create(b, loc, root));
    return arith::DivFOp::create(b, loc, one, denominator);
  }
  return math::PowFOp::create(b, loc, base, buildScalar(b, loc, type, -beta));
}

struct LRNLowering : OpConversionPattern<LRNOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(LRNOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = op.getContext();
    auto type = cast<RankedTensorType>(op.getType());
    Type elementType = type.getElementType();
    int64_t radius = op.getDepthRadius();
    Value input = adaptor.getInput();

    AffineMap identity4 = AffineMap::getMultiDimIdentityMap(4, context);
    Value squares =
        buildElementwise(rewriter, loc, type, input, identity4,
                         [](OpBuilder &b, Location l, ValueRange args) {
                           return arith::MulFOp::create(b, l, args[0], args[0]);
                         });
    Value padded =
        buildPadded(rewriter, loc, squares, {0, 0, 0, radius},
                    {0, 0, 0, radius}, rewriter.getZeroAttr(elementType));

    // sum[n, h, w, c] = sum_k padded[n, h, w, c + k], k in [0, 2r].
    AffineExpr n, h, w, c, k;
    bindDims(context, n, h, w, c, k);
    Value window = tensor::EmptyOp::create(
        rewriter, loc, ArrayRef<int64_t>{2 * radius + 1}, elementType);
    Value zeros =
        buildFilled(rewriter, loc, type, rewriter.getZeroAttr(elementType));
    SmallVector<AffineMap> maps = {
        AffineMap::get(5, 0, {n, h, w, c + k}, context),
        AffineMap::get(5, 0, {k}, context),
        AffineMap::get(5, 0, {n, h, w, c}, context)};
    SmallVector<utils::IteratorType> iterators(4,
                                               utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);
    Value sums = linalg::GenericOp::create(
                     rewriter, loc, type, ValueRange{padded, window}, zeros,
                     maps, iterators,
                     [](OpBuilder &b, Location l, ValueRange args) {
                       Value sum =
                           arith::AddFOp::create(b, l, args[0], args[2]);
                       linalg::YieldOp::create(b, l, sum);
                     })
                     .getResult(0);

    double bias = op.getBias().convertToDouble();
    double alpha = op.getAlpha().convertToDouble();
    double beta = op.getBeta().convertToDouble();
    Value result = buildElementwise(
        rewriter, loc, type, {input, sums}, {identity4, identity4},
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value scaled = arith::MulFOp::create(
              b, l, args[1], buildScalar(b, l, elementType, alpha));
          Value base = arith::AddFOp::create(
              b, l, scaled, buildScalar(b, l, elementType, bias));
          return arith::MulFOp::create(b, l, args[0],
                                       buildNegativePower(b, l, base, beta));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::tfc::populateNormalizationPatterns(TypeConverter &converter,
                                              RewritePatternSet &patterns) {
  patterns.add<BatchNormLowering, LRNLowering>(converter,
                                               patterns.getContext());
}
