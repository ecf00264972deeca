// RUN: tfc-opt %s -split-input-file | FileCheck %s
// Printing is a fixed point: parsing what was printed prints the same again.
// RUN: tfc-opt %s -split-input-file | tfc-opt -split-input-file | FileCheck %s
// The custom form and the generic form describe the same ops.
// RUN: tfc-opt %s -split-input-file -mlir-print-op-generic | tfc-opt -split-input-file | FileCheck %s

// Round trip of every tfc op through its custom assembly format.

// CHECK-LABEL: func.func @const
// CHECK-NEXT: tfc.const dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT: tfc.const dense<7> : tensor<i32>
// CHECK-NEXT: tfc.const dense<[true, false]> : tensor<2xi1>
// CHECK-NEXT: tfc.const dense<[255, 0]> : tensor<2xui8>
func.func @const() -> (tensor<2xf32>, tensor<i32>, tensor<2xi1>, tensor<2xui8>) {
  %0 = tfc.const dense<[1.0, 2.0]> : tensor<2xf32>
  %1 = tfc.const dense<7> : tensor<i32>
  %2 = tfc.const dense<[true, false]> : tensor<2xi1>
  %3 = tfc.const dense<[255, 0]> : tensor<2xui8>
  return %0, %1, %2, %3 : tensor<2xf32>, tensor<i32>, tensor<2xi1>, tensor<2xui8>
}

// -----

// CHECK-LABEL: func.func @identity
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<?x3xf32>)
// CHECK-NEXT: %[[Y:.*]] = tfc.identity %[[X]] : tensor<?x3xf32>
// CHECK-NEXT: return %[[Y]]
func.func @identity(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %0 = tfc.identity %x : tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func.func @no_op
// CHECK-NEXT: tfc.no_op{{$}}
// CHECK-NEXT: tfc.no_op {tfc.control_inputs = ["init"]}
// CHECK-NEXT: return
func.func @no_op() {
  tfc.no_op
  tfc.no_op {tfc.control_inputs = ["init"]}
  return
}

// -----

// CHECK-LABEL: func.func @binary
// CHECK-SAME: (%[[A:[a-z0-9]+]]: tensor<2x3xf32>, %[[B:[a-z0-9]+]]: tensor<3xf32>, %[[S:[a-z0-9]+]]: tensor<f32>)
// CHECK-NEXT: tfc.add %[[A]], %[[B]] : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: tfc.sub %[[B]], %[[A]] : tensor<3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: tfc.mul %[[A]], %[[S]] : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
// CHECK-NEXT: tfc.real_div %[[S]], %[[A]] : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: tfc.maximum %[[A]], %[[A]] : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: tfc.minimum %[[B]], %[[S]] : tensor<3xf32>, tensor<f32> -> tensor<3xf32>
func.func @binary(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %s: tensor<f32>) {
  %0 = tfc.add %a, %b : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
  %1 = tfc.sub %b, %a : tensor<3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  %2 = tfc.mul %a, %s : tensor<2x3xf32>, tensor<f32> -> tensor<2x3xf32>
  %3 = tfc.real_div %s, %a : tensor<f32>, tensor<2x3xf32> -> tensor<2x3xf32>
  %4 = tfc.maximum %a, %a : tensor<2x3xf32>, tensor<2x3xf32> -> tensor<2x3xf32>
  %5 = tfc.minimum %b, %s : tensor<3xf32>, tensor<f32> -> tensor<3xf32>
  return
}

// -----

// Broadcasting with size-1 and unknown dimensions, on integers.
// CHECK-LABEL: func.func @binary_broadcast
// CHECK-NEXT: tfc.add %{{.*}}, %{{.*}} : tensor<4x1xi32>, tensor<1x5xi32> -> tensor<4x5xi32>
// CHECK-NEXT: tfc.mul %{{.*}}, %{{.*}} : tensor<?x3xi64>, tensor<3xi64> -> tensor<?x3xi64>
func.func @binary_broadcast(%a: tensor<4x1xi32>, %b: tensor<1x5xi32>,
                            %c: tensor<?x3xi64>, %d: tensor<3xi64>) {
  %0 = tfc.add %a, %b : tensor<4x1xi32>, tensor<1x5xi32> -> tensor<4x5xi32>
  %1 = tfc.mul %c, %d : tensor<?x3xi64>, tensor<3xi64> -> tensor<?x3xi64>
  return
}

// -----

// CHECK-LABEL: func.func @unary
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<2x3xf32>, %[[I:[a-z0-9]+]]: tensor<4xi32>)
// CHECK-NEXT: tfc.neg %[[X]] : tensor<2x3xf32>
// CHECK-NEXT: tfc.neg %[[I]] : tensor<4xi32>
// CHECK-NEXT: tfc.relu %[[X]] : tensor<2x3xf32>
// CHECK-NEXT: tfc.relu %[[I]] : tensor<4xi32>
// CHECK-NEXT: tfc.sigmoid %[[X]] : tensor<2x3xf32>
// CHECK-NEXT: tfc.tanh %[[X]] : tensor<2x3xf32>
// CHECK-NEXT: tfc.softmax %[[X]] : tensor<2x3xf32>
func.func @unary(%x: tensor<2x3xf32>, %i: tensor<4xi32>) {
  %0 = tfc.neg %x : tensor<2x3xf32>
  %1 = tfc.neg %i : tensor<4xi32>
  %2 = tfc.relu %x : tensor<2x3xf32>
  %3 = tfc.relu %i : tensor<4xi32>
  %4 = tfc.sigmoid %x : tensor<2x3xf32>
  %5 = tfc.tanh %x : tensor<2x3xf32>
  %6 = tfc.softmax %x : tensor<2x3xf32>
  return
}

// -----

// The transpose attributes default to false and are printed only when set.
// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:[a-z0-9]+]]: tensor<2x3xf32>, %[[B:[a-z0-9]+]]: tensor<3x4xf32>, %[[AT:[a-z0-9]+]]: tensor<3x2xf32>, %[[BT:[a-z0-9]+]]: tensor<4x3xf32>,
// CHECK-NEXT: tfc.matmul %[[A]], %[[B]] : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// CHECK-NEXT: tfc.matmul %[[AT]], %[[B]] {transpose_a = true} : tensor<3x2xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// CHECK-NEXT: tfc.matmul %[[A]], %[[BT]] {transpose_b = true} : tensor<2x3xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
// CHECK-NEXT: tfc.matmul %[[AT]], %[[BT]] {transpose_a = true, transpose_b = true} : tensor<3x2xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
// CHECK-NEXT: tfc.matmul %[[A]], %[[B]] : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
// CHECK-NEXT: tfc.matmul %{{.*}}, %{{.*}} : tensor<?x3xi32>, tensor<3x?xi32> -> tensor<?x?xi32>
func.func @matmul(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %at: tensor<3x2xf32>,
                  %bt: tensor<4x3xf32>, %c: tensor<?x3xi32>, %d: tensor<3x?xi32>) {
  %0 = tfc.matmul %a, %b : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %1 = tfc.matmul %at, %b {transpose_a = true} : tensor<3x2xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %2 = tfc.matmul %a, %bt {transpose_b = true} : tensor<2x3xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
  %3 = tfc.matmul %at, %bt {transpose_a = true, transpose_b = true} : tensor<3x2xf32>, tensor<4x3xf32> -> tensor<2x4xf32>
  %4 = tfc.matmul %a, %b {transpose_a = false, transpose_b = false} : tensor<2x3xf32>, tensor<3x4xf32> -> tensor<2x4xf32>
  %5 = tfc.matmul %c, %d : tensor<?x3xi32>, tensor<3x?xi32> -> tensor<?x?xi32>
  return
}

// -----

// Conv2DBackpropInput: the result shape comes from input_sizes (4 values or
// [h, w]); a computed input_sizes leaves height and width unknown until it
// folds.
// CHECK-LABEL: func.func @conv2d_transpose
// CHECK: tfc.conv2d_transpose %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 2, 2>} : tensor<4xi32>, tensor<3x3x2x4xf32>, tensor<1x4x5x4xf32> -> tensor<1x8x9x2xf32>
// CHECK: tfc.conv2d_transpose %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 2, 2>, explicit_paddings = array<i64: 1, 0, 0, 2>, padding = #tfc.padding<EXPLICIT>, strides = array<i64: 1, 1>} : tensor<2xi32>, tensor<3x3x2x4xf32>, tensor<1x4x5x4xf32> -> tensor<1x7x7x2xf32>
// CHECK: tfc.conv2d_transpose %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 2, 2>} : tensor<4xi32>, tensor<3x3x2x4xf32>, tensor<?x4x5x4xf32> -> tensor<?x?x?x2xf32>
func.func @conv2d_transpose(%w: tensor<3x3x2x4xf32>, %dy: tensor<1x4x5x4xf32>,
                            %dyn: tensor<?x4x5x4xf32>, %sizes: tensor<4xi32>) {
  %s4 = tfc.const dense<[1, 8, 9, 2]> : tensor<4xi32>
  %0 = tfc.conv2d_transpose %s4, %w, %dy {dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, strides = array<i64: 2, 2>} : tensor<4xi32>, tensor<3x3x2x4xf32>, tensor<1x4x5x4xf32> -> tensor<1x8x9x2xf32>
  %s2 = tfc.const dense<[7, 7]> : tensor<2xi32>
  %1 = tfc.conv2d_transpose %s2, %w, %dy {dilations = array<i64: 2, 2>, explicit_paddings = array<i64: 1, 0, 0, 2>, padding = #tfc.padding<EXPLICIT>, strides = array<i64: 1, 1>} : tensor<2xi32>, tensor<3x3x2x4xf32>, tensor<1x4x5x4xf32> -> tensor<1x7x7x2xf32>
  %2 = tfc.conv2d_transpose %sizes, %w, %dyn {dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>, strides = array<i64: 2, 2>} : tensor<4xi32>, tensor<3x3x2x4xf32>, tensor<?x4x5x4xf32> -> tensor<?x?x?x2xf32>
  return
}

// -----

// data_format defaults to NHWC and is printed only when it is not the
// default.
// CHECK-LABEL: func.func @bias_add
// CHECK-NEXT: tfc.bias_add %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT: tfc.bias_add %{{.*}}, %{{.*}} : tensor<1x4x4x3xf32>, tensor<3xf32> -> tensor<1x4x4x3xf32>
// CHECK-NEXT: tfc.bias_add %{{.*}}, %{{.*}} {data_format = #tfc.data_format<NCHW>} : tensor<1x5x4x4xf32>, tensor<5xf32> -> tensor<1x5x4x4xf32>
func.func @bias_add(%v: tensor<2x3xf32>, %b: tensor<3xf32>, %img: tensor<1x4x4x3xf32>,
                    %nchw: tensor<1x5x4x4xf32>, %c: tensor<5xf32>) {
  %0 = tfc.bias_add %v, %b : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
  %1 = tfc.bias_add %img, %b {data_format = #tfc.data_format<NHWC>} : tensor<1x4x4x3xf32>, tensor<3xf32> -> tensor<1x4x4x3xf32>
  %2 = tfc.bias_add %nchw, %c {data_format = #tfc.data_format<NCHW>} : tensor<1x5x4x4xf32>, tensor<5xf32> -> tensor<1x5x4x4xf32>
  return
}

// -----

// CHECK-LABEL: func.func @reshape
// CHECK: %[[S1:.*]] = tfc.const dense<[3, -1]> : tensor<2xi64>
// CHECK: tfc.reshape %{{.*}}, %[[S1]] : tensor<2x3xf32>, tensor<2xi64> -> tensor<3x2xf32>
// CHECK: %[[S2:.*]] = tfc.const dense<6> : tensor<1xi32>
// CHECK: tfc.reshape %{{.*}}, %[[S2]] : tensor<2x3xf32>, tensor<1xi32> -> tensor<6xf32>
// CHECK: %[[S3:.*]] = tfc.const dense<> : tensor<0xi32>
// CHECK: tfc.reshape %{{.*}}, %[[S3]] : tensor<1x1xf32>, tensor<0xi32> -> tensor<f32>
// A shape that is not a constant gives only the rank.
// CHECK: tfc.reshape %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<3xi32> -> tensor<?x?x?xf32>
func.func @reshape(%x: tensor<2x3xf32>, %one: tensor<1x1xf32>, %shape: tensor<3xi32>) {
  %s1 = tfc.const dense<[3, -1]> : tensor<2xi64>
  %0 = tfc.reshape %x, %s1 : tensor<2x3xf32>, tensor<2xi64> -> tensor<3x2xf32>
  %s2 = tfc.const dense<[6]> : tensor<1xi32>
  %1 = tfc.reshape %x, %s2 : tensor<2x3xf32>, tensor<1xi32> -> tensor<6xf32>
  %s3 = tfc.const dense<> : tensor<0xi32>
  %2 = tfc.reshape %one, %s3 : tensor<1x1xf32>, tensor<0xi32> -> tensor<f32>
  %3 = tfc.reshape %x, %shape : tensor<2x3xf32>, tensor<3xi32> -> tensor<?x?x?xf32>
  return
}
