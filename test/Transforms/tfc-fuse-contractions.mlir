// RUN: tfc-opt %s -split-input-file -tfc-fuse-contractions | FileCheck %s
// RUN: tfc-opt %s -split-input-file -tfc-fuse-contractions -mlir-print-debuginfo | FileCheck %s --check-prefix=LOC

// A contraction followed by a per-channel bias, a residual Add and an
// activation, or some of them in that order, becomes one fused op, as long
// as no value in the chain has another user.

// The form tfc-fold-batch-norm leaves: a bias_add of a constant.
// CHECK-LABEL: func.func @conv_bias
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<1x8x8x3xf32>)
// CHECK-DAG: %[[W:.*]] = tfc.const dense<5.000000e-01> : tensor<3x3x3x4xf32>
// CHECK-DAG: %[[B:.*]] = tfc.const dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>
// CHECK: %[[F:.*]] = tfc.fused_conv2d %[[X]], %[[W]], %[[B]] {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 1, 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x8x4xf32>
// CHECK-NEXT: return %[[F]]
// The fused op's location holds every fused node's, the contraction's first.
// LOC-LABEL: func.func @conv_bias
// LOC: tfc.fused_conv2d {{.*}} loc(#[[FUSED:loc[0-9]+]])
// LOC-DAG: #[[CONV:loc[0-9]+]] = loc("conv")
// LOC-DAG: #[[BIAS:loc[0-9]+]] = loc("bias")
// LOC-DAG: #[[FUSED]] = loc(fused[#[[CONV]], #[[BIAS]]])
func.func @conv_bias(%x: tensor<1x8x8x3xf32>) -> tensor<1x8x8x4xf32> {
  %w = tfc.const dense<0.5> : tensor<3x3x3x4xf32>
  %b = tfc.const dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x8x8x4xf32> loc("conv")
  %1 = tfc.bias_add %0, %b : tensor<1x8x8x4xf32>, tensor<4xf32> -> tensor<1x8x8x4xf32> loc("bias")
  return %1 : tensor<1x8x8x4xf32>
}

// -----

// Strides, dilations and explicit paddings carry over unchanged.
// CHECK-LABEL: func.func @conv_bias_relu
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<1x9x9x3xf32>, %[[W:[a-z0-9]+]]: tensor<3x3x3x4xf32>)
// CHECK: %[[F:.*]] = tfc.fused_conv2d %[[X]], %[[W]], %{{.*}} {activation = #tfc.activation<Relu>, dilations = array<i64: 1, 1>, explicit_paddings = array<i64: 1, 0, 0, 1>, padding = #tfc.padding<EXPLICIT>, strides = array<i64: 2, 2>}
// CHECK-NEXT: return %[[F]]
func.func @conv_bias_relu(%x: tensor<1x9x9x3xf32>, %w: tensor<3x3x3x4xf32>) -> tensor<1x4x4x4xf32> {
  %b = tfc.const dense<1.0> : tensor<4xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, padding = #tfc.padding<EXPLICIT>, explicit_paddings = array<i64: 1, 0, 0, 1>} : tensor<1x9x9x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x4x4x4xf32>
  %1 = tfc.bias_add %0, %b : tensor<1x4x4x4xf32>, tensor<4xf32> -> tensor<1x4x4x4xf32>
  %2 = tfc.relu %1 : tensor<1x4x4x4xf32>
  return %2 : tensor<1x4x4x4xf32>
}

// -----

// A residual Add (either operand order) comes after the bias, before the
// activation.
// CHECK-LABEL: func.func @conv_bias_residual_relu6
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<1x8x8x4xf32>, %[[W:[a-z0-9]+]]: tensor<1x1x4x4xf32>, %[[B:[a-z0-9]+]]: tensor<4xf32>)
// CHECK: %[[F:.*]] = tfc.fused_conv2d %[[X]], %[[W]], %[[B]], %[[X]] {activation = #tfc.activation<Relu6>, {{.*}}} : (tensor<1x8x8x4xf32>, tensor<1x1x4x4xf32>, tensor<4xf32>, tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
// CHECK-NEXT: return %[[F]]
func.func @conv_bias_residual_relu6(%x: tensor<1x8x8x4xf32>, %w: tensor<1x1x4x4xf32>, %b: tensor<4xf32>) -> tensor<1x8x8x4xf32> {
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>} : tensor<1x8x8x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x8x8x4xf32>
  %1 = tfc.bias_add %0, %b : tensor<1x8x8x4xf32>, tensor<4xf32> -> tensor<1x8x8x4xf32>
  %2 = tfc.add %x, %1 : tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32> -> tensor<1x8x8x4xf32>
  %3 = tfc.relu6 %2 : tensor<1x8x8x4xf32>
  return %3 : tensor<1x8x8x4xf32>
}

// -----

// Two branches meeting in a residual Add: one branch takes the Add, the
// other is fused on its own and becomes the residual.
// CHECK-LABEL: func.func @two_branches
// CHECK-COUNT-2: tfc.fused_conv2d
// CHECK-NOT: tfc.add
// CHECK-NOT: tfc.relu
// CHECK: return
func.func @two_branches(%x: tensor<1x8x8x4xf32>, %w: tensor<1x1x4x4xf32>, %b: tensor<4xf32>) -> tensor<1x8x8x4xf32> {
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>} : tensor<1x8x8x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x8x8x4xf32>
  %1 = tfc.bias_add %0, %b : tensor<1x8x8x4xf32>, tensor<4xf32> -> tensor<1x8x8x4xf32>
  %2 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x8x8x4xf32>
  %3 = tfc.bias_add %2, %b : tensor<1x8x8x4xf32>, tensor<4xf32> -> tensor<1x8x8x4xf32>
  %4 = tfc.add %1, %3 : tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32> -> tensor<1x8x8x4xf32>
  %5 = tfc.relu %4 : tensor<1x8x8x4xf32>
  return %5 : tensor<1x8x8x4xf32>
}

// -----

// Depthwise: an Add of a constant per-channel vector is a bias too.
// CHECK-LABEL: func.func @depthwise_add_bias_relu6
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<1x8x8x3xf32>, %[[W:[a-z0-9]+]]: tensor<3x3x3x2xf32>)
// CHECK: %[[B:.*]] = tfc.const dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00]> : tensor<6xf32>
// CHECK: %[[F:.*]] = tfc.fused_depthwise_conv2d %[[X]], %[[W]], %[[B]] {activation = #tfc.activation<Relu6>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 1, 1>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x2xf32>, tensor<6xf32>) -> tensor<1x8x8x6xf32>
// CHECK-NEXT: return %[[F]]
func.func @depthwise_add_bias_relu6(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x2xf32>) -> tensor<1x8x8x6xf32> {
  %b = tfc.const dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]> : tensor<6xf32>
  %0 = tfc.depthwise_conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x3xf32>, tensor<3x3x3x2xf32> -> tensor<1x8x8x6xf32>
  %1 = tfc.add %b, %0 : tensor<6xf32>, tensor<1x8x8x6xf32> -> tensor<1x8x8x6xf32>
  %2 = tfc.relu6 %1 : tensor<1x8x8x6xf32>
  return %2 : tensor<1x8x8x6xf32>
}

// -----

// MatMul keeps its transposes; a BiasAdd's bias need not be a constant.
// CHECK-LABEL: func.func @matmul_activations
// CHECK-SAME: (%[[A:[a-z0-9]+]]: tensor<2x3xf32>, %[[W:[a-z0-9]+]]: tensor<4x3xf32>, %[[B:[a-z0-9]+]]: tensor<4xf32>)
// CHECK: %[[S:.*]] = tfc.fused_matmul %[[A]], %[[W]], %[[B]] {activation = #tfc.activation<Sigmoid>, transpose_b = true} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<2x4xf32>
// CHECK: %[[T:.*]] = tfc.fused_matmul %[[A]], %[[W]], %[[B]] {activation = #tfc.activation<Tanh>, transpose_b = true}
// CHECK: %[[E:.*]] = tfc.fused_matmul %[[A]], %[[W]], %[[B]] {activation = #tfc.activation<Elu>, transpose_b = true}
// CHECK: %[[L:.*]] = tfc.fused_matmul %[[A]], %[[W]], %[[B]] {activation = #tfc.activation<LeakyRelu>, alpha = 1.000000e-01 : f64, transpose_b = true}
// CHECK: %[[N:.*]] = tfc.fused_matmul %[[A]], %[[W]], %[[B]] {transpose_b = true}
// CHECK-NEXT: return %[[S]], %[[T]], %[[E]], %[[L]], %[[N]]
func.func @matmul_activations(%a: tensor<2x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>) {
  %0 = tfc.matmul %a, %w {transpose_b = true} : tensor<2x3xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
  %1 = tfc.bias_add %0, %b : tensor<2x4xf32>, tensor<4xf32> -> tensor<2x4xf32>
  %2 = tfc.sigmoid %1 : tensor<2x4xf32>
  %3 = tfc.matmul %a, %w {transpose_b = true} : tensor<2x3xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
  %4 = tfc.bias_add %3, %b : tensor<2x4xf32>, tensor<4xf32> -> tensor<2x4xf32>
  %5 = tfc.tanh %4 : tensor<2x4xf32>
  %6 = tfc.matmul %a, %w {transpose_b = true} : tensor<2x3xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
  %7 = tfc.bias_add %6, %b : tensor<2x4xf32>, tensor<4xf32> -> tensor<2x4xf32>
  %8 = tfc.elu %7 : tensor<2x4xf32>
  %9 = tfc.matmul %a, %w {transpose_b = true} : tensor<2x3xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
  %10 = tfc.bias_add %9, %b : tensor<2x4xf32>, tensor<4xf32> -> tensor<2x4xf32>
  %11 = tfc.leaky_relu %10 {alpha = 0.1 : f64} : tensor<2x4xf32>
  %12 = tfc.matmul %a, %w {transpose_b = true} : tensor<2x3xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
  %13 = tfc.bias_add %12, %b : tensor<2x4xf32>, tensor<4xf32> -> tensor<2x4xf32>
  return %2, %5, %8, %11, %13 : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Where fusion stops or does not fire
//===----------------------------------------------------------------------===//

// The contraction's result is also fetched: nothing is fused.
// CHECK-LABEL: func.func @conv_result_fetched
// CHECK: tfc.conv2d
// CHECK-NEXT: tfc.bias_add
// CHECK-NEXT: tfc.relu
// CHECK-NOT: tfc.fused
func.func @conv_result_fetched(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>) -> (tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>) {
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x8x8x4xf32>
  %1 = tfc.bias_add %0, %b : tensor<1x8x8x4xf32>, tensor<4xf32> -> tensor<1x8x8x4xf32>
  %2 = tfc.relu %1 : tensor<1x8x8x4xf32>
  return %0, %2 : tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>
}

// -----

// The contraction's result has a second user inside the graph.
// CHECK-LABEL: func.func @conv_result_used_twice
// CHECK: tfc.conv2d
// CHECK-NEXT: tfc.bias_add
// CHECK-NEXT: tfc.mul
// CHECK-NOT: tfc.fused
func.func @conv_result_used_twice(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>) -> (tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>) {
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x8x8x4xf32>
  %1 = tfc.bias_add %0, %b : tensor<1x8x8x4xf32>, tensor<4xf32> -> tensor<1x8x8x4xf32>
  %2 = tfc.mul %0, %0 : tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32> -> tensor<1x8x8x4xf32>
  return %1, %2 : tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>
}

// -----

// The biased value is also fetched: the chain ends there, and the activation
// stays a separate op reading the fused result.
// CHECK-LABEL: func.func @bias_result_fetched
// CHECK: %[[F:.*]] = tfc.fused_conv2d
// CHECK-NOT: activation
// CHECK-NEXT: %[[R:.*]] = tfc.relu %[[F]]
// CHECK-NEXT: return %[[F]], %[[R]]
func.func @bias_result_fetched(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>) -> (tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>) {
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x8x8x4xf32>
  %1 = tfc.bias_add %0, %b : tensor<1x8x8x4xf32>, tensor<4xf32> -> tensor<1x8x8x4xf32>
  %2 = tfc.relu %1 : tensor<1x8x8x4xf32>
  return %1, %2 : tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>
}

// -----

// The residual sum has another user: bias and residual fuse, the activation
// does not.
// CHECK-LABEL: func.func @residual_result_fetched
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<1x8x8x4xf32>
// CHECK: %[[F:.*]] = tfc.fused_conv2d %[[X]], %{{.*}}, %{{.*}}, %[[X]] {dilations
// CHECK-NEXT: %[[R:.*]] = tfc.tanh %[[F]]
// CHECK-NEXT: return %[[F]], %[[R]]
func.func @residual_result_fetched(%x: tensor<1x8x8x4xf32>, %w: tensor<1x1x4x4xf32>, %b: tensor<4xf32>) -> (tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>) {
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>} : tensor<1x8x8x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x8x8x4xf32>
  %1 = tfc.bias_add %0, %b : tensor<1x8x8x4xf32>, tensor<4xf32> -> tensor<1x8x8x4xf32>
  %2 = tfc.add %1, %x : tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32> -> tensor<1x8x8x4xf32>
  %3 = tfc.tanh %2 : tensor<1x8x8x4xf32>
  return %2, %3 : tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>
}

// -----

// NCHW BiasAdd adds along axis 1, not along the contraction's channels.
// CHECK-LABEL: func.func @bias_add_nchw
// CHECK: tfc.conv2d
// CHECK-NEXT: tfc.bias_add {{.*}} {data_format = #tfc.data_format<NCHW>}
// CHECK-NOT: tfc.fused
func.func @bias_add_nchw(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<8xf32>) -> tensor<1x8x8x4xf32> {
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x8x8x4xf32>
  %1 = tfc.bias_add %0, %b {data_format = #tfc.data_format<NCHW>} : tensor<1x8x8x4xf32>, tensor<8xf32> -> tensor<1x8x8x4xf32>
  return %1 : tensor<1x8x8x4xf32>
}

// -----

// An Add of a non-constant vector is not taken as a bias.
// CHECK-LABEL: func.func @add_non_constant_vector
// CHECK: tfc.matmul
// CHECK-NEXT: tfc.add
// CHECK-NEXT: tfc.relu
// CHECK-NOT: tfc.fused
func.func @add_non_constant_vector(%a: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = tfc.matmul %a, %w : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %1 = tfc.add %0, %b : tensor<2x4xf32>, tensor<4xf32> -> tensor<2x4xf32>
  %2 = tfc.relu %1 : tensor<2x4xf32>
  return %2 : tensor<2x4xf32>
}

// -----

// Constants that are not a 1-D per-channel vector are no bias: [1, 1, 1, 4]
// and a scalar stay Adds; a full [2, 4] matrix is a residual (with a zero
// bias).
// CHECK-LABEL: func.func @add_not_a_channel_vector
// CHECK-DAG: %[[ZERO:.*]] = tfc.const dense<0.000000e+00> : tensor<4xf32>
// CHECK-DAG: %[[C2D:.*]] = tfc.const dense<1.000000e+00> : tensor<2x4xf32>
// CHECK: tfc.conv2d
// CHECK-NEXT: tfc.add
// CHECK-NEXT: tfc.fused_matmul %{{.*}}, %{{.*}}, %[[ZERO]], %[[C2D]] :
// CHECK-NEXT: tfc.matmul
// CHECK-NEXT: tfc.add
// CHECK-NEXT: return
func.func @add_not_a_channel_vector(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %a: tensor<2x3xf32>, %v: tensor<3x4xf32>) -> (tensor<1x8x8x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>) {
  %c4d = tfc.const dense<1.0> : tensor<1x1x1x4xf32>
  %c2d = tfc.const dense<1.0> : tensor<2x4xf32>
  %c0d = tfc.const dense<1.0> : tensor<f32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x8x8x4xf32>
  %1 = tfc.add %0, %c4d : tensor<1x8x8x4xf32>, tensor<1x1x1x4xf32> -> tensor<1x8x8x4xf32>
  %2 = tfc.matmul %a, %v : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %3 = tfc.add %2, %c2d : tensor<2x4xf32>, tensor<2x4xf32> -> tensor<2x4xf32>
  %4 = tfc.matmul %a, %v : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %5 = tfc.add %4, %c0d : tensor<2x4xf32>, tensor<f32> -> tensor<2x4xf32>
  return %1, %3, %5 : tensor<1x8x8x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>
}

// -----

// A bias of unknown size, and a contraction of unknown shape.
// CHECK-LABEL: func.func @dynamic_shapes
// CHECK-NOT: tfc.fused
// CHECK: return
func.func @dynamic_shapes(%x: tensor<?x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %y: tensor<1x8x8x3xf32>, %b: tensor<?xf32>, %c: tensor<4xf32>) -> (tensor<?x8x8x4xf32>, tensor<1x8x8x4xf32>) {
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<?x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<?x8x8x4xf32>
  %1 = tfc.bias_add %0, %c : tensor<?x8x8x4xf32>, tensor<4xf32> -> tensor<?x8x8x4xf32>
  %2 = tfc.conv2d %y, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x8x8x4xf32>
  %3 = tfc.bias_add %2, %b : tensor<1x8x8x4xf32>, tensor<?xf32> -> tensor<1x8x8x4xf32>
  return %1, %3 : tensor<?x8x8x4xf32>, tensor<1x8x8x4xf32>
}

// -----

// A broadcasting Add is not a residual (nor is the biased value added to
// itself): the chain ends at the bias.
// CHECK-LABEL: func.func @not_a_residual
// CHECK: %[[F:.*]] = tfc.fused_conv2d
// CHECK-NEXT: tfc.add %[[F]], %{{.*}} : tensor<1x8x8x4xf32>, tensor<1x1x1x4xf32>
// CHECK: %[[G:.*]] = tfc.fused_conv2d
// CHECK-NEXT: tfc.add %[[G]], %[[G]]
func.func @not_a_residual(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>, %r: tensor<1x1x1x4xf32>) -> (tensor<1x8x8x4xf32>, tensor<1x6x6x4xf32>) {
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x8x8x4xf32>
  %1 = tfc.bias_add %0, %b : tensor<1x8x8x4xf32>, tensor<4xf32> -> tensor<1x8x8x4xf32>
  %2 = tfc.add %1, %r : tensor<1x8x8x4xf32>, tensor<1x1x1x4xf32> -> tensor<1x8x8x4xf32>
  %3 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>} : tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32> -> tensor<1x6x6x4xf32>
  %4 = tfc.bias_add %3, %b : tensor<1x6x6x4xf32>, tensor<4xf32> -> tensor<1x6x6x4xf32>
  %5 = tfc.add %4, %4 : tensor<1x6x6x4xf32>, tensor<1x6x6x4xf32> -> tensor<1x6x6x4xf32>
  %6 = tfc.relu %5 : tensor<1x6x6x4xf32>
  return %2, %6 : tensor<1x8x8x4xf32>, tensor<1x6x6x4xf32>
}

// -----

// A contraction whose only user is the return (a fetched MatMul) is left
// alone; the return has no result to compare with (found by
// tfc-fuzz-graphdef-text: a heap overflow under ASan).
// CHECK-LABEL: func.func @contraction_returned
// CHECK: %[[M:.*]] = tfc.matmul
// CHECK-NEXT: return %[[M]]
func.func @contraction_returned(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = tfc.matmul %x, %w : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// Without a bias, an activation or a residual Add still fuses: the fused op
// adds a zero bias (MobileNet's 1x1 layers without BatchNorm, a Dense layer
// with use_bias=False).
// CHECK-LABEL: func.func @no_bias
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<1x8x8x4xf32>, %[[W:[a-z0-9]+]]: tensor<1x1x4x4xf32>, %[[A:[a-z0-9]+]]: tensor<2x3xf32>, %[[V:[a-z0-9]+]]: tensor<3x4xf32>)
// (The rewrite driver folds the three zero biases into one constant.)
// CHECK: %[[Z:.*]] = tfc.const dense<0.000000e+00> : tensor<4xf32>
// CHECK-NEXT: %[[C:.*]] = tfc.fused_conv2d %[[X]], %[[W]], %[[Z]] {activation = #tfc.activation<Relu6>
// CHECK-NEXT: %[[D:.*]] = tfc.fused_depthwise_conv2d %[[X]], %{{.*}}, %[[Z]], %[[X]] {activation = #tfc.activation<Relu>
// CHECK-NEXT: %[[M:.*]] = tfc.fused_matmul %[[A]], %[[V]], %[[Z]] {activation = #tfc.activation<Sigmoid>}
// CHECK: return %[[C]], %[[D]], %[[M]]
func.func @no_bias(%x: tensor<1x8x8x4xf32>, %w: tensor<1x1x4x4xf32>, %a: tensor<2x3xf32>, %v: tensor<3x4xf32>) -> (tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>, tensor<2x4xf32>) {
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>} : tensor<1x8x8x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x8x8x4xf32>
  %1 = tfc.relu6 %0 : tensor<1x8x8x4xf32>
  %d = tfc.const dense<0.25> : tensor<3x3x4x1xf32>
  %2 = tfc.depthwise_conv2d %x, %d {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x4xf32>, tensor<3x3x4x1xf32> -> tensor<1x8x8x4xf32>
  %3 = tfc.add %2, %x : tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32> -> tensor<1x8x8x4xf32>
  %4 = tfc.relu %3 : tensor<1x8x8x4xf32>
  %5 = tfc.matmul %a, %v : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %6 = tfc.sigmoid %5 : tensor<2x4xf32>
  return %1, %4, %6 : tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>, tensor<2x4xf32>
}
