/*
 * version.h - the version both programs print (-V, --version) and the
 * man pages name.  Not for: format versions (each file format has its own).
 */
#ifndef BYL_VERSION_H
#define BYL_VERSION_H

#define BYL_VERSION "0.3"

#endif
