// RUN: tfc-opt %s -split-input-file --convert-tfc-to-linalg | FileCheck %s

// Lowering of the reductions: one linalg.generic per op, its init the op's
// identity and its body the op's combine step; constant axes (negative ones
// counted from the end) become reduction iterators.

// Mean over axis -2 with keep_dims: a sum with Kahan's compensation (the
// running sum s and what rounding lost, c: y = x - c, t = s + y, c = (t -
// s) - y, s = t), a division by the count, then the reduced axis put back
// as size 1.
// CHECK-LABEL: func.func @mean_keep_dims
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<2x4xf32>)
// CHECK: %[[SUM:.*]]:2 = linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]} ins(%arg0 : tensor<2x3x4xf32>) outs(%[[INIT]], %[[INIT]] : tensor<2x4xf32>, tensor<2x4xf32>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[S:.*]]: f32, %[[C:.*]]: f32):
// CHECK: %[[Y:.*]] = arith.subf %[[X]], %[[C]] : f32
// CHECK: %[[T:.*]] = arith.addf %[[S]], %[[Y]] : f32
// CHECK: %[[D:.*]] = arith.subf %[[T]], %[[S]] : f32
// CHECK: %[[LOST:.*]] = arith.subf %[[D]], %[[Y]] : f32
// CHECK: linalg.yield %[[T]], %[[LOST]] : f32, f32
// CHECK: %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[SUM]]#0 : tensor<2x4xf32>)
// CHECK: %[[COUNT:.*]] = arith.constant 3.000000e+00 : f32
// CHECK: arith.divf %{{.*}}, %[[COUNT]] : f32
// CHECK: tensor.expand_shape %[[MEAN]] {{\[\[}}0, 1], [2]] output_shape [2, 1, 4] : tensor<2x4xf32> into tensor<2x1x4xf32>
func.func @mean_keep_dims(%x: tensor<2x3x4xf32>) -> tensor<2x1x4xf32> {
  %a = tfc.const dense<-2> : tensor<1xi32>
  %0 = tfc.mean %x, %a {keep_dims = true} : tensor<2x3x4xf32>, tensor<1xi32> -> tensor<2x1x4xf32>
  return %0 : tensor<2x1x4xf32>
}

// -----

// Integer Mean divides with truncation, as TensorFlow does.
// CHECK-LABEL: func.func @mean_int
// CHECK: arith.addi
// CHECK: arith.divsi
func.func @mean_int(%x: tensor<2x3xi32>) -> tensor<2xi32> {
  %a = tfc.const dense<1> : tensor<i32>
  %0 = tfc.mean %x, %a : tensor<2x3xi32>, tensor<i32> -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// Sum over two axes at once, compensated; a float64 Sum is plain.
// CHECK-LABEL: func.func @sum_two_axes
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "parallel", "reduction"]} ins(%arg0 : tensor<2x3x4xf32>) outs(%{{.*}}, %{{.*}} : tensor<3xf32>, tensor<3xf32>)
// CHECK: arith.addf
// CHECK: linalg.generic {{.*}} ins(%arg1 : tensor<2x3xf64>) outs(%{{.*}} : tensor<2xf64>)
// CHECK-NEXT: ^bb0(%[[X64:.*]]: f64, %[[S64:.*]]: f64):
// CHECK-NEXT: %[[T64:.*]] = arith.addf %[[X64]], %[[S64]] : f64
// CHECK-NEXT: linalg.yield %[[T64]] : f64
func.func @sum_two_axes(%x: tensor<2x3x4xf32>, %d: tensor<2x3xf64>) -> (tensor<3xf32>, tensor<2xf64>) {
  %a = tfc.const dense<[0, 2]> : tensor<2xi32>
  %0 = tfc.sum %x, %a : tensor<2x3x4xf32>, tensor<2xi32> -> tensor<3xf32>
  %b = tfc.const dense<1> : tensor<i32>
  %1 = tfc.sum %d, %b : tensor<2x3xf64>, tensor<i32> -> tensor<2xf64>
  return %0, %1 : tensor<3xf32>, tensor<2xf64>
}

// -----

// Max starts from -inf, Min from +inf (floats); Prod from 1.
// CHECK-LABEL: func.func @max_min_prod
// CHECK: %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: linalg.fill ins(%[[NEG_INF]] : f32)
// CHECK: arith.maximumf
// CHECK: %[[POS_INF:.*]] = arith.constant 0x7F800000 : f32
// CHECK: linalg.fill ins(%[[POS_INF]] : f32)
// CHECK: arith.minimumf
// CHECK: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK: linalg.fill ins(%[[ONE]] : i32)
// CHECK: iterator_types = ["reduction", "parallel"]
// CHECK: arith.muli
func.func @max_min_prod(%x: tensor<2x3xf32>, %i: tensor<2x3xi32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<3xi32>) {
  %a = tfc.const dense<1> : tensor<i32>
  %b = tfc.const dense<0> : tensor<i32>
  %0 = tfc.max %x, %a : tensor<2x3xf32>, tensor<i32> -> tensor<2xf32>
  %1 = tfc.min %x, %a : tensor<2x3xf32>, tensor<i32> -> tensor<2xf32>
  %2 = tfc.prod %i, %b : tensor<2x3xi32>, tensor<i32> -> tensor<3xi32>
  return %0, %1, %2 : tensor<2xf32>, tensor<2xf32>, tensor<3xi32>
}

// -----

// All starts from true and ands; Any starts from false and ors.
// CHECK-LABEL: func.func @all_any
// CHECK: %[[TRUE:.*]] = arith.constant true
// CHECK: linalg.fill ins(%[[TRUE]] : i1)
// CHECK: arith.andi
// CHECK: %[[FALSE:.*]] = arith.constant false
// CHECK: linalg.fill ins(%[[FALSE]] : i1)
// CHECK: arith.ori
func.func @all_any(%x: tensor<2x3xi1>) -> (tensor<2xi1>, tensor<2xi1>) {
  %a = tfc.const dense<1> : tensor<i32>
  %0 = tfc.all %x, %a : tensor<2x3xi1>, tensor<i32> -> tensor<2xi1>
  %1 = tfc.any %x, %a : tensor<2x3xi1>, tensor<i32> -> tensor<2xi1>
  return %0, %1 : tensor<2xi1>, tensor<2xi1>
}

// -----

// ArgMax carries (value, index) and replaces both only on a strictly greater
// value, so a tie keeps the first index, as TensorFlow does; ArgMin the same
// with a strictly smaller one.
// CHECK-LABEL: func.func @arg_max_min
// CHECK: %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[VALUES:.*]] = linalg.fill ins(%[[NEG_INF]] : f32)
// CHECK: %[[INDICES:.*]] = linalg.fill ins(%{{.*}} : i64)
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%arg0 : tensor<2x3xf32>) outs(%[[VALUES]], %[[INDICES]] : tensor<2xf32>, tensor<2xi64>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %[[BEST:.*]]: f32, %[[BEST_INDEX:.*]]: i64):
// CHECK: %[[I:.*]] = linalg.index 1 : index
// CHECK: %[[I64:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK: %[[BETTER:.*]] = arith.cmpf ogt, %[[IN]], %[[BEST]] : f32
// CHECK: arith.select %[[BETTER]], %[[IN]], %[[BEST]] : f32
// CHECK: arith.select %[[BETTER]], %[[I64]], %[[BEST_INDEX]] : i64
// CHECK: %[[POS_INF:.*]] = arith.constant 0x7F800000 : f32
// CHECK: arith.index_cast %{{.*}} : index to i32
// CHECK: arith.cmpf olt
func.func @arg_max_min(%x: tensor<2x3xf32>) -> (tensor<2xi64>, tensor<2xi32>) {
  %a = tfc.const dense<1> : tensor<i32>
  %0 = tfc.arg_max %x, %a {output_type = i64} : tensor<2x3xf32>, tensor<i32> -> tensor<2xi64>
  %1 = tfc.arg_min %x, %a {output_type = i32} : tensor<2x3xf32>, tensor<i32> -> tensor<2xi32>
  return %0, %1 : tensor<2xi64>, tensor<2xi32>
}
