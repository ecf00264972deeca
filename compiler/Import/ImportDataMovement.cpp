//===- ImportDataMovement.cpp - importers of data movement ops ------------===//
//
// Reshape and the ops that select, pad, join and reorder elements.
//
//===----------------------------------------------------------------------===//

#include "compiler/Import/NodeContext.h"

#include "dialects/TFC/IR/TFCOps.h"

using namespace mlir;
using namespace mlir::tfc;

namespace {
using Values = SmallVector<Value>;

FailureOr<Values> importReshape(NodeContext &ctx) {
  if (failed(ctx.expectInputs(2)) || failed(ctx.expectOperandTypes("T", {0})))
    return failure();
  FailureOr<Type> shapeType = ctx.getTypeAttr("Tshape");
  if (failed(shapeType))
    return failure();
  if (!shapeType->isInteger(32) && !shapeType->isInteger(64))
    return ctx.fail("Tshape must be int32 or int64");
  if (failed(ctx.expectOperandTypes("Tshape", {1})))
    return failure();
  return Values{ReshapeOp::create(ctx.builder, ctx.loc, ctx.operands[0],
                                  ctx.operands[1])};
}
} // namespace

void mlir::tfc::addDataMovementImporters(llvm::StringMap<OpImporter> &table) {
  table["Reshape"] = importReshape;
}
