#!/usr/bin/env bash
# Compiles the graphs of make_graphs.py with tfc-compile as tf_library runs
# tfcompile (its exact flags), archives each model's function and metadata
# objects as tf_library's cc_library does, and builds tfcompile_test.cpp
# against the headers and archives.
#
#   build_suite.sh TFC_COMPILE CXX GRAPH_DIR WORK
set -euo pipefail
tfc_compile=$1 cxx=$2 graphs=$3 work=$4
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$work"
# graph : C++ class (tfcompile's BUILD file names the same ones)
models=(
  tfadd:AddComp
  tfadd_with_ckpt:AddWithCkptComp
  tfadd_with_ckpt_saver:AddWithCkptSaverComp
  tfassert_eq:AssertComp
  tfcond:CondComp
  tffunction:FunctionComp
  tfgather:GatherComp
  tfmatmul:foo::bar::MatMulComp
  tfmatmulandadd:::foo::bar::MatMulAndAddComp
  tfsplits:SplitsComp
  tftop_k:TopKComp
  tfvariable:VariableComp
  tfvariable_readonly:VariableReadonlyComp
  tfvariable_sequential_updates:VariableSequentialUpdatesComp
)
archives=()
for entry in "${models[@]}"; do
  graph=${entry%%:*}
  class=${entry#*:}
  name=test_graph_$graph
  # tfadd_with_ckpt_saver shares tfadd_with_ckpt's config, as in the BUILD.
  config=$graph
  [[ $graph == tfadd_with_ckpt_saver ]] && config=tfadd_with_ckpt
  extra=()
  [[ $graph == tfmatmulandadd ]] && extra=(--gen_name_to_index --gen_program_shape)
  "$tfc_compile" --graph="$graphs/$name.pb" \
    --config="$here/test_graph_$config.config.pbtxt" \
    --entry_point="__tfcompile_$name" --cpp_class="$class" \
    --target_triple=x86_64-pc-linux --out_header="$work/$name.h" \
    --out_metadata_object="$work/${name}_tfcompile_metadata.o" \
    --out_function_object="$work/${name}_tfcompile_function.o" \
    --xla_cpu_enable_xprof_traceme=false --mlir_components=None "${extra[@]}"
  rm -f "$work/lib$name.a"
  ar rcs "$work/lib$name.a" "$work/${name}_tfcompile_function.o" \
    "$work/${name}_tfcompile_metadata.o"
  archives+=("$work/lib$name.a")
done
"$cxx" -std=c++17 -Wall -Wextra -Werror -I"$work" "$here/tfcompile_test.cpp" \
  "${archives[@]}" -lm -lpthread -o "$work/tfcompile_test"
echo "build_suite: built $work/tfcompile_test from ${#models[@]} models"
