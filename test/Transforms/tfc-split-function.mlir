// RUN: tfc-opt %s -split-input-file -tfc-split-function=piece-size=6 | FileCheck %s
// RUN: tfc-opt %s -split-input-file -tfc-split-function | FileCheck %s --check-prefix=SMALL

// Three linalg.generics of 3 operations each (with payload and terminator)
// under a 6-operation limit: each piece holds what fits (two, then one) and
// becomes a private noinline function taking the original arguments; the
// views each piece reads are recomputed inside it.
// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[X:.*]]: memref<4xf32>, %[[Y:.*]]: memref<4xf32>, %[[ARENA:.*]]: memref<64xi8>)
// CHECK-NEXT: call @main_part0(%[[X]], %[[Y]], %[[ARENA]])
// CHECK-NEXT: call @main_part1(%[[X]], %[[Y]], %[[ARENA]])
// CHECK-NEXT: return
// CHECK: func.func private @main_part0({{.*}}) attributes {passthrough = ["noinline"]}
// CHECK: memref.view
// CHECK-COUNT-2: linalg.generic
// CHECK-NOT: linalg.generic
// CHECK: return

// CHECK: func.func private @main_part1({{.*}}) attributes {passthrough = ["noinline"]}
// CHECK: memref.view
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT: linalg.generic
// CHECK: return

// Under the default limit, nothing changes.
// SMALL-LABEL: func.func @main(
// SMALL-NOT: call
// SMALL-COUNT-3: linalg.generic
// SMALL-NOT: func.func private

#id = affine_map<(d0) -> (d0)>
func.func @main(%x: memref<4xf32>, %y: memref<4xf32>, %arena: memref<64xi8>) {
  %c0 = arith.constant 0 : index
  %t = memref.view %arena[%c0][] : memref<64xi8> to memref<4xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<4xf32>) outs(%t : memref<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%t : memref<4xf32>) outs(%t : memref<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = math.exp %in : f32
    linalg.yield %n : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%t : memref<4xf32>) outs(%y : memref<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = math.sqrt %in : f32
    linalg.yield %n : f32
  }
  return
}
