// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The frame-state analysis behind `fpv check`: for every function, follow
 * every path from its entry, compute the frame state before each instruction
 * from the decoder's abstract stack operations, and check the frame rules
 * (docs/warnings.md).  One state per instruction; where two paths meet the
 * states must be equal up to what the analysis deliberately widens (meet()),
 * otherwise that is a finding and the state there becomes unknown (fail
 * safe).  States are interned, so the per-instruction cost is one pointer.
 * Scratch buffers (decoded instructions, path links, the work list) are
 * reused from function to function: no allocation per instruction.
 *
 * Representation choices (documented in docs/warnings.md):
 *  - the CFA is SP-based; it moves to x29 only when SP stops being known
 *    (alloca/VLA "sub sp, sp, xN", SP alignment, Clang's SVE "addvl sp")
 *    while x29 holds a known address of this frame, and back to SP when x29
 *    is written again;
 *  - a scratch register set from SP ("sub x12, sp, #N", "mov x9, sp") is
 *    kept as xN = CFA + k until written (one register; a callee-saved one
 *    is not replaced by a caller-saved one); SP lost without x29 moves the CFA
 *    to it, "mov sp, x9" and the equality edge of "cmp sp, x12 ; b.ne"
 *    give SP back (GCC's stack-clash probe loop);
 *  - at a join that differs only in what is known about SP, with x29 at the
 *    same frame address on both paths (alloca in a loop) or, in a loop, a
 *    scratch register at the same CFA offset, the weaker state wins and is
 *    propagated again (meet()); a dropped scratch relation likewise;
 *  - GCC's SVE save area, allocated before anything is saved, moves the
 *    reference point of every offset (cfa_vl) instead;
 *  - SP changed by an unknown amount with no such x29: the state becomes
 *    "unknown" for the rest of the path (one finding), and no further check
 *    is made on that path.
 * Besides the instructions' own branches, a path also follows the code that
 * boot-time patching may put in place (kernel alternatives, static keys),
 * WARN() continuing after its BRK, jump tables (cfg.c), computed gotos to
 * the labels data points at (cfg_refs.c), cold splits entered with their
 * parent's state, and linker stubs that branch back.  What no path reaches
 * has no state; of that, the code that only the fall-through of a call that
 * never returns or of a trap leads to, padding and speculation barriers
 * are marked dead (mark_dead()), apart from the code fpv failed to follow.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "error.h"
#include "grow.h"
#include "progress.h"

static const char *const warn_fmt[W_NR] = {
#define W_FMT(id, fmt, doc) [W_##id] = fmt,
	FPV_WARNINGS(W_FMT)
#undef W_FMT
};
static const char *const warn_doc[W_NR] = {
#define W_DOC(id, fmt, doc) [W_##id] = doc,
	FPV_WARNINGS(W_DOC)
#undef W_DOC
};
static const char *const warn_name[W_NR] = {
#define W_NAME(id, fmt, doc) [W_##id] = #id,
	FPV_WARNINGS(W_NAME)
#undef W_NAME
};

const char *check_warning_name(enum fpv_warning id) { return warn_name[id]; }
const char *check_warning_doc(enum fpv_warning id) { return warn_doc[id]; }

/* A pending path: start at instruction idx, coming from instruction from. */
struct work {
	uint32_t idx;
	int32_t from;
	const struct cfi_state *st;
};

/* Per-function scratch, reused. */
struct ctx {
	const struct check_opts *opts;
	bool no_fp;			/* the CHECK_NO_FP rule applies */
	struct check_result *res;
	struct cfg_func *f;
	uint32_t n;
	struct insn *insns;
	int32_t *path;
	uint8_t *flags;
	uint32_t *stk;			/* mark_dead()'s work list */
	struct work *work;
	size_t nr_work, cap_work, cap;
	bool warned;
	int32_t bt_from;		/* backtrace of a join: the arriving path */
	uint64_t *jt;
	struct cold_in {
		struct cfg_func *f;
		uint32_t idx;
		const struct cfi_state *st;
	} *cold;			/* branches into cold splits, per file */
	size_t nr_cold, cap_cold;
	/* Constants put in registers by MOV/MOVK on the current path (GCC's
	 * "mov x12, #N ... sub sp, sp, x12"), forgotten at any other write. */
	uint32_t kvalid;
	int64_t kval[31];
	/* The function's finding (when warned) and a join mismatch found after
	 * it: the mismatch replaces the finding if the finding's instruction
	 * turns out to be downstream of the mismatch (its state becomes
	 * unknown), since it was made from a state that did not hold. */
	size_t fidx;
	bool pend;
	struct check_finding pending;
};

#define F_DATA		1	/* $d: never decoded */
#define F_AFTER_END	2	/* follows a trap or a noreturn call */
#define F_ALT		4	/* an alternative's original code starts here */
#define F_JOIN		64	/* a branch inside the function or a pushed path enters
				 * here too: constants tracked on one path (track_const)
				 * do not hold */

static const struct cfi_state *entry_state, *unknown_state;

static uint64_t idx_off(const struct ctx *c, uint32_t i)
{
	return c->f->start + 4 * (uint64_t)i;
}

static void record_path(struct ctx *c, uint32_t i, struct check_finding *fd)
{
	uint64_t br[CHECK_MAX_PATH], to[CHECK_MAX_PATH];
	uint32_t n = 0, steps = 0;
	int32_t cur = (int32_t)i;

	while (cur >= 0 && steps++ < c->n) {
		int32_t p = c->path[cur];

		if (p >= 0 && p != cur - 1) {
			if (n == CHECK_MAX_PATH)
				memmove(br, br + 1, --n * sizeof(*br)), memmove(to, to + 1, n * sizeof(*to));
			br[n] = idx_off(c, (uint32_t)p);
			to[n++] = idx_off(c, (uint32_t)cur);
		}
		cur = p;
	}
	fd->nr_path = n;
	for (uint32_t k = 0; k < n; k++) {
		fd->path[k] = br[n - 1 - k];
		fd->path_to[k] = to[n - 1 - k];
	}
}

static void fill_finding(struct ctx *c, uint32_t i, struct check_finding *fd,
			 enum fpv_warning id, va_list ap)
{
	memset(fd, 0, sizeof(*fd));
	fd->func = c->f;
	fd->off = idx_off(c, i);
	fd->id = id;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(fd->text, sizeof(fd->text), warn_fmt[id], ap);
#pragma GCC diagnostic pop
	if (c->opts->backtrace && c->bt_from >= 0) {
		/* a join: the path that arrived second, and its last edge */
		record_path(c, (uint32_t)c->bt_from, fd);
		if ((uint32_t)c->bt_from + 1 != i && fd->nr_path < CHECK_MAX_PATH) {
			fd->path[fd->nr_path] = idx_off(c, (uint32_t)c->bt_from);
			fd->path_to[fd->nr_path++] = idx_off(c, i);
		}
	} else if (c->opts->backtrace && i < c->n) {
		record_path(c, i, fd);
	}
}

/* Record the function's (first) finding at instruction i. */
static void warn(struct ctx *c, uint32_t i, enum fpv_warning id, ...)
{
	struct check_result *res = c->res;
	struct check_finding *n;
	va_list ap;

	if (c->warned)
		return;
	c->warned = true;
	n = realloc(res->findings, (res->nr_findings + 1) * sizeof(*n));
	if (!n) {
		fpv_oom(res->elf->path);
		exit(1);
	}
	res->findings = n;
	c->fidx = res->nr_findings++;
	va_start(ap, id);
	fill_finding(c, i, &n[c->fidx], id, ap);
	va_end(ap);
	c->f->status = FUNC_WARNED;
}

/* A join mismatch after the function's finding: kept aside (see ctx.pend). */
static void warn_pending(struct ctx *c, uint32_t i, enum fpv_warning id, ...)
{
	va_list ap;

	if (c->pend)
		return;
	c->pend = true;
	va_start(ap, id);
	fill_finding(c, i, &c->pending, id, ap);
	va_end(ap);
}

/* ---- the transfer function ---- */

/* The value reg + off as an offset from the CFA, if known. */
static bool cfa_rel(const struct cfi_state *s, unsigned reg, int64_t off, int32_t *out)
{
	int64_t v;

	if (reg == CFI_SP && s->sp_known)
		v = s->sp_off + off;
	else if (reg == CFI_FP && s->fp_val_known)
		v = s->fp_val + off;
	else if (s->xr_known && reg == s->xr_reg)
		v = s->xr_val + off;
	else
		return false;
	if (v <= -(1 << 30) || v >= (1 << 30))
		return false;		/* no frame is a gigabyte: not a stack address */
	*out = (int32_t)v;
	return true;
}

/*
 * SP has taken a value fpv cannot follow.  With x29 at a known place in the
 * frame the CFA moves to x29 (alloca, VLAs, SVE); failing that, to a scratch
 * register known relative to the CFA (GCC's stack-clash probe loop: "sub
 * x12, sp, #N" then SP moves in steps until it equals x12; GCC's own CFI
 * says CFA = x12 + N there too), or to the copy of the CFA the function
 * saved in memory its caller provides (pr_known: libffi's ffi_call_SYSV);
 * otherwise the state is unknown from here.
 */
static void sp_lost(struct ctx *c, uint32_t i, struct cfi_state *s)
{
	if (s->fp_val_known) {
		s->cfa_base = CFA_FP;
		s->cfa_off = -s->fp_val;
	} else if (s->cfa_base != CFA_REG && s->xr_known) {
		s->cfa_base = CFA_REG;
		s->cfa_reg = s->xr_reg;
		s->cfa_off = -s->xr_val;
	} else if (s->cfa_base != CFA_REG && s->pr_known && (s->pr_has & PR_CFA)) {
		s->cfa_base = CFA_PTR;		/* the CFA saved at P */
		s->cfa_off = 0;
	} else if (s->cfa_base != CFA_REG && s->cfa_base != CFA_PTR) {
		warn(c, i, W_SP_UNKNOWN);
		memset(s, 0, sizeof(*s));
		s->unknown = true;
		return;
	}
	s->sp_known = false;
	s->sp_off = 0;
	s->sp_vl = 0;
}

/* SP = CFA + v.  A CFA on a scratch register or saved at P goes back to SP. */
static void set_sp(struct cfi_state *s, int32_t v)
{
	s->sp_known = true;
	s->sp_off = v;
	s->sp_vl = 0;
	if (s->cfa_base == CFA_SP || s->cfa_base == CFA_REG || s->cfa_base == CFA_PTR) {
		s->cfa_base = CFA_SP;
		s->cfa_off = -v;
	}
}

/* Before x29 changes, a CFA based on it moves back to SP. */
static void fp_unbase(struct ctx *c, uint32_t i, struct cfi_state *s)
{
	if (s->cfa_base != CFA_FP)
		return;
	if (s->sp_known) {
		s->cfa_base = CFA_SP;
		s->cfa_off = -s->sp_off;
	} else {
		sp_lost(c, i, s);	/* neither SP nor x29 describes the CFA */
	}
}

/* x29 <- CFA + v (mov x29, sp / add x29, sp, #M). */
static void set_fp_addr(struct ctx *c, uint32_t i, struct cfi_state *s, int32_t v)
{
	bool rec = s->fp_where == REG_SAVED && s->ra_where == REG_SAVED && s->fp_off == v &&
		   (s->ra_off == v + 8 || (s->ra_copy && s->ra_copy_off == v + 8));

	if (s->fp_is_frame && s->fp_val == v)
		return;				/* the same record again */
	if (!c->no_fp && !rec) {
		if (s->fp_is_frame || s->fp_link)
			warn(c, i, W_FP_CLOBBER);
		else
			warn(c, i, W_BAD_RECORD);
	}
	fp_unbase(c, i, s);
	if (s->unknown)
		return;
	/* the caller's x29 is gone, or left only at P */
	if (s->fp_where == REG_SAME)
		s->fp_where = (s->pr_has & PR_FP) ? REG_SAVED_PTR : REG_UNDEF;
	s->fp_val_known = true;
	s->fp_val = v;
	s->fp_is_frame = rec;
}

/* x29 <- something that is not an address in this frame. */
static void set_fp_other(struct ctx *c, uint32_t i, struct cfi_state *s, bool restore)
{
	if (!restore && (s->fp_is_frame || s->fp_link) && !c->no_fp)
		warn(c, i, W_FP_CLOBBER);
	fp_unbase(c, i, s);
	if (s->unknown)
		return;
	s->fp_val_known = false;
	s->fp_is_frame = false;
	if (restore)
		s->fp_where = REG_SAME;
	else if (s->fp_where == REG_SAME)
		s->fp_where = (s->pr_has & PR_FP) ? REG_SAVED_PTR : REG_UNDEF;
}

/*
 * x29 <- P (pr_known), where the function saved the caller's x29 and x30:
 * the frame record is at x29 when they are at P and P + 8, though the CFA
 * is no fixed distance from it.
 */
static void set_fp_ptr(struct ctx *c, uint32_t i, struct cfi_state *s)
{
	bool rec = (s->pr_has & (PR_FP | PR_RA)) == (PR_FP | PR_RA) && s->pr_fp == 0 &&
		   s->pr_ra == 8;

	if ((s->fp_is_frame || s->fp_link) && !c->no_fp)
		warn(c, i, W_FP_CLOBBER);
	fp_unbase(c, i, s);
	if (s->unknown)
		return;
	if (s->fp_where == REG_SAME)
		s->fp_where = (s->pr_has & PR_FP) ? REG_SAVED_PTR : REG_UNDEF;
	s->fp_val_known = false;
	s->fp_is_frame = rec;
}

/* Whether a load of op restores the caller's value saved at P + off. */
static bool ptr_load(const struct cfi_state *s, const struct stack_op *op, unsigned bit, int16_t off)
{
	return op->src.type == OP_SRC_MEM && s->pr_known && op->src.reg == s->pr_reg &&
	       (s->pr_has & bit) && op->src.offset == off && op->size == 8;
}

/*
 * The second operand of an ADD/SUB (register) when "mov xN, #imm" set it:
 * what the instruction adds to its first, signed, *d.  false when unknown
 * or too large for a frame size.
 */
static bool reg_const(const struct ctx *c, const struct insn_dp *dp, int64_t *d)
{
	int64_t v;

	if (dp->rm >= 31 || !(c->kvalid >> dp->rm & 1) ||
	    (dp->ext != DP_EXT_NONE && dp->ext != DP_EXT_UXTX && dp->ext != DP_EXT_SXTX))
		return false;
	v = (int64_t)((uint64_t)c->kval[dp->rm] << (dp->shift & 63));
	if (v <= -(1 << 30) || v >= (1 << 30))
		return false;		/* a frame size, not garbage */
	*d = dp->neg ? -v : v;
	return true;
}

static void op_dest_sp(struct ctx *c, uint32_t i, struct cfi_state *s,
		       const struct stack_op *op, const struct insn *insn)
{
	int32_t v;

	switch (op->src.type) {
	case OP_SRC_REG:
	case OP_SRC_ADD:
		if (cfa_rel(s, op->src.reg, op->src.type == OP_SRC_ADD ? op->src.offset : 0, &v)) {
			set_sp(s, v);
			return;
		}
		break;
	case OP_SRC_ADDVL:
		/*
		 * GCC: "addvl sp, sp, #-N" before anything is saved (the SVE save
		 * area above the frame record), and its mirror image after
		 * everything is restored: the fixed-size frame starts VL-dependent
		 * bytes below the CFA, so the reference point of every offset
		 * moves (cfa_vl) and SP stays known relative to it.
		 */
		if (op->src.reg == CFI_SP && s->sp_known && s->cfa_base == CFA_SP &&
		    s->fp_where == REG_SAME && s->ra_where == REG_SAME && !s->fp_val_known &&
		    s->cfa_vl + op->src.offset > INT16_MIN && s->cfa_vl + op->src.offset < INT16_MAX) {
			s->cfa_vl = (int16_t)(s->cfa_vl + op->src.offset);
			return;
		}
		/* Clang: SP becomes VL-dependent below the record; the CFA moves to x29. */
		if (op->src.reg == CFI_SP && (s->sp_known || s->sp_vl)) {
			int32_t off = s->sp_off;
			int32_t vl = s->sp_vl + (int32_t)op->src.offset;

			if (s->cfa_base == CFA_SP)
				sp_lost(c, i, s);
			if (s->unknown)
				return;
			if (vl == 0) {
				set_sp(s, off);
			} else {
				s->sp_known = false;
				s->sp_off = off;
				s->sp_vl = (int16_t)vl;
			}
			return;
		}
		break;
	case OP_SRC_UNKNOWN: {
		/* gcc: mov x12, #N ; sub sp, sp, x12 (frames over 4 KiB) */
		int64_t d;

		if (insn->dp.kind == DP_ADD_REG && insn->dp.rn == CFI_SP && s->sp_known &&
		    reg_const(c, &insn->dp, &d)) {
			set_sp(s, (int32_t)(s->sp_off + d));
			return;
		}
		break;
	}
	default:
		break;
	}
	sp_lost(c, i, s);
}

static void op_dest_reg(struct ctx *c, uint32_t i, struct cfi_state *s,
			const struct stack_op *op, const struct insn *insn)
{
	int32_t v, a;

	switch (op->dest.reg) {
	case CFI_SP:
		op_dest_sp(c, i, s, op, insn);
		break;
	case CFI_FP:
		s->fp_zero = false;
		if ((op->src.type == OP_SRC_REG || op->src.type == OP_SRC_ADD) &&
		    cfa_rel(s, op->src.reg, op->src.type == OP_SRC_ADD ? op->src.offset : 0, &v)) {
			set_fp_addr(c, i, s, v);
		} else if (op->src.type == OP_SRC_REG && s->pr_known && op->src.reg == s->pr_reg) {
			set_fp_ptr(c, i, s);
		} else {
			set_fp_other(c, i, s, (op->src.type == OP_SRC_MEM && s->fp_where == REG_SAVED &&
					       cfa_rel(s, op->src.reg, op->src.offset, &a) &&
					       a == s->fp_off) ||
				     (s->fp_where == REG_SAVED_PTR && ptr_load(s, op, PR_FP, s->pr_fp)));
			/* mov x29, #0 / mov x29, xzr: the end of the frame chain */
			s->fp_zero = !s->unknown &&
				     ((op->src.type == OP_SRC_CONST && op->src.offset == 0) ||
				      (op->src.type == OP_SRC_REG && op->src.reg == CFI_ZR));
		}
		break;
	case CFI_RA:
		if ((op->src.type == OP_SRC_MEM && s->ra_where == REG_SAVED &&
		     cfa_rel(s, op->src.reg, op->src.offset, &a) &&
		     (a == s->ra_off || (s->ra_copy && a == s->ra_copy_off))) ||
		    (s->ra_where == REG_SAVED_PTR && ptr_load(s, op, PR_RA, s->pr_ra)))
			s->ra_where = REG_SAME;		/* restored */
		else if (op->src.type == OP_SRC_REG && op->src.reg == CFI_RA)
			break;
		else if (s->ra_where == REG_SAVED)
			s->ra_in_reg = false;		/* x30 no longer the return address */
		else if (s->ra_where == REG_SAME && (s->pr_has & PR_RA)) {
			s->ra_where = REG_SAVED_PTR;	/* the copy at P is the one left */
		} else if (s->ra_where == REG_SAME) {
			s->ra_where = REG_UNDEF;	/* BL, or x30 used as a scratch register */
			s->ra_signed = false;
		}
		break;
	default:
		break;
	}
}

/* What the register stored by op is, that P may keep a copy of: PR_* or 0. */
static unsigned ptr_what(const struct cfi_state *s, const struct stack_op *op)
{
	int32_t v;

	if (op->fp_simd || op->size != 8)
		return 0;
	if (op->src.reg == CFI_FP && s->fp_where == REG_SAME && !s->fp_val_known)
		return PR_FP;
	if (op->src.reg == CFI_RA && s->ra_where == REG_SAME)
		return PR_RA;
	if (op->src.reg < CFI_FP && cfa_rel(s, op->src.reg, 0, &v) && v == 0 && !s->cfa_vl)
		return PR_CFA;
	return 0;
}

/* Whether [off, off + size) overlaps the 8 bytes at slot. */
static bool overlaps(int64_t off, unsigned size, int16_t slot)
{
	return off < slot + 8 && slot < off + (size ? size : 8);
}

/*
 * A store through a register that is no known address in the frame:
 * through P it may overwrite a saved copy (that copy is gone, and what
 * relied on it: the CFA, the caller's x29 or x30); of the caller's x29, x30
 * or the CFA it starts or extends P's copies (pr_known), when P is that
 * base register.  Stores through other registers are taken not to write
 * P's copies, as stores through them are taken not to write the frame.
 */
static void ptr_store(struct ctx *c, uint32_t i, struct cfi_state *s, const struct stack_op *op)
{
	unsigned what = ptr_what(s, op);
	int64_t off = op->dest.offset;

	if (op->dest.reg >= CFI_RA)
		return;
	if (s->pr_known && op->dest.reg == s->pr_reg) {
		if ((s->pr_has & PR_FP) && overlaps(off, op->size, s->pr_fp)) {
			s->pr_has &= ~PR_FP;
			if (s->fp_where == REG_SAVED_PTR)
				s->fp_where = REG_UNDEF;
			s->fp_is_frame = false;
		}
		if ((s->pr_has & PR_RA) && overlaps(off, op->size, s->pr_ra)) {
			s->pr_has &= ~PR_RA;
			if (s->ra_where == REG_SAVED_PTR) {
				s->ra_where = REG_UNDEF;
				s->ra_signed = false;
			}
			s->fp_is_frame = false;
		}
		if ((s->pr_has & PR_CFA) && overlaps(off, op->size, s->pr_cfa)) {
			s->pr_has &= ~PR_CFA;
			if (s->cfa_base == CFA_PTR) {
				s->cfa_base = CFA_SP;	/* so that sp_lost looks for another base */
				sp_lost(c, i, s);
				if (s->unknown)
					return;
			}
		}
	} else if (s->pr_known || !what) {
		return;
	} else {
		s->pr_known = true;
		s->pr_reg = op->dest.reg;
		s->pr_has = 0;
	}
	if (!what || off < INT16_MIN || off > INT16_MAX)
		return;
	s->pr_has |= (uint8_t)what;
	if (what == PR_FP)
		s->pr_fp = (int16_t)off;
	else if (what == PR_RA)
		s->pr_ra = (int16_t)off;
	else
		s->pr_cfa = (int16_t)off;
}

static void op_store(struct ctx *c, uint32_t i, struct cfi_state *s, const struct stack_op *op)
{
	int32_t a;

	if (op->fp_simd)
		return;
	if (!cfa_rel(s, op->dest.reg, op->dest.offset, &a)) {
		ptr_store(c, i, s, op);
		return;
	}
	if (s->ra_copy && a == s->ra_copy_off && !(op->src.reg == CFI_RA && s->ra_in_reg))
		s->ra_copy = false;		/* the second copy overwritten */
	if (op->src.reg == CFI_FP && s->fp_where == REG_SAME && !s->fp_val_known) {
		s->fp_where = REG_SAVED;
		s->fp_off = a;
	} else if (op->src.reg == CFI_RA && s->ra_where == REG_SAME) {
		s->ra_where = REG_SAVED;
		s->ra_off = a;
		s->ra_in_reg = true;
	} else if (op->src.reg == CFI_RA && s->ra_where == REG_SAVED && s->ra_in_reg &&
		   a != s->ra_off && !s->ra_copy) {
		s->ra_copy = true;		/* x30 saved a second time (GHC's StgRun) */
		s->ra_copy_off = a;
	}
}

static bool callee_saved(unsigned reg)
{
	return reg >= 19 && reg <= 28;
}

/* Whether insn may set or clobber the scratch register relation. */
static bool xr_touched(const struct cfi_state *in, const struct insn *insn)
{
	return insn->dp.kind == DP_ADD_IMM || insn->dp.kind == DP_MOV_REG ||
	       (insn->dp.kind == DP_ADD_REG && (insn->dp.rn == CFI_SP || insn->dp.rn == CFI_FP ||
						(in->xr_known && insn->dp.rn == in->xr_reg))) ||
	       (in->xr_known && (insn->regs_written >> in->xr_reg & 1));
}

/*
 * A scratch register set from SP, x29 or the tracked register itself
 * ("mov x9, sp", "sub x12, sp, #N", "add x1, sp, #16", "mov x10, x9", and
 * with a constant in a register, Go's frames over 4 KiB: "mov x27, #N ;
 * sub x20, sp, x27 ; stp x29, x30, [x20, #-8] ; mov sp, x20") is
 * kept as xN = CFA + k until xN is written otherwise (or by a call, for
 * caller-saved registers).  One register is kept, the last one set; while
 * the CFA is based on it, no other replaces it, and one in a callee-saved
 * register (x19-x28, which outlives calls) is not replaced by one in a
 * caller-saved register: clang 16 -Os keeps SP for a VLA scope in x24 and
 * passes another copy in x9 to a call ("mov x24, sp ; mov x9, sp ; ... bl
 * ; mov sp, x24").  in is the state before the instruction (its sources),
 * s the state after its stack operations.
 */
static void track_xr(struct ctx *c, uint32_t i, const struct cfi_state *in,
		     struct cfi_state *s, const struct insn *insn)
{
	const struct insn_dp *dp = &insn->dp;
	uint64_t written = insn->regs_written | (insn->cls == INSN_CALL ? ARCH_CALL_CLOBBERED : 0);
	bool set = false;
	int32_t v = 0;
	int64_t k;

	if (dp->is64 && dp->rd < CFI_FP)
		set = (dp->kind == DP_ADD_IMM && cfa_rel(in, dp->rn, dp->imm, &v)) ||
		      (dp->kind == DP_MOV_REG && cfa_rel(in, dp->rm, 0, &v)) ||
		      (dp->kind == DP_ADD_REG && reg_const(c, dp, &k) && cfa_rel(in, dp->rn, k, &v));
	if (s->cfa_base == CFA_REG && set && dp->rd != s->cfa_reg)
		set = false;		/* the slot holds the CFA base */
	if (set && s->xr_known && callee_saved(s->xr_reg) && !callee_saved(dp->rd) &&
	    !(written >> s->xr_reg & 1))
		set = false;		/* keep the relation a call does not end */
	if (s->xr_known && (written >> s->xr_reg & 1)) {
		s->xr_known = false;
		if (s->cfa_base == CFA_REG && !set) {
			/* the CFA base is overwritten: x29 or nothing */
			s->cfa_base = CFA_SP;	/* so that sp_lost looks for another base */
			sp_lost(c, i, s);
		}
	}
	if (!set)
		return;
	s->xr_known = true;
	s->xr_reg = dp->rd;
	s->xr_val = v;
	if (s->cfa_base == CFA_REG)
		s->cfa_off = -v;	/* add x12, x12, #N with the CFA on x12 */
}

/*
 * P (pr_known) after insn: "ldr x9, [x29, #32]" of the saved CFA makes x9 =
 * CFA + 0 (the scratch relation); "mov x29, x1" with P in x1 moves P to x29
 * (x29 keeps it, and a callee-saved register keeps it from a caller-saved
 * one); any other write of P's register, or a call for a caller-saved one,
 * forgets P and what relied on it.  in is the state before the
 * instruction, s the state after its stack operations.
 */
static void track_ptr(struct ctx *c, uint32_t i, const struct cfi_state *in,
		      struct cfi_state *s, const struct insn *insn)
{
	const struct insn_dp *dp = &insn->dp;
	uint64_t written = insn->regs_written | (insn->cls == INSN_CALL ? ARCH_CALL_CLOBBERED : 0);

	if (!s->pr_known)
		return;
	for (unsigned k = 0; k < insn->nr_ops; k++) {
		const struct stack_op *op = &insn->ops[k];

		if (op->dest.type == OP_DEST_REG && !op->fp_simd && op->dest.reg < CFI_FP &&
		    ptr_load(in, op, PR_CFA, in->pr_cfa) && s->cfa_base != CFA_REG) {
			s->xr_known = true;
			s->xr_reg = op->dest.reg;
			s->xr_val = 0;
		}
	}
	if (dp->kind == DP_MOV_REG && dp->is64 && dp->rm == s->pr_reg && dp->rd <= CFI_FP &&
	    dp->rd != s->pr_reg && s->pr_reg != CFI_FP &&
	    (dp->rd == CFI_FP || (callee_saved(dp->rd) && !callee_saved(s->pr_reg)))) {
		s->pr_reg = dp->rd;
		return;
	}
	if (!(written >> s->pr_reg & 1))
		return;
	s->pr_known = false;
	s->pr_has = 0;
	if (s->fp_where == REG_SAVED_PTR)
		s->fp_where = REG_UNDEF;
	if (s->ra_where == REG_SAVED_PTR) {
		s->ra_where = REG_UNDEF;
		s->ra_signed = false;
	}
	if (s->cfa_base == CFA_PTR) {
		s->cfa_base = CFA_SP;		/* so that sp_lost looks for another base */
		sp_lost(c, i, s);
	}
}

/*
 * Whether insn only stores or moves SP or x29 (a prologue's saves): x30
 * stays known to hold the return address after it was saved (ra_in_reg)
 * through such a run only; a join where one path has the relation and the
 * other not drops it (meet()).
 */
static bool saves_only(const struct insn *insn)
{
	if (!insn->nr_ops || insn->cls != INSN_OTHER)
		return false;
	for (unsigned k = 0; k < insn->nr_ops; k++) {
		const struct stack_op *op = &insn->ops[k];

		if (op->dest.type != OP_DEST_MEM && op->dest.reg != CFI_SP && op->dest.reg != CFI_FP)
			return false;
	}
	return true;
}

/*
 * Whether insn leaves the state as it is: only stores that change nothing
 * (of a register other than x29 and x30, not over the second copy of the
 * return address, not through P, not of the CFA), no signing hint, no
 * write of a tracked register.
 */
static bool inert(const struct cfi_state *in, const struct insn *insn)
{
	if (insn->pac != PAC_NONE || xr_touched(in, insn) || in->ra_in_reg || in->fp_link)
		return false;
	if (in->pr_known && ((insn->regs_written >> in->pr_reg & 1) || insn->cls == INSN_CALL ||
			     (insn->dp.kind == DP_MOV_REG && insn->dp.rm == in->pr_reg)))
		return false;
	for (unsigned k = 0; k < insn->nr_ops; k++) {
		const struct stack_op *op = &insn->ops[k];

		if (op->dest.type != OP_DEST_MEM || op->src.reg == CFI_FP || op->src.reg == CFI_RA ||
		    in->ra_copy || (in->pr_known && op->dest.reg == in->pr_reg) || ptr_what(in, op))
			return false;
	}
	return true;
}

/*
 * Go's call of runtime.duffzero or runtime.duffcopy from a function with a
 * frame record (cmd/internal/obj/arm64/obj7.go):
 *   adr x27, 1f ; stp x29, x27, [sp, #-24] ; sub x29, sp, #24 ; bl ... ;
 *   1: sub x29, sp, #8
 * The pair stored below SP is a record of its own, {this function's frame
 * record, the call's return address}: the chain from x29 reaches the frame
 * record through it.  Whether insn, "sub x29, sp, #K", ends such a
 * sequence, with x29 pointing at the frame record before it; *v: the new
 * x29, CFA-relative.
 */
static bool go_link_record(const struct ctx *c, uint32_t i, const struct cfi_state *in,
			   const struct insn *insn, int32_t *v)
{
	const struct insn_dp *dp = &insn->dp;
	const struct insn *stp, *adr;
	uint64_t lo = cfg_addr(c->f->sec, c->f->start), hi = cfg_addr(c->f->sec, c->f->end);

	if (!in->fp_is_frame || !in->sp_known || in->cfa_vl || i < 2 || c->no_fp ||
	    dp->kind != DP_ADD_IMM || !dp->is64 || dp->rd != CFI_FP || dp->rn != CFI_SP ||
	    dp->imm >= 0 || dp->imm < -4096 || (c->flags[i - 1] & F_DATA) || (c->flags[i - 2] & F_DATA))
		return false;
	stp = &c->insns[i - 1];
	adr = &c->insns[i - 2];
	if (stp->nr_ops != 2 || stp->mem_writeback || !adr->is_adr || adr->adr_page ||
	    adr->adr_value < lo || adr->adr_value >= hi || adr->reg >= CFI_FP)
		return false;
	for (unsigned k = 0; k < 2; k++) {
		const struct stack_op *op = &stp->ops[k];

		if (op->dest.type != OP_DEST_MEM || op->dest.reg != CFI_SP || op->fp_simd ||
		    op->size != 8 || op->dest.offset != dp->imm + 8 * k ||
		    op->src.reg != (k ? adr->reg : CFI_FP))
			return false;
	}
	*v = in->sp_off + (int32_t)dp->imm;
	return true;
}

/* The state after insn, given the state s before it. */
static const struct cfi_state *transfer(struct ctx *c, uint32_t i, const struct cfi_state *in,
					const struct insn *insn)
{
	struct cfi_state s;
	int32_t v;

	if (in->unknown || inert(in, insn))
		return in;
	s = *in;
	if (go_link_record(c, i, in, insn, &v)) {
		s.fp_val = v;
		s.fp_is_frame = false;
		s.fp_link = true;
		return cfi_hash_find_or_add(&s);
	}
	for (unsigned k = 0; k < insn->nr_ops && !s.unknown; k++) {
		const struct stack_op *op = &insn->ops[k];

		if (op->dest.type == OP_DEST_MEM)
			op_store(c, i, &s, op);
		else if (!op->fp_simd)
			op_dest_reg(c, i, &s, op, insn);
	}
	if (!s.unknown && s.ra_where == REG_SAME) {
		if (insn->pac == PAC_SIGN_RA)
			s.ra_signed = true;
		else if (insn->pac == PAC_AUTH_RA || insn->pac == PAC_STRIP_RA)
			s.ra_signed = false;
	}
	if (!s.unknown)
		track_xr(c, i, in, &s, insn);
	if (!s.unknown)
		track_ptr(c, i, in, &s, insn);
	if (s.ra_in_reg && !saves_only(insn))
		s.ra_in_reg = false;
	if (s.fp_link && insn->cls != INSN_CALL)
		s.fp_link = false;	/* kept for the one call */
	return cfi_hash_find_or_add(&s);
}

/* Track "mov xN, #imm ; movk xN, ..." until xN is written otherwise. */
static void track_const(struct ctx *c, const struct insn *insn)
{
	const struct insn_dp *dp = &insn->dp;
	uint64_t written = insn->regs_written;

	if (insn->cls == INSN_CALL)
		written |= ARCH_CALL_CLOBBERED;
	if (dp->kind == DP_MOV_IMM && dp->rd < 31 && dp->is64) {
		c->kval[dp->rd] = dp->imm;
		c->kvalid |= 1u << dp->rd;
		written &= ~(1ull << dp->rd);
	} else if (dp->kind == DP_MOVK && dp->rd < 31 && (c->kvalid >> dp->rd & 1) &&
		   dp->shift < 64) {
		uint64_t v = (uint64_t)c->kval[dp->rd];

		v &= ~((uint64_t)0xffff << dp->shift);
		v |= ((uint64_t)dp->imm & 0xffff) << dp->shift;
		c->kval[dp->rd] = (int64_t)v;
		written &= ~(1ull << dp->rd);
	}
	c->kvalid &= ~(uint32_t)written;
}

/* ---- checks at control transfers ---- */

/* Frame torn down: what a return or a tail call needs.  0 when fine. */
static enum fpv_warning teardown_problem(const struct cfi_state *s, bool tail)
{
	if (!s->sp_known || s->sp_off != 0 || s->cfa_vl)
		return tail ? W_TAIL_SP : W_RET_SP;
	if (s->fp_where != REG_SAME)
		return tail ? W_TAIL_FP : W_RET_FP;
	if (s->ra_where != REG_SAME)
		return tail ? W_TAIL_RA : W_RET_RA;
	return W_NR;
}

static void check_return(struct ctx *c, uint32_t i, const struct cfi_state *s,
			 const struct insn *insn)
{
	enum fpv_warning w;

	if (s->unknown)
		return;		/* already reported where the state was lost */
	w = teardown_problem(s, false);
	if (w != W_NR)
		warn(c, i, w);
	else if (s->ra_signed && insn->pac != PAC_AUTH_RA)	/* RETAA/RETAB authenticate */
		warn(c, i, W_RET_PAC);
}

static void check_tail(struct ctx *c, uint32_t i, const struct cfi_state *s, const char *name)
{
	enum fpv_warning w;

	if (s->unknown)
		return;
	w = teardown_problem(s, true);
	if (w != W_NR)
		warn(c, i, w, name ? name : "?");
}

/* The function of this file a direct call enters at its start, or NULL. */
static const struct cfg_func *callee_func(const struct cfg_dest *d)
{
	if (d->func)
		return d->off == d->func->start ? d->func : NULL;
	return d->callee;
}

/*
 * Go's stack-bound check fails before the function has a frame: "mov x3,
 * x30 ; bl runtime.morestack_noctxt" in the state of the function's entry.
 * runtime.morestack takes the function's return address from x3 and its
 * own from x30, saves them with SP and x29 in the goroutine (g.sched),
 * switches to the g0 stack before it stores anything, copies the stack and
 * resumes the function at the return address with SP, x29 and x30 (from
 * x3) as they were, relative to the moved stack: the state after the call
 * is the entry state.  x29 still points at the caller's frame record,
 * which is what the chain needs; the function has none of its own yet.
 */
static bool go_morestack_call(const struct ctx *c, uint32_t i, const struct cfi_state *s,
			      const struct cfg_func *callee)
{
	const struct insn_dp *prev;
	struct cfi_state t;

	if (!callee || !cfg_go_morestack(callee) || !i || s->unknown)
		return false;
	t = *s;		/* a scratch register set from SP ("sub x17, sp, #N" of the
			 * bound check of a large frame) does not matter */
	t.xr_known = false;
	t.xr_reg = 0;
	t.xr_val = 0;
	if (cfi_hash_find_or_add(&t) != entry_state)
		return false;
	prev = &c->insns[i - 1].dp;
	return !(c->flags[i - 1] & F_DATA) && prev->kind == DP_MOV_REG && prev->is64 &&
	       prev->rd == 3 && prev->rm == 30;
}

static void check_call(struct ctx *c, uint32_t i, const struct cfi_state *s)
{
	if (s->unknown)
		return;
	if (s->fp_zero)
		return;		/* the outermost frame: the chain ends with x29 = 0 */
	if (s->fp_is_frame || s->fp_link) {
		c->f->call_fp = true;
	} else if (!c->f->call_no_fp) {
		c->f->call_no_fp = true;
		c->f->call_no_fp_off = idx_off(c, i);
	}
	if (c->no_fp) {
		if (s->ra_where != REG_SAVED && s->ra_where != REG_SAVED_PTR)
			warn(c, i, W_CALL_NO_RA);
	} else if (!s->fp_is_frame && !s->fp_link) {
		warn(c, i, W_CALL_NO_FRAME);
	}
}

/* ---- the walk ---- */

static void push(struct ctx *c, uint32_t idx, int32_t from, const struct cfi_state *st)
{
	struct work *n = grow_array(c->work, &c->cap_work, c->nr_work + 1, sizeof(*n), 256);

	if (!n) {
		fpv_oom(c->res->elf->path);
		exit(1);
	}
	c->work = n;
	c->work[c->nr_work++] = (struct work){ idx, from, st };
	if (idx < c->n)
		c->flags[idx] |= F_JOIN;
}

/* A branch into a cold split: the split starts there from this state. */
static void enter_cold(struct ctx *c, struct cfg_func *cold, uint64_t off, const struct cfi_state *st)
{
	struct cold_in *n = grow_array(c->cold, &c->cap_cold, c->nr_cold + 1, sizeof(*n), 64);

	if (!n) {
		fpv_oom(c->res->elf->path);
		exit(1);
	}
	c->cold = n;
	c->cold[c->nr_cold++] = (struct cold_in){ cold, (uint32_t)((off - cold->start) / 4), st };
	if (!cold->entry)
		cold->entry = st;
}

/* A cold split jumping back into its parent must arrive with its state. */
static void back_to_parent(struct ctx *c, uint32_t i, const struct cfg_dest *d,
			   const struct cfi_state *st)
{
	const struct cfi_state *want;
	char a[CHECK_STATE_TEXT], b[CHECK_STATE_TEXT];

	if (!d->func->states)
		return;
	want = d->func->states[(d->off - d->func->start) / 4];
	if (want && want != st && !want->unknown && !st->unknown)
		warn(c, i, W_MISMATCH, cfi_format(want, a, sizeof(a)), cfi_format(st, b, sizeof(b)));
}

#define STUB_MAX 8

/*
 * GCC's __builtin_unreachable() at the end of a function (a switch whose
 * default is unreachable(), KVM's __vgic_v3_read_ap0rn): the branch goes to
 * the label after the last instruction, which in the linked image is the
 * padding before the next function.  A branch to exactly the end of this
 * function, where only padding (NOP, zero words) follows up to the next
 * function or the end of the section, ends the path.
 */
static bool is_unreachable_end(const struct ctx *c, const struct cfg_dest *d)
{
	struct insn insn;

	if (d->sec != c->f->sec || d->off != c->f->end)
		return false;
	for (uint64_t off = d->off; off < d->sec->size && d->sec->size - off >= 4; off += 4) {
		if (cfg_func_at(&c->res->cfg, d->sec, off))
			return off > d->off;
		arch_decode(cfg_word(d->sec, off), cfg_addr(d->sec, off), &insn);
		if (!insn.is_nop && insn.word != 0)
			return false;
	}
	return true;
}

/*
 * A branch to code that belongs to no function: a linker veneer (GNU ld's
 * Cortex-A53 erratum 843419 stub "ldr x2, [x0] ; b back", a long-branch
 * stub) or a kernel .subsection 1 fragment.  Its few instructions are run
 * with the branch's state until an unconditional branch: back into this
 * function (followed), or to a function (a tail call).  false when it is
 * not such a stub.
 */
static bool follow_stub(struct ctx *c, uint32_t i, const struct cfg_dest *d,
			const struct cfi_state *st)
{
	struct insn insn;
	struct cfg_dest t;

	if (is_unreachable_end(c, d))
		return true;
	/* off < size first: a relocation addend can make d->off wrap to near 2^64 */
	for (uint64_t off = d->off, k = 0; k < STUB_MAX && off < d->sec->size &&
	     d->sec->size - off >= 4; k++, off += 4) {
		if (cfg_func_at(&c->res->cfg, d->sec, off) ||
		    (d->sec->nr_maps && elf_is_data(d->sec, off)))
			return false;		/* ran into a function or data */
		arch_decode(cfg_word(d->sec, off), cfg_addr(d->sec, off), &insn);
		if (insn.cls == INSN_JUMP_UNCOND) {
			if (!cfg_branch_dest(&c->res->cfg, d->sec, off, &insn, &t) || !t.func)
				return false;
			st = transfer(c, i, st, &insn);
			if (t.func == c->f && t.sec == c->f->sec)
				push(c, (uint32_t)((t.off - c->f->start) / 4), (int32_t)i, st);
			else
				check_tail(c, i, st, t.name);
			return true;
		}
		if (insn.cls != INSN_OTHER && insn.cls != INSN_SYSTEM)
			return false;
		st = transfer(c, i, st, &insn);
	}
	return false;
}

/* A direct branch leaving the function (d->func != f). */
static void branch_out(struct ctx *c, uint32_t i, const struct cfg_dest *d,
		       const struct cfi_state *st)
{
	if (d->func && d->func->is_cold)
		enter_cold(c, d->func, d->off, st);
	else if (d->func && c->f->is_cold && d->off != d->func->start)
		back_to_parent(c, i, d, st);
	else if (d->sec && !d->func && d->sec->text && follow_stub(c, i, d, st))
		return;
	else if ((d->sec && !d->func) || (!d->sec && !d->name))
		warn(c, i, W_BAD_TARGET, (unsigned long long)(d->sec ? cfg_addr(d->sec, d->off) :
							     c->insns[i].target));
	else
		check_tail(c, i, st, d->name);
}

/*
 * A BR that is no jump table, taken with the frame live, is no tail call
 * either: in C it is a computed goto ("goto *p"), and under GCC's labels as
 * values it can only go to a label of this function whose address is taken.
 * Such labels that a jump through a table can reach are in data: GCC's
 * threaded interpreters ("static void *jumptable[] = { &&lbl_ACC0, ... }",
 * OCaml's caml_interprete, relocated R_AARCH64_RELATIVE in a PIE).  Every
 * address inside the function that data holds is a target, entered with
 * this state; their joins check that the labels agree.  false when data
 * points at no such place.
 */
static bool computed_goto(struct ctx *c, uint32_t i, const struct cfi_state *st)
{
	const struct cfg_ref *r;
	size_t n = cfg_refs_in(&c->res->cfg, c->f, &r);
	bool any = false;

	for (size_t k = 0; k < n; k++) {
		uint32_t t = (uint32_t)((r[k].off - c->f->start) / 4);

		if (!(r[k].kinds & CFG_REF_DATA) || (c->flags[t] & F_DATA))
			continue;	/* not held by data, or no code ($d) */
		push(c, t, (int32_t)i, st);
		any = true;
	}
	return any;
}

static void jump_dynamic(struct ctx *c, uint32_t i, const struct cfi_state *st)
{
	size_t n = cfg_jump_table(&c->res->cfg, c->f, c->insns, c->path, i, c->jt, CFG_MAX_TABLE);

	if (n) {
		for (size_t k = 0; k < n; k++)
			push(c, (uint32_t)((c->jt[k] - c->f->start) / 4), (int32_t)i, st);
		return;
	}
	/* Not a table: an indirect tail call, allowed once the frame is gone. */
	if (!st->unknown && teardown_problem(st, true) != W_NR) {
		if (computed_goto(c, i, st))
			return;
		warn(c, i, W_DYN_JUMP);
	}
	c->f->dyn_exit = true;
}

/*
 * The replacement of one alternative, run from state st in place of the
 * original code at index i: its own branches are followed, and when it ends
 * without one the path continues after the original code.
 */
static void alt_path(struct ctx *c, uint32_t i, const struct cfg_alt *a, const struct cfi_state *st)
{
	uint32_t after = i + a->len / 4;
	struct insn insn;
	struct cfg_dest d;

	if (a->bug_warn) {
		if (after < c->n)
			push(c, after, (int32_t)i, st);
		return;
	}
	if (a->ex_fixup) {	/* the fault's fixup, in this function only */
		if (a->tsec == c->f->sec && a->toff >= c->f->start && a->toff < c->f->end)
			push(c, (uint32_t)((a->toff - c->f->start) / 4), (int32_t)i, st);
		return;
	}
	if (a->jump_label) {
		memset(&d, 0, sizeof(d));
		d.sec = a->tsec;
		d.off = a->toff;
		d.func = a->tsec->text ? cfg_func_at(&c->res->cfg, a->tsec, a->toff) : NULL;
		d.name = d.func ? d.func->name : NULL;
		if (d.func == c->f && d.sec == c->f->sec)
			push(c, (uint32_t)((d.off - c->f->start) / 4), (int32_t)i, st);
		else
			branch_out(c, i, &d, st);
		if (after < c->n)	/* and the NOP it may be patched to */
			push(c, after, (int32_t)i, st);
		return;
	}

	for (uint64_t k = 0; a->rsec && k < a->rlen; k += 4) {
		arch_decode(cfg_word(a->rsec, a->roff + k), cfg_addr(a->rsec, a->roff + k), &insn);
		st = transfer(c, i, st, &insn);
		if (insn.cls == INSN_JUMP_DYNAMIC)
			c->f->dyn_exit = true;	/* not followed: no table known here */
		if (insn.cls == INSN_RETURN || insn.cls == INSN_JUMP_DYNAMIC || insn.cls == INSN_TRAP)
			return;
		if (insn.cls != INSN_JUMP_COND && insn.cls != INSN_JUMP_UNCOND)
			continue;
		if (!cfg_branch_dest(&c->res->cfg, a->rsec, a->roff + k, &insn, &d))
			return;
		if (d.func == c->f && d.sec == c->f->sec)
			push(c, (uint32_t)((d.off - c->f->start) / 4), (int32_t)i, st);
		else
			branch_out(c, i, &d, st);
		if (insn.cls == INSN_JUMP_UNCOND)
			return;
	}
	if (after < c->n)
		push(c, after, (int32_t)i, st);
}

static void alt_paths(struct ctx *c, uint32_t i, const struct cfi_state *st)
{
	const struct cfg_alt *a = cfg_alt_at(&c->res->cfg, c->f->sec, idx_off(c, i));
	const struct cfg_alt *end = c->res->cfg.alts + c->res->cfg.nr_alts;

	for (; a && a < end && a->sec == c->f->sec && a->off == idx_off(c, i); a++)
		if (a->off + a->len <= c->f->end)
			alt_path(c, i, a, st);
}

/* SP described the same way by both states (interned, so canonical). */
static bool sp_same(const struct cfi_state *a, const struct cfi_state *b)
{
	return a->sp_known == b->sp_known && a->sp_vl == b->sp_vl && a->sp_off == b->sp_off;
}

/* Whether w can still spell the CFA rule base(/reg). */
static bool cfa_spelled(const struct cfi_state *w, unsigned base, unsigned reg)
{
	switch (base) {
	case CFA_SP: return w->sp_known;
	case CFA_FP: return w->fp_val_known;
	case CFA_REG: return w->xr_known && w->xr_reg == reg;
	case CFA_PTR: return w->pr_known && (w->pr_has & PR_CFA);
	default: return false;
	}
}

/*
 * Where two paths meet, the state a recorded first and the state b arriving
 * may differ only in what the analysis deliberately lets go of: a scratch
 * register relation or x29 = 0 that one path does not have (dropped), or SP (unknown from
 * here) while the CFA can be spelled from a base both agree on — x29 at the
 * same frame address (alloca in a loop: SP known on the first iteration, not
 * on the next) or a scratch register at the same CFA offset, where b arrives
 * by a backward branch (a loop: GCC's stack-clash probe loop) or already has
 * the CFA on it (the walk on from such a join).  At a
 * forward join, SP differing with no x29 to take over is a mismatch even if
 * some scratch register (an argument "add x0, sp, #16") could hold the CFA:
 * no ORC record can use that base, and the join is the place to report.
 * The CFA keeps a's spelling when it still can.
 * Returns that weaker state, a itself when b adds nothing, or NULL when the
 * states really disagree (x29, x30, PAC or the frame record differ, or SP
 * differs with no other base for the CFA).
 */
static const struct cfi_state *meet(const struct cfi_state *a, const struct cfi_state *b,
				    bool loop, bool no_fp)
{
	struct cfi_state w;
	/* --no-fp: x29 is an ordinary register; what it holds is dropped
	 * like a scratch relation when the paths differ, unless it is a
	 * frame record (rustc -O, "add x29, sp, #N" as a temporary). */
	bool fp_general = no_fp && !a->fp_is_frame && !b->fp_is_frame &&
			  (a->fp_val_known != b->fp_val_known || a->fp_val != b->fp_val);

	if (a->fp_where != b->fp_where || a->fp_off != b->fp_off ||
	    a->ra_where != b->ra_where || a->ra_off != b->ra_off ||
	    (!fp_general && (a->fp_val_known != b->fp_val_known || a->fp_val != b->fp_val)) ||
	    a->fp_is_frame != b->fp_is_frame ||
	    a->ra_signed != b->ra_signed || a->cfa_vl != b->cfa_vl)
		return NULL;
	w = *a;
	if (fp_general) {
		w.fp_val_known = false;
		w.fp_val = 0;
	}
	if (a->xr_known != b->xr_known || a->xr_reg != b->xr_reg || a->xr_val != b->xr_val)
		w.xr_known = false;
	/* x30 known to still hold the return address, x29 a link record: on
	 * both paths, or not at all */
	if (a->ra_in_reg != b->ra_in_reg)
		w.ra_in_reg = false;
	if (a->fp_link != b->fp_link || a->fp_val != b->fp_val)
		w.fp_link = false;
	/* A second copy of the return address on one path only: dropped, unless
	 * the frame record is made of it. */
	if (a->ra_copy != b->ra_copy || a->ra_copy_off != b->ra_copy_off) {
		if (a->fp_is_frame && a->ra_off != a->fp_off + 8)
			return NULL;
		w.ra_copy = false;
		w.ra_copy_off = 0;
	}
	/* P's copies: dropped when the paths differ, unless x29 or x30 is
	 * only there (then fp_where/ra_where agree but the copies do not). */
	if (a->pr_known != b->pr_known || a->pr_reg != b->pr_reg || a->pr_has != b->pr_has ||
	    a->pr_fp != b->pr_fp || a->pr_ra != b->pr_ra || a->pr_cfa != b->pr_cfa) {
		if (a->fp_where == REG_SAVED_PTR || a->ra_where == REG_SAVED_PTR)
			return NULL;
		w.pr_known = false;
		w.pr_has = 0;
	}
	/* x29 = 0 on one path only: x29 is a general register here (it is
	 * no frame address on either path, fp_val_known agrees), so the
	 * weaker state just does not know its value (clang 16 -O2 zstd
	 * leaves: "mov x29, xzr" in a loop).  Fail safe: x29 = 0 only
	 * exempts calls from the frame-record rule. */
	if (a->fp_zero != b->fp_zero)
		w.fp_zero = false;
	if (!sp_same(a, b)) {
		w.sp_known = false;
		w.sp_off = 0;
		w.sp_vl = 0;
	}
	if (!cfa_spelled(&w, a->cfa_base, a->cfa_reg)) {
		if (w.sp_known) {
			w.cfa_base = CFA_SP;
			w.cfa_off = -w.sp_off;
		} else if (w.fp_val_known) {
			w.cfa_base = CFA_FP;
			w.cfa_off = -w.fp_val;
		} else if (w.xr_known && (loop || b->cfa_base == CFA_REG)) {
			w.cfa_base = CFA_REG;
			w.cfa_reg = w.xr_reg;
			w.cfa_off = -w.xr_val;
		} else {
			return NULL;
		}
	}
	return cfi_hash_find_or_add(&w);
}

/*
 * The state at instruction i is replaced by a weaker one (a join).  A
 * finding made at i from the old state is superseded when i's state becomes
 * unknown and a join mismatch is pending: the mismatch is the cause.
 */
static void restate(struct ctx *c, uint32_t i, const struct cfi_state *m)
{
	c->f->states[i] = m;
	if (m->unknown && c->pend && c->warned &&
	    c->res->findings[c->fidx].off == idx_off(c, i)) {
		c->res->findings[c->fidx] = c->pending;
		c->pend = false;
	}
}

/*
 * Two paths meet at i with states that do not reconcile: a finding (kept
 * aside when the function already has one, see restate()), and the state
 * there becomes unknown, fail safe: neither path's state is right for the
 * other, so no ORC record may claim either.
 */
static void join_mismatch(struct ctx *c, uint32_t i, int32_t from, const struct cfi_state *a,
			  const struct cfi_state *b)
{
	char x[CHECK_STATE_TEXT], y[CHECK_STATE_TEXT];

	c->bt_from = from;
	cfi_format(a, x, sizeof(x));
	cfi_format(b, y, sizeof(y));
	if (!c->warned)
		warn(c, i, W_MISMATCH, x, y);
	else
		warn_pending(c, i, W_MISMATCH, x, y);
	c->bt_from = -1;
}

/*
 * "cmp sp, xN ; b.ne loop" (GCC's stack-clash probe loop) or "cmp sp, xN ;
 * b.eq done": on the edge where the comparison held, SP equals xN, so SP is
 * known again when xN = CFA + k is.  pred is the instruction before the
 * branch on this path; st the state at the branch.  Returns the state for
 * the equality edge.
 */
static const struct cfi_state *sp_eq_edge(const struct ctx *c, int32_t pred,
					  const struct cfi_state *st)
{
	const struct insn_dp *dp;
	struct cfi_state s;
	unsigned other;

	if (pred < 0 || st->unknown || !st->xr_known)
		return st;
	dp = &c->insns[pred].dp;
	if (dp->kind != DP_CMP_REG || !dp->neg || !dp->is64 || dp->shift ||
	    (dp->ext != DP_EXT_NONE && dp->ext != DP_EXT_UXTX && dp->ext != DP_EXT_SXTX))
		return st;		/* not a 64-bit equality of two registers */
	if (dp->rn == CFI_SP)
		other = dp->rm;
	else if (dp->rm == CFI_SP)
		other = dp->rn;
	else
		return st;
	if (other != st->xr_reg)
		return st;
	s = *st;
	set_sp(&s, st->xr_val);
	return cfi_hash_find_or_add(&s);
}

/*
 * Control leaves the function's last word without a branch: into the next
 * function, possibly across padding, or into code no symbol names (a local
 * helper of a stripped file), which is named by its address.
 */
static void fall_off(struct ctx *c, uint32_t i)
{
	struct cfg_func *next = c->f + 1;
	struct section *sec = c->f->sec;
	uint64_t end = next < c->res->cfg.funcs + c->res->cfg.nr_funcs && next->sec == sec ?
		       next->start : sec->size & ~3ull;
	uint64_t code = cfg_code_after(&c->res->cfg, c->f);
	char name[40];

	c->f->fall_exit = true;
	if (code < end) {
		snprintf(name, sizeof(name), "0x%llx (no symbol)",
			 (unsigned long long)cfg_addr(sec, code));
		warn(c, i, W_FALLTHROUGH, name);
	} else if (end != (sec->size & ~3ull)) {
		warn(c, i, W_FALLTHROUGH, next->name);
	} else {
		warn(c, i, W_FALLOFF);
	}
}

/*
 * Follow one path from c->work's top until it ends or meets a state already
 * recorded.  Returns nothing: findings go through warn().
 */
static void walk(struct ctx *c, struct work w)
{
	const struct cfi_state *st = w.st, **states = c->f->states;
	uint32_t i = w.idx;
	int32_t from = w.from;
	struct cfg_dest d;

	c->kvalid = 0;
	for (;;) {
		const struct insn *insn;
		int32_t pred;

		if (i >= c->n) {
			fall_off(c, from >= 0 ? (uint32_t)from : 0);
			return;
		}
		if (states[i] == st || (states[i] && states[i]->unknown))
			return;		/* nothing new on this path */
		if (states[i]) {
			/*
			 * A join.  The state there only ever gets weaker
			 * (relations dropped, SP unknown, unknown), a few
			 * steps at most, so re-walking from here ends.
			 */
			const struct cfi_state *m = st->unknown ? NULL :
				meet(states[i], st, from >= (int32_t)i, c->no_fp);

			if (m == states[i])
				return;		/* the incoming state adds nothing */
			if (!m) {
				if (!st->unknown)
					join_mismatch(c, i, from, states[i], st);
				m = unknown_state;	/* fail safe */
			}
			restate(c, i, m);
			st = m;
			goto again;
		}
		states[i] = st;
		c->path[i] = from;
		c->res->nr_insns++;
again:
		insn = &c->insns[i];
		if (c->flags[i] & F_ALT)
			alt_paths(c, i, st);
		if (c->flags[i] & F_DATA || insn->cls == INSN_UNALLOCATED) {
			warn(c, i, W_UNDECODABLE, insn->word);
			return;
		}
		if (c->flags[i] & F_JOIN)
			c->kvalid = 0;	/* another path enters with constants of its own */
		st = transfer(c, i, st, insn);
		track_const(c, insn);
		pred = from;
		from = (int32_t)i;
		switch (insn->cls) {
		case INSN_CALL: {
			bool dest = insn->has_target &&
				    cfg_branch_dest(&c->res->cfg, c->f->sec, idx_off(c, i), insn, &d);

			if (dest && d.func == c->f && d.sec == c->f->sec && d.off == idx_off(c, i) + 4)
				break;	/* "bl .+4" inside the function: no callee, only x30
					 * written (a return-stack flush,
					 * qcom_link_stack_sanitisation); a call to the next
					 * function is a call */
			if (dest && go_morestack_call(c, i, states[i], callee_func(&d))) {
				st = entry_state;	/* resumed as it was */
				break;
			}
			check_call(c, i, states[i]);
			if (!insn->has_target && i + 1 == c->n && !c->f->from_label && c->f->sym->size)
				return;	/* a compiler puts nothing after a call that does not
					 * return: a sized function's last word, a call through
					 * a pointer (efi_enter_kernel's jump into the kernel) */
			if (dest && cfg_dest_noreturn(&d)) {
				if (i + 1 < c->n)
					c->flags[i + 1] |= F_AFTER_END;
				return;
			}
			break;
		}
		case INSN_RETURN:
			check_return(c, i, states[i], insn);
			return;
		case INSN_JUMP_COND:
		case INSN_JUMP_UNCOND: {
			const struct cfi_state *taken = st;

			if (insn->cls == INSN_JUMP_COND && insn->cond == ARCH_COND_EQ)
				taken = sp_eq_edge(c, pred, st);
			else if (insn->cls == INSN_JUMP_COND && insn->cond == ARCH_COND_NE)
				st = sp_eq_edge(c, pred, st);	/* the fall-through */
			if (!cfg_branch_dest(&c->res->cfg, c->f->sec, idx_off(c, i), insn, &d))
				break;
			if (d.func == c->f && d.sec == c->f->sec) {
				uint32_t t = (uint32_t)((d.off - c->f->start) / 4);

				if (insn->cls == INSN_JUMP_UNCOND) {
					i = t;
					continue;
				}
				push(c, t, from, taken);
			} else if (insn->cls == INSN_JUMP_COND && d.sec == c->f->sec &&
				   d.off == c->f->end && !c->f->from_label && c->f->sym->size &&
				   !taken->unknown && teardown_problem(taken, true) != W_NR) {
				/* to the function's own end with the frame live: the
				 * empty block of a path the compiler knows is never
				 * taken (clang's unreachable after a noreturn call,
				 * libLLVM), not a tail call; not followed */
			} else {
				branch_out(c, i, &d, taken);
				if (insn->cls == INSN_JUMP_UNCOND)
					return;
			}
			break;
		}
		case INSN_JUMP_DYNAMIC:
			jump_dynamic(c, i, st);
			return;
		case INSN_TRAP:
			if (i + 1 < c->n)
				c->flags[i + 1] |= F_AFTER_END;
			return;
		case INSN_ERET:
			return;
		default:
			break;
		}
		i++;
	}
}

static int grow(struct ctx *c, uint32_t n)
{
	if (n <= c->cap)
		return 0;
	free(c->insns);
	free(c->path);
	free(c->flags);
	free(c->stk);
	c->cap = n + n / 2;
	c->insns = malloc(c->cap * sizeof(*c->insns));
	c->path = malloc(c->cap * sizeof(*c->path));
	c->flags = malloc(c->cap);
	c->stk = malloc(c->cap * sizeof(*c->stk));
	if (!c->insns || !c->path || !c->flags || !c->stk) {
		fpv_oom(c->res->elf->path);
		return -1;
	}
	return 0;
}

static void decode_func(struct ctx *c)
{
	struct cfg_func *f = c->f;
	const struct cfg_file *cf = &c->res->cfg;
	/* the alternatives in f, walked in step (cf->alts is sorted) */
	const struct cfg_alt *a = cf->nr_alts ? cfg_alt_from(cf, f->sec, f->start) : NULL;
	const struct cfg_alt *aend = cf->nr_alts ? cf->alts + cf->nr_alts : NULL;
	uint64_t lo;

	for (uint32_t i = 0; i < c->n; i++) {
		uint64_t off = idx_off(c, i);

		c->flags[i] = 0;
		c->path[i] = -1;
		if (f->sec->nr_maps && elf_is_data(f->sec, off)) {
			c->flags[i] = F_DATA;
			memset(&c->insns[i], 0, sizeof(c->insns[i]));
			c->insns[i].cls = INSN_UNALLOCATED;
			c->insns[i].word = cfg_word(f->sec, off);
			continue;
		}
		arch_decode(cfg_word(f->sec, off), cfg_addr(f->sec, off), &c->insns[i]);
		while (a && a < aend && a->sec == f->sec && a->off < off)
			a++;
		if (a && a < aend && a->sec == f->sec && a->off == off)
			c->flags[i] = F_ALT;
	}
	lo = cfg_addr(f->sec, f->start);
	for (uint32_t i = 0; i < c->n; i++) {
		const struct insn *insn = &c->insns[i];

		if ((insn->cls == INSN_JUMP_COND || insn->cls == INSN_JUMP_UNCOND) &&
		    insn->has_target && insn->target >= lo && (insn->target - lo) / 4 < c->n &&
		    !(insn->target & 3))
			c->flags[(insn->target - lo) / 4] |= F_JOIN;
	}
}

/* Alignment padding: NOP or a zero word. */
static bool is_padding(const struct insn *insn)
{
	return insn->is_nop || insn->word == 0;
}

/* An instruction after which execution never continues with the next word. */
static bool ends_path(const struct insn *insn)
{
	return insn->cls == INSN_RETURN || insn->cls == INSN_JUMP_UNCOND ||
	       insn->cls == INSN_JUMP_DYNAMIC || insn->cls == INSN_ERET;
}

/*
 * Go's assembler ends a function whose literal pool comes last with "b" to
 * the pool's end, which is no instruction: "b ." (cmd/internal/obj/arm64,
 * flushpool), then the pool's words.  In a function of .gopclntab, such a
 * branch to itself right after the end of a path starts data up to the
 * function's end.
 */
static bool go_pool_start(const struct ctx *c, uint32_t i)
{
	const struct insn *insn = &c->insns[i];

	return i && ends_path(&c->insns[i - 1]) && insn->cls == INSN_JUMP_UNCOND &&
	       insn->has_target && insn->target == cfg_addr(c->f->sec, idx_off(c, i)) &&
	       elf_go_func(c->res->elf, insn->target);
}

/*
 * Padding, the code after a trap or a noreturn call, the speculation
 * barriers after a RET or BR (-mharden-sls=retbr: "ret ; dsb sy ; isb", or
 * "sb") and Go's literal pool are not "unreachable".
 */
static void check_unreachable(struct ctx *c)
{
	bool after_end = false, sls = false;

	for (uint32_t i = 0; i < c->n; i++) {
		const struct insn *insn = &c->insns[i];

		sls = insn->is_spec_barrier && (sls || (i && ends_path(&c->insns[i - 1])));
		if (c->f->states[i]) {
			after_end = false;
			continue;
		}
		if (c->flags[i] & F_AFTER_END)
			after_end = true;
		if (c->flags[i] & F_DATA || after_end || sls || is_padding(insn))
			continue;
		if (go_pool_start(c, i))
			return;
		if (insn->cls == INSN_UNALLOCATED) {
			warn(c, i, W_UNDECODABLE, insn->word);
			return;
		}
		warn(c, i, W_UNREACHABLE);
		return;
	}
}

#define MAX_LANDING_PADS 1024

/* ---- dead code after noreturn calls ---- */

#define F_DEAD_SEEN	8	/* mark_dead: reachable from a noreturn call's next word */
#define F_ENTRY		16	/* mark_dead: entered from outside the function's own flow */
#define F_LIVE		32	/* mark_dead: also reachable from code that may run */

/* Whether the call at i is one fpv knows never returns. */
static bool call_never_returns(const struct ctx *c, uint32_t i)
{
	struct cfg_dest d;

	return c->insns[i].cls == INSN_CALL && c->insns[i].has_target &&
	       cfg_branch_dest(&c->res->cfg, c->f->sec, idx_off(c, i), &c->insns[i], &d) &&
	       cfg_dest_noreturn(&d);
}

/*
 * Where control can go from instruction i by the function's own code, as
 * the walk follows it: the next word unless i ends the path (a return, a
 * B, a BR, a trap, a call that never returns), and a direct branch's
 * target in the function.  The targets of a BR fpv did not read are not
 * known here.  Returns the number written to out[].
 */
static unsigned static_succs(const struct ctx *c, uint32_t i, uint32_t out[2])
{
	const struct insn *insn = &c->insns[i];
	struct cfg_dest d;
	unsigned n = 0;

	if (c->flags[i] & F_DATA)
		return 0;
	if ((insn->cls == INSN_JUMP_COND || insn->cls == INSN_JUMP_UNCOND) &&
	    cfg_branch_dest(&c->res->cfg, c->f->sec, idx_off(c, i), insn, &d) &&
	    d.func == c->f && d.sec == c->f->sec)
		out[n++] = (uint32_t)((d.off - c->f->start) / 4);
	if (ends_path(insn) || insn->cls == INSN_TRAP || insn->cls == INSN_UNALLOCATED ||
	    call_never_returns(c, i))
		return n;
	if (i + 1 < c->n)
		out[n++] = i + 1;
	return n;
}

/*
 * From the indexes c->stk[0..n), mark with flag every instruction the
 * analysis did not reach that static_succs() leads to, staying inside the
 * instructions that carry within (when non-zero).
 */
static void dead_flood(struct ctx *c, size_t n, uint8_t flag, uint8_t within)
{
	while (n) {
		uint32_t s[2], i = c->stk[--n];
		unsigned k = static_succs(c, i, s);

		while (k--) {
			uint8_t fl = c->flags[s[k]];

			if (c->f->states[s[k]] || (fl & (flag | F_DATA)) || (within && !(fl & within)))
				continue;
			c->flags[s[k]] |= flag;
			c->stk[n++] = s[k];
		}
	}
}

/* The instructions of f something outside its own flow may enter (F_ENTRY). */
static void mark_entries(struct ctx *c)
{
	struct cfg_lp lps[MAX_LANDING_PADS];
	const struct cfg_ref *r;
	size_t n = cfg_refs_in(&c->res->cfg, c->f, &r);

	for (size_t k = 0; k < n; k++)		/* data, code, other functions */
		c->flags[(r[k].off - c->f->start) / 4] |= F_ENTRY;
	n = cfg_landing_pads(&c->res->cfg, c->f, lps, MAX_LANDING_PADS);
	for (size_t k = 0; k < n; k++)
		if (lps[k].pad >= c->f->start && lps[k].pad < c->f->end)
			c->flags[(lps[k].pad - c->f->start) / 4] |= F_ENTRY;
	for (uint32_t i = 0; i < c->n; i++) {	/* kernel patching: every way back in */
		const struct cfg_alt *a = (c->flags[i] & F_ALT) ?
			cfg_alt_at(&c->res->cfg, c->f->sec, idx_off(c, i)) : NULL;

		for (; a && a < c->res->cfg.alts + c->res->cfg.nr_alts && a->sec == c->f->sec &&
		       a->off == idx_off(c, i); a++) {
			if (i + a->len / 4 < c->n)
				c->flags[i + a->len / 4] |= F_ENTRY;
			if (a->tsec == c->f->sec && a->toff >= c->f->start && a->toff < c->f->end)
				c->flags[(a->toff - c->f->start) / 4] |= F_ENTRY;
			for (uint64_t k = 0; a->rsec && k < a->rlen; k += 4) {
				struct insn insn;
				struct cfg_dest d;

				arch_decode(cfg_word(a->rsec, a->roff + k), cfg_addr(a->rsec, a->roff + k),
					    &insn);
				if (cfg_branch_dest(&c->res->cfg, a->rsec, a->roff + k, &insn, &d) &&
				    d.func == c->f && d.sec == c->f->sec)
					c->flags[(d.off - c->f->start) / 4] |= F_ENTRY;
			}
		}
	}
}

/*
 * Code after a call that never returns (rustc's "brk #1", a "b" to a
 * shared one, GCC's and Clang's blocks for a path they know ends there)
 * or after a trap (GCC's __builtin_trap() "brk #0x3e8" in a table entry
 * followed by the entry's "b"), padding, and the speculation barriers after
 * a RET or BR: no execution reaches them, so they have no state, and they
 * are not code fpv failed to follow.  objtool lets the trap after a
 * noreturn call (or a jump to one) be; here the rule is the control flow
 * itself.  An instruction is dead when the analysis did not reach it, it
 * is reachable by the function's own flow from the word after such a call
 * or trap (or is itself padding or such a barrier), and nothing else may
 * enter it: no other unreached instruction leads to it (a block behind a
 * table fpv did not read), and neither does
 * anything outside the function's own flow (a landing pad, an address in
 * data or computed in code, a branch from another function, kernel
 * patching).  A function that took a BR fpv did not resolve, or holds one
 * outside the dead code that it did not reach, may enter any of its words:
 * none is dead there.
 */
static void mark_dead(struct ctx *c)
{
	const struct cfi_state **states = c->f->states;
	size_t n = 0;
	bool seen = false, after_end = false;

	if (c->f->dyn_exit)
		return;
	for (uint32_t i = 0; i + 1 < c->n; i++) {
		if (!states[i + 1] && !(c->flags[i + 1] & F_DATA) &&
		    (call_never_returns(c, i) || c->insns[i].cls == INSN_TRAP)) {
			c->flags[i + 1] |= F_DEAD_SEEN;
			c->stk[n++] = i + 1;
		}
	}
	dead_flood(c, n, F_DEAD_SEEN, 0);
	/*
	 * Padding (NOP, zero words) and the speculation barriers after an
	 * instruction that ends the path are seen as dead themselves, without
	 * leading further: the code after them may be a block fpv failed to
	 * reach.  Unreached code falling into them makes them live below.
	 */
	for (uint32_t i = 0; i < c->n; i++) {
		const struct insn *insn = &c->insns[i];

		after_end = !states[i] && (after_end || (i && (ends_path(&c->insns[i - 1]) ||
							      (c->flags[i - 1] & F_DEAD_SEEN))));
		if (states[i] || (c->flags[i] & (F_DATA | F_DEAD_SEEN)))
			continue;
		if (is_padding(insn) || (insn->is_spec_barrier && after_end)) {
			c->flags[i] |= F_DEAD_SEEN;
			seen = true;
		}
	}
	if (!n && !seen)
		return;
	mark_entries(c);
	n = 0;
	for (uint32_t i = 0; i < c->n; i++) {
		if (states[i] || (c->flags[i] & F_DATA))
			continue;
		if (!(c->flags[i] & F_DEAD_SEEN) || (c->flags[i] & F_ENTRY)) {
			c->flags[i] |= F_LIVE;
			c->stk[n++] = i;
		}
	}
	dead_flood(c, n, F_LIVE, F_DEAD_SEEN);
	for (uint32_t i = 0; i < c->n; i++)
		if (!states[i] && (c->flags[i] & F_LIVE) && c->insns[i].cls == INSN_JUMP_DYNAMIC)
			return;		/* a BR that may run, to targets not known */
	for (uint32_t i = 0; i < c->n; i++)
		c->f->dead[i] = !states[i] && (c->flags[i] & (F_DEAD_SEEN | F_LIVE)) == F_DEAD_SEEN;
}

/*
 * Exception landing pads (cfg_eh.c): the unwinder enters a pad from a call
 * that threw, with the frame as it was at that call.  Each pad whose call
 * site holds a reached call starts from the state at that call.  Code
 * built with -fnon-call-exceptions (gccgo: a nil dereference is a panic)
 * also throws from a faulting load or store, and its call sites may hold
 * no call: such a pad starts from the state at the first reached
 * instruction of the call site.  Pads found reachable only from other pads
 * are entered on a later round.
 */
static void enter_landing_pads(struct ctx *c)
{
	struct cfg_lp lps[MAX_LANDING_PADS];
	size_t n = cfg_landing_pads(&c->res->cfg, c->f, lps, MAX_LANDING_PADS);
	bool more = n > 0;

	while (more) {
		more = false;
		for (size_t k = 0; k < n; k++) {
			uint32_t pad = (uint32_t)((lps[k].pad - c->f->start) / 4);

			if (pad >= c->n || c->f->states[pad])
				continue;
			int32_t from = -1;

			for (uint64_t off = lps[k].start & ~3ull; off < lps[k].end && off < c->f->end; off += 4) {
				uint32_t i = (uint32_t)((off - c->f->start) / 4);

				if (!c->f->states[i])
					continue;
				if (from < 0)
					from = (int32_t)i;	/* a faulting access */
				if (c->insns[i].cls == INSN_CALL) {
					from = (int32_t)i;
					break;
				}
			}
			if (from >= 0) {
				push(c, pad, from, c->f->states[from]);
				more = true;
			}
		}
		while (c->nr_work)
			walk(c, c->work[--c->nr_work]);
	}
}

/*
 * Go: when a deferred call recovers a panic, the runtime resumes the frame
 * that deferred it at the call of runtime.deferreturn, _func.deferreturn
 * bytes into the function, which no branch reaches (runtime/panic.go,
 * recovery), with SP and x29 as at its calls.  It starts from the state
 * at the first reached call that has the frame record.
 */
static void enter_go_deferreturn(struct ctx *c)
{
	const struct go_func *g = c->f->go;
	uint32_t t;

	if (!g || !g->deferreturn || g->deferreturn % 4 || g->deferreturn / 4 >= c->n)
		return;
	t = g->deferreturn / 4;
	if (c->f->states[t] || (c->flags[t] & F_DATA))
		return;
	for (uint32_t i = 0; i < c->n; i++) {
		const struct cfi_state *s = c->f->states[i];

		if (s && !s->unknown && s->fp_is_frame && c->insns[i].cls == INSN_CALL) {
			push(c, t, (int32_t)i, s);
			while (c->nr_work)
				walk(c, c->work[--c->nr_work]);
			return;
		}
	}
}

/* Whether insn stores general register reg to the stack. */
static bool stores_to_stack(const struct insn *insn, unsigned reg)
{
	for (unsigned k = 0; k < insn->nr_ops; k++) {
		const struct stack_op *o = &insn->ops[k];

		if (o->dest.type == OP_DEST_MEM && o->dest.reg == CFI_SP &&
		    o->src.type == OP_SRC_REG && o->src.reg == reg && !o->fp_simd)
			return true;
	}
	return false;
}

/*
 * Handlers whose address the function keeps on its stack: "adr x16, handler
 * ; str x26, [sp, #-16]! ; str x16, [sp, #8] ; mov x26, sp", OCaml's trap
 * frame (caml_raise_exn restores SP from the trap pointer, pops the frame and
 * jumps to the handler), and GCC's __builtin_setjmp receivers.  The code
 * that jumps there restores SP to what it was before the address was
 * pushed, so a handler in the function not otherwise reached starts from
 * the state at the ADR, when the address is stored to the stack within the
 * next three instructions.
 */
static void enter_stacked_handlers(struct ctx *c)
{
	bool more = true;

	while (more) {
		more = false;
		for (uint32_t i = 0; i < c->n; i++) {
			const struct insn *a = &c->insns[i];
			uint64_t h, addr = cfg_addr(c->f->sec, c->f->start);

			if (!c->f->states[i] || !a->is_adr || a->dp.kind == DP_ADD_IMM ||
			    a->reg > 30 || a->adr_value < addr || (a->adr_value & 3))
				continue;
			h = (a->adr_value - addr) / 4;
			if (h >= c->n || c->f->states[h])
				continue;
			for (uint32_t k = i + 1; k < c->n && k <= i + 3; k++) {
				if (stores_to_stack(&c->insns[k], a->reg)) {
					push(c, (uint32_t)h, (int32_t)i, c->f->states[i]);
					more = true;
					break;
				}
				if (c->insns[k].regs_written & (UINT64_C(1) << a->reg))
					break;
			}
		}
		while (c->nr_work)
			walk(c, c->work[--c->nr_work]);
	}
}

/*
 * A label (not STT_FUNC) is no entry point when it marks data in text (a
 * table the linker script placed there: __start___kvm_ex_table,
 * tramp_vectors' leading .space) or only padding (a linker-script boundary
 * such as _stext or __lock_text_start on the NOPs that
 * -fpatchable-function-entry=4,2 puts before the next function).
 */
static bool label_is_code(const struct ctx *c)
{
	if (c->flags[0] & F_DATA)
		return false;
	for (uint32_t i = 0; i < c->n; i++)
		if (!(c->flags[i] & F_DATA) && !is_padding(&c->insns[i]))
			return true;
	return false;
}

/* Analyse c->f from its entry (and, for a cold split, from every branch in). */
static int analyze_func(struct ctx *c, struct cfg_func *f)
{
	c->f = f;
	c->n = (uint32_t)((f->end - f->start) / 4);
	c->warned = false;
	c->pend = false;
	if (grow(c, c->n) < 0)
		return -1;
	decode_func(c);
	c->res->nr_words += c->n;
	f->status = FUNC_OK;
	c->nr_work = 0;
	if (f->is_cold) {
		for (size_t k = 0; k < c->nr_cold; k++)
			if (c->cold[k].f == f)
				push(c, c->cold[k].idx, -1, c->cold[k].st);
	} else if (!(f->from_label && !label_is_code(c))) {
		push(c, 0, -1, entry_state);
	}
	while (c->nr_work)
		walk(c, c->work[--c->nr_work]);
	enter_landing_pads(c);
	enter_go_deferreturn(c);
	enter_stacked_handlers(c);
	check_unreachable(c);
	mark_dead(c);
	return 0;
}

static bool cold_entered(const struct ctx *c, const struct cfg_func *f)
{
	for (size_t k = 0; k < c->nr_cold; k++)
		if (c->cold[k].f == f)
			return true;
	return false;
}

static int analyze_all(struct ctx *c)
{
	struct check_result *res = c->res;
	size_t total = 0, done_cold = 0, pass;

	for (size_t k = 0; k < res->cfg.nr_funcs; k++)
		total += (res->cfg.funcs[k].end - res->cfg.funcs[k].start) / 4;
	res->pool = calloc(total ? total : 1, sizeof(*res->pool));
	res->dead = calloc(total ? total : 1, 1);
	if (!res->pool || !res->dead) {
		fpv_oom(res->elf->path);
		return -1;
	}
	total = 0;
	for (size_t k = 0; k < res->cfg.nr_funcs; k++) {
		struct cfg_func *f = &res->cfg.funcs[k];

		f->states = res->pool + total;
		f->dead = res->dead + total;
		total += (f->end - f->start) / 4;
		progress_funcs("analysing", k, res->cfg.nr_funcs);
		if (!f->is_cold && analyze_func(c, f) < 0)
			return -1;
	}
	/* Cold splits, once their parents (or other splits) have entered them. */
	for (pass = 0; pass < 8; pass++) {
		size_t before = done_cold;

		for (size_t k = 0; k < res->cfg.nr_funcs; k++) {
			struct cfg_func *f = &res->cfg.funcs[k];

			if (!f->is_cold || f->status != FUNC_NOT_ANALYZED || !cold_entered(c, f))
				continue;
			if (analyze_func(c, f) < 0)
				return -1;
			done_cold++;
		}
		if (done_cold == before)
			break;
	}
	return 0;
}

/* One analysis of the file under one rule for calls. */
static int check_run(struct elf_file *elf, const struct check_opts *opts, bool no_fp,
		     struct check_result *res)
{
	struct ctx c;
	struct cfi_state e;
	int ret;

	memset(res, 0, sizeof(*res));
	memset(&c, 0, sizeof(c));
	res->elf = elf;
	res->no_fp = no_fp;
	c.opts = opts;
	c.no_fp = no_fp;
	c.res = res;
	c.bt_from = -1;
	cfi_init_entry(&e);
	entry_state = cfi_hash_find_or_add(&e);
	memset(&e, 0, sizeof(e));
	e.unknown = true;
	unknown_state = cfi_hash_find_or_add(&e);
	if (cfg_load(elf, &res->cfg) < 0 || cfg_find_noreturn(&res->cfg) < 0)
		return -1;
	c.jt = malloc(CFG_MAX_TABLE * sizeof(*c.jt));
	ret = c.jt ? analyze_all(&c) : fpv_oom(elf->path);
	if (res->cfg.failed)
		ret = -1;	/* an index the analysis needed was lost: message printed */
	free(c.jt);
	free(c.insns);
	free(c.path);
	free(c.flags);
	free(c.stk);
	free(c.work);
	free(c.cold);
	if (ret < 0)
		return ret;
	for (size_t k = 0; k < res->cfg.nr_funcs; k++) {
		res->nr_calls_fp += res->cfg.funcs[k].call_fp;
		res->nr_calls_no_fp += res->cfg.funcs[k].call_no_fp && !res->cfg.funcs[k].call_fp;
	}
	return (int)res->nr_findings;
}

/*
 * CHECK_AUTO found a file built without frame records: its one finding, at
 * the first call made without a frame record, goes first.
 */
static int add_no_fp_finding(struct check_result *res, size_t func_idx, uint64_t off,
			     size_t without, size_t with)
{
	struct check_finding *n = realloc(res->findings, (res->nr_findings + 1) * sizeof(*n));

	if (!n) {
		fpv_oom(res->elf->path);
		return -1;
	}
	memmove(n + 1, n, res->nr_findings * sizeof(*n));
	memset(n, 0, sizeof(*n));
	n->func = &res->cfg.funcs[func_idx];
	n->off = off;
	n->id = W_NO_FRAME_RECORDS;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(n->text, sizeof(n->text), warn_fmt[W_NO_FRAME_RECORDS], without, without + with);
#pragma GCC diagnostic pop
	res->findings = n;
	res->nr_findings++;
	return 0;
}

int check_file(struct elf_file *elf, const struct check_opts *opts, struct check_result *res)
{
	size_t with, without, first = 0;
	uint64_t off = 0;
	int ret = check_run(elf, opts, opts->mode == CHECK_NO_FP, res);

	if (ret < 0 || opts->mode != CHECK_AUTO)
		return ret;
	with = res->nr_calls_fp;
	without = res->nr_calls_no_fp;
	if (without <= with)
		return ret;
	/* Built without frame records: the --no-fp rule, and one finding. */
	for (size_t k = 0; k < res->cfg.nr_funcs; k++) {
		if (res->cfg.funcs[k].call_no_fp) {
			first = k;
			off = res->cfg.funcs[k].call_no_fp_off;
			break;
		}
	}
	check_free(res);
	ret = check_run(elf, opts, true, res);
	if (ret < 0)
		return ret;
	if (first >= res->cfg.nr_funcs || add_no_fp_finding(res, first, off, without, with) < 0)
		return -1;
	return (int)res->nr_findings;
}

void check_free(struct check_result *res)
{
	cfg_free(&res->cfg);
	free(res->findings);
	free(res->pool);
	free(res->dead);
	memset(res, 0, sizeof(*res));
}

const struct cfi_state *check_state_at(const struct check_result *res,
				       const struct section *sec, uint64_t off)
{
	struct cfg_func *f = cfg_func_at(&res->cfg, sec, off);

	if (!f || !f->states || (off & 3))
		return NULL;
	return f->states[(off - f->start) / 4];
}
