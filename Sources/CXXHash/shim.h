// xxHash (Debian package libxxhash-dev): XXH3 64- and 128-bit hashes.
#include <xxhash.h>
