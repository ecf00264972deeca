//===- SplitFunction.cpp - the tfc-split-function pass --------------------===//
//
// LLVM's code generator is superlinear in the size of a function (register
// allocation and the two-address pass over one long straight-line block, once
// small loops are unrolled), so one function for a whole large graph made a
// 4,000-op elementwise chain take 18 s to compile, and 10,000 ops minutes.
// This pass cuts a planned compute function into a sequence of calls to
// private functions of bounded size, which keeps compile time linear in the
// size of the graph. Each piece takes the function's own arguments (the
// inputs, the result buffers and the arena); the views into them that a
// piece reads are recomputed inside it, which costs a pointer add.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_SPLITFUNCTION
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// The operations in `op`, itself included: a proxy for the code it becomes.
int64_t sizeOf(Operation *op) {
  int64_t size = 0;
  op->walk([&](Operation *) { ++size; });
  return size;
}

/// A top-level op that only computes a value (a view, a constant, a global's
/// address) and can be recomputed in a piece that needs it.
bool isRecomputable(Operation *op) {
  return op->getNumRegions() == 0 && op->getNumResults() > 0 &&
         isMemoryEffectFree(op);
}

/// Appends to `defs`, in an order valid for cloning, the ops defined outside
/// `piece` that `piece` needs. False when a needed value cannot be
/// recomputed (then the piece stays where it is).
bool collectDefinitions(ArrayRef<Operation *> piece,
                        llvm::SetVector<Operation *> &defs) {
  llvm::SmallPtrSet<Operation *, 16> inPiece(piece.begin(), piece.end());
  std::function<bool(Value)> need = [&](Value value) {
    if (isa<BlockArgument>(value))
      return true;
    Operation *def = value.getDefiningOp();
    if (inPiece.contains(def) || defs.contains(def))
      return true;
    if (!isRecomputable(def))
      return false;
    for (Value operand : def->getOperands())
      if (!need(operand))
        return false;
    defs.insert(def);
    return true;
  };
  for (Operation *op : piece) {
    bool ok = true;
    op->walk([&](Operation *nested) {
      for (Value operand : nested->getOperands()) {
        Operation *def = operand.getDefiningOp();
        bool outside = isa<BlockArgument>(operand)
                           ? cast<BlockArgument>(operand).getOwner() ==
                                 piece.front()->getBlock()
                           : def->getBlock() == piece.front()->getBlock() &&
                                 !inPiece.contains(def);
        if (outside && !need(operand))
          ok = false;
      }
    });
    if (!ok)
      return false;
  }
  return true;
}

struct SplitFunctionPass : tfc::impl::SplitFunctionBase<SplitFunctionPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<func::FuncOp> functions;
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal() && !func.isPrivate() &&
          func.getBody().hasOneBlock())
        functions.push_back(func);
    for (func::FuncOp func : functions)
      split(func, symbols);
  }

  /// Groups the side-effecting top-level ops of `func` into pieces of about
  /// `pieceSize` operations and outlines each piece.
  void split(func::FuncOp func, SymbolTable &symbols) {
    Block &body = func.getBody().front();
    if (sizeOf(func) <= pieceSize)
      return;
    SmallVector<SmallVector<Operation *>> pieces(1);
    int64_t size = 0;
    for (Operation &op : body.without_terminator()) {
      if (isRecomputable(&op))
        continue;
      int64_t opSize = sizeOf(&op);
      if (size > 0 && size + opSize > pieceSize) {
        pieces.emplace_back();
        size = 0;
      }
      pieces.back().push_back(&op);
      size += opSize;
    }
    if (pieces.size() < 2)
      return;
    OpBuilder builder(func.getContext());
    // Pieces follow the function, in order.
    Operation *insertAfter = func;
    int index = 0;
    for (ArrayRef<Operation *> piece : pieces) {
      llvm::SetVector<Operation *> defs;
      if (piece.empty() || !collectDefinitions(piece, defs))
        continue;
      // Only ops whose results nothing after the piece reads can move.
      llvm::SmallPtrSet<Operation *, 16> inPiece(piece.begin(), piece.end());
      bool escapes = llvm::any_of(piece, [&](Operation *op) {
        return llvm::any_of(op->getUsers(), [&](Operation *user) {
          return !inPiece.contains(body.findAncestorOpInBlock(*user));
        });
      });
      if (escapes)
        continue;

      builder.setInsertionPointAfter(insertAfter);
      auto outlined = func::FuncOp::create(
          builder, func.getLoc(),
          (func.getName() + "_part" + llvm::Twine(index++)).str(),
          builder.getFunctionType(func.getArgumentTypes(), {}));
      outlined.setPrivate();
      // A piece is called once; inlined back, it would undo the split.
      outlined->setAttr("passthrough", builder.getArrayAttr(
                                           builder.getStringAttr("noinline")));
      symbols.insert(outlined);
      insertAfter = outlined;
      Block *entry = outlined.addEntryBlock();
      IRMapping mapping;
      mapping.map(body.getArguments(), entry->getArguments());
      builder.setInsertionPointToStart(entry);
      for (Operation *def : defs)
        builder.clone(*def, mapping);
      for (Operation *op : piece)
        builder.clone(*op, mapping);
      func::ReturnOp::create(builder, func.getLoc());

      builder.setInsertionPoint(piece.front());
      func::CallOp::create(builder, piece.front()->getLoc(), outlined,
                           body.getArguments());
      for (Operation *op : llvm::reverse(piece))
        op->erase();
    }
    // Views and constants that only the pieces read are dead now.
    for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
      if (isRecomputable(&op) && op.use_empty())
        op.erase();
  }
};

} // namespace
