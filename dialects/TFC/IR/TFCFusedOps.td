//===- TFCFusedOps.td - tfc fused ops ----------------------*- tablegen -*-===//
//
// Ops the graph optimizer forms by fusing TensorFlow ops (a contraction with
// its bias and activation). The importer never creates them. Included from
// TFCOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_FUSED_OPS_TD
#define TFC_FUSED_OPS_TD

//===----------------------------------------------------------------------===//
// Contraction + bias [+ residual] [+ activation]
//===----------------------------------------------------------------------===//

// What every fused contraction does after the contraction itself:
//   output = activation(contraction + bias[channel] (+ residual)).
// The bias is 1-D along the channel (innermost) axis; the residual, when
// present, has the result's shape. `activation` is "None" or the TensorFlow
// op applied last (`alpha` is LeakyRelu's slope and ignored otherwise).
defvar TFC_FusedEpilogueOperands = (ins TFC_FloatTensor:$bias,
                                        Optional<TFC_FloatTensor>:$residual);
defvar TFC_FusedEpilogueAttrs = (ins
    DefaultValuedAttr<TFC_ActivationAttr, "::mlir::tfc::Activation::None">:$activation,
    DefaultValuedAttr<F64Attr, "0.2">:$alpha);

class TFC_FusedContractionOp<string mnemonic, string contraction> :
    TFC_Op<mnemonic, [Pure, InferTypeOpAdaptor]> {
  let summary = contraction # " + BiasAdd [+ Add] [+ activation], fused";
  let description = [{
    output = activation(contraction + bias (+ residual)), where the bias is
    added along the innermost axis and the residual, when present, is a
    tensor of the result's shape. `activation` is None, Relu, Relu6, Elu,
    LeakyRelu (slope `alpha`), Sigmoid or Tanh. Formed by
    `tfc-fuse-contractions` so that lowering can start the contraction's
    accumulator at the bias and apply the rest in place, in one pass over
    the result.
  }];
  let results = (outs TFC_FloatTensor:$output);
  let hasVerifier = 1;
}

def TFC_FusedConv2DOp : TFC_FusedContractionOp<"fused_conv2d", "Conv2D"> {
  let arguments = !con((ins TFC_FloatTensor:$input, TFC_FloatTensor:$filter),
                       TFC_FusedEpilogueOperands, TFC_WindowAttrs,
                       TFC_FusedEpilogueAttrs);
  let assemblyFormat =
      "$input `,` $filter `,` $bias (`,` $residual^)? attr-dict `:` "
      "functional-type(operands, results)";
}

def TFC_FusedDepthwiseConv2DOp :
    TFC_FusedContractionOp<"fused_depthwise_conv2d", "DepthwiseConv2dNative"> {
  let arguments = !con((ins TFC_FloatTensor:$input, TFC_FloatTensor:$filter),
                       TFC_FusedEpilogueOperands, TFC_WindowAttrs,
                       TFC_FusedEpilogueAttrs);
  let assemblyFormat =
      "$input `,` $filter `,` $bias (`,` $residual^)? attr-dict `:` "
      "functional-type(operands, results)";
}

def TFC_FusedMatMulOp : TFC_FusedContractionOp<"fused_matmul", "MatMul"> {
  let arguments = !con((ins TFC_FloatTensor:$a, TFC_FloatTensor:$b),
                       TFC_FusedEpilogueOperands,
                       (ins DefaultValuedAttr<BoolAttr, "false">:$transpose_a,
                            DefaultValuedAttr<BoolAttr, "false">:$transpose_b),
                       TFC_FusedEpilogueAttrs);
  let assemblyFormat =
      "$a `,` $b `,` $bias (`,` $residual^)? attr-dict `:` "
      "functional-type(operands, results)";
}

#endif // TFC_FUSED_OPS_TD
