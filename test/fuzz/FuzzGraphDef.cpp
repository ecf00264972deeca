//===- FuzzGraphDef.cpp - fuzz target: a GraphDef, binary or text ---------===//
//
// Builds tfc-fuzz-graphdef-binary and tfc-fuzz-graphdef-text. The input is a
// whole GraphDef file; parseGraphDef tells binary from text by content, as
// tfc-compile does, so the two targets share this code and differ in their
// seeds (and the text target in its dictionary). With no config, every
// Placeholder is a feed and every unconsumed node a fetch.
//
//===----------------------------------------------------------------------===//

#include "test/fuzz/FuzzHarness.h"

#include <cstddef>
#include <cstdint>

using namespace mlir::tfc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  auto graph = parseGraphDef(bytes, "fuzz.pb");
  if (!graph) {
    fuzz::expectOneLineError(graph.takeError());
    return 0;
  }
  fuzz::compileGraph(*graph, {});
  return 0;
}
