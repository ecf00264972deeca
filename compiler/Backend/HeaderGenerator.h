//===- HeaderGenerator.h - the C/C++ header of a compiled model -*- C++ -*-===//
//
// Writes the one header a user includes: a C API prefixed by the model name
// and a C++ class shaped like tfcompile's generated class, so that switching
// from tfcompile means changing the include and the build rule.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_COMPILER_BACKEND_HEADERGENERATOR_H
#define TFC_COMPILER_BACKEND_HEADERGENERATOR_H

#include "compiler/Backend/ModelSignature.h"

#include <string>
#include <vector>

namespace mlir::tfc {

struct HeaderOptions {
  /// C prefix of every function and macro (lower case; macros upper case).
  std::string prefix;
  /// C++ namespaces and class name, from `--cpp_class=ns1::ns2::Name`.
  std::vector<std::string> cppNamespaces;
  std::string cppClass;
  /// Where the model came from, for the header's comment.
  std::string graphFile;
  std::string targetTriple;
  /// A bare-metal target (isBareMetalTarget): its runtime has no allocator
  /// and no threads, so the header declares neither, and there is no C++
  /// class (which allocates its buffers).
  bool bareMetal = false;
};

std::string generateHeader(const ModelSignature &signature,
                           const HeaderOptions &options);

} // namespace mlir::tfc

#endif // TFC_COMPILER_BACKEND_HEADERGENERATOR_H
