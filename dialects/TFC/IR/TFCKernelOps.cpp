//===- TFCKernelOps.cpp - tfc.kernel_call ---------------------------------===//
//
// The verifier of tfc.kernel_call and its bufferization: operands become
// buffers, the result is `init`'s buffer. The kernels take dense row-major
// memory, so an operand whose buffer is not (a strided view) is copied to a
// new buffer first, and a non-dense `init` gets a dense one copied back;
// except that the convolution kernels write an `init` that is a slice of
// the channels of a wider NHWC buffer (a Concat's operand) in place, told
// its pixel stride by TFC_CONV_OUT_STRIDE (runtime/src/kernels/kernels.h).
//
//===----------------------------------------------------------------------===//

#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"

using namespace mlir;
using namespace mlir::tfc;
using namespace mlir::bufferization;

LogicalResult KernelCallOp::verify() {
  bool onTensors = isa<TensorType>(getInit().getType());
  for (Value operand : getOperation()->getOperands())
    if (isa<TensorType>(operand.getType()) != onTensors)
      return emitOpError("mixes tensor and memref operands");
  if (onTensors != (getResults().size() == 1))
    return emitOpError(onTensors ? "on tensors returns the new init"
                                 : "on memrefs returns nothing");
  if (onTensors && getResults()[0].getType() != getInit().getType())
    return emitOpError("result type must be init's type");
  return success();
}

bool KernelCallOp::bufferizesToMemoryRead(OpOperand &operand,
                                          const AnalysisState &) {
  return &operand != &getInitMutable();
}

bool KernelCallOp::bufferizesToMemoryWrite(OpOperand &operand,
                                           const AnalysisState &) {
  return &operand == &getInitMutable();
}

AliasingValueList KernelCallOp::getAliasingValues(OpOperand &operand,
                                                  const AnalysisState &) {
  if (&operand != &getInitMutable())
    return {};
  return {{getResults()[0], BufferRelation::Equivalent}};
}

/// A dense row-major copy of `buffer`, or `buffer` itself when it is one.
static Value denseBuffer(RewriterBase &rewriter, Location loc, Value buffer,
                         bool copyIn) {
  auto type = cast<MemRefType>(buffer.getType());
  if (memref::isStaticShapeAndContiguousRowMajor(type))
    return buffer;
  auto denseType = MemRefType::get(type.getShape(), type.getElementType());
  Value dense = memref::AllocOp::create(rewriter, loc, denseType);
  if (copyIn)
    memref::CopyOp::create(rewriter, loc, buffer, dense);
  return dense;
}

bool KernelCallOp::takesOutStride() {
  StringRef kernel = getKernel();
  ArrayRef<int64_t> params = getParams();
  return (kernel.starts_with("conv2d_f32_") ||
          kernel.starts_with("conv2d_winograd_f32_")) &&
         params.size() > kOutStrideParam && params[kOutStrideParam] == 0;
}

/// The floats from one pixel to the next of an NHWC `type` whose pixels are
/// evenly spaced and whose channels are contiguous (a slice of the channels
/// of a wider dense tensor, or a dense one); none otherwise.
static std::optional<int64_t> pixelStride(MemRefType type) {
  SmallVector<int64_t> strides;
  int64_t offset;
  if (type.getRank() != 4 || !type.hasStaticShape() ||
      failed(type.getStridesAndOffset(strides, offset)))
    return std::nullopt;
  ArrayRef<int64_t> shape = type.getShape();
  if (shape[3] > 1 && strides[3] != 1)
    return std::nullopt;
  // The innermost pixel dimension of more than one gives the stride; each
  // outer one must step over all the pixels inside it.
  int64_t stride = shape[3];
  for (int d = 2; d >= 0; --d)
    if (shape[d] > 1) {
      stride = strides[d];
      for (int inner = d + 1; inner < 3; ++inner)
        stride /= shape[inner];
      break;
    }
  int64_t pixels = 1;
  for (int d = 2; d >= 0; --d) {
    if (shape[d] > 1 &&
        (ShapedType::isDynamic(strides[d]) || strides[d] != pixels * stride))
      return std::nullopt;
    pixels *= shape[d];
  }
  if (stride < shape[3])
    return std::nullopt;
  return stride;
}

LogicalResult KernelCallOp::bufferize(RewriterBase &rewriter,
                                      const BufferizationOptions &options,
                                      BufferizationState &state) {
  Location loc = getLoc();
  auto bufferOf = [&](Value value) -> FailureOr<Value> {
    if (!value)
      return Value();
    FailureOr<Value> buffer = getBuffer(rewriter, value, options, state);
    if (failed(buffer))
      return failure();
    return denseBuffer(rewriter, loc, *buffer, /*copyIn=*/true);
  };
  FailureOr<Value> input = bufferOf(getInput());
  FailureOr<Value> weights = bufferOf(getWeights());
  FailureOr<Value> bias = bufferOf(getBias());
  FailureOr<Value> residual = bufferOf(getResidual());
  FailureOr<Value> init = getBuffer(rewriter, getInit(), options, state);
  if (failed(input) || failed(weights) || failed(bias) || failed(residual) ||
      failed(init))
    return failure();
  SmallVector<int64_t> params(getParams());
  Value output;
  auto initType = cast<MemRefType>(init->getType());
  std::optional<int64_t> stride = pixelStride(initType);
  if (!memref::isStaticShapeAndContiguousRowMajor(initType) && stride &&
      takesOutStride()) {
    output = *init;
    params[kOutStrideParam] = *stride;
  } else {
    output = denseBuffer(rewriter, loc, *init, /*copyIn=*/false);
  }
  KernelCallOp::create(rewriter, loc, TypeRange(), *input, *weights, *bias,
                       *residual, output, getKernelAttr(),
                       rewriter.getDenseI64ArrayAttr(params));
  if (output != *init)
    memref::CopyOp::create(rewriter, loc, output, *init);
  replaceOpWithBufferizedValues(rewriter, getOperation(), *init);
  return success();
}
