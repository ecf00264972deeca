//===- StaticLibrary.h - writing .a archives in process ---------*- C++ -*-===//
//
// The static library a user links: the model's object file plus the runtime
// object for the target, written with LLVM's archive writer (no `ar`).
//
//===----------------------------------------------------------------------===//

#ifndef TFC_COMPILER_BACKEND_STATICLIBRARY_H
#define TFC_COMPILER_BACKEND_STATICLIBRARY_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/TargetParser/Triple.h"

#include <string>
#include <vector>

namespace mlir::tfc {

struct ArchiveMember {
  std::string name;
  llvm::StringRef bytes;
};

/// The bytes of a GNU-format archive (with a symbol table) of `members`.
llvm::Expected<std::string>
buildStaticLibrary(const std::vector<ArchiveMember> &members);

/// The prebuilt runtime object for `triple`'s architecture.
llvm::Expected<llvm::StringRef> getRuntimeObject(const llvm::Triple &triple);

} // namespace mlir::tfc

#endif // TFC_COMPILER_BACKEND_STATICLIBRARY_H
