// RUN: tfc-opt %s -split-input-file --convert-tfc-to-linalg | FileCheck %s

// Lowering of Tile, Gather, BroadcastTo, SpaceToBatchND and BatchToSpaceND,
// and of the element-wise ops whose scalar code has cases: integer FloorMod
// and FloorDiv (no trap on 0 or -1), comparisons feeding Select, All.

// Tile reads input index (i mod n); a size-1 axis reads index 0.
// CHECK: #[[TILE:.*]] = affine_map<(d0, d1) -> (d0 mod 2, 0)>
// CHECK-LABEL: func.func @tile
// CHECK: linalg.generic {indexing_maps = [#[[TILE]], #{{.*}}]
// CHECK-SAME: ins(%{{.*}} : tensor<2x1xf32>) outs(%{{.*}} : tensor<4x3xf32>)
func.func @tile(%x: tensor<2x1xf32>) -> tensor<4x3xf32> {
  %m = tfc.const dense<[2, 3]> : tensor<2xi32>
  %0 = tfc.tile %x, %m : tensor<2x1xf32>, tensor<2xi32> -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// Gather on axis -1: a loop over the output reading each index, clamped
// into [0, 4], then the params element at (output row, index).
// CHECK: #[[INDEX:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @gather
// CHECK-SAME: (%[[P:.*]]: tensor<2x5xf32>, %[[I:.*]]: tensor<3xi32>)
// CHECK: linalg.generic {indexing_maps = [#[[INDEX]], #{{.*}}]{{.*}} ins(%[[I]] : tensor<3xi32>)
// CHECK: %[[CAST:.*]] = arith.index_cast
// CHECK: %[[LOW:.*]] = arith.maxsi %[[CAST]], %c0
// CHECK: %[[CLAMPED:.*]] = arith.minsi %[[LOW]], %c4
// CHECK: %[[ROW:.*]] = linalg.index 0 : index
// CHECK: tensor.extract %[[P]][%[[ROW]], %[[CLAMPED]]] : tensor<2x5xf32>
func.func @gather(%p: tensor<2x5xf32>, %i: tensor<3xi32>) -> tensor<2x3xf32> {
  %0 = tfc.gather %p, %i {axis = -1 : i64} : tensor<2x5xf32>, tensor<3xi32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK: #[[STRETCH:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func.func @broadcast_to
// CHECK: linalg.generic {indexing_maps = [#[[STRETCH]], #{{.*}}]
// CHECK-SAME: outs(%{{.*}} : tensor<2x3x4xf32>)
func.func @broadcast_to(%x: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %s = tfc.const dense<[2, 3, 4]> : tensor<3xi64>
  %0 = tfc.broadcast_to %x, %s : tensor<3x1xf32>, tensor<3xi64> -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// SpaceToBatchND: pad, split each spatial axis into (size / block, block),
// move the block offsets in front of the batch, merge them into it.
// CHECK-LABEL: func.func @space_to_batch
// CHECK: %[[PADDED:.*]] = tensor.pad %{{.*}} low[0, 1, 0, 0] high[0, 0, 0, 0]
// CHECK: %[[SPLIT:.*]] = tensor.expand_shape %[[PADDED]] {{\[\[}}0], [1, 2], [3, 4], [5]] output_shape [1, 3, 2, 2, 3, 3]
// CHECK: %[[MOVED:.*]] = linalg.transpose ins(%[[SPLIT]] : tensor<1x3x2x2x3x3xf32>) outs(%{{.*}} : tensor<2x3x1x3x2x3xf32>) permutation = [2, 4, 0, 1, 3, 5]
// CHECK: %[[MERGED:.*]] = tensor.collapse_shape %[[MOVED]] {{\[\[}}0, 1, 2], [3], [4], [5]] : tensor<2x3x1x3x2x3xf32> into tensor<6x3x2x3xf32>
// CHECK: return %[[MERGED]]
func.func @space_to_batch(%x: tensor<1x5x6x3xf32>) -> tensor<6x3x2x3xf32> {
  %b = tfc.const dense<[2, 3]> : tensor<2xi32>
  %p = tfc.const dense<[[1, 0], [0, 0]]> : tensor<2x2xi32>
  %0 = tfc.space_to_batch_nd %x, %b, %p : tensor<1x5x6x3xf32>, tensor<2xi32>, tensor<2x2xi32> -> tensor<6x3x2x3xf32>
  return %0 : tensor<6x3x2x3xf32>
}

// -----

// BatchToSpaceND: the inverse, then the crop.
// CHECK-LABEL: func.func @batch_to_space
// CHECK: %[[SPLIT:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2], [3]] output_shape [2, 2, 3, 5]
// CHECK: %[[MOVED:.*]] = linalg.transpose ins(%[[SPLIT]] : tensor<2x2x3x5xf32>) outs(%{{.*}} : tensor<2x3x2x5xf32>) permutation = [1, 2, 0, 3]
// CHECK: %[[MERGED:.*]] = tensor.collapse_shape %[[MOVED]] {{\[\[}}0], [1, 2], [3]] : tensor<2x3x2x5xf32> into tensor<2x6x5xf32>
// CHECK: %[[CROPPED:.*]] = tensor.extract_slice %[[MERGED]][0, 0, 0] [2, 5, 5] [1, 1, 1]
// CHECK: return %[[CROPPED]]
func.func @batch_to_space(%x: tensor<4x3x5xf32>) -> tensor<2x5x5xf32> {
  %b = tfc.const dense<2> : tensor<1xi32>
  %c = tfc.const dense<[[0, 1]]> : tensor<1x2xi32>
  %0 = tfc.batch_to_space_nd %x, %b, %c : tensor<4x3x5xf32>, tensor<1xi32>, tensor<1x2xi32> -> tensor<2x5x5xf32>
  return %0 : tensor<2x5x5xf32>
}

// -----

// Integer FloorMod: divisors 0 and -1 become 1 (no trap), then the
// truncated remainder plus y where their signs differ.
// CHECK-LABEL: func.func @floor_mod_int
// CHECK: ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[ISZERO:.*]] = arith.cmpi eq, %[[Y]], %{{.*}}
// CHECK: %[[ISMINUS1:.*]] = arith.cmpi eq, %[[Y]], %c-1_i32
// CHECK: %[[SPECIAL:.*]] = arith.ori %[[ISZERO]], %[[ISMINUS1]]
// CHECK: %[[SAFE:.*]] = arith.select %[[SPECIAL]], %c1_i32, %[[Y]]
// CHECK: %[[REM:.*]] = arith.remsi %[[X]], %[[SAFE]]
// CHECK: %[[FIXED:.*]] = arith.addi %[[REM]], %[[Y]]
// CHECK: arith.select %{{.*}}, %[[FIXED]], %[[REM]]
func.func @floor_mod_int(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xi32> {
  %0 = tfc.floor_mod %x, %y : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Integer FloorDiv: floordivsi by the safe divisor; -x for -1, 0 for 0.
// CHECK-LABEL: func.func @floor_div_int
// CHECK: ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %{{.*}}: i32):
// CHECK: %[[SAFE:.*]] = arith.select %{{.*}}, %c1_i32, %[[Y]]
// CHECK: %[[Q:.*]] = arith.floordivsi %[[X]], %[[SAFE]]
// CHECK: %[[NEG:.*]] = arith.subi %c0_i32, %[[X]]
// CHECK: %[[R:.*]] = arith.select %{{.*}}, %[[NEG]], %[[Q]]
// CHECK: arith.select %{{.*}}, %c0_i32, %[[R]]
func.func @floor_div_int(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xi32> {
  %0 = tfc.floor_div %x, %y : tensor<4xi32>, tensor<4xi32> -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Less gives i1 (ordered: false with NaN); Select broadcasts its operands.
// CHECK-LABEL: func.func @less_select
// CHECK: %[[C:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<2x3xi1>)
// CHECK: arith.cmpf olt
// CHECK: linalg.generic {{.*}} ins(%[[C]], %{{.*}}, %{{.*}} : tensor<2x3xi1>, tensor<2x3xf32>, tensor<3xf32>)
// CHECK: arith.select
func.func @less_select(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<2x3xf32> {
  %c = tfc.less %x, %y : tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xi1>
  %0 = tfc.select %c, %x, %y : tensor<2x3xi1>, tensor<2x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// All starts from true and ands; the reduced axis is a reduction iterator.
// CHECK-LABEL: func.func @all
// CHECK: %[[TRUE:.*]] = arith.constant true
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[TRUE]] : i1)
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]{{.*}} outs(%[[INIT]] : tensor<2xi1>)
// CHECK: arith.andi
func.func @all(%x: tensor<3x2xi1>) -> tensor<2xi1> {
  %a = tfc.const dense<0> : tensor<i32>
  %0 = tfc.all %x, %a : tensor<3x2xi1>, tensor<i32> -> tensor<2xi1>
  return %0 : tensor<2xi1>
}

// -----

// MirrorPad REFLECT on axis 0 (low 1, high 2 of 3 rows): i = index - 1,
// reflected to -i below 0 and to 4 - i at 3 or above; axis 1 is not padded.
// CHECK-LABEL: func.func @mirror_pad
// CHECK-SAME: (%[[X:.*]]: tensor<3x4xf32>)
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<6x4xf32>)
// CHECK: %[[ROW:.*]] = linalg.index 0 : index
// CHECK: %[[I:.*]] = arith.subi %[[ROW]], %c1
// CHECK: %[[BELOW:.*]] = arith.subi %c0, %[[I]]
// CHECK: %[[ABOVE:.*]] = arith.subi %c4, %[[I]]
// CHECK: %[[MIRRORED:.*]] = arith.select %{{.*}}, %[[ABOVE]], %[[I]]
// CHECK: %[[SRC:.*]] = arith.select %{{.*}}, %[[BELOW]], %[[MIRRORED]]
// CHECK: %[[COL:.*]] = linalg.index 1 : index
// CHECK: tensor.extract %[[X]][%[[SRC]], %[[COL]]]
func.func @mirror_pad(%x: tensor<3x4xf32>) -> tensor<6x4xf32> {
  %p = tfc.const dense<[[1, 2], [0, 0]]> : tensor<2x2xi32>
  %0 = tfc.mirror_pad %x, %p {mode = #tfc.mirror_pad_mode<REFLECT>} : tensor<3x4xf32>, tensor<2x2xi32> -> tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

// -----

// TopKV2, k = 2 of 5: an scf.for over the picks carries the last pick per
// row (at first NaN at index -1, before every element). Each step fills
// column j of the results with a virtual element after all (-inf at index
// 5) and reduces over the row to the first element, in the order (value
// descending, NaN first, index ascending), that comes after the last pick;
// the pick becomes column j and the next step's last pick.
// CHECK-LABEL: func.func @top_k_v2
// CHECK-SAME: (%[[X:.*]]: tensor<3x5xf32>)
// CHECK: %[[NAN:.*]] = arith.constant 0x7FC00000 : f32
// CHECK: %[[LAST:.*]] = linalg.fill ins(%[[NAN]] : f32) outs(%{{.*}} : tensor<3xf32>)
// CHECK: %[[MINUS_ONE:.*]] = arith.constant -1 : i32
// CHECK: %[[LAST_INDEX:.*]] = linalg.fill ins(%[[MINUS_ONE]] : i32) outs(%{{.*}} : tensor<3xi32>)
// CHECK: %[[INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[FIVE:.*]] = arith.constant 5 : i32
// CHECK: %[[LOOP:.*]]:4 = scf.for %[[J:.*]] = %c0 to %c2 step %c1 iter_args(%[[V:.*]] = %{{.*}}, %[[I:.*]] = %{{.*}}, %[[P:.*]] = %[[LAST]], %[[Q:.*]] = %[[LAST_INDEX]])
// CHECK: %[[VJ:.*]] = tensor.extract_slice %[[V]][0, %[[J]]] [3, 1] [1, 1] : tensor<3x2xf32> to tensor<3xf32>
// CHECK: %[[BEST:.*]] = linalg.fill ins(%[[INF]] : f32) outs(%[[VJ]] : tensor<3xf32>)
// CHECK: %[[IJ:.*]] = tensor.extract_slice %[[I]][0, %[[J]]] [3, 1] [1, 1] : tensor<3x2xi32> to tensor<3xi32>
// CHECK: %[[BEST_INDEX:.*]] = linalg.fill ins(%[[FIVE]] : i32) outs(%[[IJ]] : tensor<3xi32>)
// CHECK: %[[PICK:.*]]:2 = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[X]], %[[P]], %[[Q]] : tensor<3x5xf32>, tensor<3xf32>, tensor<3xi32>) outs(%[[BEST]], %[[BEST_INDEX]] : tensor<3xf32>, tensor<3xi32>)
// CHECK: linalg.index 1
// CHECK: arith.cmpf uno
// CHECK: arith.cmpf ogt
// CHECK: arith.cmpf oeq
// CHECK: arith.cmpi slt
// CHECK: linalg.yield
// CHECK: %[[V2:.*]] = tensor.insert_slice %[[PICK]]#0 into %[[V]][0, %[[J]]] [3, 1] [1, 1]
// CHECK: %[[I2:.*]] = tensor.insert_slice %[[PICK]]#1 into %[[I]][0, %[[J]]] [3, 1] [1, 1]
// CHECK: %[[P2:.*]] = linalg.copy ins(%[[PICK]]#0 : tensor<3xf32>) outs(%[[P]] : tensor<3xf32>)
// CHECK: %[[Q2:.*]] = linalg.copy ins(%[[PICK]]#1 : tensor<3xi32>) outs(%[[Q]] : tensor<3xi32>)
// CHECK: scf.yield %[[V2]], %[[I2]], %[[P2]], %[[Q2]]
// CHECK: return %[[LOOP]]#0, %[[LOOP]]#1
func.func @top_k_v2(%x: tensor<3x5xf32>) -> (tensor<3x2xf32>, tensor<3x2xi32>) {
  %k = tfc.const dense<2> : tensor<i32>
  %v, %i = tfc.top_k_v2 %x, %k {index_type = i32} : tensor<3x5xf32>, tensor<i32> -> tensor<3x2xf32>, tensor<3x2xi32>
  return %v, %i : tensor<3x2xf32>, tensor<3x2xi32>
}

// -----

// Integers: the first last pick is the largest value at index -1, the
// search starts from the smallest at index n; comparisons are signed.
// CHECK-LABEL: func.func @top_k_v2_int
// CHECK-DAG: arith.constant 9223372036854775807 : i64
// CHECK-DAG: arith.constant -9223372036854775808 : i64
// CHECK: scf.for
// CHECK: linalg.generic
// CHECK: arith.cmpi sgt
// CHECK: arith.cmpi eq
func.func @top_k_v2_int(%x: tensor<7xi64>) -> (tensor<3xi64>, tensor<3xi64>) {
  %k = tfc.const dense<3> : tensor<i64>
  %v, %i = tfc.top_k_v2 %x, %k {index_type = i64} : tensor<7xi64>, tensor<i64> -> tensor<3xi64>, tensor<3xi64>
  return %v, %i : tensor<3xi64>, tensor<3xi64>
}

// -----

// k = 0: empty results, no loop.
// CHECK-LABEL: func.func @top_k_v2_none
// CHECK-NOT: scf.for
// CHECK: %[[V:.*]] = tensor.empty() : tensor<3x0xf32>
// CHECK: %[[I:.*]] = tensor.empty() : tensor<3x0xi32>
// CHECK: return %[[V]], %[[I]]
func.func @top_k_v2_none(%x: tensor<3x5xf32>) -> (tensor<3x0xf32>, tensor<3x0xi32>) {
  %k = tfc.const dense<0> : tensor<i32>
  %v, %i = tfc.top_k_v2 %x, %k {index_type = i32} : tensor<3x5xf32>, tensor<i32> -> tensor<3x0xf32>, tensor<3x0xi32>
  return %v, %i : tensor<3x0xf32>, tensor<3x0xi32>
}

// -----

// ResizeNearestNeighbor with align_corners, 3x4 to 5x2: the source rows
// (round(y * 2/4)) and columns (round(x * 3/1)) are tables computed at
// compile time; the loop over the output copies the pixel they name, uint8
// included.
// CHECK: #[[ROW:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK: #[[COLUMN:.*]] = affine_map<(d0, d1, d2, d3) -> (d2)>
// CHECK-LABEL: func.func @resize_nearest_neighbor
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x4x2xui8>)
// CHECK: %[[ROWS:.*]] = arith.constant dense<[0, 1, 1, 2, 2]> : tensor<5xi32>
// CHECK: %[[COLUMNS:.*]] = arith.constant dense<[0, 3]> : tensor<2xi32>
// CHECK: linalg.generic {indexing_maps = [#[[ROW]], #[[COLUMN]], #{{.*}}], {{.*}} ins(%[[ROWS]], %[[COLUMNS]] : tensor<5xi32>, tensor<2xi32>) outs(%{{.*}} : tensor<1x5x2x2xui8>)
// CHECK: ^bb0(%[[R:.*]]: i32, %[[C:.*]]: i32, %{{.*}}: ui8):
// CHECK: %[[B:.*]] = linalg.index 0
// CHECK: %[[RI:.*]] = arith.index_cast %[[R]] : i32 to index
// CHECK: %[[CI:.*]] = arith.index_cast %[[C]] : i32 to index
// CHECK: %[[CH:.*]] = linalg.index 3
// CHECK: %[[V:.*]] = tensor.extract %[[X]][%[[B]], %[[RI]], %[[CI]], %[[CH]]]
// CHECK: linalg.yield %[[V]] : ui8
func.func @resize_nearest_neighbor(%x: tensor<1x3x4x2xui8>) -> tensor<1x5x2x2xui8> {
  %s = tfc.const dense<[5, 2]> : tensor<2xi32>
  %0 = tfc.resize_nearest_neighbor %x, %s {align_corners = true} : tensor<1x3x4x2xui8>, tensor<2xi32> -> tensor<1x5x2x2xui8>
  return %0 : tensor<1x5x2x2xui8>
}

// -----

// ResizeBilinear with half-pixel centers, 2x3 to 3x5: tables of the rows
// and columns below and above each source and the weight of the one above
// (row 0's source is -1/6: both rows 0, weight 5/6). Each pixel is read,
// converted to float, and interpolated along the row, then between rows.
// CHECK-LABEL: func.func @resize_bilinear
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x3x1xi32>)
// CHECK: %[[TOP:.*]] = arith.constant dense<[0, 0, 1]> : tensor<3xi32>
// CHECK: %[[BOTTOM:.*]] = arith.constant dense<[0, 1, 1]> : tensor<3xi32>
// CHECK: %[[ROW_WEIGHT:.*]] = arith.constant dense<[0.833333373, 5.000000e-01, 0.166666746]> : tensor<3xf32>
// CHECK: %[[LEFT:.*]] = arith.constant dense<[0, 0, 1, 1, 2]> : tensor<5xi32>
// CHECK: %[[RIGHT:.*]] = arith.constant dense<[0, 1, 1, 2, 2]> : tensor<5xi32>
// CHECK: %[[COLUMN_WEIGHT:.*]] = arith.constant dense<[8.000000e-01, 0.400000036, 0.000000e+00, 0.600000143, 0.200000048]> : tensor<5xf32>
// CHECK: linalg.generic {{.*}} ins(%[[TOP]], %[[BOTTOM]], %[[ROW_WEIGHT]], %[[LEFT]], %[[RIGHT]], %[[COLUMN_WEIGHT]] : {{.*}}) outs(%{{.*}} : tensor<1x3x5x1xf32>)
// CHECK: ^bb0(%{{.*}}: i32, %{{.*}}: i32, %[[RW:.*]]: f32, %{{.*}}: i32, %{{.*}}: i32, %[[CW:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[TL:.*]] = arith.sitofp
// CHECK: %[[TR:.*]] = arith.sitofp
// CHECK: %[[D1:.*]] = arith.subf %[[TR]], %[[TL]] : f32
// CHECK: %[[S1:.*]] = arith.mulf %[[D1]], %[[CW]] : f32
// CHECK: %[[UPPER:.*]] = arith.addf %[[TL]], %[[S1]] : f32
// CHECK: %[[BL:.*]] = arith.sitofp
// CHECK: %[[BR:.*]] = arith.sitofp
// CHECK: %[[LOWER:.*]] = arith.addf %[[BL]], %{{.*}} : f32
// CHECK: %[[D3:.*]] = arith.subf %[[LOWER]], %[[UPPER]] : f32
// CHECK: %[[S3:.*]] = arith.mulf %[[D3]], %[[RW]] : f32
// CHECK: %[[OUT:.*]] = arith.addf %[[UPPER]], %[[S3]] : f32
// CHECK: linalg.yield %[[OUT]] : f32
func.func @resize_bilinear(%x: tensor<1x2x3x1xi32>) -> tensor<1x3x5x1xf32> {
  %s = tfc.const dense<[3, 5]> : tensor<2xi32>
  %0 = tfc.resize_bilinear %x, %s {half_pixel_centers = true} : tensor<1x2x3x1xi32>, tensor<2xi32> -> tensor<1x3x5x1xf32>
  return %0 : tensor<1x3x5x1xf32>
}

// -----

// ResizeBilinear to the input's own size is the input converted to float.
// CHECK-LABEL: func.func @resize_bilinear_same_size
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<1x2x3x1xf64>) outs(%{{.*}} : tensor<1x2x3x1xf32>)
// CHECK-NEXT: ^bb0
// CHECK-NEXT: arith.truncf
// CHECK-NEXT: linalg.yield
func.func @resize_bilinear_same_size(%x: tensor<1x2x3x1xf64>) -> tensor<1x2x3x1xf32> {
  %s = tfc.const dense<[2, 3]> : tensor<2xi32>
  %0 = tfc.resize_bilinear %x, %s : tensor<1x2x3x1xf64>, tensor<2xi32> -> tensor<1x2x3x1xf32>
  return %0 : tensor<1x2x3x1xf32>
}
