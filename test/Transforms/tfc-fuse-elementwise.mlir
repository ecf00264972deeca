// RUN: tfc-opt %s -split-input-file -tfc-fuse-elementwise | FileCheck %s
// RUN: tfc-opt %s -split-input-file -tfc-fuse-elementwise=max-payload-ops=4 | FileCheck %s --check-prefix=CAP

#mk = affine_map<(d0, d1, d2) -> (d0, d2)>
#kn = affine_map<(d0, d1, d2) -> (d2, d1)>
#mn = affine_map<(d0, d1, d2) -> (d0, d1)>
#id = affine_map<(d0, d1) -> (d0, d1)>

// Two dense layers: the first matmul's in-place Sigmoid epilogue (it reads
// its own `outs`) feeds the second matmul, which reads it at (i, k) for
// every j. Fusing it there would apply the Sigmoid once per j to the same
// element (issue 7: sigmoid(sigmoid(...))). It stays its own loop nest,
// applied once, and the second matmul reads its result.
// CHECK-LABEL: func.func @epilogue_into_matmul
// CHECK: %[[MM1:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: %[[ACT:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]{{.*}} outs(%[[MM1]] : tensor<2x3xf32>)
// CHECK: math.exp
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]{{.*}} ins(%[[ACT]], %{{.*}} : tensor<2x3xf32>, tensor<3x3xf32>)
// CHECK-NOT: math.exp
// CHECK: return
func.func @epilogue_into_matmul(%x: tensor<2x3xf32>, %w: tensor<3x3xf32>, %init: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %one = arith.constant 1.0 : f32
  %mm1 = linalg.generic {indexing_maps = [#mk, #kn, #mn], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : tensor<2x3xf32>, tensor<3x3xf32>) outs(%init : tensor<2x3xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<2x3xf32>
  %act = linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel"]}
      outs(%mm1 : tensor<2x3xf32>) {
  ^bb0(%v: f32):
    %n = arith.negf %v : f32
    %e = math.exp %n : f32
    %d = arith.addf %e, %one : f32
    %r = arith.divf %one, %d : f32
    linalg.yield %r : f32
  } -> tensor<2x3xf32>
  %mm2 = linalg.generic {indexing_maps = [#mk, #kn, #mn], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%act, %w : tensor<2x3xf32>, tensor<3x3xf32>) outs(%init : tensor<2x3xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<2x3xf32>
  return %mm2 : tensor<2x3xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#tr = affine_map<(d0, d1) -> (d1, d0)>

// Elementwise into elementwise, also through a transposing (permutation)
// map: one loop nest, every element computed once.
// CHECK-LABEL: func.func @elementwise_chain
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT: linalg.generic
// CHECK: arith.negf
// CHECK: math.exp
func.func @elementwise_chain(%x: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %e0 = tensor.empty() : tensor<3x3xf32>
  %neg = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<3x3xf32>) outs(%e0 : tensor<3x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<3x3xf32>
  %e1 = tensor.empty() : tensor<3x3xf32>
  %exp = linalg.generic {indexing_maps = [#tr, #id], iterator_types = ["parallel", "parallel"]}
      ins(%neg : tensor<3x3xf32>) outs(%e1 : tensor<3x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    linalg.yield %e : f32
  } -> tensor<3x3xf32>
  return %exp : tensor<3x3xf32>
}

// -----

#row = affine_map<(d0, d1) -> (d1)>
#id = affine_map<(d0, d1) -> (d0, d1)>
#vec = affine_map<(d0) -> (d0)>

// A producer read through a broadcast would be recomputed for every row:
// not fused.
// CHECK-LABEL: func.func @broadcast_read
// CHECK-COUNT-2: linalg.generic
func.func @broadcast_read(%b: tensor<3xf32>, %x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %e0 = tensor.empty() : tensor<3xf32>
  %exp = linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]}
      ins(%b : tensor<3xf32>) outs(%e0 : tensor<3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    linalg.yield %e : f32
  } -> tensor<3xf32>
  %e1 = tensor.empty() : tensor<2x3xf32>
  %sum = linalg.generic {indexing_maps = [#row, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%exp, %x : tensor<3xf32>, tensor<2x3xf32>) outs(%e1 : tensor<2x3xf32>) {
  ^bb0(%a: f32, %c: f32, %out: f32):
    %s = arith.addf %a, %c : f32
    linalg.yield %s : f32
  } -> tensor<2x3xf32>
  return %sum : tensor<2x3xf32>
}

// -----

#vec = affine_map<(d0) -> (d0)>

// Each payload is two ops (yields included). The whole chain fits the
// default cap and fuses into one loop nest of three ops; with
// max-payload-ops=4 the first two fuse (3 ops) but adding the third would
// make 5, so it starts a second loop nest.
// CHECK-LABEL: func.func @capped_chain
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT: linalg.generic
// CAP-LABEL: func.func @capped_chain
// CAP-COUNT-2: linalg.generic
// CAP-NOT: linalg.generic
func.func @capped_chain(%x: tensor<4xf32>) -> tensor<4xf32> {
  %e0 = tensor.empty() : tensor<4xf32>
  %a = linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]}
      ins(%x : tensor<4xf32>) outs(%e0 : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  %e1 = tensor.empty() : tensor<4xf32>
  %b = linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]}
      ins(%a : tensor<4xf32>) outs(%e1 : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = math.exp %in : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  %e2 = tensor.empty() : tensor<4xf32>
  %c = linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]}
      ins(%b : tensor<4xf32>) outs(%e2 : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = math.sqrt %in : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  return %c : tensor<4xf32>
}
