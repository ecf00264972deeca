//===- FuzzConfig.cpp - fuzz target: a tf2xla.Config for a fixed graph ----===//
//
// Builds tfc-fuzz-config. The input is a config.pbtxt; the graph is a small
// valid one built in, with feeds of known and unknown sizes, a contraction
// and two fetchable outputs, so that fuzzed feeds, fetches, shapes and types
// reach import, shape inference and the optimizer.
//
//===----------------------------------------------------------------------===//

#include "test/fuzz/FuzzHarness.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace mlir::tfc;

// x[?,3] -> MatMul(w[3,2]) -> BiasAdd(b[2]) -> Relu -> y; z (any shape) + 1.
static const char kGraph[] = R"pb(
node { name: "x" op: "Placeholder"
  attr { key: "dtype" value { type: DT_FLOAT } }
  attr { key: "shape" value { shape { dim { size: -1 } dim { size: 3 } } } } }
node { name: "z" op: "Placeholder"
  attr { key: "dtype" value { type: DT_FLOAT } }
  attr { key: "shape" value { shape { unknown_rank: true } } } }
node { name: "w" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
  attr { key: "value" value { tensor { dtype: DT_FLOAT
    tensor_shape { dim { size: 3 } dim { size: 2 } }
    float_val: 1 float_val: 2 float_val: 3 float_val: 4 float_val: 5
    float_val: 6 } } } }
node { name: "b" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
  attr { key: "value" value { tensor { dtype: DT_FLOAT
    tensor_shape { dim { size: 2 } } float_val: 0.5 float_val: -0.5 } } } }
node { name: "one" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
  attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { }
    float_val: 1 } } } }
node { name: "xw" op: "MatMul" input: "x" input: "w"
  attr { key: "T" value { type: DT_FLOAT } } }
node { name: "xwb" op: "BiasAdd" input: "xw" input: "b"
  attr { key: "T" value { type: DT_FLOAT } } }
node { name: "y" op: "Relu" input: "xwb"
  attr { key: "T" value { type: DT_FLOAT } } }
node { name: "z1" op: "AddV2" input: "z" input: "one"
  attr { key: "T" value { type: DT_FLOAT } } }
versions { producer: 1000 }
)pb";

static const tensorflow::GraphDef &getGraph() {
  static const tensorflow::GraphDef *graph = [] {
    auto parsed = parseGraphDef(kGraph, "fixed.pbtxt");
    if (!parsed) {
      llvm::errs() << llvm::toString(parsed.takeError()) << "\n";
      std::abort();
    }
    return new tensorflow::GraphDef(std::move(*parsed));
  }();
  return *graph;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  auto config = parseConfig(bytes, "fuzz.config.pbtxt");
  if (!config) {
    fuzz::expectOneLineError(config.takeError());
    return 0;
  }
  fuzz::compileGraph(getGraph(), *config);
  return 0;
}
