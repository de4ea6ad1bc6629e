/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Tool failures, as opposed to findings (warn.h): the input cannot be read,
 * a table cannot be written, memory ran out.  Each is one line on stderr,
 *   fpv: FILE: CAUSE
 * naming the file it is about and one cause, in the manner of objtool's
 * warn.h.  Each helper returns -1, so that a caller writes
 * `return fpv_error(path, "...")` and the failure reaches the exit status.
 * Names quoted from a file (sections, symbols) may hold any byte: control
 * characters are printed as '?', so that a hostile name can neither split
 * the message into several lines nor send escape sequences to a terminal.
 */
#ifndef FPV_ERROR_H
#define FPV_ERROR_H

/*
 * The file being worked on (elf_open() sets it), named by a failure deep in
 * code that is given no file: the frame-state table, the ORC encoders.
 */
extern const char *fpv_objname;

/* "fpv: FILE: CAUSE"; file NULL: fpv_objname. */
int fpv_error(const char *file, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * "fpv: FILE: note: CAUSE": a part of the file is left out and the rest is
 * read (a table fpv cannot use); not a failure.
 */
void fpv_note(const char *file, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "fpv: FILE: out of memory"; file NULL: fpv_objname. */
int fpv_oom(const char *file);

/* A command line that cannot be followed: "fpv: CMD: CAUSE" (no file is involved). */
int fpv_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
