// RUN: tfc-opt %s -split-input-file -verify-diagnostics

// Verifiers of BroadcastTo, Tile, Gather, SpaceToBatchND, BatchToSpaceND
// and Select, one error per function.

func.func @broadcast_to_incompatible(%x: tensor<3xf32>) {
  %s = tfc.const dense<[2, 4]> : tensor<2xi32>
  // expected-error @+1 {{input dimension 0 of size 3 cannot broadcast to 4}}
  %0 = tfc.broadcast_to %x, %s : tensor<3xf32>, tensor<2xi32> -> tensor<2x4xf32>
  return
}

// -----

func.func @tile_length(%x: tensor<2x3xf32>) {
  %m = tfc.const dense<[2, 3, 4]> : tensor<3xi32>
  // expected-error @+1 {{multiples has 3 entries but input has rank 2}}
  %0 = tfc.tile %x, %m : tensor<2x3xf32>, tensor<3xi32> -> tensor<?x?xf32>
  return
}

// -----

func.func @gather_axis(%p: tensor<2x3xf32>, %i: tensor<4xi32>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = tfc.gather %p, %i {axis = 2 : i64} : tensor<2x3xf32>, tensor<4xi32> -> tensor<*xf32>
  return
}

// -----

func.func @space_to_batch_not_divisible(%x: tensor<1x5x3xf32>) {
  %b = tfc.const dense<2> : tensor<1xi32>
  %p = tfc.const dense<[[0, 0]]> : tensor<1x2xi32>
  // expected-error @+1 {{padded dimension 1 of size 5 is not a multiple of its block size 2}}
  %0 = tfc.space_to_batch_nd %x, %b, %p : tensor<1x5x3xf32>, tensor<1xi32>, tensor<1x2xi32> -> tensor<?x?x?xf32>
  return
}

// -----

func.func @batch_to_space_batch(%x: tensor<3x2x3xf32>) {
  %b = tfc.const dense<2> : tensor<1xi32>
  %c = tfc.const dense<[[0, 0]]> : tensor<1x2xi32>
  // expected-error @+1 {{batch of 3 is not a multiple of the block count 2}}
  %0 = tfc.batch_to_space_nd %x, %b, %c : tensor<3x2x3xf32>, tensor<1xi32>, tensor<1x2xi32> -> tensor<?x?x?xf32>
  return
}

// -----

func.func @select_shapes(%c: tensor<2xi1>, %x: tensor<3xf32>, %y: tensor<3xf32>) {
  // expected-error @+1 {{condition, x and y do not broadcast to one shape}}
  %0 = tfc.select %c, %x, %y : tensor<2xi1>, tensor<3xf32>, tensor<3xf32> -> tensor<*xf32>
  return
}

// -----

func.func @mirror_pad_too_wide(%x: tensor<3x4xf32>) {
  %p = tfc.const dense<[[3, 0], [0, 0]]> : tensor<2x2xi32>
  // expected-error @+1 {{padding 3 of dimension 0 exceeds 2 for REFLECT on a size of 3}}
  %0 = tfc.mirror_pad %x, %p {mode = #tfc.mirror_pad_mode<REFLECT>} : tensor<3x4xf32>, tensor<2x2xi32> -> tensor<?x?xf32>
  return
}

// -----

func.func @top_k_too_many(%x: tensor<2x3xf32>) {
  %k = tfc.const dense<4> : tensor<i32>
  // expected-error @+1 {{k = 4 exceeds the last dimension's size 3}}
  %0:2 = tfc.top_k_v2 %x, %k {index_type = i32} : tensor<2x3xf32>, tensor<i32> -> tensor<2x4xf32>, tensor<2x4xi32>
  return
}

// -----

func.func @top_k_negative(%x: tensor<2x3xf32>) {
  %k = tfc.const dense<-1> : tensor<i32>
  // expected-error @+1 {{k must not be negative, got -1}}
  %0:2 = tfc.top_k_v2 %x, %k {index_type = i32} : tensor<2x3xf32>, tensor<i32> -> tensor<2x?xf32>, tensor<2x?xi32>
  return
}

// -----

func.func @top_k_vector_k(%x: tensor<2x3xf32>, %k: tensor<1xi32>) {
  // expected-error @+1 {{k must be a scalar, got 'tensor<1xi32>'}}
  %0:2 = tfc.top_k_v2 %x, %k {index_type = i32} : tensor<2x3xf32>, tensor<1xi32> -> tensor<2x?xf32>, tensor<2x?xi32>
  return
}

// -----

func.func @top_k_scalar(%x: tensor<f32>, %k: tensor<i32>) {
  // expected-error @+1 {{input must have rank >= 1}}
  %0:2 = tfc.top_k_v2 %x, %k {index_type = i32} : tensor<f32>, tensor<i32> -> tensor<*xf32>, tensor<*xi32>
  return
}

// -----

func.func @top_k_index_type(%x: tensor<2x3xf32>, %k: tensor<i32>) {
  // expected-error @+1 {{index_type must be int32 or int64, got 'i16'}}
  %0:2 = tfc.top_k_v2 %x, %k {index_type = i16} : tensor<2x3xf32>, tensor<i32> -> tensor<2x?xf32>, tensor<2x?xi32>
  return
}

// -----

func.func @resize_both_conventions(%x: tensor<1x3x4x2xf32>) {
  %s = tfc.const dense<[5, 2]> : tensor<2xi32>
  // expected-error @+1 {{align_corners and half_pixel_centers cannot both be true}}
  %0 = tfc.resize_bilinear %x, %s {align_corners = true, half_pixel_centers = true} : tensor<1x3x4x2xf32>, tensor<2xi32> -> tensor<1x5x2x2xf32>
  return
}

// -----

func.func @resize_rank(%x: tensor<3x4x2xf32>) {
  %s = tfc.const dense<[5, 2]> : tensor<2xi32>
  // expected-error @+1 {{images must have rank 4 (NHWC), got rank 3}}
  %0 = tfc.resize_nearest_neighbor %x, %s : tensor<3x4x2xf32>, tensor<2xi32> -> tensor<*xf32>
  return
}

// -----

func.func @resize_size_values(%x: tensor<1x3x4x2xf32>, %s: tensor<3xi32>) {
  // expected-error @+1 {{size must hold 2 values (height, width), got 'tensor<3xi32>'}}
  %0 = tfc.resize_nearest_neighbor %x, %s : tensor<1x3x4x2xf32>, tensor<3xi32> -> tensor<1x?x?x2xf32>
  return
}

// -----

func.func @resize_size_positive(%x: tensor<1x3x4x2xf32>) {
  %s = tfc.const dense<[0, 2]> : tensor<2xi32>
  // expected-error @+1 {{size must be positive, got [0, 2]}}
  %0 = tfc.resize_bilinear %x, %s : tensor<1x3x4x2xf32>, tensor<2xi32> -> tensor<1x?x?x2xf32>
  return
}

// -----

func.func @resize_empty_image(%x: tensor<1x0x4x2xf32>, %s: tensor<2xi32>) {
  // expected-error @+1 {{images must have a non-zero height and width}}
  %0 = tfc.resize_bilinear %x, %s : tensor<1x0x4x2xf32>, tensor<2xi32> -> tensor<1x?x?x2xf32>
  return
}

// -----

func.func @resize_no_channels(%x: tensor<1x3x4x0xf32>, %s: tensor<2xi32>) {
  // expected-error @+1 {{images must have at least one channel}}
  %0 = tfc.resize_nearest_neighbor %x, %s : tensor<1x3x4x0xf32>, tensor<2xi32> -> tensor<1x?x?x0xf32>
  return
}
