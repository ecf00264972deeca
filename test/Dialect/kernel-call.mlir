// RUN: tfc-opt %s | tfc-opt | FileCheck %s
// RUN: tfc-opt %s --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" | FileCheck %s --check-prefix=BUF
// RUN: tfc-opt %s --one-shot-bufferize="bufferize-function-boundaries" | FileCheck %s --check-prefix=STRIDED

// tfc.kernel_call on tensors returns the new init; on memrefs it writes it.
// Bufferized, the call writes the buffer its init became and reads the
// others'. The kernels take dense memory: an operand whose buffer may be
// strided is copied to a dense one first (STRIDED).

// CHECK-LABEL: func.func @on_tensors
// CHECK: %[[R:.*]] = tfc.kernel_call "conv2d_f32_generic"(%arg0, %arg1 bias %arg2) outs(%{{.*}}) {params = array<i64: 1, 2>} : (tensor<2x4xf32>, tensor<32xf32>, tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: return %[[R]]
// BUF-LABEL: func.func @on_tensors
// BUF-SAME: (%[[X:.*]]: memref<2x4xf32>, %[[W:.*]]: memref<32xf32>, %[[B:.*]]: memref<3xf32>)
// BUF: %[[OUT:.*]] = memref.alloc() {{.*}} : memref<2x3xf32>
// BUF-NOT: memref.copy
// BUF: tfc.kernel_call "conv2d_f32_generic"(%[[X]], %[[W]] bias %[[B]]) outs(%[[OUT]]) {params = array<i64: 1, 2>} : (memref<2x4xf32>, memref<32xf32>, memref<3xf32>, memref<2x3xf32>) -> ()
// BUF: return %[[OUT]]
// STRIDED-LABEL: func.func @on_tensors
// STRIDED: %[[DX:.*]] = memref.alloc() : memref<2x4xf32>
// STRIDED: memref.copy %arg0, %[[DX]]
// STRIDED: tfc.kernel_call "conv2d_f32_generic"(%[[DX]], 
func.func @on_tensors(%x: tensor<2x4xf32>, %w: tensor<32xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %init = tensor.empty() : tensor<2x3xf32>
  %r = tfc.kernel_call "conv2d_f32_generic"(%x, %w bias %b) outs(%init) {params = array<i64: 1, 2>} : (tensor<2x4xf32>, tensor<32xf32>, tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @on_memrefs
// CHECK: tfc.kernel_call "depthwise_conv2d_f32_avx2"(%arg0, %arg1 residual %arg2) outs(%arg3) {params = array<i64: 7>} : (memref<1x4x4x2xf32>, memref<3x3x2x1xf32>, memref<1x4x4x2xf32>, memref<1x4x4x2xf32>) -> ()
func.func @on_memrefs(%x: memref<1x4x4x2xf32>, %w: memref<3x3x2x1xf32>, %r: memref<1x4x4x2xf32>, %out: memref<1x4x4x2xf32>) {
  tfc.kernel_call "depthwise_conv2d_f32_avx2"(%x, %w residual %r) outs(%out) {params = array<i64: 7>} : (memref<1x4x4x2xf32>, memref<3x3x2x1xf32>, memref<1x4x4x2xf32>, memref<1x4x4x2xf32>) -> ()
  return
}

// Neither bias nor residual.
// CHECK-LABEL: func.func @plain
// CHECK: tfc.kernel_call "conv2d_f32_avx512"(%arg0, %arg1) outs(%{{.*}}) {params = array<i64: 3>} : (tensor<1x8xf32>, tensor<256xf32>, tensor<1x8xf32>) -> tensor<1x8xf32>
func.func @plain(%x: tensor<1x8xf32>, %w: tensor<256xf32>) -> tensor<1x8xf32> {
  %init = tensor.empty() : tensor<1x8xf32>
  %r = tfc.kernel_call "conv2d_f32_avx512"(%x, %w) outs(%init) {params = array<i64: 3>} : (tensor<1x8xf32>, tensor<256xf32>, tensor<1x8xf32>) -> tensor<1x8xf32>
  return %r : tensor<1x8xf32>
}
