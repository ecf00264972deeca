//===- Elementwise.cpp - elementwise ops to linalg.generic ----------------===//
//
// Binary ops broadcast both operands to the result shape; unary ops and
// activations map one element to one element; BiasAdd reads its bias along
// the channel axis. Each op contributes only its scalar computation.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/TFCToLinalg/Activations.h"
#include "compiler/Conversion/TFCToLinalg/Patterns.h"
#include "compiler/Conversion/TFCToLinalg/Utils.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace mlir::tfc;

/// Picks the float or the signed-integer arith op for `type`.
template <typename FloatOp, typename IntOp>
static Value arithFor(OpBuilder &b, Location loc, Type type, Value lhs,
                      Value rhs) {
  if (isa<FloatType>(type))
    return FloatOp::create(b, loc, lhs, rhs);
  return IntOp::create(b, loc, lhs, rhs);
}

//===----------------------------------------------------------------------===//
// Activations (Activations.h)
//===----------------------------------------------------------------------===//

Value mlir::tfc::buildRelu(OpBuilder &b, Location loc, Value x) {
  Type type = x.getType();
  return arithFor<arith::MaximumFOp, arith::MaxSIOp>(
      b, loc, type, x, buildScalar(b, loc, type, 0));
}

Value mlir::tfc::buildRelu6(OpBuilder &b, Location loc, Value x) {
  Type type = x.getType();
  return arithFor<arith::MinimumFOp, arith::MinSIOp>(
      b, loc, type, buildRelu(b, loc, x), buildScalar(b, loc, type, 6));
}

Value mlir::tfc::buildElu(OpBuilder &b, Location loc, Value x) {
  // x > 0 ? x : expm1(x); expm1 keeps precision near 0 as TensorFlow does.
  Value zero = buildScalar(b, loc, x.getType(), 0);
  Value positive =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, zero);
  Value negative = math::ExpM1Op::create(b, loc, x);
  return arith::SelectOp::create(b, loc, positive, x, negative);
}

Value mlir::tfc::buildLeakyRelu(OpBuilder &b, Location loc, Value x,
                                double alpha) {
  Value zero = buildScalar(b, loc, x.getType(), 0);
  Value positive =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, zero);
  Value scaled =
      arith::MulFOp::create(b, loc, x, buildScalar(b, loc, x.getType(), alpha));
  return arith::SelectOp::create(b, loc, positive, x, scaled);
}

Value mlir::tfc::buildSigmoid(OpBuilder &b, Location loc, Value x) {
  // 1 / (1 + exp(-x)): exp(-x) overflows to +inf for very negative x, which
  // gives the correct limit 0.
  Value one = buildScalar(b, loc, x.getType(), 1.0);
  Value negated = arith::NegFOp::create(b, loc, x);
  Value exp = math::ExpOp::create(b, loc, negated);
  Value denominator = arith::AddFOp::create(b, loc, one, exp);
  return arith::DivFOp::create(b, loc, one, denominator);
}

Value mlir::tfc::buildTanh(OpBuilder &b, Location loc, Value x) {
  return math::TanhOp::create(b, loc, x);
}

namespace {

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
Value scalarOf(ReluOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return buildRelu(b, loc, a[0]);
}
Value scalarOf(SigmoidOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return buildSigmoid(b, loc, a[0]);
}
Value scalarOf(TanhOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return buildTanh(b, loc, a[0]);
}

Value scalarOf(PowOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return math::PowFOp::create(b, loc, a[0], a[1]);
}
Value scalarOf(Relu6Op, OpBuilder &b, Location loc, Type, ValueRange a) {
  return buildRelu6(b, loc, a[0]);
}
Value scalarOf(EluOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return buildElu(b, loc, a[0]);
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
    double alpha = op.getAlpha().convertToDouble();
    Value result = buildBroadcastingElementwise(
        rewriter, op.getLoc(), type, adaptor.getX(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return buildLeakyRelu(b, loc, args[0], alpha);
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
