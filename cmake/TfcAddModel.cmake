# tfc_add_model(): a TensorFlow GraphDef as a CMake target, what tf_library
# is to bazel. find_package(tfc) includes this file.
#
#   tfc_add_model(NAME
#     GRAPH model.pb              # the GraphDef (.pb or .pbtxt)
#     CPP_CLASS ns::Model         # the generated C++ class, with namespaces
#     [CONFIG config.pbtxt]       # feeds and fetches (tf2xla.Config)
#     [TARGET_TRIPLE triple]      # default: the host, or the compiler's
#                                 # target when cross-compiling with one
#     [TARGET_CPU cpu]
#     [EXTRA_FLAGS flag...]       # more tfc-compile flags
#     [GEN_TEST]                  # NAME_test, registered with add_test()
#     [GEN_BENCHMARK])            # NAME_benchmark
#
# At build time tfc-compile writes libNAME.a and NAME.h into
# ${CMAKE_CURRENT_BINARY_DIR}/tfc_models, again whenever the graph, the
# config or tfc-compile change, when a target linking NAME is built (or the
# custom target NAME_tfc_compile). NAME is an imported static library:
# linking it brings the header's folder (#include "NAME.h"), libm and the
# threads library, all the generated library needs. Relative GRAPH and
# CONFIG paths are taken from the current source folder.
#
# GEN_TEST builds NAME_test, which runs the model once on zeroed arguments
# through the C++ class, checks that Run() succeeds, runs it again and checks
# that the results are the same bytes; ctest runs it (call enable_testing()
# first). GEN_BENCHMARK builds NAME_benchmark [RUNS] [THREADS], which times
# Run() on zeroed arguments and prints the mean, median and fastest run.
# Both need C++ enabled in the project.

include_guard(GLOBAL)

set(_tfc_add_model_dir "${CMAKE_CURRENT_LIST_DIR}")

function(tfc_add_model name)
  set(options GEN_TEST GEN_BENCHMARK)
  set(one_value GRAPH CONFIG CPP_CLASS TARGET_TRIPLE TARGET_CPU)
  set(multi_value EXTRA_FLAGS)
  cmake_parse_arguments(PARSE_ARGV 1 arg "${options}" "${one_value}"
                        "${multi_value}")
  set(where "tfc_add_model(${name})")
  set(keywords ${options} ${one_value} ${multi_value})
  if(name IN_LIST keywords)
    message(FATAL_ERROR "tfc_add_model: the first argument is the target's "
            "name, not ${name}: tfc_add_model(NAME GRAPH model.pb "
            "CPP_CLASS ns::Model ...)")
  endif()
  if(NOT name MATCHES "^[A-Za-z][A-Za-z0-9_]*$")
    message(FATAL_ERROR "${where}: the name must be a C identifier starting "
            "with a letter (it names the target, NAME.h and libNAME.a)")
  endif()
  if(TARGET ${name})
    message(FATAL_ERROR "${where}: a target named ${name} exists already")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "${where}: unknown argument(s) "
            "'${arg_UNPARSED_ARGUMENTS}'; it takes GRAPH, CPP_CLASS, CONFIG, "
            "TARGET_TRIPLE, TARGET_CPU, EXTRA_FLAGS, GEN_TEST, GEN_BENCHMARK")
  endif()
  foreach(keyword ${arg_KEYWORDS_MISSING_VALUES})
    if(NOT keyword STREQUAL "EXTRA_FLAGS")
      message(FATAL_ERROR "${where}: ${keyword} is given without a value")
    endif()
  endforeach()
  if(NOT DEFINED arg_GRAPH)
    message(FATAL_ERROR "${where}: GRAPH is missing: the GraphDef to "
            "compile (.pb or .pbtxt)")
  endif()
  if(NOT DEFINED arg_CPP_CLASS)
    message(FATAL_ERROR "${where}: CPP_CLASS is missing: the C++ class to "
            "generate, with namespaces (ns::Model), as tf_library's cpp_class")
  endif()
  if(NOT arg_CPP_CLASS MATCHES
     "^(::)?([A-Za-z_][A-Za-z0-9_]*::)*[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR "${where}: CPP_CLASS '${arg_CPP_CLASS}' is not of "
            "the form ns1::ns2::ClassName")
  endif()
  if((arg_GEN_TEST OR arg_GEN_BENCHMARK) AND NOT CMAKE_CXX_COMPILER_LOADED)
    message(FATAL_ERROR "${where}: GEN_TEST and GEN_BENCHMARK build C++ "
            "programs; enable CXX in project() first")
  endif()

  # The inputs, checked now rather than as a missing file at build time.
  set(inputs)
  set(input_GRAPH "")
  set(input_CONFIG "")
  foreach(kind GRAPH CONFIG)
    if(NOT DEFINED arg_${kind})
      continue()
    endif()
    get_filename_component(path "${arg_${kind}}" ABSOLUTE
                           BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    get_source_file_property(generated "${path}" GENERATED)
    if(NOT EXISTS "${path}" AND NOT generated)
      message(FATAL_ERROR "${where}: ${kind} does not exist: ${path}")
    endif()
    if(IS_DIRECTORY "${path}")
      message(FATAL_ERROR "${where}: ${kind} is a folder, not a file: "
              "${path}")
    endif()
    set(input_${kind} "${path}")
    list(APPEND inputs "${path}")
  endforeach()

  # tfc-compile compiles for the host unless told otherwise, which a
  # cross-compiled program could not link.
  set(triple "${arg_TARGET_TRIPLE}")
  if(triple STREQUAL "" AND CMAKE_CROSSCOMPILING)
    if(CMAKE_CXX_COMPILER_TARGET)
      set(triple "${CMAKE_CXX_COMPILER_TARGET}")
    elseif(CMAKE_C_COMPILER_TARGET)
      set(triple "${CMAKE_C_COMPILER_TARGET}")
    else()
      message(FATAL_ERROR "${where}: cross-compiling for "
              "${CMAKE_SYSTEM_NAME} ${CMAKE_SYSTEM_PROCESSOR}; give "
              "TARGET_TRIPLE (aarch64-unknown-linux-gnu, say), else the "
              "model is compiled for the host")
    endif()
  endif()

  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/tfc_models")
  set(library "${out_dir}/lib${name}.a")
  set(header "${out_dir}/${name}.h")
  # An imported target's include folder must exist when CMake generates.
  file(MAKE_DIRECTORY "${out_dir}")
  set(command tfc::tfc-compile "--graph=${input_GRAPH}"
      "--cpp_class=${arg_CPP_CLASS}" "--out_library=${library}"
      "--out_header=${header}")
  if(NOT input_CONFIG STREQUAL "")
    list(APPEND command "--config=${input_CONFIG}")
  endif()
  if(NOT triple STREQUAL "")
    list(APPEND command "--target_triple=${triple}")
  endif()
  if(DEFINED arg_TARGET_CPU)
    list(APPEND command "--target_cpu=${arg_TARGET_CPU}")
  endif()
  list(APPEND command ${arg_EXTRA_FLAGS})
  add_custom_command(
    OUTPUT "${library}" "${header}"
    COMMAND ${command}
    DEPENDS ${inputs} "$<TARGET_FILE:tfc::tfc-compile>"
    COMMENT "tfc-compile: ${name} from ${arg_GRAPH}"
    VERBATIM)
  add_custom_target(${name}_tfc_compile DEPENDS "${library}" "${header}")

  set(link_libraries)
  if(NOT WIN32)
    list(APPEND link_libraries m)
  endif()
  # The runtime's thread pool; CMAKE_THREAD_LIBS_INIT is empty where the C
  # library holds the threads (glibc 2.34 and later). FindThreads needs a
  # compiler, which a project that links nothing may not have enabled.
  if(NOT CMAKE_SYSTEM_NAME STREQUAL "Generic" AND
     (CMAKE_C_COMPILER_LOADED OR CMAKE_CXX_COMPILER_LOADED))
    find_package(Threads QUIET)
    list(APPEND link_libraries ${CMAKE_THREAD_LIBS_INIT})
  endif()
  # <tfc/runtime.h> besides NAME.h, for code that uses the runtime's
  # declarations without including a model header.
  get_target_property(runtime_includes tfc::runtime_headers
                      INTERFACE_INCLUDE_DIRECTORIES)
  add_library(${name} STATIC IMPORTED GLOBAL)
  set_target_properties(${name} PROPERTIES
    IMPORTED_LOCATION "${library}"
    INTERFACE_INCLUDE_DIRECTORIES "${out_dir};${runtime_includes}"
    INTERFACE_LINK_LIBRARIES "${link_libraries}")
  add_dependencies(${name} ${name}_tfc_compile)

  # The generated programs include "NAME.h" and use the class only.
  set(TFC_MODEL_NAME "${name}")
  set(TFC_MODEL_CLASS "${arg_CPP_CLASS}")
  if(arg_GEN_TEST)
    configure_file("${_tfc_add_model_dir}/TfcModelTest.cpp.in"
                   "${out_dir}/${name}_test.cpp" @ONLY)
    add_executable(${name}_test "${out_dir}/${name}_test.cpp")
    target_link_libraries(${name}_test PRIVATE ${name})
    add_test(NAME ${name}_test COMMAND ${name}_test)
  endif()
  if(arg_GEN_BENCHMARK)
    configure_file("${_tfc_add_model_dir}/TfcModelBenchmark.cpp.in"
                   "${out_dir}/${name}_benchmark.cpp" @ONLY)
    add_executable(${name}_benchmark "${out_dir}/${name}_benchmark.cpp")
    target_link_libraries(${name}_benchmark PRIVATE ${name})
  endif()
endfunction()
