// RUN: tfc-opt %s -split-input-file -convert-tfc-to-linalg -verify-diagnostics

// Lowering needs static shapes and supported element types; it says so at the
// feed or op at fault instead of failing to legalize.

// expected-error @+1 {{this feed needs a static shape; give it in the config or with --feeds}}
func.func @dynamic_feed(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = tfc.neg %x : tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// expected-error @+1 {{this feed needs a static shape; give it in the config or with --feeds}}
func.func @unranked_feed(%x: tensor<*xf32>) -> tensor<*xf32> {
  %0 = tfc.relu %x : tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

// Static feeds, but a shape computed at run time: only the rank is known.
func.func @dynamic_op(%x: tensor<2x3xf32>, %shape: tensor<2xi32>) -> tensor<?x?xf32> {
  // expected-error @+1 {{shape is not fully known (tensor<?x?xf32>); give every feed a static shape in the config or with --feeds}}
  %0 = tfc.reshape %x, %shape : tensor<2x3xf32>, tensor<2xi32> -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @unsigned_arithmetic(%x: tensor<4xui8>) -> tensor<4xui8> {
  // expected-error @+1 {{arithmetic on unsigned integers is not supported yet}}
  %0 = tfc.add %x, %x : tensor<4xui8>, tensor<4xui8> -> tensor<4xui8>
  return %0 : tensor<4xui8>
}
