// RUN: tfc-opt %s --tfc-lower-kernel-calls | FileCheck %s

// Each kernel call is given the constant weights of the next call in the
// same function that has weights, and their size in bytes, to fetch toward
// the caches while it computes (runtime/src/kernels/kernels.h); a call with
// none after it gets a null pointer and 0. The thread pool comes last.

memref.global "private" constant @w0 : memref<8xf32> = dense<1.0>
memref.global "private" constant @w1 : memref<16xf32> = dense<2.0>

// CHECK-LABEL: func.func @chain
// CHECK-SAME: %[[POOL:[a-z0-9]+]]: !llvm.ptr)
func.func @chain(%in: memref<1x1x1x2xf32>, %mid: memref<1x1x1x4xf32>,
                 %pooled: memref<1x1x1x4xf32>, %out: memref<1x1x1x4xf32>) {
  %w0 = memref.get_global @w0 : memref<8xf32>
  %w1 = memref.get_global @w1 : memref<16xf32>
  // CHECK: memref.get_global @w1 : memref<16xf32>
  // CHECK: %[[BYTES0:.*]] = arith.constant 64 : index
  // CHECK: call @tfc_conv2d_f32_avx512({{.*}}, %[[BYTES0]], %[[POOL]])
  tfc.kernel_call "conv2d_f32_avx512"(%in, %w0) outs(%mid) {params = array<i64: 1, 1, 1, 2, 1, 1, 4, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0>} : (memref<1x1x1x2xf32>, memref<8xf32>, memref<1x1x1x4xf32>) -> ()
  // A call without weights passes them on, and is given them too.
  // CHECK: memref.get_global @w1 : memref<16xf32>
  // CHECK: %[[BYTES1:.*]] = arith.constant 64 : index
  // CHECK: call @tfc_max_pool_f32_avx512({{.*}}, %[[BYTES1]], %[[POOL]])
  tfc.kernel_call "max_pool_f32_avx512"(%mid) outs(%pooled) {params = array<i64: 1, 1, 1, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0>} : (memref<1x1x1x4xf32>, memref<1x1x1x4xf32>) -> ()
  // The last: nothing to fetch.
  // CHECK-NOT: memref.get_global @w
  // CHECK: %[[BYTES2:.*]] = arith.constant 0 : index
  // CHECK-NOT: memref.get_global @w
  // CHECK: call @tfc_conv2d_f32_avx512({{.*}}, %[[BYTES2]], %[[POOL]])
  tfc.kernel_call "conv2d_f32_avx512"(%pooled, %w1) outs(%out) {params = array<i64: 1, 1, 1, 4, 1, 1, 4, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0>} : (memref<1x1x1x4xf32>, memref<16xf32>, memref<1x1x1x4xf32>) -> ()
  return
}

// The declarations: six pointers, the next weights, their size, the pool.
// CHECK: func.func private @tfc_conv2d_f32_avx512(!llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, index, !llvm.ptr)
