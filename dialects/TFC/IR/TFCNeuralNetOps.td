//===- TFCNeuralNetOps.td - tfc neural network ops ---------*- tablegen -*-===//
//
// Convolutions, pooling, normalization and reductions. Included from
// TFCOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_NEURAL_NET_OPS_TD
#define TFC_NEURAL_NET_OPS_TD

#endif // TFC_NEURAL_NET_OPS_TD
