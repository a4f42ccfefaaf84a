// libebur128 imports cleanly; this header exists so the module map has one place to point.
#ifndef TERMCUT_CEBUR128_SHIM_H
#define TERMCUT_CEBUR128_SHIM_H
#include <ebur128.h>
#endif
