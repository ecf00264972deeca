//===- Convolution.cpp - Conv2D and depthwise convolution to linalg -------===//
//
// The input is padded explicitly (TensorFlow's SAME/EXPLICIT pads, from
// tfc::computeWindow) and the convolution becomes linalg's named NHWC op,
// which later tiling and vectorization understand. A transposed convolution
// becomes one too, over its input spread out with zeros.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/TFCToLinalg/Contractions.h"
#include "compiler/Conversion/TFCToLinalg/Patterns.h"
#include "compiler/Conversion/TFCToLinalg/Utils.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/MathExtras.h"

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

/// Conv2DBackpropInput as a stride-1 VALID convolution (same dilations):
/// out_backprop's rows and columns are spread `stride` apart into a zero
/// tensor of the result's size plus the dilated kernel's span, at the offset
/// that puts the forward convolution's window over each result element, and
/// convolved with the filter flipped in space and with in and out swapped.
/// Along one axis, out_backprop row o met input rows o * stride - padBefore
/// + k * dilation; in the spread tensor it sits at span - padBefore + o *
/// stride, where span = (kernel - 1) * dilation, and result row i reads
/// spread rows i + k' * dilation with k' = kernel - 1 - k.
struct Conv2DTransposeLowering : OpConversionPattern<Conv2DTransposeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(Conv2DTransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    auto filterType = cast<RankedTensorType>(adaptor.getFilter().getType());
    auto backpropType =
        cast<RankedTensorType>(adaptor.getOutBackprop().getType());
    Type elementType = resultType.getElementType();
    TypedAttr zero = rewriter.getZeroAttr(elementType);
    WindowAttrs window = WindowAttrs::of(op);
    ArrayRef<int64_t> kernel = filterType.getShape().take_front(2);
    FailureOr<std::array<WindowAxis, 2>> forward =
        computeSpatialWindows(resultType.getShape(), kernel, window);
    if (failed(forward))
      return rewriter.notifyMatchFailure(op, "window does not fit");

    SmallVector<int64_t> spreadShape(backpropType.getShape());
    SmallVector<int64_t> first(4, 0), count(backpropType.getShape());
    SmallVector<int64_t> offsets(4, 0), strides(4, 1);
    for (int axis = 0; axis < 2; ++axis) {
      int64_t stride = window.strides[axis];
      int64_t span = (kernel[axis] - 1) * window.dilations[axis];
      std::optional<int64_t> size =
          llvm::checkedAdd(resultType.getDimSize(1 + axis), span);
      if (!size)
        return rewriter.notifyMatchFailure(op, "spread size overflows");
      // Rows that would land outside the spread tensor lay wholly in the
      // forward convolution's padding and reach no result element.
      int64_t start = span - (*forward)[axis].padBefore;
      int64_t lo = start >= 0 ? 0 : llvm::divideCeilSigned(-start, stride);
      int64_t hi =
          std::min(backpropType.getDimSize(1 + axis),
                   llvm::divideFloorSigned(*size - 1 - start, stride) + 1);
      if (hi <= lo) {
        rewriter.replaceOp(op, buildFilled(rewriter, loc, resultType, zero));
        return success();
      }
      spreadShape[1 + axis] = *size;
      first[1 + axis] = lo;
      count[1 + axis] = hi - lo;
      offsets[1 + axis] = start + lo * stride;
      strides[1 + axis] = stride;
    }
    Value backprop = adaptor.getOutBackprop();
    if (ArrayRef<int64_t>(count) != backpropType.getShape())
      backprop = tensor::ExtractSliceOp::create(
          rewriter, loc, backprop, getAsIndexOpFoldResult(getContext(), first),
          getAsIndexOpFoldResult(getContext(), count),
          getAsIndexOpFoldResult(getContext(), SmallVector<int64_t>(4, 1)));
    Value spread;
    if (llvm::all_of(strides, [](int64_t s) { return s == 1; })) {
      // Nothing to spread: a pad, as for a forward convolution.
      SmallVector<int64_t> high(4, 0);
      for (int64_t dim = 0; dim < 4; ++dim)
        high[dim] = spreadShape[dim] - offsets[dim] - count[dim];
      spread = buildPadded(rewriter, loc, backprop, offsets, high, zero);
    } else {
      spread = tensor::InsertSliceOp::create(
          rewriter, loc, backprop,
          buildFilled(rewriter, loc,
                      RankedTensorType::get(spreadShape, elementType), zero),
          getAsIndexOpFoldResult(getContext(), offsets),
          getAsIndexOpFoldResult(getContext(), count),
          getAsIndexOpFoldResult(getContext(), strides));
    }

    // flipped[kh, kw, o, i] = filter[KH - 1 - kh, KW - 1 - kw, i, o]
    ArrayRef<int64_t> f = filterType.getShape();
    auto flippedType =
        RankedTensorType::get({f[0], f[1], f[3], f[2]}, elementType);
    AffineExpr kh, kw, out, in;
    bindDims(getContext(), kh, kw, out, in);
    AffineMap flip = AffineMap::get(
        4, 0, {f[0] - 1 - kh, f[1] - 1 - kw, in, out}, getContext());
    Value flipped = buildElementwise(
        rewriter, loc, flippedType, adaptor.getFilter(), flip,
        [](OpBuilder &, Location, ValueRange args) { return args[0]; });

    SmallVector<int64_t> ones = {1, 1};
    WindowAttrs valid{ones, window.dilations, Padding::Valid, {}};
    Value init = buildFilled(rewriter, loc, resultType, zero);
    FailureOr<Value> conv =
        buildConv2D(rewriter, loc, spread, flipped, valid, init);
    if (failed(conv))
      return rewriter.notifyMatchFailure(op, "window does not fit");
    rewriter.replaceOp(op, *conv);
    return success();
  }
};

} // namespace

void mlir::tfc::populateConvolutionPatterns(TypeConverter &converter,
                                            RewritePatternSet &patterns) {
  patterns
      .add<Conv2DLowering, DepthwiseConv2DLowering, Conv2DTransposeLowering>(
          converter, patterns.getContext());
}
