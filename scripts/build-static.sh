#!/usr/bin/env bash
# make static: builds .build-static/release/dqcli, a dqcli that an executor without a Swift toolchain, libcsv,
# libxxhash, libsqlite3, zlib or libzstd can run. Linked in: the Swift standard library and runtime, Foundation (with
# its ICU data), Dispatch, libcsv, libxxhash, libsqlite3, zlib, libzstd and libstdc++. Left dynamic: glibc (libc.so.6,
# libm.so.6, ld-linux-*.so.2) and libgcc_s.so.1, which every glibc system has; the script fails if ldd shows anything
# else.
#
# How: `swift build -c release --static-swift-stdlib` links the Swift libraries statically. The module maps of CLibCSV,
# CXXHash, CSQLite, CZlib and CZstd ask the linker for -lcsv, -lxxhash, -lsqlite3, -lz and -lzstd by name, and the
# linker takes, in the first folder of its search path holding either, the shared library before the archive. So this
# script makes a folder (.build-static/link) holding only the archives (and libstdc++.a), and a pkg-config file for
# xxhash, read through --pkg-config-path, whose -L puts that folder first in the search path.
set -euo pipefail
cd "$(dirname "$0")/.."
link_folder=.build-static/link
mkdir -p "$link_folder"
for library in csv xxhash sqlite3 z zstd stdc++; do
    archive=$(gcc -print-file-name="lib$library.a")
    if [ ! -f "$archive" ]; then
        echo "build-static: lib$library.a not found (libcsv-dev, libxxhash-dev, libsqlite3-dev, zlib1g-dev, libzstd-dev and libstdc++-12-dev ship them)" >&2
        exit 1
    fi
    ln -sf "$(realpath "$archive")" "$link_folder/lib$library.a"
done
cat > "$link_folder/libxxhash.pc" <<'EOF'
Name: xxhash
Description: xxHash from its static archive (scripts/build-static.sh)
Version: 0.8
Libs: -L${pcfiledir} -lxxhash
Cflags:
EOF
# --strip-debug keeps the symbol table (function names in crash backtraces) and drops the DWARF: about 73 MB, not 83 MB.
swift build -c release --static-swift-stdlib --scratch-path .build-static --pkg-config-path "$link_folder" \
    -Xlinker --strip-debug
binary=.build-static/release/dqcli
unexpected=$(ldd "$binary" | awk '{print $1}' | grep -Ev '^(linux-vdso\.so\.1|libc\.so\.6|libm\.so\.6|libgcc_s\.so\.1|/lib(64)?/ld-linux[-a-z0-9_.]*\.so\.[0-9])$' || true)
if [ -n "$unexpected" ]; then
    echo "build-static: $binary still needs shared libraries beyond glibc and libgcc_s:" $unexpected >&2
    exit 1
fi
echo "build-static: $binary ($(du -m "$binary" | cut -f1) MB) needs only:" $(ldd "$binary" | awk '{print $1}' | grep -v vdso) >&2
