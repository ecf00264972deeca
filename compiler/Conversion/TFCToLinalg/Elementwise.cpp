//===- Elementwise.cpp - elementwise ops to linalg.generic ----------------===//
//
// Binary ops broadcast both operands to the result shape; unary ops and
// activations map one element to one element; BiasAdd reads its bias along
// the channel axis. Each op contributes only its scalar computation.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/TFCToLinalg/Patterns.h"
#include "compiler/Conversion/TFCToLinalg/Utils.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// Picks the float or the signed-integer arith op for `type`.
template <typename FloatOp, typename IntOp>
Value arithFor(OpBuilder &b, Location loc, Type type, Value lhs, Value rhs) {
  if (isa<FloatType>(type))
    return FloatOp::create(b, loc, lhs, rhs);
  return IntOp::create(b, loc, lhs, rhs);
}

// The scalar computation of each op, on block arguments of element `type`.
Value scalarOf(AddOp, OpBuilder &b, Location loc, Type type, ValueRange a) {
  return arithFor<arith::AddFOp, arith::AddIOp>(b, loc, type, a[0], a[1]);
}
Value scalarOf(SubOp, OpBuilder &b, Location loc, Type type, ValueRange a) {
  return arithFor<arith::SubFOp, arith::SubIOp>(b, loc, type, a[0], a[1]);
}
Value scalarOf(MulOp, OpBuilder &b, Location loc, Type type, ValueRange a) {
  return arithFor<arith::MulFOp, arith::MulIOp>(b, loc, type, a[0], a[1]);
}
Value scalarOf(RealDivOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return arith::DivFOp::create(b, loc, a[0], a[1]);
}
Value scalarOf(MaximumOp, OpBuilder &b, Location loc, Type type, ValueRange a) {
  return arithFor<arith::MaximumFOp, arith::MaxSIOp>(b, loc, type, a[0], a[1]);
}
Value scalarOf(MinimumOp, OpBuilder &b, Location loc, Type type, ValueRange a) {
  return arithFor<arith::MinimumFOp, arith::MinSIOp>(b, loc, type, a[0], a[1]);
}
Value scalarOf(NegOp, OpBuilder &b, Location loc, Type type, ValueRange a) {
  if (isa<FloatType>(type))
    return arith::NegFOp::create(b, loc, a[0]);
  return arith::SubIOp::create(b, loc, buildScalar(b, loc, type, 0), a[0]);
}
Value scalarOf(ReluOp, OpBuilder &b, Location loc, Type type, ValueRange a) {
  return arithFor<arith::MaximumFOp, arith::MaxSIOp>(
      b, loc, type, a[0], buildScalar(b, loc, type, 0));
}
Value scalarOf(SigmoidOp, OpBuilder &b, Location loc, Type type, ValueRange a) {
  // 1 / (1 + exp(-x)): exp(-x) overflows to +inf for very negative x, which
  // gives the correct limit 0.
  Value one = buildScalar(b, loc, type, 1.0);
  Value negated = arith::NegFOp::create(b, loc, a[0]);
  Value exp = math::ExpOp::create(b, loc, negated);
  Value denominator = arith::AddFOp::create(b, loc, one, exp);
  return arith::DivFOp::create(b, loc, one, denominator);
}
Value scalarOf(TanhOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return math::TanhOp::create(b, loc, a[0]);
}

Value scalarOf(PowOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return math::PowFOp::create(b, loc, a[0], a[1]);
}
Value scalarOf(Relu6Op, OpBuilder &b, Location loc, Type type, ValueRange a) {
  Value low = arithFor<arith::MaximumFOp, arith::MaxSIOp>(
      b, loc, type, a[0], buildScalar(b, loc, type, 0));
  return arithFor<arith::MinimumFOp, arith::MinSIOp>(
      b, loc, type, low, buildScalar(b, loc, type, 6));
}
Value scalarOf(EluOp, OpBuilder &b, Location loc, Type type, ValueRange a) {
  // x > 0 ? x : expm1(x); expm1 keeps precision near 0 as TensorFlow does.
  Value zero = buildScalar(b, loc, type, 0);
  Value positive =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, a[0], zero);
  Value negative = math::ExpM1Op::create(b, loc, a[0]);
  return arith::SelectOp::create(b, loc, positive, a[0], negative);
}
Value scalarOf(RsqrtOp, OpBuilder &b, Location loc, Type type, ValueRange a) {
  Value root = math::SqrtOp::create(b, loc, a[0]);
  return arith::DivFOp::create(b, loc, buildScalar(b, loc, type, 1), root);
}
Value scalarOf(SqrtOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return math::SqrtOp::create(b, loc, a[0]);
}
Value scalarOf(SquareOp, OpBuilder &b, Location loc, Type type, ValueRange a) {
  return arithFor<arith::MulFOp, arith::MulIOp>(b, loc, type, a[0], a[0]);
}
Value scalarOf(ExpOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return math::ExpOp::create(b, loc, a[0]);
}
Value scalarOf(LogOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return math::LogOp::create(b, loc, a[0]);
}

/// LeakyRelu carries alpha, so it gets its own pattern.
struct LeakyReluLowering : OpConversionPattern<LeakyReluOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(LeakyReluOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    Type elementType = type.getElementType();
    double alpha = op.getAlpha().convertToDouble();
    Value result = buildBroadcastingElementwise(
        rewriter, op.getLoc(), type, adaptor.getX(),
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          Value zero = buildScalar(b, loc, elementType, 0);
          Value positive = arith::CmpFOp::create(
              b, loc, arith::CmpFPredicate::OGT, args[0], zero);
          Value scaled = arith::MulFOp::create(
              b, loc, args[0], buildScalar(b, loc, elementType, alpha));
          return arith::SelectOp::create(b, loc, positive, args[0], scaled);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Lowers any elementwise op whose operands broadcast to its result.
template <typename OpTy>
struct ElementwiseLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    Type elementType = resultType.getElementType();
    Value result = buildBroadcastingElementwise(
        rewriter, op.getLoc(), resultType, adaptor.getOperands(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return scalarOf(op, b, loc, elementType, args);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// BiasAdd: value[..., c] + bias[c] (NHWC) or value[n, c, ...] + bias[c].
struct BiasAddLowering : OpConversionPattern<BiasAddOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(BiasAddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t rank = resultType.getRank();
    int64_t axis = op.getDataFormat() == "NCHW" ? 1 : rank - 1;
    MLIRContext *context = op.getContext();
    SmallVector<AffineMap> maps = {
        AffineMap::getMultiDimIdentityMap(rank, context),
        AffineMap::get(rank, 0, getAffineDimExpr(axis, context))};
    Type elementType = resultType.getElementType();
    Value result = buildElementwise(
        rewriter, op.getLoc(), resultType, adaptor.getOperands(), maps,
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return arithFor<arith::AddFOp, arith::AddIOp>(b, loc, elementType,
                                                        args[0], args[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::tfc::populateElementwisePatterns(TypeConverter &converter,
                                            RewritePatternSet &patterns) {
  patterns.add<ElementwiseLowering<AddOp>, ElementwiseLowering<SubOp>,
               ElementwiseLowering<MulOp>, ElementwiseLowering<RealDivOp>,
               ElementwiseLowering<MaximumOp>, ElementwiseLowering<MinimumOp>,
               ElementwiseLowering<NegOp>, ElementwiseLowering<ReluOp>,
               ElementwiseLowering<SigmoidOp>, ElementwiseLowering<TanhOp>,
               ElementwiseLowering<PowOp>, ElementwiseLowering<Relu6Op>,
               ElementwiseLowering<EluOp>, ElementwiseLowering<RsqrtOp>,
               ElementwiseLowering<SqrtOp>, ElementwiseLowering<SquareOp>,
               ElementwiseLowering<ExpOp>, ElementwiseLowering<LogOp>,
               LeakyReluLowering, BiasAddLowering>(converter,
                                                   patterns.getContext());
}
