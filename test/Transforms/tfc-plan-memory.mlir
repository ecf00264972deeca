// RUN: tfc-opt %s -split-input-file -tfc-plan-memory -allow-unregistered-dialect | FileCheck %s
// RUN: tfc-opt %s -split-input-file -tfc-plan-memory=alignment=16 -allow-unregistered-dialect | FileCheck %s --check-prefix=ALIGN16

// Every memref.alloc becomes a memref.view into a new last argument, the
// arena, at an offset aligned to `alignment` (64 by default); buffers whose
// lifetimes overlap never share bytes, and buffers whose lifetimes do not may.
// The arena's size and alignment are recorded on the function, with the most
// bytes live at once (the lower bound of any plan) and the sum of all
// buffers; deallocations go away.

// All four buffers are live together: each gets its own aligned slot.
// CHECK-LABEL: func.func @all_live
// CHECK-SAME: (%[[IN:[a-z0-9]+]]: memref<2x3xf32>, %[[OUT:[a-z0-9]+]]: memref<2x3xf32>, %[[ARENA:[a-z0-9]+]]: memref<256xi8>)
// CHECK-SAME: attributes {tfc.arena_alignment = 64 : i64, tfc.arena_lower_bound = 40 : i64, tfc.arena_naive = 40 : i64, tfc.arena_size = 256 : i64}
// CHECK-DAG: %[[A:.*]] = memref.view %[[ARENA]][%{{.*}}][] : memref<256xi8> to memref<2x3xf32>
// CHECK-DAG: %[[B:.*]] = memref.view %[[ARENA]][%{{.*}}][] : memref<256xi8> to memref<5xi8>
// CHECK-DAG: %[[C:.*]] = memref.view %[[ARENA]][%{{.*}}][] : memref<256xi8> to memref<3xi1>
// CHECK-DAG: %[[D:.*]] = memref.view %[[ARENA]][%{{.*}}][] : memref<256xi8> to memref<f64>
// CHECK: linalg.copy ins(%[[IN]] : memref<2x3xf32>) outs(%[[A]] : memref<2x3xf32>)
// CHECK-NEXT: linalg.copy ins(%[[A]] : memref<2x3xf32>) outs(%[[OUT]] : memref<2x3xf32>)
// CHECK-NEXT: "test.use"(%[[B]], %[[C]], %[[D]])
// CHECK-NEXT: return
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.dealloc

// With 16-byte alignment the four slots pack tighter; %a asks for 64 bytes
// itself, so the arena's base must be 64-byte aligned.
// ALIGN16-LABEL: func.func @all_live
// ALIGN16-SAME: memref<80xi8>) attributes {tfc.arena_alignment = 64 : i64, tfc.arena_lower_bound = 40 : i64, tfc.arena_naive = 40 : i64, tfc.arena_size = 80 : i64}
func.func @all_live(%in: memref<2x3xf32>, %out: memref<2x3xf32>) {
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

// %b is allocated after %a's last use: both start at offset 0.
// CHECK-LABEL: func.func @reuse
// CHECK-SAME: %[[ARENA:[a-z0-9]+]]: memref<64xi8>) attributes {tfc.arena_alignment = 64 : i64, tfc.arena_lower_bound = 64 : i64, tfc.arena_naive = 128 : i64, tfc.arena_size = 64 : i64}
// CHECK: %[[A0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[A:.*]] = memref.view %[[ARENA]][%[[A0]]][] : memref<64xi8> to memref<16xf32>
// CHECK: %[[B0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[B:.*]] = memref.view %[[ARENA]][%[[B0]]][] : memref<64xi8> to memref<16xf32>
// CHECK-NEXT: linalg.copy ins(%{{.*}} : memref<16xf32>) outs(%[[B]] : memref<16xf32>)
func.func @reuse(%in: memref<16xf32>, %out1: memref<16xf32>, %out2: memref<16xf32>) {
  %a = memref.alloc() : memref<16xf32>
  linalg.copy ins(%in : memref<16xf32>) outs(%a : memref<16xf32>)
  linalg.copy ins(%a : memref<16xf32>) outs(%out1 : memref<16xf32>)
  %b = memref.alloc() : memref<16xf32>
  linalg.copy ins(%in : memref<16xf32>) outs(%b : memref<16xf32>)
  linalg.copy ins(%b : memref<16xf32>) outs(%out2 : memref<16xf32>)
  return
}

// -----

// A use through a view keeps the buffer alive: %a is read through its
// collapsed view after %b is written, so they cannot share.
// CHECK-LABEL: func.func @alive_through_view
// CHECK-SAME: %[[ARENA:[a-z0-9]+]]: memref<128xi8>) attributes {{{.*}}tfc.arena_size = 128 : i64}
// CHECK-DAG: memref.view %[[ARENA]][%[[O1:.*]]][] : memref<128xi8> to memref<4x4xf32>
// CHECK-DAG: memref.view %[[ARENA]][%[[O2:.*]]][] : memref<128xi8> to memref<16xf32>
// CHECK-DAG: %[[O1]] = arith.constant {{0|64}} : index
// CHECK-DAG: %[[O2]] = arith.constant {{0|64}} : index
func.func @alive_through_view(%in: memref<16xf32>, %out: memref<16xf32>) {
  %a = memref.alloc() : memref<4x4xf32>
  %flat = memref.collapse_shape %a [[0, 1]] : memref<4x4xf32> into memref<16xf32>
  linalg.copy ins(%in : memref<16xf32>) outs(%flat : memref<16xf32>)
  %b = memref.alloc() : memref<16xf32>
  linalg.copy ins(%in : memref<16xf32>) outs(%b : memref<16xf32>)
  "test.use"(%flat, %b) : (memref<16xf32>, memref<16xf32>) -> ()
  return
}

// -----

// Without allocations the arena is empty, but the argument is still there so
// every compiled function has the same calling convention.
// CHECK-LABEL: func.func @no_buffers
// CHECK-SAME: (%{{.*}}: memref<4xf32>, %{{.*}}: memref<0xi8>) attributes {tfc.arena_alignment = 64 : i64, tfc.arena_lower_bound = 0 : i64, tfc.arena_naive = 0 : i64, tfc.arena_size = 0 : i64}
// CHECK-NEXT: return
func.func @no_buffers(%x: memref<4xf32>) {
  return
}

// -----

// Declarations are left alone.
// CHECK-LABEL: func.func private @external(memref<4xf32>)
// CHECK-NOT: tfc.arena_size
func.func private @external(memref<4xf32>)

// -----

// A buffer carried through an scf.for's iter_args is the loop's result: it
// lives until that result is last read, so %b (allocated after the loop,
// while the result is still to be read) gets bytes of its own.
// CHECK-LABEL: func.func @loop_carried
// CHECK-SAME: %[[ARENA:[a-z0-9]+]]: memref<128xi8>) attributes {tfc.arena_alignment = 64 : i64, tfc.arena_lower_bound = 128 : i64, tfc.arena_naive = 128 : i64, tfc.arena_size = 128 : i64}
// CHECK: %[[A:.*]] = memref.view %[[ARENA]][%c0{{.*}}][] : memref<128xi8> to memref<16xf32>
// CHECK: %[[R:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %[[A]])
// CHECK: %[[B:.*]] = memref.view %[[ARENA]][%c64{{.*}}][] : memref<128xi8> to memref<16xf32>
// CHECK: linalg.copy ins(%[[R]] : memref<16xf32>)
func.func @loop_carried(%in: memref<16xf32>, %out1: memref<16xf32>, %out2: memref<16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %a = memref.alloc() : memref<16xf32>
  %r = scf.for %i = %c0 to %c4 step %c1 iter_args(%acc = %a) -> (memref<16xf32>) {
    linalg.copy ins(%in : memref<16xf32>) outs(%acc : memref<16xf32>)
    scf.yield %acc : memref<16xf32>
  }
  %b = memref.alloc() : memref<16xf32>
  linalg.copy ins(%in : memref<16xf32>) outs(%b : memref<16xf32>)
  linalg.copy ins(%r : memref<16xf32>) outs(%out1 : memref<16xf32>)
  linalg.copy ins(%b : memref<16xf32>) outs(%out2 : memref<16xf32>)
  return
}

// -----

// A buffer allocated inside a While's body lives through the whole loop
// (each iteration reuses its place), so it never shares bytes with the loop
// variable %v, which lives from before the loop to after it; %pre, dead
// before the loop starts, shares offset 0 with %v.
// CHECK-LABEL: func.func @in_loop
// CHECK-SAME: %[[ARENA:[a-z0-9]+]]: memref<128xi8>) attributes {tfc.arena_alignment = 64 : i64
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[PRE:.*]] = memref.view %[[ARENA]][%[[C0]]][] : memref<128xi8> to memref<16xf32>
// CHECK: %[[C0B:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[V:.*]] = memref.view %[[ARENA]][%[[C0B]]][] : memref<128xi8> to memref<4xf32>
// CHECK: scf.while
// CHECK: do {
// CHECK-NEXT: %[[C64B:.*]] = arith.constant 64 : index
// CHECK-NEXT: %[[T:.*]] = memref.view %[[ARENA]][%[[C64B]]][] : memref<128xi8> to memref<4xf32>
// CHECK-NEXT: "test.step"(%[[V]], %[[T]])
func.func @in_loop(%in: memref<4xf32>, %out: memref<4xf32>) {
  %pre = memref.alloc() : memref<16xf32>
  "test.use"(%pre) : (memref<16xf32>) -> ()
  %v = memref.alloc() : memref<4xf32>
  linalg.copy ins(%in : memref<4xf32>) outs(%v : memref<4xf32>)
  scf.while : () -> () {
    %c = "test.cond"(%v) : (memref<4xf32>) -> i1
    scf.condition(%c)
  } do {
    %t = memref.alloc() : memref<4xf32>
    "test.step"(%v, %t) : (memref<4xf32>, memref<4xf32>) -> ()
    linalg.copy ins(%t : memref<4xf32>) outs(%v : memref<4xf32>)
    scf.yield
  }
  linalg.copy ins(%v : memref<4xf32>) outs(%out : memref<4xf32>)
  return
}

// -----

// A buffer an If's branch allocates and yields is the If's result: it lives
// until the result's last use, so %after, allocated while the result is
// live, shares bytes with neither branch's buffer (three slots, not two).
// CHECK-LABEL: func.func @in_if
// CHECK-SAME: memref<192xi8>) attributes {tfc.arena_alignment = 64 : i64
func.func @in_if(%out: memref<4xf32>, %p: i1) {
  %r = scf.if %p -> (memref<4xf32>) {
    %t = memref.alloc() : memref<4xf32>
    "test.fill"(%t) : (memref<4xf32>) -> ()
    scf.yield %t : memref<4xf32>
  } else {
    %e = memref.alloc() : memref<4xf32>
    "test.fill"(%e) : (memref<4xf32>) -> ()
    scf.yield %e : memref<4xf32>
  }
  %after = memref.alloc() : memref<4xf32>
  "test.step"(%r, %after) : (memref<4xf32>, memref<4xf32>) -> ()
  linalg.copy ins(%after : memref<4xf32>) outs(%out : memref<4xf32>)
  return
}
