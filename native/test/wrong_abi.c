/* A library that claims a future ABI: a loader built for ABI 1 must refuse it. */
#include "h4core.h"

H4_API uint32_t h4_abi_version(void) { return 99; }
H4_API const char *h4_info(void) { return "{\"id\":\"h4-core\",\"version\":\"99.0.0\",\"abi\":99}"; }
