// RUN: tfc-opt %s -split-input-file | FileCheck %s
// RUN: tfc-opt %s -split-input-file | tfc-opt -split-input-file | FileCheck %s
// RUN: tfc-opt %s -split-input-file -mlir-print-op-generic | tfc-opt -split-input-file | FileCheck %s
