//===- LowerKernelCalls.cpp - tfc.kernel_call to runtime calls ------------===//
//
// The tfc-lower-kernel-calls pass: threads the pool argument through every
// function, then replaces each memref tfc.kernel_call with a call of the
// runtime kernel it names, passing bare pointers (runtime/src/kernels/
// kernels.h gives the signature).
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
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
    for (KernelCallOp call : calls) {
      if (!call.getResults().empty()) {
        call.emitOpError("is still on tensors; bufferize first");
        return signalPassFailure();
      }
      Location loc = call.getLoc();
      std::string name = ("tfc_" + call.getKernel()).str();
      SmallVector<Type> argTypes(7, pointerType);
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
      SmallVector<Value> args = {pointerTo(b, loc, paramsMemref),
                                 pointerTo(b, loc, call.getInit()),
                                 pointerTo(b, loc, call.getInput()),
                                 pointerTo(b, loc, call.getWeights()),
                                 pointerTo(b, loc, call.getBias()),
                                 pointerTo(b, loc, call.getResidual()),
                                 func.getArgument(func.getNumArguments() - 1)};
      func::CallOp::create(b, loc, name, TypeRange(), args);
      call.erase();
    }
  }
};

} // namespace
