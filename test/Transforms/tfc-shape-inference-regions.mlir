// RUN: tfc-opt %s -split-input-file -tfc-shape-inference -allow-unregistered-dialect -verify-diagnostics | FileCheck %s

// Shape inference through regions. A While's variables take their initial
// values' refined types in both regions and as results, and the ops inside
// the loop are refined from them; the cast the importer put on the body's
// result goes away.
// CHECK-LABEL: func.func @refine
// CHECK: scf.while (%[[X:.*]] = %{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xf32> {
// CHECK-NEXT: %[[C:.*]] = "test.cond"(%[[X]]) : (tensor<2x3xf32>) -> i1
// CHECK-NEXT: scf.condition(%[[C]]) %[[X]] : tensor<2x3xf32>
// CHECK-NEXT: } do {
// CHECK-NEXT: ^bb0(%[[B:.*]]: tensor<2x3xf32>):
// CHECK-NEXT: %[[T:.*]] = tfc.tanh %[[B]] : tensor<2x3xf32>
// CHECK: scf.yield %[[T]] : tensor<2x3xf32>
// CHECK: return %{{.*}} : tensor<2x3xf32>
func.func @refine(%a: tensor<2x3xf32>) -> tensor<?x3xf32> {
  %init = tensor.cast %a : tensor<2x3xf32> to tensor<?x3xf32>
  %r = scf.while (%x = %init) : (tensor<?x3xf32>) -> tensor<?x3xf32> {
    %c = "test.cond"(%x) : (tensor<?x3xf32>) -> i1
    scf.condition(%c) %x : tensor<?x3xf32>
  } do {
  ^bb0(%x: tensor<?x3xf32>):
    %t = tfc.tanh %x : tensor<?x3xf32>
    scf.yield %t : tensor<?x3xf32>
  }
  return %r : tensor<?x3xf32>
}

// -----

// A variable whose shape changes from one iteration to the next cannot have
// one buffer.
func.func @grows(%a: tensor<2x3xf32>) -> tensor<?x3xf32> {
  %init = tensor.cast %a : tensor<2x3xf32> to tensor<?x3xf32>
  %axis = tfc.const dense<0> : tensor<i32>
  // expected-error @+1 {{loop variable 0 enters the loop as 'tensor<2x3xf32>' and leaves the body as 'tensor<4x3xf32>'; tfc needs one static shape per loop variable}}
  %r = scf.while (%x = %init) : (tensor<?x3xf32>) -> tensor<?x3xf32> {
    %c = "test.cond"(%x) : (tensor<?x3xf32>) -> i1
    scf.condition(%c) %x : tensor<?x3xf32>
  } do {
  ^bb0(%x: tensor<?x3xf32>):
    %t = tfc.concat_v2(%x, %x), %axis : (tensor<?x3xf32>, tensor<?x3xf32>), tensor<i32> -> tensor<?x3xf32>
    scf.yield %t : tensor<?x3xf32>
  }
  return %r : tensor<?x3xf32>
}

// -----

// A variable whose shape stays unknown (a feed without a static shape).
func.func @unknown(%a: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{loop variable 0 has type 'tensor<?x3xf32>' after shape inference; tfc needs loop variables of static shape (give the feeds' shapes)}}
  %r = scf.while (%x = %a) : (tensor<?x3xf32>) -> tensor<?x3xf32> {
    %c = "test.cond"(%x) : (tensor<?x3xf32>) -> i1
    scf.condition(%c) %x : tensor<?x3xf32>
  } do {
  ^bb0(%x: tensor<?x3xf32>):
    scf.yield %x : tensor<?x3xf32>
  }
  return %r : tensor<?x3xf32>
}

// -----

// An If's result takes the shape both branches agree on once they are
// refined; the casts the importer put on the yielded values go away.
// CHECK-LABEL: func.func @if_refine
// CHECK: scf.if %{{.*}} -> (tensor<2x3xf32>) {
// CHECK-NEXT: %[[T:.*]] = tfc.tanh %{{.*}} : tensor<2x3xf32>
// CHECK: scf.yield %[[T]] : tensor<2x3xf32>
// CHECK-NEXT: } else {
// CHECK: scf.yield %{{.*}} : tensor<2x3xf32>
func.func @if_refine(%a: tensor<2x3xf32>, %p: i1) -> tensor<?x3xf32> {
  %r = scf.if %p -> (tensor<?x3xf32>) {
    %t = tfc.tanh %a : tensor<2x3xf32>
    %c = tensor.cast %t : tensor<2x3xf32> to tensor<?x3xf32>
    scf.yield %c : tensor<?x3xf32>
  } else {
    %c = tensor.cast %a : tensor<2x3xf32> to tensor<?x3xf32>
    scf.yield %c : tensor<?x3xf32>
  }
  return %r : tensor<?x3xf32>
}

// -----

// Branches that give a result two shapes.
func.func @if_shapes(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>, %p: i1) -> tensor<?x3xf32> {
  // expected-error @+1 {{the branches of the If give result 0 the types 'tensor<2x3xf32>' and 'tensor<4x3xf32>'; tfc needs one shape}}
  %r = scf.if %p -> (tensor<?x3xf32>) {
    %c = tensor.cast %a : tensor<2x3xf32> to tensor<?x3xf32>
    scf.yield %c : tensor<?x3xf32>
  } else {
    %c = tensor.cast %b : tensor<4x3xf32> to tensor<?x3xf32>
    scf.yield %c : tensor<?x3xf32>
  }
  return %r : tensor<?x3xf32>
}

// -----

// A TensorList reserved before its element shape was known starts as
// tfc.zeros of unknown sizes; the loop's body writes rows of a known shape,
// so the variable takes it and the zeros become a constant.
// CHECK-LABEL: func.func @reserved_list
// CHECK: %[[ZEROS:.*]] = tfc.const dense<0.000000e+00> : tensor<3x2xf32>
// CHECK: scf.while (%{{.*}} = %[[ZEROS]]) : (tensor<3x2xf32>) -> tensor<3x2xf32>
// CHECK-NOT: tfc.zeros
func.func @reserved_list(%row: tensor<1x2xf32>) -> tensor<3x?xf32> {
  %list = tfc.zeros : tensor<3x?xf32>
  %r = scf.while (%l = %list) : (tensor<3x?xf32>) -> tensor<3x?xf32> {
    %c = "test.cond"(%l) : (tensor<3x?xf32>) -> i1
    scf.condition(%c) %l : tensor<3x?xf32>
  } do {
  ^bb0(%l: tensor<3x?xf32>):
    %n = tfc.add %l, %row : tensor<3x?xf32>, tensor<1x2xf32> -> tensor<3x?xf32>
    scf.yield %n : tensor<3x?xf32>
  }
  return %r : tensor<3x?xf32>
}
