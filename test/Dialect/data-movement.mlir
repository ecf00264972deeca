// RUN: tfc-opt %s -split-input-file | FileCheck %s
// Printing is a fixed point: parsing what was printed prints the same again.
// RUN: tfc-opt %s -split-input-file | tfc-opt -split-input-file | FileCheck %s
// The custom form and the generic form describe the same ops.
// RUN: tfc-opt %s -split-input-file -mlir-print-op-generic | tfc-opt -split-input-file | FileCheck %s

// Round trip of the data movement ops, and the result types their inference
// gives (the verifier checks that the written type is the inferred one).

// CHECK-LABEL: func.func @pad
// CHECK: tfc.pad %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<2x2xi32> -> tensor<3x6xf32>
// CHECK: tfc.pad %{{.*}}, %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<2x2xi64>, tensor<f32> -> tensor<3x6xf32>
// Paddings that are not constants give only the rank.
// CHECK: tfc.pad %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<2x2xi32> -> tensor<?x?xf32>
// CHECK: tfc.pad %{{.*}}, %{{.*}} : tensor<?x3xi8>, tensor<2x2xi32> -> tensor<?x6xi8>
func.func @pad(%x: tensor<2x3xf32>, %v: tensor<f32>, %p: tensor<2x2xi32>, %i: tensor<?x3xi8>) {
  %p32 = tfc.const dense<[[1, 0], [2, 1]]> : tensor<2x2xi32>
  %0 = tfc.pad %x, %p32 : tensor<2x3xf32>, tensor<2x2xi32> -> tensor<3x6xf32>
  %p64 = tfc.const dense<[[1, 0], [2, 1]]> : tensor<2x2xi64>
  %1 = tfc.pad %x, %p64, %v : tensor<2x3xf32>, tensor<2x2xi64>, tensor<f32> -> tensor<3x6xf32>
  %2 = tfc.pad %x, %p : tensor<2x3xf32>, tensor<2x2xi32> -> tensor<?x?xf32>
  %3 = tfc.pad %i, %p32 : tensor<?x3xi8>, tensor<2x2xi32> -> tensor<?x6xi8>
  return
}

// -----

// CHECK-LABEL: func.func @concat_v2
// CHECK: tfc.concat_v2(%{{.*}}, %{{.*}}), %{{.*}} : (tensor<2x3xf32>, tensor<2x5xf32>), tensor<i32> -> tensor<2x8xf32>
// CHECK: tfc.concat_v2(%{{.*}}, %{{.*}}, %{{.*}}), %{{.*}} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<?x3xf32>), tensor<i64> -> tensor<?x3xf32>
// CHECK: tfc.concat_v2(%{{.*}}), %{{.*}} : (tensor<2x3xf32>), tensor<i32> -> tensor<2x3xf32>
// CHECK: tfc.concat_v2(%{{.*}}, %{{.*}}), %{{.*}} : (tensor<2x3xf32>, tensor<2x5xf32>), tensor<i32> -> tensor<?x?xf32>
func.func @concat_v2(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>, %c: tensor<4x3xf32>,
                     %d: tensor<?x3xf32>, %axis: tensor<i32>) {
  %minus1 = tfc.const dense<-1> : tensor<i32>
  %0 = tfc.concat_v2(%a, %b), %minus1 : (tensor<2x3xf32>, tensor<2x5xf32>), tensor<i32> -> tensor<2x8xf32>
  %zero = tfc.const dense<0> : tensor<i64>
  %1 = tfc.concat_v2(%a, %c, %d), %zero : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<?x3xf32>), tensor<i64> -> tensor<?x3xf32>
  %2 = tfc.concat_v2(%a), %minus1 : (tensor<2x3xf32>), tensor<i32> -> tensor<2x3xf32>
  // A run-time axis: all sizes unknown.
  %3 = tfc.concat_v2(%a, %b), %axis : (tensor<2x3xf32>, tensor<2x5xf32>), tensor<i32> -> tensor<?x?xf32>
  return
}

// -----

// CHECK-LABEL: func.func @pack
// CHECK: tfc.pack %{{.*}}, %{{.*}} : tensor<i32>, tensor<i32> -> tensor<2xi32>
// CHECK: tfc.pack %{{.*}}, %{{.*}}, %{{.*}} {axis = 1 : i64} : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3x3xf32>
// CHECK: tfc.pack %{{.*}}, %{{.*}} {axis = -1 : i64} : tensor<2x3xf32>, tensor<?x3xf32> -> tensor<2x3x2xf32>
func.func @pack(%s: tensor<i32>, %t: tensor<i32>, %x: tensor<2x3xf32>, %y: tensor<?x3xf32>) {
  %0 = tfc.pack %s, %t : tensor<i32>, tensor<i32> -> tensor<2xi32>
  %1 = tfc.pack %x, %x, %x {axis = 1 : i64} : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3x3xf32>
  %2 = tfc.pack %x, %y {axis = -1 : i64} : tensor<2x3xf32>, tensor<?x3xf32> -> tensor<2x3x2xf32>
  return
}

// -----

// CHECK-LABEL: func.func @squeeze
// CHECK: tfc.squeeze %{{.*}} : tensor<1x3x1xf32> -> tensor<3xf32>
// CHECK: tfc.squeeze %{{.*}} {squeeze_dims = array<i64: -1>} : tensor<1x3x1xf32> -> tensor<1x3xf32>
// A listed unknown size is taken to be 1; with no list, unknown sizes leave
// the rank unknown.
// CHECK: tfc.squeeze %{{.*}} {squeeze_dims = array<i64: 0>} : tensor<?x4xi64> -> tensor<4xi64>
// CHECK: tfc.squeeze %{{.*}} : tensor<?x4xi64> -> tensor<*xi64>
func.func @squeeze(%x: tensor<1x3x1xf32>, %y: tensor<?x4xi64>) {
  %0 = tfc.squeeze %x : tensor<1x3x1xf32> -> tensor<3xf32>
  %1 = tfc.squeeze %x {squeeze_dims = array<i64: -1>} : tensor<1x3x1xf32> -> tensor<1x3xf32>
  %2 = tfc.squeeze %y {squeeze_dims = array<i64: 0>} : tensor<?x4xi64> -> tensor<4xi64>
  %3 = tfc.squeeze %y : tensor<?x4xi64> -> tensor<*xi64>
  return
}

// -----

// CHECK-LABEL: func.func @expand_dims
// CHECK: tfc.expand_dims %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<i32> -> tensor<1x2x3xf32>
// CHECK: tfc.expand_dims %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<1xi64> -> tensor<2x3x1xf32>
// CHECK: tfc.expand_dims %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<i32> -> tensor<?x?x?xf32>
func.func @expand_dims(%x: tensor<2x3xf32>, %d: tensor<i32>) {
  %zero = tfc.const dense<0> : tensor<i32>
  %0 = tfc.expand_dims %x, %zero : tensor<2x3xf32>, tensor<i32> -> tensor<1x2x3xf32>
  %last = tfc.const dense<[-1]> : tensor<1xi64>
  %1 = tfc.expand_dims %x, %last : tensor<2x3xf32>, tensor<1xi64> -> tensor<2x3x1xf32>
  %2 = tfc.expand_dims %x, %d : tensor<2x3xf32>, tensor<i32> -> tensor<?x?x?xf32>
  return
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK: tfc.transpose %{{.*}}, %{{.*}} : tensor<2x3x4xf32>, tensor<3xi32> -> tensor<4x2x3xf32>
// CHECK: tfc.transpose %{{.*}}, %{{.*}} : tensor<2x3x4xf32>, tensor<3xi64> -> tensor<4x3x2xf32>
// CHECK: tfc.transpose %{{.*}}, %{{.*}} : tensor<2x3x4xf32>, tensor<3xi32> -> tensor<?x?x?xf32>
func.func @transpose(%x: tensor<2x3x4xf32>, %p: tensor<3xi32>) {
  %perm = tfc.const dense<[2, 0, 1]> : tensor<3xi32>
  %0 = tfc.transpose %x, %perm : tensor<2x3x4xf32>, tensor<3xi32> -> tensor<4x2x3xf32>
  // Negative entries count from the end, as in TensorFlow.
  %neg = tfc.const dense<[-1, 1, 0]> : tensor<3xi64>
  %1 = tfc.transpose %x, %neg : tensor<2x3x4xf32>, tensor<3xi64> -> tensor<4x3x2xf32>
  %2 = tfc.transpose %x, %p : tensor<2x3x4xf32>, tensor<3xi32> -> tensor<?x?x?xf32>
  return
}

// -----

// CHECK-LABEL: func.func @slice
// CHECK: tfc.slice %{{.*}}, %{{.*}}, %{{.*}} : tensor<4x5xf32>, tensor<2xi32>, tensor<2xi32> -> tensor<2x4xf32>
// A known size gives the result size even when begin is not known.
// CHECK: tfc.slice %{{.*}}, %{{.*}}, %{{.*}} : tensor<4x5xf32>, tensor<2xi32>, tensor<2xi32> -> tensor<2x?xf32>
func.func @slice(%x: tensor<4x5xf32>, %b: tensor<2xi32>) {
  %begin = tfc.const dense<[1, 1]> : tensor<2xi32>
  %size = tfc.const dense<[2, -1]> : tensor<2xi32>
  %0 = tfc.slice %x, %begin, %size : tensor<4x5xf32>, tensor<2xi32>, tensor<2xi32> -> tensor<2x4xf32>
  %1 = tfc.slice %x, %b, %size : tensor<4x5xf32>, tensor<2xi32>, tensor<2xi32> -> tensor<2x?xf32>
  return
}

// -----

// CHECK-LABEL: func.func @strided_slice
// CHECK: tfc.strided_slice {{.*}} {shrink_axis_mask = 1 : i64} : tensor<4xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32> -> tensor<i32>
// CHECK: tfc.strided_slice {{.*}} {begin_mask = 1 : i64, end_mask = 1 : i64} : tensor<4x5xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<2x2xf32>
// CHECK: tfc.strided_slice {{.*}} {ellipsis_mask = 1 : i64, new_axis_mask = 2 : i64} : tensor<4x5xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<4x5x1xf32>
// CHECK: tfc.strided_slice {{.*}} : tensor<?x5xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<?x2xf32>
func.func @strided_slice(%shape: tensor<4xi32>, %x: tensor<4x5xf32>, %y: tensor<?x5xf32>) {
  // shape[1]: the Keras batch-size idiom.
  %one = tfc.const dense<1> : tensor<1xi32>
  %two = tfc.const dense<2> : tensor<1xi32>
  %0 = tfc.strided_slice %shape, %one, %two, %one {shrink_axis_mask = 1 : i64} : tensor<4xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32> -> tensor<i32>
  // x[::2, -1:0:-2]
  %b = tfc.const dense<[0, -1]> : tensor<2xi32>
  %e = tfc.const dense<[0, 0]> : tensor<2xi32>
  %s = tfc.const dense<[2, -2]> : tensor<2xi32>
  %1 = tfc.strided_slice %x, %b, %e, %s {begin_mask = 1 : i64, end_mask = 1 : i64} : tensor<4x5xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<2x2xf32>
  // x[..., tf.newaxis]
  %z = tfc.const dense<0> : tensor<2xi32>
  %u = tfc.const dense<1> : tensor<2xi32>
  %2 = tfc.strided_slice %x, %z, %z, %u {ellipsis_mask = 1 : i64, new_axis_mask = 2 : i64} : tensor<4x5xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<4x5x1xf32>
  // y[1:3, 1:3] with y's first size unknown.
  %c1 = tfc.const dense<1> : tensor<2xi32>
  %c3 = tfc.const dense<3> : tensor<2xi32>
  %3 = tfc.strided_slice %y, %c1, %c3, %c1 : tensor<?x5xf32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32> -> tensor<?x2xf32>
  return
}

// -----

// CHECK-LABEL: func.func @shape
// CHECK: tfc.shape %{{.*}} {out_type = i32} : tensor<?x3xf32> -> tensor<2xi32>
// CHECK: tfc.shape %{{.*}} {out_type = i64} : tensor<*xf32> -> tensor<?xi64>
func.func @shape(%x: tensor<?x3xf32>, %u: tensor<*xf32>) {
  %0 = tfc.shape %x {out_type = i32} : tensor<?x3xf32> -> tensor<2xi32>
  %1 = tfc.shape %u {out_type = i64} : tensor<*xf32> -> tensor<?xi64>
  return
}

// -----

// CHECK-LABEL: func.func @cast
// CHECK: tfc.cast %{{.*}} {DstT = i32} : tensor<?x3xf32> -> tensor<?x3xi32>
// CHECK: tfc.cast %{{.*}} {DstT = f32} : tensor<2xui8> -> tensor<2xf32>
// CHECK: tfc.cast %{{.*}} {DstT = i1} : tensor<2xf32> -> tensor<2xi1>
func.func @cast(%x: tensor<?x3xf32>, %u: tensor<2xui8>, %f: tensor<2xf32>) {
  %0 = tfc.cast %x {DstT = i32} : tensor<?x3xf32> -> tensor<?x3xi32>
  %1 = tfc.cast %u {DstT = f32} : tensor<2xui8> -> tensor<2xf32>
  %2 = tfc.cast %f {DstT = i1} : tensor<2xf32> -> tensor<2xi1>
  return
}
