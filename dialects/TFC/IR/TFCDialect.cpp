//===- TFCDialect.cpp - tfc dialect registration --------------------------===//
//
// Registers the tfc ops and materializes folded constants as tfc.const.
//
//===----------------------------------------------------------------------===//

#include "dialects/TFC/IR/TFCOps.h"

using namespace mlir;
using namespace mlir::tfc;

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

#include "dialects/TFC/IR/TFCOpsDialect.cpp.inc"
#include "dialects/TFC/IR/TFCOpsEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/TFC/IR/TFCOpsAttrDefs.cpp.inc"

void TFCDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/TFC/IR/TFCOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/TFC/IR/TFCOpsAttrDefs.cpp.inc"
      >();
}

Operation *TFCDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                           Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstOp::create(builder, loc, elements);
}
