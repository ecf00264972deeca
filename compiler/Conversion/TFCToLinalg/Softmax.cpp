//===- Softmax.cpp - Softmax and LogSoftmax to stable linalg reductions ---===//
//
// softmax(x)[..., i] = exp(x[..., i] - m) / sum_j exp(x[..., j] - m) with m
// the row maximum, as TensorFlow computes it, so large logits do not
// overflow; log_softmax(x)[..., i] = (x[..., i] - m) - log(sum_j exp(x[..., j]
// - m)).
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/TFCToLinalg/Patterns.h"
#include "compiler/Conversion/TFCToLinalg/Utils.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <limits>

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// Reduces `input` over its last dimension into `init` with `combine`.
Value reduceLastDim(
    OpBuilder &builder, Location loc, Value input, Value init,
    function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  auto inputType = cast<RankedTensorType>(input.getType());
  int64_t rank = inputType.getRank();
  MLIRContext *context = builder.getContext();
  SmallVector<AffineExpr> outer;
  for (int64_t dim = 0; dim + 1 < rank; ++dim)
    outer.push_back(getAffineDimExpr(dim, context));
  SmallVector<AffineMap> maps = {
      AffineMap::getMultiDimIdentityMap(rank, context),
      AffineMap::get(rank, 0, outer, context)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  iterators.back() = utils::IteratorType::reduction;
  auto generic = linalg::GenericOp::create(
      builder, loc, init.getType(), input, init, maps, iterators,
      [&](OpBuilder &b, Location nestedLoc, ValueRange args) {
        linalg::YieldOp::create(b, nestedLoc,
                                combine(b, nestedLoc, args[0], args[1]));
      });
  return generic.getResult(0);
}

template <typename OpTy> struct SoftmaxLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  static constexpr bool isLog = std::is_same_v<OpTy, LogSoftmaxOp>;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = op.getContext();
    auto type = cast<RankedTensorType>(op.getType());
    auto elementType = cast<FloatType>(type.getElementType());
    int64_t rank = type.getRank();
    auto rowType =
        RankedTensorType::get(type.getShape().drop_back(), elementType);
    Value logits = adaptor.getX();

    Value lowest =
        buildFilled(rewriter, loc, rowType,
                    rewriter.getFloatAttr(
                        elementType, -std::numeric_limits<double>::infinity()));
    Value rowMax =
        reduceLastDim(rewriter, loc, logits, lowest,
                      [](OpBuilder &b, Location l, Value x, Value acc) {
                        return arith::MaximumFOp::create(b, l, x, acc);
                      });

    SmallVector<AffineExpr> outer;
    for (int64_t dim = 0; dim + 1 < rank; ++dim)
      outer.push_back(getAffineDimExpr(dim, context));
    AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, context);
    AffineMap rowMap = AffineMap::get(rank, 0, outer, context);

    Value exps = buildElementwise(
        rewriter, loc, type, {logits, rowMax}, {identity, rowMap},
        [](OpBuilder &b, Location l, ValueRange args) {
          Value shifted = arith::SubFOp::create(b, l, args[0], args[1]);
          return math::ExpOp::create(b, l, shifted);
        });
    Value zeros = buildFilled(rewriter, loc, rowType,
                              rewriter.getFloatAttr(elementType, 0.0));
    Value rowSum =
        reduceLastDim(rewriter, loc, exps, zeros,
                      [](OpBuilder &b, Location l, Value x, Value acc) {
                        return arith::AddFOp::create(b, l, x, acc);
                      });
    Value result =
        isLog ? buildElementwise(
                    rewriter, loc, type, {logits, rowMax, rowSum},
                    {identity, rowMap, rowMap},
                    [](OpBuilder &b, Location l, ValueRange args) -> Value {
                      Value shifted =
                          arith::SubFOp::create(b, l, args[0], args[1]);
                      Value logSum = math::LogOp::create(b, l, args[2]);
                      return arith::SubFOp::create(b, l, shifted, logSum);
                    })
              : buildElementwise(
                    rewriter, loc, type, {exps, rowSum}, {identity, rowMap},
                    [](OpBuilder &b, Location l, ValueRange args) -> Value {
                      return arith::DivFOp::create(b, l, args[0], args[1]);
                    });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::tfc::populateSoftmaxPatterns(TypeConverter &converter,
                                        RewritePatternSet &patterns) {
  patterns.add<SoftmaxLowering<SoftmaxOp>, SoftmaxLowering<LogSoftmaxOp>>(
      converter, patterns.getContext());
}
