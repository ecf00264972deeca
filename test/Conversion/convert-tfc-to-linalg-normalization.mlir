// RUN: tfc-opt %s -split-input-file --convert-tfc-to-linalg | FileCheck %s

// Lowering of the normalization ops: LRN, FusedBatchNorm (inference form),
// LogSoftmax.

// LRN with depth_radius 1: the squares are zero-padded by the radius on the
// channel axis, summed over a window of 2r+1 channels, then
// x * (bias + alpha * sum)^-beta; beta 0.75 as 1 / (sqrt(b) * sqrt(sqrt(b))).
// CHECK: #[[SHIFTED:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3 + d4)>
// CHECK-LABEL: func.func @lrn
// CHECK: %[[SQ:.*]] = linalg.generic {{.*}} ins(%arg0 : tensor<1x2x2x5xf32>)
// CHECK: arith.mulf %{{.*}}, %{{.*}} : f32
// CHECK: %[[PADDED:.*]] = tensor.pad %[[SQ]] low[0, 0, 0, 1] high[0, 0, 0, 1]
// CHECK: %[[WINDOW:.*]] = tensor.empty() : tensor<3xf32>
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[SHIFTED]], #{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[PADDED]], %[[WINDOW]] : tensor<1x2x2x7xf32>, tensor<3xf32>)
// CHECK: arith.addf
// CHECK: linalg.generic {{.*}} ins(%arg0, %[[SUM]] : tensor<1x2x2x5xf32>, tensor<1x2x2x5xf32>)
// CHECK: %[[ALPHA:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[SCALED:.*]] = arith.mulf %{{.*}}, %[[ALPHA]] : f32
// CHECK: %[[BIAS:.*]] = arith.constant 2.000000e+00 : f32
// CHECK: %[[BASE:.*]] = arith.addf %[[SCALED]], %[[BIAS]] : f32
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[ROOT:.*]] = math.sqrt %[[BASE]] : f32
// CHECK: %[[ROOT4:.*]] = math.sqrt %[[ROOT]] : f32
// CHECK: %[[DEN:.*]] = arith.mulf %[[ROOT]], %[[ROOT4]] : f32
// CHECK: %[[POW:.*]] = arith.divf %[[ONE]], %[[DEN]] : f32
// CHECK: arith.mulf %{{.*}}, %[[POW]] : f32
// CHECK-NOT: math.powf
func.func @lrn(%x: tensor<1x2x2x5xf32>) -> tensor<1x2x2x5xf32> {
  %0 = tfc.lrn %x {alpha = 0.5 : f64, beta = 0.75 : f64, bias = 2.0 : f64, depth_radius = 1 : i64} : tensor<1x2x2x5xf32>
  return %0 : tensor<1x2x2x5xf32>
}

// -----

// The other betas: 0.5 is 1 / sqrt(b), 1 is 1 / b, anything else powf.
// CHECK-LABEL: func.func @lrn_betas
// CHECK: arith.constant 2.000000e+00 : f32
// CHECK-NEXT: %[[B1:.*]] = arith.addf
// CHECK: %[[R1:.*]] = math.sqrt %[[B1]] : f32
// CHECK-NOT: math.sqrt
// CHECK: arith.divf %{{.*}}, %[[R1]] : f32
// CHECK: arith.constant 2.000000e+00 : f32
// CHECK-NEXT: %[[B2:.*]] = arith.addf
// CHECK-NOT: math.sqrt
// CHECK: arith.divf %{{.*}}, %[[B2]] : f32
// CHECK: arith.constant 2.000000e+00 : f32
// CHECK-NEXT: %[[B3:.*]] = arith.addf
// CHECK: %[[NEG_BETA:.*]] = arith.constant -6.000000e-01 : f32
// CHECK: math.powf %[[B3]], %[[NEG_BETA]] : f32
func.func @lrn_betas(%x: tensor<1x2x2x5xf32>) -> (tensor<1x2x2x5xf32>, tensor<1x2x2x5xf32>, tensor<1x2x2x5xf32>) {
  %0 = tfc.lrn %x {alpha = 0.5 : f64, beta = 0.5 : f64, bias = 2.0 : f64, depth_radius = 1 : i64} : tensor<1x2x2x5xf32>
  %1 = tfc.lrn %x {alpha = 0.5 : f64, beta = 1.0 : f64, bias = 2.0 : f64, depth_radius = 1 : i64} : tensor<1x2x2x5xf32>
  %2 = tfc.lrn %x {alpha = 0.5 : f64, beta = 0.6 : f64, bias = 2.0 : f64, depth_radius = 1 : i64} : tensor<1x2x2x5xf32>
  return %0, %1, %2 : tensor<1x2x2x5xf32>, tensor<1x2x2x5xf32>, tensor<1x2x2x5xf32>
}

// -----

// BatchNorm: (x - mean) * scale / sqrt(variance + epsilon) + offset, the
// four per-channel vectors indexed by the last axis.
// CHECK-LABEL: func.func @batch_norm
// CHECK: linalg.generic {indexing_maps = [#[[ID:.*]], #[[CH:.*]], #[[CH]], #[[CH]], #[[CH]], #[[ID]]], {{.*}} ins(%arg0, %arg1, %arg2, %arg3, %arg4 :
// CHECK: ^bb0(%[[X:.*]]: f32, %[[SCALE:.*]]: f32, %[[OFFSET:.*]]: f32, %[[MEAN:.*]]: f32, %[[VAR:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[EPS:.*]] = arith.constant 1.000000e-03 : f32
// CHECK: %[[VE:.*]] = arith.addf %[[VAR]], %[[EPS]] : f32
// CHECK: %[[SD:.*]] = math.sqrt %[[VE]] : f32
// CHECK: %[[MUL:.*]] = arith.divf %[[SCALE]], %[[SD]] : f32
// CHECK: %[[CENTRED:.*]] = arith.subf %[[X]], %[[MEAN]] : f32
// CHECK: %[[SCALED:.*]] = arith.mulf %[[CENTRED]], %[[MUL]] : f32
// CHECK: %[[OUT:.*]] = arith.addf %[[SCALED]], %[[OFFSET]] : f32
// CHECK: linalg.yield %[[OUT]] : f32
func.func @batch_norm(%x: tensor<1x2x2x3xf32>, %scale: tensor<3xf32>, %offset: tensor<3xf32>, %mean: tensor<3xf32>, %var: tensor<3xf32>) -> tensor<1x2x2x3xf32> {
  %0 = tfc.batch_norm %x, %scale, %offset, %mean, %var {epsilon = 0.001 : f64} : (tensor<1x2x2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x2x2x3xf32>
  return %0 : tensor<1x2x2x3xf32>
}

// -----

// LogSoftmax: x - max - log(sum(exp(x - max))) over the last axis.
// CHECK-LABEL: func.func @log_softmax
// CHECK: %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[NEG_INF]] : f32)
// CHECK: %[[MAX:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%arg0 : tensor<2x3xf32>) outs(%[[INIT]] : tensor<2xf32>)
// CHECK: arith.maximumf
// CHECK: %[[EXP:.*]] = linalg.generic {{.*}} ins(%arg0, %[[MAX]] : tensor<2x3xf32>, tensor<2xf32>)
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[EXP]] : tensor<2x3xf32>)
// CHECK: arith.addf
// CHECK: linalg.generic {{.*}} ins(%arg0, %[[MAX]], %[[SUM]] : tensor<2x3xf32>, tensor<2xf32>, tensor<2xf32>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[M:.*]]: f32, %[[S:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[SHIFTED:.*]] = arith.subf %[[X]], %[[M]] : f32
// CHECK: %[[LOG:.*]] = math.log %[[S]] : f32
// CHECK: arith.subf %[[SHIFTED]], %[[LOG]] : f32
func.func @log_softmax(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tfc.log_softmax %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
