//===- Pooling.cpp - MaxPool and AvgPool to linalg pooling ops ------------===//
//
// MaxPool pads with -inf so padding never wins; AvgPool sums over a
// zero-padded input and divides each output by the number of real input
// elements its window covers (TensorFlow excludes padding from the count).
// Those counts are known at compile time and become a constant.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/TFCToLinalg/Patterns.h"
#include "compiler/Conversion/TFCToLinalg/Utils.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// The windows along height and width of a pooling op.
template <typename OpTy>
FailureOr<SmallVector<WindowAxis>> poolWindows(OpTy op) {
  auto type = cast<RankedTensorType>(op.getInput().getType());
  SmallVector<WindowAxis> windows;
  for (int axis = 0; axis < 2; ++axis) {
    FailureOr<WindowAxis> window =
        computeWindow(type.getDimSize(1 + axis), op.getKsize()[axis],
                      op.getStrides()[axis], 1, op.getPadding());
    if (failed(window))
      return failure();
    windows.push_back(*window);
  }
  return windows;
}

/// Pools `input` padded with `padValue` into an init filled with `initValue`.
template <typename PoolOp, typename OpTy>
FailureOr<Value> buildPool(OpTy op, Value input, TypedAttr padValue,
                           TypedAttr initValue, OpBuilder &builder) {
  FailureOr<SmallVector<WindowAxis>> windows = poolWindows(op);
  if (failed(windows))
    return failure();
  Location loc = op.getLoc();
  auto resultType = cast<RankedTensorType>(op.getType());
  Value padded = buildPadded(
      builder, loc, input,
      {0, (*windows)[0].padBefore, (*windows)[1].padBefore, 0},
      {0, (*windows)[0].padAfter, (*windows)[1].padAfter, 0}, padValue);
  Value window = tensor::EmptyOp::create(builder, loc, op.getKsize(),
                                         resultType.getElementType());
  Value init = buildFilled(builder, loc, resultType, initValue);
  auto pool = PoolOp::create(builder, loc, TypeRange{resultType},
                             ValueRange{padded, window}, ValueRange{init},
                             builder.getI64TensorAttr(op.getStrides()),
                             builder.getI64TensorAttr({1, 1}));
  return pool.getResult(0);
}

struct MaxPoolLowering : OpConversionPattern<MaxPoolOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MaxPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type elementType = op.getType().getElementType();
    TypedAttr lowest = getLowestAttr(rewriter, elementType);
    FailureOr<Value> pooled = buildPool<linalg::PoolingNhwcMaxOp>(
        op, adaptor.getInput(), lowest, lowest, rewriter);
    if (failed(pooled))
      return rewriter.notifyMatchFailure(op, "window does not fit");
    rewriter.replaceOp(op, *pooled);
    return success();
  }
};

struct AvgPoolLowering : OpConversionPattern<AvgPoolOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(AvgPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    auto elementType = cast<FloatType>(resultType.getElementType());
    TypedAttr zero = rewriter.getZeroAttr(elementType);
    FailureOr<Value> sums = buildPool<linalg::PoolingNhwcSumOp>(
        op, adaptor.getInput(), zero, zero, rewriter);
    FailureOr<SmallVector<WindowAxis>> windows = poolWindows(op);
    if (failed(sums) || failed(windows))
      return rewriter.notifyMatchFailure(op, "window does not fit");

    // How many real input elements each output window covers.
    int64_t outH = resultType.getDimSize(1), outW = resultType.getDimSize(2);
    SmallVector<APFloat> counts;
    for (int64_t covered : avgPoolCounts(inputType.getShape(), op.getKsize(),
                                         op.getStrides(), *windows)) {
      APFloat count(static_cast<double>(covered));
      bool lost;
      count.convert(elementType.getFloatSemantics(),
                    APFloat::rmNearestTiesToEven, &lost);
      counts.push_back(count);
    }
    auto countType = RankedTensorType::get({outH, outW}, elementType);
    Value countTensor = arith::ConstantOp::create(
        rewriter, op.getLoc(), DenseElementsAttr::get(countType, counts));

    MLIRContext *context = op.getContext();
    SmallVector<AffineMap> maps = {
        AffineMap::getMultiDimIdentityMap(4, context),
        AffineMap::get(
            4, 0, {getAffineDimExpr(1, context), getAffineDimExpr(2, context)},
            context)};
    Value result = buildElementwise(
        rewriter, op.getLoc(), resultType, {*sums, countTensor}, maps,
        [](OpBuilder &b, Location loc, ValueRange args) {
          return arith::DivFOp::create(b, loc, args[0], args[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::tfc::populatePoolingPatterns(TypeConverter &converter,
                                        RewritePatternSet &patterns) {
  patterns.add<MaxPoolLowering, AvgPoolLowering>(converter,
                                                 patterns.getContext());
}
