//===- TFCKernelOps.cpp - tfc.kernel_call ---------------------------------===//
//
// The verifier of tfc.kernel_call and its bufferization: operands become
// buffers, the result is `init`'s buffer. The kernels take dense row-major
// memory, so an operand whose buffer is not (a strided view) is copied to a
// new buffer first, and a non-dense `init` gets a dense one copied back.
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
  Value output = denseBuffer(rewriter, loc, *init, /*copyIn=*/false);
  KernelCallOp::create(rewriter, loc, TypeRange(), *input, *weights, *bias,
                       *residual, output, getKernelAttr(), getParamsAttr());
  if (output != *init)
    memref::CopyOp::create(rewriter, loc, output, *init);
  replaceOpWithBufferizedValues(rewriter, getOperation(), *init);
  return success();
}
