//===- Patterns.h - tfc to linalg patterns by op family ---------*- C++ -*-===//
//
// Each op family keeps its lowering patterns in its own file; the pass
// (TFCToLinalg.cpp) only sets up the target and collects them.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_COMPILER_CONVERSION_TFCTOLINALG_PATTERNS_H
#define TFC_COMPILER_CONVERSION_TFCTOLINALG_PATTERNS_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::tfc {

/// Elementwise binary and unary ops, activations, BiasAdd.
void populateElementwisePatterns(TypeConverter &converter,
                                 RewritePatternSet &patterns);
/// MatMul.
void populateLinearAlgebraPatterns(TypeConverter &converter,
                                   RewritePatternSet &patterns);
/// Softmax.
void populateSoftmaxPatterns(TypeConverter &converter,
                             RewritePatternSet &patterns);
/// Conv2D, DepthwiseConv2dNative, Conv2DBackpropInput.
void populateConvolutionPatterns(TypeConverter &converter,
                                 RewritePatternSet &patterns);
/// The fused contractions formed by tfc-fuse-contractions.
void populateFusedContractionPatterns(TypeConverter &converter,
                                      RewritePatternSet &patterns);
/// MaxPool, AvgPool.
void populatePoolingPatterns(TypeConverter &converter,
                             RewritePatternSet &patterns);
/// LRN, FusedBatchNorm.
void populateNormalizationPatterns(TypeConverter &converter,
                                   RewritePatternSet &patterns);
/// Mean, Sum, Max, ArgMax, Cumsum.
void populateReductionPatterns(TypeConverter &converter,
                               RewritePatternSet &patterns);
/// Const, Identity, Reshape.
void populateDataMovementPatterns(TypeConverter &converter,
                                  RewritePatternSet &patterns);

} // namespace mlir::tfc

#endif // TFC_COMPILER_CONVERSION_TFCTOLINALG_PATTERNS_H
