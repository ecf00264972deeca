//===- Convolution.cpp - Conv2D and depthwise convolution to linalg -------===//
//
// The input is padded explicitly (TensorFlow's SAME/EXPLICIT pads, from
// tfc::computeWindow) and the convolution becomes linalg's named NHWC op,
// which later tiling and vectorization understand.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/TFCToLinalg/Contractions.h"
#include "compiler/Conversion/TFCToLinalg/Patterns.h"
#include "compiler/Conversion/TFCToLinalg/Utils.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::tfc;

/// The zero-padded input of a window op over NHWC `input`.
static FailureOr<Value> padForWindow(OpBuilder &b, Location loc, Value input,
                                     ArrayRef<int64_t> kernel,
                                     const WindowAttrs &window) {
  auto type = cast<RankedTensorType>(input.getType());
  FailureOr<std::array<WindowAxis, 2>> windows =
      computeSpatialWindows(type.getShape(), kernel, window);
  if (failed(windows))
    return failure();
  SmallVector<int64_t> low(4, 0), high(4, 0);
  for (int axis = 0; axis < 2; ++axis) {
    low[1 + axis] = (*windows)[axis].padBefore;
    high[1 + axis] = (*windows)[axis].padAfter;
  }
  return buildPadded(b, loc, input, low, high,
                     b.getZeroAttr(type.getElementType()));
}

FailureOr<Value> mlir::tfc::buildConv2D(OpBuilder &b, Location loc, Value input,
                                        Value filter, const WindowAttrs &window,
                                        Value init) {
  auto filterType = cast<RankedTensorType>(filter.getType());
  FailureOr<Value> padded =
      padForWindow(b, loc, input, filterType.getShape().take_front(2), window);
  if (failed(padded))
    return failure();
  auto conv = linalg::Conv2DNhwcHwcfOp::create(
      b, loc, TypeRange{init.getType()}, ValueRange{*padded, filter},
      ValueRange{init}, b.getI64TensorAttr(window.strides),
      b.getI64TensorAttr(window.dilations));
  return conv.getResult(0);
}

FailureOr<Value> mlir::tfc::buildDepthwiseConv2D(OpBuilder &b, Location loc,
                                                 Value input, Value filter,
                                                 const WindowAttrs &window,
                                                 Value init) {
  auto filterType = cast<RankedTensorType>(filter.getType());
  auto resultType = cast<RankedTensorType>(init.getType());
  FailureOr<Value> padded =
      padForWindow(b, loc, input, filterType.getShape().take_front(2), window);
  if (failed(padded))
    return failure();
  // linalg's depthwise op keeps channel and multiplier apart:
  // [n, h, w, c, m]; TensorFlow's channel index is c * m_size + m. Both
  // reshapes are views once bufferized.
  ArrayRef<int64_t> shape = resultType.getShape();
  auto splitType = RankedTensorType::get({shape[0], shape[1], shape[2],
                                          filterType.getDimSize(2),
                                          filterType.getDimSize(3)},
                                         resultType.getElementType());
  SmallVector<ReassociationIndices> channels = {{0}, {1}, {2}, {3, 4}};
  Value splitInit =
      tensor::ExpandShapeOp::create(b, loc, splitType, init, channels);
  auto conv = linalg::DepthwiseConv2DNhwcHwcmOp::create(
      b, loc, TypeRange{splitType}, ValueRange{*padded, filter},
      ValueRange{splitInit}, b.getI64TensorAttr(window.strides),
      b.getI64TensorAttr(window.dilations));
  return tensor::CollapseShapeOp::create(b, loc, resultType, conv.getResult(0),
                                         channels)
      .getResult();
}

namespace {

struct Conv2DLowering : OpConversionPattern<Conv2DOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(Conv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Value init = buildFilled(rewriter, op.getLoc(), resultType,
                             rewriter.getZeroAttr(resultType.getElementType()));
    FailureOr<Value> conv =
        buildConv2D(rewriter, op.getLoc(), adaptor.getInput(),
                    adaptor.getFilter(), WindowAttrs::of(op), init);
    if (failed(conv))
      return rewriter.notifyMatchFailure(op, "window does not fit");
    rewriter.replaceOp(op, *conv);
    return success();
  }
};

struct DepthwiseConv2DLowering : OpConversionPattern<DepthwiseConv2DOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(DepthwiseConv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Value init = buildFilled(rewriter, op.getLoc(), resultType,
                             rewriter.getZeroAttr(resultType.getElementType()));
    FailureOr<Value> conv =
        buildDepthwiseConv2D(rewriter, op.getLoc(), adaptor.getInput(),
                             adaptor.getFilter(), WindowAttrs::of(op), init);
    if (failed(conv))
      return rewriter.notifyMatchFailure(op, "window does not fit");
    rewriter.replaceOp(op, *conv);
    return success();
  }
};

} // namespace

void mlir::tfc::populateConvolutionPatterns(TypeConverter &converter,
                                            RewritePatternSet &patterns) {
  patterns.add<Conv2DLowering, DepthwiseConv2DLowering>(converter,
                                                        patterns.getContext());
}
