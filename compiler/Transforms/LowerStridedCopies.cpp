//===- LowerStridedCopies.cpp - the tfc-lower-strided-copies pass ---------===//
//
// Keeps generated code free of calls into MLIR's runtime libraries: copies
// that LLVM lowering cannot turn into memcpy become linalg.copy loops.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "mlir/IR/Builders.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_LOWERSTRIDEDCOPIES
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {
struct LowerStridedCopiesPass
    : tfc::impl::LowerStridedCopiesBase<LowerStridedCopiesPass> {
  void runOnOperation() override {
    auto isPlain = [](Value buffer) {
      auto type = dyn_cast<MemRefType>(buffer.getType());
      return type && type.getLayout().isIdentity();
    };
    OpBuilder builder(&getContext());
    getOperation().walk([&](memref::CopyOp copy) {
      if (isPlain(copy.getSource()) && isPlain(copy.getTarget()))
        return;
      builder.setInsertionPoint(copy);
      linalg::CopyOp::create(builder, copy.getLoc(), copy.getSource(),
                             copy.getTarget());
      copy.erase();
    });
  }
};
} // namespace
