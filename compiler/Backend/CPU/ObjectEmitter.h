//===- ObjectEmitter.h - LLVM dialect to a CPU object file ------*- C++ -*-===//
//
// Translates the lowered module to LLVM IR, adds the exported entry point
// `<prefix>_run` (which unpacks the C API's pointer arrays and checks them),
// optimizes, and emits an object file for the target, all in process.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_COMPILER_BACKEND_CPU_OBJECTEMITTER_H
#define TFC_COMPILER_BACKEND_CPU_OBJECTEMITTER_H

#include "compiler/Backend/ModelSignature.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <string>

namespace mlir::tfc {

struct TargetOptions {
  /// Empty means the host; `cpu` and `features` empty mean the host's CPU
  /// when the triple is the host's, else a generic CPU.
  std::string triple;
  std::string cpu;
  std::string features;
};

/// A target machine for `options` (registers all LLVM targets on first use).
/// An ARM triple's environment sets the float ABI (`eabihf`: hard, FP
/// arguments in VFP registers; `eabi`: soft) and the object's build
/// attributes say so. A bare-metal Cortex-M triple without `--target_cpu`
/// gets its profile's baseline CPU (thumbv6m: cortex-m0plus, thumbv7em:
/// cortex-m4, thumbv8.1m.main: cortex-m55) and static relocation.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const TargetOptions &options);

/// Whether `triple` is a bare-metal ARM target (`thumbv7em-none-eabihf`):
/// no operating system, so no malloc and no threads in its runtime.
bool isBareMetalTarget(const llvm::Triple &triple);

/// The runtime kernel set (runtime/src/kernels) generated code for
/// `machine` calls: `requested` is "auto" (the best the target's features
/// allow), "none" (empty: no kernels), or an ISA name, checked against the
/// target's architecture.
llvm::Expected<std::string> selectKernelIsa(llvm::TargetMachine &machine,
                                            llvm::StringRef requested);

/// Translates `module` (LLVM dialect) whose function `entryName` is the
/// compute function, renames it `<prefix>_compute`, adds `<prefix>_run`,
/// hides every other symbol, and optimizes for `machine` at LLVM's
/// `optLevel` (0-3).
llvm::Expected<std::unique_ptr<llvm::Module>>
buildLLVMModule(ModuleOp module, llvm::LLVMContext &context,
                llvm::StringRef entryName, llvm::StringRef prefix,
                const ModelSignature &signature, llvm::TargetMachine &machine,
                unsigned optLevel);

/// The object file for `module`.
llvm::Expected<std::string> emitObjectFile(llvm::Module &module,
                                           llvm::TargetMachine &machine);

} // namespace mlir::tfc

#endif // TFC_COMPILER_BACKEND_CPU_OBJECTEMITTER_H
