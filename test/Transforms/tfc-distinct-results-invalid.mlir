// RUN: tfc-opt %s -tfc-distinct-results -verify-diagnostics

// A repeated result that has no identity layout cannot be copied into a
// buffer of its type (tfc's bufferization never makes one).
func.func @view(%x: memref<4xf32>) -> (memref<2xf32, strided<[2]>>, memref<2xf32, strided<[2]>>) {
  %v = memref.subview %x[0] [2] [2] : memref<4xf32> to memref<2xf32, strided<[2]>>
  // expected-error @below {{result 1 repeats an earlier result of 'memref<2xf32, strided<[2]>>', which cannot be copied into a fresh buffer}}
  return %v, %v : memref<2xf32, strided<[2]>>, memref<2xf32, strided<[2]>>
}
