// RUN: tfc-opt %s -split-input-file -tfc-use-kernels=isa=avx2 -convert-tfc-to-linalg -tfc-concat-in-place | FileCheck %s
// RUN: tfc-opt %s -split-input-file -tfc-use-kernels=isa=avx2 -convert-tfc-to-linalg -tfc-concat-in-place -tfc-untie-empty-tensors -one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" -tfc-lower-strided-copies -canonicalize | FileCheck %s --check-prefix=BUF

// Two convolution kernels (a 1x1 and a Winograd 5x5) compute their slices
// of a Concat along the channels: the result is a tensor.empty before the
// first call, each call's init its slice, and each result is inserted back
// right after its call; the argument is inserted where the Concat was.
// Bufferized, the calls write views of one buffer, told its pixel stride
// (14 floats) by TFC_CONV_OUT_STRIDE, and only the argument is copied.

// CHECK-LABEL: func.func @branches
// CHECK: %[[R:.*]] = tensor.empty() : tensor<1x8x8x14xf32>
// CHECK: %[[S0:.*]] = tensor.extract_slice %[[R]][0, 0, 0, 10] [1, 8, 8, 4] [1, 1, 1, 1]
// CHECK: %[[C0:.*]] = tfc.kernel_call "conv2d_f32_avx2"(%arg0, %{{.*}}) outs(%[[S0]])
// CHECK: %[[I0:.*]] = tensor.insert_slice %[[C0]] into %[[R]][0, 0, 0, 10] [1, 8, 8, 4] [1, 1, 1, 1]
// CHECK: %[[S1:.*]] = tensor.extract_slice %[[I0]][0, 0, 0, 0] [1, 8, 8, 8] [1, 1, 1, 1]
// CHECK: %[[C1:.*]] = tfc.kernel_call "conv2d_winograd_f32_avx2"(%arg0, %{{.*}}) outs(%[[S1]])
// CHECK: %[[I1:.*]] = tensor.insert_slice %[[C1]] into %[[I0]][0, 0, 0, 0] [1, 8, 8, 8] [1, 1, 1, 1]
// CHECK: %[[I2:.*]] = tensor.insert_slice %arg1 into %[[I1]][0, 0, 0, 8] [1, 8, 8, 2] [1, 1, 1, 1]
// CHECK-NOT: tensor.concat
// CHECK: return %[[I2]]

// BUF-LABEL: func.func @branches
// BUF: %[[A:.*]] = memref.alloc() {{.*}} : memref<1x8x8x14xf32>
// BUF: %[[V0:.*]] = memref.subview %[[A]][0, 0, 0, 10] [1, 8, 8, 4] [1, 1, 1, 1]
// BUF: tfc.kernel_call "conv2d_f32_avx2"(%arg0, %{{.*}}) outs(%[[V0]]) {params = array<i64: 1, 8, 8, 16, 8, 8, 4, 1, 1, 1, 1, 1, 1, 0, 0, 0, {{[0-9]+}}, 14>}
// BUF: %[[V1:.*]] = memref.subview %[[A]][0, 0, 0, 0] [1, 8, 8, 8] [1, 1, 1, 1]
// BUF: tfc.kernel_call "conv2d_winograd_f32_avx2"(%arg0, %{{.*}}) outs(%[[V1]]) {params = array<i64: 1, 8, 8, 16, 8, 8, 8, 5, 5, 1, 1, 1, 1, 2, 2, 0, {{[0-9]+}}, 14, 2>}
// BUF: memref.copy %{{.*}}, %{{.*}} : memref<2xf32, strided<[1], offset: ?>>
// BUF-NOT: memref.copy
// BUF: return %[[A]]
func.func @branches(%x: tensor<1x8x8x16xf32>, %y: tensor<1x8x8x2xf32>) -> tensor<1x8x8x14xf32> {
  %w = tfc.const dense<0.5> : tensor<1x1x16x4xf32>
  %v = tfc.const dense<0.25> : tensor<5x5x16x8xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x16xf32>, tensor<1x1x16x4xf32> -> tensor<1x8x8x4xf32>
  %1 = tfc.conv2d %x, %v {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x16xf32>, tensor<5x5x16x8xf32> -> tensor<1x8x8x8xf32>
  %2 = tensor.concat dim(3) %1, %y, %0 : (tensor<1x8x8x8xf32>, tensor<1x8x8x2xf32>, tensor<1x8x8x4xf32>) -> tensor<1x8x8x14xf32>
  return %2 : tensor<1x8x8x14xf32>
}

// -----

// A result that something else reads too, a depthwise kernel's (no output
// stride) and a Concat along another axis stay as they are.

// CHECK-LABEL: func.func @not_in_place
// CHECK: tensor.concat dim(3)
// CHECK: tensor.concat dim(2)
func.func @not_in_place(%x: tensor<1x8x8x8xf32>) -> (tensor<1x8x8x16xf32>, tensor<1x8x8x8xf32>, tensor<1x8x16x4xf32>) {
  %w = tfc.const dense<0.5> : tensor<1x1x8x4xf32>
  %d = tfc.const dense<0.25> : tensor<3x3x8x1xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x8xf32>, tensor<1x1x8x4xf32> -> tensor<1x8x8x4xf32>
  %1 = tfc.depthwise_conv2d %x, %d {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x8xf32>, tensor<3x3x8x1xf32> -> tensor<1x8x8x8xf32>
  %2 = tensor.concat dim(3) %0, %1, %0 : (tensor<1x8x8x4xf32>, tensor<1x8x8x8xf32>, tensor<1x8x8x4xf32>) -> tensor<1x8x8x16xf32>
  %3 = tensor.concat dim(2) %0, %0 : (tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>) -> tensor<1x8x16x4xf32>
  return %2, %1, %3 : tensor<1x8x8x16xf32>, tensor<1x8x8x8xf32>, tensor<1x8x16x4xf32>
}
