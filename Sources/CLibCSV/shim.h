// libcsv (Debian package libcsv-dev) installs csv.h and libcsv.so but no pkg-config file.
#include <csv.h>
