// RUN: tfc-opt %s -split-input-file -tfc-use-kernels=isa=avx512 | FileCheck %s
// RUN: tfc-opt %s -split-input-file -tfc-use-kernels="isa=avx512 winograd=false" | FileCheck %s --check-prefix=OFF
// RUN: tfc-opt %s -split-input-file -tfc-use-kernels=isa=generic | FileCheck %s --check-prefix=GENERIC

// tfc-use-kernels picks the Winograd kernel for an undilated 3x3
// convolution with stride 1, 16 input channels or more and at least 64
// output tiles of 4x4 pixels (here 8x8 tiles), with its weights
// transformed: 6x6 per filter, packed in panels of 32 output channels (16
// input channels, 40 output channels: 2 panels x 36 x 16 x 32 floats). The
// params end with TFC_CONV_OUT_STRIDE (0: dense) and the output tile's
// side, 4. Not with winograd=false, nor
// with the generic kernels.

// CHECK-LABEL: func.func @winograd
// CHECK: %[[W:.*]] = tfc.const dense<{{.*}}> : tensor<36864xf32>
// CHECK: tfc.kernel_call "conv2d_winograd_f32_avx512"(%arg0, %[[W]] bias %arg1) outs(%{{.*}}) {params = array<i64: 1, 32, 32, 16, 32, 32, 40, 3, 3, 1, 1, 1, 1, 1, 1, 1, {{[0-9]+}}, 0, 4>}
// OFF-LABEL: func.func @winograd
// OFF: tfc.kernel_call "conv2d_f32_avx512"
// GENERIC-LABEL: func.func @winograd
// GENERIC: tfc.kernel_call "conv2d_f32_generic"
func.func @winograd(%x: tensor<1x32x32x16xf32>, %b: tensor<40xf32>) -> tensor<1x32x32x40xf32> {
  %w = tfc.const dense<0.5> : tensor<3x3x16x40xf32>
  %0 = tfc.fused_conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>, activation = #tfc.activation<Relu>} : (tensor<1x32x32x16xf32>, tensor<3x3x16x40xf32>, tensor<40xf32>) -> tensor<1x32x32x40xf32>
  return %0 : tensor<1x32x32x40xf32>
}

// -----

// Fewer than 64 tiles of 4x4 (28x28 outputs are 7x7 = 49): F(2x2, 3x3),
// from 16 tiles of 2x2 (here 14x14), 4x4 weights per filter (1 panel x 16
// x 16 x 32 floats), tile side 2. With 9 (6x6 outputs): the direct kernel.
// CHECK-LABEL: func.func @few_tiles
// CHECK: %[[W:.*]] = tfc.const dense<{{.*}}> : tensor<8192xf32>
// CHECK: tfc.kernel_call "conv2d_winograd_f32_avx512"(%arg0, %[[W]]) outs(%{{.*}}) {params = array<i64: 1, 28, 28, 16, 28, 28, 4, 3, 3, 1, 1, 1, 1, 1, 1, 0, {{[0-9]+}}, 0, 2>}
// CHECK-LABEL: func.func @too_few_tiles
// CHECK: tfc.kernel_call "conv2d_f32_avx512"
// OFF-LABEL: func.func @few_tiles
// OFF: tfc.kernel_call "conv2d_f32_avx512"
func.func @few_tiles(%x: tensor<1x28x28x16xf32>) -> tensor<1x28x28x4xf32> {
  %w = tfc.const dense<0.5> : tensor<3x3x16x4xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x28x28x16xf32>, tensor<3x3x16x4xf32> -> tensor<1x28x28x4xf32>
  return %0 : tensor<1x28x28x4xf32>
}
func.func @too_few_tiles(%x: tensor<1x6x6x16xf32>) -> tensor<1x6x6x4xf32> {
  %w = tfc.const dense<0.5> : tensor<3x3x16x4xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x6x6x16xf32>, tensor<3x3x16x4xf32> -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

// The batch counts: two images of 7x7 tiles are 98 tiles of 4x4.
// CHECK-LABEL: func.func @batch
// CHECK: tfc.kernel_call "conv2d_winograd_f32_avx512"{{.*}}, 4>}
func.func @batch(%x: tensor<2x28x28x16xf32>) -> tensor<2x28x28x4xf32> {
  %w = tfc.const dense<0.5> : tensor<3x3x16x4xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<2x28x28x16xf32>, tensor<3x3x16x4xf32> -> tensor<2x28x28x4xf32>
  return %0 : tensor<2x28x28x4xf32>
}

// -----

// 5x5: F(2x2, 5x5) from 16 tiles of 2x2 pixels (MNIST's 14x14 layer has
// 49); the weights are 6x6 per filter as well.
// CHECK-LABEL: func.func @five_by_five
// CHECK: %[[W:.*]] = tfc.const dense<{{.*}}> : tensor<18432xf32>
// CHECK: tfc.kernel_call "conv2d_winograd_f32_avx512"(%arg0, %[[W]]) outs(%{{.*}}) {params = array<i64: 1, 8, 8, 16, 8, 8, 4, 5, 5, 1, 1, 1, 1, 2, 2, 0, {{[0-9]+}}, 0, 2>}
// CHECK-LABEL: func.func @five_by_five_few_tiles
// CHECK: tfc.kernel_call "conv2d_f32_avx512"
func.func @five_by_five(%x: tensor<1x8x8x16xf32>) -> tensor<1x8x8x4xf32> {
  %w = tfc.const dense<0.5> : tensor<5x5x16x4xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x16xf32>, tensor<5x5x16x4xf32> -> tensor<1x8x8x4xf32>
  return %0 : tensor<1x8x8x4xf32>
}
func.func @five_by_five_few_tiles(%x: tensor<1x6x6x16xf32>) -> tensor<1x6x6x4xf32> {
  %w = tfc.const dense<0.5> : tensor<5x5x16x4xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x6x6x16xf32>, tensor<5x5x16x4xf32> -> tensor<1x6x6x4xf32>
  return %0 : tensor<1x6x6x4xf32>
}

// -----

// 1x7 and 7x1 in F(4, 7), 1x3 and 3x1 in F(4, 3), from 16 output tiles of
// 4 pixels along the filter: 10 and 6 weights per filter (2 panels x 10 x
// 16 x 32 floats for 40 output channels, 1 x 6 x 16 x 32 for 4). 17x17
// outputs in 1x7 tiles are 17 rows x 5 tiles; 8x8 in 3x1 tiles 2 x 8; 4x4
// in 7x1 tiles only 1 x 4.
// CHECK-LABEL: func.func @one_by_seven
// CHECK: %[[W:.*]] = tfc.const dense<{{.*}}> : tensor<10240xf32>
// CHECK: tfc.kernel_call "conv2d_winograd_f32_avx512"(%arg0, %[[W]]) outs(%{{.*}}) {params = array<i64: 1, 17, 17, 16, 17, 17, 40, 1, 7, 1, 1, 1, 1, 0, 3, 0, {{[0-9]+}}, 0, 4>}
// CHECK-LABEL: func.func @three_by_one
// CHECK: %[[W:.*]] = tfc.const dense<{{.*}}> : tensor<3072xf32>
// CHECK: tfc.kernel_call "conv2d_winograd_f32_avx512"(%arg0, %[[W]]) outs(%{{.*}}) {params = array<i64: 1, 8, 8, 16, 8, 8, 4, 3, 1, 1, 1, 1, 1, 1, 0, 0, {{[0-9]+}}, 0, 4>}
// CHECK-LABEL: func.func @seven_by_one_few_tiles
// CHECK: tfc.kernel_call "conv2d_f32_avx512"
// OFF-LABEL: func.func @one_by_seven
// OFF: tfc.kernel_call "conv2d_f32_avx512"
func.func @one_by_seven(%x: tensor<1x17x17x16xf32>) -> tensor<1x17x17x40xf32> {
  %w = tfc.const dense<0.5> : tensor<1x7x16x40xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x17x17x16xf32>, tensor<1x7x16x40xf32> -> tensor<1x17x17x40xf32>
  return %0 : tensor<1x17x17x40xf32>
}
func.func @three_by_one(%x: tensor<1x8x8x16xf32>) -> tensor<1x8x8x4xf32> {
  %w = tfc.const dense<0.5> : tensor<3x1x16x4xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x8x8x16xf32>, tensor<3x1x16x4xf32> -> tensor<1x8x8x4xf32>
  return %0 : tensor<1x8x8x4xf32>
}
func.func @seven_by_one_few_tiles(%x: tensor<1x4x4x16xf32>) -> tensor<1x4x4x4xf32> {
  %w = tfc.const dense<0.5> : tensor<7x1x16x4xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x4x4x16xf32>, tensor<7x1x16x4xf32> -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// Strided, dilated, not square, not 3x3, 5x5, 1x3, 3x1, 1x7 or 7x1, or
// under 16 input channels: the direct kernel.
// CHECK-LABEL: func.func @not_winograd
// CHECK-COUNT-5: tfc.kernel_call "conv2d_f32_avx512"
// CHECK-NOT: winograd
func.func @not_winograd(%x: tensor<1x64x64x16xf32>, %y: tensor<1x64x64x8xf32>) -> (tensor<1x32x32x4xf32>, tensor<1x60x60x4xf32>, tensor<1x64x64x4xf32>, tensor<1x64x64x4xf32>, tensor<1x64x64x4xf32>) {
  %w = tfc.const dense<0.5> : tensor<3x3x16x4xf32>
  %w7 = tfc.const dense<0.5> : tensor<7x7x16x4xf32>
  %w15 = tfc.const dense<0.5> : tensor<1x5x16x4xf32>
  %w8 = tfc.const dense<0.5> : tensor<3x3x8x4xf32>
  %0 = tfc.conv2d %x, %w {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x64x64x16xf32>, tensor<3x3x16x4xf32> -> tensor<1x32x32x4xf32>
  %1 = tfc.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 2, 2>, padding = #tfc.padding<VALID>} : tensor<1x64x64x16xf32>, tensor<3x3x16x4xf32> -> tensor<1x60x60x4xf32>
  %2 = tfc.conv2d %x, %w7 {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x64x64x16xf32>, tensor<7x7x16x4xf32> -> tensor<1x64x64x4xf32>
  %3 = tfc.conv2d %x, %w15 {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x64x64x16xf32>, tensor<1x5x16x4xf32> -> tensor<1x64x64x4xf32>
  %4 = tfc.conv2d %y, %w8 {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, padding = #tfc.padding<SAME>} : tensor<1x64x64x8xf32>, tensor<3x3x8x4xf32> -> tensor<1x64x64x4xf32>
  return %0, %1, %2, %3, %4 : tensor<1x32x32x4xf32>, tensor<1x60x60x4xf32>, tensor<1x64x64x4xf32>, tensor<1x64x64x4xf32>, tensor<1x64x64x4xf32>
}
