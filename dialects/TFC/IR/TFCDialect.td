//===- TFCDialect.td - the tfc dialect ---------------------*- tablegen -*-===//
//
// The `tfc` dialect holds TensorFlow graph semantics at the tensor level: one
// op per supported TensorFlow op, typed, shape-inferred and verified, so that
// everything after the importer works on an IR that TensorFlow's own rules
// have already been checked against.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_DIALECT_TD
#define TFC_DIALECT_TD

include "mlir/IR/OpBase.td"

def TFC_Dialect : Dialect {
  let name = "tfc";
  let summary = "TensorFlow graph semantics for the tfc compiler";
  let description = [{
    Ops mirror TensorFlow ops (same names in snake_case, same attributes and
    broadcasting rules). Graph feeds become function arguments and fetches
    become results; every op carries the GraphDef node it came from as its
    location.
  }];
  let cppNamespace = "::mlir::tfc";
  let hasConstantMaterializer = 1;
  let useDefaultAttributePrinterParser = 1;
}

// An op that only moves, selects or converts elements, with no arithmetic
// on them: lowering lets it carry element types tfc does not compute in
// (half, uint8).
def TFC_MovesDataOnly : NativeOpTrait<"MovesDataOnly"> {
  let cppNamespace = "::mlir::tfc::traits";
}

class TFC_Op<string mnemonic, list<Trait> traits = []> :
    Op<TFC_Dialect, mnemonic, traits> {
  // Ops add their own C++ declarations here, not in extraClassDeclaration,
  // which every tfc op uses for the following.
  code tfcClassDeclaration = [{}];
  // A result type may be less precise than what inference gives now (an
  // operand was refined by folding); it only has to be compatible.
  let extraClassDeclaration = [{
    static bool isCompatibleReturnTypes(::mlir::TypeRange inferred,
                                        ::mlir::TypeRange actual) {
      return ::mlir::tfc::areCompatibleTypes(inferred, actual);
    }
  }] # tfcClassDeclaration;
}

#endif // TFC_DIALECT_TD
