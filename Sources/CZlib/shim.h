// zlib (Debian package zlib1g-dev), for gzip-compressed input.
#include <zlib.h>
