# tfc as a CMake package. `cmake --install build --prefix P` puts tfc-compile,
# tfc-opt and tfc-translate in P/bin, the runtime's C header in
# P/include/tfc, and the package in P/lib/cmake/tfc: tfcConfig.cmake,
# tfcConfigVersion.cmake, the exported targets and tfc_add_model()
# (TfcAddModel.cmake with the sources of its generated test and benchmark).
# The build tree holds the same package in build/lib/cmake/tfc, for
# -Dtfc_DIR=build/lib/cmake/tfc without installing.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(TFC_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/tfc)
set(tfc_package_dir ${PROJECT_BINARY_DIR}/lib/cmake/tfc)

add_library(tfc_runtime_headers INTERFACE)
target_include_directories(tfc_runtime_headers INTERFACE
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/runtime/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
set_target_properties(tfc_runtime_headers PROPERTIES
  EXPORT_NAME runtime_headers)

set(tfc_tools tfc-compile tfc-opt tfc-translate)
# The tools link LLVM's and MLIR's shared libraries from LLVM's own folder;
# the installed copies keep that folder in their run path, as the build
# tree's do.
set_target_properties(${tfc_tools} PROPERTIES
  INSTALL_RPATH_USE_LINK_PATH ON)
install(TARGETS ${tfc_tools} tfc_runtime_headers EXPORT tfcTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/runtime/include/tfc/runtime.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tfc)
install(EXPORT tfcTargets NAMESPACE tfc::
  DESTINATION ${TFC_INSTALL_CMAKEDIR})
export(EXPORT tfcTargets NAMESPACE tfc::
  FILE ${tfc_package_dir}/tfcTargets.cmake)

configure_file(cmake/tfcConfig.cmake.in ${tfc_package_dir}/tfcConfig.cmake
  @ONLY)
# Pre-1.0: a minor version may change the generated API. The package holds
# host programs, usable when cross-compiling for any architecture.
write_basic_package_version_file(${tfc_package_dir}/tfcConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
set(tfc_package_files
  TfcAddModel.cmake TfcModelTest.cpp.in TfcModelBenchmark.cpp.in)
foreach(file ${tfc_package_files})
  configure_file(cmake/${file} ${tfc_package_dir}/${file} COPYONLY)
endforeach()
list(TRANSFORM tfc_package_files PREPEND ${tfc_package_dir}/)
install(FILES
  ${tfc_package_dir}/tfcConfig.cmake
  ${tfc_package_dir}/tfcConfigVersion.cmake
  ${tfc_package_files}
  DESTINATION ${TFC_INSTALL_CMAKEDIR})
