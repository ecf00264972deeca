// RUN: tfc-opt %s -split-input-file -tfc-fold-batch-norm | FileCheck %s

// Batch norm folds into the weights of the contraction before it. The
// weights are small and the vectors chosen so that every folded value is
// exact: variance + epsilon is 1 or 4 and k = scale / sqrt(variance +
// epsilon) is 2, 0.5, 4 or 1.

// conv2d, filter [h, w, in, out] = [[1, 2], [3, 4]] (rows: input channel),
// k = [2, 0.5] along the output channel: [[2, 1], [6, 2]].
// Bias = offset - mean * k = [0.5 - 2, -1 - 1].
// CHECK-LABEL: func.func @conv2d
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<1x1x1x2xf32>)
// CHECK-DAG: %[[B:.*]] = tfc.const dense<[-1.500000e+00, -2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[W:.*]] = tfc.const dense<{{\[\[\[\[}}2.000000e+00, 1.000000e+00], [6.000000e+00, 2.000000e+00]]]]> : tensor<1x1x2x2xf32>
// CHECK: %[[C:.*]] = tfc.conv2d %[[X]], %[[W]] {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>}
// CHECK-NEXT: %[[Y:.*]] = tfc.bias_add %[[C]], %[[B]] : tensor<1x1x1x2xf32>, tensor<2xf32> -> tensor<1x1x1x2xf32>
// CHECK-NEXT: return %[[Y]]
// CHECK-NOT: tfc.batch_norm
func.func @conv2d(%x: tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32> {
  %w = tfc.const dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %scale = tfc.const dense<[2.0, 1.0]> : tensor<2xf32>
  %offset = tfc.const dense<[0.5, -1.0]> : tensor<2xf32>
  %mean = tfc.const dense<[1.0, 2.0]> : tensor<2xf32>
  %var = tfc.const dense<[0.75, 3.75]> : tensor<2xf32>
  %c = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<1x1x1x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x1x2xf32>
  %y = tfc.batch_norm %c, %scale, %offset, %mean, %var {epsilon = 0.25 : f64} : (tensor<1x1x1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x1x1x2xf32>
  return %y : tensor<1x1x1x2xf32>
}

// -----

// With a bias_add in between: bias = (b - mean) * k + offset
// = [(3 - 1) * 2 + 0.5, (4 - 2) * 0.5 - 1].
// CHECK-LABEL: func.func @conv2d_bias
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<1x1x1x2xf32>)
// CHECK-DAG: %[[B:.*]] = tfc.const dense<[4.500000e+00, 0.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[W:.*]] = tfc.const dense<{{\[\[\[\[}}2.000000e+00, 1.000000e+00], [6.000000e+00, 2.000000e+00]]]]> : tensor<1x1x2x2xf32>
// CHECK: %[[C:.*]] = tfc.conv2d %[[X]], %[[W]]
// CHECK-NEXT: %[[Y:.*]] = tfc.bias_add %[[C]], %[[B]]
// CHECK-NEXT: return %[[Y]]
func.func @conv2d_bias(%x: tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32> {
  %w = tfc.const dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %b = tfc.const dense<[3.0, 4.0]> : tensor<2xf32>
  %scale = tfc.const dense<[2.0, 1.0]> : tensor<2xf32>
  %offset = tfc.const dense<[0.5, -1.0]> : tensor<2xf32>
  %mean = tfc.const dense<[1.0, 2.0]> : tensor<2xf32>
  %var = tfc.const dense<[0.75, 3.75]> : tensor<2xf32>
  %c = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<1x1x1x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x1x2xf32>
  %cb = tfc.bias_add %c, %b : tensor<1x1x1x2xf32>, tensor<2xf32> -> tensor<1x1x1x2xf32>
  %y = tfc.batch_norm %cb, %scale, %offset, %mean, %var {epsilon = 0.25 : f64} : (tensor<1x1x1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x1x1x2xf32>
  return %y : tensor<1x1x1x2xf32>
}

// -----

// depthwise_conv2d with channel multiplier 2: filter [h, w, c, m] =
// [[1, 2], [3, 4]] feeds output channels c * 2 + m = 0, 1, 2, 3, so
// k = [2, 0.5, 4, 1] gives [[2, 1], [12, 4]].
// Bias = offset - mean * k = [0 - 2, 0 - 1, 1 - 0, 1 + 1].
// CHECK-LABEL: func.func @depthwise
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<1x1x1x2xf32>)
// CHECK-DAG: %[[B:.*]] = tfc.const dense<[-2.000000e+00, -1.000000e+00, 1.000000e+00, 2.000000e+00]> : tensor<4xf32>
// CHECK-DAG: %[[W:.*]] = tfc.const dense<{{\[\[\[\[}}2.000000e+00, 1.000000e+00], [1.200000e+01, 4.000000e+00]]]]> : tensor<1x1x2x2xf32>
// CHECK: %[[C:.*]] = tfc.depthwise_conv2d %[[X]], %[[W]]
// CHECK-NEXT: %[[Y:.*]] = tfc.bias_add %[[C]], %[[B]] : tensor<1x1x1x4xf32>, tensor<4xf32> -> tensor<1x1x1x4xf32>
// CHECK-NEXT: return %[[Y]]
func.func @depthwise(%x: tensor<1x1x1x2xf32>) -> tensor<1x1x1x4xf32> {
  %w = tfc.const dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %scale = tfc.const dense<[2.0, 1.0, 4.0, 1.0]> : tensor<4xf32>
  %offset = tfc.const dense<[0.0, 0.0, 1.0, 1.0]> : tensor<4xf32>
  %mean = tfc.const dense<[1.0, 2.0, 0.0, -1.0]> : tensor<4xf32>
  %var = tfc.const dense<[0.75, 3.75, 0.75, 0.75]> : tensor<4xf32>
  %c = tfc.depthwise_conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<1x1x1x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x1x4xf32>
  %y = tfc.batch_norm %c, %scale, %offset, %mean, %var {epsilon = 0.25 : f64} : (tensor<1x1x1x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x1x1x4xf32>
  return %y : tensor<1x1x1x4xf32>
}

// -----

// depthwise_conv2d with a bias_add: (b - mean) * k + offset
// = [(1 - 1) * 2, (1 - 2) * 0.5, (1 - 0) * 4 + 1, (1 + 1) * 1 + 1].
// CHECK-LABEL: func.func @depthwise_bias
// CHECK-DAG: %[[B:.*]] = tfc.const dense<[0.000000e+00, -5.000000e-01, 5.000000e+00, 3.000000e+00]> : tensor<4xf32>
// CHECK-DAG: %[[W:.*]] = tfc.const dense<{{\[\[\[\[}}2.000000e+00, 1.000000e+00], [1.200000e+01, 4.000000e+00]]]]> : tensor<1x1x2x2xf32>
// CHECK: %[[C:.*]] = tfc.depthwise_conv2d %{{.*}}, %[[W]]
// CHECK-NEXT: %[[Y:.*]] = tfc.bias_add %[[C]], %[[B]]
// CHECK-NEXT: return %[[Y]]
func.func @depthwise_bias(%x: tensor<1x1x1x2xf32>) -> tensor<1x1x1x4xf32> {
  %w = tfc.const dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %b = tfc.const dense<1.0> : tensor<4xf32>
  %scale = tfc.const dense<[2.0, 1.0, 4.0, 1.0]> : tensor<4xf32>
  %offset = tfc.const dense<[0.0, 0.0, 1.0, 1.0]> : tensor<4xf32>
  %mean = tfc.const dense<[1.0, 2.0, 0.0, -1.0]> : tensor<4xf32>
  %var = tfc.const dense<[0.75, 3.75, 0.75, 0.75]> : tensor<4xf32>
  %c = tfc.depthwise_conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<1x1x1x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x1x4xf32>
  %cb = tfc.bias_add %c, %b : tensor<1x1x1x4xf32>, tensor<4xf32> -> tensor<1x1x1x4xf32>
  %y = tfc.batch_norm %cb, %scale, %offset, %mean, %var {epsilon = 0.25 : f64} : (tensor<1x1x1x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x1x1x4xf32>
  return %y : tensor<1x1x1x4xf32>
}

// -----

// matmul, b [K, N] = [[1, 2, 3], [4, 5, 6]], k = [2, 0.5, 1] along axis 1.
// Bias = offset - mean * k = [0 - 2, 0 - 1, 1 - 0].
// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<4x2xf32>)
// CHECK-DAG: %[[B:.*]] = tfc.const dense<[-2.000000e+00, -1.000000e+00, 1.000000e+00]> : tensor<3xf32>
// CHECK-DAG: %[[W:.*]] = tfc.const dense<{{\[\[}}2.000000e+00, 1.000000e+00, 3.000000e+00], [8.000000e+00, 2.500000e+00, 6.000000e+00]]> : tensor<2x3xf32>
// CHECK: %[[C:.*]] = tfc.matmul %[[X]], %[[W]] : tensor<4x2xf32>, tensor<2x3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: %[[Y:.*]] = tfc.bias_add %[[C]], %[[B]] : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
// CHECK-NEXT: return %[[Y]]
func.func @matmul(%x: tensor<4x2xf32>) -> tensor<4x3xf32> {
  %w = tfc.const dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %scale = tfc.const dense<[2.0, 1.0, 1.0]> : tensor<3xf32>
  %offset = tfc.const dense<[0.0, 0.0, 1.0]> : tensor<3xf32>
  %mean = tfc.const dense<[1.0, 2.0, 0.0]> : tensor<3xf32>
  %var = tfc.const dense<[0.75, 3.75, 0.75]> : tensor<3xf32>
  %c = tfc.matmul %x, %w : tensor<4x2xf32>, tensor<2x3xf32> -> tensor<4x3xf32>
  %y = tfc.batch_norm %c, %scale, %offset, %mean, %var {epsilon = 0.25 : f64} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

// matmul with transpose_b: b is [N, K], so k scales rows. In f64, with a
// bias_add: (b - mean) * k + offset = [(1 - 1) * 2, (1 - 2) * 0.5 + 0,
// (1 - 0) * 1 + 1].
// CHECK-LABEL: func.func @matmul_transpose_b_bias_f64
// CHECK-DAG: %[[B:.*]] = tfc.const dense<[0.000000e+00, -5.000000e-01, 2.000000e+00]> : tensor<3xf64>
// CHECK-DAG: %[[W:.*]] = tfc.const dense<{{\[\[}}2.000000e+00, 8.000000e+00], [1.000000e+00, 2.500000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf64>
// CHECK: %[[C:.*]] = tfc.matmul %{{.*}}, %[[W]] {transpose_b = true}
// CHECK-NEXT: %[[Y:.*]] = tfc.bias_add %[[C]], %[[B]]
// CHECK-NEXT: return %[[Y]]
func.func @matmul_transpose_b_bias_f64(%x: tensor<4x2xf64>) -> tensor<4x3xf64> {
  %w = tfc.const dense<[[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]> : tensor<3x2xf64>
  %b = tfc.const dense<1.0> : tensor<3xf64>
  %scale = tfc.const dense<[2.0, 1.0, 1.0]> : tensor<3xf64>
  %offset = tfc.const dense<[0.0, 0.0, 1.0]> : tensor<3xf64>
  %mean = tfc.const dense<[1.0, 2.0, 0.0]> : tensor<3xf64>
  %var = tfc.const dense<[0.75, 3.75, 0.75]> : tensor<3xf64>
  %c = tfc.matmul %x, %w {transpose_b = true} : tensor<4x2xf64>, tensor<3x2xf64> -> tensor<4x3xf64>
  %cb = tfc.bias_add %c, %b : tensor<4x3xf64>, tensor<3xf64> -> tensor<4x3xf64>
  %y = tfc.batch_norm %cb, %scale, %offset, %mean, %var {epsilon = 0.25 : f64} : (tensor<4x3xf64>, tensor<3xf64>, tensor<3xf64>, tensor<3xf64>, tensor<3xf64>) -> tensor<4x3xf64>
  return %y : tensor<4x3xf64>
}

// -----

// Unfused: Mul by a [1, 1, 1, N] constant scales the filter; the Add of a
// per-channel constant that follows becomes the bias.
// CHECK-LABEL: func.func @mul_add
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<1x1x1x2xf32>)
// CHECK-DAG: %[[B:.*]] = tfc.const dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[W:.*]] = tfc.const dense<{{\[\[\[\[}}2.000000e+00, 1.000000e+00], [6.000000e+00, 2.000000e+00]]]]> : tensor<1x1x2x2xf32>
// CHECK: %[[C:.*]] = tfc.conv2d %[[X]], %[[W]]
// CHECK-NEXT: %[[Y:.*]] = tfc.bias_add %[[C]], %[[B]]
// CHECK-NEXT: return %[[Y]]
func.func @mul_add(%x: tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32> {
  %w = tfc.const dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %s = tfc.const dense<[[[[2.0, 0.5]]]]> : tensor<1x1x1x2xf32>
  %t = tfc.const dense<[1.0, 2.0]> : tensor<2xf32>
  %c = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<1x1x1x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x1x2xf32>
  %m = tfc.mul %c, %s : tensor<1x1x1x2xf32>, tensor<1x1x1x2xf32> -> tensor<1x1x1x2xf32>
  %y = tfc.add %m, %t : tensor<1x1x1x2xf32>, tensor<2xf32> -> tensor<1x1x1x2xf32>
  return %y : tensor<1x1x1x2xf32>
}

// -----

// Mul of a bias_add (constant first) scales the bias too: [3 * 2, 4 * 0.5];
// the Add that follows joins it: [6 + 1, 2 + 2].
// CHECK-LABEL: func.func @bias_mul_add
// CHECK-DAG: %[[B:.*]] = tfc.const dense<[7.000000e+00, 4.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[W:.*]] = tfc.const dense<{{\[\[\[\[}}2.000000e+00, 1.000000e+00], [6.000000e+00, 2.000000e+00]]]]> : tensor<1x1x2x2xf32>
// CHECK: %[[C:.*]] = tfc.conv2d %{{.*}}, %[[W]]
// CHECK-NEXT: %[[Y:.*]] = tfc.bias_add %[[C]], %[[B]]
// CHECK-NEXT: return %[[Y]]
func.func @bias_mul_add(%x: tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32> {
  %w = tfc.const dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %b = tfc.const dense<[3.0, 4.0]> : tensor<2xf32>
  %s = tfc.const dense<[2.0, 0.5]> : tensor<2xf32>
  %t = tfc.const dense<[1.0, 2.0]> : tensor<2xf32>
  %c = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<1x1x1x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x1x2xf32>
  %cb = tfc.bias_add %c, %b : tensor<1x1x1x2xf32>, tensor<2xf32> -> tensor<1x1x1x2xf32>
  %m = tfc.mul %s, %cb : tensor<2xf32>, tensor<1x1x1x2xf32> -> tensor<1x1x1x2xf32>
  %y = tfc.add %t, %m : tensor<2xf32>, tensor<1x1x1x2xf32> -> tensor<1x1x1x2xf32>
  return %y : tensor<1x1x1x2xf32>
}

// -----

// A splat scalar scales every channel alike; Sub of a per-channel constant
// becomes a negated bias.
// CHECK-LABEL: func.func @depthwise_splat_mul_sub
// CHECK-DAG: %[[B:.*]] = tfc.const dense<[-1.000000e+00, -2.000000e+00, -3.000000e+00, -4.000000e+00]> : tensor<4xf32>
// CHECK-DAG: %[[W:.*]] = tfc.const dense<{{\[\[\[\[}}2.000000e+00, 4.000000e+00], [6.000000e+00, 8.000000e+00]]]]> : tensor<1x1x2x2xf32>
// CHECK: %[[C:.*]] = tfc.depthwise_conv2d %{{.*}}, %[[W]]
// CHECK-NEXT: %[[Y:.*]] = tfc.bias_add %[[C]], %[[B]]
// CHECK-NEXT: return %[[Y]]
func.func @depthwise_splat_mul_sub(%x: tensor<1x1x1x2xf32>) -> tensor<1x1x1x4xf32> {
  %w = tfc.const dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %s = tfc.const dense<2.0> : tensor<f32>
  %t = tfc.const dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %c = tfc.depthwise_conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<1x1x1x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x1x4xf32>
  %m = tfc.mul %c, %s : tensor<1x1x1x4xf32>, tensor<f32> -> tensor<1x1x1x4xf32>
  %y = tfc.sub %m, %t : tensor<1x1x1x4xf32>, tensor<4xf32> -> tensor<1x1x1x4xf32>
  return %y : tensor<1x1x1x4xf32>
}

// -----

// matmul: Mul by a [1, N] constant scales the weights; a bias_add follows,
// and a Sub of a per-channel constant joins its bias: [6 - 1, 6 - 2, 3 - 3].
// CHECK-LABEL: func.func @matmul_mul_bias_sub
// CHECK-DAG: %[[B:.*]] = tfc.const dense<[5.000000e+00, 4.000000e+00, 0.000000e+00]> : tensor<3xf32>
// CHECK-DAG: %[[W:.*]] = tfc.const dense<{{\[\[}}2.000000e+00, 1.000000e+00, 3.000000e+00], [8.000000e+00, 2.500000e+00, 6.000000e+00]]> : tensor<2x3xf32>
// CHECK: %[[C:.*]] = tfc.matmul %{{.*}}, %[[W]]
// CHECK-NEXT: %[[Y:.*]] = tfc.bias_add %[[C]], %[[B]]
// CHECK-NEXT: return %[[Y]]
func.func @matmul_mul_bias_sub(%x: tensor<4x2xf32>) -> tensor<4x3xf32> {
  %w = tfc.const dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %s = tfc.const dense<[[2.0, 0.5, 1.0]]> : tensor<1x3xf32>
  %b = tfc.const dense<[6.0, 6.0, 3.0]> : tensor<3xf32>
  %t = tfc.const dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %c = tfc.matmul %x, %w : tensor<4x2xf32>, tensor<2x3xf32> -> tensor<4x3xf32>
  %m = tfc.mul %c, %s : tensor<4x3xf32>, tensor<1x3xf32> -> tensor<4x3xf32>
  %cb = tfc.bias_add %m, %b : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
  %y = tfc.sub %cb, %t : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

// The unfused chain of tf.nn.batch_normalization as MobileNet and Keras
// graphs hold it: k = rsqrt(variance + epsilon) * gamma, x * k +
// (beta - mean * k). The vector arithmetic folds to constants (op folders)
// and the rest into the filter: k = [2, 0.5], bias = [0.5 - 2, -1 - 1].
// CHECK-LABEL: func.func @unfused_chain
// CHECK-DAG: %[[B:.*]] = tfc.const dense<[-1.500000e+00, -2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[W:.*]] = tfc.const dense<{{\[\[\[\[}}2.000000e+00, 1.000000e+00], [6.000000e+00, 2.000000e+00]]]]> : tensor<1x1x2x2xf32>
// CHECK: %[[C:.*]] = tfc.conv2d %{{.*}}, %[[W]]
// CHECK-NEXT: %[[Y:.*]] = tfc.bias_add %[[C]], %[[B]]
// CHECK-NEXT: return %[[Y]]
func.func @unfused_chain(%x: tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32> {
  %w = tfc.const dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %gamma = tfc.const dense<[2.0, 1.0]> : tensor<2xf32>
  %beta = tfc.const dense<[0.5, -1.0]> : tensor<2xf32>
  %mean = tfc.const dense<[1.0, 2.0]> : tensor<2xf32>
  %var = tfc.const dense<[0.75, 3.75]> : tensor<2xf32>
  %eps = tfc.const dense<0.25> : tensor<f32>
  %c = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<1x1x1x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x1x2xf32>
  %ve = tfc.add %var, %eps : tensor<2xf32>, tensor<f32> -> tensor<2xf32>
  %r = tfc.rsqrt %ve : tensor<2xf32>
  %k = tfc.mul %r, %gamma : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  %xk = tfc.mul %c, %k : tensor<1x1x1x2xf32>, tensor<2xf32> -> tensor<1x1x1x2xf32>
  %mk = tfc.mul %k, %mean : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  %t = tfc.sub %beta, %mk : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  %y = tfc.add %xk, %t : tensor<1x1x1x2xf32>, tensor<2xf32> -> tensor<1x1x1x2xf32>
  return %y : tensor<1x1x1x2xf32>
}

// -----

// The folded weight is computed in double and rounded once:
// 3 / sqrt(1.001) = 2.99850112... rounds to 2.99850106 (0x403FE771).
// Rounding k to f32 first and then multiplying would give 0x403FE772.
// CHECK-LABEL: func.func @rounded_once
// CHECK-DAG: tfc.const dense<2.99850106> : tensor<1x1x1x1xf32>
func.func @rounded_once(%x: tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32> {
  %w = tfc.const dense<3.0> : tensor<1x1x1x1xf32>
  %one = tfc.const dense<1.0> : tensor<1xf32>
  %zero = tfc.const dense<0.0> : tensor<1xf32>
  %c = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32> -> tensor<1x1x1x1xf32>
  %y = tfc.batch_norm %c, %one, %zero, %zero, %one {epsilon = 0.001 : f64} : (tensor<1x1x1x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x1x1xf32>
  return %y : tensor<1x1x1x1xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Negative cases: nothing is folded.
//===----------------------------------------------------------------------===//

// The convolution's result has another user, which needs the unscaled
// values.
// CHECK-LABEL: func.func @contraction_has_other_user
// CHECK: tfc.conv2d
// CHECK: tfc.batch_norm
// CHECK-NOT: tfc.bias_add
func.func @contraction_has_other_user(%x: tensor<1x1x1x2xf32>) -> (tensor<1x1x1x2xf32>, tensor<1x1x1x2xf32>) {
  %w = tfc.const dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %v = tfc.const dense<[2.0, 1.0]> : tensor<2xf32>
  %c = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<1x1x1x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x1x2xf32>
  %y = tfc.batch_norm %c, %v, %v, %v, %v {epsilon = 0.25 : f64} : (tensor<1x1x1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x1x1x2xf32>
  return %y, %c : tensor<1x1x1x2xf32>, tensor<1x1x1x2xf32>
}

// -----

// The bias_add's result has another user.
// CHECK-LABEL: func.func @bias_add_has_other_user
// CHECK: tfc.conv2d
// CHECK: %[[CB:.*]] = tfc.bias_add
// CHECK: tfc.mul %[[CB]]
// CHECK-NOT: tfc.bias_add
func.func @bias_add_has_other_user(%x: tensor<1x1x1x2xf32>) -> (tensor<1x1x1x2xf32>, tensor<1x1x1x2xf32>) {
  %w = tfc.const dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %v = tfc.const dense<[2.0, 1.0]> : tensor<2xf32>
  %c = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<1x1x1x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x1x2xf32>
  %cb = tfc.bias_add %c, %v : tensor<1x1x1x2xf32>, tensor<2xf32> -> tensor<1x1x1x2xf32>
  %y = tfc.mul %cb, %v : tensor<1x1x1x2xf32>, tensor<2xf32> -> tensor<1x1x1x2xf32>
  return %y, %cb : tensor<1x1x1x2xf32>, tensor<1x1x1x2xf32>
}

// -----

// The weights are not constants.
// CHECK-LABEL: func.func @weights_not_constant
// CHECK: tfc.matmul
// CHECK-NEXT: tfc.batch_norm
func.func @weights_not_constant(%x: tensor<4x2xf32>, %w: tensor<2x3xf32>) -> tensor<4x3xf32> {
  %v = tfc.const dense<1.0> : tensor<3xf32>
  %c = tfc.matmul %x, %w : tensor<4x2xf32>, tensor<2x3xf32> -> tensor<4x3xf32>
  %y = tfc.batch_norm %c, %v, %v, %v, %v {epsilon = 0.25 : f64} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

// The constant is the matmul's left operand: a per-channel factor would
// scale columns of the other operand.
// CHECK-LABEL: func.func @constant_lhs
// CHECK: tfc.matmul
// CHECK-NEXT: tfc.mul
func.func @constant_lhs(%b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %a = tfc.const dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %s = tfc.const dense<[2.0, 1.0, 0.5]> : tensor<3xf32>
  %c = tfc.matmul %a, %b : tensor<2x2xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  %y = tfc.mul %c, %s : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// The batch norm's mean is not a constant.
// CHECK-LABEL: func.func @mean_not_constant
// CHECK: tfc.conv2d
// CHECK-NEXT: tfc.batch_norm
func.func @mean_not_constant(%x: tensor<1x1x1x2xf32>, %mean: tensor<2xf32>) -> tensor<1x1x1x2xf32> {
  %w = tfc.const dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %v = tfc.const dense<[2.0, 1.0]> : tensor<2xf32>
  %c = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<1x1x1x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x1x2xf32>
  %y = tfc.batch_norm %c, %v, %v, %mean, %v {epsilon = 0.25 : f64} : (tensor<1x1x1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x1x1x2xf32>
  return %y : tensor<1x1x1x2xf32>
}

// -----

// The factor varies along the batch axis, not the channel axis.
// CHECK-LABEL: func.func @factor_not_per_channel
// CHECK: tfc.conv2d
// CHECK-NEXT: tfc.mul
func.func @factor_not_per_channel(%x: tensor<2x1x1x2xf32>) -> tensor<2x1x1x2xf32> {
  %w = tfc.const dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %s = tfc.const dense<[[[[2.0]]], [[[3.0]]]]> : tensor<2x1x1x1xf32>
  %c = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<2x1x1x2xf32>, tensor<1x1x2x2xf32> -> tensor<2x1x1x2xf32>
  %y = tfc.mul %c, %s : tensor<2x1x1x2xf32>, tensor<2x1x1x1xf32> -> tensor<2x1x1x2xf32>
  return %y : tensor<2x1x1x2xf32>
}

// -----

// The offset would broadcast the result to a larger shape.
// CHECK-LABEL: func.func @offset_broadcasts_result
// CHECK: tfc.matmul
// CHECK-NEXT: tfc.add
func.func @offset_broadcasts_result(%x: tensor<1x2xf32>) -> tensor<3x2xf32> {
  %w = tfc.const dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %t = tfc.const dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %c = tfc.matmul %x, %w : tensor<1x2xf32>, tensor<2x2xf32> -> tensor<1x2xf32>
  %y = tfc.add %c, %t : tensor<1x2xf32>, tensor<3x2xf32> -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

// -----

// The offset is not a constant.
// CHECK-LABEL: func.func @offset_not_constant
// CHECK: tfc.matmul
// CHECK-NEXT: tfc.add
func.func @offset_not_constant(%x: tensor<1x2xf32>, %t: tensor<2xf32>) -> tensor<1x2xf32> {
  %w = tfc.const dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %c = tfc.matmul %x, %w : tensor<1x2xf32>, tensor<2x2xf32> -> tensor<1x2xf32>
  %y = tfc.add %c, %t : tensor<1x2xf32>, tensor<2xf32> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

// Constant minus the contraction would need negated weights; left alone.
// CHECK-LABEL: func.func @constant_minus_contraction
// CHECK: tfc.matmul
// CHECK-NEXT: tfc.sub
func.func @constant_minus_contraction(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = tfc.const dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %t = tfc.const dense<[1.0, 2.0]> : tensor<2xf32>
  %c = tfc.matmul %x, %w : tensor<1x2xf32>, tensor<2x2xf32> -> tensor<1x2xf32>
  %y = tfc.sub %t, %c : tensor<2xf32>, tensor<1x2xf32> -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

// An NCHW bias_add adds along axis 1, not along the filter's output channels.
// CHECK-LABEL: func.func @nchw_bias_add
// CHECK: tfc.conv2d
// CHECK-NEXT: tfc.bias_add {{.*}} {data_format = #tfc.data_format<NCHW>}
// CHECK-NEXT: tfc.batch_norm
func.func @nchw_bias_add(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = tfc.const dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %v = tfc.const dense<[2.0, 1.0]> : tensor<2xf32>
  %c = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<1x2x2x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x2x2x2xf32>
  %cb = tfc.bias_add %c, %v {data_format = #tfc.data_format<NCHW>} : tensor<1x2x2x2xf32>, tensor<2xf32> -> tensor<1x2x2x2xf32>
  %y = tfc.batch_norm %cb, %v, %v, %v, %v {epsilon = 0.25 : f64} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %y : tensor<1x2x2x2xf32>
}

// -----

// Only f32 and f64 are folded.
// CHECK-LABEL: func.func @f16_not_folded
// CHECK: tfc.conv2d
// CHECK-NEXT: tfc.batch_norm
func.func @f16_not_folded(%x: tensor<1x1x1x2xf16>) -> tensor<1x1x1x2xf16> {
  %w = tfc.const dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf16>
  %v = tfc.const dense<[2.0, 1.0]> : tensor<2xf16>
  %c = tfc.conv2d %x, %w {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 1, 1>} : tensor<1x1x1x2xf16>, tensor<1x1x2x2xf16> -> tensor<1x1x1x2xf16>
  %y = tfc.batch_norm %c, %v, %v, %v, %v {epsilon = 0.25 : f64} : (tensor<1x1x1x2xf16>, tensor<2xf16>, tensor<2xf16>, tensor<2xf16>, tensor<2xf16>) -> tensor<1x1x1x2xf16>
  return %y : tensor<1x1x1x2xf16>
}

// -----

// Integer contractions are not folded.
// CHECK-LABEL: func.func @integer_not_folded
// CHECK: tfc.matmul
// CHECK-NEXT: tfc.mul
func.func @integer_not_folded(%x: tensor<1x2xi32>) -> tensor<1x2xi32> {
  %w = tfc.const dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>
  %s = tfc.const dense<[2, 3]> : tensor<2xi32>
  %c = tfc.matmul %x, %w : tensor<1x2xi32>, tensor<2x2xi32> -> tensor<1x2xi32>
  %y = tfc.mul %c, %s : tensor<1x2xi32>, tensor<2xi32> -> tensor<1x2xi32>
  return %y : tensor<1x2xi32>
}

// -----

// The weights constant is also the other operand (MatMul(c, c), as a graph
// whose inputs all became constants gives): only the weights operand is
// scaled; the left operand keeps the original values. (Found by the
// differential tester: the scale was applied to both, i.e. twice.)
// CHECK-LABEL: func.func @matmul_same_constant_twice
// CHECK-DAG: %[[C:.*]] = tfc.const dense<{{\[\[}}1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG: %[[W:.*]] = tfc.const dense<{{\[\[}}5.000000e-01, 1.000000e+00], [1.500000e+00, 2.000000e+00]]> : tensor<2x2xf32>
// CHECK: tfc.matmul %[[C]], %[[W]] : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
func.func @matmul_same_constant_twice() -> tensor<2x2xf32> {
  %c = tfc.const dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %s = tfc.const dense<0.5> : tensor<f32>
  %m = tfc.matmul %c, %c : tensor<2x2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  %y = tfc.mul %m, %s : tensor<2x2xf32>, tensor<f32> -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}
