/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The JSON output shared by `fpv check --json` and `fpv xcheck --json`:
 * strings are quoted with '"' and '\' escaped and control characters as
 * \uXXXX, so names from hostile files cannot break the document.
 */
#ifndef FPV_JSON_H
#define FPV_JSON_H

/* Print s to stdout as a JSON string literal. */
void json_str(const char *s);

#endif
