//===- LowerKernelCalls.cpp - tfc.kernel_call to runtime calls ------------===//
//
// The tfc-lower-kernel-calls pass: threads the pool argument through every
// function, then replaces each memref tfc.kernel_call with a call of the
// runtime kernel it names, passing bare pointers (runtime/src/kernels/
// kernels.h gives the signature), and with them the constant weights of the
// next kernel call in the same function, which the kernel fetches toward
// the caches while it computes.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/IR/SymbolTable.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_LOWERKERNELCALLS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// The address of `memref`'s first element as a pointer; null for no value.
Value pointerTo(OpBuilder &b, Location loc, Value memref) {
  auto pointerType = LLVM::LLVMPointerType::get(b.getContext());
  if (!memref)
    return LLVM::ZeroOp::create(b, loc, pointerType);
  auto type = cast<MemRefType>(memref.getType());
  auto metadata = memref::ExtractStridedMetadataOp::create(b, loc, memref);
  Value base = memref::ExtractAlignedPointerAsIndexOp::create(
      b, loc, metadata.getBaseBuffer());
  Value elementBytes =
      arith::ConstantIndexOp::create(b, loc, type.getElementTypeBitWidth() / 8);
  Value offsetBytes =
      arith::MulIOp::create(b, loc, metadata.getOffset(), elementBytes);
  Value address = arith::AddIOp::create(b, loc, base, offsetBytes);
  Value address64 = arith::IndexCastOp::create(b, loc, b.getI64Type(), address);
  return LLVM::IntToPtrOp::create(b, loc, pointerType, address64);
}

/// The constant weights (a memref.get_global) of the first call after
/// `calls[i]` in the same function that has them, or null.
memref::GetGlobalOp nextWeights(ArrayRef<KernelCallOp> calls, size_t i) {
  Operation *func = calls[i]->getParentOfType<func::FuncOp>();
  for (size_t j = i + 1; j < calls.size(); ++j) {
    KernelCallOp call = calls[j];
    if (call->getParentOfType<func::FuncOp>() != func)
      return {};
    if (Value weights = call.getWeights())
      if (auto global = weights.getDefiningOp<memref::GetGlobalOp>())
        return global;
  }
  return {};
}

struct LowerKernelCallsPass
    : tfc::impl::LowerKernelCallsBase<LowerKernelCallsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *context = &getContext();
    auto pointerType = LLVM::LLVMPointerType::get(context);

    // The pool: a last argument of every function with a body, passed on
    // by every call between them.
    SmallVector<func::FuncOp> defined;
    for (func::FuncOp func : module.getOps<func::FuncOp>())
      if (!func.isExternal())
        defined.push_back(func);
    for (func::FuncOp func : defined)
      if (failed(func.insertArgument(func.getNumArguments(), pointerType,
                                     DictionaryAttr(), func.getLoc())))
        return signalPassFailure();
    SymbolTable symbols(module);
    module.walk([&](func::CallOp call) {
      auto callee = symbols.lookup<func::FuncOp>(call.getCallee());
      if (!callee || callee.isExternal())
        return;
      auto caller = call->getParentOfType<func::FuncOp>();
      call->insertOperands(call->getNumOperands(),
                           caller.getArgument(caller.getNumArguments() - 1));
    });

    SmallVector<KernelCallOp> calls;
    module.walk([&](KernelCallOp call) { calls.push_back(call); });
    OpBuilder moduleBuilder = OpBuilder::atBlockEnd(module.getBody());
    int64_t paramsCount = 0;
    // The next weights of every call, found before any call is replaced.
    SmallVector<memref::GetGlobalOp> next;
    for (size_t i = 0; i < calls.size(); ++i)
      next.push_back(nextWeights(calls, i));
    for (auto [call, nextGlobal] : llvm::zip(calls, next)) {
      if (!call.getResults().empty()) {
        call.emitOpError("is still on tensors; bufferize first");
        return signalPassFailure();
      }
      Location loc = call.getLoc();
      std::string name = ("tfc_" + call.getKernel()).str();
      // Pointers, but for next_bytes.
      SmallVector<Type> argTypes(9, pointerType);
      argTypes[7] = IndexType::get(context);
      if (!symbols.lookup<func::FuncOp>(name)) {
        auto decl = func::FuncOp::create(
            moduleBuilder, loc, name, FunctionType::get(context, argTypes, {}));
        decl.setPrivate();
        symbols.insert(decl);
      }
      // The params, a constant array in the object file.
      ArrayRef<int64_t> params = call.getParams();
      auto paramsType = MemRefType::get({static_cast<int64_t>(params.size())},
                                        moduleBuilder.getI64Type());
      auto paramsValue = DenseElementsAttr::get(
          RankedTensorType::get(paramsType.getShape(),
                                moduleBuilder.getI64Type()),
          params);
      std::string globalName =
          "__tfc_kernel_params_" + std::to_string(paramsCount++);
      auto global = memref::GlobalOp::create(
          moduleBuilder, loc, globalName,
          moduleBuilder.getStringAttr("private"), paramsType, paramsValue,
          /*constant=*/true, moduleBuilder.getI64IntegerAttr(8));
      symbols.insert(global);

      OpBuilder b(call);
      auto func = call->getParentOfType<func::FuncOp>();
      Value paramsMemref =
          memref::GetGlobalOp::create(b, loc, paramsType, global.getSymName());
      Value nextMemref;
      int64_t nextBytes = 0;
      if (nextGlobal) {
        auto nextType = cast<MemRefType>(nextGlobal.getType());
        nextMemref =
            memref::GetGlobalOp::create(b, loc, nextType, nextGlobal.getName());
        nextBytes =
            nextType.getNumElements() * nextType.getElementTypeBitWidth() / 8;
      }
      SmallVector<Value> args = {
          pointerTo(b, loc, paramsMemref),
          pointerTo(b, loc, call.getInit()),
          pointerTo(b, loc, call.getInput()),
          pointerTo(b, loc, call.getWeights()),
          pointerTo(b, loc, call.getBias()),
          pointerTo(b, loc, call.getResidual()),
          pointerTo(b, loc, nextMemref),
          arith::ConstantIndexOp::create(b, loc, nextBytes),
          func.getArgument(func.getNumArguments() - 1)};
      func::CallOp::create(b, loc, name, TypeRange(), args);
      call.erase();
    }
  }
};

} // namespace
