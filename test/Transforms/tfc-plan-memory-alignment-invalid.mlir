// RUN: tfc-opt %s -split-input-file -tfc-plan-memory=alignment=48 -verify-diagnostics
// RUN: tfc-opt %s -split-input-file -tfc-plan-memory=alignment=0 -verify-diagnostics

// The arena alignment must be a positive power of two.

// expected-error @+1 {{tfc-plan-memory: alignment must be a power of two}}
func.func @f() {
  %a = memref.alloc() : memref<4xf32>
  memref.dealloc %a : memref<4xf32>
  return
}
