// libzstd (Debian package libzstd-dev), for zstd-compressed input.
#include <zstd.h>
#include <zstd_errors.h>
