/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The frame-state analysis as a library for the other subcommands: `fpv
 * check` prints its findings, `fpv orc` encodes its states, `fpv xcheck` and
 * `fpv explain` compare them with DWARF and SFrame.  check_file() analyses
 * every function of a file; afterwards each function has one state pointer
 * per 4-byte word (NULL where nothing was reached: data, padding, dead code),
 * valid until check_free().  States are interned (cfi_hash_find_or_add), so
 * comparing two is comparing pointers.
 *
 *	struct check_result res;
 *	struct cfg_func *f;
 *	uint64_t off;
 *	const struct cfi_state *st;
 *
 *	if (check_file(elf, &opts, &res) < 0) ...
 *	for_each_check_func(&res, f)
 *		func_for_each_state(f, off, st)
 *			if (st) ... state before the instruction at f->sec + off ...
 *	check_free(&res);
 */
#ifndef FPV_CHECK_H
#define FPV_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cfg.h"
#include "cfi.h"
#include "elf_file.h"
#include "warn.h"

enum check_func_status {
	FUNC_NOT_ANALYZED,	/* not reached by the analysis (e.g. a cold split nobody enters) */
	FUNC_OK,		/* analysed, no finding */
	FUNC_WARNED,		/* analysed, one finding (the first on its paths) */
};

/*
 * Which rule a call must satisfy.  CHECK_FP is the kernel's: every call is
 * made with x29 pointing at the caller's frame record.  CHECK_NO_FP is for
 * code built without frame pointers: a call needs x30 saved, and x29 is an
 * ordinary register.  CHECK_AUTO (the default) applies CHECK_FP to a file
 * that keeps frame records, where a function without one gets one finding,
 * and CHECK_NO_FP to a file where more functions call without a frame
 * record than with one, which gets one finding saying so.
 */
enum check_mode { CHECK_AUTO, CHECK_FP, CHECK_NO_FP };

struct check_opts {
	uint8_t mode;		/* enum check_mode */
	bool backtrace;		/* record the path to each finding */
};

#define CHECK_MAX_PATH 32
#define CHECK_STATE_TEXT 128		/* one state in cfi_format()'s text form */
#define CHECK_TEXT (2 * CHECK_STATE_TEXT + 64)

struct check_finding {
	struct cfg_func *func;
	uint64_t off;			/* in func->sec */
	enum fpv_warning id;
	char text[CHECK_TEXT];
	bool hand_written;		/* in hand-written code without CFI: a note (check_cmd.c) */
	uint32_t nr_path;		/* --backtrace: branch points from the entry, oldest first */
	uint64_t path[CHECK_MAX_PATH];	/* offsets in func->sec of the branches taken */
	uint64_t path_to[CHECK_MAX_PATH];	/* where each branch went */
};

struct check_result {
	struct elf_file *elf;
	struct cfg_file cfg;		/* functions, with their states */
	struct check_finding *findings;
	size_t nr_findings;
	uint64_t nr_insns;		/* instructions reached by the analysis */
	uint64_t nr_words;		/* words inside functions */
	bool no_fp;			/* analysed with CHECK_NO_FP's rule (chosen or detected) */
	size_t nr_calls_fp, nr_calls_no_fp;	/* functions that call with / without
						 * a frame record (CHECK_AUTO's decision) */
	const struct cfi_state **pool;	/* backing store of every f->states */
	uint8_t *dead;			/* backing store of every f->dead */
};

/*
 * Analyse every function of elf.  Returns the number of findings (>= 0) or a
 * negative value on a tool failure (message printed).  res must be released
 * with check_free() in both cases.
 */
int check_file(struct elf_file *elf, const struct check_opts *opts, struct check_result *res);
void check_free(struct check_result *res);

/* The state before the instruction at off in sec, or NULL. */
const struct cfi_state *check_state_at(const struct check_result *res,
				       const struct section *sec, uint64_t off);

/* Text of a warning id ("CALL_NO_FRAME") and its documented form. */
const char *check_warning_name(enum fpv_warning id);
const char *check_warning_doc(enum fpv_warning id);

#define for_each_check_func(res, f) \
	for ((f) = (res)->cfg.funcs; (f) < (res)->cfg.funcs + (res)->cfg.nr_funcs; (f)++)

/* off runs over the function's words; st is the state there (may be NULL). */
#define func_for_each_state(f, off, st) \
	for ((off) = (f)->start; \
	     (off) < (f)->end && (((st) = (f)->states ? (f)->states[((off) - (f)->start) / 4] : NULL), 1); \
	     (off) += 4)

#endif
