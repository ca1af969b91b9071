# skirmish_wasm_module(target OUTPUT_NAME name SOURCES ... LIBS ...): a wasm
# module for the page and for Node: <name>.mjs (an ES module whose default
# export creates the module) and <name>.wasm, in <build>/web. A release build
# also copies both to web/dist, where the npm package (web/package.json)
# picks them up. Load it with web/loader.mjs, which works around the 3.1.6
# loader under Node. Add Embind entry points (EMSCRIPTEN_BINDINGS) in SOURCES.

set(SKIRMISH_NODE_ESM_SHIM ${CMAKE_CURRENT_LIST_DIR}/wasm_node_esm_shim.js)

function(skirmish_wasm_module name)
  cmake_parse_arguments(arg "" "OUTPUT_NAME" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE ${arg_LIBS})
  set(link_depends ${SKIRMISH_NODE_ESM_SHIM})
  foreach(lib IN LISTS arg_LIBS)
    if(TARGET ${lib})
      get_target_property(real ${lib} ALIASED_TARGET)
      if(NOT real)
        set(real ${lib})
      endif()
      get_target_property(js ${real} SKIRMISH_JS_LIBRARIES)
      if(js)
        list(APPEND link_depends ${js})
      endif()
    endif()
  endforeach()
  set_target_properties(${name} PROPERTIES
    OUTPUT_NAME ${arg_OUTPUT_NAME}
    SUFFIX ".mjs"
    RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/web
    LINK_DEPENDS "${link_depends}")
  # note: ES6 + MODULARIZE gives a factory per module; the shim gives the
  # generated Node branch the require and __dirname an ES module lacks, and
  # the catch-exit/rejection hooks are off so loading a module never installs
  # process-wide handlers in a host program.
  target_link_options(${name} PRIVATE
    --bind
    -sMODULARIZE=1
    -sEXPORT_ES6=1
    -sEXPORT_NAME=create_${name}
    -sENVIRONMENT=web,worker,node
    -sNODEJS_CATCH_EXIT=0
    -sNODEJS_CATCH_REJECTION=0
    "SHELL:--extern-pre-js ${SKIRMISH_NODE_ESM_SHIM}")
  if(CMAKE_BUILD_TYPE STREQUAL "Release")
    set(dist ${CMAKE_SOURCE_DIR}/web/dist)
    add_custom_command(TARGET ${name} POST_BUILD
      COMMAND ${CMAKE_COMMAND} -E make_directory ${dist}
      COMMAND ${CMAKE_COMMAND} -E copy_if_different
        ${CMAKE_BINARY_DIR}/web/${arg_OUTPUT_NAME}.mjs ${CMAKE_BINARY_DIR}/web/${arg_OUTPUT_NAME}.wasm ${dist}
      COMMENT "Copying ${arg_OUTPUT_NAME}.mjs and .wasm to web/dist for the npm package")
  endif()
endfunction()
