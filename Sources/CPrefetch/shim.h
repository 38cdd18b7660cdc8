// A hint to the processor to start loading the cache line holding `address` (GCC and Clang's
// __builtin_prefetch, for writing, kept in all cache levels). It changes no result: the hot loop issues it
// for every field's hash-table slot before looking any of them up, so the cache misses overlap.
static inline void dataquality_prefetch(const void *address) {
    __builtin_prefetch(address, 1, 3);
}
