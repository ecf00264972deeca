// RUN: tfc-opt %s --pass-pipeline='builtin.module(func.func(tfc-fold-pad-into-window))' -split-input-file | FileCheck %s

// Keras' ZeroPadding2D before a VALID strided depthwise convolution: the
// convolution reads the unpadded input with the pads as EXPLICIT padding.
// CHECK-LABEL: func.func @depthwise_valid
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x4xf32>
// CHECK: %[[D:.*]] = tfc.depthwise_conv2d %[[X]], %{{.*}} {dilations = array<i64: 1, 1>, explicit_paddings = array<i64: 0, 1, 0, 1>, padding = #tfc.padding<EXPLICIT>, strides = array<i64: 2, 2>} : tensor<1x8x8x4xf32>, tensor<3x3x4x1xf32> -> tensor<1x4x4x4xf32>
// CHECK: return %[[D]]
func.func @depthwise_valid(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4x1xf32>) -> tensor<1x4x4x4xf32> {
  %p = tfc.const dense<[[0, 0], [0, 1], [0, 1], [0, 0]]> : tensor<4x2xi32>
  %0 = tfc.pad %x, %p : tensor<1x8x8x4xf32>, tensor<4x2xi32> -> tensor<1x9x9x4xf32>
  %1 = tfc.depthwise_conv2d %0, %w {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>} : tensor<1x9x9x4xf32>, tensor<3x3x4x1xf32> -> tensor<1x4x4x4xf32>
  return %1 : tensor<1x4x4x4xf32>
}

// -----

// An EXPLICIT convolution adds the Pad's amounts to its own; PadV2 with a
// zero constant counts; the Pad stays for its other user.
// CHECK-LABEL: func.func @conv_explicit_padv2
// CHECK-SAME: (%[[X:.*]]: tensor<1x6x6x2xf32>
// CHECK: %[[P:.*]] = tfc.pad %[[X]]
// CHECK: %[[C:.*]] = tfc.conv2d %[[X]], %{{.*}} {dilations = array<i64: 1, 1>, explicit_paddings = array<i64: 3, 2, 1, 4>, padding = #tfc.padding<EXPLICIT>, strides = array<i64: 1, 1>}
// CHECK: return %[[C]], %[[P]]
func.func @conv_explicit_padv2(%x: tensor<1x6x6x2xf32>, %w: tensor<3x3x2x2xf32>) -> (tensor<1x9x9x2xf32>, tensor<1x8x9x2xf32>) {
  %p = tfc.const dense<[[0, 0], [2, 0], [0, 3], [0, 0]]> : tensor<4x2xi64>
  %zero = tfc.const dense<0.0> : tensor<f32>
  %0 = tfc.pad %x, %p, %zero : tensor<1x6x6x2xf32>, tensor<4x2xi64>, tensor<f32> -> tensor<1x8x9x2xf32>
  %1 = tfc.conv2d %0, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<EXPLICIT>, explicit_paddings = array<i64: 1, 2, 1, 1>} : tensor<1x8x9x2xf32>, tensor<3x3x2x2xf32> -> tensor<1x9x9x2xf32>
  return %1, %0 : tensor<1x9x9x2xf32>, tensor<1x8x9x2xf32>
}

// -----

// Not folded: SAME padding, a non-zero PadV2 value, a Pad of the channels.
// CHECK-LABEL: func.func @not_folded
// CHECK: %[[P0:.*]] = tfc.pad
// CHECK: tfc.conv2d %[[P0]], {{.*}}padding = #tfc.padding<SAME>
// CHECK: %[[P1:.*]] = tfc.pad
// CHECK: tfc.conv2d %[[P1]], {{.*}}padding = #tfc.padding<VALID>
// CHECK: %[[P2:.*]] = tfc.pad
// CHECK: tfc.conv2d %[[P2]], {{.*}}padding = #tfc.padding<VALID>
func.func @not_folded(%x: tensor<1x6x6x2xf32>, %w: tensor<3x3x2x2xf32>, %wc: tensor<3x3x3x2xf32>) -> (tensor<1x8x8x2xf32>, tensor<1x6x6x2xf32>, tensor<1x4x4x2xf32>) {
  %p = tfc.const dense<[[0, 0], [1, 1], [1, 1], [0, 0]]> : tensor<4x2xi32>
  %pc = tfc.const dense<[[0, 0], [0, 0], [0, 0], [0, 1]]> : tensor<4x2xi32>
  %one = tfc.const dense<1.0> : tensor<f32>
  %0 = tfc.pad %x, %p : tensor<1x6x6x2xf32>, tensor<4x2xi32> -> tensor<1x8x8x2xf32>
  %1 = tfc.conv2d %0, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x2xf32>, tensor<3x3x2x2xf32> -> tensor<1x8x8x2xf32>
  %2 = tfc.pad %x, %p, %one : tensor<1x6x6x2xf32>, tensor<4x2xi32>, tensor<f32> -> tensor<1x8x8x2xf32>
  %3 = tfc.conv2d %2, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>} : tensor<1x8x8x2xf32>, tensor<3x3x2x2xf32> -> tensor<1x6x6x2xf32>
  %4 = tfc.pad %x, %pc : tensor<1x6x6x2xf32>, tensor<4x2xi32> -> tensor<1x6x6x3xf32>
  %5 = tfc.conv2d %4, %wc {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>} : tensor<1x6x6x3xf32>, tensor<3x3x3x2xf32> -> tensor<1x4x4x2xf32>
  return %1, %3, %5 : tensor<1x8x8x2xf32>, tensor<1x6x6x2xf32>, tensor<1x4x4x2xf32>
}
