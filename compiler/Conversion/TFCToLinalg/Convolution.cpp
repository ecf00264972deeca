//===- Convolution.cpp - Conv2D and depthwise convolution to linalg -------===//
//
// The input is padded explicitly (TensorFlow's SAME/EXPLICIT pads, from
// tfc::computeWindow) and the convolution becomes linalg's named NHWC op,
// which later tiling and vectorization understand.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/TFCToLinalg/Patterns.h"
#include "compiler/Conversion/TFCToLinalg/Utils.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// The zero-padded input of a window op over NHWC `input`.
template <typename OpTy>
FailureOr<Value> padForWindow(OpTy op, OpBuilder &builder, Value input,
                              ArrayRef<int64_t> kernel) {
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> low(4, 0), high(4, 0);
  ArrayRef<int64_t> explicitPads = op.getExplicitPaddings();
  for (int axis = 0; axis < 2; ++axis) {
    FailureOr<WindowAxis> window = computeWindow(
        type.getDimSize(1 + axis), kernel[axis], op.getStrides()[axis],
        op.getDilations()[axis], op.getPadding(),
        explicitPads.size() == 4 ? explicitPads[2 * axis] : 0,
        explicitPads.size() == 4 ? explicitPads[2 * axis + 1] : 0);
    if (failed(window))
      return failure();
    low[1 + axis] = window->padBefore;
    high[1 + axis] = window->padAfter;
  }
  return buildPadded(builder, op.getLoc(), input, low, high,
                     builder.getZeroAttr(type.getElementType()));
}

struct Conv2DLowering : OpConversionPattern<Conv2DOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(Conv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto filterType = cast<RankedTensorType>(adaptor.getFilter().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    FailureOr<Value> padded = padForWindow(op, rewriter, adaptor.getInput(),
                                           filterType.getShape().take_front(2));
    if (failed(padded))
      return rewriter.notifyMatchFailure(op, "window does not fit");
    Value init = buildFilled(rewriter, op.getLoc(), resultType,
                             rewriter.getZeroAttr(resultType.getElementType()));
    auto conv = linalg::Conv2DNhwcHwcfOp::create(
        rewriter, op.getLoc(), TypeRange{resultType},
        ValueRange{*padded, adaptor.getFilter()}, ValueRange{init},
        rewriter.getI64TensorAttr(op.getStrides()),
        rewriter.getI64TensorAttr(op.getDilations()));
    rewriter.replaceOp(op, conv.getResult(0));
    return success();
  }
};

struct DepthwiseConv2DLowering : OpConversionPattern<DepthwiseConv2DOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(DepthwiseConv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto filterType = cast<RankedTensorType>(adaptor.getFilter().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    FailureOr<Value> padded = padForWindow(op, rewriter, adaptor.getInput(),
                                           filterType.getShape().take_front(2));
    if (failed(padded))
      return rewriter.notifyMatchFailure(op, "window does not fit");
    // linalg's depthwise op keeps channel and multiplier apart:
    // [n, h, w, c, m]; TensorFlow's channel index is c * m_size + m.
    ArrayRef<int64_t> shape = resultType.getShape();
    auto splitType = RankedTensorType::get({shape[0], shape[1], shape[2],
                                            filterType.getDimSize(2),
                                            filterType.getDimSize(3)},
                                           resultType.getElementType());
    Value init = buildFilled(rewriter, op.getLoc(), splitType,
                             rewriter.getZeroAttr(resultType.getElementType()));
    auto conv = linalg::DepthwiseConv2DNhwcHwcmOp::create(
        rewriter, op.getLoc(), TypeRange{splitType},
        ValueRange{*padded, adaptor.getFilter()}, ValueRange{init},
        rewriter.getI64TensorAttr(op.getStrides()),
        rewriter.getI64TensorAttr(op.getDilations()));
    Value merged = tensor::CollapseShapeOp::create(
        rewriter, op.getLoc(), resultType, conv.getResult(0),
        SmallVector<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
    rewriter.replaceOp(op, merged);
    return success();
  }
};

} // namespace

void mlir::tfc::populateConvolutionPatterns(TypeConverter &converter,
                                            RewritePatternSet &patterns) {
  patterns.add<Conv2DLowering, DepthwiseConv2DLowering>(converter,
                                                        patterns.getContext());
}
