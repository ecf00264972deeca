//===- LinearAlgebra.cpp - MatMul, BatchMatMul to linalg contractions -----===//
//
// MatMul and BatchMatMul become one linalg.generic contraction each, whose
// indexing maps absorb transposes (and BatchMatMul's broadcast batch
// dimensions), so no transposed or broadcast copy is ever materialized.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/TFCToLinalg/Contractions.h"
#include "compiler/Conversion/TFCToLinalg/Patterns.h"
#include "compiler/Conversion/TFCToLinalg/Utils.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;
using namespace mlir::tfc;

/// The body of a contraction: acc + a * b, in float or integer arithmetic.
static void multiplyAccumulate(OpBuilder &b, Location loc, ValueRange args) {
  Value sum;
  if (isa<FloatType>(args[2].getType()))
    sum = arith::AddFOp::create(
        b, loc, args[2], arith::MulFOp::create(b, loc, args[0], args[1]));
  else
    sum = arith::AddIOp::create(
        b, loc, args[2], arith::MulIOp::create(b, loc, args[0], args[1]));
  linalg::YieldOp::create(b, loc, sum);
}

Value mlir::tfc::buildMatMul(OpBuilder &b, Location loc, Value lhs, Value rhs,
                             bool transposeA, bool transposeB, Value init) {
  MLIRContext *context = b.getContext();
  auto resultType = cast<RankedTensorType>(init.getType());

  // Iteration space (i, j, k): product[i, j] += a[i, k] * b[k, j].
  AffineExpr i, j, k;
  bindDims(context, i, j, k);
  auto map = [&](AffineExpr row, AffineExpr col) {
    return AffineMap::get(3, 0, {row, col}, context);
  };
  SmallVector<AffineMap> maps = {transposeA ? map(k, i) : map(i, k),
                                 transposeB ? map(j, k) : map(k, j), map(i, j)};
  SmallVector<utils::IteratorType> iterators = {utils::IteratorType::parallel,
                                                utils::IteratorType::parallel,
                                                utils::IteratorType::reduction};
  auto generic =
      linalg::GenericOp::create(b, loc, resultType, ValueRange{lhs, rhs}, init,
                                maps, iterators, multiplyAccumulate);
  return generic.getResult(0);
}

namespace {

struct MatMulLowering : OpConversionPattern<MatMulOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MatMulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Value zero = buildFilled(rewriter, op.getLoc(), resultType,
                             rewriter.getZeroAttr(resultType.getElementType()));
    rewriter.replaceOp(op, buildMatMul(rewriter, op.getLoc(), adaptor.getA(),
                                       adaptor.getB(), op.getTransposeA(),
                                       op.getTransposeB(), zero));
    return success();
  }
};

/// BatchMatMul: one linalg.generic over (batch..., i, j, k); an operand's
/// missing or size-1 batch dimensions read index 0, adjoints swap the
/// operand's last two indices.
struct BatchMatMulLowering : OpConversionPattern<BatchMatMulOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(BatchMatMulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = op.getContext();
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t batchRank = resultType.getRank() - 2;
    int64_t loops = batchRank + 3;
    AffineExpr i = getAffineDimExpr(batchRank, context);
    AffineExpr j = getAffineDimExpr(batchRank + 1, context);
    AffineExpr k = getAffineDimExpr(batchRank + 2, context);
    auto operandMap = [&](Value operand, AffineExpr row, AffineExpr col,
                          bool adjoint) {
      auto type = cast<RankedTensorType>(operand.getType());
      int64_t offset = batchRank - (type.getRank() - 2);
      SmallVector<AffineExpr> exprs;
      for (int64_t d = 0; d + 2 < type.getRank(); ++d)
        exprs.push_back(type.getDimSize(d) == 1 &&
                                resultType.getDimSize(d + offset) != 1
                            ? getAffineConstantExpr(0, context)
                            : getAffineDimExpr(d + offset, context));
      exprs.push_back(adjoint ? col : row);
      exprs.push_back(adjoint ? row : col);
      return AffineMap::get(loops, 0, exprs, context);
    };
    SmallVector<AffineExpr> outputExprs;
    for (int64_t d = 0; d < batchRank + 2; ++d)
      outputExprs.push_back(getAffineDimExpr(d, context));
    SmallVector<AffineMap> maps = {
        operandMap(adaptor.getX(), i, k, op.getAdjX()),
        operandMap(adaptor.getY(), k, j, op.getAdjY()),
        AffineMap::get(loops, 0, outputExprs, context)};
    SmallVector<utils::IteratorType> iterators(loops,
                                               utils::IteratorType::parallel);
    iterators.back() = utils::IteratorType::reduction;
    Value zero = buildFilled(rewriter, loc, resultType,
                             rewriter.getZeroAttr(resultType.getElementType()));
    auto generic = linalg::GenericOp::create(
        rewriter, loc, resultType, ValueRange{adaptor.getX(), adaptor.getY()},
        zero, maps, iterators, multiplyAccumulate);
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

} // namespace

void mlir::tfc::populateLinearAlgebraPatterns(TypeConverter &converter,
                                              RewritePatternSet &patterns) {
  patterns.add<MatMulLowering, BatchMatMulLowering>(converter,
                                                    patterns.getContext());
}
