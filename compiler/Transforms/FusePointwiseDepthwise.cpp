//===- FusePointwiseDepthwise.cpp - a conv then depthwise in one kernel ---===//
//
// The tfc-fuse-pointwise-depthwise pass. A call of the runtime's
// convolution (a 1x1 expansion, or a first layer's 3x3) whose large result
// only a depthwise convolution's call reads becomes one call of
// tfc_pointwise_depthwise_f32_<isa>, which computes the convolution's rows a
// few at a time into a window that stays in cache. The params, weights and
// biases are the two calls' own, concatenated in the layout
// runtime/src/kernels/kernels.h gives (TFC_PWDW_*).
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/KernelConstants.h"
#include "compiler/Transforms/Passes.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::tfc {
#define GEN_PASS_DEF_FUSEPOINTWISEDEPTHWISE
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::tfc

using namespace mlir;
using namespace mlir::tfc;

namespace {

// The params' layout (kernels.h): TFC_CONV_*, then TFC_DW_*, then BAND and
// PARTS.
constexpr int64_t kConvParams = 18, kDepthwiseParams = 17;
enum ConvParam : int64_t {
  kConvOH = 4,
  kConvOW = 5,
  kConvCout = 6,
};
enum DepthwiseParam : int64_t {
  kDwN = 0,
  kDwH = 1,
  kDwW = 2,
  kDwC = 3,
  kDwMult = 6,
  kDwKH = 7,
  kDwStrideH = 9,
  kDwDilationH = 11,
};

/// Bytes of expanded rows a window may take: a few hundred KiB stay in L2
/// next to the weights (MobileNetV2's 112x112x96 and 56x56x144 layers ran
/// fastest with windows of 130 to 300 KiB).
constexpr int64_t kWindowBytes = 256 * 1024;
/// Output rows per step at most.
constexpr int64_t kMaxBand = 8;
/// Threads an image's rows are shared among at most (scratch holds a window
/// for each); with more threads than that and one image, the others wait.
constexpr int64_t kMaxThreadsPerImage = 4;

/// `bias`'s values, or `count` zeros when there is none; none when it is not
/// a constant.
std::optional<std::vector<float>> biasOrZeros(Value bias, int64_t count) {
  if (!bias)
    return std::vector<float>(count, 0.0f);
  std::optional<std::vector<float>> values = constantFloats(bias);
  if (!values || static_cast<int64_t>(values->size()) != count)
    return std::nullopt;
  return values;
}

struct FusePointwiseDepthwisePass
    : tfc::impl::FusePointwiseDepthwiseBase<FusePointwiseDepthwisePass> {
  using FusePointwiseDepthwiseBase::FusePointwiseDepthwiseBase;

  void runOnOperation() override {
    SmallVector<KernelCallOp> depthwise;
    getOperation().walk([&](KernelCallOp call) {
      if (call.getKernel().starts_with(kDepthwisePrefix))
        depthwise.push_back(call);
    });
    for (KernelCallOp call : depthwise)
      fuse(call);
  }

  static constexpr llvm::StringLiteral kDepthwisePrefix =
      "depthwise_conv2d_f32_";

  void fuse(KernelCallOp dw) {
    StringRef isa = dw.getKernel().drop_front(kDepthwisePrefix.size());
    auto conv = dw.getInput().getDefiningOp<KernelCallOp>();
    if (!conv || conv.getKernel() != ("conv2d_f32_" + isa).str() ||
        !conv.getResult(0).hasOneUse() || conv.getResidual() ||
        dw.getResidual())
      return;
    ArrayRef<int64_t> cp = conv.getParams(), dp = dw.getParams();
    if (cp.size() != kConvParams || dp.size() != kDepthwiseParams ||
        cp[KernelCallOp::kOutStrideParam] != 0)
      return;
    // Any window of the convolution (the runtime computes its rows from the
    // input rows they reach), a depthwise multiplier of 1.
    if (cp[kConvOH] != dp[kDwH] || cp[kConvOW] != dp[kDwW] ||
        cp[kConvCout] != dp[kDwC] || dp[kDwMult] != 1)
      return;
    int64_t images = dp[kDwN], height = dp[kDwH], width = dp[kDwW];
    int64_t channels = dp[kDwC];
    if (images * height * width * channels * 4 < minBytes)
      return;
    std::optional<std::vector<float>> weights =
        constantFloats(conv.getWeights());
    std::optional<std::vector<float>> filter = constantFloats(dw.getWeights());
    std::optional<std::vector<float>> bias =
        biasOrZeros(conv.getBias(), channels);
    std::optional<std::vector<float>> dwBias =
        biasOrZeros(dw.getBias(), channels);
    if (!weights || !filter || !bias || !dwBias)
      return;

    // The most output rows per step whose window fits kWindowBytes.
    int64_t rowBytes = width * channels * 4;
    auto windowRows = [&](int64_t band) {
      return (band - 1) * dp[kDwStrideH] + (dp[kDwKH] - 1) * dp[kDwDilationH] +
             1;
    };
    int64_t band = 1;
    while (band < kMaxBand && windowRows(band + 1) * rowBytes <= kWindowBytes)
      ++band;
    int64_t parts =
        std::max<int64_t>(1, (kMaxThreadsPerImage + images - 1) / images);

    SmallVector<int64_t> params(cp);
    params.append(dp.begin(), dp.end());
    params.push_back(band);
    params.push_back(parts);
    weights->insert(weights->end(), filter->begin(), filter->end());
    bias->insert(bias->end(), dwBias->begin(), dwBias->end());

    auto resultType = cast<RankedTensorType>(dw.getResult(0).getType());
    int64_t outputs = resultType.getNumElements();
    int64_t scratch = images * parts * windowRows(band) * width * channels;
    OpBuilder b(dw);
    Location loc = dw.getLoc();
    auto flatType = RankedTensorType::get({outputs + scratch}, b.getF32Type());
    Value init =
        tensor::EmptyOp::create(b, loc, flatType.getShape(), b.getF32Type());
    Value fused =
        KernelCallOp::create(b, loc, TypeRange{flatType}, conv.getInput(),
                             flatConstant(b, loc, *weights),
                             flatConstant(b, loc, *bias),
                             /*residual=*/Value(), init,
                             b.getStringAttr("pointwise_depthwise_f32_" + isa),
                             b.getDenseI64ArrayAttr(params))
            .getResult(0);
    Value output = tensor::ExtractSliceOp::create(
        b, loc, RankedTensorType::get({outputs}, b.getF32Type()), fused,
        ValueRange{}, ValueRange{}, ValueRange{}, b.getDenseI64ArrayAttr({0}),
        b.getDenseI64ArrayAttr({outputs}), b.getDenseI64ArrayAttr({1}));
    output = tensor::ExpandShapeOp::create(
        b, loc, resultType, output,
        SmallVector<ReassociationIndices>{{0, 1, 2, 3}});
    dw.getResult(0).replaceAllUsesWith(output);
    dw.erase();
    conv.erase();
  }
};

} // namespace
