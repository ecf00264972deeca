//===- Activations.h - scalar bodies of activations -------------*- C++ -*-===//
//
// The scalar computation of each activation, for use inside a linalg body.
// Shared by the elementwise lowering (Elementwise.cpp, which defines them)
// and the fused contractions (FusedContractions.cpp), so an activation
// computes the same thing whether or not it was fused.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_COMPILER_CONVERSION_TFCTOLINALG_ACTIVATIONS_H
#define TFC_COMPILER_CONVERSION_TFCTOLINALG_ACTIVATIONS_H

#include "mlir/IR/Builders.h"

namespace mlir::tfc {

/// max(x, 0); `x` is a float or a signed integer.
Value buildRelu(OpBuilder &b, Location loc, Value x);
/// min(max(x, 0), 6); `x` is a float or a signed integer.
Value buildRelu6(OpBuilder &b, Location loc, Value x);
/// x > 0 ? x : expm1(x).
Value buildElu(OpBuilder &b, Location loc, Value x);
/// x > 0 ? x : alpha * x.
Value buildLeakyRelu(OpBuilder &b, Location loc, Value x, double alpha);
/// 1 / (1 + exp(-x)).
Value buildSigmoid(OpBuilder &b, Location loc, Value x);
/// tanh(x).
Value buildTanh(OpBuilder &b, Location loc, Value x);

} // namespace mlir::tfc

#endif // TFC_COMPILER_CONVERSION_TFCTOLINALG_ACTIVATIONS_H
