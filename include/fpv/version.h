/* SPDX-License-Identifier: GPL-2.0-or-later OR MIT */
/*
 * The version of fpv: the tool (`fpv --version`, the "fpv_version" member of
 * every --json document), libfpv (its shared-library version, its
 * pkg-config Version) and these headers.  The one place it is written: the
 * Makefile reads FPV_VERSION from this file with sed, so the line keeps the
 * form `#define FPV_VERSION "X.Y.Z"`.
 *
 * X.Y.Z: Z changes for fixes only; Y for new features and for any change of
 * the libfpv ABI or of the table formats while X is 0 (neither is frozen
 * yet); the shared library's soname is libfpv.so.X.Y while X is 0.
 */
#ifndef FPV_VERSION_H
#define FPV_VERSION_H

#define FPV_VERSION "0.4.0"

#endif
