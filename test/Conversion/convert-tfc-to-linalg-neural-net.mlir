// RUN: tfc-opt %s -split-input-file --convert-tfc-to-linalg | FileCheck %s

// Lowering of the convolution and pooling ops (the loop path, used with
// --optimize=false and for what the kernels do not take) to linalg's named
// ops, SAME padding made explicit.

// Conv2D SAME, stride 2: a zero pad of 1 on each side, then the named op.
// CHECK-LABEL: func.func @conv2d
// CHECK: %[[ZERO:.*]] = linalg.fill {{.*}} outs(%{{.*}} : tensor<1x3x3x4xf32>)
// CHECK: %[[PADDED:.*]] = tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[PADDED]], %{{.*}} : tensor<1x7x7x2xf32>, tensor<3x3x2x4xf32>) outs(%[[ZERO]] : tensor<1x3x3x4xf32>)
func.func @conv2d(%x: tensor<1x5x5x2xf32>, %w: tensor<3x3x2x4xf32>) -> tensor<1x3x3x4xf32> {
  %0 = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 2, 2>} : tensor<1x5x5x2xf32>, tensor<3x3x2x4xf32> -> tensor<1x3x3x4xf32>
  return %0 : tensor<1x3x3x4xf32>
}

// -----

// Depthwise VALID: no pad; the channel multiplier is a separate axis of the
// named op's output.
// CHECK-LABEL: func.func @depthwise
// CHECK-NOT: tensor.pad
// CHECK: linalg.depthwise_conv_2d_nhwc_hwcm {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x4x4x2xf32>, tensor<3x3x2x1xf32>) outs(%{{.*}} : tensor<1x2x2x2x1xf32>)
func.func @depthwise(%x: tensor<1x4x4x2xf32>, %w: tensor<3x3x2x1xf32>) -> tensor<1x2x2x2xf32> {
  %0 = tfc.depthwise_conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<1x4x4x2xf32>, tensor<3x3x2x1xf32> -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----

// CHECK-LABEL: func.func @max_pool
// CHECK: linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%{{.*}}, %{{.*}} : tensor<1x4x4x2xf32>, tensor<2x2xf32>)
func.func @max_pool(%x: tensor<1x4x4x2xf32>) -> tensor<1x2x2x2xf32> {
  %0 = tfc.max_pool %x {ksize = array<i64: 2, 2>, padding = #tfc.padding<VALID>, strides = array<i64: 2, 2>} : tensor<1x4x4x2xf32> -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----

// AvgPool SAME divides each window's sum by its count of real (unpadded)
// elements, as TensorFlow does: 4 at the corners, 6 on the edges, 9 inside.
// CHECK-LABEL: func.func @avg_pool_same
// CHECK: %[[PADDED:.*]] = tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: %[[SUM:.*]] = linalg.pooling_nhwc_sum {{.*}} ins(%[[PADDED]], %{{.*}} : tensor<1x5x5x2xf32>, tensor<3x3xf32>)
// CHECK: %[[COUNTS:.*]] = arith.constant dense<{{\[\[}}4.000000e+00, 6.000000e+00, 4.000000e+00], [6.000000e+00, 9.000000e+00, 6.000000e+00], [4.000000e+00, 6.000000e+00, 4.000000e+00]]> : tensor<3x3xf32>
// CHECK: linalg.generic {{.*}} ins(%[[SUM]], %[[COUNTS]] : tensor<1x3x3x2xf32>, tensor<3x3xf32>)
// CHECK: arith.divf
func.func @avg_pool_same(%x: tensor<1x3x3x2xf32>) -> tensor<1x3x3x2xf32> {
  %0 = tfc.avg_pool %x {ksize = array<i64: 3, 3>, padding = #tfc.padding<SAME>, strides = array<i64: 1, 1>} : tensor<1x3x3x2xf32> -> tensor<1x3x3x2xf32>
  return %0 : tensor<1x3x3x2xf32>
}
