// RUN: tfc-opt %s -split-input-file -tfc-use-kernels=isa=avx512 | FileCheck %s
// RUN: tfc-opt %s -split-input-file -tfc-use-kernels=isa=neon | FileCheck %s --check-prefix=NEON
// RUN: tfc-opt %s -split-input-file -tfc-use-kernels=isa=generic | FileCheck %s --check-prefix=GENERIC

// A float32 MaxPool becomes a call of the max_pool kernel with the
// depthwise kernel's params (multiplier 1, undilated, the padding before
// the window) and no weights; the generic kernels (microcontrollers) have
// none and keep linalg's pooling.

// SAME 3x3 stride 2 over 5x6: one row and one column of padding before.
// CHECK-LABEL: func.func @same_3x3_s2
// CHECK: %[[R:.*]] = tfc.kernel_call "max_pool_f32_avx512"(%arg0) outs(%{{.*}}) {params = array<i64: 2, 5, 6, 7, 3, 3, 1, 3, 3, 2, 2, 1, 1, 1, 0, 0, {{[0-9]+}}>} : (tensor<2x5x6x7xf32>, tensor<2x3x3x7xf32>) -> tensor<2x3x3x7xf32>
// CHECK-NOT: tfc.max_pool
// CHECK: return %[[R]]
// NEON-LABEL: func.func @same_3x3_s2
// NEON: tfc.kernel_call "max_pool_f32_neon"(%arg0) outs
// GENERIC-LABEL: func.func @same_3x3_s2
// GENERIC: tfc.max_pool
// GENERIC-NOT: kernel_call
func.func @same_3x3_s2(%x: tensor<2x5x6x7xf32>) -> tensor<2x3x3x7xf32> {
  %0 = tfc.max_pool %x {ksize = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = #tfc.padding<SAME>} : tensor<2x5x6x7xf32> -> tensor<2x3x3x7xf32>
  return %0 : tensor<2x3x3x7xf32>
}

// -----

// VALID 2x3 with strides 1 and 2: no padding.
// CHECK-LABEL: func.func @valid_2x3
// CHECK: tfc.kernel_call "max_pool_f32_avx512"(%arg0) outs(%{{.*}}) {params = array<i64: 1, 4, 7, 16, 3, 3, 1, 2, 3, 1, 2, 1, 1, 0, 0, 0, {{[0-9]+}}>}
func.func @valid_2x3(%x: tensor<1x4x7x16xf32>) -> tensor<1x3x3x16xf32> {
  %0 = tfc.max_pool %x {ksize = array<i64: 2, 3>, strides = array<i64: 1, 2>, padding = #tfc.padding<VALID>} : tensor<1x4x7x16xf32> -> tensor<1x3x3x16xf32>
  return %0 : tensor<1x3x3x16xf32>
}

// -----

// Other element types (float16 here) stay MaxPools.
// CHECK-LABEL: func.func @half
// CHECK-NOT: kernel_call
// CHECK: tfc.max_pool
func.func @half(%x: tensor<1x4x4x8xf16>) -> tensor<1x2x2x8xf16> {
  %0 = tfc.max_pool %x {ksize = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = #tfc.padding<VALID>} : tensor<1x4x4x8xf16> -> tensor<1x2x2x8xf16>
  return %0 : tensor<1x2x2x8xf16>
}
