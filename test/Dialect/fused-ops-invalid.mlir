// RUN: tfc-opt %s -split-input-file -verify-diagnostics

// Verifier errors of the fused contractions: the contraction's own checks
// (shared with tfc.conv2d, tfc.depthwise_conv2d and tfc.matmul), then the
// bias, residual and activation.

func.func @unknown_activation(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'tfc.fused_conv2d' op attribute 'activation' failed to satisfy constraint: fused activation}}
  %0 = tfc.fused_conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, activation = "Relu"} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @bias_rank(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<1x4xf32>) {
  // expected-error @+1 {{'tfc.fused_conv2d' op bias must be 1-D, got rank 2}}
  %0 = tfc.fused_conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<1x4xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @bias_size(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x2xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'tfc.fused_depthwise_conv2d' op bias has 3 elements but the result has 6 channels}}
  %0 = tfc.fused_depthwise_conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x2xf32>, tensor<3xf32>) -> tensor<1x8x8x6xf32>
  return
}

// -----

func.func @bias_element_type(%a: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf64>) {
  // expected-error @+1 {{'tfc.fused_matmul' op bias must have the result's element type 'f32', got 'f64'}}
  %0 = tfc.fused_matmul %a, %w, %b : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf64>) -> tensor<2x4xf32>
  return
}

// -----

func.func @residual_shape(%a: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>, %r: tensor<1x4xf32>) {
  // expected-error @+1 {{'tfc.fused_matmul' op residual must have the result's type 'tensor<2x4xf32>', got 'tensor<1x4xf32>'}}
  %0 = tfc.fused_matmul %a, %w, %b, %r : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf32>, tensor<1x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @residual_element_type(%a: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>, %r: tensor<2x4xf64>) {
  // expected-error @+1 {{'tfc.fused_matmul' op residual must have the result's type 'tensor<2x4xf32>', got 'tensor<2x4xf64>'}}
  %0 = tfc.fused_matmul %a, %w, %b, %r : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf32>, tensor<2x4xf64>) -> tensor<2x4xf32>
  return
}

// -----

// The contraction's checks are those of the plain ops.
func.func @matmul_inner_dims(%a: tensor<2x3xf32>, %w: tensor<4x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'tfc.fused_matmul' op inner dimensions differ: a has 3, b has 4}}
  %0 = tfc.fused_matmul %a, %w, %b : (tensor<2x3xf32>, tensor<4x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @conv_channels(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x2x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'tfc.fused_conv2d' op input has 3 channels but the filter expects 2 (grouped convolutions are not supported)}}
  %0 = tfc.fused_conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : (tensor<1x8x8x3xf32>, tensor<3x3x2x4xf32>, tensor<4xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @conv_padding(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{failed to parse TFC_PaddingAttr parameter 'value'}}
  // expected-error @+1 {{expected ::mlir::tfc::Padding to be one of: SAME, VALID, EXPLICIT}}
  %0 = tfc.fused_conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<FULL>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @depthwise_window(%x: tensor<1x2x2x3xf32>, %w: tensor<3x3x3x1xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'tfc.fused_depthwise_conv2d' op the window (3 with dilation 1) does not fit the input size 2 with padding VALID}}
  %0 = tfc.fused_depthwise_conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>} : (tensor<1x2x2x3xf32>, tensor<3x3x3x1xf32>, tensor<3xf32>) -> tensor<1x?x?x3xf32>
  return
}

// -----

// The result type must be the inferred one.
func.func @result_type(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{'tfc.fused_conv2d' op inferred type(s) 'tensor<1x8x8x4xf32>' are incompatible with return type(s) of operation 'tensor<1x4x4x4xf32>'}}
  // expected-error @+1 {{'tfc.fused_conv2d' op failed to infer returned types}}
  %0 = tfc.fused_conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  return
}

// -----

// Fused ops are float only, like the activations they apply.
func.func @integer_matmul(%a: tensor<2x3xi32>, %w: tensor<3x4xi32>, %b: tensor<4xi32>) {
  // expected-error @+1 {{'tfc.fused_matmul' op operand #0 must be tensor of 16-bit float or 32-bit float or 64-bit float values}}
  %0 = tfc.fused_matmul %a, %w, %b : (tensor<2x3xi32>, tensor<3x4xi32>, tensor<4xi32>) -> tensor<2x4xi32>
  return
}
