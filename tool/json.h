/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The JSON output shared by `fpv check --json` and `fpv xcheck --json`:
 * strings are quoted with '"' and '\' escaped and control characters as
 * \uXXXX, so names from hostile files cannot break the document.
 */
#ifndef FPV_JSON_H
#define FPV_JSON_H

/*
 * The schema of fpv's JSON documents.  Raised when a member is removed or
 * changes meaning; new members do not raise it (readers ignore members
 * they do not know).
 */
#define JSON_SCHEMA_VERSION 3

/* Print s to stdout as a JSON string literal. */
void json_str(const char *s);

/* Print the members that open every document, each followed by a comma:
 * "fpv_version":"X.Y.Z","schema_version":N, */
void json_version_members(void);

#endif
