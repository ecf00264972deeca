// RUN: tfc-opt %s -split-input-file --convert-tfc-to-linalg | FileCheck %s

// Lowering of the data movement ops to tensor and linalg ops.

// Pad: a filled tensor with the input inserted at the low paddings.
// CHECK-LABEL: func.func @pad
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[V:.*]]: tensor<f32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[E0:.*]] = tensor.empty() : tensor<3x6xf32>
// CHECK: %[[F0:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E0]] : tensor<3x6xf32>)
// CHECK: %[[P0:.*]] = tensor.insert_slice %[[X]] into %[[F0]][1, 2] [2, 3] [1, 1] : tensor<2x3xf32> into tensor<3x6xf32>
// PadV2's value is a scalar tensor, read at run time.
// CHECK: %[[VALUE:.*]] = tensor.extract %[[V]][] : tensor<f32>
// CHECK: %[[E1:.*]] = tensor.empty() : tensor<3x6xf32>
// CHECK: %[[F1:.*]] = linalg.fill ins(%[[VALUE]] : f32) outs(%[[E1]] : tensor<3x6xf32>)
// CHECK: %[[P1:.*]] = tensor.insert_slice %[[X]] into %[[F1]][1, 2] [2, 3] [1, 1]
// CHECK: return %[[P0]], %[[P1]]
func.func @pad(%x: tensor<2x3xf32>, %v: tensor<f32>) -> (tensor<3x6xf32>, tensor<3x6xf32>) {
  %p = tfc.const dense<[[1, 0], [2, 1]]> : tensor<2x2xi32>
  %0 = tfc.pad %x, %p : tensor<2x3xf32>, tensor<2x2xi32> -> tensor<3x6xf32>
  %1 = tfc.pad %x, %p, %v : tensor<2x3xf32>, tensor<2x2xi32>, tensor<f32> -> tensor<3x6xf32>
  return %0, %1 : tensor<3x6xf32>, tensor<3x6xf32>
}

// -----

// ConcatV2 is one tensor.concat (a chain of insert_slices made one-shot
// bufferization superlinear in the number of inputs).
// CHECK-LABEL: func.func @concat_v2
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<2x5xf32>)
// CHECK: %[[C:.*]] = tensor.concat dim(1) %[[A]], %[[B]] : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
// CHECK: return %[[C]]
func.func @concat_v2(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>) -> tensor<2x8xf32> {
  %axis = tfc.const dense<-1> : tensor<i32>
  %0 = tfc.concat_v2(%a, %b), %axis : (tensor<2x3xf32>, tensor<2x5xf32>), tensor<i32> -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// Pack: each value gains a unit dimension at the axis (a view), then one
// tensor.concat along it.
// CHECK-LABEL: func.func @pack
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<2x3xf32>)
// CHECK: %[[EA:.*]] = tensor.expand_shape %[[A]] {{\[}}[0], [1, 2]] output_shape [2, 1, 3]
// CHECK: %[[EB:.*]] = tensor.expand_shape %[[B]] {{\[}}[0], [1, 2]] output_shape [2, 1, 3]
// CHECK: %[[C:.*]] = tensor.concat dim(1) %[[EA]], %[[EB]] : (tensor<2x1x3xf32>, tensor<2x1x3xf32>) -> tensor<2x2x3xf32>
// CHECK: return %[[C]]
func.func @pack(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x2x3xf32> {
  %0 = tfc.pack %a, %b {axis = 1 : i64} : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x2x3xf32>
  return %0 : tensor<2x2x3xf32>
}

// -----

// Squeeze and ExpandDims are one collapse or expand (views).
// CHECK-LABEL: func.func @squeeze_expand_dims
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x1xf32>)
// CHECK: %[[S:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1, 2]] : tensor<1x3x1xf32> into tensor<3xf32>
// CHECK: %[[E:.*]] = tensor.expand_shape %[[X]] {{\[}}[0], [1, 2], [3]] output_shape [1, 1, 3, 1] : tensor<1x3x1xf32> into tensor<1x1x3x1xf32>
// CHECK: return %[[S]], %[[E]]
func.func @squeeze_expand_dims(%x: tensor<1x3x1xf32>) -> (tensor<3xf32>, tensor<1x1x3x1xf32>) {
  %0 = tfc.squeeze %x : tensor<1x3x1xf32> -> tensor<3xf32>
  %d = tfc.const dense<0> : tensor<i32>
  %1 = tfc.expand_dims %x, %d : tensor<1x3x1xf32>, tensor<i32> -> tensor<1x1x3x1xf32>
  return %0, %1 : tensor<3xf32>, tensor<1x1x3x1xf32>
}

// -----

// Negative perm entries are normalized.
// CHECK-LABEL: func.func @transpose
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x2x3xf32>
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[E]] : tensor<4x2x3xf32>) permutation = [2, 0, 1]
// CHECK: return %[[T]]
func.func @transpose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %perm = tfc.const dense<[-1, 0, 1]> : tensor<3xi32>
  %0 = tfc.transpose %x, %perm : tensor<2x3x4xf32>, tensor<3xi32> -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}

// -----

// CHECK-LABEL: func.func @slice
// CHECK-SAME: (%[[X:.*]]: tensor<4x5xf32>, %[[B:.*]]: tensor<2xi32>)
// CHECK: %[[S:.*]] = tensor.extract_slice %[[X]][1, 1] [2, 4] [1, 1] : tensor<4x5xf32> to tensor<2x4xf32>
// A begin computed at run time is clamped into the input.
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[B0:.*]] = tensor.extract %[[B]][%[[C0]]] : tensor<2xi32>
// CHECK: %[[I0:.*]] = arith.index_cast %[[B0]] : i32 to index
// CHECK: %[[L0:.*]] = arith.maxsi %[[I0]], %[[C0]] : index
// CHECK: %[[LAST0:.*]] = arith.constant 2 : index
// CHECK: %[[O0:.*]] = arith.minsi %[[L0]], %[[LAST0]] : index
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[B1:.*]] = tensor.extract %[[B]][%[[C1]]] : tensor<2xi32>
// CHECK: %[[I1:.*]] = arith.index_cast %[[B1]] : i32 to index
// CHECK: %[[L1:.*]] = arith.maxsi %[[I1]], %[[C0]] : index
// CHECK: %[[LAST1:.*]] = arith.constant 2 : index
// CHECK: %[[O1:.*]] = arith.minsi %[[L1]], %[[LAST1]] : index
// CHECK: %[[R:.*]] = tensor.extract_slice %[[X]][%[[O0]], %[[O1]]] [2, 3] [1, 1] : tensor<4x5xf32> to tensor<2x3xf32>
// CHECK: return %[[S]], %[[R]]
func.func @slice(%x: tensor<4x5xf32>, %b: tensor<2xi32>) -> (tensor<2x4xf32>, tensor<2x3xf32>) {
  %begin = tfc.const dense<[1, 1]> : tensor<2xi32>
  %size = tfc.const dense<[2, -1]> : tensor<2xi32>
  %0 = tfc.slice %x, %begin, %size : tensor<4x5xf32>, tensor<2xi32>, tensor<2xi32> -> tensor<2x4xf32>
  %size2 = tfc.const dense<[2, 3]> : tensor<2xi32>
  %1 = tfc.slice %x, %b, %size2 : tensor<4x5xf32>, tensor<2xi32>, tensor<2xi32> -> tensor<2x3xf32>
  return %0, %1 : tensor<2x4xf32>, tensor<2x3xf32>
}

// -----

// Positive strides: an extract_slice of the input's rank, then a reshape
// that drops the shrunk dimensions and adds the new axes.
// CHECK-LABEL: func.func @strided_slice
// CHECK-SAME: (%[[X:.*]]: tensor<4x5xf32>)
// CHECK: %[[A:.*]] = tensor.extract_slice %[[X]][1, 0] [1, 5] [1, 1] : tensor<4x5xf32> to tensor<1x5xf32>
// CHECK: %[[B:.*]] = tensor.extract_slice %[[X]][0, 1] [2, 2] [3, 2] : tensor<4x5xf32> to tensor<2x2xf32>
// CHECK: return %[[A]], %[[B]]
func.func @strided_slice(%x: tensor<4x5xf32>) -> (tensor<1x5xf32>, tensor<2x2xf32>) {
  // x[tf.newaxis, 1]
  %b = tfc.const dense<[0, 1]> : tensor<2xi32>
  %e = tfc.const dense<[0, 2]> : tensor<2xi32>
  %s = tfc.const dense<1> : tensor<2xi32>
  %0 = tfc.strided_slice %x, %b, %e, %s {new_axis_mask = 1 : i64, shrink_axis_mask = 2 : i64} : tensor<4x5xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<1x5xf32>
  // x[:4:3, 1::2]
  %b1 = tfc.const dense<[0, 1]> : tensor<2xi32>
  %e1 = tfc.const dense<[4, 0]> : tensor<2xi32>
  %s1 = tfc.const dense<[3, 2]> : tensor<2xi32>
  %1 = tfc.strided_slice %x, %b1, %e1, %s1 {end_mask = 2 : i64} : tensor<4x5xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<2x2xf32>
  return %0, %1 : tensor<1x5xf32>, tensor<2x2xf32>
}

// -----

// A dimension of one element is taken with stride 1 whatever its stride
// (a unit dimension with stride 2 made bufferization's rank-reducing
// subview crash), and shrunk dimensions are dropped by a collapse_shape,
// not by a rank-reducing extract_slice.
// CHECK-LABEL: func.func @strided_slice_unit_strided
// CHECK-SAME: (%[[X:.*]]: tensor<1x2xf32>, %[[Y:.*]]: tensor<1x1xf32>, %[[Z:.*]]: tensor<4x5xf32>)
// CHECK: %[[A:.*]] = tensor.extract_slice %[[X]][0, 0] [1, 1] [1, 1] : tensor<1x2xf32> to tensor<1x1xf32>
// CHECK: %[[AC:.*]] = tensor.collapse_shape %[[A]] {{\[}}[0, 1]] : tensor<1x1xf32> into tensor<1xf32>
// The slice of y is all of y.
// CHECK: %[[BC:.*]] = tensor.collapse_shape %[[Y]] {{\[}}[0, 1]] : tensor<1x1xf32> into tensor<1xf32>
// CHECK: %[[C:.*]] = tensor.extract_slice %[[Z]][1, 0] [1, 3] [1, 2] : tensor<4x5xf32> to tensor<1x3xf32>
// CHECK: %[[CC:.*]] = tensor.collapse_shape %[[C]] {{\[}}[0, 1]] : tensor<1x3xf32> into tensor<3xf32>
// CHECK: return %[[AC]], %[[BC]], %[[CC]]
func.func @strided_slice_unit_strided(%x: tensor<1x2xf32>, %y: tensor<1x1xf32>, %z: tensor<4x5xf32>) -> (tensor<1xf32>, tensor<1xf32>, tensor<3xf32>) {
  // x[0:1:2, 0]
  %b = tfc.const dense<[0, 0]> : tensor<2xi32>
  %e = tfc.const dense<[1, 0]> : tensor<2xi32>
  %s = tfc.const dense<[2, 1]> : tensor<2xi32>
  %0 = tfc.strided_slice %x, %b, %e, %s {shrink_axis_mask = 2 : i64} : tensor<1x2xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<1xf32>
  // y[0, :2:2]
  %b1 = tfc.const dense<[0, 1]> : tensor<2xi32>
  %e1 = tfc.const dense<[1, 2]> : tensor<2xi32>
  %s1 = tfc.const dense<[1, 2]> : tensor<2xi32>
  %1 = tfc.strided_slice %y, %b1, %e1, %s1 {begin_mask = 2 : i64, shrink_axis_mask = 1 : i64} : tensor<1x1xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<1xf32>
  // z[1, ::2], the shrunk dimension with stride 2
  %b2 = tfc.const dense<[1, 0]> : tensor<2xi32>
  %e2 = tfc.const dense<[2, 0]> : tensor<2xi32>
  %s2 = tfc.const dense<2> : tensor<2xi32>
  %2 = tfc.strided_slice %z, %b2, %e2, %s2 {end_mask = 2 : i64, shrink_axis_mask = 1 : i64} : tensor<4x5xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<3xf32>
  return %0, %1, %2 : tensor<1xf32>, tensor<1xf32>, tensor<3xf32>
}

// -----

// Negative strides: a view from the lowest element with the positive
// stride, then a copy that reverses the backward dimensions. The copy's
// input and output have the same shape, whatever the other dimensions take.
// CHECK-DAG: #[[BACKWARD:.*]] = affine_map<(d0, d1) -> (d0, -d1 + 1)>
// CHECK-DAG: #[[SHRUNK:.*]] = affine_map<(d0, d1) -> (d0, -d1 + 4)>
// CHECK-LABEL: func.func @strided_slice_backward
// CHECK-SAME: (%[[X:.*]]: tensor<4x5xf32>)
// CHECK: %[[V:.*]] = tensor.extract_slice %[[X]][0, 2] [2, 2] [2, 2] : tensor<4x5xf32> to tensor<2x2xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x2xf32>
// CHECK: %[[G:.*]] = linalg.generic {indexing_maps = [#[[BACKWARD]], #{{.*}}], iterator_types = ["parallel", "parallel"]} ins(%[[V]] : tensor<2x2xf32>) outs(%[[E]] : tensor<2x2xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[IN]] : f32
// CHECK: %[[V1:.*]] = tensor.extract_slice %[[X]][2, 0] [1, 5] [1, 1] : tensor<4x5xf32> to tensor<1x5xf32>
// CHECK: %[[G1:.*]] = linalg.generic {indexing_maps = [#[[SHRUNK]], #{{.*}}], iterator_types = ["parallel", "parallel"]} ins(%[[V1]] : tensor<1x5xf32>) outs(%{{.*}} : tensor<1x5xf32>)
// CHECK: %[[C1:.*]] = tensor.collapse_shape %[[G1]] {{\[}}[0, 1]] : tensor<1x5xf32> into tensor<5xf32>
// CHECK: return %[[G]], %[[C1]]
func.func @strided_slice_backward(%x: tensor<4x5xf32>) -> (tensor<2x2xf32>, tensor<5xf32>) {
  // x[::2, -1:0:-2]
  %b = tfc.const dense<[0, -1]> : tensor<2xi32>
  %e = tfc.const dense<[0, 0]> : tensor<2xi32>
  %s = tfc.const dense<[2, -2]> : tensor<2xi32>
  %0 = tfc.strided_slice %x, %b, %e, %s {begin_mask = 1 : i64, end_mask = 1 : i64} : tensor<4x5xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<2x2xf32>
  // x[2, ::-1]
  %b1 = tfc.const dense<[2, 0]> : tensor<2xi32>
  %e1 = tfc.const dense<[3, 0]> : tensor<2xi32>
  %s1 = tfc.const dense<[1, -1]> : tensor<2xi32>
  %1 = tfc.strided_slice %x, %b1, %e1, %s1 {begin_mask = 2 : i64, end_mask = 2 : i64, shrink_axis_mask = 1 : i64} : tensor<4x5xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<5xf32>
  return %0, %1 : tensor<2x2xf32>, tensor<5xf32>
}

// -----

// A backward dimension next to a dimension that keeps part of the input
// from index 0 with stride 1: the copy used to read the input directly, and
// linalg inferred that loop's bound from the input (5), not the result (1).
// CHECK-DAG: #[[REVERSE:.*]] = affine_map<(d0, d1) -> (d0, -d1 + 18)>
// CHECK-DAG: #[[REVERSE3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, -d2 + 1)>
// CHECK-LABEL: func.func @strided_slice_backward_partial
// CHECK-SAME: (%[[X:.*]]: tensor<5x53xf32>, %[[Y:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[V:.*]] = tensor.extract_slice %[[X]][0, 9] [1, 19] [1, 1] : tensor<5x53xf32> to tensor<1x19xf32>
// CHECK: %[[G:.*]] = linalg.generic {indexing_maps = [#[[REVERSE]], #{{.*}}], iterator_types = ["parallel", "parallel"]} ins(%[[V]] : tensor<1x19xf32>) outs(%{{.*}} : tensor<1x19xf32>)
// CHECK: %[[V1:.*]] = tensor.extract_slice %[[Y]][0, 1, 1] [2, 1, 2] [1, 1, 2] : tensor<2x3x4xf32> to tensor<2x1x2xf32>
// CHECK: %[[G1:.*]] = linalg.generic {indexing_maps = [#[[REVERSE3]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[V1]] : tensor<2x1x2xf32>) outs(%{{.*}} : tensor<2x1x2xf32>)
// CHECK: %[[C1:.*]] = tensor.collapse_shape %[[G1]]
// CHECK-SAME: into tensor<2x2xf32>
// CHECK: %[[E1:.*]] = tensor.expand_shape %[[C1]]
// CHECK-SAME: into tensor<1x2x2xf32>
// CHECK: return %[[G]], %[[E1]]
func.func @strided_slice_backward_partial(%x: tensor<5x53xf32>, %y: tensor<2x3x4xf32>) -> (tensor<1x19xf32>, tensor<1x2x2xf32>) {
  // x[:1, -26:8:-1]
  %b = tfc.const dense<[1, -26]> : tensor<2xi64>
  %e = tfc.const dense<[1, 8]> : tensor<2xi64>
  %s = tfc.const dense<[1, -1]> : tensor<2xi64>
  %0 = tfc.strided_slice %x, %b, %e, %s {begin_mask = 1 : i64} : tensor<5x53xf32>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64> -> tensor<1x19xf32>
  // y[tf.newaxis, ..., 1, ::-2]
  %b1 = tfc.const dense<[0, 0, 1, 0]> : tensor<4xi32>
  %e1 = tfc.const dense<[0, 0, 2, 0]> : tensor<4xi32>
  %s1 = tfc.const dense<[1, 1, 1, -2]> : tensor<4xi32>
  %1 = tfc.strided_slice %y, %b1, %e1, %s1 {new_axis_mask = 1 : i64, ellipsis_mask = 2 : i64, shrink_axis_mask = 4 : i64, begin_mask = 8 : i64, end_mask = 8 : i64} : tensor<2x3x4xf32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32> -> tensor<1x2x2xf32>
  return %0, %1 : tensor<1x19xf32>, tensor<1x2x2xf32>
}

// -----

// CHECK-LABEL: func.func @shape
// CHECK: %[[C:.*]] = arith.constant dense<[2, 3]> : tensor<2xi64>
// CHECK: return %[[C]]
func.func @shape(%x: tensor<2x3xf32>) -> tensor<2xi64> {
  %0 = tfc.shape %x {out_type = i64} : tensor<2x3xf32> -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// Cast: one conversion per element, as C++ static_cast does it.
// CHECK-LABEL: func.func @cast
// Narrow integers go through int32.
// CHECK: linalg.generic
// CHECK: ^bb0(%[[F:.*]]: f32, %{{.*}}: i8):
// CHECK-NEXT: %[[W:.*]] = arith.fptosi %[[F]] : f32 to i32
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[W]] : i32 to i8
// CHECK-NEXT: linalg.yield %[[T]] : i8
// To bool: not equal to zero, NaN included.
// CHECK: ^bb0(%[[F2:.*]]: f32, %{{.*}}: i1):
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[NE:.*]] = arith.cmpf une, %[[F2]], %[[Z]] : f32
// CHECK-NEXT: linalg.yield %[[NE]] : i1
// From bool: 0 or 1.
// CHECK: ^bb0(%[[B:.*]]: i1, %{{.*}}: f32):
// CHECK-NEXT: %[[BF:.*]] = arith.uitofp %[[B]] : i1 to f32
// CHECK: ^bb0(%[[I:.*]]: i64, %{{.*}}: i32):
// CHECK-NEXT: arith.trunci %[[I]] : i64 to i32
// CHECK: ^bb0(%[[S:.*]]: i8, %{{.*}}: i64):
// CHECK-NEXT: arith.extsi %[[S]] : i8 to i64
// CHECK: ^bb0(%[[D:.*]]: f32, %{{.*}}: f64):
// CHECK-NEXT: arith.extf %[[D]] : f32 to f64
func.func @cast(%x: tensor<2xf32>, %b: tensor<2xi1>, %i: tensor<2xi64>, %s: tensor<2xi8>)
    -> (tensor<2xi8>, tensor<2xi1>, tensor<2xf32>, tensor<2xi32>, tensor<2xi64>, tensor<2xf64>) {
  %0 = tfc.cast %x {DstT = i8} : tensor<2xf32> -> tensor<2xi8>
  %1 = tfc.cast %x {DstT = i1} : tensor<2xf32> -> tensor<2xi1>
  %2 = tfc.cast %b {DstT = f32} : tensor<2xi1> -> tensor<2xf32>
  %3 = tfc.cast %i {DstT = i32} : tensor<2xi64> -> tensor<2xi32>
  %4 = tfc.cast %s {DstT = i64} : tensor<2xi8> -> tensor<2xi64>
  %5 = tfc.cast %x {DstT = f64} : tensor<2xf32> -> tensor<2xf64>
  return %0, %1, %2, %3, %4, %5 : tensor<2xi8>, tensor<2xi1>, tensor<2xf32>, tensor<2xi32>, tensor<2xi64>, tensor<2xf64>
}

// -----

// A large splat constant is filled at run time, never stored element by
// element (a few bytes of GraphDef can declare one of gigabytes); small
// splats and other constants stay constants.

// CHECK-LABEL: func.func @splat_const
// CHECK: %[[THREE:.*]] = arith.constant 3.000000e+00 : f32
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<32x32xf32>
// CHECK: %[[FILL:.*]] = linalg.fill ins(%[[THREE]] : f32) outs(%[[EMPTY]] : tensor<32x32xf32>) -> tensor<32x32xf32>
// CHECK: %[[SMALL:.*]] = arith.constant dense<2.000000e+00> : tensor<1023xf32>
// CHECK: return %[[FILL]], %[[SMALL]]
func.func @splat_const() -> (tensor<32x32xf32>, tensor<1023xf32>) {
  %big = tfc.const dense<3.0> : tensor<32x32xf32>
  %small = tfc.const dense<2.0> : tensor<1023xf32>
  return %big, %small : tensor<32x32xf32>, tensor<1023xf32>
}
