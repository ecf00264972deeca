// RUN: tfc-opt %s -split-input-file -canonicalize | FileCheck %s

// Folders of the tfc ops, run through the canonicalizer.

// CHECK-LABEL: func.func @identity_folds
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2xf32>)
// CHECK-NEXT: return %[[X]] : tensor<2xf32>
func.func @identity_folds(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = tfc.identity %x : tensor<2xf32>
  %1 = tfc.identity %0 : tensor<2xf32>
  return %1 : tensor<2xf32>
}

// -----

// A no_op has no results and no effects.
// CHECK-LABEL: func.func @no_op_erased
// CHECK-NEXT: return
func.func @no_op_erased() {
  tfc.no_op {tfc.control_inputs = ["init"]}
  return
}

// -----

// CHECK-LABEL: func.func @add_float
// CHECK-NEXT: %[[C:.*]] = tfc.const dense<[1.100000e+01, 2.200000e+01]> : tensor<2xf32>
// CHECK-NEXT: return %[[C]]
func.func @add_float() -> tensor<2xf32> {
  %a = tfc.const dense<[1.0, 2.0]> : tensor<2xf32>
  %b = tfc.const dense<[10.0, 20.0]> : tensor<2xf32>
  %0 = tfc.add %a, %b : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Splats fold to a splat.
// CHECK-LABEL: func.func @add_splats
// CHECK-NEXT: %[[C:.*]] = tfc.const dense<42> : tensor<2x3xi32>
// CHECK-NEXT: return %[[C]]
func.func @add_splats() -> tensor<2x3xi32> {
  %a = tfc.const dense<40> : tensor<2x3xi32>
  %b = tfc.const dense<2> : tensor<2x3xi32>
  %0 = tfc.add %a, %b : tensor<2x3xi32>, tensor<2x3xi32> -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// (a * b - a) negated, all on constants: -(3*5 - 3), -(4*6 - 4).
// CHECK-LABEL: func.func @mul_sub_neg_int
// CHECK-NEXT: %[[C:.*]] = tfc.const dense<[-12, -20]> : tensor<2xi32>
// CHECK-NEXT: return %[[C]]
func.func @mul_sub_neg_int() -> tensor<2xi32> {
  %a = tfc.const dense<[3, 4]> : tensor<2xi32>
  %b = tfc.const dense<[5, 6]> : tensor<2xi32>
  %0 = tfc.mul %a, %b : tensor<2xi32>, tensor<2xi32> -> tensor<2xi32>
  %1 = tfc.sub %0, %a : tensor<2xi32>, tensor<2xi32> -> tensor<2xi32>
  %2 = tfc.neg %1 : tensor<2xi32>
  return %2 : tensor<2xi32>
}

// -----

// CHECK-LABEL: func.func @sub_neg_float
// CHECK-DAG: %[[SUB:.*]] = tfc.const dense<[-1.500000e+00, 5.000000e-01]> : tensor<2xf32>
// CHECK-DAG: %[[NEG:.*]] = tfc.const dense<-2.500000e+00> : tensor<f32>
// CHECK: return %[[SUB]], %[[NEG]]
func.func @sub_neg_float() -> (tensor<2xf32>, tensor<f32>) {
  %a = tfc.const dense<[1.0, 2.5]> : tensor<2xf32>
  %b = tfc.const dense<[2.5, 2.0]> : tensor<2xf32>
  %0 = tfc.sub %a, %b : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  %s = tfc.const dense<2.5> : tensor<f32>
  %1 = tfc.neg %s : tensor<f32>
  return %0, %1 : tensor<2xf32>, tensor<f32>
}

// -----

// CHECK-LABEL: func.func @max_min_div
// CHECK-DAG: %[[MAX:.*]] = tfc.const dense<[4.000000e+00, 5.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[MIN:.*]] = tfc.const dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[DIV:.*]] = tfc.const dense<[2.500000e-01, 2.500000e+00]> : tensor<2xf32>
// CHECK: return %[[MAX]], %[[MIN]], %[[DIV]]
func.func @max_min_div() -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %a = tfc.const dense<[1.0, 5.0]> : tensor<2xf32>
  %b = tfc.const dense<[4.0, 2.0]> : tensor<2xf32>
  %0 = tfc.maximum %a, %b : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  %1 = tfc.minimum %a, %b : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  %2 = tfc.real_div %a, %b : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  return %0, %1, %2 : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_of_constant
// CHECK-NEXT: %[[C:.*]] = tfc.const dense<{{\[}}[1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
// CHECK-NEXT: return %[[C]]
func.func @reshape_of_constant() -> tensor<2x2xf32> {
  %a = tfc.const dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %s = tfc.const dense<[2, -1]> : tensor<2xi32>
  %0 = tfc.reshape %a, %s : tensor<4xf32>, tensor<2xi32> -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// A reshape to the same static type is the identity.
// CHECK-LABEL: func.func @reshape_same_type
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2x2xf32>)
// CHECK-NEXT: return %[[X]]
func.func @reshape_same_type(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %s = tfc.const dense<[2, 2]> : tensor<2xi32>
  %0 = tfc.reshape %x, %s : tensor<2x2xf32>, tensor<2xi32> -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// Rsqrt folds (it is the rsqrt(variance + epsilon) of unfused batch norms),
// rounded once from double: 1/sqrt(2) is 0x3F3504F3 in f32.
// CHECK-LABEL: func.func @rsqrt
// CHECK-DAG: %[[A:.*]] = tfc.const dense<[5.000000e-01, 2.000000e+00, 0.707106769]> : tensor<3xf32>
// CHECK-DAG: %[[B:.*]] = tfc.const dense<0.70710678118654746> : tensor<2xf64>
// CHECK: return %[[A]], %[[B]]
func.func @rsqrt() -> (tensor<3xf32>, tensor<2xf64>) {
  %a = tfc.const dense<[4.0, 0.25, 2.0]> : tensor<3xf32>
  %b = tfc.const dense<2.0> : tensor<2xf64>
  %0 = tfc.rsqrt %a : tensor<3xf32>
  %1 = tfc.rsqrt %b : tensor<2xf64>
  return %0, %1 : tensor<3xf32>, tensor<2xf64>
}

// -----

// Folding needs every operand constant.
// CHECK-LABEL: func.func @add_not_constant
// CHECK: %[[C:.*]] = tfc.const
// CHECK: %[[R:.*]] = tfc.add %{{.*}}, %[[C]]
// CHECK: return %[[R]]
func.func @add_not_constant(%x: tensor<2xf32>) -> tensor<2xf32> {
  %b = tfc.const dense<[10.0, 20.0]> : tensor<2xf32>
  %0 = tfc.add %x, %b : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// A non-splat constant that must be broadcast is left to a later pass.
// CHECK-LABEL: func.func @add_broadcast_not_folded
// CHECK: tfc.add
func.func @add_broadcast_not_folded() -> tensor<2x2xf32> {
  %a = tfc.const dense<[1.0, 5.0]> : tensor<2xf32>
  %b = tfc.const dense<[[3.0, 2.0], [1.0, 1.0]]> : tensor<2x2xf32>
  %0 = tfc.add %a, %b : tensor<2xf32>, tensor<2x2xf32> -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// FloorMod and FloorDiv of integer constants fold (Keras' SpaceToBatchND
// padding arithmetic); the remainder takes the divisor's sign. Division by
// zero is left for run time.
// CHECK-LABEL: func.func @fold_floor_mod_div
// CHECK-DAG: %[[MOD:.*]] = tfc.const dense<[2, 1, -1, 0]> : tensor<4xi32>
// CHECK-DAG: %[[DIV:.*]] = tfc.const dense<[-3, 2, -3, 0]> : tensor<4xi32>
// CHECK-DAG: %[[BYZERO:.*]] = tfc.floor_div
// CHECK: return %[[MOD]], %[[DIV]], %[[BYZERO]]
func.func @fold_floor_mod_div() -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) {
  %x = tfc.const dense<[-7, 7, 5, 0]> : tensor<4xi32>
  %y = tfc.const dense<[3, 3, -2, 3]> : tensor<4xi32>
  %z = tfc.const dense<0> : tensor<4xi32>
  %0 = tfc.floor_mod %x, %y : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
  %1 = tfc.floor_div %x, %y : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
  %2 = tfc.floor_div %x, %z : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
  return %0, %1, %2 : tensor<4xi32>, tensor<4xi32>, tensor<4xi32>
}
