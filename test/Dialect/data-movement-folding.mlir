// RUN: tfc-opt %s -split-input-file --tfc-shape-inference | FileCheck %s --check-prefixes=CHECK,SI
// RUN: tfc-opt %s -split-input-file --tfc-optimize | FileCheck %s --check-prefixes=CHECK,OPT

// The folders of the data movement ops: constant operands fold to constants
// (tfc-shape-inference folds ops whose operands are all constants), and
// run-time shape arithmetic becomes constants once the feeds' shapes are
// known. Shape folds on a static input that is not a constant, which only
// canonicalize exploits today, so the Keras chains are checked through the
// whole optimize phase (OPT).

// Keras' Flatten: Shape -> StridedSlice (batch size) -> Pack -> Reshape
// becomes a reshape to a static type.
// CHECK-LABEL: func.func @keras_flatten
// OPT-SAME: -> tensor<2x12xf32>
// OPT-NOT: tfc.shape
// OPT-NOT: tfc.strided_slice
// OPT-NOT: tfc.pack
// OPT: %[[SHAPE:.*]] = tfc.const dense<[2, -1]> : tensor<2xi32>
// OPT: %[[R:.*]] = tfc.reshape %{{.*}}, %[[SHAPE]] : tensor<2x3x4xf32>, tensor<2xi32> -> tensor<2x12xf32>
// OPT: return %[[R]] : tensor<2x12xf32>
func.func @keras_flatten(%x: tensor<2x3x4xf32>) -> tensor<?x?xf32> {
  %shape = tfc.shape %x {out_type = i32} : tensor<2x3x4xf32> -> tensor<3xi32>
  %b = tfc.const dense<0> : tensor<1xi32>
  %e = tfc.const dense<1> : tensor<1xi32>
  %s = tfc.const dense<1> : tensor<1xi32>
  %batch = tfc.strided_slice %shape, %b, %e, %s {shrink_axis_mask = 1 : i64} : tensor<3xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32> -> tensor<i32>
  %minus1 = tfc.const dense<-1> : tensor<i32>
  %packed = tfc.pack %batch, %minus1 : tensor<i32>, tensor<i32> -> tensor<2xi32>
  %flat = tfc.reshape %x, %packed : tensor<2x3x4xf32>, tensor<2xi32> -> tensor<?x?xf32>
  return %flat : tensor<?x?xf32>
}

// -----

// The same chain behind an op whose type was dynamic before inference, with
// Cast and a product over the sizes (Keras' Reshape layer with -1).
// CHECK-LABEL: func.func @refined_then_folded
// Shape inference alone refines the pad's type from its constant paddings.
// SI: tfc.pad {{.*}} : tensor<2x3x4xf32>, tensor<3x2xi32> -> tensor<2x3x4xf32>
// OPT-SAME: -> tensor<2x12xf32>
// OPT: tfc.const dense<[2, 12]> : tensor<2xi64>
// OPT: tfc.reshape {{.*}} -> tensor<2x12xf32>
func.func @refined_then_folded(%x: tensor<2x3x4xf32>) -> tensor<?x?xf32> {
  %zero = tfc.const dense<0> : tensor<3x2xi32>
  %y = tfc.pad %x, %zero : tensor<2x3x4xf32>, tensor<3x2xi32> -> tensor<?x?x?xf32>
  %shape = tfc.shape %y {out_type = i32} : tensor<?x?x?xf32> -> tensor<3xi32>
  %wide = tfc.cast %shape {DstT = i64} : tensor<3xi32> -> tensor<3xi64>
  %b = tfc.const dense<0> : tensor<1xi32>
  %e = tfc.const dense<1> : tensor<1xi32>
  %s = tfc.const dense<1> : tensor<1xi32>
  %batch = tfc.strided_slice %wide, %b, %e, %s {shrink_axis_mask = 1 : i64} : tensor<3xi64>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32> -> tensor<i64>
  %rest = tfc.strided_slice %wide, %e, %b, %s {end_mask = 1 : i64} : tensor<3xi64>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32> -> tensor<2xi64>
  %h = tfc.strided_slice %rest, %b, %e, %s {shrink_axis_mask = 1 : i64} : tensor<2xi64>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32> -> tensor<i64>
  %w = tfc.strided_slice %rest, %e, %b, %s {shrink_axis_mask = 1 : i64, end_mask = 1 : i64} : tensor<2xi64>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32> -> tensor<i64>
  %hw = tfc.mul %h, %w : tensor<i64>, tensor<i64> -> tensor<i64>
  %packed = tfc.pack %batch, %hw : tensor<i64>, tensor<i64> -> tensor<2xi64>
  %flat = tfc.reshape %y, %packed : tensor<?x?x?xf32>, tensor<2xi64> -> tensor<?x?xf32>
  return %flat : tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func.func @fold_pad
// CHECK: %[[C:.*]] = tfc.const dense<{{\[}}[0, 0, 0, 0], [0, 1, 2, 0], [0, 3, 4, 0]]> : tensor<3x4xi32>
// CHECK: %[[V:.*]] = tfc.const dense<{{\[}}[7, 1, 2, 7]]> : tensor<1x4xi32>
// CHECK: return %[[C]], %[[V]]
func.func @fold_pad() -> (tensor<3x4xi32>, tensor<1x4xi32>) {
  %x = tfc.const dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>
  %p = tfc.const dense<[[1, 0], [1, 1]]> : tensor<2x2xi32>
  %0 = tfc.pad %x, %p : tensor<2x2xi32>, tensor<2x2xi32> -> tensor<3x4xi32>
  %row = tfc.const dense<[[1, 2]]> : tensor<1x2xi32>
  %q = tfc.const dense<[[0, 0], [1, 1]]> : tensor<2x2xi64>
  %seven = tfc.const dense<7> : tensor<i32>
  %1 = tfc.pad %row, %q, %seven : tensor<1x2xi32>, tensor<2x2xi64>, tensor<i32> -> tensor<1x4xi32>
  return %0, %1 : tensor<3x4xi32>, tensor<1x4xi32>
}

// -----

// CHECK-LABEL: func.func @fold_concat
// CHECK: %[[C:.*]] = tfc.const dense<{{\[}}[1, 2, 5], [3, 4, 6]]> : tensor<2x3xi64>
// CHECK: %[[B:.*]] = tfc.const dense<[true, false, false]> : tensor<3xi1>
// CHECK: return %[[C]], %[[B]]
func.func @fold_concat() -> (tensor<2x3xi64>, tensor<3xi1>) {
  %a = tfc.const dense<[[1, 2], [3, 4]]> : tensor<2x2xi64>
  %b = tfc.const dense<[[5], [6]]> : tensor<2x1xi64>
  %axis = tfc.const dense<-1> : tensor<i32>
  %0 = tfc.concat_v2(%a, %b), %axis : (tensor<2x2xi64>, tensor<2x1xi64>), tensor<i32> -> tensor<2x3xi64>
  %t = tfc.const dense<true> : tensor<1xi1>
  %f = tfc.const dense<false> : tensor<2xi1>
  %zero = tfc.const dense<0> : tensor<i32>
  %1 = tfc.concat_v2(%t, %f), %zero : (tensor<1xi1>, tensor<2xi1>), tensor<i32> -> tensor<3xi1>
  return %0, %1 : tensor<2x3xi64>, tensor<3xi1>
}

// -----

// CHECK-LABEL: func.func @fold_pack
// CHECK: %[[C:.*]] = tfc.const dense<{{\[}}[1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
// CHECK: return %[[C]]
func.func @fold_pack() -> tensor<2x2xf32> {
  %a = tfc.const dense<[1.0, 2.0]> : tensor<2xf32>
  %b = tfc.const dense<[3.0, 4.0]> : tensor<2xf32>
  %0 = tfc.pack %a, %b {axis = 1 : i64} : tensor<2xf32>, tensor<2xf32> -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// CHECK-LABEL: func.func @fold_reshapes
// CHECK-DAG: %[[S:.*]] = tfc.const dense<[1, 2, 3]> : tensor<3xi32>
// CHECK-DAG: %[[E:.*]] = tfc.const dense<{{\[}}[1], [2], [3]]> : tensor<3x1xi32>
// CHECK: return %[[S]], %[[E]]
func.func @fold_reshapes() -> (tensor<3xi32>, tensor<3x1xi32>) {
  %x = tfc.const dense<[[1, 2, 3]]> : tensor<1x3xi32>
  %0 = tfc.squeeze %x : tensor<1x3xi32> -> tensor<3xi32>
  %d = tfc.const dense<-1> : tensor<i32>
  %1 = tfc.expand_dims %0, %d : tensor<3xi32>, tensor<i32> -> tensor<3x1xi32>
  return %0, %1 : tensor<3xi32>, tensor<3x1xi32>
}

// -----

// CHECK-LABEL: func.func @fold_transpose
// CHECK: %[[C:.*]] = tfc.const dense<{{\[}}[1, 4], [2, 5], [3, 6]]> : tensor<3x2xi8>
// CHECK: return %[[C]]
func.func @fold_transpose() -> tensor<3x2xi8> {
  %x = tfc.const dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi8>
  %perm = tfc.const dense<[1, 0]> : tensor<2xi32>
  %0 = tfc.transpose %x, %perm : tensor<2x3xi8>, tensor<2xi32> -> tensor<3x2xi8>
  return %0 : tensor<3x2xi8>
}

// -----

// CHECK-LABEL: func.func @fold_slices
// CHECK-DAG: %[[S:.*]] = tfc.const dense<{{\[}}[5, 6], [8, 9]]> : tensor<2x2xi32>
// CHECK-DAG: %[[R:.*]] = tfc.const dense<{{\[}}[9, 7], [3, 1]]> : tensor<2x2xi32>
// CHECK-DAG: %[[N:.*]] = tfc.const dense<{{\[}}[4, 5, 6]]> : tensor<1x3xi32>
// CHECK: return %[[S]], %[[R]], %[[N]]
func.func @fold_slices() -> (tensor<2x2xi32>, tensor<2x2xi32>, tensor<1x3xi32>) {
  %x = tfc.const dense<[[1, 2, 3], [4, 5, 6], [7, 8, 9]]> : tensor<3x3xi32>
  %begin = tfc.const dense<[1, 1]> : tensor<2xi32>
  %size = tfc.const dense<[-1, 2]> : tensor<2xi32>
  %0 = tfc.slice %x, %begin, %size : tensor<3x3xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<2x2xi32>
  // x[::-2, ::-2]
  %z = tfc.const dense<0> : tensor<2xi32>
  %m2 = tfc.const dense<-2> : tensor<2xi32>
  %1 = tfc.strided_slice %x, %z, %z, %m2 {begin_mask = 3 : i64, end_mask = 3 : i64} : tensor<3x3xi32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<2x2xi32>
  // x[tf.newaxis, 1]
  %b = tfc.const dense<[0, 1]> : tensor<2xi32>
  %e = tfc.const dense<[0, 2]> : tensor<2xi32>
  %s = tfc.const dense<1> : tensor<2xi32>
  %2 = tfc.strided_slice %x, %b, %e, %s {new_axis_mask = 1 : i64, shrink_axis_mask = 2 : i64} : tensor<3x3xi32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<1x3xi32>
  return %0, %1, %2 : tensor<2x2xi32>, tensor<2x2xi32>, tensor<1x3xi32>
}

// -----

// Casts follow TensorFlow: truncation toward zero, wrap-around through
// int32 for narrow integers, anything nonzero (NaN too) is true.
// CHECK-LABEL: func.func @fold_cast
// CHECK-DAG: tfc.const dense<[1, -1, 44, -3]> : tensor<4xi8>
// CHECK-DAG: tfc.const dense<[1, 255, 44, 253]> : tensor<4xui8>
// CHECK-DAG: tfc.const dense<[false, true, true, true]> : tensor<4xi1>
// CHECK-DAG: tfc.const dense<[0.000000e+00, 1.000000e+00]> : tensor<2xf64>
// CHECK-DAG: tfc.const dense<[2.550000e+02, 1.000000e+00]> : tensor<2xf32>
// The result of a NaN depends on the machine: left to run time.
// CHECK: tfc.cast %{{.*}} {DstT = i32}
func.func @fold_cast() -> (tensor<4xi8>, tensor<4xui8>, tensor<4xi1>, tensor<2xf64>, tensor<2xf32>, tensor<1xi32>) {
  %f = tfc.const dense<[1.7, -1.7, 300.5, -3.0]> : tensor<4xf32>
  %0 = tfc.cast %f {DstT = i8} : tensor<4xf32> -> tensor<4xi8>
  %1 = tfc.cast %f {DstT = ui8} : tensor<4xf32> -> tensor<4xui8>
  %g = tfc.const dense<[0.0, 0x7FC00000, -2.0, 0.5]> : tensor<4xf32>
  %2 = tfc.cast %g {DstT = i1} : tensor<4xf32> -> tensor<4xi1>
  %b = tfc.const dense<[false, true]> : tensor<2xi1>
  %3 = tfc.cast %b {DstT = f64} : tensor<2xi1> -> tensor<2xf64>
  %u = tfc.const dense<[255, 1]> : tensor<2xui8>
  %4 = tfc.cast %u {DstT = f32} : tensor<2xui8> -> tensor<2xf32>
  %nan = tfc.const dense<0x7FC00000> : tensor<1xf32>
  %5 = tfc.cast %nan {DstT = i32} : tensor<1xf32> -> tensor<1xi32>
  return %0, %1, %2, %3, %4, %5 : tensor<4xi8>, tensor<4xui8>, tensor<4xi1>, tensor<2xf64>, tensor<2xf32>, tensor<1xi32>
}

// -----

// Ops that change nothing fold to their input, constant or not
// (canonicalize).
// CHECK-LABEL: func.func @identities
// OPT-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// OPT-NEXT: return %[[X]], %[[X]], %[[X]], %[[X]], %[[X]], %[[X]]
func.func @identities(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %zeros = tfc.const dense<0> : tensor<2x2xi32>
  %0 = tfc.pad %x, %zeros : tensor<2x3xf32>, tensor<2x2xi32> -> tensor<2x3xf32>
  %perm = tfc.const dense<[0, 1]> : tensor<2xi32>
  %1 = tfc.transpose %x, %perm : tensor<2x3xf32>, tensor<2xi32> -> tensor<2x3xf32>
  %begin = tfc.const dense<0> : tensor<2xi32>
  %size = tfc.const dense<-1> : tensor<2xi32>
  %2 = tfc.slice %x, %begin, %size : tensor<2x3xf32>, tensor<2xi32>, tensor<2xi32> -> tensor<2x3xf32>
  %ones = tfc.const dense<1> : tensor<2xi32>
  %3 = tfc.strided_slice %x, %begin, %begin, %ones {begin_mask = 3 : i64, end_mask = 3 : i64} : tensor<2x3xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<2x3xf32>
  %4 = tfc.cast %x {DstT = f32} : tensor<2x3xf32> -> tensor<2x3xf32>
  %axis = tfc.const dense<0> : tensor<i32>
  %5 = tfc.concat_v2(%x), %axis : (tensor<2x3xf32>), tensor<i32> -> tensor<2x3xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}
