//===- Passes.td - tfc conversion passes -------------------*- tablegen -*-===//

#ifndef TFC_CONVERSION_PASSES_TD
#define TFC_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertTFCToLinalg : Pass<"convert-tfc-to-linalg", "func::FuncOp"> {
  let summary = "Lower tfc ops to linalg, tensor, arith, math and scf";
  let description = [{
    Every tfc op becomes tensor-level upstream IR: elementwise ops and
    activations become `linalg.generic` with broadcasting indexing maps,
    MatMul a contraction, Softmax a numerically stable max/exp/sum/divide
    sequence, Reshape a collapse/expand pair, Const an `arith.constant`;
    ops that carry state from step to step (Cumsum, TopKV2) are an `scf.for`
    around linalg ops.
    All shapes must be static by now; an op with a dynamic shape is reported
    at its node with a hint to give the feed shapes.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // TFC_CONVERSION_PASSES_TD
