// RUN: tfc-opt %s -split-input-file -tfc-plan-memory -allow-unregistered-dialect | FileCheck %s
// RUN: tfc-opt %s -split-input-file -tfc-plan-memory=alignment=16 -allow-unregistered-dialect | FileCheck %s --check-prefix=ALIGN16

// Every memref.alloc becomes a memref.view into a new last argument, the
// arena, at an offset aligned to `alignment` (64 by default); the arena's size
// and alignment are recorded on the function; deallocations go away.

// CHECK-LABEL: func.func @plan
// CHECK-SAME: (%[[IN:[a-z0-9]+]]: memref<2x3xf32>, %[[OUT:[a-z0-9]+]]: memref<2x3xf32>, %[[ARENA:[a-z0-9]+]]: memref<200xi8>)
// CHECK-SAME: attributes {tfc.arena_alignment = 64 : i64, tfc.arena_size = 200 : i64}
// 24 bytes at 0, 5 bytes at 64, 3 bools (a byte each) at 128, 8 bytes at 192.
// CHECK-NEXT: %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[A:.*]] = memref.view %[[ARENA]][%[[C0]]][] : memref<200xi8> to memref<2x3xf32>
// CHECK-NEXT: %[[C64:.*]] = arith.constant 64 : index
// CHECK-NEXT: %[[B:.*]] = memref.view %[[ARENA]][%[[C64]]][] : memref<200xi8> to memref<5xi8>
// CHECK-NEXT: %[[C128:.*]] = arith.constant 128 : index
// CHECK-NEXT: %[[C:.*]] = memref.view %[[ARENA]][%[[C128]]][] : memref<200xi8> to memref<3xi1>
// CHECK-NEXT: %[[C192:.*]] = arith.constant 192 : index
// CHECK-NEXT: %[[D:.*]] = memref.view %[[ARENA]][%[[C192]]][] : memref<200xi8> to memref<f64>
// CHECK-NEXT: linalg.copy ins(%[[IN]] : memref<2x3xf32>) outs(%[[A]] : memref<2x3xf32>)
// CHECK-NEXT: linalg.copy ins(%[[A]] : memref<2x3xf32>) outs(%[[OUT]] : memref<2x3xf32>)
// CHECK-NEXT: "test.use"(%[[B]], %[[C]], %[[D]])
// CHECK-NEXT: return
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.dealloc

// ALIGN16-LABEL: func.func @plan
// ALIGN16-SAME: memref<72xi8>
// ALIGN16-SAME: attributes {tfc.arena_alignment = 16 : i64, tfc.arena_size = 72 : i64}
// ALIGN16: arith.constant 0 : index
// ALIGN16: arith.constant 32 : index
// ALIGN16: arith.constant 48 : index
// ALIGN16: arith.constant 64 : index
func.func @plan(%in: memref<2x3xf32>, %out: memref<2x3xf32>) {
  %a = memref.alloc() {alignment = 64 : i64} : memref<2x3xf32>
  %b = memref.alloc() : memref<5xi8>
  %c = memref.alloc() : memref<3xi1>
  %d = memref.alloc() : memref<f64>
  linalg.copy ins(%in : memref<2x3xf32>) outs(%a : memref<2x3xf32>)
  linalg.copy ins(%a : memref<2x3xf32>) outs(%out : memref<2x3xf32>)
  "test.use"(%b, %c, %d) : (memref<5xi8>, memref<3xi1>, memref<f64>) -> ()
  memref.dealloc %a : memref<2x3xf32>
  memref.dealloc %b : memref<5xi8>
  return
}

// -----

// Allocations inside regions are planned too, in walk order.
// CHECK-LABEL: func.func @nested
// CHECK-SAME: %[[ARENA:[a-z0-9]+]]: memref<128xi8>) attributes {tfc.arena_alignment = 64 : i64, tfc.arena_size = 128 : i64}
// CHECK: scf.for
// CHECK: memref.view %[[ARENA]][%{{.*}}][] : memref<128xi8> to memref<4xf32>
// CHECK: memref.view %[[ARENA]][%{{.*}}][] : memref<128xi8> to memref<16xf32>
func.func @nested(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    %a = memref.alloc() : memref<4xf32>
    "test.use"(%a) : (memref<4xf32>) -> ()
  }
  %b = memref.alloc() : memref<16xf32>
  "test.use"(%b) : (memref<16xf32>) -> ()
  return
}

// -----

// Without allocations the arena is empty, but the argument is still there so
// every compiled function has the same calling convention.
// CHECK-LABEL: func.func @no_buffers
// CHECK-SAME: (%{{.*}}: memref<4xf32>, %{{.*}}: memref<0xi8>) attributes {tfc.arena_alignment = 64 : i64, tfc.arena_size = 0 : i64}
// CHECK-NEXT: return
func.func @no_buffers(%x: memref<4xf32>) {
  return
}

// -----

// Declarations are left alone.
// CHECK-LABEL: func.func private @external(memref<4xf32>)
// CHECK-NOT: tfc.arena_size
func.func private @external(memref<4xf32>)
