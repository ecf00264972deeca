// RUN: tfc-opt %s -split-input-file -verify-diagnostics

// tfc.kernel_call is all tensors (returning the new init) or all memrefs
// (returning nothing).

func.func @mixed(%x: tensor<2x4xf32>, %w: memref<32xf32>, %out: tensor<2x3xf32>) {
  // expected-error @+1 {{mixes tensor and memref operands}}
  %r = tfc.kernel_call "conv2d_f32_generic"(%x, %w) outs(%out) {params = array<i64: 1>} : (tensor<2x4xf32>, memref<32xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @tensor_without_result(%x: tensor<2x4xf32>, %w: tensor<32xf32>, %out: tensor<2x3xf32>) {
  // expected-error @+1 {{on tensors returns the new init}}
  tfc.kernel_call "conv2d_f32_generic"(%x, %w) outs(%out) {params = array<i64: 1>} : (tensor<2x4xf32>, tensor<32xf32>, tensor<2x3xf32>) -> ()
  return
}

// -----

func.func @memref_with_result(%x: memref<2x4xf32>, %w: memref<32xf32>, %out: memref<2x3xf32>) {
  // expected-error @+1 {{on memrefs returns nothing}}
  %r = tfc.kernel_call "conv2d_f32_generic"(%x, %w) outs(%out) {params = array<i64: 1>} : (memref<2x4xf32>, memref<32xf32>, memref<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @result_type(%x: tensor<2x4xf32>, %w: tensor<32xf32>, %out: tensor<2x3xf32>) {
  // expected-error @+1 {{result type must be init's type}}
  %r = tfc.kernel_call "conv2d_f32_generic"(%x, %w) outs(%out) {params = array<i64: 1>} : (tensor<2x4xf32>, tensor<32xf32>, tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}
