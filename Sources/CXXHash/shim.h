// xxHash (Debian package libxxhash-dev): XXH3 64- and 128-bit hashes. XXH_INLINE_ALL compiles the
// library's own header-only implementation into the caller (its functions are renamed static inline
// ones), so the hot loop pays no call through the shared library for each short value; these two
// wrappers give Swift stable names for them.
#define XXH_INLINE_ALL
#include <xxhash.h>

static inline XXH64_hash_t dataquality_xxh3_64(const void *data, size_t length) {
    return XXH3_64bits(data, length);
}

static inline XXH128_hash_t dataquality_xxh3_128(const void *data, size_t length) {
    return XXH3_128bits(data, length);
}
