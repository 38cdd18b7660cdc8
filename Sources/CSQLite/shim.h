// The system SQLite (Debian package libsqlite3-dev), for the metrics history.
#include <sqlite3.h>
