//===- StaticLibrary.cpp - writing .a archives in process -----------------===//

#include "compiler/Backend/StaticLibrary.h"

#include "compiler/Backend/EmbeddedRuntime.h"

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

llvm::Expected<llvm::StringRef>
mlir::tfc::getRuntimeObject(const llvm::Triple &triple) {
  llvm::StringRef arch = llvm::Triple::getArchTypeName(triple.getArch());
  if (triple.getArch() == llvm::Triple::arm ||
      triple.getArch() == llvm::Triple::thumb)
    arch = "arm";
  for (const EmbeddedRuntimeObject &object : getEmbeddedRuntimeObjects())
    if (arch == object.arch)
      return llvm::StringRef(reinterpret_cast<const char *>(object.data),
                             object.size);
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "no runtime is built for target '" + triple.str() +
          "'; tfc supports x86_64, aarch64 and armv7 Linux targets");
}
