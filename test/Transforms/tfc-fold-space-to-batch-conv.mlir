// RUN: tfc-opt %s --pass-pipeline='builtin.module(func.func(tfc-fold-space-to-batch-conv))' -split-input-file | FileCheck %s

// tf.nn.convolution's dilated SAME convolution: pads [[2, 3], [2, 2]] (the
// extra row makes the height divisible by 2), crops [[0, 1], [0, 0]]; the
// result is one convolution with dilations [2, 2] and padding pads - crops.
// CHECK-LABEL: func.func @conv2d_same
// CHECK-SAME: (%[[X:.*]]: tensor<1x9x8x3xf32>, %[[W:.*]]: tensor<3x3x3x4xf32>)
// CHECK-NOT: space_to_batch
// CHECK: %[[C:.*]] = tfc.conv2d %[[X]], %[[W]] {dilations = array<i64: 2, 2>, explicit_paddings = array<i64: 2, 2, 2, 2>, padding = #tfc.padding<EXPLICIT>, strides = array<i64: 1, 1>} : tensor<1x9x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x9x8x4xf32>
// CHECK-NOT: batch_to_space
// CHECK: return %[[C]]
func.func @conv2d_same(%x: tensor<1x9x8x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x9x8x4xf32> {
  %block = tfc.const dense<2> : tensor<2xi32>
  %pads = tfc.const dense<[[2, 3], [2, 2]]> : tensor<2x2xi32>
  %crops = tfc.const dense<[[0, 1], [0, 0]]> : tensor<2x2xi32>
  %0 = tfc.space_to_batch_nd %x, %block, %pads : tensor<1x9x8x3xf32>, tensor<2xi32>, tensor<2x2xi32> -> tensor<4x7x6x3xf32>
  %1 = tfc.conv2d %0, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<4x7x6x3xf32>, tensor<3x3x3x4xf32> -> tensor<4x5x4x4xf32>
  %2 = tfc.batch_to_space_nd %1, %block, %crops : tensor<4x5x4x4xf32>, tensor<2xi32>, tensor<2x2xi32> -> tensor<1x9x8x4xf32>
  return %2 : tensor<1x9x8x4xf32>
}

// -----

// Keras' dilated Conv1D: the blocked time axis is the width of the
// convolution after ExpandDims at axis -3; the Squeeze stays after it.
// CHECK-LABEL: func.func @conv1d
// CHECK-SAME: (%[[X:.*]]: tensor<2x20x8xf32>, %[[W:.*]]: tensor<1x3x8x8xf32>)
// CHECK: %[[E:.*]] = tfc.expand_dims %[[X]], %{{.*}} : tensor<2x20x8xf32>, tensor<i32> -> tensor<2x1x20x8xf32>
// CHECK: %[[C:.*]] = tfc.conv2d %[[E]], %[[W]] {dilations = array<i64: 1, 4>, explicit_paddings = array<i64: 0, 0, 4, 4>, padding = #tfc.padding<EXPLICIT>, strides = array<i64: 1, 1>} : tensor<2x1x20x8xf32>, tensor<1x3x8x8xf32> -> tensor<2x1x20x8xf32>
// CHECK: %[[S:.*]] = tfc.squeeze %[[C]] {squeeze_dims = array<i64: -3>} : tensor<2x1x20x8xf32> -> tensor<2x20x8xf32>
// CHECK: return %[[S]]
func.func @conv1d(%x: tensor<2x20x8xf32>, %w: tensor<1x3x8x8xf32>) -> tensor<2x20x8xf32> {
  %block = tfc.const dense<4> : tensor<1xi32>
  %pads = tfc.const dense<[[4, 4]]> : tensor<1x2xi32>
  %crops = tfc.const dense<[[0, 0]]> : tensor<1x2xi32>
  %axis = tfc.const dense<-3> : tensor<i32>
  %0 = tfc.space_to_batch_nd %x, %block, %pads : tensor<2x20x8xf32>, tensor<1xi32>, tensor<1x2xi32> -> tensor<8x7x8xf32>
  %1 = tfc.expand_dims %0, %axis : tensor<8x7x8xf32>, tensor<i32> -> tensor<8x1x7x8xf32>
  %2 = tfc.conv2d %1, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<8x1x7x8xf32>, tensor<1x3x8x8xf32> -> tensor<8x1x5x8xf32>
  %3 = tfc.squeeze %2 {squeeze_dims = array<i64: -3>} : tensor<8x1x5x8xf32> -> tensor<8x5x8xf32>
  %4 = tfc.batch_to_space_nd %3, %block, %crops : tensor<8x5x8xf32>, tensor<1xi32>, tensor<1x2xi32> -> tensor<2x20x8xf32>
  return %4 : tensor<2x20x8xf32>
}

// -----

// Depthwise, one blocked axis (the height): dilations [3, 1].
// CHECK-LABEL: func.func @depthwise_height_only
// CHECK: tfc.depthwise_conv2d %arg0, %arg1 {dilations = array<i64: 3, 1>, explicit_paddings = array<i64: 1, 0, 0, 0>, padding = #tfc.padding<EXPLICIT>, strides = array<i64: 1, 1>} : tensor<1x8x5x2xf32>, tensor<2x2x2x1xf32> -> tensor<1x6x4x2xf32>
// CHECK-NOT: batch_to_space
func.func @depthwise_height_only(%x: tensor<1x8x5x2xf32>, %w: tensor<2x2x2x1xf32>) -> tensor<1x6x4x2xf32> {
  %block = tfc.const dense<3> : tensor<1xi32>
  %pads = tfc.const dense<[[1, 0]]> : tensor<1x2xi32>
  %crops = tfc.const dense<[[0, 0]]> : tensor<1x2xi32>
  %0 = tfc.space_to_batch_nd %x, %block, %pads : tensor<1x8x5x2xf32>, tensor<1xi32>, tensor<1x2xi32> -> tensor<3x3x5x2xf32>
  %1 = tfc.depthwise_conv2d %0, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<3x3x5x2xf32>, tensor<2x2x2x1xf32> -> tensor<3x2x4x2xf32>
  %2 = tfc.batch_to_space_nd %1, %block, %crops : tensor<3x2x4x2xf32>, tensor<1xi32>, tensor<1x2xi32> -> tensor<1x6x4x2xf32>
  return %2 : tensor<1x6x4x2xf32>
}

// -----

// Left alone: crops larger than the pads (the convolution would need a
// negative pad), a strided convolution, different block shapes, and a
// blocked tensor with a second user.
// CHECK-LABEL: func.func @not_folded
// CHECK-COUNT-5: tfc.batch_to_space_nd
// CHECK-NOT: EXPLICIT
func.func @not_folded(%x: tensor<1x8x8x3xf32>, %w: tensor<1x1x3x4xf32>) -> (tensor<1x6x8x4xf32>, tensor<1x4x8x4xf32>, tensor<1x16x4x4xf32>, tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>, tensor<4x4x4x3xf32>) {
  %block = tfc.const dense<2> : tensor<2xi32>
  %block12 = tfc.const dense<[1, 2]> : tensor<2xi32>
  %block21 = tfc.const dense<[2, 1]> : tensor<2xi32>
  %zero = tfc.const dense<0> : tensor<2x2xi32>
  %crops = tfc.const dense<[[1, 1], [0, 0]]> : tensor<2x2xi32>
  %0 = tfc.space_to_batch_nd %x, %block, %zero : tensor<1x8x8x3xf32>, tensor<2xi32>, tensor<2x2xi32> -> tensor<4x4x4x3xf32>
  %1 = tfc.conv2d %0, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<4x4x4x3xf32>, tensor<1x1x3x4xf32> -> tensor<4x4x4x4xf32>
  %2 = tfc.batch_to_space_nd %1, %block, %crops : tensor<4x4x4x4xf32>, tensor<2xi32>, tensor<2x2xi32> -> tensor<1x6x8x4xf32>
  %3 = tfc.space_to_batch_nd %x, %block, %zero : tensor<1x8x8x3xf32>, tensor<2xi32>, tensor<2x2xi32> -> tensor<4x4x4x3xf32>
  %4 = tfc.conv2d %3, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 2, 1>} : tensor<4x4x4x3xf32>, tensor<1x1x3x4xf32> -> tensor<4x2x4x4xf32>
  %5 = tfc.batch_to_space_nd %4, %block, %zero : tensor<4x2x4x4xf32>, tensor<2xi32>, tensor<2x2xi32> -> tensor<1x4x8x4xf32>
  %6 = tfc.space_to_batch_nd %x, %block12, %zero : tensor<1x8x8x3xf32>, tensor<2xi32>, tensor<2x2xi32> -> tensor<2x8x4x3xf32>
  %7 = tfc.conv2d %6, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<2x8x4x3xf32>, tensor<1x1x3x4xf32> -> tensor<2x8x4x4xf32>
  %8 = tfc.batch_to_space_nd %7, %block21, %zero : tensor<2x8x4x4xf32>, tensor<2xi32>, tensor<2x2xi32> -> tensor<1x16x4x4xf32>
  %9 = tfc.space_to_batch_nd %x, %block, %zero : tensor<1x8x8x3xf32>, tensor<2xi32>, tensor<2x2xi32> -> tensor<4x4x4x3xf32>
  %10 = tfc.conv2d %9, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<4x4x4x3xf32>, tensor<1x1x3x4xf32> -> tensor<4x4x4x4xf32>
  %11 = tfc.batch_to_space_nd %10, %block, %zero : tensor<4x4x4x4xf32>, tensor<2xi32>, tensor<2x2xi32> -> tensor<1x8x8x4xf32>
  %12 = tfc.batch_to_space_nd %10, %block, %zero : tensor<4x4x4x4xf32>, tensor<2xi32>, tensor<2x2xi32> -> tensor<1x8x8x4xf32>
  return %2, %5, %8, %11, %12, %9 : tensor<1x6x8x4xf32>, tensor<1x4x8x4xf32>, tensor<1x16x4x4xf32>, tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>, tensor<4x4x4x3xf32>
}
