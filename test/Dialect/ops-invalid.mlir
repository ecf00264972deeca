// RUN: tfc-opt %s -split-input-file -verify-diagnostics

// Every verifier of the tfc dialect, one error per function.

func.func @matmul_inner_dims(%a: tensor<2x3xf32>, %b: tensor<4x2xf32>) {
  // expected-error @+1 {{'tfc.matmul' op inner dimensions differ: a has 3, b has 4}}
  %0 = tfc.matmul %a, %b : tensor<2x3xf32>, tensor<4x2xf32> -> tensor<2x2xf32>
  return
}

// -----

// transpose_a makes dimension 0 of a the inner one.
func.func @matmul_inner_dims_transposed(%a: tensor<2x3xf32>, %b: tensor<3x2xf32>) {
  // expected-error @+1 {{'tfc.matmul' op inner dimensions differ: a has 2, b has 3}}
  %0 = tfc.matmul %a, %b {transpose_a = true} : tensor<2x3xf32>, tensor<3x2xf32> -> tensor<3x2xf32>
  return
}

// -----

func.func @matmul_rank_a(%a: tensor<3xf32>, %b: tensor<3x2xf32>) {
  // expected-error @+1 {{'tfc.matmul' op a must be a matrix (rank 2), got rank 1}}
  %0 = tfc.matmul %a, %b : tensor<3xf32>, tensor<3x2xf32> -> tensor<*xf32>
  return
}

// -----

func.func @matmul_rank_b(%a: tensor<2x3xf32>, %b: tensor<1x3x2xf32>) {
  // expected-error @+1 {{'tfc.matmul' op b must be a matrix (rank 2), got rank 3}}
  %0 = tfc.matmul %a, %b : tensor<2x3xf32>, tensor<1x3x2xf32> -> tensor<*xf32>
  return
}

// -----

// The result type must be the inferred one.
func.func @matmul_result_type(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+2 {{'tfc.matmul' op inferred type(s) 'tensor<2x4xf32>' are incompatible with return type(s) of operation 'tensor<2x3xf32>'}}
  // expected-error @+1 {{'tfc.matmul' op failed to infer returned types}}
  %0 = tfc.matmul %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @bias_add_bias_rank(%v: tensor<2x3xf32>, %b: tensor<3x1xf32>) {
  // expected-error @+1 {{'tfc.bias_add' op bias must be 1-D, got rank 2}}
  %0 = tfc.bias_add %v, %b : tensor<2x3xf32>, tensor<3x1xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @bias_add_channels_nhwc(%v: tensor<1x4x4x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'tfc.bias_add' op bias has 4 elements but value has 3 channels}}
  %0 = tfc.bias_add %v, %b : tensor<1x4x4x3xf32>, tensor<4xf32> -> tensor<1x4x4x3xf32>
  return
}

// -----

// NCHW reads the channels from dimension 1.
func.func @bias_add_channels_nchw(%v: tensor<1x4x4x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'tfc.bias_add' op bias has 3 elements but value has 4 channels}}
  %0 = tfc.bias_add %v, %b {data_format = #tfc.data_format<NCHW>} : tensor<1x4x4x3xf32>, tensor<3xf32> -> tensor<1x4x4x3xf32>
  return
}

// -----

func.func @bias_add_data_format(%v: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{failed to parse TFC_DataFormatAttr parameter 'value'}}
  // expected-error @+1 {{expected ::mlir::tfc::DataFormat to be one of: NHWC, NCHW}}
  %0 = tfc.bias_add %v, %b {data_format = #tfc.data_format<NWHC>} : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @bias_add_value_rank(%v: tensor<3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'tfc.bias_add' op value must have rank >= 2, got rank 1}}
  %0 = tfc.bias_add %v, %b : tensor<3xf32>, tensor<3xf32> -> tensor<3xf32>
  return
}

// -----

func.func @bias_add_nchw_rank(%v: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'tfc.bias_add' op NCHW needs value of rank >= 3}}
  %0 = tfc.bias_add %v, %b {data_format = #tfc.data_format<NCHW>} : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @bias_add_element_types(%v: tensor<2x3xf32>, %b: tensor<3xi32>) {
  // expected-error @+1 {{'tfc.bias_add' op value and bias have different element types}}
  %0 = tfc.bias_add %v, %b : tensor<2x3xf32>, tensor<3xi32> -> tensor<2x3xf32>
  return
}

// -----

func.func @reshape_element_count(%x: tensor<2x3xf32>) {
  %shape = tfc.const dense<[4]> : tensor<1xi32>
  // expected-error @+1 {{'tfc.reshape' op cannot reshape a tensor of 6 elements into one of 4}}
  %0 = tfc.reshape %x, %shape : tensor<2x3xf32>, tensor<1xi32> -> tensor<4xf32>
  return
}

// -----

func.func @reshape_two_unknown(%x: tensor<2x3xf32>) {
  %shape = tfc.const dense<[-1, -1]> : tensor<2xi32>
  // expected-error @+1 {{'tfc.reshape' op shape has more than one -1}}
  %0 = tfc.reshape %x, %shape : tensor<2x3xf32>, tensor<2xi32> -> tensor<*xf32>
  return
}

// -----

func.func @reshape_unknown_not_whole(%x: tensor<2x3xf32>) {
  %shape = tfc.const dense<[-1, 4]> : tensor<2xi64>
  // expected-error @+1 {{'tfc.reshape' op cannot reshape 6 elements so that the -1 size is whole}}
  %0 = tfc.reshape %x, %shape : tensor<2x3xf32>, tensor<2xi64> -> tensor<*xf32>
  return
}

// -----

func.func @reshape_negative_size(%x: tensor<2x3xf32>) {
  %shape = tfc.const dense<[-2, 3]> : tensor<2xi32>
  // expected-error @+1 {{'tfc.reshape' op shape has a negative size -2}}
  %0 = tfc.reshape %x, %shape : tensor<2x3xf32>, tensor<2xi32> -> tensor<*xf32>
  return
}

// -----

func.func @reshape_shape_rank(%x: tensor<2x3xf32>, %shape: tensor<1x2xi32>) {
  // expected-error @+1 {{'tfc.reshape' op shape must be 1-D, got rank 2}}
  %0 = tfc.reshape %x, %shape : tensor<2x3xf32>, tensor<1x2xi32> -> tensor<*xf32>
  return
}

// -----

func.func @softmax_scalar(%x: tensor<f32>) {
  // expected-error @+1 {{'tfc.softmax' op logits must have rank >= 1, got a scalar}}
  %0 = tfc.softmax %x : tensor<f32>
  return
}

// -----

func.func @add_not_broadcastable(%x: tensor<2x3xf32>, %y: tensor<4xf32>) {
  // expected-error @+1 {{'tfc.add' op operands don't have broadcast-compatible shapes}}
  %0 = tfc.add %x, %y : tensor<2x3xf32>, tensor<4xf32> -> tensor<*xf32>
  return
}

// -----

func.func @mul_element_types(%x: tensor<2xf32>, %y: tensor<2xi32>) {
  // expected-error @+1 {{'tfc.mul' op requires the same element type for all operands and results}}
  %0 = tfc.mul %x, %y : tensor<2xf32>, tensor<2xi32> -> tensor<2xf32>
  return
}

// -----

func.func @real_div_integers(%x: tensor<2xi32>, %y: tensor<2xi32>) {
  // expected-error @+1 {{'tfc.real_div' op operand #0 must be tensor of 16-bit float or 32-bit float or 64-bit float values, but got 'tensor<2xi32>'}}
  %0 = tfc.real_div %x, %y : tensor<2xi32>, tensor<2xi32> -> tensor<2xi32>
  return
}

// -----

func.func @sigmoid_integers(%x: tensor<2xi32>) {
  // expected-error @+1 {{'tfc.sigmoid' op operand #0 must be tensor of 16-bit float or 32-bit float or 64-bit float values, but got 'tensor<2xi32>'}}
  %0 = tfc.sigmoid %x : tensor<2xi32>
  return
}
