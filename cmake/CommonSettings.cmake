# Shared compile settings live on one INTERFACE target that every project target links,
# so nothing depends on global flags.
add_library(atlas_settings INTERFACE)
target_compile_features(atlas_settings INTERFACE cxx_std_23)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_options(atlas_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  -Wno-missing-field-initializers
  $<$<BOOL:${ATLAS_WERROR}>:-Werror>)
target_compile_definitions(atlas_settings INTERFACE
  QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
  QT_NO_CAST_FROM_BYTEARRAY QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_USE_QSTRINGBUILDER
  QT_NO_FOREACH QT_NO_KEYWORDS
  ATLAS_VERSION="${PROJECT_VERSION}")

option(ATLAS_WERROR "Treat warnings as errors" OFF)
option(ATLAS_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(ATLAS_SANITIZE)
  target_compile_options(atlas_settings INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(atlas_settings INTERFACE -fsanitize=address,undefined)
endif()

# jemalloc: imports allocate and free millions of small strings across two threads, where
# glibc's allocator costs a quarter of the time (docs/performance.md). Not with the sanitizers,
# which bring their own allocator.
option(ATLAS_JEMALLOC "Link jemalloc as the allocator (release builds)" ON)
if(ATLAS_JEMALLOC AND NOT ATLAS_SANITIZE)
  find_library(ATLAS_JEMALLOC_LIBRARY NAMES jemalloc REQUIRED)
  target_link_libraries(atlas_settings INTERFACE ${ATLAS_JEMALLOC_LIBRARY})
endif()
