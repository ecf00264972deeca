// RUN: tfc-opt %s -split-input-file -tfc-use-kernels=isa=avx512 | FileCheck %s
// RUN: tfc-opt %s -split-input-file -tfc-use-kernels="isa=avx512 winograd=false" | FileCheck %s --check-prefix=OFF
// RUN: tfc-opt %s -split-input-file -tfc-use-kernels=isa=generic | FileCheck %s --check-prefix=GENERIC

// tfc-use-kernels picks the Winograd kernel for an undilated 3x3
// convolution with stride 1 and at least 64 output tiles of 4x4 pixels
// (here 8x8 tiles), with its weights transformed: 6x6 per filter, packed
// in panels of 32 output channels (2 input channels, 40 output channels:
// 2 panels x 36 x 2 x 32 floats). Not with winograd=false, nor with the
// generic kernels.

// CHECK-LABEL: func.func @winograd
// CHECK: %[[W:.*]] = tfc.const dense<{{.*}}> : tensor<4608xf32>
// CHECK: tfc.kernel_call "conv2d_winograd_f32_avx512"(%arg0, %[[W]] bias %arg1) outs(%{{.*}}) {params = array<i64: 1, 32, 32, 2, 32, 32, 40, 3, 3, 1, 1, 1, 1, 1, 1, 1, {{[0-9]+}}>}
// OFF-LABEL: func.func @winograd
// OFF: tfc.kernel_call "conv2d_f32_avx512"
// GENERIC-LABEL: func.func @winograd
// GENERIC: tfc.kernel_call "conv2d_f32_generic"
func.func @winograd(%x: tensor<1x32x32x2xf32>, %b: tensor<40xf32>) -> tensor<1x32x32x40xf32> {
  %w = tfc.const dense<0.5> : tensor<3x3x2x40xf32>
  %0 = tfc.fused_conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, activation = #tfc.activation<Relu>} : (tensor<1x32x32x2xf32>, tensor<3x3x2x40xf32>, tensor<40xf32>) -> tensor<1x32x32x40xf32>
  return %0 : tensor<1x32x32x40xf32>
}

// -----

// Too few tiles: 28x28 outputs are 7x7 = 49 tiles.
// CHECK-LABEL: func.func @few_tiles
// CHECK: tfc.kernel_call "conv2d_f32_avx512"
func.func @few_tiles(%x: tensor<1x28x28x2xf32>) -> tensor<1x28x28x4xf32> {
  %w = tfc.const dense<0.5> : tensor<3x3x2x4xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x28x28x2xf32>, tensor<3x3x2x4xf32> -> tensor<1x28x28x4xf32>
  return %0 : tensor<1x28x28x4xf32>
}

// -----

// The batch counts: two images of 7x7 tiles are 98 tiles.
// CHECK-LABEL: func.func @batch
// CHECK: tfc.kernel_call "conv2d_winograd_f32_avx512"
func.func @batch(%x: tensor<2x28x28x2xf32>) -> tensor<2x28x28x4xf32> {
  %w = tfc.const dense<0.5> : tensor<3x3x2x4xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<2x28x28x2xf32>, tensor<3x3x2x4xf32> -> tensor<2x28x28x4xf32>
  return %0 : tensor<2x28x28x4xf32>
}

// -----

// Strided, dilated, or not 3x3: the direct kernel.
// CHECK-LABEL: func.func @not_winograd
// CHECK: tfc.kernel_call "conv2d_f32_avx512"
// CHECK: tfc.kernel_call "conv2d_f32_avx512"
// CHECK: tfc.kernel_call "conv2d_f32_avx512"
// CHECK-NOT: winograd
func.func @not_winograd(%x: tensor<1x64x64x2xf32>) -> (tensor<1x32x32x4xf32>, tensor<1x60x60x4xf32>, tensor<1x60x60x4xf32>) {
  %w = tfc.const dense<0.5> : tensor<3x3x2x4xf32>
  %w5 = tfc.const dense<0.5> : tensor<5x5x2x4xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x64x64x2xf32>, tensor<3x3x2x4xf32> -> tensor<1x32x32x4xf32>
  %1 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 2, 2>, padding = #tfc.padding<VALID>} : tensor<1x64x64x2xf32>, tensor<3x3x2x4xf32> -> tensor<1x60x60x4xf32>
  %2 = tfc.conv2d %x, %w5 {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<VALID>} : tensor<1x64x64x2xf32>, tensor<5x5x2x4xf32> -> tensor<1x60x60x4xf32>
  return %0, %1, %2 : tensor<1x32x32x4xf32>, tensor<1x60x60x4xf32>, tensor<1x60x60x4xf32>
}
