/*
 * version.h - the version both programs print (-V, --version) and the
 * man pages name: the library's, from the public header, so that there is
 * one.  Not for: format versions (each file format has its own).
 */
#ifndef BYL_VERSION_H
#define BYL_VERSION_H

#include "byline.h"

#define BYL_VERSION BYLINE_VERSION

#endif
