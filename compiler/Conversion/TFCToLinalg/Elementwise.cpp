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

#include <cmath>

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

Value scalarOf(SquaredDifferenceOp, OpBuilder &b, Location loc, Type type,
               ValueRange a) {
  Value difference =
      arithFor<arith::SubFOp, arith::SubIOp>(b, loc, type, a[0], a[1]);
  return arithFor<arith::MulFOp, arith::MulIOp>(b, loc, type, difference,
                                                difference);
}

/// Integer FloorDiv and FloorMod never trap: a divisor of 0 (TensorFlow
/// stops with an error) gives 0, and -1 (INT_MIN / -1 traps on x86) is
/// computed as a negation. `safe` is the divisor with both replaced by 1.
struct IntDivisor {
  Value isZero, isMinusOne, safe;
};
IntDivisor classifyIntDivisor(OpBuilder &b, Location loc, Type type, Value y) {
  IntDivisor divisor;
  divisor.isZero = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y,
                                         buildScalar(b, loc, type, 0));
  divisor.isMinusOne = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                             y, buildScalar(b, loc, type, -1));
  Value special =
      arith::OrIOp::create(b, loc, divisor.isZero, divisor.isMinusOne);
  divisor.safe =
      arith::SelectOp::create(b, loc, special, buildScalar(b, loc, type, 1), y);
  return divisor;
}

Value scalarOf(FloorDivOp, OpBuilder &b, Location loc, Type type,
               ValueRange a) {
  if (isa<FloatType>(type))
    return math::FloorOp::create(b, loc,
                                 arith::DivFOp::create(b, loc, a[0], a[1]));
  Value zero = buildScalar(b, loc, type, 0);
  IntDivisor divisor = classifyIntDivisor(b, loc, type, a[1]);
  Value quotient = arith::FloorDivSIOp::create(b, loc, a[0], divisor.safe);
  Value negated = arith::SubIOp::create(b, loc, zero, a[0]);
  Value result =
      arith::SelectOp::create(b, loc, divisor.isMinusOne, negated, quotient);
  return arith::SelectOp::create(b, loc, divisor.isZero, zero, result);
}

/// The truncated remainder, plus y when it is not 0 and its sign differs
/// from y's (TensorFlow's FloorMod, for floats and integers alike).
Value scalarOf(FloorModOp, OpBuilder &b, Location loc, Type type,
               ValueRange a) {
  Value zero = buildScalar(b, loc, type, 0);
  if (isa<FloatType>(type)) {
    Value remainder = arith::RemFOp::create(b, loc, a[0], a[1]);
    Value nonZero = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::ONE,
                                          remainder, zero);
    Value remainderNegative = arith::CmpFOp::create(
        b, loc, arith::CmpFPredicate::OLT, remainder, zero);
    Value divisorNegative =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, a[1], zero);
    Value differ =
        arith::XOrIOp::create(b, loc, remainderNegative, divisorNegative);
    Value adjust = arith::AndIOp::create(b, loc, nonZero, differ);
    return arith::SelectOp::create(
        b, loc, adjust, arith::AddFOp::create(b, loc, remainder, a[1]),
        remainder);
  }
  // A divisor of 0 or -1 becomes 1: the remainder is then 0, which is right
  // for -1 and this op's answer for 0.
  Value remainder = arith::RemSIOp::create(
      b, loc, a[0], classifyIntDivisor(b, loc, type, a[1]).safe);
  Value nonZero =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, remainder, zero);
  Value remainderNegative =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, remainder, zero);
  Value divisorNegative =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, a[1], zero);
  Value differ =
      arith::XOrIOp::create(b, loc, remainderNegative, divisorNegative);
  Value adjust = arith::AndIOp::create(b, loc, nonZero, differ);
  return arith::SelectOp::create(b, loc, adjust,
                                 arith::AddIOp::create(b, loc, remainder, a[1]),
                                 remainder);
}

Value scalarOf(AbsOp, OpBuilder &b, Location loc, Type type, ValueRange a) {
  if (isa<FloatType>(type))
    return math::AbsFOp::create(b, loc, a[0]);
  return math::AbsIOp::create(b, loc, a[0]);
}

/// 1 for x > 0, -1 for x < 0, else x itself (0, -0 or NaN).
Value scalarOf(SignOp, OpBuilder &b, Location loc, Type type, ValueRange a) {
  Value zero = buildScalar(b, loc, type, 0);
  Value one = buildScalar(b, loc, type, 1);
  Value minusOne = buildScalar(b, loc, type, -1);
  Value positive, negative;
  if (isa<FloatType>(type)) {
    positive =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, a[0], zero);
    negative =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, a[0], zero);
  } else {
    positive =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, a[0], zero);
    negative =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, a[0], zero);
  }
  Value otherwise = arith::SelectOp::create(b, loc, negative, minusOne, a[0]);
  return arith::SelectOp::create(b, loc, positive, one, otherwise);
}
Value scalarOf(FloorOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return math::FloorOp::create(b, loc, a[0]);
}
Value scalarOf(CeilOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return math::CeilOp::create(b, loc, a[0]);
}
Value scalarOf(RoundOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return math::RoundEvenOp::create(b, loc, a[0]);
}
Value scalarOf(ReciprocalOp, OpBuilder &b, Location loc, Type type,
               ValueRange a) {
  return arith::DivFOp::create(b, loc, buildScalar(b, loc, type, 1), a[0]);
}

/// TensorFlow's formula: x where x > -t, exp(x) where x < t, else
/// log(exp(x) + 1), with t = log(epsilon) + 2 of the type.
Value scalarOf(SoftplusOp, OpBuilder &b, Location loc, Type type,
               ValueRange a) {
  auto floatType = cast<FloatType>(type);
  double epsilon =
      std::ldexp(1.0, 1 - static_cast<int>(APFloat::semanticsPrecision(
                              floatType.getFloatSemantics())));
  double threshold = std::log(epsilon) + 2.0;
  Value x = a[0];
  Value exp = math::ExpOp::create(b, loc, x);
  Value smooth = math::LogOp::create(
      b, loc, arith::AddFOp::create(b, loc, exp, buildScalar(b, loc, type, 1)));
  Value tooLarge = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x,
                                         buildScalar(b, loc, type, -threshold));
  Value tooSmall = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x,
                                         buildScalar(b, loc, type, threshold));
  Value small = arith::SelectOp::create(b, loc, tooSmall, exp, smooth);
  return arith::SelectOp::create(b, loc, tooLarge, x, small);
}
Value scalarOf(SoftsignOp, OpBuilder &b, Location loc, Type type,
               ValueRange a) {
  Value magnitude = math::AbsFOp::create(b, loc, a[0]);
  Value denominator =
      arith::AddFOp::create(b, loc, magnitude, buildScalar(b, loc, type, 1));
  return arith::DivFOp::create(b, loc, a[0], denominator);
}
Value scalarOf(ErfOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return math::ErfOp::create(b, loc, a[0]);
}
Value scalarOf(SinOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return math::SinOp::create(b, loc, a[0]);
}
Value scalarOf(CosOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return math::CosOp::create(b, loc, a[0]);
}

// Logical ops and Select work on i1.
Value scalarOf(LogicalAndOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return arith::AndIOp::create(b, loc, a[0], a[1]);
}
Value scalarOf(LogicalOrOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return arith::OrIOp::create(b, loc, a[0], a[1]);
}
Value scalarOf(LogicalNotOp, OpBuilder &b, Location loc, Type type,
               ValueRange a) {
  Value one = arith::ConstantOp::create(b, loc, b.getBoolAttr(true));
  return arith::XOrIOp::create(b, loc, a[0], one);
}
Value scalarOf(SelectOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return arith::SelectOp::create(b, loc, a[0], a[1], a[2]);
}

/// Comparisons: ordered float predicates (false with NaN) except NotEqual,
/// which is true with NaN, as in C and TensorFlow.
Value compare(OpBuilder &b, Location loc, ValueRange a,
              arith::CmpFPredicate floatPredicate,
              arith::CmpIPredicate intPredicate) {
  if (isa<FloatType>(a[0].getType()))
    return arith::CmpFOp::create(b, loc, floatPredicate, a[0], a[1]);
  return arith::CmpIOp::create(b, loc, intPredicate, a[0], a[1]);
}
Value scalarOf(EqualOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return compare(b, loc, a, arith::CmpFPredicate::OEQ,
                 arith::CmpIPredicate::eq);
}
Value scalarOf(NotEqualOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return compare(b, loc, a, arith::CmpFPredicate::UNE,
                 arith::CmpIPredicate::ne);
}
Value scalarOf(LessOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return compare(b, loc, a, arith::CmpFPredicate::OLT,
                 arith::CmpIPredicate::slt);
}
Value scalarOf(LessEqualOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return compare(b, loc, a, arith::CmpFPredicate::OLE,
                 arith::CmpIPredicate::sle);
}
Value scalarOf(GreaterOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return compare(b, loc, a, arith::CmpFPredicate::OGT,
                 arith::CmpIPredicate::sgt);
}
Value scalarOf(GreaterEqualOp, OpBuilder &b, Location loc, Type, ValueRange a) {
  return compare(b, loc, a, arith::CmpFPredicate::OGE,
                 arith::CmpIPredicate::sge);
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
    int64_t axis = op.getDataFormat() == DataFormat::NCHW ? 1 : rank - 1;
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
  patterns.add<
      ElementwiseLowering<AddOp>, ElementwiseLowering<SubOp>,
      ElementwiseLowering<MulOp>, ElementwiseLowering<RealDivOp>,
      ElementwiseLowering<MaximumOp>, ElementwiseLowering<MinimumOp>,
      ElementwiseLowering<NegOp>, ElementwiseLowering<ReluOp>,
      ElementwiseLowering<SigmoidOp>, ElementwiseLowering<TanhOp>,
      ElementwiseLowering<PowOp>, ElementwiseLowering<Relu6Op>,
      ElementwiseLowering<EluOp>, ElementwiseLowering<RsqrtOp>,
      ElementwiseLowering<SqrtOp>, ElementwiseLowering<SquareOp>,
      ElementwiseLowering<ExpOp>, ElementwiseLowering<LogOp>,
      ElementwiseLowering<SquaredDifferenceOp>, ElementwiseLowering<FloorDivOp>,
      ElementwiseLowering<FloorModOp>, ElementwiseLowering<AbsOp>,
      ElementwiseLowering<SignOp>, ElementwiseLowering<FloorOp>,
      ElementwiseLowering<CeilOp>, ElementwiseLowering<RoundOp>,
      ElementwiseLowering<ReciprocalOp>, ElementwiseLowering<SoftplusOp>,
      ElementwiseLowering<SoftsignOp>, ElementwiseLowering<ErfOp>,
      ElementwiseLowering<SinOp>, ElementwiseLowering<CosOp>,
      ElementwiseLowering<LogicalAndOp>, ElementwiseLowering<LogicalOrOp>,
      ElementwiseLowering<LogicalNotOp>, ElementwiseLowering<SelectOp>,
      ElementwiseLowering<EqualOp>, ElementwiseLowering<NotEqualOp>,
      ElementwiseLowering<LessOp>, ElementwiseLowering<LessEqualOp>,
      ElementwiseLowering<GreaterOp>, ElementwiseLowering<GreaterEqualOp>,
      LeakyReluLowering, BiasAddLowering>(converter, patterns.getContext());
}
