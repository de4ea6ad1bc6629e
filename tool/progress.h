/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A progress line on stderr for long runs (a whole vmlinux, many files):
 *
 *	fpv: xcheck vmlinux: analysing 41% (12345/30000 functions)
 *	fpv: xcheck 12/360 files, foo.o: comparing 41% (12/30 functions)
 *
 * rewritten in place with '\r' at most ten times a second, and erased when
 * the run ends or before anything else is printed.  It is drawn only when
 * stderr is a terminal: a file or a pipe never gets it.
 */
#ifndef FPV_PROGRESS_H
#define FPV_PROGRESS_H

#include <stddef.h>

/* Start a run of command cmd ("check", "xcheck") over nfiles files. */
void progress_begin(const char *cmd, int nfiles);

/* File i (0-based) of the run, named path, is being read. */
void progress_file(int i, const char *path);

/* done of total functions of the current file are through step what. */
void progress_funcs(const char *what, size_t done, size_t total);

/* Erase the line if it is shown; call before printing to stdout or stderr. */
void progress_clear(void);

/* The run is over: erase the line, draw no more. */
void progress_end(void);

#endif
