// RUN: tfc-opt %s -split-input-file --tfc-lower-to-linalg | FileCheck %s

// In the optimized pipeline a chain of elementwise ops becomes one loop nest
// (tfc-fuse-elementwise, run by the tfc-lower-to-linalg
// phase), with no intermediate tensor.
// CHECK-LABEL: func.func @chain
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT: linalg.generic
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: arith.maximumf
func.func @chain(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>, %z: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = tfc.mul %x, %y : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  %1 = tfc.add %0, %z : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
  %2 = tfc.relu %1 : tensor<2x3xf32>
  return %2 : tensor<2x3xf32>
}

// -----

// An intermediate that is also a result is still computed on its own: the
// chain is cut there, not duplicated.
// CHECK-LABEL: func.func @shared_intermediate
// CHECK-COUNT-2: linalg.generic
func.func @shared_intermediate(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = tfc.neg %x : tensor<4xf32>
  %1 = tfc.relu %0 : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}
