#ifndef ALVH_CLIBPQ_SHIM_H
#define ALVH_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
