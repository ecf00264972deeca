// RUN: tfc-opt %s -split-input-file -tfc-lower-strided-copies | FileCheck %s

// A branch written into its slice of a Concat's channels: both sides have
// rows of stride 1, so the copy becomes loops over the rows, each row one
// copy between contiguous views (a memcpy once lowered to LLVM).

// CHECK-LABEL: func.func @concat_slice
// CHECK-DAG:     %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG:     %[[C2:.*]] = arith.constant 2 : index
// CHECK-DAG:     %[[C3:.*]] = arith.constant 3 : index
// CHECK:         scf.for %[[I:.*]] = %[[C0]] to %[[C2]] step %[[C1]]
// CHECK:           scf.for %[[J:.*]] = %[[C0]] to %[[C3]] step %[[C1]]
// CHECK:             %[[SRC:.*]] = memref.subview %arg0[%[[I]], %[[J]], 0] [1, 1, 8] [1, 1, 1] : memref<2x3x8xf32> to memref<8xf32, strided<[1], offset: ?>>
// CHECK:             %[[DST:.*]] = memref.subview %arg1[%[[I]], %[[J]], 0] [1, 1, 8] [1, 1, 1] : memref<2x3x8xf32, strided<[60, 20, 1], offset: 4>> to memref<8xf32, strided<[1], offset: ?>>
// CHECK:             memref.copy %[[SRC]], %[[DST]] : memref<8xf32, strided<[1], offset: ?>> to memref<8xf32, strided<[1], offset: ?>>
// CHECK-NOT:     linalg.copy
func.func @concat_slice(%src: memref<2x3x8xf32>,
                        %dst: memref<2x3x8xf32, strided<[60, 20, 1], offset: 4>>) {
  memref.copy %src, %dst : memref<2x3x8xf32> to memref<2x3x8xf32, strided<[60, 20, 1], offset: 4>>
  return
}

// -----

// Rows that are not contiguous (a transposed view): a linalg.copy, which
// becomes loops over the elements.

// CHECK-LABEL: func.func @strided_rows
// CHECK-NOT:     scf.for
// CHECK:         linalg.copy ins(%arg0 : memref<4x3xf32, strided<[1, 4]>>) outs(%arg1 : memref<4x3xf32>)
// CHECK-NOT:     memref.copy
func.func @strided_rows(%src: memref<4x3xf32, strided<[1, 4]>>,
                        %dst: memref<4x3xf32>) {
  memref.copy %src, %dst : memref<4x3xf32, strided<[1, 4]>> to memref<4x3xf32>
  return
}

// -----

// A dynamic shape: a linalg.copy too.

// CHECK-LABEL: func.func @dynamic
// CHECK:         linalg.copy
// CHECK-NOT:     memref.copy
func.func @dynamic(%src: memref<?x8xf32>,
                   %dst: memref<?x8xf32, strided<[16, 1]>>) {
  memref.copy %src, %dst : memref<?x8xf32> to memref<?x8xf32, strided<[16, 1]>>
  return
}

// -----

// Copies the LLVM lowering makes one memcpy of are left alone: identity
// layouts, and a contiguous view with an offset.

// CHECK-LABEL: func.func @contiguous
// CHECK-NEXT:    memref.copy %arg0, %arg1 : memref<4x8xf32> to memref<4x8xf32>
// CHECK-NEXT:    memref.copy %arg0, %arg2 : memref<4x8xf32> to memref<4x8xf32, strided<[8, 1], offset: 32>>
// CHECK-NEXT:    return
func.func @contiguous(%src: memref<4x8xf32>, %dst: memref<4x8xf32>,
                      %view: memref<4x8xf32, strided<[8, 1], offset: 32>>) {
  memref.copy %src, %dst : memref<4x8xf32> to memref<4x8xf32>
  memref.copy %src, %view : memref<4x8xf32> to memref<4x8xf32, strided<[8, 1], offset: 32>>
  return
}
