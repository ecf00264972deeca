//===- PlanMemory.cpp - the tfc-plan-memory pass --------------------------===//
//
// Moves every intermediate buffer of a bufferized function into one arena
// that the caller passes as the last argument, so generated code never calls
// malloc. Offsets are fixed here, at compile time.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/MathExtras.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_PLANMEMORY
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// Bytes a statically shaped, identity-layout buffer occupies.
FailureOr<int64_t> bufferBytes(memref::AllocOp alloc) {
  MemRefType type = alloc.getType();
  if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
      !type.getElementType().isIntOrFloat())
    return failure();
  int64_t bits = type.getElementType().getIntOrFloatBitWidth();
  // Sub-byte elements (bool is i1) are stored one per byte.
  return type.getNumElements() * llvm::divideCeil(bits, 8);
}

struct PlanMemoryPass : tfc::impl::PlanMemoryBase<PlanMemoryPass> {
  using PlanMemoryBase::PlanMemoryBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    if (alignment <= 0 || !llvm::isPowerOf2_64(alignment)) {
      func.emitError("tfc-plan-memory: alignment must be a power of two");
      return signalPassFailure();
    }

    SmallVector<memref::AllocOp> allocs;
    func.walk([&](memref::AllocOp alloc) { allocs.push_back(alloc); });

    // Offsets: a running sum, each buffer aligned.
    SmallVector<int64_t> offsets;
    int64_t arenaSize = 0;
    for (memref::AllocOp alloc : allocs) {
      FailureOr<int64_t> bytes = bufferBytes(alloc);
      if (failed(bytes)) {
        alloc.emitError("cannot place a buffer of type ")
            << alloc.getType() << " in the arena (needs a static shape)";
        return signalPassFailure();
      }
      arenaSize = llvm::alignTo(arenaSize, alignment);
      offsets.push_back(arenaSize);
      arenaSize += *bytes;
    }

    // The arena is a new last argument: a byte buffer of the planned size.
    OpBuilder builder(func.getContext());
    auto arenaType = MemRefType::get({arenaSize}, builder.getI8Type());
    unsigned arenaIndex = func.getNumArguments();
    if (failed(func.insertArgument(arenaIndex, arenaType, {}, func.getLoc())))
      return signalPassFailure();
    Value arena = func.getArgument(arenaIndex);

    for (auto [alloc, offset] : llvm::zip(allocs, offsets)) {
      builder.setInsertionPoint(alloc);
      Value byteShift =
          arith::ConstantIndexOp::create(builder, alloc.getLoc(), offset);
      Value view =
          memref::ViewOp::create(builder, alloc.getLoc(), alloc.getType(),
                                 arena, byteShift, ValueRange{});
      // The arena is owned by the caller: drop any deallocation.
      for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
        if (isa<memref::DeallocOp>(user))
          user->erase();
      alloc.replaceAllUsesWith(view);
      alloc.erase();
    }
    func->setAttr(kArenaSizeAttr, builder.getI64IntegerAttr(arenaSize));
    func->setAttr(kArenaAlignmentAttr, builder.getI64IntegerAttr(alignment));
  }
};

} // namespace
