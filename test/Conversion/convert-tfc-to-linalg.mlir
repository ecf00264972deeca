// RUN: tfc-opt %s -split-input-file -convert-tfc-to-linalg | FileCheck %s

// Each tfc op family lowers to linalg / tensor / arith / math on tensors.

// Const becomes arith.constant; Identity and NoOp disappear.
// CHECK-LABEL: func.func @const_identity_no_op
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: return %[[C]] : tensor<2xf32>
func.func @const_identity_no_op() -> tensor<2xf32> {
  %0 = tfc.const dense<[1.0, 2.0]> : tensor<2xf32>
  tfc.no_op
  %1 = tfc.identity %0 : tensor<2xf32>
  return %1 : tensor<2xf32>
}

// -----

// Same shapes: identity maps for both operands and the result.
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @add_same_shape
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2x3xf32>, %[[Y:[a-z0-9]+]]: tensor<2x3xf32>)
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ID2]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]], %[[Y]] : tensor<2x3xf32>, tensor<2x3xf32>) outs(%[[INIT]] : tensor<2x3xf32>)
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[A]], %[[B]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: return %[[R]]
func.func @add_same_shape(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tfc.add %x, %y : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A lower-rank operand is aligned to the trailing dimensions; a scalar has an
// empty map.
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$TRAIL:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[$SCALAR:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @broadcast_rank
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$TRAIL]], #[[$ID2]]]
// CHECK: arith.subf
// CHECK: linalg.generic {indexing_maps = [#[[$SCALAR]], #[[$ID2]], #[[$ID2]]]
// CHECK: arith.mulf
func.func @broadcast_rank(%x: tensor<2x3xf32>, %y: tensor<3xf32>, %s: tensor<f32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = tfc.sub %x, %y : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
  %1 = tfc.mul %s, %x : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// A size-1 dimension stretched to the result's size reads index 0.
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$COL:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @broadcast_size_one
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<4x5xi32>
// CHECK: linalg.generic {indexing_maps = [#[[$COL]], #[[$ROW]], #[[$ID2]]]
// CHECK-SAME: outs(%[[INIT]] : tensor<4x5xi32>)
// CHECK: arith.addi
func.func @broadcast_size_one(%x: tensor<4x1xi32>, %y: tensor<1x5xi32>) -> tensor<4x5xi32> {
  %0 = tfc.add %x, %y : tensor<4x1xi32>, tensor<1x5xi32> -> tensor<4x5xi32>
  return %0 : tensor<4x5xi32>
}

// -----

// The scalar computation of each binary op, float and integer.
// CHECK-LABEL: func.func @binary_bodies
// CHECK: arith.divf
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: arith.subi
// CHECK: arith.muli
// CHECK: arith.maxsi
// CHECK: arith.minsi
func.func @binary_bodies(%x: tensor<4xf32>, %i: tensor<4xi32>) {
  %0 = tfc.real_div %x, %x : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  %1 = tfc.maximum %x, %x : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  %2 = tfc.minimum %x, %x : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  %3 = tfc.sub %i, %i : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
  %4 = tfc.mul %i, %i : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
  %5 = tfc.maximum %i, %i : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
  %6 = tfc.minimum %i, %i : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
  return
}

// -----

// Unary ops and activations: one element to one element.
// CHECK-DAG: #[[$ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @unary
// CHECK: linalg.generic {indexing_maps = [#[[$ID1]], #[[$ID1]]], iterator_types = ["parallel"]}
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[N:.*]] = arith.negf %[[A]] : f32
// CHECK-NEXT: linalg.yield %[[N]]
// Integer Neg is 0 - x.
// CHECK: ^bb0(%[[I:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK: arith.subi %[[ZERO]], %[[I]] : i32
// Relu is max(x, 0).
// CHECK: ^bb0(%[[R:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[FZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: arith.maximumf %[[R]], %[[FZERO]] : f32
// CHECK: ^bb0(%[[RI:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[IZERO:.*]] = arith.constant 0 : i32
// CHECK: arith.maxsi %[[RI]], %[[IZERO]] : i32
// Sigmoid is 1 / (1 + exp(-x)).
// CHECK: ^bb0(%[[SX:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[NEG:.*]] = arith.negf %[[SX]] : f32
// CHECK: %[[EXP:.*]] = math.exp %[[NEG]] : f32
// CHECK: %[[DEN:.*]] = arith.addf %[[ONE]], %[[EXP]] : f32
// CHECK: arith.divf %[[ONE]], %[[DEN]] : f32
// CHECK: math.tanh
func.func @unary(%x: tensor<4xf32>, %i: tensor<4xi32>) {
  %0 = tfc.neg %x : tensor<4xf32>
  %1 = tfc.neg %i : tensor<4xi32>
  %2 = tfc.relu %x : tensor<4xf32>
  %3 = tfc.relu %i : tensor<4xi32>
  %4 = tfc.sigmoid %x : tensor<4xf32>
  %5 = tfc.tanh %x : tensor<4xf32>
  return
}

// -----

// MatMul is one contraction over (i, j, k) into a zero-filled result;
// transposes only change the operands' maps.
// CHECK-DAG: #[[$A:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[$B:.*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[$C:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2x3xf32>, %[[Y:[a-z0-9]+]]: tensor<3x4xf32>)
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<2x4xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[FILL:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[INIT]] : tensor<2x4xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[$A]], #[[$B]], #[[$C]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]], %[[Y]] : tensor<2x3xf32>, tensor<3x4xf32>) outs(%[[FILL]] : tensor<2x4xf32>)
// CHECK-NEXT: ^bb0(%[[AV:.*]]: f32, %[[BV:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[AV]], %[[BV]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
func.func @matmul(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = tfc.matmul %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// CHECK-DAG: #[[$AT:.*]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG: #[[$BT:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[$A:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[$B:.*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[$C:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @matmul_transposed
// CHECK: linalg.generic {indexing_maps = [#[[$AT]], #[[$B]], #[[$C]]]
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<3x2xf32>, tensor<3x4xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[$A]], #[[$BT]], #[[$C]]]
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<4x3xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[$AT]], #[[$BT]], #[[$C]]]
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<3x2xf32>, tensor<4x3xf32>)
func.func @matmul_transposed(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %at: tensor<3x2xf32>, %bt: tensor<4x3xf32>) {
  %0 = tfc.matmul %at, %b {transpose_a = true} : tensor<3x2xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %1 = tfc.matmul %a, %bt {transpose_b = true} : tensor<2x3xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
  %2 = tfc.matmul %at, %bt {transpose_a = true, transpose_b = true} : tensor<3x2xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
  return
}

// -----

// Integer MatMul multiplies and adds integers.
// CHECK-LABEL: func.func @matmul_int
// CHECK: arith.constant 0 : i32
// CHECK: arith.muli
// CHECK-NEXT: arith.addi
func.func @matmul_int(%a: tensor<2x3xi32>, %b: tensor<3x4xi32>) -> tensor<2x4xi32> {
  %0 = tfc.matmul %a, %b : tensor<2x3xi32>, tensor<3x4xi32> -> tensor<2x4xi32>
  return %0 : tensor<2x4xi32>
}

// -----

// BiasAdd reads the bias along the channel axis: last for NHWC, 1 for NCHW.
// CHECK-DAG: #[[$ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$LAST:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-DAG: #[[$CHAN:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @bias_add
// CHECK: linalg.generic {indexing_maps = [#[[$ID4]], #[[$LAST]], #[[$ID4]]]
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<1x2x2x3xf32>, tensor<3xf32>)
// CHECK: arith.addf
// CHECK: linalg.generic {indexing_maps = [#[[$ID4]], #[[$CHAN]], #[[$ID4]]]
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<1x3x2x2xf32>, tensor<3xf32>)
// CHECK: arith.addf
func.func @bias_add(%nhwc: tensor<1x2x2x3xf32>, %nchw: tensor<1x3x2x2xf32>, %b: tensor<3xf32>) {
  %0 = tfc.bias_add %nhwc, %b : tensor<1x2x2x3xf32>, tensor<3xf32> -> tensor<1x2x2x3xf32>
  %1 = tfc.bias_add %nchw, %b {data_format = #tfc.data_format<NCHW>} : tensor<1x3x2x2xf32>, tensor<3xf32> -> tensor<1x3x2x2xf32>
  return
}

// -----

// Softmax over the last dimension: row maximum (from -inf), exp(x - max),
// row sum (from 0), divide.
// CHECK-DAG: #[[$ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @softmax
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2x3xf32>)
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[MAXINIT:.*]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.*}} : tensor<2xf32>)
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<2x3xf32>) outs(%[[MAXINIT]] : tensor<2xf32>)
// CHECK: arith.maximumf
// CHECK: %[[EXP:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROW]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]], %[[MAX]] : tensor<2x3xf32>, tensor<2xf32>)
// CHECK: arith.subf
// CHECK-NEXT: math.exp
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[SUMINIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<2xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[EXP]] : tensor<2x3xf32>) outs(%[[SUMINIT]] : tensor<2xf32>)
// CHECK: arith.addf
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$ROW]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[EXP]], %[[SUM]] : tensor<2x3xf32>, tensor<2xf32>)
// CHECK: arith.divf
// CHECK: return %[[R]]
func.func @softmax(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = tfc.softmax %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Reshape collapses to 1-D and expands to the result shape: both are views
// after bufferization.
// CHECK-LABEL: func.func @reshape
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2x3xf32>)
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<2x3xf32> into tensor<6xf32>
// CHECK: %[[R:.*]] = tensor.expand_shape %[[FLAT]] {{\[}}[0, 1, 2]] output_shape [3, 1, 2] : tensor<6xf32> into tensor<3x1x2xf32>
// CHECK: return %[[R]]
func.func @reshape(%x: tensor<2x3xf32>) -> tensor<3x1x2xf32> {
  %s = tfc.const dense<[3, 1, -1]> : tensor<3xi32>
  %0 = tfc.reshape %x, %s : tensor<2x3xf32>, tensor<3xi32> -> tensor<3x1x2xf32>
  return %0 : tensor<3x1x2xf32>
}

// -----

// To 1-D only collapses; from 1-D only expands.
// CHECK-LABEL: func.func @reshape_flat
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2x3xf32>, %[[V:[a-z0-9]+]]: tensor<6xf32>)
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<2x3xf32> into tensor<6xf32>
// CHECK-NOT: tensor.expand_shape %[[FLAT]]
// CHECK: %[[M:.*]] = tensor.expand_shape %[[V]] {{\[}}[0, 1]] output_shape [3, 2] : tensor<6xf32> into tensor<3x2xf32>
// CHECK: return %[[FLAT]], %[[M]]
func.func @reshape_flat(%x: tensor<2x3xf32>, %v: tensor<6xf32>) -> (tensor<6xf32>, tensor<3x2xf32>) {
  %s = tfc.const dense<[-1]> : tensor<1xi64>
  %0 = tfc.reshape %x, %s : tensor<2x3xf32>, tensor<1xi64> -> tensor<6xf32>
  %t = tfc.const dense<[3, 2]> : tensor<2xi64>
  %1 = tfc.reshape %v, %t : tensor<6xf32>, tensor<2xi64> -> tensor<3x2xf32>
  return %0, %1 : tensor<6xf32>, tensor<3x2xf32>
}

// -----

// Rank 0 collapses and expands with an empty reassociation, in both
// directions, from rank 1 and from higher ranks.
// CHECK-LABEL: func.func @reshape_rank0
// CHECK-SAME: (%[[ONE:[a-z0-9]+]]: tensor<1x1xf32>, %[[S:[a-z0-9]+]]: tensor<f32>, %[[V:[a-z0-9]+]]: tensor<1xf32>)
// CHECK: %[[A:.*]] = tensor.collapse_shape %[[ONE]] [] : tensor<1x1xf32> into tensor<f32>
// CHECK: %[[B:.*]] = tensor.expand_shape %[[S]] [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
// CHECK: %[[C:.*]] = tensor.collapse_shape %[[V]] [] : tensor<1xf32> into tensor<f32>
// CHECK: %[[D:.*]] = tensor.expand_shape %[[S]] [] output_shape [1] : tensor<f32> into tensor<1xf32>
// CHECK: return %[[A]], %[[B]], %[[C]], %[[D]]
func.func @reshape_rank0(%one: tensor<1x1xf32>, %s: tensor<f32>, %v: tensor<1xf32>) -> (tensor<f32>, tensor<1x1xf32>, tensor<f32>, tensor<1xf32>) {
  %empty = tfc.const dense<> : tensor<0xi32>
  %ones = tfc.const dense<1> : tensor<2xi32>
  %one1 = tfc.const dense<1> : tensor<1xi32>
  %0 = tfc.reshape %one, %empty : tensor<1x1xf32>, tensor<0xi32> -> tensor<f32>
  %1 = tfc.reshape %s, %ones : tensor<f32>, tensor<2xi32> -> tensor<1x1xf32>
  %2 = tfc.reshape %v, %empty : tensor<1xf32>, tensor<0xi32> -> tensor<f32>
  %3 = tfc.reshape %s, %one1 : tensor<f32>, tensor<1xi32> -> tensor<1xf32>
  return %0, %1, %2, %3 : tensor<f32>, tensor<1x1xf32>, tensor<f32>, tensor<1xf32>
}

// -----

// A reshape to the same type is no op at all.
// CHECK-LABEL: func.func @reshape_same
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2x3xf32>)
// CHECK-NOT: tensor.collapse_shape
// CHECK-NOT: tensor.expand_shape
// CHECK: return %[[X]]
func.func @reshape_same(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %s = tfc.const dense<[2, 3]> : tensor<2xi32>
  %0 = tfc.reshape %x, %s : tensor<2x3xf32>, tensor<2xi32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
