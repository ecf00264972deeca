//===- TFCNeuralNetOps.cpp - neural network op semantics ------------------===//
//
// Type inference and verifiers of convolutions, pooling, normalization and
// reductions (TFCNeuralNetOps.td).
//
//===----------------------------------------------------------------------===//

#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::tfc;
