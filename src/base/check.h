// LIMEN_CHECK: crash loudly on what "can never happen". Untrusted input and the environment are
// handled with Status instead (see base/status.h).
#pragma once

#include <cstdio>
#include <cstdlib>

#define LIMEN_CHECK(condition)                                                                 \
  do {                                                                                         \
    if (!(condition)) {                                                                        \
      std::fprintf(stderr, "%s:%d: LIMEN_CHECK failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                            \
    }                                                                                          \
  } while (0)
