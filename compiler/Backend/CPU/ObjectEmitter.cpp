//===- ObjectEmitter.cpp - LLVM dialect to a CPU object file --------------===//

#include "compiler/Backend/CPU/ObjectEmitter.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/ARMTargetParser.h"
#include "llvm/TargetParser/Host.h"

#include <mutex>

using namespace mlir;
using namespace mlir::tfc;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// The floating-point and NEON features clang's `-mcpu=<cpu>` turns on for
/// a 32-bit ARM CPU: its default FPU. LLVM's own definition of an ARMv7 core
/// leaves NEON out (a Cortex-A7 or A15 subtarget has VFPv4 only), so without
/// these `--target_cpu=cortex-a7` would compile scalar code and the portable
/// kernels for a CPU that has NEON. Empty for other architectures and for a
/// CPU the ARM target parser does not know.
static std::string armCpuDefaultFeatures(const llvm::Triple &triple,
                                         llvm::StringRef cpu) {
  if (!triple.isARM() || cpu == "generic")
    return std::string();
  llvm::ARM::ArchKind arch = llvm::ARM::parseCPUArch(cpu);
  if (arch == llvm::ARM::ArchKind::INVALID)
    return std::string();
  std::vector<llvm::StringRef> features;
  if (!llvm::ARM::getFPUFeatures(llvm::ARM::getDefaultFPU(cpu, arch), features))
    return std::string();
  return llvm::join(features, ",");
}

bool mlir::tfc::isBareMetalTarget(const llvm::Triple &triple) {
  return (triple.isARM() || triple.isThumb()) &&
         triple.getOS() == llvm::Triple::UnknownOS;
}

/// The CPU a bare-metal Cortex-M triple means when none is given: the one
/// its runtime object is built for (runtime/CMakeLists.txt).
static llvm::StringRef defaultBareMetalCpu(const llvm::Triple &triple) {
  switch (triple.getSubArch()) {
  case llvm::Triple::ARMSubArch_v6m:
    return "cortex-m0plus";
  case llvm::Triple::ARMSubArch_v7em:
    return "cortex-m4";
  case llvm::Triple::ARMSubArch_v8_1m_mainline:
    return "cortex-m55";
  default:
    return "";
  }
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
mlir::tfc::createTargetMachine(const TargetOptions &options) {
  static std::once_flag initialized;
  std::call_once(initialized, [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllAsmPrinters();
  });

  std::string hostTriple = llvm::sys::getDefaultTargetTriple();
  llvm::Triple triple(options.triple.empty() ? hostTriple : options.triple);
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return makeError("--target_triple '" + triple.str() + "': " + error);
  // Normalized as clang does: LLVM reads the components by position, so in
  // the three-part `thumbv7em-none-eabihf` "eabihf" would be the OS and the
  // float ABI would silently be soft.
  triple = llvm::Triple(llvm::Triple::normalize(triple.str()));

  std::string cpu = options.cpu, features = options.features;
  bool isHost = llvm::Triple(hostTriple).getArch() == triple.getArch() &&
                llvm::Triple(hostTriple).getOS() == triple.getOS();
  if (cpu.empty() && features.empty() && isHost) {
    cpu = llvm::sys::getHostCPUName().str();
    std::vector<std::string> hostFeatures;
    for (const auto &feature : llvm::sys::getHostCPUFeatures())
      hostFeatures.push_back((feature.second ? "+" : "-") +
                             feature.first().str());
    features = llvm::join(hostFeatures, ",");
  }
  if (cpu.empty() && features.empty() && isBareMetalTarget(triple))
    cpu = defaultBareMetalCpu(triple).str();
  if (cpu.empty())
    cpu = "generic";
  // Checked against a subtarget made without them: LLVM warns about an
  // unknown CPU or feature on stderr (and then ignores it) whenever a
  // subtarget is created with one, which would put two lines of its own
  // before ours and, for features, compile for a target the user did not ask
  // for.
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget(
      target->createMCSubtargetInfo(triple, "", ""));
  if (cpu != "generic" && !subtarget->isCPUStringValid(cpu))
    return makeError("--target_cpu '" + cpu + "' is not a CPU of " +
                     triple.str());
  llvm::SmallVector<llvm::StringRef> featureList;
  llvm::StringRef(options.features)
      .split(featureList, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef feature : featureList) {
    llvm::StringRef name = feature.trim();
    if (!name.consume_front("+") && !name.consume_front("-"))
      return makeError("--target_features '" + feature +
                       "': each feature must start with + or -");
    if (!llvm::any_of(subtarget->getAllProcessorFeatures(),
                      [&](const llvm::SubtargetFeatureKV &known) {
                        return name == known.Key;
                      }))
      return makeError("--target_features '" + feature +
                       "' is not a feature of " + triple.str() +
                       "; `llc -mtriple=" + triple.str() +
                       " -mattr=help` lists them");
  }

  // The CPU's default FPU first, so that the user's features override it
  // (`--target_features=-neon`).
  std::string cpuDefaults = armCpuDefaultFeatures(triple, cpu);
  if (!cpuDefaults.empty())
    features = features.empty() ? cpuDefaults : cpuDefaults + "," + features;

  llvm::TargetOptions targetOptions;
  bool bareMetal = isBareMetalTarget(triple);
  if (triple.isARM() || triple.isThumb()) {
    // Explicit, not FloatABI::Default: with the default LLVM writes
    // Tag_ABI_VFP_args only when some function passes a float, and the
    // model's entry points pass pointers only, so an `eabihf` object came
    // out unmarked and GNU ld refused to link it with hard-float code.
    bool hardFloat = triple.isHardFloatABI();
    targetOptions.FloatABIType =
        hardFloat ? llvm::FloatABI::Hard : llvm::FloatABI::Soft;
    std::unique_ptr<llvm::MCSubtargetInfo> chosen(
        target->createMCSubtargetInfo(triple, cpu, features));
    // The v8.1-M runtime object is built for the Cortex-M55, Helium
    // included (runtime/CMakeLists.txt), and would fault on a core without.
    if (bareMetal &&
        triple.getSubArch() == llvm::Triple::ARMSubArch_v8_1m_mainline &&
        !chosen->checkFeatures("+mve.fp"))
      return makeError("--target_triple '" + triple.str() + "': tfc's " +
                       "runtime for it uses MVE (Helium) with floating " +
                       "point, which cpu '" + cpu + "' lacks; choose " +
                       "cortex-m55 or cortex-m85");
    if (hardFloat && bareMetal) {
      if (!chosen->checkFeatures("+vfp2sp"))
        return makeError("--target_triple '" + triple.str() +
                         "' passes floats in FPU registers, but cpu '" + cpu +
                         "' has no FPU; choose a CPU with one (cortex-m4, "
                         "cortex-m7, cortex-m55) or a soft-float triple "
                         "(`eabi`)");
    }
  }
  // A microcontroller image is linked at fixed addresses and has no GOT.
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features, targetOptions,
      bareMetal ? llvm::Reloc::Static : llvm::Reloc::PIC_, std::nullopt,
      llvm::CodeGenOptLevel::Aggressive));
  if (!machine)
    return makeError("cannot create a target machine for " + triple.str());
  return machine;
}

llvm::Expected<std::string>
mlir::tfc::selectKernelIsa(llvm::TargetMachine &machine,
                           llvm::StringRef requested) {
  const llvm::Triple &triple = machine.getTargetTriple();
  const llvm::MCSubtargetInfo *subtarget = machine.getMCSubtargetInfo();
  // The kernel files each architecture's runtime object carries
  // (runtime/CMakeLists.txt).
  llvm::SmallVector<llvm::StringRef> available;
  if (triple.getArch() == llvm::Triple::x86_64) {
    // The AVX-512 kernels use 256-bit EVEX forms (AVX-512VL) too: every
    // AVX-512 core but the Xeon Phi's has them.
    if (subtarget->checkFeatures("+avx512f,+avx512vl"))
      available.push_back("avx512");
    if (subtarget->checkFeatures("+avx2,+fma"))
      available.push_back("avx2");
  } else if (triple.isAArch64() ||
             // ARMv7's NEON kernels use vfma (VFPv4), which NEON cores such
             // as the Cortex-A9 (VFPv3) lack.
             (triple.isARM() && subtarget->checkFeatures("+neon,+vfp4"))) {
    available.push_back("neon");
  }
  available.push_back("generic");
  if (requested == "none")
    return std::string();
  if (requested == "auto")
    return available.front().str();
  if (llvm::is_contained(available, requested))
    return requested.str();
  return makeError(
      "--kernels '" + requested + "' is not available for " + triple.str() +
      (machine.getTargetCPU().empty()
           ? std::string()
           : " (cpu '" + machine.getTargetCPU().str() + "')") +
      "; choose one of: auto, none, " + llvm::join(available, ", "));
}

/// Adds `int32_t <prefix>_run_with_pool(void *const *args, void *const
/// *results, void *arena, tfc_thread_pool *pool)`: checks the pointers, then
/// calls the compute function with one bare pointer per argument, per
/// result, the arena and the pool. `<prefix>_run` is the same with a NULL
/// pool.
static llvm::Error addEntryWrappers(llvm::Module &module,
                                    llvm::Function &compute,
                                    llvm::StringRef prefix,
                                    const ModelSignature &signature) {
  llvm::LLVMContext &context = module.getContext();
  size_t numArgs = signature.args.size(), numResults = signature.results.size();
  if (compute.arg_size() != numArgs + numResults + 2)
    return makeError("internal error: the compute function takes " +
                     llvm::Twine(compute.arg_size()) + " pointers, expected " +
                     llvm::Twine(numArgs + numResults + 2));
  llvm::Type *ptr = llvm::PointerType::getUnqual(context);
  llvm::Type *i32 = llvm::Type::getInt32Ty(context);
  auto *type = llvm::FunctionType::get(i32, {ptr, ptr, ptr, ptr}, false);
  llvm::Function *run =
      llvm::Function::Create(type, llvm::GlobalValue::ExternalLinkage,
                             prefix + "_run_with_pool", module);
  run->setDoesNotThrow();
  llvm::Value *args = run->getArg(0);
  llvm::Value *results = run->getArg(1);
  llvm::Value *arena = run->getArg(2);
  llvm::Value *pool = run->getArg(3);
  args->setName("args");
  results->setName("results");
  arena->setName("arena");
  pool->setName("pool");

  llvm::IRBuilder<> builder(llvm::BasicBlock::Create(context, "entry", run));
  // Branches to a block returning `status` when `failed` holds.
  auto returnIf = [&](llvm::Value *failed, int status) {
    auto *fail = llvm::BasicBlock::Create(context, "fail", run);
    auto *next = llvm::BasicBlock::Create(context, "next", run);
    builder.CreateCondBr(failed, fail, next);
    llvm::IRBuilder<>(fail).CreateRet(llvm::ConstantInt::get(i32, status));
    builder.SetInsertPoint(next);
  };
  // Status codes: see runtime/include/tfc/runtime.h.
  constexpr int kNullArena = 1, kMisalignedArena = 2, kNullBuffer = 3;
  if (signature.arenaSize > 0) {
    returnIf(builder.CreateIsNull(arena), kNullArena);
    llvm::Value *address = builder.CreatePtrToInt(arena, builder.getInt64Ty());
    llvm::Value *misaligned = builder.CreateICmpNE(
        builder.CreateAnd(address, signature.arenaAlignment - 1),
        builder.getInt64(0));
    returnIf(misaligned, kMisalignedArena);
  }
  SmallVector<llvm::Value *> callArgs;
  if (numArgs + numResults > 0)
    returnIf(builder.CreateOr(builder.CreateIsNull(args),
                              builder.CreateIsNull(results)),
             kNullBuffer);
  auto loadPointers = [&](llvm::Value *array, size_t count) {
    for (size_t i = 0; i < count; ++i) {
      llvm::Value *slot = builder.CreateConstInBoundsGEP1_64(ptr, array, i);
      llvm::Value *pointer = builder.CreateLoad(ptr, slot);
      returnIf(builder.CreateIsNull(pointer), kNullBuffer);
      callArgs.push_back(pointer);
    }
  };
  loadPointers(args, numArgs);
  loadPointers(results, numResults);
  callArgs.push_back(arena);
  callArgs.push_back(pool);
  builder.CreateCall(&compute, callArgs);
  builder.CreateRet(llvm::ConstantInt::get(i32, 0));

  auto *plainType = llvm::FunctionType::get(i32, {ptr, ptr, ptr}, false);
  llvm::Function *plain = llvm::Function::Create(
      plainType, llvm::GlobalValue::ExternalLinkage, prefix + "_run", module);
  plain->setDoesNotThrow();
  llvm::IRBuilder<> plainBuilder(
      llvm::BasicBlock::Create(context, "entry", plain));
  plainBuilder.CreateRet(plainBuilder.CreateCall(
      run,
      {plain->getArg(0), plain->getArg(1), plain->getArg(2),
       llvm::ConstantPointerNull::get(llvm::PointerType::getUnqual(context))}));
  return llvm::Error::success();
}

llvm::Expected<std::unique_ptr<llvm::Module>>
mlir::tfc::buildLLVMModule(ModuleOp module, llvm::LLVMContext &context,
                           llvm::StringRef entryName, llvm::StringRef prefix,
                           const ModelSignature &signature,
                           llvm::TargetMachine &machine, unsigned optLevel) {
  // Argument attributes only named tensors for the header; LLVM IR has no
  // use for them.
  module.walk([](LLVM::LLVMFuncOp func) { func.setArgAttrsAttr(nullptr); });
  registerBuiltinDialectTranslation(*module->getContext());
  registerLLVMDialectTranslation(*module->getContext());
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, context, "tfc_model");
  if (!llvmModule)
    return makeError("internal error: translation to LLVM IR failed");
  llvmModule->setTargetTriple(machine.getTargetTriple());
  llvmModule->setDataLayout(machine.createDataLayout());

  llvm::Function *compute = llvmModule->getFunction(entryName);
  if (!compute)
    return makeError("internal error: no function '" + entryName + "'");
  compute->setName(prefix + "_compute");
  if (llvm::Error err =
          addEntryWrappers(*llvmModule, *compute, prefix, signature))
    return std::move(err);

  // Only <prefix>_run and <prefix>_run_with_pool are exported: weights and
  // helpers stay private, so two models can be linked into one program.
  for (llvm::Function &function : *llvmModule)
    if (!function.isDeclaration() &&
        function.getName() != prefix.str() + "_run" &&
        function.getName() != prefix.str() + "_run_with_pool")
      function.setLinkage(llvm::GlobalValue::InternalLinkage);
  for (llvm::GlobalVariable &global : llvmModule->globals())
    if (!global.isDeclaration())
      global.setLinkage(llvm::GlobalValue::InternalLinkage);

  std::string verifierErrors;
  llvm::raw_string_ostream verifierStream(verifierErrors);
  if (llvm::verifyModule(*llvmModule, &verifierStream))
    return makeError("internal error: invalid LLVM IR: " + verifierErrors);

  llvm::LoopAnalysisManager loopAnalyses;
  llvm::FunctionAnalysisManager functionAnalyses;
  llvm::CGSCCAnalysisManager cgsccAnalyses;
  llvm::ModuleAnalysisManager moduleAnalyses;
  llvm::PassBuilder passBuilder(&machine);
  passBuilder.registerModuleAnalyses(moduleAnalyses);
  passBuilder.registerCGSCCAnalyses(cgsccAnalyses);
  passBuilder.registerFunctionAnalyses(functionAnalyses);
  passBuilder.registerLoopAnalyses(loopAnalyses);
  passBuilder.crossRegisterProxies(loopAnalyses, functionAnalyses,
                                   cgsccAnalyses, moduleAnalyses);
  static const llvm::OptimizationLevel levels[] = {
      llvm::OptimizationLevel::O0, llvm::OptimizationLevel::O1,
      llvm::OptimizationLevel::O2, llvm::OptimizationLevel::O3};
  llvm::ModulePassManager passes =
      optLevel == 0 ? passBuilder.buildO0DefaultPipeline(levels[0])
                    : passBuilder.buildPerModuleDefaultPipeline(
                          levels[std::min(optLevel, 3u)]);
  passes.run(*llvmModule, moduleAnalyses);
  return llvmModule;
}

llvm::Expected<std::string>
mlir::tfc::emitObjectFile(llvm::Module &module, llvm::TargetMachine &machine) {
  llvm::SmallVector<char, 0> buffer;
  llvm::raw_svector_ostream stream(buffer);
  llvm::legacy::PassManager passes;
  if (machine.addPassesToEmitFile(passes, stream, nullptr,
                                  llvm::CodeGenFileType::ObjectFile))
    return makeError("the target cannot emit object files");
  passes.run(module);
  return std::string(buffer.begin(), buffer.end());
}
