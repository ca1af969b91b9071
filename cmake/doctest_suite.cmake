# skirmish_doctest_suite(name SOURCES ... LIBS ...): one doctest executable,
# registered with CTest natively and run under Node when built for wasm.

if(SKIRMISH_WASM)
  # note: Debian's doctest lives in /usr/include/doctest; adding all of
  # /usr/include to a wasm build would pull in the host's libc headers, so the
  # wasm build sees the one header through a link in its own include folder.
  set(SKIRMISH_DOCTEST_INCLUDE ${CMAKE_BINARY_DIR}/doctest_include)
  file(MAKE_DIRECTORY ${SKIRMISH_DOCTEST_INCLUDE}/doctest)
  file(CREATE_LINK /usr/include/doctest/doctest.h ${SKIRMISH_DOCTEST_INCLUDE}/doctest/doctest.h SYMBOLIC)
else()
  find_package(doctest REQUIRED)
  include(doctest)
endif()

add_library(skirmish_doctest_main STATIC ${CMAKE_CURRENT_LIST_DIR}/../tests/doctest_main.cpp)
target_link_libraries(skirmish_doctest_main PUBLIC skirmish_options)
if(SKIRMISH_WASM)
  target_include_directories(skirmish_doctest_main SYSTEM PUBLIC ${SKIRMISH_DOCTEST_INCLUDE})
  target_compile_definitions(skirmish_doctest_main PUBLIC DOCTEST_CONFIG_NO_EXCEPTIONS_BUT_WITH_ALL_ASSERTS)
else()
  target_link_libraries(skirmish_doctest_main PUBLIC doctest::doctest)
endif()

function(skirmish_doctest_suite name)
  cmake_parse_arguments(arg "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE skirmish_doctest_main ${arg_LIBS})
  if(SKIRMISH_WASM)
    # note: the 3.1.6 loader fetches a file path under Node 20 and fails;
    # embedding the wasm in the .js (SINGLE_FILE) sidesteps the loader entirely.
    target_link_options(${name} PRIVATE -sSINGLE_FILE=1 -sENVIRONMENT=node)
    add_test(NAME ${name} COMMAND node $<TARGET_FILE:${name}>)
  else()
    doctest_discover_tests(${name})
  endif()
endfunction()
