// RUN: tfc-opt %s -split-input-file -tfc-distinct-results | FileCheck %s

// A buffer returned twice gets a copy for each repeat, so that
// buffer-results-to-out-params sees distinct results; the first occurrence
// and results returned once are left alone.

// CHECK-LABEL: func.func @repeated
// CHECK-SAME: (%[[X:[a-z0-9]+]]: memref<4xf32>)
// CHECK: %[[Y:.*]] = memref.alloc() : memref<4xf32>
// CHECK: linalg.copy
// CHECK-NEXT: %[[C1:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT: memref.copy %[[Y]], %[[C1]]
// CHECK-NEXT: %[[C2:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT: memref.copy %[[Y]], %[[C2]]
// CHECK-NEXT: return %[[Y]], %[[X]], %[[C1]], %[[C2]]
func.func @repeated(%x: memref<4xf32>) -> (memref<4xf32>, memref<4xf32>, memref<4xf32>, memref<4xf32>) {
  %y = memref.alloc() : memref<4xf32>
  linalg.copy ins(%x : memref<4xf32>) outs(%y : memref<4xf32>)
  return %y, %x, %y, %y : memref<4xf32>, memref<4xf32>, memref<4xf32>, memref<4xf32>
}

// -----

// Nothing repeats: nothing changes.

// CHECK-LABEL: func.func @distinct
// CHECK-NOT: memref.copy
// CHECK: return %arg0, %arg1
func.func @distinct(%a: memref<4xf32>, %b: memref<4xf32>) -> (memref<4xf32>, memref<4xf32>) {
  return %a, %b : memref<4xf32>, memref<4xf32>
}
