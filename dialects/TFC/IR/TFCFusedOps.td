//===- TFCFusedOps.td - tfc fused ops ----------------------*- tablegen -*-===//
//
// Ops the graph optimizer forms by fusing TensorFlow ops (a contraction with
// its bias and activation). The importer never creates them. Included from
// TFCOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_FUSED_OPS_TD
#define TFC_FUSED_OPS_TD

#endif // TFC_FUSED_OPS_TD
