//===- TFCKernelOps.td - calls of the runtime's kernels ----*- tablegen -*-===//
//
// The op that stands for a call of one of the runtime's contraction kernels
// (runtime/src/kernels). `tfc-use-kernels` creates it on tensors,
// one-shot bufferization turns it into its memref form, and
// `tfc-lower-kernel-calls` into the call. Included from TFCOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_KERNEL_OPS_TD
#define TFC_KERNEL_OPS_TD

include "mlir/Interfaces/DestinationStyleOpInterface.td"
include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.td"

def TFC_KernelCallOp : TFC_Op<"kernel_call", [
    AttrSizedOperandSegments, DestinationStyleOpInterface,
    DeclareOpInterfaceMethods<BufferizableOpInterface,
        ["bufferizesToMemoryRead", "bufferizesToMemoryWrite",
         "getAliasingValues", "bufferize"]>]> {
  let summary = "A call of a runtime kernel, in destination-passing style";
  let description = [{
    Computes `init`'s contents with the runtime kernel
    `tfc_<kernel>(params, init, input, weights, bias, residual, pool)`
    (runtime/src/kernels/kernels.h): `params` is the kernel's parameter
    array, `weights` already in the kernel's packed layout (absent for a
    kernel without, as max_pool), `bias` and `residual` optional. On
    tensors it returns the new value of `init`; on memrefs it writes `init`
    and returns nothing. The kernel overwrites all of `init` without reading
    it.
  }];
  let arguments = (ins AnyShaped:$input, Optional<AnyShaped>:$weights,
                   Optional<AnyShaped>:$bias, Optional<AnyShaped>:$residual,
                   AnyShaped:$init, StrAttr:$kernel,
                   DenseI64ArrayAttr:$params);
  let results = (outs Variadic<AnyRankedTensor>:$results);
  let assemblyFormat = [{
    $kernel `(` $input (`,` $weights^)? (`bias` $bias^)? (`residual` $residual^)?
    `)` `outs` `(` $init `)` attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let tfcClassDeclaration = [{
    ::mlir::MutableOperandRange getDpsInitsMutable() {
      return getInitMutable();
    }
    /// TFC_CONV_OUT_STRIDE's place in a convolution's params (kernels.h).
    static constexpr size_t kOutStrideParam = 17;
    /// Whether the kernel is a convolution (direct or Winograd), which
    /// takes TFC_CONV_OUT_STRIDE, still with a dense output.
    bool takesOutStride();
  }];
}

#endif // TFC_KERNEL_OPS_TD
