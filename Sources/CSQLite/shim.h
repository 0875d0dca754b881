#ifndef CASELOAD_CSQLITE_SHIM_H
#define CASELOAD_CSQLITE_SHIM_H

#include <sqlite3.h>

// sqlite3_db_config is variadic, which Swift cannot call: wrap the integer-flag form.
static inline int caseload_db_config_flag(sqlite3 *db, int op, int value) {
    int current = 0;
    return sqlite3_db_config(db, op, value, &current);
}

// SQLITE_TRANSIENT is a cast macro Swift does not import.
static inline sqlite3_destructor_type caseload_transient(void) {
    return SQLITE_TRANSIENT;
}

#endif
