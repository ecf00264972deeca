//===- TFCNeuralNetOps.td - tfc neural network ops ---------*- tablegen -*-===//
//
// Convolutions, pooling, normalization, reductions and Cumsum (a scan along
// one axis, the reductions' kin). Included from TFCOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_NEURAL_NET_OPS_TD
#define TFC_NEURAL_NET_OPS_TD


//===----------------------------------------------------------------------===//
// Convolutions and pooling (NHWC)
//===----------------------------------------------------------------------===//

// Window ops keep TensorFlow's padding mode; the pads follow from the input
// size (`tfc::computeWindow`), so inference and lowering agree by
// construction. Strides and dilations are [height, width]; the importer
// rejects anything but 1 on the batch and channel axes.
defvar TFC_WindowAttrs = (ins DenseI64ArrayAttr:$strides,
                              DenseI64ArrayAttr:$dilations,
                              TFC_PaddingAttr:$padding,
                              DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$explicit_paddings);

def TFC_Conv2DOp : TFC_Op<"conv2d", [Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow Conv2D (NHWC input, HWIO filter)";
  let description = [{
    `padding` is SAME, VALID or EXPLICIT; with EXPLICIT, `explicit_paddings`
    holds [top, bottom, left, right].
  }];
  let arguments = !con((ins TFC_FloatTensor:$input, TFC_FloatTensor:$filter),
                       TFC_WindowAttrs);
  let results = (outs TFC_FloatTensor:$output);
  let assemblyFormat =
      "$input `,` $filter attr-dict `:` type($input) `,` type($filter) `->` type($output)";
  let hasVerifier = 1;
}

def TFC_DepthwiseConv2DOp : TFC_Op<"depthwise_conv2d", [Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow DepthwiseConv2dNative (NHWC input, HWCM filter)";
  let arguments = !con((ins TFC_FloatTensor:$input, TFC_FloatTensor:$filter),
                       TFC_WindowAttrs);
  let results = (outs TFC_FloatTensor:$output);
  let assemblyFormat =
      "$input `,` $filter attr-dict `:` type($input) `,` type($filter) `->` type($output)";
  let hasVerifier = 1;
}

def TFC_Conv2DTransposeOp : TFC_Op<"conv2d_transpose",
                                   [Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow Conv2DBackpropInput: transposed convolution "
                "(NHWC, HWIO filter)";
  let description = [{
    The gradient of `tfc.conv2d` with respect to its input, which Keras'
    Conv2DTranspose freezes to: `out_backprop` [n, oh, ow, out] is spread
    back through `filter` [h, w, in, out] onto a result of `input_sizes`:
    [n, h, w, in], or [h, w] with n and in taken from `out_backprop` and the
    filter. `input_sizes` is often computed (Keras packs the batch size from
    Shape); its values must be known for lowering. The window attributes are
    those of the forward convolution, exactly as on `tfc.conv2d`; that
    convolution over the result's shape must give `out_backprop`'s [oh, ow].
  }];
  let arguments = !con((ins TensorOf<[I32]>:$input_sizes,
                            TFC_FloatTensor:$filter,
                            TFC_FloatTensor:$out_backprop),
                       TFC_WindowAttrs);
  let results = (outs TFC_FloatTensor:$output);
  let assemblyFormat =
      "$input_sizes `,` $filter `,` $out_backprop attr-dict `:` "
      "type($input_sizes) `,` type($filter) `,` type($out_backprop) `->` "
      "type($output)";
  let hasVerifier = 1;
}

class TFC_PoolOp<string mnemonic, string tfName> :
    TFC_Op<mnemonic, [Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow " # tfName # " (NHWC)";
  let description = [{
    `ksize` and `strides` are [height, width]; padding SAME or VALID.
  }];
  let arguments = (ins TFC_FloatTensor:$input, DenseI64ArrayAttr:$ksize,
                   DenseI64ArrayAttr:$strides, TFC_PaddingAttr:$padding);
  let results = (outs TFC_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def TFC_MaxPoolOp : TFC_PoolOp<"max_pool", "MaxPool">;
def TFC_AvgPoolOp : TFC_PoolOp<"avg_pool", "AvgPool"> {
  let description = [{
    With SAME padding each average divides by the number of input elements
    the window covers, not by the window size, as TensorFlow does.
  }];
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

def TFC_LRNOp : TFC_Op<"lrn", [Pure, SameOperandsAndResultType]> {
  let summary = "TensorFlow LRN: local response normalization over channels";
  let description = [{
    output = input / (bias + alpha * sum(input[c - r .. c + r]^2)) ^ beta,
    with r = depth_radius, summing over the innermost axis.
  }];
  let arguments = (ins TFC_FloatTensor:$input, I64Attr:$depth_radius,
                   F64Attr:$bias, F64Attr:$alpha, F64Attr:$beta);
  let results = (outs TFC_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def TFC_BatchNormOp : TFC_Op<"batch_norm", [Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow FusedBatchNorm / V2 / V3 in inference mode";
  let description = [{
    y = (x - mean) * scale / sqrt(variance + epsilon) + offset, per channel
    (the innermost axis). The other outputs of the TensorFlow op are the
    mean and variance inputs themselves in inference mode; the importer
    forwards those.
  }];
  let arguments = (ins TFC_FloatTensor:$x, TFC_FloatTensor:$scale,
                   TFC_FloatTensor:$offset, TFC_FloatTensor:$mean,
                   TFC_FloatTensor:$variance, F64Attr:$epsilon);
  let results = (outs TFC_FloatTensor:$y);
  let assemblyFormat =
      "$x `,` $scale `,` $offset `,` $mean `,` $variance attr-dict `:` "
      "functional-type(operands, results)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

class TFC_ReductionOp<string mnemonic, string tfName> :
    TFC_Op<mnemonic, [Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow " # tfName # " over the axes in `reduction_indices`";
  let description = [{
    `reduction_indices` is a scalar or 1-D int32/int64 tensor (negative axes
    count from the end) and must be a constant for lowering. With
    `keep_dims`, reduced axes stay as size 1.
  }];
  let arguments = (ins TFC_IntOrFloatTensor:$input,
                   TFC_ShapeTensor:$reduction_indices,
                   DefaultValuedAttr<BoolAttr, "false">:$keep_dims);
  let results = (outs TFC_IntOrFloatTensor:$output);
  let assemblyFormat =
      "$input `,` $reduction_indices attr-dict `:` type($input) `,` type($reduction_indices) `->` type($output)";
  let hasVerifier = 1;
}

def TFC_MeanOp : TFC_ReductionOp<"mean", "Mean">;
def TFC_SumOp : TFC_ReductionOp<"sum", "Sum">;
def TFC_MaxOp : TFC_ReductionOp<"max", "Max">;
def TFC_MinOp : TFC_ReductionOp<"min", "Min">;
def TFC_ProdOp : TFC_ReductionOp<"prod", "Prod">;

/// All and Any reduce booleans.
class TFC_LogicalReductionOp<string mnemonic, string tfName> :
    TFC_ReductionOp<mnemonic, tfName> {
  let arguments = (ins TensorOf<[I1]>:$input,
                   TFC_ShapeTensor:$reduction_indices,
                   DefaultValuedAttr<BoolAttr, "false">:$keep_dims);
  let results = (outs TensorOf<[I1]>:$output);
}
def TFC_AllOp : TFC_LogicalReductionOp<"all", "All">;
def TFC_AnyOp : TFC_LogicalReductionOp<"any", "Any">;

class TFC_ArgReductionOp<string mnemonic, string tfName, string which> :
    TFC_Op<mnemonic, [Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow " # tfName # ": index of the " # which #
                " value along an axis";
  let description = [{
    Ties go to the smallest index. `dimension` is a scalar constant.
  }];
  let arguments = (ins TFC_IntOrFloatTensor:$input,
                   TFC_ShapeTensor:$dimension, TypeAttr:$output_type);
  let results = (outs TFC_ShapeTensor:$output);
  let assemblyFormat =
      "$input `,` $dimension attr-dict `:` type($input) `,` type($dimension) `->` type($output)";
  let hasVerifier = 1;
}

def TFC_ArgMaxOp : TFC_ArgReductionOp<"arg_max", "ArgMax", "largest">;
def TFC_ArgMinOp : TFC_ArgReductionOp<"arg_min", "ArgMin", "smallest">;

def TFC_CumsumOp : TFC_Op<"cumsum", [Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow Cumsum: running sums along an axis";
  let description = [{
    out[..., i, ...] = x[..., 0, ...] + ... + x[..., i, ...] along `axis`, a
    scalar (negative counts from the end) that must be a constant for
    lowering. `exclusive` leaves out x[..., i, ...] itself (the first sum is
    0); `reverse` sums from the end instead. Sums accumulate in order along
    the axis, as TensorFlow's kernel does; integers wrap.
  }];
  let arguments = (ins TFC_IntOrFloatTensor:$x, TFC_ShapeTensor:$axis,
                   DefaultValuedAttr<BoolAttr, "false">:$exclusive,
                   DefaultValuedAttr<BoolAttr, "false">:$reverse);
  let results = (outs TFC_IntOrFloatTensor:$out);
  let assemblyFormat =
      "$x `,` $axis attr-dict `:` type($x) `,` type($axis) `->` type($out)";
  let hasVerifier = 1;
}

#endif // TFC_NEURAL_NET_OPS_TD
