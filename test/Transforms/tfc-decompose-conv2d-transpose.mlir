// RUN: tfc-opt %s --pass-pipeline='builtin.module(func.func(tfc-decompose-conv2d-transpose))' -split-input-file | FileCheck %s

// SAME, stride 2, 8 <- 4, 2x2 frozen filter (forward pads 0 and 0):
// out_backprop spread 2 apart by reshape, zero Pad, reshape; a stride-1
// convolution padded 1 = span - 0 before and 0 after, with the filter
// flipped in height and width and its channels swapped, as a new constant.
// CHECK-LABEL: func.func @frozen_same_s2
// CHECK-SAME: (%[[DY:.*]]: tensor<1x4x4x2xf32>)
// CHECK-DAG: %[[FLIPPED:.*]] = tfc.const dense<{{\[\[\[\[}}7.000000e+00], [8.000000e+00]], {{\[\[}}5.000000e+00], [6.000000e+00]]], {{\[\[\[}}3.000000e+00], [4.000000e+00]], {{\[\[}}1.000000e+00], [2.000000e+00]]]]> : tensor<2x2x2x1xf32>
// CHECK-DAG: %[[SPLIT:.*]] = tfc.const dense<[1, 4, 1, 4, 1, 2]> : tensor<6xi64>
// CHECK-DAG: %[[ZEROS:.*]] = tfc.const dense<{{\[\[}}0, 0], [0, 0], [0, 1], [0, 0], [0, 1], [0, 0]]> : tensor<6x2xi64>
// CHECK-DAG: %[[SPREAD:.*]] = tfc.const dense<[1, 8, 8, 2]> : tensor<4xi64>
// CHECK: %[[R1:.*]] = tfc.reshape %[[DY]], %[[SPLIT]] : {{.*}} -> tensor<1x4x1x4x1x2xf32>
// CHECK: %[[P:.*]] = tfc.pad %[[R1]], %[[ZEROS]] : {{.*}} -> tensor<1x4x2x4x2x2xf32>
// CHECK: %[[R2:.*]] = tfc.reshape %[[P]], %[[SPREAD]] : {{.*}} -> tensor<1x8x8x2xf32>
// CHECK: %[[Y:.*]] = tfc.conv2d %[[R2]], %[[FLIPPED]] {dilations = array<i64: 1, 1>, explicit_paddings = array<i64: 1, 0, 1, 0>, padding = #tfc.padding<EXPLICIT>, strides = array<i64: 1, 1>} : tensor<1x8x8x2xf32>, tensor<2x2x2x1xf32> -> tensor<1x8x8x1xf32>
// CHECK: return %[[Y]]
func.func @frozen_same_s2(%dy: tensor<1x4x4x2xf32>) -> tensor<1x8x8x1xf32> {
  %s = tfc.const dense<[1, 8, 8, 1]> : tensor<4xi32>
  %w = tfc.const dense<[[[[1.0, 2.0]], [[3.0, 4.0]]], [[[5.0, 6.0]], [[7.0, 8.0]]]]> : tensor<2x2x1x2xf32>
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 2, 2>} : tensor<4xi32>, tensor<2x2x1x2xf32>, tensor<1x4x4x2xf32> -> tensor<1x8x8x1xf32>
  return %0 : tensor<1x8x8x1xf32>
}

// -----

// A fed filter is flipped by a reversing StridedSlice and transposed. Pads
// beyond the kernel's reach (top 3, right 4): the first spread row and the
// last two spread columns (out_backprop's last column and the zero after it)
// saw only padding and are sliced off.
// CHECK-LABEL: func.func @fed_wide_pads
// CHECK-SAME: (%[[W:.*]]: tensor<3x3x2x3xf32>, %[[DY:.*]]: tensor<1x4x4x3xf32>)
// CHECK: %[[SPREAD:.*]] = tfc.reshape {{.*}} -> tensor<1x8x8x3xf32>
// CHECK: %[[CUT:.*]] = tfc.slice %[[SPREAD]], {{.*}} -> tensor<1x7x6x3xf32>
// CHECK: %[[REV:.*]] = tfc.strided_slice %[[W]], {{.*}} {begin_mask = 15 : i64, end_mask = 15 : i64} : {{.*}} -> tensor<3x3x2x3xf32>
// CHECK: %[[FLIPPED:.*]] = tfc.transpose %[[REV]], {{.*}} -> tensor<3x3x3x2xf32>
// CHECK: tfc.conv2d %[[CUT]], %[[FLIPPED]] {dilations = array<i64: 1, 1>, explicit_paddings = array<i64: 0, 0, 2, 0>, padding = #tfc.padding<EXPLICIT>, strides = array<i64: 1, 1>} : tensor<1x7x6x3xf32>, tensor<3x3x3x2xf32> -> tensor<1x5x6x2xf32>
func.func @fed_wide_pads(%w: tensor<3x3x2x3xf32>, %dy: tensor<1x4x4x3xf32>) -> tensor<1x5x6x2xf32> {
  %s = tfc.const dense<[1, 5, 6, 2]> : tensor<4xi32>
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, explicit_paddings = array<i64: 3, 1, 0, 4>, padding = #tfc.padding<EXPLICIT>, strides = array<i64: 2, 2>} : tensor<4xi32>, tensor<3x3x2x3xf32>, tensor<1x4x4x3xf32> -> tensor<1x5x6x2xf32>
  return %0 : tensor<1x5x6x2xf32>
}

// -----

// Stride 1 spreads nothing; dilation 2 stays the convolution's.
// CHECK-LABEL: func.func @dilated
// CHECK-SAME: (%[[W:.*]]: tensor<3x3x2x4xf32>, %[[DY:.*]]: tensor<1x9x8x4xf32>)
// CHECK-NOT: tfc.reshape
// CHECK-NOT: tfc.pad
// CHECK: tfc.conv2d %[[DY]], %{{.*}} {dilations = array<i64: 2, 2>, explicit_paddings = array<i64: 2, 2, 2, 2>, padding = #tfc.padding<EXPLICIT>, strides = array<i64: 1, 1>} : tensor<1x9x8x4xf32>, tensor<3x3x4x2xf32> -> tensor<1x9x8x2xf32>
func.func @dilated(%w: tensor<3x3x2x4xf32>, %dy: tensor<1x9x8x4xf32>) -> tensor<1x9x8x2xf32> {
  %s = tfc.const dense<[9, 8]> : tensor<2xi32>
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 2, 2>, padding = #tfc.padding<SAME>, strides = array<i64: 1, 1>} : tensor<2xi32>, tensor<3x3x2x4xf32>, tensor<1x9x8x4xf32> -> tensor<1x9x8x2xf32>
  return %0 : tensor<1x9x8x2xf32>
}

// -----

// Where it must not fire: the result's size is not known yet (input_sizes
// is computed), so the convolution's padding cannot be.
// CHECK-LABEL: func.func @unknown_sizes
// CHECK: tfc.conv2d_transpose
// CHECK-NOT: tfc.conv2d
func.func @unknown_sizes(%w: tensor<3x3x2x4xf32>, %dy: tensor<1x4x4x4xf32>, %s: tensor<4xi32>) -> tensor<1x?x?x2xf32> {
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 2, 2>} : tensor<4xi32>, tensor<3x3x2x4xf32>, tensor<1x4x4x4xf32> -> tensor<1x?x?x2xf32>
  return %0 : tensor<1x?x?x2xf32>
}
