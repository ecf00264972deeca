//===- TFCOps.td - tfc dialect ops -------------------------*- tablegen -*-===//
//
// Ops of the tfc dialect, grouped by family. Each op follows the TensorFlow op
// of the same name: operands, attributes, dtypes and broadcasting rules. All
// ops infer their result types, so the importer and the folders never spell a
// result type by hand.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_OPS_TD
#define TFC_OPS_TD

include "dialects/TFC/IR/TFCDialect.td"
include "dialects/TFC/IR/TFCEnums.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

// Element types the dialect carries. Lowering supports a subset per op; see
// docs/OPS.md.
def TFC_Element : AnyTypeOf<[F16, F32, F64, I1, I8, I16, I32, I64, UI8]>;
def TFC_Tensor : TensorOf<[TFC_Element]>;
def TFC_IntOrFloatTensor : TensorOf<[F16, F32, F64, I8, I16, I32, I64, UI8]>;
def TFC_FloatTensor : TensorOf<[F16, F32, F64]>;
def TFC_ShapeTensor : TensorOf<[I32, I64]>;

//===----------------------------------------------------------------------===//
// Graph structure: constants, identities, no-ops
//===----------------------------------------------------------------------===//

def TFC_ConstOp : TFC_Op<"const",
    [TFC_MovesDataOnly, ConstantLike, Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow Const: a tensor known at compile time";
  let arguments = (ins ElementsAttr:$value);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = "$value attr-dict";
  let hasFolder = 1;
}

def TFC_IdentityOp : TFC_Op<"identity", [TFC_MovesDataOnly, Pure, SameOperandsAndResultType]> {
  let summary = "TensorFlow Identity: forwards its input";
  let arguments = (ins TFC_Tensor:$input);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasFolder = 1;
}

def TFC_NoOp : TFC_Op<"no_op", [TFC_MovesDataOnly, Pure]> {
  let summary = "TensorFlow NoOp: exists only as a target of control edges";
  let description = [{
    Imported so that the IR stays one op per node. It has no results and no
    effects, so dead-code elimination removes it once control edges are gone.
  }];
  let assemblyFormat = "attr-dict";
}

def TFC_ZerosOp : TFC_Op<"zeros", [Pure]> {
  let summary = "Zeros of its result type, whose sizes may be found later";
  let description = [{
    A TensorList reserved with an element shape that has unknown sizes
    (Keras writes [-1, units] when the batch is unknown at trace time): the
    list's tensor is zeros, and the loop that writes the list tells its
    shape. Shape inference refines the type from that loop and the op then
    folds to a `tfc.const`; one whose sizes stay unknown cannot be lowered.
  }];
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = "attr-dict `:` type($output)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise binary ops with TensorFlow (numpy) broadcasting
//===----------------------------------------------------------------------===//

class TFC_BinaryOp<string mnemonic, list<Trait> traits = []> :
    TFC_Op<mnemonic, !listconcat(traits, [Pure, ResultsBroadcastableShape,
                                          SameOperandsAndResultElementType,
                                          InferTypeOpAdaptor])> {
  let arguments = (ins TFC_IntOrFloatTensor:$x, TFC_IntOrFloatTensor:$y);
  let results = (outs TFC_IntOrFloatTensor:$z);
  let assemblyFormat =
      "$x `,` $y attr-dict `:` type($x) `,` type($y) `->` type($z)";
  let hasFolder = 1;
}

def TFC_AddOp : TFC_BinaryOp<"add", [Commutative]> {
  let summary = "TensorFlow Add / AddV2: x + y";
}
def TFC_SubOp : TFC_BinaryOp<"sub"> {
  let summary = "TensorFlow Sub: x - y";
}
def TFC_MulOp : TFC_BinaryOp<"mul", [Commutative]> {
  let summary = "TensorFlow Mul: x * y";
}
def TFC_RealDivOp : TFC_BinaryOp<"real_div"> {
  let summary = "TensorFlow RealDiv: x / y on floating-point tensors";
  let arguments = (ins TFC_FloatTensor:$x, TFC_FloatTensor:$y);
  let results = (outs TFC_FloatTensor:$z);
}
def TFC_MaximumOp : TFC_BinaryOp<"maximum", [Commutative]> {
  let summary = "TensorFlow Maximum: max(x, y), NaN-propagating";
}
def TFC_MinimumOp : TFC_BinaryOp<"minimum", [Commutative]> {
  let summary = "TensorFlow Minimum: min(x, y), NaN-propagating";
}
def TFC_PowOp : TFC_BinaryOp<"pow"> {
  let summary = "TensorFlow Pow: x ^ y on floating-point tensors";
  let arguments = (ins TFC_FloatTensor:$x, TFC_FloatTensor:$y);
  let results = (outs TFC_FloatTensor:$z);
}
def TFC_SquaredDifferenceOp : TFC_BinaryOp<"squared_difference",
                                           [Commutative]> {
  let summary = "TensorFlow SquaredDifference: (x - y) * (x - y)";
}
def TFC_FloorDivOp : TFC_BinaryOp<"floor_div"> {
  let summary = "TensorFlow FloorDiv: x / y rounded toward -infinity";
  let description = [{
    Integers: the quotient rounded down; division by zero gives 0 (TensorFlow
    stops with an error), and the most negative value divided by -1 wraps.
    Floats: floor(x / y).
  }];
}
def TFC_FloorModOp : TFC_BinaryOp<"floor_mod"> {
  let summary = "TensorFlow FloorMod: the remainder with the sign of y";
  let description = [{
    x - floor(x / y) * y, computed as the truncated remainder plus y when
    their signs differ. Integers: modulo zero gives 0 (TensorFlow stops with
    an error).
  }];
}

//===----------------------------------------------------------------------===//
// Comparisons, logical ops and Select: results and conditions are i1
//===----------------------------------------------------------------------===//

class TFC_CompareOp<string mnemonic, string tfName, string what> :
    TFC_Op<mnemonic, [Pure, ResultsBroadcastableShape,
                      AllElementTypesMatch<["x", "y"]>, InferTypeOpAdaptor]> {
  let summary = "TensorFlow " # tfName # ": x " # what # " y, elementwise";
  let arguments = (ins TFC_Tensor:$x, TFC_Tensor:$y);
  let results = (outs TensorOf<[I1]>:$z);
  let assemblyFormat =
      "$x `,` $y attr-dict `:` type($x) `,` type($y) `->` type($z)";
}

def TFC_EqualOp : TFC_CompareOp<"equal", "Equal", "==">;
def TFC_NotEqualOp : TFC_CompareOp<"not_equal", "NotEqual", "!=">;
def TFC_LessOp : TFC_CompareOp<"less", "Less", "<">;
def TFC_LessEqualOp : TFC_CompareOp<"less_equal", "LessEqual", "<=">;
def TFC_GreaterOp : TFC_CompareOp<"greater", "Greater", ">">;
def TFC_GreaterEqualOp : TFC_CompareOp<"greater_equal", "GreaterEqual", ">=">;

class TFC_LogicalBinaryOp<string mnemonic, string tfName> :
    TFC_Op<mnemonic, [Pure, Commutative, ResultsBroadcastableShape,
                      SameOperandsAndResultElementType, InferTypeOpAdaptor]> {
  let summary = "TensorFlow " # tfName # " on booleans, broadcasting";
  let arguments = (ins TensorOf<[I1]>:$x, TensorOf<[I1]>:$y);
  let results = (outs TensorOf<[I1]>:$z);
  let assemblyFormat =
      "$x `,` $y attr-dict `:` type($x) `,` type($y) `->` type($z)";
}

def TFC_LogicalAndOp : TFC_LogicalBinaryOp<"logical_and", "LogicalAnd">;
def TFC_LogicalOrOp : TFC_LogicalBinaryOp<"logical_or", "LogicalOr">;

def TFC_SelectOp : TFC_Op<"select", [Pure, InferTypeOpAdaptor,
                                     AllElementTypesMatch<["x", "y", "output"]>]> {
  let summary = "TensorFlow SelectV2: condition ? x : y, all three broadcast";
  let description = [{
    TensorFlow's older Select (a condition of x's shape, or a vector along
    x's first dimension) is imported as this op after reshaping the
    condition.
  }];
  let arguments = (ins TensorOf<[I1]>:$condition, TFC_Tensor:$x,
                   TFC_Tensor:$y);
  let results = (outs TFC_Tensor:$output);
  let assemblyFormat = [{
    $condition `,` $x `,` $y attr-dict `:` type($condition) `,` type($x) `,`
    type($y) `->` type($output)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise unary ops and activations
//===----------------------------------------------------------------------===//

class TFC_UnaryOp<string mnemonic, Type tensorType, list<Trait> traits = []> :
    TFC_Op<mnemonic, !listconcat(traits, [Pure, SameOperandsAndResultType])> {
  let arguments = (ins tensorType:$x);
  let results = (outs tensorType:$y);
  let assemblyFormat = "$x attr-dict `:` type($x)";
}

def TFC_NegOp : TFC_UnaryOp<"neg", TFC_IntOrFloatTensor> {
  let summary = "TensorFlow Neg: -x";
  let hasFolder = 1;
}
def TFC_ReluOp : TFC_UnaryOp<"relu", TFC_IntOrFloatTensor> {
  let summary = "TensorFlow Relu: max(x, 0)";
}
def TFC_SigmoidOp : TFC_UnaryOp<"sigmoid", TFC_FloatTensor> {
  let summary = "TensorFlow Sigmoid: 1 / (1 + exp(-x))";
}
def TFC_TanhOp : TFC_UnaryOp<"tanh", TFC_FloatTensor> {
  let summary = "TensorFlow Tanh";
}
def TFC_Relu6Op : TFC_UnaryOp<"relu6", TFC_IntOrFloatTensor> {
  let summary = "TensorFlow Relu6: min(max(x, 0), 6)";
}
def TFC_EluOp : TFC_UnaryOp<"elu", TFC_FloatTensor> {
  let summary = "TensorFlow Elu: x if x > 0 else exp(x) - 1";
}
def TFC_LeakyReluOp : TFC_Op<"leaky_relu", [Pure, SameOperandsAndResultType]> {
  let summary = "TensorFlow LeakyRelu: x if x > 0 else alpha * x";
  let arguments = (ins TFC_FloatTensor:$x,
                   DefaultValuedAttr<F64Attr, "0.2">:$alpha);
  let results = (outs TFC_FloatTensor:$y);
  let assemblyFormat = "$x attr-dict `:` type($x)";
}
def TFC_RsqrtOp : TFC_UnaryOp<"rsqrt", TFC_FloatTensor> {
  let summary = "TensorFlow Rsqrt: 1 / sqrt(x)";
  let hasFolder = 1;
}
def TFC_SqrtOp : TFC_UnaryOp<"sqrt", TFC_FloatTensor> {
  let summary = "TensorFlow Sqrt";
}
def TFC_SquareOp : TFC_UnaryOp<"square", TFC_IntOrFloatTensor> {
  let summary = "TensorFlow Square: x * x";
}
def TFC_ExpOp : TFC_UnaryOp<"exp", TFC_FloatTensor> {
  let summary = "TensorFlow Exp";
}
def TFC_LogOp : TFC_UnaryOp<"log", TFC_FloatTensor> {
  let summary = "TensorFlow Log: natural logarithm";
}
def TFC_SoftmaxOp : TFC_UnaryOp<"softmax", TFC_FloatTensor> {
  let summary = "TensorFlow Softmax over the innermost dimension";
  let hasVerifier = 1;
}
def TFC_LogSoftmaxOp : TFC_UnaryOp<"log_softmax", TFC_FloatTensor> {
  let summary = "TensorFlow LogSoftmax over the innermost dimension";
  let hasVerifier = 1;
}
def TFC_AbsOp : TFC_UnaryOp<"abs", TFC_IntOrFloatTensor> {
  let summary = "TensorFlow Abs: |x| (the most negative integer wraps)";
}
def TFC_SignOp : TFC_UnaryOp<"sign", TFC_IntOrFloatTensor> {
  let summary = "TensorFlow Sign: -1, 0 or 1 (NaN for NaN)";
}
def TFC_FloorOp : TFC_UnaryOp<"floor", TFC_FloatTensor> {
  let summary = "TensorFlow Floor";
}
def TFC_CeilOp : TFC_UnaryOp<"ceil", TFC_FloatTensor> {
  let summary = "TensorFlow Ceil";
}
def TFC_RoundOp : TFC_UnaryOp<"round", TFC_FloatTensor> {
  let summary = "TensorFlow Round: to the nearest integer, halves to even";
}
def TFC_ReciprocalOp : TFC_UnaryOp<"reciprocal", TFC_FloatTensor> {
  let summary = "TensorFlow Reciprocal / Inv: 1 / x";
}
def TFC_SoftplusOp : TFC_UnaryOp<"softplus", TFC_FloatTensor> {
  let summary = "TensorFlow Softplus: log(exp(x) + 1), as TensorFlow "
                "computes it (x or exp(x) far from 0)";
}
def TFC_SoftsignOp : TFC_UnaryOp<"softsign", TFC_FloatTensor> {
  let summary = "TensorFlow Softsign: x / (|x| + 1)";
}
def TFC_ErfOp : TFC_UnaryOp<"erf", TFC_FloatTensor> {
  let summary = "TensorFlow Erf: the error function";
}
def TFC_SinOp : TFC_UnaryOp<"sin", TFC_FloatTensor> {
  let summary = "TensorFlow Sin";
}
def TFC_CosOp : TFC_UnaryOp<"cos", TFC_FloatTensor> {
  let summary = "TensorFlow Cos";
}
def TFC_LogicalNotOp : TFC_UnaryOp<"logical_not", TensorOf<[I1]>> {
  let summary = "TensorFlow LogicalNot";
}

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

def TFC_MatMulOp : TFC_Op<"matmul", [Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow MatMul: a (transposed or not) times b";
  let arguments = (ins TFC_IntOrFloatTensor:$a, TFC_IntOrFloatTensor:$b,
                   DefaultValuedAttr<BoolAttr, "false">:$transpose_a,
                   DefaultValuedAttr<BoolAttr, "false">:$transpose_b);
  let results = (outs TFC_IntOrFloatTensor:$product);
  let assemblyFormat =
      "$a `,` $b attr-dict `:` type($a) `,` type($b) `->` type($product)";
  let hasVerifier = 1;
}

def TFC_BatchMatMulOp : TFC_Op<"batch_matmul", [Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow BatchMatMulV2/V3: matrix products over batches";
  let description = [{
    x [..., m, k] (adj_x: [..., k, m]) times y [..., k, n] (adj_y:
    [..., n, k]); the batch dimensions (all but the last two) broadcast by
    numpy rules. Real types only, so adjoint is transpose.
  }];
  let arguments = (ins TFC_IntOrFloatTensor:$x, TFC_IntOrFloatTensor:$y,
                   DefaultValuedAttr<BoolAttr, "false">:$adj_x,
                   DefaultValuedAttr<BoolAttr, "false">:$adj_y);
  let results = (outs TFC_IntOrFloatTensor:$output);
  let assemblyFormat =
      "$x `,` $y attr-dict `:` type($x) `,` type($y) `->` type($output)";
  let hasVerifier = 1;
}

def TFC_BiasAddOp : TFC_Op<"bias_add", [Pure, InferTypeOpAdaptor]> {
  let summary = "TensorFlow BiasAdd: adds a 1-D bias along the channel axis";
  let arguments = (ins TFC_IntOrFloatTensor:$value, TFC_IntOrFloatTensor:$bias,
                   DefaultValuedAttr<TFC_DataFormatAttr,
                                     "::mlir::tfc::DataFormat::NHWC">:$data_format);
  let results = (outs TFC_IntOrFloatTensor:$output);
  let assemblyFormat =
      "$value `,` $bias attr-dict `:` type($value) `,` type($bias) `->` type($output)";
  let hasVerifier = 1;
}

include "dialects/TFC/IR/TFCDataMovementOps.td"
include "dialects/TFC/IR/TFCNeuralNetOps.td"
include "dialects/TFC/IR/TFCFusedOps.td"
include "dialects/TFC/IR/TFCKernelOps.td"

#endif // TFC_OPS_TD
