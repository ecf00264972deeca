// RUN: tfc-opt %s -split-input-file -convert-tfc-to-linalg | FileCheck %s
// RUN: tfc-opt %s -split-input-file -tfc-lower-to-linalg -tfc-bufferize | FileCheck %s --check-prefix=INPLACE

// A fused contraction accumulates into the bias broadcast along the channel
// axis (no zero fill, no separate bias pass); the residual and the activation
// are one elementwise linalg.generic whose `outs` is the contraction's
// result, so after bufferization every step writes the same buffer.

// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv_bias_residual_leaky_relu
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<1x8x8x3xf32>, %[[W:[a-z0-9]+]]: tensor<3x3x3x4xf32>, %[[B:[a-z0-9]+]]: tensor<4xf32>, %[[R:[a-z0-9]+]]: tensor<1x8x8x4xf32>)
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<1x8x8x4xf32>
// CHECK-NEXT: %[[INIT:.*]] = linalg.broadcast ins(%[[B]] : tensor<4xf32>) outs(%[[EMPTY]] : tensor<1x8x8x4xf32>) dimensions = [0, 1, 2]
// CHECK-NOT: linalg.fill
// CHECK: %[[PAD:.*]] = tensor.pad %[[X]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: %[[CONV:.*]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[PAD]], %[[W]] : tensor<1x10x10x3xf32>, tensor<3x3x3x4xf32>) outs(%[[INIT]] : tensor<1x8x8x4xf32>)
// CHECK-NEXT: %[[OUT:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[R]] : tensor<1x8x8x4xf32>) outs(%[[CONV]] : tensor<1x8x8x4xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[ACC]], %[[IN]] : f32
// CHECK: %[[POS:.*]] = arith.cmpf ogt, %[[SUM]]
// CHECK: %[[ALPHA:.*]] = arith.constant 1.000000e-01 : f32
// CHECK-NEXT: %[[SCALED:.*]] = arith.mulf %[[SUM]], %[[ALPHA]]
// CHECK-NEXT: %[[SEL:.*]] = arith.select %[[POS]], %[[SUM]], %[[SCALED]]
// CHECK-NEXT: linalg.yield %[[SEL]] : f32
// CHECK: return %[[OUT]]

// The conv, the bias and the epilogue all write the caller's result buffer.
// INPLACE-LABEL: func.func @conv_bias_residual_leaky_relu
// INPLACE-SAME: %[[RES:[a-z0-9]+]]: memref<1x8x8x4xf32>, %[[OUTBUF:[a-z0-9]+]]: memref<1x8x8x4xf32>, %{{[a-z0-9]+}}: memref<{{[0-9]+}}xi8>)
// INPLACE: linalg.broadcast ins(%{{.*}} : memref<4xf32>) outs(%[[OUTBUF]] : memref<1x8x8x4xf32>)
// INPLACE: linalg.conv_2d_nhwc_hwcf {{.*}} outs(%[[OUTBUF]] : memref<1x8x8x4xf32>)
// INPLACE-NEXT: linalg.generic {{.*}} ins(%[[RES]] : memref<1x8x8x4xf32>) outs(%[[OUTBUF]] : memref<1x8x8x4xf32>)
// INPLACE-NOT: memref.copy
// INPLACE: return
func.func @conv_bias_residual_leaky_relu(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>, %r: tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32> {
  %0 = tfc.fused_conv2d %x, %w, %b, %r {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, activation = #tfc.activation<LeakyRelu>, alpha = 0.1 : f64} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>, tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  return %0 : tensor<1x8x8x4xf32>
}

// -----

// Bias only: the contraction is all there is.
// CHECK-LABEL: func.func @conv_bias
// CHECK: %[[INIT:.*]] = linalg.broadcast
// CHECK: %[[CONV:.*]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%{{.*}}, %{{.*}} : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>) outs(%[[INIT]] : tensor<1x4x4x4xf32>)
// CHECK-NOT: linalg.generic
// CHECK: return %[[CONV]]
func.func @conv_bias(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x4xf32> {
  %0 = tfc.fused_conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 2, 2>, padding = #tfc.padding<VALID>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// Depthwise: the broadcast bias is viewed as [n, h, w, c, m] for linalg's
// op and the result viewed back; the activation updates that view.
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @depthwise_bias_relu6
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<1x8x8x3xf32>, %[[W:[a-z0-9]+]]: tensor<3x3x3x2xf32>, %[[B:[a-z0-9]+]]: tensor<6xf32>)
// CHECK: %[[INIT:.*]] = linalg.broadcast ins(%[[B]] : tensor<6xf32>) outs(%{{.*}} : tensor<1x8x8x6xf32>) dimensions = [0, 1, 2]
// CHECK: %[[SPLIT:.*]] = tensor.expand_shape %[[INIT]] {{\[}}[0], [1], [2], [3, 4]] output_shape [1, 8, 8, 3, 2] : tensor<1x8x8x6xf32> into tensor<1x8x8x3x2xf32>
// CHECK-NEXT: %[[CONV:.*]] = linalg.depthwise_conv_2d_nhwc_hwcm {{.*}} outs(%[[SPLIT]] : tensor<1x8x8x3x2xf32>)
// CHECK-NEXT: %[[MERGED:.*]] = tensor.collapse_shape %[[CONV]] {{\[}}[0], [1], [2], [3, 4]] : tensor<1x8x8x3x2xf32> into tensor<1x8x8x6xf32>
// CHECK-NEXT: %[[OUT:.*]] = linalg.generic {indexing_maps = [#[[$ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%[[MERGED]] : tensor<1x8x8x6xf32>)
// CHECK-NEXT: ^bb0(%[[ACC:.*]]: f32):
// CHECK: %[[LOW:.*]] = arith.maximumf %[[ACC]]
// CHECK: %[[HIGH:.*]] = arith.minimumf %[[LOW]]
// CHECK-NEXT: linalg.yield %[[HIGH]] : f32
// CHECK: return %[[OUT]]
func.func @depthwise_bias_relu6(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x2xf32>, %b: tensor<6xf32>) -> tensor<1x8x8x6xf32> {
  %0 = tfc.fused_depthwise_conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, activation = #tfc.activation<Relu6>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x2xf32>, tensor<6xf32>) -> tensor<1x8x8x6xf32>
  return %0 : tensor<1x8x8x6xf32>
}

// -----

// MatMul: the bias is broadcast over rows; the contraction's maps keep the
// transpose.
// CHECK-DAG: #[[$A:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[$BT:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[$C:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @matmul_bias_sigmoid
// CHECK-SAME: (%[[A:[a-z0-9]+]]: tensor<2x3xf32>, %[[W:[a-z0-9]+]]: tensor<4x3xf32>, %[[B:[a-z0-9]+]]: tensor<4xf32>)
// CHECK: %[[INIT:.*]] = linalg.broadcast ins(%[[B]] : tensor<4xf32>) outs(%{{.*}} : tensor<2x4xf32>) dimensions = [0]
// CHECK-NEXT: %[[MM:.*]] = linalg.generic {indexing_maps = [#[[$A]], #[[$BT]], #[[$C]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[A]], %[[W]] : tensor<2x3xf32>, tensor<4x3xf32>) outs(%[[INIT]] : tensor<2x4xf32>)
// CHECK: %[[OUT:.*]] = linalg.generic {indexing_maps = [#[[$ID]]], iterator_types = ["parallel", "parallel"]} outs(%[[MM]] : tensor<2x4xf32>)
// CHECK: math.exp
// CHECK: arith.divf
// CHECK: return %[[OUT]]
// INPLACE-LABEL: func.func @matmul_bias_sigmoid
// INPLACE-SAME: %[[OUTBUF:[a-z0-9]+]]: memref<2x4xf32>, %{{[a-z0-9]+}}: memref<0xi8>)
// INPLACE: linalg.broadcast {{.*}} outs(%[[OUTBUF]] : memref<2x4xf32>)
// INPLACE-NEXT: linalg.generic {{.*}} outs(%[[OUTBUF]] : memref<2x4xf32>)
// INPLACE: linalg.generic {{.*}} outs(%[[OUTBUF]] : memref<2x4xf32>)
// INPLACE-NOT: memref.copy
// INPLACE: return
func.func @matmul_bias_sigmoid(%a: tensor<2x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = tfc.fused_matmul %a, %w, %b {transpose_b = true, activation = #tfc.activation<Sigmoid>} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// Every activation uses the same scalar code as the unfused op.
// CHECK-LABEL: func.func @activations
// CHECK: linalg.generic
// CHECK: arith.maximumf
// CHECK: linalg.generic
// CHECK: math.expm1
// CHECK: arith.select
// CHECK: linalg.generic
// CHECK: math.tanh
func.func @activations(%a: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>) {
  %0 = tfc.fused_matmul %a, %w, %b {activation = #tfc.activation<Relu>} : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %1 = tfc.fused_matmul %a, %w, %b {activation = #tfc.activation<Elu>} : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %2 = tfc.fused_matmul %a, %w, %b {activation = #tfc.activation<Tanh>} : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0, %1, %2 : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>
}
