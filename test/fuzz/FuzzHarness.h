//===- FuzzHarness.h - one fuzz input through import and optimize -*- C++
//-*-===//
//
// What every tfc fuzz target does with an input once it has a GraphDef and a
// feed/fetch config: import it, verify it and run the optimize phase in a
// fresh context, in process, writing no files. Failures must come out as
// error diagnostics; a failure without one, or an error message that is not
// one line, aborts, so that libFuzzer records the input as a crash.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_TEST_FUZZ_FUZZHARNESS_H
#define TFC_TEST_FUZZ_FUZZHARNESS_H

#include "compiler/Import/ModelInputs.h"

#include "llvm/Support/Error.h"

namespace mlir::tfc::fuzz {

/// Imports `graph` with `config`, then optimizes it; aborts on a broken
/// invariant and otherwise returns whether it compiled.
bool compileGraph(const tensorflow::GraphDef &graph,
                  const FeedFetchConfig &config);

/// Consumes a parse error, aborting if its message is not one line.
void expectOneLineError(llvm::Error error);

} // namespace mlir::tfc::fuzz

#endif // TFC_TEST_FUZZ_FUZZHARNESS_H
