/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Comparing witnesses of the frame state (fpv's analysis, DWARF CFI,
 * SFrame) at one instruction, shared by `fpv xcheck`, `fpv explain` and
 * `fpv orc --from=...`.  The comparison is by value: two states agree when,
 * under the relations known at the instruction, they give the same CFA value
 * and the same locations for x29 and x30 and the same signing state,
 * whatever register they spell the CFA with.  A witness's CFA rule is a
 * spelling; the address it yields is what an unwinder uses.
 */
#ifndef FPV_XCHECK_H
#define FPV_XCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cfi.h"

struct wit_file;

/* One class per instruction and witness: the first difference found. */
#define XCHECK_CLASSES(C) \
	C(AGREE,          "agree") \
	C(FPV_UNKNOWN,    "fpv-unknown")	/* fpv unknown, witness defined */ \
	C(CFA_BASE,       "cfa-base")		/* CFA on registers whose relation is unknown */ \
	C(CFA_OFFSET,     "cfa-offset")		/* different CFA values */ \
	C(CFA_STALE_FP,   "cfa-stale-fp")	/* witness: CFA = x29 + n, but fpv has */ \
						/* x29 already reloaded with the caller's */ \
	C(FP_SLOT,        "fp-slot")		/* caller's x29 in different places */ \
	C(RA_SLOT,        "ra-slot")		/* return address in different places */ \
	C(RA_SIGNING,     "ra-signing")		/* PAC state differs */ \
	C(FP_RESTORED,    "fp-restored")	/* fpv: x29 reloaded; witness: still at its */ \
						/* slot, which still holds it (both right) */ \
	C(RA_RESTORED,    "ra-restored")	/* the same for x30 */ \
	C(FP_IN_REG,      "fp-in-reg")		/* fpv: x29 saved; witness: still in x29, */ \
						/* which fpv knows is unchanged (both right) */ \
	C(RA_IN_REG,      "ra-in-reg")		/* fpv: x30 saved; witness: still in x30 */ \
	C(OUTERMOST,      "outermost")		/* both mark the outermost frame (_start): */ \
						/* fpv x29 = 0, DWARF's x30 undefined (both right) */ \
	C(SFRAME_CFA_REG, "sframe-cfa-reg")	/* SFrame row for a DWARF CFA on x9/x12...: */ \
						/* gas 2.40 wrote it as SP-based */ \
	C(SFRAME_FP_AS_RA, "sframe-fp-as-ra")	/* DWARF: only x29 saved; SFrame's row reads */ \
						/* as "x30 saved there" (gas 2.40) */ \
	C(SFRAME_DWARF,   "sframe-dwarf")	/* SFrame differs from the DWARF gas made it */ \
						/* from (e.g. a stale row after restore_state) */ \
	C(NO_WITNESS,     "no-witness")		/* fpv analysed code the witness does not cover */ \
	C(WITNESS_UNDEF,  "witness-undef")	/* covered, but the witness's CFA is an expression */

enum xcheck_class {
#define XC_ENUM(id, name) XC_##id,
	XCHECK_CLASSES(XC_ENUM)
#undef XC_ENUM
	XC_NR_CLASSES
};

const char *xcheck_class_name(enum xcheck_class c);

/*
 * The counts of `fpv xcheck` for one witness over a function, a file or a
 * run (xcheck_cmd.c says what each counts).
 */
struct wit_stats {
	bool present;
	uint64_t compared, agree, disagree, uncovered;
	uint64_t unreached;		/* covered by the witness, not reached by fpv */
	uint64_t dead;			/* as unreached, but code no execution reaches */
	uint64_t classes[XC_NR_CLASSES];
};

/* t += s, count by count. */
void wit_stats_add(struct wit_stats *t, const struct wit_stats *s);


/* Compare fpv's state with a witness's (both non-NULL). */
enum xcheck_class xcheck_compare(const struct cfi_state *fpv, const struct cfi_state *wit);

/*
 * Refine an fp-slot/ra-slot difference: fpv says the register holds the
 * caller's value again, the witness still points at the save slot, and fpv
 * had that same slot at fp_saved/ra_saved (the last offset where it said
 * SAVED in this function, INT32_MIN if none): the register was reloaded from
 * the slot and the slot has not been reused yet, so both give the right
 * value.  GCC's epilogue CFI restores x29/x30 only at the final SP
 * adjustment, so this is its common epilogue window.
 *
 * The mirror case in prologues: fpv has x29/x30 stored, the witness
 * describes the store one or more instructions later (clang puts the CFI
 * for the stp after "mov x29, sp") and still says "same value".  For x29
 * that is right while fpv says x29 has not been changed (no known value, no
 * frame record): fp-in-reg.  For x30, right until the next call: ra-in-reg.
 */
enum xcheck_class xcheck_refine(enum xcheck_class c, const struct cfi_state *fpv,
				const struct cfi_state *wit, int32_t fp_saved, int32_t ra_saved);

/*
 * SFrame against DWARF, which gas translates from the same CFI directives:
 * XC_SFRAME_CFA_REG where DWARF puts the CFA on a register SFrame cannot
 * express and the SFrame row claims SP or x29 instead; XC_SFRAME_FP_AS_RA
 * where DWARF saves x29 but not x30 and the SFrame row, read as the format
 * says (CFA, RA, FP offsets), has x30 at x29's slot; XC_SFRAME_DWARF for any
 * other difference; else XC_AGREE.  xcheck reports sframe-cfa-reg always,
 * the other two where SFrame also disagrees with fpv.
 */
enum xcheck_class xcheck_sframe_vs_dwarf(const struct cfi_state *sframe,
					 const struct cfi_state *dwarf);

/* Whether both sides are right in class c (agree, *-restored, *-in-reg). */
bool xcheck_benign(enum xcheck_class c);

/*
 * The class of an SFrame state s that compared as c with fpv, given the
 * DWARF state d at the same instruction (NULL: none): the SFrame-specific
 * cause when there is one (see xcheck_sframe_vs_dwarf), else c.
 */
enum xcheck_class xcheck_sframe_class(enum xcheck_class c, const struct cfi_state *s,
				      const struct cfi_state *d);

/*
 * xcheck_orc.c: compare witness from, the one ORC is built from, with the
 * other two at every instruction fpv analysed, and print one warning line
 * per witness that disagrees (classes, first site) on stderr:
 * "FILE: warning: fpv: orc --from=dwarf: analysis disagrees at N of M
 * instructions (...)".  Returns the number of disagreeing comparisons.
 */
long xcheck_orc_crosscheck(struct wit_file *wf, unsigned from);

#endif
