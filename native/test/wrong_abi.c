/*
 * A library that claims another ABI than the loader's: H4_CLAIMED_ABI, 99 (a future one) unless the Makefile
 * says otherwise (3, the ABI before h4_filter_apply and _undo; 4, the ABI before the dictionaries; 5, the ABI
 * whose training did not order the samples as `zstd --train`; 6, the ABI before h4_compress_dict_verified; 7, the
 * ABI before h4_decompress_dict_unchecked). A loader built for ABI 8 must refuse them all.
 */
#include "h4core.h"

#ifndef H4_CLAIMED_ABI
#  define H4_CLAIMED_ABI 99
#endif
#define H4_STR(x) #x
#define H4_XSTR(x) H4_STR(x)

H4_API uint32_t h4_abi_version(void) { return H4_CLAIMED_ABI; }
H4_API const char *h4_info(void) {
    return "{\"id\":\"h4-core\",\"version\":\"1.0.0\",\"abi\":" H4_XSTR(H4_CLAIMED_ABI) "}";
}
