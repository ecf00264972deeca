//===- TFCDataMovementOps.td - tfc data movement ops -------*- tablegen -*-===//
//
// Ops that move, reshape or select elements without arithmetic: Reshape,
// and the shape-computation ops Keras graphs are full of. Included from
// TFCOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_DATA_MOVEMENT_OPS_TD
#define TFC_DATA_MOVEMENT_OPS_TD

def TFC_ReshapeOp : TFC_Op<"reshape", [Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow Reshape: same elements, new shape";
  let description = [{
    The shape operand may hold one -1, which takes the size that keeps the
    element count. When the shape operand is a constant the result type is
    fully known; otherwise only its rank is.
  }];
  let arguments = (ins TFC_Tensor:$tensor, TFC_ShapeTensor:$shape);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat =
      "$tensor `,` $shape attr-dict `:` type($tensor) `,` type($shape) `->` type($output)";
  let hasFolder = 1;
  let hasVerifier = 1;
}

#endif // TFC_DATA_MOVEMENT_OPS_TD
