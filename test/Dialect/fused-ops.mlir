// RUN: tfc-opt %s -split-input-file | FileCheck %s
// Printing is a fixed point: parsing what was printed prints the same again.
// RUN: tfc-opt %s -split-input-file | tfc-opt -split-input-file | FileCheck %s
// The custom form and the generic form describe the same ops.
// RUN: tfc-opt %s -split-input-file -mlir-print-op-generic | tfc-opt -split-input-file | FileCheck %s

// Round trip of the fused contractions (formed by tfc-fuse-contractions).
// `activation` defaults to "None" and `alpha` to 0.2; both are elided then.

// CHECK-LABEL: func.func @fused_conv2d
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<1x8x8x3xf32>, %[[W:[a-z0-9]+]]: tensor<3x3x3x4xf32>, %[[B:[a-z0-9]+]]: tensor<4xf32>, %[[R:[a-z0-9]+]]: tensor<1x4x4x4xf32>)
// CHECK-NEXT: tfc.fused_conv2d %[[X]], %[[W]], %[[B]] {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 1, 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x8x4xf32>
// CHECK-NEXT: tfc.fused_conv2d %[[X]], %[[W]], %[[B]], %[[R]] {activation = #tfc.activation<Relu>, dilations = array<i64: 2, 2>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>, tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
// CHECK-NEXT: tfc.fused_conv2d %[[X]], %[[W]], %[[B]] {activation = #tfc.activation<LeakyRelu>, alpha = 1.000000e-01 : f64, dilations = array<i64: 1, 1>, explicit_paddings = array<i64: 1, 1, 0, 0>, padding = #tfc.padding<EXPLICIT>, strides = array<i64: 2, 2>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<1x4x3x4xf32>
func.func @fused_conv2d(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>, %r: tensor<1x4x4x4xf32>) {
  %0 = tfc.fused_conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, activation = #tfc.activation<None>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x8x4xf32>
  %1 = tfc.fused_conv2d %x, %w, %b, %r {strides = array<i64: 1, 1>, dilations = array<i64: 2, 2>, padding = #tfc.padding<VALID>, activation = #tfc.activation<Relu>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>, tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %2 = tfc.fused_conv2d %x, %w, %b {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, padding = #tfc.padding<EXPLICIT>, explicit_paddings = array<i64: 1, 1, 0, 0>, activation = #tfc.activation<LeakyRelu>, alpha = 0.1 : f64} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<1x4x3x4xf32>
  return
}

// -----

// CHECK-LABEL: func.func @fused_depthwise_conv2d
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<1x8x8x3xf32>, %[[W:[a-z0-9]+]]: tensor<3x3x3x2xf32>, %[[B:[a-z0-9]+]]: tensor<6xf32>, %[[R:[a-z0-9]+]]: tensor<1x8x8x6xf32>)
// CHECK-NEXT: tfc.fused_depthwise_conv2d %[[X]], %[[W]], %[[B]] {activation = #tfc.activation<Relu6>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 1, 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x2xf32>, tensor<6xf32>) -> tensor<1x8x8x6xf32>
// CHECK-NEXT: tfc.fused_depthwise_conv2d %[[X]], %[[W]], %[[B]], %[[R]] {activation = #tfc.activation<Elu>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 1, 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x2xf32>, tensor<6xf32>, tensor<1x8x8x6xf32>) -> tensor<1x8x8x6xf32>
func.func @fused_depthwise_conv2d(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x2xf32>, %b: tensor<6xf32>, %r: tensor<1x8x8x6xf32>) {
  %0 = tfc.fused_depthwise_conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, activation = #tfc.activation<Relu6>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x2xf32>, tensor<6xf32>) -> tensor<1x8x8x6xf32>
  %1 = tfc.fused_depthwise_conv2d %x, %w, %b, %r {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, activation = #tfc.activation<Elu>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x2xf32>, tensor<6xf32>, tensor<1x8x8x6xf32>) -> tensor<1x8x8x6xf32>
  return
}

// -----

// CHECK-LABEL: func.func @fused_matmul
// CHECK-SAME: (%[[A:[a-z0-9]+]]: tensor<2x3xf32>, %[[W:[a-z0-9]+]]: tensor<4x3xf32>, %[[B:[a-z0-9]+]]: tensor<4xf32>, %[[D:[a-z0-9]+]]: tensor<3x2xf64>, %[[E:[a-z0-9]+]]: tensor<4x3xf64>, %[[C:[a-z0-9]+]]: tensor<4xf64>, %[[R:[a-z0-9]+]]: tensor<2x4xf64>)
// CHECK-NEXT: tfc.fused_matmul %[[A]], %[[W]], %[[B]] {activation = #tfc.activation<Sigmoid>, transpose_b = true} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<2x4xf32>
// CHECK-NEXT: tfc.fused_matmul %[[D]], %[[E]], %[[C]], %[[R]] {activation = #tfc.activation<Tanh>, transpose_a = true, transpose_b = true} : (tensor<3x2xf64>, tensor<4x3xf64>, tensor<4xf64>, tensor<2x4xf64>) -> tensor<2x4xf64>
func.func @fused_matmul(%a: tensor<2x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>, %d: tensor<3x2xf64>, %e: tensor<4x3xf64>, %c: tensor<4xf64>, %r: tensor<2x4xf64>) {
  %0 = tfc.fused_matmul %a, %w, %b {transpose_b = true, activation = #tfc.activation<Sigmoid>} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %1 = tfc.fused_matmul %d, %e, %c, %r {transpose_a = true, transpose_b = true, activation = #tfc.activation<Tanh>} : (tensor<3x2xf64>, tensor<4x3xf64>, tensor<4xf64>, tensor<2x4xf64>) -> tensor<2x4xf64>
  return
}

// -----

// Unknown sizes are accepted; the result type is inferred as for the
// contraction alone.
// CHECK-LABEL: func.func @fused_dynamic
// CHECK-NEXT: tfc.fused_matmul %{{.*}} : (tensor<?x3xf32>, tensor<3x?xf32>, tensor<?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
// CHECK-NEXT: tfc.fused_conv2d %{{.*}} : (tensor<?x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<?x8x8x4xf32>
func.func @fused_dynamic(%a: tensor<?x3xf32>, %w: tensor<3x?xf32>, %b: tensor<?xf32>, %r: tensor<?x?xf32>, %x: tensor<?x8x8x3xf32>, %f: tensor<3x3x3x4xf32>, %c: tensor<4xf32>) {
  %0 = tfc.fused_matmul %a, %w, %b, %r {activation = #tfc.activation<Relu>} : (tensor<?x3xf32>, tensor<3x?xf32>, tensor<?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  %1 = tfc.fused_conv2d %x, %f, %c {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : (tensor<?x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<?x8x8x4xf32>
  return
}
