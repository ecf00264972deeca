//===- PlanMemory.cpp - the tfc-plan-memory pass --------------------------===//
//
// Moves every intermediate buffer of a bufferized function into one arena
// that the caller passes as the last argument, so generated code never calls
// malloc. Offsets are fixed here, at compile time, from buffer lifetimes:
// two buffers share arena bytes when they are never live at the same time.
//
// Placement is greedy by size, as TensorFlow Lite's arena planner does:
// largest buffer first, each at the lowest aligned offset that overlaps no
// already placed buffer whose lifetime overlaps its own.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/Support/MathExtras.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_PLANMEMORY
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// One buffer to place: its size and the span of top-level ops (by
/// position) during which it holds data.
struct Buffer {
  memref::AllocOp alloc;
  int64_t bytes = 0;
  int64_t first = 0;
  int64_t last = 0;
  int64_t offset = -1;
};

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

/// The position of the last top-level op that uses `root` or a view of it.
int64_t lastUse(Value root, Block &block,
                const DenseMap<Operation *, int64_t> &positions) {
  int64_t last = 0;
  SmallVector<Value> worklist = {root};
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (Operation *user : value.getUsers()) {
      Operation *top = block.findAncestorOpInBlock(*user);
      if (top)
        last = std::max(last, positions.lookup(top));
      // Views (reshapes, subviews, casts) alias the buffer: follow them.
      if (auto view = dyn_cast<ViewLikeOpInterface>(user))
        if (view.getViewSource() == value)
          for (Value result : user->getResults())
            worklist.push_back(result);
    }
  }
  return last;
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
    Block &block = func.front();
    DenseMap<Operation *, int64_t> positions;
    for (auto [index, op] : llvm::enumerate(block))
      positions[&op] = index;

    SmallVector<Buffer> buffers;
    WalkResult walk = func.walk([&](memref::AllocOp alloc) {
      FailureOr<int64_t> bytes = bufferBytes(alloc);
      Operation *top = block.findAncestorOpInBlock(*alloc);
      if (failed(bytes) || top != alloc.getOperation()) {
        alloc.emitError("cannot place a buffer of type ")
            << alloc.getType()
            << " in the arena (needs a static shape, outside any loop)";
        return WalkResult::interrupt();
      }
      int64_t first = positions.lookup(alloc);
      buffers.push_back({alloc, *bytes, first,
                         std::max(first, lastUse(alloc, block, positions))});
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();

    int64_t arenaSize = place(buffers);

    // What the plan achieved, for --stats: the most bytes live at once (no
    // plan can use less) and the sum of all buffers (no sharing at all).
    int64_t naive = 0, lowerBound = 0;
    for (const Buffer &buffer : buffers)
      naive += buffer.bytes;
    for (const Buffer &at : buffers) {
      int64_t live = 0;
      for (const Buffer &other : buffers)
        if (other.first <= at.first && at.first <= other.last)
          live += other.bytes;
      lowerBound = std::max(lowerBound, live);
    }

    // The arena is a new last argument: a byte buffer of the planned size.
    OpBuilder builder(func.getContext());
    auto arenaType = MemRefType::get({arenaSize}, builder.getI8Type());
    unsigned arenaIndex = func.getNumArguments();
    if (failed(func.insertArgument(arenaIndex, arenaType, {}, func.getLoc())))
      return signalPassFailure();
    Value arena = func.getArgument(arenaIndex);
    for (Buffer &buffer : buffers) {
      memref::AllocOp alloc = buffer.alloc;
      builder.setInsertionPoint(alloc);
      Value byteShift = arith::ConstantIndexOp::create(builder, alloc.getLoc(),
                                                       buffer.offset);
      Value view = memref::ViewOp::create(builder, alloc.getLoc(),
                                          alloc.getType(), arena, byteShift,
                                          ValueRange{});
      // The arena is owned by the caller: drop any deallocation.
      for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
        if (isa<memref::DeallocOp>(user))
          user->erase();
      alloc.replaceAllUsesWith(view);
      alloc.erase();
    }
    func->setAttr(kArenaSizeAttr, builder.getI64IntegerAttr(arenaSize));
    func->setAttr(kArenaAlignmentAttr, builder.getI64IntegerAttr(alignment));
    func->setAttr(kArenaLowerBoundAttr, builder.getI64IntegerAttr(lowerBound));
    func->setAttr(kArenaNaiveAttr, builder.getI64IntegerAttr(naive));
  }

  /// Greedy by size; returns the arena size.
  int64_t place(MutableArrayRef<Buffer> buffers) {
    SmallVector<Buffer *> order;
    for (Buffer &buffer : buffers)
      order.push_back(&buffer);
    // Largest first; ties by first use (unique per buffer), so the plan is
    // deterministic.
    llvm::sort(order, [](const Buffer *a, const Buffer *b) {
      return a->bytes != b->bytes ? a->bytes > b->bytes : a->first < b->first;
    });
    SmallVector<Buffer *> placed;
    int64_t arenaSize = 0;
    for (Buffer *buffer : order) {
      // Placed buffers alive at the same time, by offset.
      SmallVector<Buffer *> conflicts;
      for (Buffer *other : placed)
        if (other->first <= buffer->last && buffer->first <= other->last)
          conflicts.push_back(other);
      llvm::sort(conflicts, [](const Buffer *a, const Buffer *b) {
        return a->offset < b->offset;
      });
      // The lowest gap that fits.
      int64_t offset = 0;
      for (Buffer *other : conflicts) {
        if (offset + buffer->bytes <= other->offset)
          break;
        offset = std::max(
            offset, static_cast<int64_t>(llvm::alignTo(
                        other->offset + other->bytes, alignment)));
      }
      buffer->offset = offset;
      arenaSize = std::max(arenaSize, offset + buffer->bytes);
      placed.push_back(buffer);
    }
    return llvm::alignTo(arenaSize, alignment);
  }
};

} // namespace
