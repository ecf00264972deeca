//===- LinearAlgebra.cpp - MatMul to a linalg contraction -----------------===//
//
// MatMul becomes one linalg.generic contraction whose indexing maps absorb
// transpose_a and transpose_b, so no transposed copy is ever materialized.
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

Value mlir::tfc::buildMatMul(OpBuilder &b, Location loc, Value lhs, Value rhs,
                             bool transposeA, bool transposeB, Value init) {
  MLIRContext *context = b.getContext();
  auto resultType = cast<RankedTensorType>(init.getType());
  bool isFloat = isa<FloatType>(resultType.getElementType());

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
  auto generic = linalg::GenericOp::create(
      b, loc, resultType, ValueRange{lhs, rhs}, init, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value sum;
        if (isFloat) {
          Value product =
              arith::MulFOp::create(nested, nestedLoc, args[0], args[1]);
          sum = arith::AddFOp::create(nested, nestedLoc, args[2], product);
        } else {
          Value product =
              arith::MulIOp::create(nested, nestedLoc, args[0], args[1]);
          sum = arith::AddIOp::create(nested, nestedLoc, args[2], product);
        }
        linalg::YieldOp::create(nested, nestedLoc, sum);
      });
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

} // namespace

void mlir::tfc::populateLinearAlgebraPatterns(TypeConverter &converter,
                                              RewritePatternSet &patterns) {
  patterns.add<MatMulLowering>(converter, patterns.getContext());
}
