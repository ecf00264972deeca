//===- TFCNeuralNetOps.cpp - neural network op semantics ------------------===//
//
// Type inference and verifiers of convolutions, pooling, normalization and
// reductions (TFCNeuralNetOps.td).
//
//===----------------------------------------------------------------------===//

#include "dialects/TFC/IR/TFCContractions.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/IR/Matchers.h"
#include "llvm/Support/CheckedArithmetic.h"

using namespace mlir;
using namespace mlir::tfc;

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

SmallVector<int64_t> mlir::tfc::avgPoolCounts(ArrayRef<int64_t> inputShape,
                                              ArrayRef<int64_t> ksize,
                                              ArrayRef<int64_t> strides,
                                              ArrayRef<WindowAxis> windows) {
  // Along each axis first, then their products.
  SmallVector<int64_t> covered[2];
  for (int axis = 0; axis < 2; ++axis)
    for (int64_t i = 0; i < windows[axis].outputSize; ++i) {
      int64_t start = i * strides[axis] - windows[axis].padBefore;
      int64_t end = std::min(start + ksize[axis], inputShape[1 + axis]);
      covered[axis].push_back(end - std::max<int64_t>(start, 0));
    }
  SmallVector<int64_t> counts;
  for (int64_t h : covered[0])
    for (int64_t w : covered[1])
      counts.push_back(h * w);
  return counts;
}

FailureOr<WindowAxis>
mlir::tfc::computeWindow(int64_t inputSize, int64_t kernelSize, int64_t stride,
                         int64_t dilation, Padding padding,
                         int64_t explicitBefore, int64_t explicitAfter) {
  if (stride < 1 || dilation < 1 || kernelSize < 1 || inputSize < 0)
    return failure();
  // Attributes come from the GraphDef: a window or padding whose size does
  // not fit in int64 is refused rather than allowed to wrap around.
  std::optional<int64_t> span = llvm::checkedMul(kernelSize - 1, dilation);
  if (!span || *span == std::numeric_limits<int64_t>::max())
    return failure();
  int64_t effectiveKernel = *span + 1;
  switch (padding) {
  case Padding::Same: {
    // TensorFlow: as many outputs as ceil(input / stride), the padding split
    // with the extra element after.
    int64_t outputSize = inputSize / stride + (inputSize % stride != 0);
    std::optional<int64_t> covered =
        llvm::checkedMul(std::max<int64_t>(outputSize - 1, 0), stride);
    if (covered)
      covered = llvm::checkedAdd(*covered, effectiveKernel);
    if (!covered)
      return failure();
    int64_t total = std::max<int64_t>(*covered - inputSize, 0);
    return WindowAxis{outputSize, total / 2, total - total / 2};
  }
  case Padding::Valid:
    if (inputSize < effectiveKernel)
      return failure();
    return WindowAxis{(inputSize - effectiveKernel) / stride + 1, 0, 0};
  case Padding::Explicit: {
    if (explicitBefore < 0 || explicitAfter < 0)
      return failure();
    std::optional<int64_t> padded = llvm::checkedAdd(inputSize, explicitBefore);
    if (padded)
      padded = llvm::checkedAdd(*padded, explicitAfter);
    if (!padded || *padded < effectiveKernel)
      return failure();
    return WindowAxis{(*padded - effectiveKernel) / stride + 1, explicitBefore,
                      explicitAfter};
  }
  }
  return failure();
}

FailureOr<SmallVector<int64_t>> mlir::tfc::getReductionAxes(Value axes,
                                                            int64_t rank) {
  DenseIntElementsAttr values;
  if (!matchPattern(axes, m_Constant(&values)))
    return failure();
  SmallVector<int64_t> result;
  for (const APInt &value : values.getValues<APInt>()) {
    int64_t axis = value.getSExtValue();
    if (axis < -rank || axis >= rank)
      return failure();
    result.push_back(axis < 0 ? axis + rank : axis);
  }
  llvm::sort(result);
  result.erase(std::unique(result.begin(), result.end()), result.end());
  return result;
}

//===----------------------------------------------------------------------===//
// Convolutions and pooling
//===----------------------------------------------------------------------===//

namespace {
/// Spatial output sizes of a window op over an NHWC input, dynamic where
/// unknown or invalid (the verifier reports the latter).
SmallVector<int64_t>
windowOutputHW(RankedTensorType input, ArrayRef<int64_t> kernel,
               ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
               Padding padding, ArrayRef<int64_t> explicitPads) {
  SmallVector<int64_t> sizes;
  for (int axis = 0; axis < 2; ++axis) {
    int64_t in = input.getDimSize(1 + axis);
    int64_t k = axis < static_cast<int>(kernel.size()) ? kernel[axis] : 0;
    int64_t s = axis < static_cast<int>(strides.size()) ? strides[axis] : 0;
    int64_t d = axis < static_cast<int>(dilations.size()) ? dilations[axis] : 1;
    int64_t before = explicitPads.size() == 4 ? explicitPads[2 * axis] : 0;
    int64_t after = explicitPads.size() == 4 ? explicitPads[2 * axis + 1] : 0;
    FailureOr<WindowAxis> window =
        ShapedType::isDynamic(in) || ShapedType::isDynamic(k)
            ? FailureOr<WindowAxis>(failure())
            : computeWindow(in, k, s, d, padding, before, after);
    sizes.push_back(succeeded(window) ? window->outputSize
                                      : ShapedType::kDynamic);
  }
  return sizes;
}

/// Checks the attributes shared by convolutions and pooling.
LogicalResult verifyWindowAttrs(Operation *op, ArrayRef<int64_t> strides,
                                ArrayRef<int64_t> dilations, Padding padding,
                                ArrayRef<int64_t> explicitPads) {
  if (strides.size() != 2 ||
      llvm::any_of(strides, [](int64_t s) { return s < 1; }))
    return op->emitOpError("strides must be two positive sizes [h, w]");
  if (dilations.size() != 2 ||
      llvm::any_of(dilations, [](int64_t d) { return d < 1; }))
    return op->emitOpError("dilations must be two positive sizes [h, w]");
  if (padding == Padding::Explicit &&
      (explicitPads.size() != 4 ||
       llvm::any_of(explicitPads, [](int64_t p) { return p < 0; })))
    return op->emitOpError(
        "EXPLICIT padding needs four non-negative explicit_paddings "
        "[top, bottom, left, right]");
  return success();
}

/// Checks that every output size of a window op is known or can be.
LogicalResult verifyWindowFits(Operation *op, RankedTensorType input,
                               ArrayRef<int64_t> kernel,
                               ArrayRef<int64_t> strides,
                               ArrayRef<int64_t> dilations, Padding padding,
                               ArrayRef<int64_t> explicitPads) {
  for (int axis = 0; axis < 2; ++axis) {
    int64_t in = input.getDimSize(1 + axis);
    if (ShapedType::isDynamic(in) || ShapedType::isDynamic(kernel[axis]))
      continue;
    int64_t before = explicitPads.size() == 4 ? explicitPads[2 * axis] : 0;
    int64_t after = explicitPads.size() == 4 ? explicitPads[2 * axis + 1] : 0;
    if (failed(computeWindow(in, kernel[axis], strides[axis], dilations[axis],
                             padding, before, after)))
      return op->emitOpError("the window (")
             << kernel[axis] << " with dilation " << dilations[axis]
             << ") does not fit the input size " << in << " with padding "
             << stringifyPadding(padding);
  }
  return success();
}
} // namespace

/// The NHWC result of a convolution over `input` with an [h, w, in, x]
/// filter, whose output channels `outChannels` computes from the filter
/// shape; dynamic where unknown.
static Type inferConvolutionType(
    Value input, Value filter, const WindowAttrs &window,
    function_ref<int64_t(RankedTensorType filter)> outChannels) {
  auto inputType = cast<TensorType>(input.getType());
  auto filterType = dyn_cast<RankedTensorType>(filter.getType());
  auto ranked = dyn_cast<RankedTensorType>(inputType);
  if (!ranked || ranked.getRank() != 4 || !filterType ||
      filterType.getRank() != 4)
    return RankedTensorType::get(SmallVector<int64_t>(4, ShapedType::kDynamic),
                                 inputType.getElementType());
  SmallVector<int64_t> hw = windowOutputHW(
      ranked, filterType.getShape().take_front(2), window.strides,
      window.dilations, window.padding, window.explicitPaddings);
  return RankedTensorType::get(
      {ranked.getDimSize(0), hw[0], hw[1], outChannels(filterType)},
      inputType.getElementType());
}

/// Checks shared by convolutions: window attributes, NHWC ranks, input
/// channels matching the filter's, and the window fitting the input.
/// `filterRankError` is the message for a filter that is not rank 4,
/// `channelNote` is appended to a channel mismatch, and `checkElementTypes`
/// requires input and filter to share their element type.
static LogicalResult verifyConvolution(
    Operation *op, Value inputValue, Value filterValue,
    const WindowAttrs &window,
    function_ref<InFlightDiagnostic(RankedTensorType)> filterRankError,
    StringRef channelNote, bool checkElementTypes) {
  if (failed(verifyWindowAttrs(op, window.strides, window.dilations,
                               window.padding, window.explicitPaddings)))
    return failure();
  auto input = dyn_cast<RankedTensorType>(inputValue.getType());
  auto filter = dyn_cast<RankedTensorType>(filterValue.getType());
  if (input && input.getRank() != 4)
    return op->emitOpError("input must be NHWC (rank 4), got rank ")
           << input.getRank();
  if (filter && filter.getRank() != 4)
    return filterRankError(filter);
  if (!input || !filter)
    return success();
  if (checkElementTypes && input.getElementType() != filter.getElementType())
    return op->emitOpError("input and filter have different element types");
  int64_t channels = input.getDimSize(3), filterIn = filter.getDimSize(2);
  if (!ShapedType::isDynamic(channels) && !ShapedType::isDynamic(filterIn) &&
      channels != filterIn)
    return op->emitOpError("input has ")
           << channels << " channels but the filter expects " << filterIn
           << channelNote;
  return verifyWindowFits(op, input, filter.getShape().take_front(2),
                          window.strides, window.dilations, window.padding,
                          window.explicitPaddings);
}

FailureOr<std::array<WindowAxis, 2>>
mlir::tfc::computeSpatialWindows(ArrayRef<int64_t> inputShape,
                                 ArrayRef<int64_t> kernel,
                                 const WindowAttrs &window) {
  std::array<WindowAxis, 2> windows;
  bool isExplicit = window.explicitPaddings.size() == 4;
  for (int axis = 0; axis < 2; ++axis) {
    FailureOr<WindowAxis> axisWindow =
        computeWindow(inputShape[1 + axis], kernel[axis], window.strides[axis],
                      window.dilations[axis], window.padding,
                      isExplicit ? window.explicitPaddings[2 * axis] : 0,
                      isExplicit ? window.explicitPaddings[2 * axis + 1] : 0);
    if (failed(axisWindow))
      return failure();
    windows[axis] = *axisWindow;
  }
  return windows;
}

Type mlir::tfc::inferConv2DType(Value input, Value filter,
                                const WindowAttrs &window) {
  return inferConvolutionType(input, filter, window, [](RankedTensorType f) {
    return f.getDimSize(3);
  });
}

LogicalResult mlir::tfc::verifyConv2D(Operation *op, Value inputValue,
                                      Value filterValue,
                                      const WindowAttrs &window) {
  return verifyConvolution(
      op, inputValue, filterValue, window,
      [&](RankedTensorType f) {
        return op->emitOpError(
                   "filter must be [h, w, in, out] (rank 4), got rank ")
               << f.getRank();
      },
      " (grouped convolutions are not supported)",
      /*checkElementTypes=*/true);
}

LogicalResult Conv2DOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  inferred.push_back(inferConv2DType(adaptor.getInput(), adaptor.getFilter(),
                                     WindowAttrs::of(adaptor)));
  return success();
}

LogicalResult Conv2DOp::verify() {
  return verifyConv2D(*this, getInput(), getFilter(), WindowAttrs::of(*this));
}

Type mlir::tfc::inferDepthwiseConv2DType(Value input, Value filter,
                                         const WindowAttrs &window) {
  return inferConvolutionType(
      input, filter, window, [](RankedTensorType f) -> int64_t {
        int64_t channels = f.getDimSize(2), multiplier = f.getDimSize(3);
        return ShapedType::isDynamic(channels) ||
                       ShapedType::isDynamic(multiplier)
                   ? ShapedType::kDynamic
                   : channels * multiplier;
      });
}

LogicalResult mlir::tfc::verifyDepthwiseConv2D(Operation *op, Value inputValue,
                                               Value filterValue,
                                               const WindowAttrs &window) {
  return verifyConvolution(
      op, inputValue, filterValue, window,
      [&](RankedTensorType) {
        return op->emitOpError(
            "filter must be [h, w, in, multiplier] (rank 4)");
      },
      "", /*checkElementTypes=*/false);
}

LogicalResult
DepthwiseConv2DOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                    Adaptor adaptor,
                                    SmallVectorImpl<Type> &inferred) {
  inferred.push_back(inferDepthwiseConv2DType(
      adaptor.getInput(), adaptor.getFilter(), WindowAttrs::of(adaptor)));
  return success();
}

LogicalResult DepthwiseConv2DOp::verify() {
  return verifyDepthwiseConv2D(*this, getInput(), getFilter(),
                               WindowAttrs::of(*this));
}

/// The result shape of a transposed convolution: input_sizes' values (four,
/// NHWC, or [h, w]), batch and channels from out_backprop and the filter
/// where input_sizes leaves them out or is not a constant; dynamic where
/// unknown.
static SmallVector<int64_t> conv2DTransposeShape(Value inputSizes, Value filter,
                                                 Value outBackprop) {
  SmallVector<int64_t> shape(4, ShapedType::kDynamic);
  auto backprop = dyn_cast<RankedTensorType>(outBackprop.getType());
  auto filterType = dyn_cast<RankedTensorType>(filter.getType());
  if (backprop && backprop.getRank() == 4)
    shape[0] = backprop.getDimSize(0);
  if (filterType && filterType.getRank() == 4)
    shape[3] = filterType.getDimSize(2);
  std::optional<SmallVector<int64_t>> sizes = getConstantInts(inputSizes);
  // A negative size is the verifier's to report; it must not make a type.
  auto take = [&](int64_t dim, int64_t value) {
    if (value >= 0)
      shape[dim] = value;
  };
  if (sizes && sizes->size() == 4) {
    for (int64_t dim = 0; dim < 4; ++dim)
      take(dim, (*sizes)[dim]);
  } else if (sizes && sizes->size() == 2) {
    take(1, (*sizes)[0]);
    take(2, (*sizes)[1]);
  }
  return shape;
}

LogicalResult
Conv2DTransposeOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                    Adaptor adaptor,
                                    SmallVectorImpl<Type> &inferred) {
  auto backpropType = cast<TensorType>(adaptor.getOutBackprop().getType());
  inferred.push_back(RankedTensorType::get(
      conv2DTransposeShape(adaptor.getInputSizes(), adaptor.getFilter(),
                           adaptor.getOutBackprop()),
      backpropType.getElementType()));
  return success();
}

LogicalResult Conv2DTransposeOp::verify() {
  WindowAttrs window = WindowAttrs::of(*this);
  if (failed(verifyWindowAttrs(*this, window.strides, window.dilations,
                               window.padding, window.explicitPaddings)))
    return failure();
  auto sizesType = dyn_cast<RankedTensorType>(getInputSizes().getType());
  if (sizesType &&
      (sizesType.getRank() != 1 ||
       (!ShapedType::isDynamic(sizesType.getDimSize(0)) &&
        sizesType.getDimSize(0) != 4 && sizesType.getDimSize(0) != 2)))
    return emitOpError("input_sizes must be a vector of 4 values (NHWC) or 2 "
                       "([h, w])");
  if (std::optional<SmallVector<int64_t>> sizes =
          getConstantInts(getInputSizes()))
    if (llvm::any_of(*sizes, [](int64_t s) { return s < 1; }))
      return emitOpError("input_sizes must be positive");
  auto filter = dyn_cast<RankedTensorType>(getFilter().getType());
  auto backprop = dyn_cast<RankedTensorType>(getOutBackprop().getType());
  if (filter && filter.getRank() != 4)
    return emitOpError("filter must be [h, w, in, out] (rank 4), got rank ")
           << filter.getRank();
  if (backprop && backprop.getRank() != 4)
    return emitOpError("out_backprop must be NHWC (rank 4), got rank ")
           << backprop.getRank();
  if (!filter || !backprop)
    return success();
  if (filter.getElementType() != backprop.getElementType())
    return emitOpError("filter and out_backprop have different element types");
  auto known = [](int64_t a, int64_t b) {
    return !ShapedType::isDynamic(a) && !ShapedType::isDynamic(b);
  };
  int64_t channels = backprop.getDimSize(3), filterOut = filter.getDimSize(3);
  if (known(channels, filterOut) && channels != filterOut)
    return emitOpError("out_backprop has ")
           << channels << " channels but the filter has " << filterOut
           << " output channels";
  SmallVector<int64_t> result =
      conv2DTransposeShape(getInputSizes(), getFilter(), getOutBackprop());
  if (known(result[0], backprop.getDimSize(0)) &&
      result[0] != backprop.getDimSize(0))
    return emitOpError("input_sizes has batch ")
           << result[0] << " but out_backprop has batch "
           << backprop.getDimSize(0);
  if (known(result[3], filter.getDimSize(2)) &&
      result[3] != filter.getDimSize(2))
    return emitOpError("input_sizes has ")
           << result[3] << " channels but the filter has "
           << filter.getDimSize(2)
           << " input channels (grouped convolutions are not supported)";
  // The forward convolution over the result must give out_backprop's size,
  // as TensorFlow checks.
  bool isExplicit = window.explicitPaddings.size() == 4;
  for (int axis = 0; axis < 2; ++axis) {
    int64_t in = result[1 + axis], kernel = filter.getDimSize(axis);
    if (!known(in, kernel))
      continue;
    FailureOr<WindowAxis> forward = computeWindow(
        in, kernel, window.strides[axis], window.dilations[axis],
        window.padding, isExplicit ? window.explicitPaddings[2 * axis] : 0,
        isExplicit ? window.explicitPaddings[2 * axis + 1] : 0);
    if (failed(forward))
      return emitOpError("the window (")
             << kernel << " with dilation " << window.dilations[axis]
             << ") does not fit the input size " << in << " with padding "
             << stringifyPadding(window.padding);
    int64_t size = backprop.getDimSize(1 + axis);
    if (!ShapedType::isDynamic(size) && size != forward->outputSize)
      return emitOpError("out_backprop has ")
             << size << (axis == 0 ? " rows" : " columns")
             << " but the forward convolution of input size " << in << " gives "
             << forward->outputSize;
  }
  return success();
}

/// Pooling: same inference and checks for MaxPool and AvgPool.
template <typename PoolOp>
static LogicalResult inferPool(typename PoolOp::Adaptor adaptor,
                               SmallVectorImpl<Type> &inferred) {
  auto inputType = cast<TensorType>(adaptor.getInput().getType());
  auto ranked = dyn_cast<RankedTensorType>(inputType);
  if (!ranked || ranked.getRank() != 4) {
    inferred.push_back(
        RankedTensorType::get(SmallVector<int64_t>(4, ShapedType::kDynamic),
                              inputType.getElementType()));
    return success();
  }
  SmallVector<int64_t> hw =
      windowOutputHW(ranked, adaptor.getKsize(), adaptor.getStrides(), {1, 1},
                     adaptor.getPadding(), {});
  inferred.push_back(RankedTensorType::get(
      {ranked.getDimSize(0), hw[0], hw[1], ranked.getDimSize(3)},
      inputType.getElementType()));
  return success();
}

template <typename PoolOp> static LogicalResult verifyPool(PoolOp op) {
  if (op.getKsize().size() != 2 ||
      llvm::any_of(op.getKsize(), [](int64_t k) { return k < 1; }))
    return op.emitOpError("ksize must be two positive sizes [h, w]");
  if (op.getPadding() == Padding::Explicit)
    return op.emitOpError("pooling supports SAME and VALID padding only");
  SmallVector<int64_t> dilations = {1, 1};
  if (failed(verifyWindowAttrs(op, op.getStrides(), dilations, op.getPadding(),
                               {})))
    return failure();
  auto input = dyn_cast<RankedTensorType>(op.getInput().getType());
  if (!input)
    return success();
  if (input.getRank() != 4)
    return op.emitOpError("input must be NHWC (rank 4), got rank ")
           << input.getRank();
  // The lowering's padded window has no element to read; say so here rather
  // than leave a half-converted function to fail in LLVM IR translation.
  if (llvm::is_contained(input.getShape(), 0))
    return op.emitOpError("input ")
           << input << " has no elements; pooling an empty tensor is not "
           << "supported";
  return verifyWindowFits(op, input, op.getKsize(), op.getStrides(), dilations,
                          op.getPadding(), {});
}

LogicalResult MaxPoolOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location>,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  return inferPool<MaxPoolOp>(adaptor, inferred);
}
LogicalResult MaxPoolOp::verify() { return verifyPool(*this); }

LogicalResult AvgPoolOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location>,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  return inferPool<AvgPoolOp>(adaptor, inferred);
}
LogicalResult AvgPoolOp::verify() { return verifyPool(*this); }

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

LogicalResult LRNOp::verify() {
  // I64Attr reads back as uint64_t.
  if (static_cast<int64_t>(getDepthRadius()) < 0)
    return emitOpError("depth_radius must be >= 0");
  auto type = dyn_cast<RankedTensorType>(getInput().getType());
  if (type && type.getRank() != 4)
    return emitOpError("input must have rank 4, got rank ") << type.getRank();
  return success();
}

LogicalResult BatchNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location>,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  inferred.push_back(adaptor.getX().getType());
  return success();
}

LogicalResult BatchNormOp::verify() {
  auto x = dyn_cast<RankedTensorType>(getX().getType());
  if (x && x.getRank() < 1)
    return emitOpError("x must have rank >= 1");
  int64_t channels = x ? x.getDimSize(x.getRank() - 1) : ShapedType::kDynamic;
  for (Value vector : {getScale(), getOffset(), getMean(), getVariance()}) {
    auto type = dyn_cast<RankedTensorType>(vector.getType());
    if (!type)
      continue;
    if (type.getElementType() != getX().getType().getElementType())
      return emitOpError("scale, offset, mean and variance must have x's "
                         "element type");
    if (type.getRank() != 1)
      return emitOpError("scale, offset, mean and variance must be 1-D");
    if (!ShapedType::isDynamic(channels) &&
        !ShapedType::isDynamic(type.getDimSize(0)) &&
        type.getDimSize(0) != channels)
      return emitOpError("expected ")
             << channels << " channels, got a vector of " << type.getDimSize(0);
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

/// The result of reducing `input` over constant `axes`.
static Type inferReduction(Value input, Value axes, bool keepDims) {
  auto type = cast<TensorType>(input.getType());
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked)
    return UnrankedTensorType::get(type.getElementType());
  FailureOr<SmallVector<int64_t>> reduced =
      getReductionAxes(axes, ranked.getRank());
  if (failed(reduced)) {
    if (keepDims)
      return RankedTensorType::get(
          SmallVector<int64_t>(ranked.getRank(), ShapedType::kDynamic),
          type.getElementType());
    return UnrankedTensorType::get(type.getElementType());
  }
  SmallVector<int64_t> dims;
  for (int64_t axis = 0; axis < ranked.getRank(); ++axis) {
    bool isReduced = llvm::is_contained(*reduced, axis);
    if (!isReduced)
      dims.push_back(ranked.getDimSize(axis));
    else if (keepDims)
      dims.push_back(1);
  }
  return RankedTensorType::get(dims, type.getElementType());
}

static LogicalResult verifyReduction(Operation *op, Value input, Value axes) {
  auto axesType = dyn_cast<RankedTensorType>(axes.getType());
  if (axesType && axesType.getRank() > 1)
    return op->emitOpError("reduction_indices must be a scalar or 1-D");
  auto ranked = dyn_cast<RankedTensorType>(input.getType());
  DenseIntElementsAttr values;
  if (ranked && matchPattern(axes, m_Constant(&values)))
    for (const APInt &value : values.getValues<APInt>())
      if (value.getSExtValue() < -ranked.getRank() ||
          value.getSExtValue() >= ranked.getRank())
        return op->emitOpError("axis ")
               << value.getSExtValue() << " is out of range for rank "
               << ranked.getRank();
  return success();
}

#define TFC_REDUCTION(OpTy)                                                    \
  LogicalResult OpTy::inferReturnTypes(MLIRContext *, std::optional<Location>, \
                                       Adaptor adaptor,                        \
                                       SmallVectorImpl<Type> &inferred) {      \
    inferred.push_back(inferReduction(adaptor.getInput(),                      \
                                      adaptor.getReductionIndices(),           \
                                      adaptor.getKeepDims()));                 \
    return success();                                                          \
  }                                                                            \
  LogicalResult OpTy::verify() {                                               \
    return verifyReduction(*this, getInput(), getReductionIndices());          \
  }
TFC_REDUCTION(MeanOp)
TFC_REDUCTION(SumOp)
TFC_REDUCTION(MaxOp)
TFC_REDUCTION(MinOp)
TFC_REDUCTION(ProdOp)
TFC_REDUCTION(AllOp)
TFC_REDUCTION(AnyOp)
#undef TFC_REDUCTION

/// ArgMax and ArgMin share inference and checks.
template <typename OpTy>
static LogicalResult inferArgReduction(typename OpTy::Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  Type indexType = adaptor.getOutputType();
  Type reduced = inferReduction(adaptor.getInput(), adaptor.getDimension(),
                                /*keepDims=*/false);
  if (auto ranked = dyn_cast<RankedTensorType>(reduced))
    inferred.push_back(RankedTensorType::get(ranked.getShape(), indexType));
  else
    inferred.push_back(UnrankedTensorType::get(indexType));
  return success();
}

template <typename OpTy> static LogicalResult verifyArgReduction(OpTy op) {
  if (!op.getOutputType().isInteger(32) && !op.getOutputType().isInteger(64))
    return op.emitOpError("output_type must be int32 or int64");
  auto axisType = dyn_cast<RankedTensorType>(op.getDimension().getType());
  if (axisType && axisType.getRank() != 0 &&
      !(axisType.getRank() == 1 && axisType.getDimSize(0) == 1))
    return op.emitOpError("dimension must be a scalar");
  return verifyReduction(op, op.getInput(), op.getDimension());
}

LogicalResult ArgMaxOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  return inferArgReduction<ArgMaxOp>(adaptor, inferred);
}
LogicalResult ArgMaxOp::verify() { return verifyArgReduction(*this); }

LogicalResult ArgMinOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  return inferArgReduction<ArgMinOp>(adaptor, inferred);
}
LogicalResult ArgMinOp::verify() { return verifyArgReduction(*this); }

//===----------------------------------------------------------------------===//
// Cumsum
//===----------------------------------------------------------------------===//

LogicalResult CumsumOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  inferred.push_back(adaptor.getX().getType());
  return success();
}

/// TensorFlow's checks (scan_ops.cc): the axis is a scalar in [-rank, rank),
/// so a scalar input has no axis to sum along.
LogicalResult CumsumOp::verify() {
  auto axisType = dyn_cast<RankedTensorType>(getAxis().getType());
  if (axisType && axisType.getRank() != 0)
    return emitOpError("axis must be a scalar, got ") << axisType;
  auto type = dyn_cast<RankedTensorType>(getX().getType());
  if (!type)
    return success();
  if (type.getRank() == 0)
    return emitOpError("x must have rank >= 1 to sum along an axis");
  std::optional<SmallVector<int64_t>> axis = getConstantInts(getAxis());
  if (axis && axis->size() == 1 &&
      (axis->front() < -type.getRank() || axis->front() >= type.getRank()))
    return emitOpError("axis ")
           << axis->front() << " is out of range for rank " << type.getRank();
  return success();
}
