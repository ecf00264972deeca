// RUN: tfc-opt %s -split-input-file -verify-diagnostics

// Each data movement op's verifier, one error per function.

func.func @pad_paddings_shape(%x: tensor<2x3xf32>, %p: tensor<3x2xi32>) {
  // expected-error @+1 {{paddings must have shape [2, 2], got 'tensor<3x2xi32>'}}
  %0 = tfc.pad %x, %p : tensor<2x3xf32>, tensor<3x2xi32> -> tensor<?x?xf32>
  return
}

// -----

func.func @pad_negative(%x: tensor<2x3xf32>) {
  %p = tfc.const dense<[[0, 0], [-1, 0]]> : tensor<2x2xi32>
  // expected-error @+1 {{paddings must not be negative, got -1 at [1, 0]}}
  %0 = tfc.pad %x, %p : tensor<2x3xf32>, tensor<2x2xi32> -> tensor<?x?xf32>
  return
}

// -----

func.func @pad_value_not_scalar(%x: tensor<2x3xf32>, %v: tensor<1xf32>) {
  %p = tfc.const dense<0> : tensor<2x2xi32>
  // expected-error @+1 {{constant_values must be a scalar, got 'tensor<1xf32>'}}
  %0 = tfc.pad %x, %p, %v : tensor<2x3xf32>, tensor<2x2xi32>, tensor<1xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @concat_axis_range(%a: tensor<2x3xf32>) {
  %axis = tfc.const dense<2> : tensor<i32>
  // expected-error @+1 {{axis 2 is out of range for rank 2 (expected [-2, 2))}}
  %0 = tfc.concat_v2(%a, %a), %axis : (tensor<2x3xf32>, tensor<2x3xf32>), tensor<i32> -> tensor<?x?xf32>
  return
}

// -----

func.func @concat_sizes(%a: tensor<2x3xf32>, %b: tensor<3x3xf32>) {
  %axis = tfc.const dense<1> : tensor<i32>
  // expected-error @+1 {{dimension 0 differs between value 0 (2) and value 1 (3); only the concatenation axis may differ}}
  %0 = tfc.concat_v2(%a, %b), %axis : (tensor<2x3xf32>, tensor<3x3xf32>), tensor<i32> -> tensor<2x6xf32>
  return
}

// -----

func.func @concat_types(%a: tensor<2xf32>, %b: tensor<2xi32>) {
  %axis = tfc.const dense<0> : tensor<i32>
  // expected-error @+1 {{values have different element types: 'f32' and 'i32'}}
  %0 = tfc.concat_v2(%a, %b), %axis : (tensor<2xf32>, tensor<2xi32>), tensor<i32> -> tensor<4xf32>
  return
}

// -----

func.func @concat_scalars(%a: tensor<f32>) {
  %axis = tfc.const dense<0> : tensor<i32>
  // expected-error @+1 {{cannot concatenate scalars (use Pack)}}
  %0 = tfc.concat_v2(%a, %a), %axis : (tensor<f32>, tensor<f32>), tensor<i32> -> tensor<*xf32>
  return
}

// -----

func.func @pack_shapes(%a: tensor<2xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{values must have the same shape; value 0 is 'tensor<2xf32>', value 1 is 'tensor<3xf32>'}}
  %0 = tfc.pack %a, %b : tensor<2xf32>, tensor<3xf32> -> tensor<2x2xf32>
  return
}

// -----

func.func @pack_axis(%a: tensor<2xf32>) {
  // expected-error @+1 {{axis -3 is out of range for values of rank 1 (expected [-2, 2))}}
  %0 = tfc.pack %a, %a {axis = -3 : i64} : tensor<2xf32>, tensor<2xf32> -> tensor<*xf32>
  return
}

// -----

func.func @squeeze_not_one(%x: tensor<1x3xf32>) {
  // expected-error @+1 {{cannot squeeze dimension 1 of size 3; only dimensions of size 1 can be removed}}
  %0 = tfc.squeeze %x {squeeze_dims = array<i64: 1>} : tensor<1x3xf32> -> tensor<1xf32>
  return
}

// -----

func.func @squeeze_range(%x: tensor<1x3xf32>) {
  // expected-error @+1 {{squeeze_dims entry -3 is out of range for rank 2 (expected [-2, 2))}}
  %0 = tfc.squeeze %x {squeeze_dims = array<i64: -3>} : tensor<1x3xf32> -> tensor<*xf32>
  return
}

// -----

func.func @expand_dims_range(%x: tensor<2x3xf32>) {
  %d = tfc.const dense<3> : tensor<i32>
  // expected-error @+1 {{dim 3 is out of range for an input of rank 2 (expected [-3, 2])}}
  %0 = tfc.expand_dims %x, %d : tensor<2x3xf32>, tensor<i32> -> tensor<?x?x?xf32>
  return
}

// -----

func.func @expand_dims_two_values(%x: tensor<2x3xf32>, %d: tensor<2xi32>) {
  // expected-error @+1 {{dim must hold exactly one value, got 'tensor<2xi32>'}}
  %0 = tfc.expand_dims %x, %d : tensor<2x3xf32>, tensor<2xi32> -> tensor<?x?x?xf32>
  return
}

// -----

func.func @transpose_not_permutation(%x: tensor<2x3xf32>) {
  %perm = tfc.const dense<[0, 0]> : tensor<2xi32>
  // expected-error @+1 {{perm [0, 0] is not a permutation of the 2 dimensions of x}}
  %0 = tfc.transpose %x, %perm : tensor<2x3xf32>, tensor<2xi32> -> tensor<?x?xf32>
  return
}

// -----

func.func @transpose_length(%x: tensor<2x3xf32>, %perm: tensor<3xi32>) {
  // expected-error @+1 {{perm has 3 entries but x has rank 2}}
  %0 = tfc.transpose %x, %perm : tensor<2x3xf32>, tensor<3xi32> -> tensor<?x?xf32>
  return
}

// -----

func.func @slice_bounds(%x: tensor<4x5xf32>) {
  %begin = tfc.const dense<[1, 3]> : tensor<2xi32>
  %size = tfc.const dense<[2, 3]> : tensor<2xi32>
  // expected-error @+1 {{slice [3, 6) is out of bounds for dimension 1 of size 5}}
  %0 = tfc.slice %x, %begin, %size : tensor<4x5xf32>, tensor<2xi32>, tensor<2xi32> -> tensor<2x3xf32>
  return
}

// -----

func.func @slice_length(%x: tensor<4x5xf32>, %b: tensor<3xi32>, %s: tensor<3xi32>) {
  // expected-error @+1 {{begin and size must have one entry per input dimension (2), got 3}}
  %0 = tfc.slice %x, %b, %s : tensor<4x5xf32>, tensor<3xi32>, tensor<3xi32> -> tensor<?x?xf32>
  return
}

// -----

func.func @strided_slice_zero_stride(%x: tensor<4xf32>) {
  %b = tfc.const dense<0> : tensor<1xi32>
  %s = tfc.const dense<0> : tensor<1xi32>
  // expected-error @+1 {{strides[0] is zero}}
  %0 = tfc.strided_slice %x, %b, %b, %s : tensor<4xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32> -> tensor<*xf32>
  return
}

// -----

func.func @strided_slice_shrink_bounds(%x: tensor<4xf32>) {
  %b = tfc.const dense<4> : tensor<1xi32>
  %e = tfc.const dense<5> : tensor<1xi32>
  %s = tfc.const dense<1> : tensor<1xi32>
  // expected-error @+1 {{index 4 is out of bounds for dimension 0 of size 4}}
  %0 = tfc.strided_slice %x, %b, %e, %s {shrink_axis_mask = 1 : i64} : tensor<4xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32> -> tensor<*xf32>
  return
}

// -----

func.func @strided_slice_shrink_negative_stride(%x: tensor<4xf32>) {
  %b = tfc.const dense<1> : tensor<1xi32>
  %e = tfc.const dense<0> : tensor<1xi32>
  %s = tfc.const dense<-1> : tensor<1xi32>
  // expected-error @+1 {{strides[0] must be positive on a dimension taken by index (shrink_axis_mask)}}
  %0 = tfc.strided_slice %x, %b, %e, %s {shrink_axis_mask = 1 : i64} : tensor<4xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32> -> tensor<*xf32>
  return
}

// -----

func.func @strided_slice_too_many(%x: tensor<4xf32>) {
  %b = tfc.const dense<0> : tensor<2xi32>
  %s = tfc.const dense<1> : tensor<2xi32>
  // expected-error @+1 {{the slice indexes more dimensions than the input has (1)}}
  %0 = tfc.strided_slice %x, %b, %s, %s : tensor<4xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<*xf32>
  return
}

// -----

func.func @strided_slice_two_ellipses(%x: tensor<4x3xf32>) {
  %b = tfc.const dense<0> : tensor<2xi32>
  %s = tfc.const dense<1> : tensor<2xi32>
  // expected-error @+1 {{ellipsis_mask has more than one bit set; only one ellipsis is allowed}}
  %0 = tfc.strided_slice %x, %b, %s, %s {ellipsis_mask = 3 : i64} : tensor<4x3xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<*xf32>
  return
}

// -----

func.func @strided_slice_lengths(%x: tensor<4x3xf32>, %b: tensor<2xi32>, %e: tensor<1xi32>) {
  // expected-error @+1 {{begin, end and strides must have the same length, got 2 and 1}}
  %0 = tfc.strided_slice %x, %b, %e, %b : tensor<4x3xf32>, tensor<2xi32>, tensor<1xi32>, tensor<2xi32> -> tensor<*xf32>
  return
}

// -----

func.func @shape_out_type(%x: tensor<2xf32>) {
  // expected-error @+1 {{attribute 'out_type' failed to satisfy constraint}}
  %0 = tfc.shape %x {out_type = f32} : tensor<2xf32> -> tensor<1xf32>
  return
}

// -----

func.func @cast_wrong_result(%x: tensor<2xf32>) {
  // expected-error @+2 {{'tfc.cast' op inferred type(s) 'tensor<2xi32>' are incompatible with return type(s) of operation 'tensor<2xi64>'}}
  // expected-error @+1 {{'tfc.cast' op failed to infer returned types}}
  %0 = tfc.cast %x {DstT = i32} : tensor<2xf32> -> tensor<2xi64>
  return
}
