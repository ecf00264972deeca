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

// Conv2DBackpropInput SAME, stride 2, 8 -> 4 (forward pads 0 before, 1
// after): out_backprop's rows land 2 apart from row (3 - 1) - 0 of a zero
// tensor of 8 + 2 rows, and a stride-1 VALID convolution with the filter
// flipped (kh -> 2 - kh) and in/out swapped gives the 8 rows.
// CHECK: #[[FLIP:.*]] = affine_map<(d0, d1, d2, d3) -> (-d0 + 2, -d1 + 2, d3, d2)>
// CHECK-LABEL: func.func @conv2d_transpose
// CHECK-SAME: (%[[W:.*]]: tensor<3x3x2x4xf32>, %[[DY:.*]]: tensor<1x4x4x4xf32>)
// CHECK: %[[ZEROS:.*]] = linalg.fill {{.*}} -> tensor<1x10x10x4xf32>
// CHECK: %[[SPREAD:.*]] = tensor.insert_slice %[[DY]] into %[[ZEROS]][0, 2, 2, 0] [1, 4, 4, 4] [1, 2, 2, 1]
// CHECK: %[[FLIPPED:.*]] = linalg.generic {indexing_maps = [#[[FLIP]], #{{.*}}], {{.*}} ins(%[[W]] : tensor<3x3x2x4xf32>) outs(%{{.*}} : tensor<3x3x4x2xf32>)
// CHECK: %[[INIT:.*]] = linalg.fill {{.*}} -> tensor<1x8x8x2xf32>
// CHECK: linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[SPREAD]], %[[FLIPPED]] : tensor<1x10x10x4xf32>, tensor<3x3x4x2xf32>) outs(%[[INIT]] : tensor<1x8x8x2xf32>)
func.func @conv2d_transpose(%w: tensor<3x3x2x4xf32>, %dy: tensor<1x4x4x4xf32>) -> tensor<1x8x8x2xf32> {
  %s = tfc.const dense<[1, 8, 8, 2]> : tensor<4xi32>
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 2, 2>} : tensor<4xi32>, tensor<3x3x2x4xf32>, tensor<1x4x4x4xf32> -> tensor<1x8x8x2xf32>
  return %0 : tensor<1x8x8x2xf32>
}

// -----

// Pads beyond the kernel's reach (top 3, right 4 with a 3x3 kernel):
// out_backprop's first row and last column saw only padding and are left
// out before spreading.
// CHECK-LABEL: func.func @conv2d_transpose_wide_pads
// CHECK: %[[PART:.*]] = tensor.extract_slice %{{.*}}[0, 1, 0, 0] [1, 3, 3, 3] [1, 1, 1, 1] : tensor<1x4x4x3xf32> to tensor<1x3x3x3xf32>
// CHECK: tensor.insert_slice %[[PART]] into %{{.*}}[0, 1, 2, 0] [1, 3, 3, 3] [1, 2, 2, 1] : tensor<1x3x3x3xf32> into tensor<1x7x8x3xf32>
// CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x5x6x2xf32>
func.func @conv2d_transpose_wide_pads(%w: tensor<3x3x2x3xf32>, %dy: tensor<1x4x4x3xf32>) -> tensor<1x5x6x2xf32> {
  %s = tfc.const dense<[1, 5, 6, 2]> : tensor<4xi32>
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, explicit_paddings = array<i64: 3, 1, 0, 4>, padding = #tfc.padding<EXPLICIT>, strides = array<i64: 2, 2>} : tensor<4xi32>, tensor<3x3x2x3xf32>, tensor<1x4x4x3xf32> -> tensor<1x5x6x2xf32>
  return %0 : tensor<1x5x6x2xf32>
}

// -----

// Stride 1 spreads nothing: out_backprop is padded by the dilated kernel's
// span less the forward pads (SAME, 3x3, dilation 2: 4 - 2 on each side).
// CHECK-LABEL: func.func @conv2d_transpose_dilated
// CHECK-NOT: tensor.insert_slice
// CHECK: %[[PADDED:.*]] = tensor.pad %{{.*}} low[0, 2, 2, 0] high[0, 2, 2, 0]
// CHECK: linalg.conv_2d_nhwc_hwcf {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[PADDED]], %{{.*}} : tensor<1x13x12x4xf32>, tensor<3x3x4x2xf32>) outs(%{{.*}} : tensor<1x9x8x2xf32>)
func.func @conv2d_transpose_dilated(%w: tensor<3x3x2x4xf32>, %dy: tensor<1x9x8x4xf32>) -> tensor<1x9x8x2xf32> {
  %s = tfc.const dense<[9, 8]> : tensor<2xi32>
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 2, 2>, padding = #tfc.padding<SAME>, strides = array<i64: 1, 1>} : tensor<2xi32>, tensor<3x3x2x4xf32>, tensor<1x9x8x4xf32> -> tensor<1x9x8x2xf32>
  return %0 : tensor<1x9x8x2xf32>
}

// -----

// Every out_backprop row saw only padding (1 row, pad 1 on top, stride 2):
// the result is zeros.
// CHECK-LABEL: func.func @conv2d_transpose_all_padding
// CHECK: %[[ZEROS:.*]] = linalg.fill {{.*}} -> tensor<1x1x3x2xf32>
// CHECK-NOT: linalg.conv_2d_nhwc_hwcf
// CHECK: return %[[ZEROS]]
func.func @conv2d_transpose_all_padding(%w: tensor<1x1x2x3xf32>, %dy: tensor<1x1x2x3xf32>) -> tensor<1x1x3x2xf32> {
  %s = tfc.const dense<[1, 1, 3, 2]> : tensor<4xi32>
  %0 = tfc.conv2d_transpose %s, %w, %dy {dilations = array<i64: 1, 1>, explicit_paddings = array<i64: 1, 0, 0, 0>, padding = #tfc.padding<EXPLICIT>, strides = array<i64: 2, 2>} : tensor<4xi32>, tensor<1x1x2x3xf32>, tensor<1x1x2x3xf32> -> tensor<1x1x3x2xf32>
  return %0 : tensor<1x1x3x2xf32>
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

// -----

// Cumsum along axis 1: a loop over the axis carrying the running sum (a
// slice of the rows, from 0); each step adds the input's slice to it, then
// writes it into the result.
// CHECK-LABEL: func.func @cumsum
// CHECK-SAME: (%[[X:.*]]: tensor<2x5xf32>)
// CHECK: %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2xf32>)
// CHECK: %[[LOOP:.*]]:2 = scf.for %[[AT:.*]] = %c0 to %c5 step %c1 iter_args(%[[OUT:.*]] = %{{.*}}, %[[SUM:.*]] = %[[ZERO]])
// CHECK: %[[SLICE:.*]] = tensor.extract_slice %[[X]][0, %[[AT]]] [2, 1] [1, 1] : tensor<2x5xf32> to tensor<2xf32>
// CHECK: %[[NEXT:.*]] = linalg.generic {{.*}} ins(%[[SLICE]] : tensor<2xf32>) outs(%[[SUM]] : tensor<2xf32>)
// CHECK: arith.addf
// CHECK: %[[WRITTEN:.*]] = tensor.insert_slice %[[NEXT]] into %[[OUT]][0, %[[AT]]] [2, 1] [1, 1]
// CHECK: scf.yield %[[WRITTEN]], %[[NEXT]]
// CHECK: return %[[LOOP]]#0
func.func @cumsum(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %a = tfc.const dense<1> : tensor<i32>
  %0 = tfc.cumsum %x, %a : tensor<2x5xf32>, tensor<i32> -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// Exclusive and reverse: the loop walks the axis from its end, and each step
// writes the sum so far before adding the input's slice.
// CHECK-LABEL: func.func @cumsum_exclusive_reverse
// CHECK-SAME: (%[[X:.*]]: tensor<5xi32>)
// CHECK: %[[LOOP:.*]]:2 = scf.for %[[STEP:.*]] = %c0 to %c5 step %c1 iter_args(%[[OUT:.*]] = %{{.*}}, %[[SUM:.*]] = %{{.*}})
// CHECK: %[[AT:.*]] = arith.subi %c4, %[[STEP]]
// CHECK: %[[SLICE:.*]] = tensor.extract_slice %[[X]][%[[AT]]] [1] [1] : tensor<5xi32> to tensor<i32>
// CHECK: %[[WRITTEN:.*]] = tensor.insert_slice %[[SUM]] into %[[OUT]][%[[AT]]] [1] [1]
// CHECK: %[[NEXT:.*]] = linalg.generic {{.*}} ins(%[[SLICE]] : tensor<i32>) outs(%[[SUM]] : tensor<i32>)
// CHECK: arith.addi
// CHECK: scf.yield %[[WRITTEN]], %[[NEXT]]
// CHECK: return %[[LOOP]]#0
func.func @cumsum_exclusive_reverse(%x: tensor<5xi32>) -> tensor<5xi32> {
  %a = tfc.const dense<-1> : tensor<i64>
  %0 = tfc.cumsum %x, %a {exclusive = true, reverse = true} : tensor<5xi32>, tensor<i64> -> tensor<5xi32>
  return %0 : tensor<5xi32>
}
