# Helpers shared by every module's CMakeLists.txt.
#
#   limen_library(NAME limen_base SOURCES a.cc b.cc DEPS fmt::fmt)
#   limen_test(NAME base_status_test SOURCES status_test.cc DEPS limen_base)
#
# Libraries are static; include paths are rooted at src/.

set(LIMEN_WARNINGS -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)

function(limen_library)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPS" ${ARGN})
  add_library(${ARG_NAME} STATIC ${ARG_SOURCES})
  target_include_directories(${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${ARG_NAME} PRIVATE ${LIMEN_WARNINGS})
  target_link_libraries(${ARG_NAME} PUBLIC ${ARG_DEPS})
endfunction()

# A GoogleTest executable registered with ctest. The working directory is the source tree so
# tests can read tests/data/... by relative path; LIMEN_SOURCE_DIR is also defined.
function(limen_test)
  cmake_parse_arguments(ARG "" "NAME;TIMEOUT" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_compile_options(${ARG_NAME} PRIVATE ${LIMEN_WARNINGS})
  target_compile_definitions(${ARG_NAME} PRIVATE LIMEN_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                                                 LIMEN_BINARY_DIR="${PROJECT_BINARY_DIR}")
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main
                                            GTest::gmock)
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(${ARG_NAME} PROPERTIES TIMEOUT ${ARG_TIMEOUT} LABELS "${ARG_LABELS}")
endfunction()

# Adds each listed subdirectory that has a CMakeLists.txt, so modules can land one at a time.
function(limen_add_subdirectories)
  foreach(dir ${ARGN})
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${dir}/CMakeLists.txt)
      add_subdirectory(${dir})
    endif()
  endforeach()
endfunction()
