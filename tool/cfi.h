/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The frame state at one instruction: the one representation every witness
 * is normalised to, fpv's own analysis (check.c), DWARF CFI (dwarf.c) and
 * SFrame (sframe.c).  witness.c asks each for it, xcheck.c compares these
 * values, orc_enc.c encodes them.  The state holds *before* the
 * instruction executes (the DWARF row convention).
 *
 * All offsets are relative to the CFA, the value SP had at the call site
 * (on AArch64, SP at function entry).  Alongside the CFA rule the state keeps
 * the relations that are known at this point (SP = CFA + sp_off,
 * x29 = CFA + fp_val), so two witnesses that spell the CFA differently
 * (sp+32 versus x29+16) can be compared by value.
 *
 * States are values; the analysis shares them by hash-consing
 * (cfi_hash_find_or_add), so an instruction costs one pointer and comparing
 * two states is a pointer comparison.
 */
#ifndef FPV_CFI_H
#define FPV_CFI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum cfi_base {
	CFA_UNDEF,		/* cannot compute the CFA here */
	CFA_SP,			/* CFA = SP + cfa_off */
	CFA_FP,			/* CFA = x29 + cfa_off */
	CFA_REG,		/* CFA = x<cfa_reg> + cfa_off: a witness rule on another
				 * register (GCC's stack-clash probe loop uses x12/x9) */
	CFA_PTR,		/* CFA = the value saved at P + pr_cfa (fpv's analysis
				 * only; see pr_known) */
};

enum cfi_where {
	REG_SAME,		/* still holds the caller's value (in the register) */
	REG_SAVED,		/* caller's value saved at CFA + off */
	REG_UNDEF,		/* caller's value lost / not described */
	REG_SAVED_PTR,		/* caller's value saved at P + pr_fp (x29) or P + pr_ra
				 * (x30) (fpv's analysis only; see pr_known) */
};

/* pr_has: what the function saved at P */
#define PR_FP	1u		/* the caller's x29, at P + pr_fp */
#define PR_RA	2u		/* the caller's x30, at P + pr_ra */
#define PR_CFA	4u		/* the CFA (SP at entry), at P + pr_cfa */

struct cfi_state {
	uint8_t cfa_base;	/* enum cfi_base: the rule the witness uses */
	int32_t cfa_off;

	uint8_t fp_where;	/* enum cfi_where: where the caller's x29 is */
	int32_t fp_off;		/* if REG_SAVED: at CFA + fp_off */
	uint8_t ra_where;	/* enum cfi_where: where the return address is */
	int32_t ra_off;		/* if REG_SAVED: at CFA + ra_off */

	bool sp_known;		/* SP = CFA + sp_off */
	int32_t sp_off;
	bool fp_val_known;	/* x29 = CFA + fp_val (x29 holds an address in this frame) */
	int32_t fp_val;

	bool fp_is_frame;	/* x29 points at this function's frame record {x29, x30} */
	bool fp_link;		/* x29 = CFA + fp_val points at a record {this function's
				 * frame record, a return address into this function}
				 * that links to it, for one call (Go's call of
				 * runtime.duffzero/duffcopy); fp_is_frame is false */
	bool ra_signed;		/* x30 (wherever it is) is PAC-signed */
	bool unknown;		/* the state could not be tracked (e.g. mov sp, x8) */
	uint8_t cfa_reg;	/* CFA_REG only: the base register (0..30) */
	int16_t sp_vl;		/* SVE: when non-zero, sp_known is false and
				 * SP = CFA + sp_off + sp_vl * (VL / 16) bytes, VL the
				 * vector length (addvl sp, sp, #-1 gives sp_vl -= 16) */
	int16_t cfa_vl;		/* SVE: when non-zero, the CFA rule and every
				 * CFA-relative offset above are relative to
				 * R = CFA + cfa_vl * (VL / 16) instead of the CFA (GCC
				 * puts its SVE save area between the CFA and the frame
				 * record).  A witness that cannot express a
				 * VL-dependent CFA treats the CFA as undefined. */
	bool fp_zero;		/* x29 = 0: the frame chain ends here, the
				 * outermost frame (AAPCS64 6.2.3; glibc's _start does
				 * mov x29, #0 before its first call) */
	bool xr_known;		/* x<xr_reg> = CFA + xr_val: a scratch
				 * register set from SP or x29 ("mov x9, sp",
				 * "sub x12, sp, #N"), forgotten at any other write.
				 * GCC's stack-clash probe loop moves SP relative to it;
				 * when the CFA is CFA_REG, xr_reg is cfa_reg. */
	uint8_t xr_reg;		/* 0..28 */
	int32_t xr_val;
	bool ra_in_reg;		/* REG_SAVED: x30 still holds the return address too,
				 * within the run of saves that stored it (check.c
				 * saves_only()) */
	bool ra_copy;		/* REG_SAVED: the return address is also at CFA +
				 * ra_copy_off, x30 stored again while it held it
				 * (GHC's StgRun saves x30 with the callee-saved
				 * registers, then in its frame record) */
	int32_t ra_copy_off;
	bool pr_known;		/* x<pr_reg> = P, memory outside this frame (the
				 * caller provides it) where the function saved the
				 * caller's registers or the CFA: libffi's ffi_call_SYSV
				 * "stp x29, x30, [x1] ; mov x9, sp ; str x9, [x1, #32] ;
				 * mov x29, x1 ; mov sp, x0".  With x29 = P the frame
				 * record is at x29 but the CFA is not x29 + k. */
	uint8_t pr_reg;		/* 0..29 */
	uint8_t pr_has;		/* PR_* */
	int16_t pr_fp, pr_ra, pr_cfa;	/* offsets from P */
};

/* The state at function entry: CFA = SP, x29/x30 unchanged, SP = CFA. */
void cfi_init_entry(struct cfi_state *s);

/* Hash-consing: returns a shared, immutable copy equal to *s. */
const struct cfi_state *cfi_hash_find_or_add(const struct cfi_state *s);
void cfi_hash_free(void);
/* Number of distinct states interned so far (statistics). */
size_t cfi_hash_count(void);

/* Exact equality of all fields that matter (padding ignored). */
bool cfi_equal(const struct cfi_state *a, const struct cfi_state *b);

/*
 * Text form used by dump, explain, xcheck and golden tests, e.g.
 * "cfa:sp+32 fp:cfa-32 ra:cfa-24 fprec pac" or "unknown".
 * Returns buf.
 */
const char *cfi_format(const struct cfi_state *s, char *buf, unsigned size);

#endif
