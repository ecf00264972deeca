// RUN: tfc-opt %s -split-input-file --convert-tfc-to-linalg -verify-diagnostics

// Operands that TensorFlow reads as data must be constants when lowering.
// The importer's types make these unreachable from a GraphDef (a run-time
// perm gives an unknown result shape, which is reported first), but a result
// type written by hand may be static.

func.func @transpose_runtime_perm(%x: tensor<2x2xf32>, %perm: tensor<2xi32>) -> tensor<2x2xf32> {
  // expected-error @+2 {{perm is computed at run time, but tfc needs it at compile time; give the feeds static shapes so that it folds to a constant}}
  // expected-error @+1 {{failed to legalize operation 'tfc.transpose'}}
  %0 = tfc.transpose %x, %perm : tensor<2x2xf32>, tensor<2xi32> -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @pad_runtime_paddings(%x: tensor<2x2xf32>, %p: tensor<2x2xi32>) -> tensor<3x3xf32> {
  // expected-error @+2 {{paddings is computed at run time, but tfc needs it at compile time; give the feeds static shapes so that it folds to a constant}}
  // expected-error @+1 {{failed to legalize operation 'tfc.pad'}}
  %0 = tfc.pad %x, %p : tensor<2x2xf32>, tensor<2x2xi32> -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

func.func @strided_slice_runtime_end(%x: tensor<4xf32>, %e: tensor<1xi32>) -> tensor<2xf32> {
  %b = tfc.const dense<0> : tensor<1xi32>
  %s = tfc.const dense<1> : tensor<1xi32>
  // expected-error @+2 {{end is computed at run time, but tfc needs it at compile time; give the feeds static shapes so that it folds to a constant}}
  // expected-error @+1 {{failed to legalize operation 'tfc.strided_slice'}}
  %0 = tfc.strided_slice %x, %b, %e, %s : tensor<4xf32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @cumsum_runtime_axis(%x: tensor<2x3xf32>, %a: tensor<i32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{axis must be a compile-time constant}}
  // expected-error @+1 {{failed to legalize operation 'tfc.cumsum'}}
  %0 = tfc.cumsum %x, %a : tensor<2x3xf32>, tensor<i32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @top_k_runtime_k(%x: tensor<2x5xf32>, %k: tensor<i32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{k is computed at run time, but tfc needs it at compile time; give the feeds static shapes so that it folds to a constant}}
  // expected-error @+1 {{failed to legalize operation 'tfc.top_k_v2'}}
  %v, %i = tfc.top_k_v2 %x, %k {index_type = i32} : tensor<2x5xf32>, tensor<i32> -> tensor<2x3xf32>, tensor<2x3xi32>
  return %v : tensor<2x3xf32>
}

// -----

func.func @resize_runtime_size(%x: tensor<1x3x4x2xf32>, %s: tensor<2xi32>) -> tensor<1x5x2x2xf32> {
  // expected-error @+2 {{size is computed at run time, but tfc needs it at compile time; give the feeds static shapes so that it folds to a constant}}
  // expected-error @+1 {{failed to legalize operation 'tfc.resize_bilinear'}}
  %0 = tfc.resize_bilinear %x, %s : tensor<1x3x4x2xf32>, tensor<2xi32> -> tensor<1x5x2x2xf32>
  return %0 : tensor<1x5x2x2xf32>
}
