//===- TFCDataMovementOps.td - tfc data movement ops -------*- tablegen -*-===//
//
// Ops that move, reshape or select elements without arithmetic (and Cast,
// which converts each element on its own): Reshape, Pad, ConcatV2, Pack,
// Squeeze, ExpandDims, Transpose, Slice, StridedSlice, Shape, Cast. Keras
// graphs compute shapes at run time with these ops (Shape -> StridedSlice ->
// Pack -> Reshape), so every one of them folds on constant operands, and
// Shape folds on any input whose shape is static. Included from TFCOps.td.
//
// Operands that TensorFlow reads as compile-time data (paddings, axis, perm,
// begin/end/strides, size) stay operands, as in the graph. Type inference
// computes exact result types when they are constants and dynamic sizes
// otherwise; lowering requires them to be constants.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_DATA_MOVEMENT_OPS_TD
#define TFC_DATA_MOVEMENT_OPS_TD

def TFC_ReshapeOp : TFC_Op<"reshape", [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
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

def TFC_PadOp : TFC_Op<"pad", [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow Pad / PadV2: pads with a constant value";
  let description = [{
    `paddings` is an integer matrix of shape [rank(input), 2]: how many
    elements go before and after the input along each axis (not negative).
    The new elements are `constant_values` (PadV2, a scalar of the input's
    type) or zero (Pad).
  }];
  let arguments = (ins TFC_Tensor:$input, TFC_ShapeTensor:$paddings,
                   Optional<TFC_Tensor>:$constant_values);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $paddings (`,` $constant_values^)? attr-dict `:` type($input)
    `,` type($paddings) (`,` type($constant_values)^)? `->` type($output)
  }];
  let hasFolder = 1;
  let hasVerifier = 1;
}

def TFC_MirrorPadOp : TFC_Op<"mirror_pad", [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow MirrorPad: pads with reflections of the input";
  let description = [{
    `paddings` as for Pad. REFLECT mirrors around the edge element (which
    is not repeated: a side pads at most size - 1), SYMMETRIC repeats it (at
    most size).
  }];
  let arguments = (ins TFC_Tensor:$input, TFC_ShapeTensor:$paddings,
                   TFC_MirrorPadModeAttr:$mode);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $paddings attr-dict `:` type($input) `,` type($paddings) `->`
    type($output)
  }];
  let hasVerifier = 1;
}

def TFC_ConcatV2Op : TFC_Op<"concat_v2", [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow ConcatV2 (and Concat): joins tensors along an axis";
  let description = [{
    All values have the same rank and element type and agree on every size
    but the one along `axis`, a scalar in [-rank, rank).
  }];
  let arguments = (ins Variadic<TFC_Tensor>:$values, TFC_ShapeTensor:$axis);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = [{
    `(` $values `)` `,` $axis attr-dict `:` `(` type($values) `)` `,`
    type($axis) `->` type($output)
  }];
  let hasFolder = 1;
  let hasVerifier = 1;
}

def TFC_PackOp : TFC_Op<"pack", [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow Pack (tf.stack): stacks N tensors on a new axis";
  let description = [{
    All values have the same shape and element type; the result has a new
    dimension of size N at `axis`, in [-(rank + 1), rank + 1).
  }];
  let arguments = (ins Variadic<TFC_Tensor>:$values,
                   DefaultValuedAttr<I64Attr, "0">:$axis);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat =
      "$values attr-dict `:` type($values) `->` type($output)";
  let hasFolder = 1;
  let hasVerifier = 1;
}

def TFC_SqueezeOp : TFC_Op<"squeeze", [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow Squeeze: removes dimensions of size 1";
  let description = [{
    Removes the dimensions listed in `squeeze_dims` (negative values count
    from the end), each of which must have size 1; an empty list removes
    every dimension of size 1, which needs all sizes known.
  }];
  let arguments = (ins TFC_Tensor:$input,
                   DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$squeeze_dims);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
  let hasVerifier = 1;
}

def TFC_ExpandDimsOp : TFC_Op<"expand_dims", [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow ExpandDims: inserts a dimension of size 1";
  let description = [{
    `dim` holds one value in [-(rank + 1), rank]; a negative value counts
    from the end of the result's dimensions.
  }];
  let arguments = (ins TFC_Tensor:$input, TFC_ShapeTensor:$dim);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat =
      "$input `,` $dim attr-dict `:` type($input) `,` type($dim) `->` type($output)";
  let hasFolder = 1;
  let hasVerifier = 1;
}

def TFC_TransposeOp : TFC_Op<"transpose", [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow Transpose: permutes dimensions";
  let description = [{
    Result dimension i is input dimension `perm[i]`. As in TensorFlow, a
    negative entry counts from the end.
  }];
  let arguments = (ins TFC_Tensor:$x, TFC_ShapeTensor:$perm);
  let results = (outs TFC_Tensor:$y);
  let assemblyFormat =
      "$x `,` $perm attr-dict `:` type($x) `,` type($perm) `->` type($y)";
  let hasFolder = 1;
  let hasVerifier = 1;
}

def TFC_SliceOp : TFC_Op<"slice", [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow Slice: a contiguous block of a tensor";
  let description = [{
    `begin` and `size` have one entry per input dimension; a size of -1
    takes everything from `begin` to the end of that dimension.
  }];
  let arguments = (ins TFC_Tensor:$input, TFC_ShapeTensor:$begin,
                   TFC_ShapeTensor:$size);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $begin `,` $size attr-dict `:` type($input) `,` type($begin)
    `,` type($size) `->` type($output)
  }];
  let hasFolder = 1;
  let hasVerifier = 1;
}

def TFC_StridedSliceOp : TFC_Op<"strided_slice", [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow StridedSlice: numpy-style basic indexing";
  let description = [{
    Follows TensorFlow exactly, all five masks included: bit i of
    `begin_mask` / `end_mask` ignores begin[i] / end[i] (the widest range),
    `ellipsis_mask` marks the `...` entry, `new_axis_mask` inserts a
    dimension of size 1, `shrink_axis_mask` takes the single element at
    begin[i] and drops the dimension. Negative indices count from the end and
    are clamped as in Python; strides may be negative but not zero.
  }];
  let arguments = (ins TFC_Tensor:$input, TFC_ShapeTensor:$begin,
                   TFC_ShapeTensor:$end, TFC_ShapeTensor:$strides,
                   DefaultValuedAttr<I64Attr, "0">:$begin_mask,
                   DefaultValuedAttr<I64Attr, "0">:$end_mask,
                   DefaultValuedAttr<I64Attr, "0">:$ellipsis_mask,
                   DefaultValuedAttr<I64Attr, "0">:$new_axis_mask,
                   DefaultValuedAttr<I64Attr, "0">:$shrink_axis_mask);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $begin `,` $end `,` $strides attr-dict `:` type($input) `,`
    type($begin) `,` type($end) `,` type($strides) `->` type($output)
  }];
  let hasFolder = 1;
  let hasVerifier = 1;
  let tfcClassDeclaration = [{
    /// What the slice takes from one input dimension, in TensorFlow's
    /// canonical form: elements begin, begin + stride, ... (size of them).
    struct DimSlice {
      int64_t begin;
      int64_t size;
      int64_t stride;
      /// The dimension is dropped from the result (size is then 1).
      bool shrink;
    };
    /// The canonical slice of every input dimension and the result shape
    /// (new axes included). Needs a static input shape and constant begin,
    /// end and strides; fails otherwise or on an invalid slice.
    ::llvm::LogicalResult getConstantSlices(
        ::llvm::SmallVectorImpl<DimSlice> &slices,
        ::llvm::SmallVectorImpl<int64_t> &resultShape);
  }];
}

def TFC_ShapeOp : TFC_Op<"shape", [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow Shape: the dimensions of a tensor as a 1-D tensor";
  let description = [{
    Folds to a constant whenever the input's shape is static, whether or not
    the input itself is a constant.
  }];
  let arguments = (ins TFC_Tensor:$input,
                   TypeAttrOf<AnyTypeOf<[I32, I64]>>:$out_type);
  let results = (outs TFC_ShapeTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

def TFC_CastOp : TFC_Op<"cast", [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow Cast: converts each element to DstT";
  let description = [{
    As TensorFlow (C++ static_cast) does: floats become integers by
    truncation toward zero (narrow integers go through int32, so out-of-range
    values wrap as on x86), integers are sign-extended (zero-extended from
    uint8) or truncated, anything becomes bool by comparing with zero (NaN is
    true), and bool becomes 0 or 1.
  }];
  let arguments = (ins TFC_Tensor:$x, TypeAttrOf<TFC_Element>:$DstT);
  let results = (outs TFC_Tensor:$y);
  let assemblyFormat = "$x attr-dict `:` type($x) `->` type($y)";
  let hasFolder = 1;
}

def TFC_BroadcastToOp : TFC_Op<"broadcast_to", [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow BroadcastTo (and Fill): input stretched to a shape";
  let description = [{
    numpy broadcasting of `input` to `shape` (a 1-D integer tensor that
    must be a constant for lowering). Fill is imported as the broadcast of
    its scalar value.
  }];
  let arguments = (ins TFC_Tensor:$input, TFC_ShapeTensor:$shape);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat =
      "$input `,` $shape attr-dict `:` type($input) `,` type($shape) `->` type($output)";
  let hasFolder = 1;
  let hasVerifier = 1;
}

def TFC_TileOp : TFC_Op<"tile", [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow Tile: the input repeated `multiples` times per axis";
  let arguments = (ins TFC_Tensor:$input, TFC_ShapeTensor:$multiples);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat =
      "$input `,` $multiples attr-dict `:` type($input) `,` type($multiples) `->` type($output)";
  let hasVerifier = 1;
}

def TFC_GatherOp : TFC_Op<"gather", [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow GatherV2 / Gather: slices of params at indices";
  let description = [{
    output[p..., i..., q...] = params[p..., indices[i...], q...] with the
    indexed axis `axis` (batch_dims 0). An index outside [0, n) is clamped
    into it (TensorFlow stops with an error on the CPU).
  }];
  let arguments = (ins TFC_Tensor:$params, TFC_ShapeTensor:$indices,
                   I64Attr:$axis);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat =
      "$params `,` $indices attr-dict `:` type($params) `,` type($indices) `->` type($output)";
  let hasVerifier = 1;
}

def TFC_TopKV2Op : TFC_Op<"top_k_v2", [Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow TopKV2: the k largest elements along the last axis";
  let description = [{
    `values` holds the k largest elements of each row (the last axis),
    largest first, and `indices` their positions in the row; of equal
    values the lower index comes first. `k` is a scalar, 0 <= k <= the
    row's length, and must be a constant for lowering. NaN ranks above every
    number, NaNs by index (TensorFlow's order around NaN depends on its
    sort). With `sorted` false TensorFlow may return the same elements in
    another order; tfc returns them sorted either way.
  }];
  let arguments = (ins TFC_IntOrFloatTensor:$input, TFC_ShapeTensor:$k,
                   DefaultValuedAttr<BoolAttr, "true">:$sorted,
                   TypeAttr:$index_type);
  let results = (outs TFC_IntOrFloatTensor:$values,
                      TFC_ShapeTensor:$indices);
  let assemblyFormat = [{
    $input `,` $k attr-dict `:` type($input) `,` type($k) `->` type($values)
    `,` type($indices)
  }];
  let hasVerifier = 1;
}

/// ResizeBilinear and ResizeNearestNeighbor share operands, attributes and
/// checks.
class TFC_ResizeOp<string mnemonic, string tfName> :
    TFC_Op<mnemonic, [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow " # tfName # ": NHWC images resized to `size`";
  let arguments = (ins TFC_IntOrFloatTensor:$images, TensorOf<[I32]>:$size,
                   DefaultValuedAttr<BoolAttr, "false">:$align_corners,
                   DefaultValuedAttr<BoolAttr, "false">:$half_pixel_centers);
  let assemblyFormat = [{
    $images `,` $size attr-dict `:` type($images) `,` type($size) `->`
    type($resized_images)
  }];
  let hasVerifier = 1;
}

def TFC_ResizeBilinearOp : TFC_ResizeOp<"resize_bilinear", "ResizeBilinear"> {
  let description = [{
    `size` ([height, width], constant for lowering) gives the output's
    spatial size. Each output pixel interpolates the four input pixels
    around its source position, computed in float as TensorFlow's kernel
    does: the scale is in / out, or (in - 1) / (out - 1) with
    `align_corners` (and out > 1); the source is x * scale, or
    (x + 0.5) * scale - 0.5 with `half_pixel_centers`, between floor
    (at least 0) and ceil (at most in - 1). The result is float whatever
    the input type; an output of the input's size is the input converted.
  }];
  let results = (outs TensorOf<[F32]>:$resized_images);
}

def TFC_ResizeNearestNeighborOp :
    TFC_ResizeOp<"resize_nearest_neighbor", "ResizeNearestNeighbor"> {
  let description = [{
    Each output pixel copies one input pixel: with the scale of
    ResizeBilinear, floor(x * scale), round(x * scale) with `align_corners`
    (halves away from zero), or floor((x + 0.5) * scale) at least 0 with
    `half_pixel_centers`; at most in - 1.
  }];
  let results = (outs TFC_IntOrFloatTensor:$resized_images);
}

def TFC_SpaceToBatchNDOp : TFC_Op<"space_to_batch_nd",
                                  [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow SpaceToBatchND: spatial blocks moved into the batch";
  let description = [{
    The M spatial dimensions after the batch are zero-padded by `paddings`
    ([M, 2]) and cut into blocks of `block_shape` ([M]); block offsets move
    into the batch dimension, offset-major. Both must be constants for
    lowering (they usually fold once the feeds are static).
  }];
  let arguments = (ins TFC_Tensor:$input, TFC_ShapeTensor:$block_shape,
                   TFC_ShapeTensor:$paddings);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $block_shape `,` $paddings attr-dict `:` type($input) `,`
    type($block_shape) `,` type($paddings) `->` type($output)
  }];
  let hasVerifier = 1;
}

def TFC_BatchToSpaceNDOp : TFC_Op<"batch_to_space_nd",
                                  [TFC_MovesDataOnly, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow BatchToSpaceND: the inverse of SpaceToBatchND";
  let description = [{
    The batch is split into `block_shape` offsets that interleave back into
    the spatial dimensions, which are then cropped by `crops` ([M, 2]).
  }];
  let arguments = (ins TFC_Tensor:$input, TFC_ShapeTensor:$block_shape,
                   TFC_ShapeTensor:$crops);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $block_shape `,` $crops attr-dict `:` type($input) `,`
    type($block_shape) `,` type($crops) `->` type($output)
  }];
  let hasVerifier = 1;
}

#endif // TFC_DATA_MOVEMENT_OPS_TD
