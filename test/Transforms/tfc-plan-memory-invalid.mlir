// RUN: tfc-opt %s -split-input-file -tfc-plan-memory -allow-unregistered-dialect -verify-diagnostics

// A buffer of unknown size cannot get a fixed offset.
func.func @dynamic(%n: index) {
  // expected-error @+1 {{cannot place a buffer of type 'memref<?xf32>' in the arena}}
  %a = memref.alloc(%n) : memref<?xf32>
  "test.use"(%a) : (memref<?xf32>) -> ()
  return
}

// -----

// Only identity layouts are planned.
func.func @strided() {
  // expected-error @+1 {{cannot place a buffer of type 'memref<4xf32, strided<[2]>>' in the arena}}
  %a = memref.alloc() : memref<4xf32, strided<[2]>>
  "test.use"(%a) : (memref<4xf32, strided<[2]>>) -> ()
  return
}
