//===- TFCEnums.td - tfc attribute enums -------------------*- tablegen -*-===//
//
// TensorFlow's string-valued attributes with a fixed set of values (padding,
// data_format, activation, MirrorPad's mode) as enum attributes: the parser
// and the verifier reject anything else, and C++ switches over them. Each
// prints as TensorFlow spells the value, e.g. `#tfc.padding<SAME>`.
// Included from TFCOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_ENUMS_TD
#define TFC_ENUMS_TD

include "dialects/TFC/IR/TFCDialect.td"
include "mlir/IR/EnumAttr.td"

class TFC_Enum<string name, string summary, list<I32EnumAttrCase> cases> :
    I32EnumAttr<name, summary, cases> {
  let cppNamespace = "::mlir::tfc";
  let genSpecializedAttr = 0;
}

class TFC_EnumAttr<I32EnumAttr enum, string mnemonic> :
    EnumAttr<TFC_Dialect, enum, mnemonic> {
  let assemblyFormat = "`<` $value `>`";
}

// Window padding of convolutions and pooling: TensorFlow's rules for SAME
// and VALID; EXPLICIT takes the op's explicit_paddings.
def TFC_Padding : TFC_Enum<"Padding", "window padding", [
    I32EnumAttrCase<"Same", 0, "SAME">,
    I32EnumAttrCase<"Valid", 1, "VALID">,
    I32EnumAttrCase<"Explicit", 2, "EXPLICIT">]>;
def TFC_PaddingAttr : TFC_EnumAttr<TFC_Padding, "padding">;

// Where the channel axis is: last (NHWC) or second (NCHW).
def TFC_DataFormat : TFC_Enum<"DataFormat", "tensor layout", [
    I32EnumAttrCase<"NHWC", 0>,
    I32EnumAttrCase<"NCHW", 1>]>;
def TFC_DataFormatAttr : TFC_EnumAttr<TFC_DataFormat, "data_format">;

// The activation a fused contraction applies last, named as the TensorFlow
// op ("None" for none).
def TFC_Activation : TFC_Enum<"Activation", "fused activation", [
    I32EnumAttrCase<"None", 0>,
    I32EnumAttrCase<"Relu", 1>,
    I32EnumAttrCase<"Relu6", 2>,
    I32EnumAttrCase<"Elu", 3>,
    I32EnumAttrCase<"LeakyRelu", 4>,
    I32EnumAttrCase<"Sigmoid", 5>,
    I32EnumAttrCase<"Tanh", 6>]>;
def TFC_ActivationAttr : TFC_EnumAttr<TFC_Activation, "activation">;

// MirrorPad: REFLECT leaves out the edge element, SYMMETRIC repeats it.
def TFC_MirrorPadMode : TFC_Enum<"MirrorPadMode", "mirror padding mode", [
    I32EnumAttrCase<"Reflect", 0, "REFLECT">,
    I32EnumAttrCase<"Symmetric", 1, "SYMMETRIC">]>;
def TFC_MirrorPadModeAttr : TFC_EnumAttr<TFC_MirrorPadMode, "mirror_pad_mode">;

#endif // TFC_ENUMS_TD
