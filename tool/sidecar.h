/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sidecar tables (sidecar.c): an executable's or shared library's ORC tables
 * in DIR/.build-id/NN/REST.fpv, keyed by its GNU build-id, for files that
 * must stay byte-identical.  The format is in docs/orc-format.md.
 */
#ifndef FPV_SIDECAR_H
#define FPV_SIDECAR_H

#include <stddef.h>

struct elf_file;

#define SIDECAR_MAX_SECS	4

struct sidecar_sec {
	const char *name;
	const void *data;
	size_t size;
};

/* elf's GNU build-id, which keys its sidecar: 0, or -1 after printing why
 * there is none usable. */
int sidecar_build_id(struct elf_file *elf, const uint8_t **id, size_t *len);

/* Write elf's sidecar under dir (created if missing), replacing any earlier
 * one atomically.  0, or -1 after printing the cause. */
int sidecar_write(struct elf_file *elf, const char *dir, const struct sidecar_sec *secs, size_t n);

/* Read elf's sidecar from dir, check its build-id against elf's and attach
 * its tables (elf_find_section() then finds them).  0, or -1 after printing
 * one line: missing, malformed, or for another build. */
int sidecar_attach(struct elf_file *elf, const char *dir);

#endif
