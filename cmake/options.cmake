# Build-wide options: runtime checks, sanitizers and the WebAssembly flags every target shares.

if(EMSCRIPTEN)
  set(SKIRMISH_WASM ON)
else()
  set(SKIRMISH_WASM OFF)
endif()

# note: API misuse checks (awaiting a moved-from task, joining twice) are on in
# debug builds and compiled out of release builds.
if(CMAKE_BUILD_TYPE STREQUAL "Debug")
  set(_checks_default ON)
else()
  set(_checks_default OFF)
endif()
option(SKIRMISH_CHECKS "Check runtime API misuse and report it clearly" ${_checks_default})
set(SKIRMISH_SANITIZE "" CACHE STRING "Sanitizers for native builds: address,undefined or thread")
option(SKIRMISH_FUZZ "Build libFuzzer targets (clang only)" OFF)

add_library(skirmish_options INTERFACE)
target_compile_options(skirmish_options INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
if(SKIRMISH_CHECKS)
  target_compile_definitions(skirmish_options INTERFACE SKIRMISH_CHECKS=1)
endif()

if(SKIRMISH_WASM)
  # Emscripten 3.1.6: no exceptions anywhere, memory grows on demand, and the
  # JS optimizer needs acorn, which Debian ships outside Node's default path.
  # Emscripten 3.1.6's libc++ only has <experimental/coroutine>; clang 14
  # warns about it at every coroutine (see runtime/include/skirmish/rt/coro.hpp).
  target_compile_options(skirmish_options INTERFACE -fno-exceptions -Wno-deprecated-experimental-coroutine)
  target_link_options(skirmish_options INTERFACE -fno-exceptions -sALLOW_MEMORY_GROWTH=1)
  # The emitted loaders are CommonJS; the workspace's package.json says
  # "type": "module", so the build folder gets a package.json of its own.
  file(WRITE ${CMAKE_BINARY_DIR}/package.json "{ \"type\": \"commonjs\" }\n")
  set(CMAKE_CXX_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs CACHE STRING "" FORCE)
elseif(SKIRMISH_SANITIZE)
  target_compile_options(skirmish_options INTERFACE -fsanitize=${SKIRMISH_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(skirmish_options INTERFACE -fsanitize=${SKIRMISH_SANITIZE})
endif()

if(SKIRMISH_FUZZ)
  # libFuzzer's coverage hooks in every object; only the fuzz targets link its
  # main (-fsanitize=fuzzer, in tests/fuzz), so libraries stay ordinary.
  target_compile_options(skirmish_options INTERFACE -fsanitize=fuzzer-no-link)
endif()
