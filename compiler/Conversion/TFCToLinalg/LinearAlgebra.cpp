//===- LinearAlgebra.cpp - MatMul to a linalg contraction -----------------===//
//
// MatMul becomes one linalg.generic contraction whose indexing maps absorb
// transpose_a and transpose_b, so no transposed copy is ever materialized.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/TFCToLinalg/Patterns.h"
#include "compiler/Conversion/TFCToLinalg/Utils.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;
using namespace mlir::tfc;

namespace {

struct MatMulLowering : OpConversionPattern<MatMulOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MatMulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = op.getContext();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = resultType.getElementType();

    // Iteration space (i, j, k): product[i, j] += a[i, k] * b[k, j].
    AffineExpr i, j, k;
    bindDims(context, i, j, k);
    auto map = [&](AffineExpr row, AffineExpr col) {
      return AffineMap::get(3, 0, {row, col}, context);
    };
    SmallVector<AffineMap> maps = {op.getTransposeA() ? map(k, i) : map(i, k),
                                   op.getTransposeB() ? map(j, k) : map(k, j),
                                   map(i, j)};
    SmallVector<utils::IteratorType> iterators = {
        utils::IteratorType::parallel, utils::IteratorType::parallel,
        utils::IteratorType::reduction};

    Value zero = buildFilled(rewriter, loc, resultType,
                             rewriter.getZeroAttr(elementType));
    bool isFloat = isa<FloatType>(elementType);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, resultType, ValueRange{adaptor.getA(), adaptor.getB()},
        zero, maps, iterators,
        [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
          Value sum;
          if (isFloat) {
            Value product =
                arith::MulFOp::create(b, nestedLoc, args[0], args[1]);
            sum = arith::AddFOp::create(b, nestedLoc, args[2], product);
          } else {
            Value product =
                arith::MulIOp::create(b, nestedLoc, args[0], args[1]);
            sum = arith::AddIOp::create(b, nestedLoc, args[2], product);
          }
          linalg::YieldOp::create(b, nestedLoc, sum);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

} // namespace

void mlir::tfc::populateLinearAlgebraPatterns(TypeConverter &converter,
                                              RewritePatternSet &patterns) {
  patterns.add<MatMulLowering>(converter, patterns.getContext());
}
