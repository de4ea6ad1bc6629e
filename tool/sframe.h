/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SFrame as a witness: the .sframe section that `as --gsframe` (binutils
 * 2.40: SFrame version 1) writes, read with libsframe and normalised per
 * instruction to struct cfi_state (tool/cfi.h): CFA base (SP or x29) and
 * offset, where x29 and x30 are saved, and the mangled-RA (PAC) flag.
 *
 * SFrame can only express an SP- or FP-based CFA.  gas 2.40 does not check
 * this: a .cfi_def_cfa on any other register (GCC's stack-clash probe loops
 * use x12, kernel and libc assembly x9) is written as an SP-based row with
 * the same offset.  Such rows are wrong and look right; xcheck finds them
 * by comparing with DWARF (class sframe-cfa-reg).
 */
#ifndef FPV_SFRAME_H
#define FPV_SFRAME_H

#include <stddef.h>
#include <stdint.h>

#include "cfi.h"
#include "elf_file.h"

struct sframe_wit;

/*
 * Open .sframe.  Returns 0 with *out set, 0 with *out NULL when the file
 * has none, or a negative value after printing "fpv: FILE: problem"
 * (corrupt section, unsupported version or ABI).
 */
int sframe_wit_open(struct elf_file *file, struct sframe_wit **out);
void sframe_wit_close(struct sframe_wit *w);

/* Same contract as dwarf_cfi_states(). */
long sframe_wit_states(struct sframe_wit *w, const struct section *sec, uint64_t off,
		       size_t n, struct cfi_state *out, uint8_t *covered);

/* Counts for reports: functions (FDEs) and rows (FREs) read. */
void sframe_wit_counts(const struct sframe_wit *w, size_t *nr_fdes, size_t *nr_fres);

#endif
