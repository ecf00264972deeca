//===- StaticLibrary.cpp - writing .a archives in process -----------------===//

#include "compiler/Backend/StaticLibrary.h"

#include "compiler/Backend/CPU/ObjectEmitter.h"
#include "compiler/Backend/EmbeddedRuntime.h"

#include "llvm/ADT/StringExtras.h"

#include "llvm/Object/ArchiveWriter.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace mlir;
using namespace mlir::tfc;

llvm::Expected<std::string>
mlir::tfc::buildStaticLibrary(const std::vector<ArchiveMember> &members) {
  std::vector<llvm::NewArchiveMember> newMembers;
  for (const ArchiveMember &member : members) {
    llvm::NewArchiveMember newMember(
        llvm::MemoryBufferRef(member.bytes, member.name));
    newMember.MemberName = member.name;
    newMember.Perms = 0644;
    newMembers.push_back(std::move(newMember));
  }
  std::string warnings;
  auto buffer = llvm::writeArchiveToBuffer(
      newMembers, llvm::SymtabWritingMode::NormalSymtab,
      llvm::object::Archive::K_GNU, /*Deterministic=*/true, /*Thin=*/false,
      [&](llvm::Error err) { warnings += llvm::toString(std::move(err)); });
  if (!buffer)
    return buffer.takeError();
  if (!warnings.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "writing the archive: " + warnings);
  return (*buffer)->getBuffer().str();
}

/// The name of the runtime object `triple` needs (runtime/CMakeLists.txt's
/// TFC_RUNTIME_TARGETS): the architecture for hosted targets; for bare-metal
/// ARM the M-profile sub-architecture and float ABI, since the object must
/// match both (a Cortex-M0+ has no FPU, hard- and soft-float code do not
/// link together).
static std::string runtimeKey(const llvm::Triple &triple) {
  if (!isBareMetalTarget(triple)) {
    if (triple.isARM() || triple.isThumb())
      return "arm";
    return llvm::Triple::getArchTypeName(triple.getArch()).str();
  }
  std::string profile;
  switch (triple.getSubArch()) {
  case llvm::Triple::ARMSubArch_v6m:
    profile = "thumbv6m";
    break;
  case llvm::Triple::ARMSubArch_v7em:
    profile = "thumbv7em";
    break;
  case llvm::Triple::ARMSubArch_v8_1m_mainline:
    profile = "thumbv8_1m_main";
    break;
  default:
    return "";
  }
  return profile + (triple.isHardFloatABI() ? "_eabihf" : "_eabi");
}

llvm::Expected<llvm::StringRef>
mlir::tfc::getRuntimeObject(const llvm::Triple &triple) {
  std::string key = runtimeKey(triple);
  std::vector<std::string> triples;
  for (const EmbeddedRuntimeObject &object : getEmbeddedRuntimeObjects()) {
    if (key == object.name)
      return llvm::StringRef(reinterpret_cast<const char *>(object.data),
                             object.size);
    triples.push_back(object.triple);
  }
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "no runtime is built for target '" + triple.str() +
          "'; tfc's runtime is built for " + llvm::join(triples, ", ") +
          " (other CPUs of those profiles work through --target_cpu)");
}
