# st_add_layer(name dir DEPENDS deps... [EXCLUDE files...]): a library made of every .cc in one folder
# (not its subfolders), so adding a file to a layer needs no CMake edit. A folder with headers only
# becomes an INTERFACE library.
function(st_add_layer name dir)
  cmake_parse_arguments(LAYER "" "" "DEPENDS;EXCLUDE" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/${dir}/*.cc")
  foreach(excluded IN LISTS LAYER_EXCLUDE)
    list(REMOVE_ITEM sources "${CMAKE_CURRENT_SOURCE_DIR}/${dir}/${excluded}")
  endforeach()
  if(sources)
    add_library(${name} STATIC ${sources})
    target_include_directories(${name} PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}/src")
    target_link_libraries(${name} PUBLIC ${LAYER_DEPENDS})
    st_set_warnings(${name})
  else()
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE "${CMAKE_CURRENT_SOURCE_DIR}/src")
    target_link_libraries(${name} INTERFACE ${LAYER_DEPENDS})
  endif()
endfunction()

# st_add_unit_tests(name dir DEPENDS libs...): one GoogleTest binary per test folder, each test
# registered with CTest by name. Tests run from the project root so they can read third_party/.
function(st_add_unit_tests name dir)
  cmake_parse_arguments(UT "" "" "DEPENDS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/${dir}/*.cc")
  if(NOT sources)
    return()
  endif()
  add_executable(${name} ${sources})
  target_link_libraries(${name} PRIVATE ${UT_DEPENDS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_include_directories(${name} PRIVATE "${PROJECT_SOURCE_DIR}/tests/unit")
  st_set_warnings(${name})
  gtest_discover_tests(${name} WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
                       PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
endfunction()
