//===- PlanMemory.cpp - the tfc-plan-memory pass --------------------------===//
//
// Moves every intermediate buffer of a bufferized function into one arena
// that the caller passes as the last argument, so generated code never calls
// malloc. Offsets are fixed here, at compile time, from buffer lifetimes:
// two buffers share arena bytes when they are never live at the same time.
//
// Placement is greedy: in some order, each buffer goes at the lowest aligned
// offset that overlaps no already placed buffer whose lifetime overlaps its
// own. Largest-first (TensorFlow Lite's order) and a few other orders are
// tried, and the smallest plan wins.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/Support/MathExtras.h"

#include <functional>
#include <tuple>

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
  /// The alignment its offset needs: the pass option, or the alloc's own
  /// when larger.
  int64_t align = 1;
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
  DenseSet<Value> seen = {root};
  auto follow = [&](Value alias) {
    if (seen.insert(alias).second)
      worklist.push_back(alias);
  };
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      Operation *top = block.findAncestorOpInBlock(*user);
      if (top)
        last = std::max(last, positions.lookup(top));
      // Views (reshapes, subviews, casts) alias the buffer: follow them.
      if (auto view = dyn_cast<ViewLikeOpInterface>(user))
        if (view.getViewSource() == value)
          for (Value result : user->getResults())
            follow(result);
      // A loop carries a buffer through an iter_arg (Cumsum's and TopKV2's
      // loops): the loop's result, read after the loop, is the same buffer,
      // and so is whatever the body yields in its place.
      if (auto loop = dyn_cast<scf::ForOp>(user)) {
        if (OpResult result = loop.getTiedLoopResult(&use)) {
          follow(result);
          follow(loop.getTiedLoopRegionIterArg(&use));
        }
      }
      // A buffer an If's branch yields is the If's result after it.
      if (auto yield = dyn_cast<scf::YieldOp>(user)) {
        if (auto loop = dyn_cast<scf::ForOp>(yield->getParentOp()))
          follow(loop.getResult(use.getOperandNumber()));
        if (auto ifOp = dyn_cast<scf::IfOp>(yield->getParentOp()))
          follow(ifOp.getResult(use.getOperandNumber()));
      }
      // A While's variable (tfc-tie-loop-variables keeps it in one buffer)
      // is its initial value's buffer in both regions and after the loop.
      if (auto loop = dyn_cast<scf::WhileOp>(user)) {
        unsigned index = use.getOperandNumber();
        follow(loop.getBeforeArguments()[index]);
        follow(loop.getAfterArguments()[index]);
        follow(loop.getResult(index));
      }
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
      if (failed(bytes)) {
        alloc.emitError("cannot place a buffer of type ")
            << alloc.getType()
            << " in the arena: it needs a static shape and an identity "
               "layout";
        return WalkResult::interrupt();
      }
      // A buffer allocated inside a loop (a While's body) or an If's branch
      // lives from the start of the loop or If: each iteration reuses its
      // place. None outlives its iteration, since loop variables keep their
      // initial buffers (tfc-tie-loop-variables); one an If yields lives
      // as long as the If's result.
      int64_t first = positions.lookup(block.findAncestorOpInBlock(*alloc));
      Buffer buffer{alloc, *bytes, first,
                    std::max(first, lastUse(alloc, block, positions))};
      buffer.align =
          std::max<int64_t>(alignment, alloc.getAlignment().value_or(1));
      buffers.push_back(buffer);
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();

    int64_t arenaAlignment = alignment;
    for (const Buffer &buffer : buffers)
      arenaAlignment = std::max(arenaAlignment, buffer.align);
    // The base must honour the strictest buffer; the size only the option.
    int64_t arenaSize =
        llvm::alignTo(planBest(buffers), static_cast<uint64_t>(alignment));

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
    func->setAttr(kArenaAlignmentAttr,
                  builder.getI64IntegerAttr(arenaAlignment));
    func->setAttr(kArenaLowerBoundAttr, builder.getI64IntegerAttr(lowerBound));
    func->setAttr(kArenaNaiveAttr, builder.getI64IntegerAttr(naive));
  }

  /// Places buffers greedily in the given order: each at the lowest
  /// aligned offset free of every placed buffer alive at the same time.
  /// Returns the arena size.
  int64_t placeInOrder(ArrayRef<Buffer *> order) {
    SmallVector<Buffer *> placed;
    int64_t arenaSize = 0;
    for (Buffer *buffer : order) {
      SmallVector<Buffer *> conflicts;
      for (Buffer *other : placed)
        if (other->first <= buffer->last && buffer->first <= other->last)
          conflicts.push_back(other);
      llvm::sort(conflicts, [](const Buffer *a, const Buffer *b) {
        return a->offset != b->offset ? a->offset < b->offset
                                      : a->first < b->first;
      });
      int64_t offset = 0;
      for (Buffer *other : conflicts) {
        if (offset + buffer->bytes <= other->offset)
          break;
        offset =
            std::max(offset, static_cast<int64_t>(llvm::alignTo(
                                 other->offset + other->bytes, alignment)));
      }
      buffer->offset = offset;
      arenaSize = std::max(arenaSize, offset + buffer->bytes);
      placed.push_back(buffer);
    }
    return arenaSize;
  }

  /// Tries a few greedy orders and keeps the smallest plan. Largest-first is
  /// TensorFlow Lite's; the others win on graphs with long-lived small
  /// buffers (residual connections) or a few huge early ones.
  int64_t planBest(MutableArrayRef<Buffer> buffers) {
    using Key = std::function<std::tuple<int64_t, int64_t>(const Buffer *)>;
    // Each key sorts ascending; `first` breaks ties (it is unique).
    SmallVector<Key> keys = {
        [](const Buffer *b) { return std::make_tuple(-b->bytes, b->first); },
        [](const Buffer *b) {
          return std::make_tuple(-(b->bytes * (b->last - b->first + 1)),
                                 b->first);
        },
        [](const Buffer *b) {
          return std::make_tuple(-(b->last - b->first), b->first);
        },
        [](const Buffer *b) { return std::make_tuple(b->first, b->first); },
    };
    int64_t best = -1;
    SmallVector<int64_t> bestOffsets;
    for (const Key &key : keys) {
      SmallVector<Buffer *> order;
      for (Buffer &buffer : buffers)
        order.push_back(&buffer);
      llvm::sort(order, [&](const Buffer *a, const Buffer *b) {
        return key(a) < key(b);
      });
      int64_t size = placeInOrder(order);
      if (best < 0 || size < best) {
        best = size;
        bestOffsets.clear();
        for (Buffer &buffer : buffers)
          bestOffsets.push_back(buffer.offset);
      }
    }
    for (auto [buffer, offset] : llvm::zip(buffers, bestOffsets))
      buffer.offset = offset;
    return std::max<int64_t>(best, 0);
  }
};

} // namespace
