// RUN: tfc-opt %s -split-input-file -tfc-prune-control-inputs | FileCheck %s

// Control edges cannot change the results of side-effect-free ops: the pass
// drops every tfc.control_inputs attribute and erases the no_ops that only
// carried them, and changes nothing else.

// CHECK-LABEL: func.func @prune
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2xf32>)
// CHECK-NEXT: %[[W:.*]] = tfc.const dense<3.000000e+00> : tensor<2xf32>{{$}}
// CHECK-NEXT: %[[P:.*]] = tfc.mul %[[X]], %[[W]] : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT: %[[I:.*]] = tfc.identity %[[P]] {other = 1 : i32} : tensor<2xf32>
// CHECK-NEXT: return %[[I]]
// CHECK-NOT: tfc.no_op
// CHECK-NOT: tfc.control_inputs
func.func @prune(%x: tensor<2xf32>) -> tensor<2xf32> {
  tfc.no_op
  tfc.no_op {tfc.control_inputs = ["init"]}
  %w = tfc.const dense<3.0> : tensor<2xf32> {tfc.control_inputs = ["init"]}
  %p = tfc.mul %x, %w {tfc.control_inputs = ["init2", "init"]} : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  %i = tfc.identity %p {other = 1 : i32, tfc.control_inputs = ["init"]} : tensor<2xf32>
  return %i : tensor<2xf32>
}

// -----

// Nothing to prune: the function is unchanged (ops are not folded here).
// CHECK-LABEL: func.func @unchanged
// CHECK-NEXT: tfc.identity
// CHECK-NEXT: tfc.identity
// CHECK-NEXT: return
func.func @unchanged(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = tfc.identity %x : tensor<2xf32>
  %1 = tfc.identity %0 : tensor<2xf32>
  return %1 : tensor<2xf32>
}
