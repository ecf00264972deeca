// RUN: tfc-opt %s -split-input-file -verify-diagnostics

// Verifiers of the convolution, pooling, normalization and reduction ops,
// one error per function.

func.func @conv_strides(%x: tensor<1x4x4x2xf32>, %w: tensor<2x2x2x3xf32>) {
  // expected-error @+1 {{strides must be two positive sizes [h, w]}}
  %0 = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = "VALID", strides = array<i64: 0, 1>} : tensor<1x4x4x2xf32>, tensor<2x2x2x3xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_padding(%x: tensor<1x4x4x2xf32>, %w: tensor<2x2x2x3xf32>) {
  // expected-error @+1 {{padding must be SAME, VALID or EXPLICIT, not 'FULL'}}
  %0 = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = "FULL", strides = array<i64: 1, 1>} : tensor<1x4x4x2xf32>, tensor<2x2x2x3xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_rank(%x: tensor<4x4x2xf32>, %w: tensor<2x2x2x3xf32>) {
  // expected-error @+1 {{input must be NHWC (rank 4), got rank 3}}
  %0 = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = "VALID", strides = array<i64: 1, 1>} : tensor<4x4x2xf32>, tensor<2x2x2x3xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_channels(%x: tensor<1x4x4x2xf32>, %w: tensor<2x2x5x3xf32>) {
  // expected-error @+1 {{input has 2 channels but the filter expects 5 (grouped convolutions are not supported)}}
  %0 = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = "VALID", strides = array<i64: 1, 1>} : tensor<1x4x4x2xf32>, tensor<2x2x5x3xf32> -> tensor<*xf32>
  return
}

// -----

func.func @conv_window(%x: tensor<1x2x2x2xf32>, %w: tensor<3x3x2x3xf32>) {
  // expected-error @+1 {{the window (3 with dilation 1) does not fit the input size 2 with padding VALID}}
  %0 = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = "VALID", strides = array<i64: 1, 1>} : tensor<1x2x2x2xf32>, tensor<3x3x2x3xf32> -> tensor<*xf32>
  return
}

// -----

func.func @pool_padding(%x: tensor<1x4x4x2xf32>) {
  // expected-error @+1 {{pooling supports SAME and VALID padding only}}
  %0 = tfc.max_pool %x {ksize = array<i64: 2, 2>, padding = "EXPLICIT", strides = array<i64: 2, 2>} : tensor<1x4x4x2xf32> -> tensor<*xf32>
  return
}

// -----

func.func @pool_ksize(%x: tensor<1x4x4x2xf32>) {
  // expected-error @+1 {{ksize must be two positive sizes [h, w]}}
  %0 = tfc.avg_pool %x {ksize = array<i64: 0, 2>, padding = "VALID", strides = array<i64: 2, 2>} : tensor<1x4x4x2xf32> -> tensor<*xf32>
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
