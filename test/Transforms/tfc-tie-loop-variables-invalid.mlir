// RUN: tfc-opt %s -allow-unregistered-dialect -tfc-tie-loop-variables -verify-diagnostics

// The condition must pass the loop variables on unchanged (the importer
// builds loops so); anything else is refused rather than mis-planned.
func.func @reordered(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{tfc-tie-loop-variables: the loop's condition must forward its variables unchanged}}
  %r:2 = scf.while (%x = %a, %y = %b) : (tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
    %c = "test.cond"(%x) : (tensor<4xf32>) -> i1
    scf.condition(%c) %y, %x : tensor<4xf32>, tensor<4xf32>
  } do {
  ^bb0(%x: tensor<4xf32>, %y: tensor<4xf32>):
    scf.yield %x, %y : tensor<4xf32>, tensor<4xf32>
  }
  return %r#0 : tensor<4xf32>
}
