//===- DataMovement.cpp - Const, Identity and Reshape ---------------------===//
//
// Constants become arith.constant (and later read-only globals in the object
// file); Identity and NoOp disappear; Reshape becomes a collapse to 1-D
// followed by an expand, both of which bufferize to views, so a reshape copies
// nothing.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/TFCToLinalg/Patterns.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::tfc;

namespace {

struct ConstLowering : OpConversionPattern<ConstOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConstOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, cast<TypedAttr>(op.getValue()));
    return success();
  }
};

struct IdentityLowering : OpConversionPattern<IdentityOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(IdentityOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, adaptor.getInput());
    return success();
  }
};

/// NoOps are normally gone before lowering (tfc-prune-control-inputs).
struct NoOpLowering : OpConversionPattern<NoOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(NoOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.eraseOp(op);
    return success();
  }
};

struct ReshapeLowering : OpConversionPattern<ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getTensor();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (inputType == resultType) {
      rewriter.replaceOp(op, input);
      return success();
    }
    // A rank-0 tensor expands straight to all-ones shapes and vice versa;
    // everything else goes through 1-D.
    auto allDims = [](int64_t rank) {
      ReassociationIndices dims;
      for (int64_t dim = 0; dim < rank; ++dim)
        dims.push_back(dim);
      return SmallVector<ReassociationIndices>{dims};
    };
    Value flat = input;
    if (inputType.getRank() > 1 ||
        (inputType.getRank() == 1 && resultType.getRank() == 0)) {
      auto flatType = RankedTensorType::get(
          resultType.getRank() == 0
              ? ArrayRef<int64_t>{}
              : ArrayRef<int64_t>{inputType.getNumElements()},
          inputType.getElementType());
      flat = tensor::CollapseShapeOp::create(
          rewriter, loc, flatType, input,
          resultType.getRank() == 0 ? SmallVector<ReassociationIndices>{}
                                    : allDims(inputType.getRank()));
    }
    auto flatType = cast<RankedTensorType>(flat.getType());
    Value result = flat;
    if (flatType != resultType)
      result = tensor::ExpandShapeOp::create(
          rewriter, loc, resultType, flat,
          flatType.getRank() == 0 ? SmallVector<ReassociationIndices>{}
                                  : allDims(resultType.getRank()));
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::tfc::populateDataMovementPatterns(TypeConverter &converter,
                                             RewritePatternSet &patterns) {
  patterns.add<ConstLowering, IdentityLowering, NoOpLowering, ReshapeLowering>(
      converter, patterns.getContext());
}
