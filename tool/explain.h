/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The `fpv explain` view of one function: per instruction, its text and the
 * frame state from each witness (fpv's analysis, DWARF CFI, SFrame), with
 * the xcheck class of each witness that disagrees with fpv.  explain.c
 * prints it as text; html.c writes it as a table of `fpv xcheck --html`.
 */
#ifndef FPV_EXPLAIN_H
#define FPV_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "witness.h"
#include "xcheck.h"

#define EXPLAIN_STATE_TEXT 128

struct explain_row {
	size_t i;				/* instruction index in the function */
	uint64_t off;				/* its offset in the function's section */
	char text[64];				/* the instruction, or ".word 0x..." for data */
	const struct cfi_state *fpv;		/* NULL: not reached */
	const struct cfi_state *w[WIT_NR];	/* NULL: not covered */
	char fb[EXPLAIN_STATE_TEXT];		/* cfi_format() of each, "-" for NULL */
	char wb[WIT_NR][EXPLAIN_STATE_TEXT];
	enum xcheck_class cls[WIT_NR];		/* XC_AGREE: agrees, or nothing to compare */
};

typedef void explain_row_fn(void *ctx, const struct explain_row *row);

/*
 * Call fn for each instruction of f in order; returns the number of
 * disagreements marked (rows times witnesses whose class is not XC_AGREE).
 */
unsigned explain_walk(struct wit_file *wf, const struct cfg_func *f, explain_row_fn *fn,
		      void *ctx);

#endif
