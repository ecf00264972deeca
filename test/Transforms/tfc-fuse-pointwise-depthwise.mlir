// RUN: tfc-opt %s -split-input-file -tfc-use-kernels=isa=avx512 -tfc-fuse-pointwise-depthwise=min-bytes=0 | FileCheck %s
// RUN: tfc-opt %s -split-input-file -tfc-use-kernels=isa=avx512 -tfc-fuse-pointwise-depthwise | FileCheck %s --check-prefix=DEFAULT

// A 1x1 convolution whose result only a depthwise convolution reads: one
// call of the fused kernel. Its params are the two calls' (18 and 17), then
// BAND and PARTS: rows of 8 x 32 floats (1 KiB) let the band grow to its
// most, 8 output rows (a window of 7 * 2 + 2 + 1 = 17 rows), and one image
// is shared by up to 4 threads. Its weights are the packed 1x1 panel (16 x
// 32) then the 3x3x32 filter, its bias the two biases. The result holds the
// 4 x 4 x 32 outputs, then 4 windows of 17 x 8 x 32 floats.
// Under the default min-bytes (1 MiB) the 32 KiB result stays two calls.

// CHECK-LABEL: func.func @expand_then_depthwise
// CHECK-DAG: %[[W:.*]] = tfc.const dense<{{.*}}> : tensor<800xf32>
// CHECK-DAG: %[[B:.*]] = tfc.const dense<{{.*}}> : tensor<64xf32>
// CHECK: %[[F:.*]] = tfc.kernel_call "pointwise_depthwise_f32_avx512"(%arg0, %[[W]] bias %[[B]]) outs(%{{.*}}) {params = array<i64: 1, 8, 8, 16, 8, 8, 32, 1, 1, 1, 1, 1, 1, 0, 0, 2, {{[0-9]+}}, 0, 1, 8, 8, 32, 4, 4, 1, 3, 3, 2, 2, 1, 1, 0, 0, 2, {{[0-9]+}}, 8, 4>} : (tensor<1x8x8x16xf32>, tensor<800xf32>, tensor<64xf32>, tensor<17920xf32>) -> tensor<17920xf32>
// CHECK: %[[S:.*]] = tensor.extract_slice %[[F]][0] [512] [1] : tensor<17920xf32> to tensor<512xf32>
// CHECK: %[[O:.*]] = tensor.expand_shape %[[S]] {{\[\[}}0, 1, 2, 3]] output_shape [1, 4, 4, 32] : tensor<512xf32> into tensor<1x4x4x32xf32>
// CHECK: return %[[O]]
// DEFAULT-LABEL: func.func @expand_then_depthwise
// DEFAULT: tfc.kernel_call "conv2d_f32_avx512"
// DEFAULT: tfc.kernel_call "depthwise_conv2d_f32_avx512"
func.func @expand_then_depthwise(%x: tensor<1x8x8x16xf32>) -> tensor<1x4x4x32xf32> {
  %w = tfc.const dense<0.25> : tensor<1x1x16x32xf32>
  %b = tfc.const dense<0.5> : tensor<32xf32>
  %d = tfc.const dense<-0.125> : tensor<3x3x32x1xf32>
  %e = tfc.const dense<1.0> : tensor<32xf32>
  %0 = tfc.fused_conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, activation = #tfc.activation<Relu6>} : (tensor<1x8x8x16xf32>, tensor<1x1x16x32xf32>, tensor<32xf32>) -> tensor<1x8x8x32xf32>
  %1 = tfc.fused_depthwise_conv2d %0, %d, %e {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, activation = #tfc.activation<Relu6>} : (tensor<1x8x8x32xf32>, tensor<3x3x32x1xf32>, tensor<32xf32>) -> tensor<1x4x4x32xf32>
  return %1 : tensor<1x4x4x32xf32>
}

// -----

// Without biases the kernel gets zeros; two images get 2 parts each (4
// threads in all); at stride 1, a band of 8 output rows reads a window of
// 7 + 2 + 1 = 10 rows. The result holds 2 x 6 x 6 x 8 = 576 outputs, then
// 2 x 2 windows of 10 x 6 x 8 floats.
// CHECK-LABEL: func.func @no_bias_batch
// CHECK-DAG: %[[Z:.*]] = tfc.const dense<0.000000e+00> : tensor<16xf32>
// CHECK: tfc.kernel_call "pointwise_depthwise_f32_avx512"(%arg0, %{{.*}} bias %[[Z]]) outs(%{{.*}}) {params = array<i64: 2, 6, 6, 4, 6, 6, 8, 1, 1, 1, 1, 1, 1, 0, 0, 0, {{[0-9]+}}, 0, 2, 6, 6, 8, 6, 6, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, {{[0-9]+}}, 8, 2>} : (tensor<2x6x6x4xf32>, tensor<200xf32>, tensor<16xf32>, tensor<2496xf32>) -> tensor<2496xf32>
func.func @no_bias_batch(%x: tensor<2x6x6x4xf32>) -> tensor<2x6x6x8xf32> {
  %w = tfc.const dense<0.25> : tensor<1x1x4x8xf32>
  %d = tfc.const dense<-0.125> : tensor<3x3x8x1xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<2x6x6x4xf32>, tensor<1x1x4x8xf32> -> tensor<2x6x6x8xf32>
  %1 = tfc.depthwise_conv2d %0, %d {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<2x6x6x8xf32>, tensor<3x3x8x1xf32> -> tensor<2x6x6x8xf32>
  return %1 : tensor<2x6x6x8xf32>
}

// -----

// The 1x1 result is also returned: both calls stay.
// CHECK-LABEL: func.func @second_use
// CHECK: tfc.kernel_call "conv2d_f32_avx512"
// CHECK: tfc.kernel_call "depthwise_conv2d_f32_avx512"
// CHECK-NOT: pointwise_depthwise
func.func @second_use(%x: tensor<1x6x6x4xf32>) -> (tensor<1x6x6x8xf32>, tensor<1x6x6x8xf32>) {
  %w = tfc.const dense<0.25> : tensor<1x1x4x8xf32>
  %d = tfc.const dense<-0.125> : tensor<3x3x8x1xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x6x6x4xf32>, tensor<1x1x4x8xf32> -> tensor<1x6x6x8xf32>
  %1 = tfc.depthwise_conv2d %0, %d {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x6x6x8xf32>, tensor<3x3x8x1xf32> -> tensor<1x6x6x8xf32>
  return %0, %1 : tensor<1x6x6x8xf32>, tensor<1x6x6x8xf32>
}

// -----

// A first layer: a 3x3 convolution of stride 2 over RGB (SAME: no padding
// above or left of 8 -> 4), then a depthwise one. Its params are the 3x3
// convolution's; its weights the packed 3x3x3 panel (27 x 32) then the
// 3x3x16 filter. Rows of 4 x 16 floats: a band of 8 rows, a window of 10.
// The result holds the 4 x 4 x 16 outputs, then 4 windows of 10 x 4 x 16.
// CHECK-LABEL: func.func @first_layer_then_depthwise
// CHECK: tfc.kernel_call "pointwise_depthwise_f32_avx512"(%arg0, %{{.*}} bias %{{.*}}) outs(%{{.*}}) {params = array<i64: 1, 8, 8, 3, 4, 4, 16, 3, 3, 2, 2, 1, 1, 0, 0, 2, {{[0-9]+}}, 0, 1, 4, 4, 16, 4, 4, 1, 3, 3, 1, 1, 1, 1, 1, 1, 2, {{[0-9]+}}, 8, 4>} : (tensor<1x8x8x3xf32>, tensor<1008xf32>, tensor<32xf32>, tensor<2816xf32>) -> tensor<2816xf32>
func.func @first_layer_then_depthwise(%x: tensor<1x8x8x3xf32>) -> tensor<1x4x4x16xf32> {
  %w = tfc.const dense<0.25> : tensor<3x3x3x16xf32>
  %b = tfc.const dense<0.5> : tensor<16xf32>
  %d = tfc.const dense<-0.125> : tensor<3x3x16x1xf32>
  %e = tfc.const dense<1.0> : tensor<16xf32>
  %0 = tfc.fused_conv2d %x, %w, %b {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, activation = #tfc.activation<Relu6>} : (tensor<1x8x8x3xf32>, tensor<3x3x3x16xf32>, tensor<16xf32>) -> tensor<1x4x4x16xf32>
  %1 = tfc.fused_depthwise_conv2d %0, %d, %e {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, activation = #tfc.activation<Relu6>} : (tensor<1x4x4x16xf32>, tensor<3x3x16x1xf32>, tensor<16xf32>) -> tensor<1x4x4x16xf32>
  return %1 : tensor<1x4x4x16xf32>
}

// -----

// A depthwise multiplier of 2, a depthwise filter that is not a constant, a
// residual on the depthwise convolution: no fusion.
// CHECK-LABEL: func.func @not_fused
// CHECK-NOT: pointwise_depthwise
// CHECK: return
func.func @not_fused(%x: tensor<1x6x6x4xf32>, %f: tensor<3x3x8x1xf32>, %r: tensor<1x6x6x8xf32>) -> (tensor<1x6x6x16xf32>, tensor<1x6x6x8xf32>, tensor<1x6x6x8xf32>) {
  %w = tfc.const dense<0.25> : tensor<1x1x4x8xf32>
  %d = tfc.const dense<-0.125> : tensor<3x3x8x1xf32>
  %d2 = tfc.const dense<-0.125> : tensor<3x3x8x2xf32>
  %b = tfc.const dense<0.5> : tensor<8xf32>
  %2 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x6x6x4xf32>, tensor<1x1x4x8xf32> -> tensor<1x6x6x8xf32>
  %3 = tfc.depthwise_conv2d %2, %d2 {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x6x6x8xf32>, tensor<3x3x8x2xf32> -> tensor<1x6x6x16xf32>
  %4 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x6x6x4xf32>, tensor<1x1x4x8xf32> -> tensor<1x6x6x8xf32>
  %5 = tfc.depthwise_conv2d %4, %f {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x6x6x8xf32>, tensor<3x3x8x1xf32> -> tensor<1x6x6x8xf32>
  %6 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x6x6x4xf32>, tensor<1x1x4x8xf32> -> tensor<1x6x6x8xf32>
  %7 = tfc.fused_depthwise_conv2d %6, %d, %b, %r {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, activation = #tfc.activation<None>} : (tensor<1x6x6x8xf32>, tensor<3x3x8x1xf32>, tensor<8xf32>, tensor<1x6x6x8xf32>) -> tensor<1x6x6x8xf32>
  return %3, %5, %7 : tensor<1x6x6x16xf32>, tensor<1x6x6x8xf32>, tensor<1x6x6x8xf32>
}
