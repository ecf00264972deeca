// RUN: tfc-opt %s -split-input-file -tfc-use-kernels=isa=avx512 | FileCheck %s
// RUN: tfc-opt %s -split-input-file -tfc-use-kernels=isa=generic | FileCheck %s --check-prefix=GENERIC

// An AvgPool with padding becomes the depthwise kernel over a filter of
// ones (multiplier 1, the window's params and padding before), then a
// division by the number of input elements each window covers: 4 in a
// corner of a 3x3 window, 6 along an edge, 9 inside. The generic kernels
// (microcontrollers) keep linalg's pooling.

// CHECK-LABEL: func.func @same_3x3
// CHECK-DAG: %[[ONES:.*]] = tfc.const dense<1.000000e+00> : tensor<3x3x3x1xf32>
// CHECK-DAG: %[[COUNTS:.*]] = tfc.const dense<{{\[\[\[}}[4.000000e+00], [6.000000e+00], [6.000000e+00], [4.000000e+00]], {{\[}}[6.000000e+00], [9.000000e+00], [9.000000e+00], [6.000000e+00]], {{\[}}[4.000000e+00], [6.000000e+00], [6.000000e+00], [4.000000e+00]]]]> : tensor<1x3x4x1xf32>
// CHECK: %[[SUMS:.*]] = tfc.kernel_call "depthwise_conv2d_f32_avx512"(%arg0, %[[ONES]]) outs(%{{.*}}) {params = array<i64: 1, 3, 4, 3, 3, 4, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, {{[0-9]+}}>}
// CHECK: %[[AVG:.*]] = tfc.real_div %[[SUMS]], %[[COUNTS]] : tensor<1x3x4x3xf32>, tensor<1x3x4x1xf32> -> tensor<1x3x4x3xf32>
// CHECK: return %[[AVG]]
// GENERIC-LABEL: func.func @same_3x3
// GENERIC: tfc.avg_pool
// GENERIC-NOT: kernel_call
func.func @same_3x3(%x: tensor<1x3x4x3xf32>) -> tensor<1x3x4x3xf32> {
  %0 = tfc.avg_pool %x {ksize = array<i64: 3, 3>, strides = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x3x4x3xf32> -> tensor<1x3x4x3xf32>
  return %0 : tensor<1x3x4x3xf32>
}

// -----

// Stride 2 with SAME padding over 4 pixels: one row and one column of
// padding after, none before, so windows of 3x3, 3x2, 2x3 and 2x2.
// CHECK-LABEL: func.func @same_s2
// CHECK-DAG: %[[COUNTS:.*]] = tfc.const dense<{{\[\[\[}}[9.000000e+00], [6.000000e+00]], {{\[}}[6.000000e+00], [4.000000e+00]]]]> : tensor<1x2x2x1xf32>
// CHECK: tfc.kernel_call "depthwise_conv2d_f32_avx512"(%arg0, %{{.*}}) outs(%{{.*}}) {params = array<i64: 2, 4, 4, 5, 2, 2, 1, 3, 3, 2, 2, 1, 1, 0, 0, 0, {{[0-9]+}}>}
// CHECK: tfc.real_div %{{.*}}, %[[COUNTS]]
func.func @same_s2(%x: tensor<2x4x4x5xf32>) -> tensor<2x2x2x5xf32> {
  %0 = tfc.avg_pool %x {ksize = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = #tfc.padding<SAME>} : tensor<2x4x4x5xf32> -> tensor<2x2x2x5xf32>
  return %0 : tensor<2x2x2x5xf32>
}

// -----

// No padding, nothing to save: VALID (a global pool here), and SAME that
// pads nothing (2x2 stride 2 over an even size) stay AvgPools.
// CHECK-LABEL: func.func @unpadded
// CHECK-NOT: kernel_call
// CHECK: tfc.avg_pool
// CHECK: tfc.avg_pool
// CHECK-NOT: kernel_call
func.func @unpadded(%x: tensor<1x4x4x8xf32>) -> (tensor<1x1x1x8xf32>, tensor<1x2x2x8xf32>) {
  %0 = tfc.avg_pool %x {ksize = array<i64: 4, 4>, strides = array<i64: 1, 1>, padding = #tfc.padding<VALID>} : tensor<1x4x4x8xf32> -> tensor<1x1x1x8xf32>
  %1 = tfc.avg_pool %x {ksize = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = #tfc.padding<SAME>} : tensor<1x4x4x8xf32> -> tensor<1x2x2x8xf32>
  return %0, %1 : tensor<1x1x1x8xf32>, tensor<1x2x2x8xf32>
}
