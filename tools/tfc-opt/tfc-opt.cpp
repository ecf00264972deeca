//===- tfc-opt.cpp - run tfc and MLIR passes on .mlir files ---------------===//
//
// mlir-opt with the tfc dialect, passes and phase pipelines registered; the
// driver of the lit tests for dialect, pass and conversion behaviour.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/Passes.h"
#include "compiler/Pipelines/Pipeline.h"
#include "compiler/Transforms/Passes.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::tfc::registerTFCTransformsPasses();
  mlir::tfc::registerTFCConversionPasses();
  mlir::tfc::registerTFCPipelines();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<mlir::tfc::TFCDialect>();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "tfc optimizer driver\n", registry));
}
