//===- TFCDialect.cpp - tfc dialect registration --------------------------===//
//
// Registers the tfc ops and materializes folded constants as tfc.const.
//
//===----------------------------------------------------------------------===//

#include "dialects/TFC/IR/TFCOps.h"

using namespace mlir;
using namespace mlir::tfc;

#include "dialects/TFC/IR/TFCOpsDialect.cpp.inc"

void TFCDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/TFC/IR/TFCOps.cpp.inc"
      >();
}

Operation *TFCDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                           Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstOp::create(builder, loc, elements);
}
