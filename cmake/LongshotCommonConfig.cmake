# One INTERFACE target carries the language level, the Qt strictness macros and
# the warning set; every target links it PRIVATE so nothing leaks to consumers.
add_library(longshot_common_cfg INTERFACE)
target_compile_features(longshot_common_cfg INTERFACE cxx_std_20)
target_compile_definitions(longshot_common_cfg INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CAST_FROM_BYTEARRAY
  QT_NO_CONTEXTLESS_CONNECT
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_USE_QSTRINGBUILDER
  LONGSHOT_VERSION="${PROJECT_VERSION}")
target_compile_options(longshot_common_cfg INTERFACE -Wall -Wextra -Wpedantic)
option(LONGSHOT_WERROR "Treat warnings as errors (on in CI)" OFF)
if(LONGSHOT_WERROR)
  # maybe-uninitialized depends on the optimiser's inlining and misfires on std::optional;
  # it stays a warning so it is seen, without deciding whether a build passes.
  target_compile_options(longshot_common_cfg INTERFACE -Werror -Wno-error=maybe-uninitialized)
endif()

set(LONGSHOT_SANITIZE "" CACHE STRING "Sanitizer build: '', 'address' (ASan+UBSan) or 'thread'")
if(LONGSHOT_SANITIZE STREQUAL "address")
  target_compile_options(longshot_common_cfg INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(longshot_common_cfg INTERFACE -fsanitize=address,undefined)
elseif(LONGSHOT_SANITIZE STREQUAL "thread")
  target_compile_options(longshot_common_cfg INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(longshot_common_cfg INTERFACE -fsanitize=thread)
endif()
