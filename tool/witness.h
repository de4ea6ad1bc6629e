/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One run over one file: the ELF file, fpv's analysis of it, and the
 * compilers' witnesses it carries (DWARF CFI, SFrame), opened once and
 * asked the same way, as objtool's struct objtool_file carries one run.
 * `fpv xcheck`, `fpv explain` and `fpv orc` all go through it:
 *
 *	struct wit_file wf;
 *	const struct cfg_func *f;
 *
 *	if (wit_file_open(&wf, path, 0) < 0 || wit_file_load(&wf, DWARF_ANY, &opts) < 0) ...
 *	wit_for_each_func(&wf, f)
 *		... wit_state(&wf, WIT_DWARF, f->sec, off) ...
 *	wit_file_close(&wf);
 *
 * A compiler witness's states are computed a block of instructions at a
 * time and kept until a state outside the block is asked for, so a walk in
 * address order computes each once.
 */
#ifndef FPV_WITNESS_H
#define FPV_WITNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "check.h"
#include "dwarf_cfi.h"
#include "sframe.h"

/* The compilers' witnesses (WIT_NR of them), then fpv's analysis. */
enum wit_id {
	WIT_DWARF,
	WIT_SFRAME,
	WIT_NR,
	WIT_ANALYSIS = WIT_NR,
	WIT_ALL,
};

/* "dwarf", "sframe", "analysis": the names of --from= and of reports. */
extern const char *const wit_name[WIT_ALL];

/* Index in wit_name of name, or -1. */
int wit_by_name(const char *name);

struct wit_block {
	const struct section *sec;	/* NULL: empty */
	uint64_t off;			/* the first instruction's offset in sec */
	size_t n;
	struct cfi_state *st;
	uint8_t *cov;
};

struct wit_file {
	struct elf_file *elf;
	struct dwarf_cfi *dwarf;	/* NULL: no .eh_frame/.debug_frame */
	struct sframe_wit *sframe;	/* NULL: no .sframe */
	struct check_result res;	/* fpv's analysis: every function and its states */
	struct wit_block block[WIT_NR];
};

/*
 * Open path with elf_open_flags(); 0, or -1 after printing
 * "fpv: FILE: problem".  wf->elf is then usable; nothing else is loaded.
 */
int wit_file_open(struct wit_file *wf, const char *path, unsigned elf_flags);

/*
 * Open the compilers' witnesses (which: the DWARF section to read) and run
 * the analysis once.  0, or -1 after printing "fpv: FILE: problem".
 */
int wit_file_load(struct wit_file *wf, enum dwarf_which which, const struct check_opts *opts);

void wit_file_close(struct wit_file *wf);

/* Whether the file carries witness w (the analysis always is). */
bool wit_present(const struct wit_file *wf, unsigned w);

/*
 * What witness w says before the instruction at off in text section sec:
 * NULL where it does not cover the instruction (no FDE; for the analysis:
 * not reached), else its state, whose cfa_base is CFA_UNDEF where a DWARF
 * CFA is an expression.  xcheck counts that apart (witness-undef).
 */
const struct cfi_state *wit_row(struct wit_file *wf, unsigned w, const struct section *sec,
				uint64_t off);

/*
 * The state ORC is built from and compared with: wit_row(), and NULL too
 * where a compiler witness's CFA is undefined, for DWARF and SFrame alike:
 * the witness says nothing there.  fpv's own undefined states stay (they
 * are what the comparison reports as fpv-unknown).
 */
const struct cfi_state *wit_state(struct wit_file *wf, unsigned w, const struct section *sec,
				  uint64_t off);

/* One witness of a file, for orc_gen_file() (the shape of orc_sec_state_fn). */
struct wit_ref {
	struct wit_file *wf;
	unsigned w;
};
const struct cfi_state *wit_ref_state(void *ref, const struct section *sec, uint64_t off);

#define wit_for_each_func(wf, f) for_each_check_func(&(wf)->res, f)

#endif
