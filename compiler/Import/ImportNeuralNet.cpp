//===- ImportNeuralNet.cpp - importers of neural network ops --------------===//
//
// Convolutions, pooling, normalization and reductions.
//
//===----------------------------------------------------------------------===//

#include "compiler/Import/NodeContext.h"

#include "dialects/TFC/IR/TFCOps.h"

using namespace mlir;
using namespace mlir::tfc;

namespace {
using Values = SmallVector<Value>;
} // namespace

void mlir::tfc::addNeuralNetImporters(llvm::StringMap<OpImporter> &table) {
  (void)table;
}
