// RUN: tfc-opt %s -split-input-file -verify-diagnostics

// Verifiers of the convolution, pooling, normalization and reduction ops,
// one error per function.

func.func @conv_strides(%x: tensor<1x4x4x2xf32>, %w: tensor<2x2x2x3xf32>) {
  // expected-error @+1 {{strides must be two positive sizes [h, w]}}
  %0 = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 0, 1>} : tensor<1x4x4x2xf32>, tensor<2x2x2x3xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_padding(%x: tensor<1x4x4x2xf32>, %w: tensor<2x2x2x3xf32>) {
  // expected-error @+2 {{failed to parse TFC_PaddingAttr parameter 'value'}}
  // expected-error @+1 {{expected ::mlir::tfc::Padding to be one of: SAME, VALID, EXPLICIT}}
  %0 = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<FULL>, strides = array<i64: 1, 1>} : tensor<1x4x4x2xf32>, tensor<2x2x2x3xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_rank(%x: tensor<4x4x2xf32>, %w: tensor<2x2x2x3xf32>) {
  // expected-error @+1 {{input must be NHWC (rank 4), got rank 3}}
  %0 = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<4x4x2xf32>, tensor<2x2x2x3xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_channels(%x: tensor<1x4x4x2xf32>, %w: tensor<2x2x5x3xf32>) {
  // expected-error @+1 {{input has 2 channels but the filter expects 5 (grouped convolutions are not supported)}}
  %0 = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<1x4x4x2xf32>, tensor<2x2x5x3xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_window(%x: tensor<1x2x2x2xf32>, %w: tensor<3x3x2x3xf32>) {
  // expected-error @+1 {{the window (3 with dilation 1) does not fit the input size 2 with padding VALID}}
  %0 = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<1x2x2x2xf32>, tensor<3x3x2x3xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_strides(%w: tensor<3x3x2x4xf32>, %dy: tensor<1x4x4x4xf32>) {
  %s = tfc.const dense<[1, 8, 8, 2]> : tensor<4xi32>
  // expected-error @+1 {{strides must be two positive sizes [h, w]}}
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 2>} : tensor<4xi32>, tensor<3x3x2x4xf32>, tensor<1x4x4x4xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_sizes_count(%w: tensor<3x3x2x4xf32>, %dy: tensor<1x4x4x4xf32>, %s: tensor<3xi32>) {
  // expected-error @+1 {{input_sizes must be a vector of 4 values (NHWC) or 2 ([h, w])}}
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 2, 2>} : tensor<3xi32>, tensor<3x3x2x4xf32>, tensor<1x4x4x4xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_sizes_negative(%w: tensor<3x3x2x4xf32>, %dy: tensor<1x4x4x4xf32>) {
  %s = tfc.const dense<[-8, 8]> : tensor<2xi32>
  // expected-error @+1 {{input_sizes must be positive}}
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 2, 2>} : tensor<2xi32>, tensor<3x3x2x4xf32>, tensor<1x4x4x4xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_filter_rank(%w: tensor<3x3x2xf32>, %dy: tensor<1x4x4x4xf32>) {
  %s = tfc.const dense<[8, 8]> : tensor<2xi32>
  // expected-error @+1 {{filter must be [h, w, in, out] (rank 4), got rank 3}}
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 2, 2>} : tensor<2xi32>, tensor<3x3x2xf32>, tensor<1x4x4x4xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_backprop_rank(%w: tensor<3x3x2x4xf32>, %dy: tensor<4x4x4xf32>) {
  %s = tfc.const dense<[8, 8]> : tensor<2xi32>
  // expected-error @+1 {{out_backprop must be NHWC (rank 4), got rank 3}}
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 2, 2>} : tensor<2xi32>, tensor<3x3x2x4xf32>, tensor<4x4x4xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_types(%w: tensor<3x3x2x4xf64>, %dy: tensor<1x4x4x4xf32>) {
  %s = tfc.const dense<[8, 8]> : tensor<2xi32>
  // expected-error @+1 {{filter and out_backprop have different element types}}
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 2, 2>} : tensor<2xi32>, tensor<3x3x2x4xf64>, tensor<1x4x4x4xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_channels(%w: tensor<3x3x2x4xf32>, %dy: tensor<1x4x4x5xf32>) {
  %s = tfc.const dense<[8, 8]> : tensor<2xi32>
  // expected-error @+1 {{out_backprop has 5 channels but the filter has 4 output channels}}
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 2, 2>} : tensor<2xi32>, tensor<3x3x2x4xf32>, tensor<1x4x4x5xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_batch(%w: tensor<3x3x2x4xf32>, %dy: tensor<1x4x4x4xf32>) {
  %s = tfc.const dense<[2, 8, 8, 2]> : tensor<4xi32>
  // expected-error @+1 {{input_sizes has batch 2 but out_backprop has batch 1}}
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 2, 2>} : tensor<4xi32>, tensor<3x3x2x4xf32>, tensor<1x4x4x4xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_grouped(%w: tensor<3x3x2x4xf32>, %dy: tensor<1x4x4x4xf32>) {
  %s = tfc.const dense<[1, 8, 8, 4]> : tensor<4xi32>
  // expected-error @+1 {{input_sizes has 4 channels but the filter has 2 input channels (grouped convolutions are not supported)}}
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 2, 2>} : tensor<4xi32>, tensor<3x3x2x4xf32>, tensor<1x4x4x4xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_window(%w: tensor<3x3x2x4xf32>, %dy: tensor<1x1x1x4xf32>) {
  %s = tfc.const dense<[2, 8]> : tensor<2xi32>
  // expected-error @+1 {{the window (3 with dilation 1) does not fit the input size 2 with padding VALID}}
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 2, 2>} : tensor<2xi32>, tensor<3x3x2x4xf32>, tensor<1x1x1x4xf32> -> tensor<*xf32>
  return
}

// -----

// The forward convolution of 9 rows, SAME, stride 2 gives 5, not 4.
func.func @conv_transpose_size(%w: tensor<3x3x2x4xf32>, %dy: tensor<1x4x4x4xf32>) {
  %s = tfc.const dense<[9, 8]> : tensor<2xi32>
  // expected-error @+1 {{out_backprop has 4 rows but the forward convolution of input size 9 gives 5}}
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 2, 2>} : tensor<2xi32>, tensor<3x3x2x4xf32>, tensor<1x4x4x4xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_transpose_result(%w: tensor<3x3x2x4xf32>, %dy: tensor<1x4x4x4xf32>) {
  %s = tfc.const dense<[8, 8]> : tensor<2xi32>
  // expected-error @+2 {{'tfc.conv2d_transpose' op inferred type(s) 'tensor<1x8x8x2xf32>' are incompatible with return type(s) of operation 'tensor<1x8x7x2xf32>'}}
  // expected-error @+1 {{'tfc.conv2d_transpose' op failed to infer returned types}}
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 2, 2>} : tensor<2xi32>, tensor<3x3x2x4xf32>, tensor<1x4x4x4xf32> -> tensor<1x8x7x2xf32>
  return
}

// -----

func.func @pool_padding(%x: tensor<1x4x4x2xf32>) {
  // expected-error @+1 {{pooling supports SAME and VALID padding only}}
  %0 = tfc.max_pool %x {ksize = array<i64: 2, 2>, padding = #tfc.padding<EXPLICIT>, strides = array<i64: 2, 2>} : tensor<1x4x4x2xf32> -> tensor<*xf32>
  return
}

// -----

func.func @pool_ksize(%x: tensor<1x4x4x2xf32>) {
  // expected-error @+1 {{ksize must be two positive sizes [h, w]}}
  %0 = tfc.avg_pool %x {ksize = array<i64: 0, 2>, padding = #tfc.padding<VALID>, strides = array<i64: 2, 2>} : tensor<1x4x4x2xf32> -> tensor<*xf32>
  return
}

// -----

func.func @lrn_radius(%x: tensor<1x4x4x2xf32>) {
  // expected-error @+1 {{depth_radius must be >= 0}}
  %0 = tfc.lrn %x {alpha = 1.0 : f64, beta = 0.5 : f64, bias = 1.0 : f64, depth_radius = -1 : i64} : tensor<1x4x4x2xf32>
  return
}

// -----

func.func @batch_norm_channels(%x: tensor<1x4x4x2xf32>, %s: tensor<3xf32>) {
  // expected-error @+1 {{expected 2 channels, got a vector of 3}}
  %0 = tfc.batch_norm %x, %s, %s, %s, %s {epsilon = 0.001 : f64} : (tensor<1x4x4x2xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x4x4x2xf32>
  return
}

// -----

func.func @mean_axis(%x: tensor<2x3xf32>) {
  %a = tfc.const dense<2> : tensor<i32>
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = tfc.mean %x, %a : tensor<2x3xf32>, tensor<i32> -> tensor<*xf32>
  return
}

// -----

func.func @cumsum_axis(%x: tensor<2x3xf32>) {
  %a = tfc.const dense<-3> : tensor<i32>
  // expected-error @+1 {{axis -3 is out of range for rank 2}}
  %0 = tfc.cumsum %x, %a : tensor<2x3xf32>, tensor<i32> -> tensor<2x3xf32>
  return
}

// -----

func.func @cumsum_axis_vector(%x: tensor<2x3xf32>) {
  %a = tfc.const dense<[1]> : tensor<1xi32>
  // expected-error @+1 {{axis must be a scalar, got 'tensor<1xi32>'}}
  %0 = tfc.cumsum %x, %a : tensor<2x3xf32>, tensor<1xi32> -> tensor<2x3xf32>
  return
}

// -----

func.func @cumsum_scalar(%x: tensor<f32>, %a: tensor<i32>) {
  // expected-error @+1 {{x must have rank >= 1 to sum along an axis}}
  %0 = tfc.cumsum %x, %a : tensor<f32>, tensor<i32> -> tensor<f32>
  return
}
