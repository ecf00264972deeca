// RUN: tfc-opt %s -split-input-file -allow-unregistered-dialect -tfc-tie-loop-variables | FileCheck %s

// The body ends by copying each new value into its variable, so every
// yielded value bufferizes to the variable's buffer; a variable passed on
// unchanged needs no copy; a loop starting from a function argument starts
// from a copy of it (the caller's inputs are never written), while one
// starting from a computed value uses it directly.
// CHECK-LABEL: func.func @step
// CHECK-SAME: (%[[ARG:.*]]: tensor<4xf32>, %[[N:.*]]: tensor<i32>)
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<4xf32>
// CHECK-NEXT: %[[INIT:.*]] = linalg.copy ins(%[[ARG]] : tensor<4xf32>) outs(%[[EMPTY]] : tensor<4xf32>)
// CHECK-NEXT: %[[LOOP:.*]]:2 = scf.while (%[[X:.*]] = %[[INIT]], %[[I:.*]] = %[[N0:.*]]) :
// CHECK: } do {
// CHECK-NEXT: ^bb0(%[[BX:.*]]: tensor<4xf32>, %[[BI:.*]]: tensor<i32>):
// CHECK-NEXT: %[[NEXT:.*]] = "test.step"(%[[BX]])
// CHECK-NEXT: %[[TIED:.*]] = linalg.copy ins(%[[NEXT]] : tensor<4xf32>) outs(%[[BX]] : tensor<4xf32>)
// CHECK-NEXT: scf.yield %[[TIED]], %[[BI]] : tensor<4xf32>, tensor<i32>
func.func @step(%a: tensor<4xf32>, %n: tensor<i32>) -> tensor<4xf32> {
  %n0 = "test.count"(%n) : (tensor<i32>) -> tensor<i32>
  %r:2 = scf.while (%x = %a, %i = %n0) : (tensor<4xf32>, tensor<i32>) -> (tensor<4xf32>, tensor<i32>) {
    %c = "test.cond"(%x, %i) : (tensor<4xf32>, tensor<i32>) -> i1
    scf.condition(%c) %x, %i : tensor<4xf32>, tensor<i32>
  } do {
  ^bb0(%x: tensor<4xf32>, %i: tensor<i32>):
    %next = "test.step"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    scf.yield %next, %i : tensor<4xf32>, tensor<i32>
  }
  return %r#0 : tensor<4xf32>
}

// -----

// Swapping two variables: each new value shows the other variable, so both
// are copied aside before either variable is overwritten; so is a view of
// a variable (a reshape of it).
// CHECK-LABEL: func.func @swap
// CHECK: scf.while
// CHECK: } do {
// CHECK-NEXT: ^bb0(%[[X:.*]]: tensor<4xf32>, %[[Y:.*]]: tensor<4xf32>, %[[Z:.*]]: tensor<2x2xf32>):
// CHECK-NEXT: %[[VIEW:.*]] = tensor.expand_shape %[[X]]
// CHECK-NEXT: %[[E0:.*]] = tensor.empty() : tensor<4xf32>
// CHECK-NEXT: %[[Y2:.*]] = linalg.copy ins(%[[Y]] : tensor<4xf32>) outs(%[[E0]] : tensor<4xf32>)
// CHECK-NEXT: %[[E1:.*]] = tensor.empty() : tensor<4xf32>
// CHECK-NEXT: %[[X2:.*]] = linalg.copy ins(%[[X]] : tensor<4xf32>) outs(%[[E1]] : tensor<4xf32>)
// CHECK-NEXT: %[[E2:.*]] = tensor.empty() : tensor<2x2xf32>
// CHECK-NEXT: %[[V2:.*]] = linalg.copy ins(%[[VIEW]] : tensor<2x2xf32>) outs(%[[E2]] : tensor<2x2xf32>)
// CHECK-NEXT: %[[TX:.*]] = linalg.copy ins(%[[Y2]] : tensor<4xf32>) outs(%[[X]] : tensor<4xf32>)
// CHECK-NEXT: %[[TY:.*]] = linalg.copy ins(%[[X2]] : tensor<4xf32>) outs(%[[Y]] : tensor<4xf32>)
// CHECK-NEXT: %[[TZ:.*]] = linalg.copy ins(%[[V2]] : tensor<2x2xf32>) outs(%[[Z]] : tensor<2x2xf32>)
// CHECK-NEXT: scf.yield %[[TX]], %[[TY]], %[[TZ]]
func.func @swap(%n: tensor<i32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %a = "test.a"() : () -> tensor<4xf32>
  %b = "test.b"() : () -> tensor<4xf32>
  %z = "test.z"() : () -> tensor<2x2xf32>
  %r:3 = scf.while (%x = %a, %y = %b, %w = %z) : (tensor<4xf32>, tensor<4xf32>, tensor<2x2xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<2x2xf32>) {
    %c = "test.cond"(%x) : (tensor<4xf32>) -> i1
    scf.condition(%c) %x, %y, %w : tensor<4xf32>, tensor<4xf32>, tensor<2x2xf32>
  } do {
  ^bb0(%x: tensor<4xf32>, %y: tensor<4xf32>, %w: tensor<2x2xf32>):
    %v = tensor.expand_shape %x [[0, 1]] output_shape [2, 2] : tensor<4xf32> into tensor<2x2xf32>
    scf.yield %y, %x, %v : tensor<4xf32>, tensor<4xf32>, tensor<2x2xf32>
  }
  return %r#0, %r#1 : tensor<4xf32>, tensor<4xf32>
}
