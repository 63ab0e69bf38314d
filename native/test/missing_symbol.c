/* A library of the right ABI version that lacks most of the ABI: a loader must name what is missing. */
#include "h4core.h"

H4_API uint32_t h4_abi_version(void) { return H4_ABI_VERSION; }
H4_API const char *h4_info(void) { return "{\"id\":\"h4-core\",\"version\":\"1.0.0\",\"abi\":3}"; }
