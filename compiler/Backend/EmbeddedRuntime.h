//===- EmbeddedRuntime.h - runtime objects carried by the compiler -*- C++
//-*-===//
//
// The C runtime (runtime/) is prebuilt for each supported architecture at
// build time and embedded in tfc-compile, so the compiler can put it into the
// static libraries it writes without calling a C compiler.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_COMPILER_BACKEND_EMBEDDEDRUNTIME_H
#define TFC_COMPILER_BACKEND_EMBEDDEDRUNTIME_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstddef>

namespace mlir::tfc {

struct EmbeddedRuntimeObject {
  /// What runtimeKey() (StaticLibrary.cpp) derives from a triple: the
  /// architecture ("x86_64", "arm") or a bare-metal profile
  /// ("thumbv7em_eabihf").
  const char *name;
  /// The triple it was compiled for, for messages.
  const char *triple;
  const unsigned char *data;
  size_t size;
};

/// All embedded runtime objects (defined in a file generated at build time).
llvm::ArrayRef<EmbeddedRuntimeObject> getEmbeddedRuntimeObjects();

} // namespace mlir::tfc

#endif // TFC_COMPILER_BACKEND_EMBEDDEDRUNTIME_H
