//===- TFCToLinalg.cpp - the convert-tfc-to-linalg pass -------------------===//
//
// Sets up the conversion target and collects the op-family patterns. Before
// converting, it checks what lowering needs (static shapes, supported element
// types) so that a user sees which node is at fault and what to do, rather
// than a generic legalization failure.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/Passes.h"
#include "compiler/Conversion/TFCToLinalg/Patterns.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_CONVERTTFCTOLINALG
#include "compiler/Conversion/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// Ops that only move data may carry any element type; arithmetic needs
/// signless integers or floats. Cast and ResizeBilinear convert each element
/// (to float) before any arithmetic.
bool movesDataOnly(Operation *op) {
  return op->hasTrait<tfc::traits::MovesDataOnly>();
}

LogicalResult checkLowerable(Operation *op) {
  for (Type type : llvm::concat<Type>(llvm::to_vector(op->getOperandTypes()),
                                      llvm::to_vector(op->getResultTypes()))) {
    auto tensorType = dyn_cast<TensorType>(type);
    if (!tensorType)
      continue;
    auto ranked = dyn_cast<RankedTensorType>(tensorType);
    if (!ranked || !ranked.hasStaticShape()) {
      std::string text;
      llvm::raw_string_ostream(text) << type;
      return op->emitError("shape is not fully known (" + text +
                           "); give every feed a static shape in the "
                           "config or with --feeds");
    }
    if (!movesDataOnly(op) && tensorType.getElementType().isUnsignedInteger())
      return op->emitError(
          "arithmetic on unsigned integers is not supported yet");
    // Half is carried so that graphs can store and reshape it; computing in
    // it would need its own rounding at every step to match TensorFlow.
    if (!movesDataOnly(op) && tensorType.getElementType().isF16())
      return op->emitError("arithmetic on half (float16) is not supported; "
                           "tfc carries half only through constants and data "
                           "movement: Cast to float before computing");
  }
  return success();
}

struct ConvertTFCToLinalgPass
    : tfc::impl::ConvertTFCToLinalgBase<ConvertTFCToLinalgPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    for (BlockArgument arg : func.getArguments()) {
      auto ranked = dyn_cast<RankedTensorType>(arg.getType());
      if (ranked && ranked.hasStaticShape())
        continue;
      emitError(arg.getLoc(), "this feed needs a static shape; give it in "
                              "the config or with --feeds");
      return signalPassFailure();
    }
    WalkResult checked = func.walk([](Operation *op) {
      if (!isa<TFCDialect>(op->getDialect()))
        return WalkResult::advance();
      return failed(checkLowerable(op)) ? WalkResult::interrupt()
                                        : WalkResult::advance();
    });
    if (checked.wasInterrupted())
      return signalPassFailure();

    MLIRContext *context = &getContext();
    ConversionTarget target(*context);
    target.addIllegalDialect<TFCDialect>();
    // Calls of the runtime's kernels (tfc-use-kernels) stay until they are
    // bufferized.
    target.addLegalOp<KernelCallOp>();
    // scf.for carries the state of the ops that are loops of linalg ops
    // (Cumsum's running sum, TopKV2's last pick).
    target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                           math::MathDialect, scf::SCFDialect,
                           tensor::TensorDialect>();
    target.addLegalOp<func::FuncOp, func::ReturnOp>();
    // Cast to and from uint8 crosses between signless and unsigned integer
    // types this way; the LLVM lowering folds the casts away.
    target.addLegalOp<UnrealizedConversionCastOp>();

    // Tensor types are unchanged by this conversion.
    TypeConverter converter;
    converter.addConversion([](Type type) { return type; });
    RewritePatternSet patterns(context);
    populateElementwisePatterns(converter, patterns);
    populateLinearAlgebraPatterns(converter, patterns);
    populateSoftmaxPatterns(converter, patterns);
    populateConvolutionPatterns(converter, patterns);
    populateFusedContractionPatterns(converter, patterns);
    populatePoolingPatterns(converter, patterns);
    populateNormalizationPatterns(converter, patterns);
    populateReductionPatterns(converter, patterns);
    populateDataMovementPatterns(converter, patterns);
    if (failed(applyPartialConversion(func, target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
