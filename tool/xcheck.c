// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The classification behind `fpv xcheck`, `fpv explain` and the cross-check
 * of `fpv orc --from=...` (xcheck.h): whether two frame states give the
 * same CFA, the same x29 and x30 slots and the same signing state, and if
 * not, the first difference, refined where both sides are right or where
 * SFrame differs from the DWARF gas made it from.
 */
#include <stdint.h>

#include "xcheck.h"
static const char *const class_names[XC_NR_CLASSES] = {
#define XC_NAME(id, name) name,
	XCHECK_CLASSES(XC_NAME)
#undef XC_NAME
};

const char *xcheck_class_name(enum xcheck_class c)
{
	return c < XC_NR_CLASSES ? class_names[c] : "?";
}

/* CFA: same base and offset, or different bases related by what is known. */
static enum xcheck_class cfa_compare(const struct cfi_state *f, const struct cfi_state *w)
{
	/* fpv's CFA read from memory (libffi's ffi_call_SYSV): no witness says that */
	if (f->cfa_base == CFA_PTR || w->cfa_base == CFA_PTR)
		return XC_CFA_BASE;
	if (w->cfa_base == CFA_REG || f->cfa_base == CFA_REG) {
		if (f->cfa_base == w->cfa_base && f->cfa_reg == w->cfa_reg)
			return f->cfa_off == w->cfa_off ? XC_AGREE : XC_CFA_OFFSET;
		/* The witness's base is a scratch register fpv relates to the
		 * CFA (xN = CFA + k): GCC's "mov x9, sp" / "sub x12, sp, #N". */
		if (w->cfa_base == CFA_REG && f->xr_known && f->xr_reg == w->cfa_reg)
			return -f->xr_val == w->cfa_off ? XC_AGREE : XC_CFA_OFFSET;
		return XC_CFA_BASE;
	}
	if (f->cfa_base == w->cfa_base)
		return f->cfa_off == w->cfa_off ? XC_AGREE : XC_CFA_OFFSET;
	/* One says x29 + a, the other sp + b: x29 = CFA - a must match. */
	const struct cfi_state *fp_based = f->cfa_base == CFA_FP ? f : w;
	const struct cfi_state *sp_based = f->cfa_base == CFA_FP ? w : f;
	if (sp_based->fp_val_known)
		return sp_based->fp_val == -fp_based->cfa_off ? XC_AGREE : XC_CFA_OFFSET;
	if (fp_based->sp_known)
		return fp_based->sp_off == -sp_based->cfa_off ? XC_AGREE : XC_CFA_OFFSET;
	/* GCC epilogues: "ldp x29, x30, [sp, #n]" before "add sp", CFA still x29-based. */
	if (fp_based == w && f->fp_where == REG_SAME && !f->fp_val_known)
		return XC_CFA_STALE_FP;
	return XC_CFA_BASE;
}

static bool slot_equal(uint8_t wa, int32_t oa, uint8_t wb, int32_t ob)
{
	return wa == wb && (wa != REG_SAVED || oa == ob);
}

enum xcheck_class xcheck_compare(const struct cfi_state *f, const struct cfi_state *w)
{
	enum xcheck_class c;

	if (f->unknown || f->cfa_base == CFA_UNDEF)
		return XC_FPV_UNKNOWN;
	if ((c = cfa_compare(f, w)) != XC_AGREE)
		return c;
	if (!slot_equal(f->fp_where, f->fp_off, w->fp_where, w->fp_off))
		return XC_FP_SLOT;
	if (!slot_equal(f->ra_where, f->ra_off, w->ra_where, w->ra_off))
		return XC_RA_SLOT;
	if (f->ra_signed != w->ra_signed)
		return XC_RA_SIGNING;
	return XC_AGREE;
}

/* x29 or x30 in a different but equivalent place (see xcheck.h). */
static enum xcheck_class slot_equiv(uint8_t fw, int32_t fo, uint8_t ww, int32_t wo,
				    int32_t saved, bool reg_intact, bool is_fp)
{
	if (slot_equal(fw, fo, ww, wo))
		return XC_AGREE;
	if (fw == REG_SAME && ww == REG_SAVED && wo == saved)
		return is_fp ? XC_FP_RESTORED : XC_RA_RESTORED;
	if (fw == REG_SAVED && ww == REG_SAME && reg_intact)
		return is_fp ? XC_FP_IN_REG : XC_RA_IN_REG;
	return is_fp ? XC_FP_SLOT : XC_RA_SLOT;
}

/*
 * The outermost frame, said two ways: fpv ends the frame chain with x29 = 0
 * (crt1's _start: "mov x29, #0 ; mov x30, #0"), DWARF with an undefined
 * return address column (the same _start: ".cfi_undefined x30").  Where
 * the CFA agrees and neither side has saved x29 or x30, either mark means
 * there is no caller to unwind to.
 */
static bool outermost(const struct cfi_state *f, const struct cfi_state *w)
{
	return (f->fp_zero || w->ra_where == REG_UNDEF) &&
	       f->fp_where != REG_SAVED && f->ra_where != REG_SAVED &&
	       w->fp_where != REG_SAVED && w->ra_where != REG_SAVED;
}

enum xcheck_class xcheck_refine(enum xcheck_class c, const struct cfi_state *f,
				const struct cfi_state *w, int32_t fp_saved, int32_t ra_saved)
{
	if (c != XC_FP_SLOT && c != XC_RA_SLOT)
		return c;
	if (outermost(f, w))
		return XC_OUTERMOST;
	bool fp_intact = !f->fp_val_known && !f->fp_is_frame;
	enum xcheck_class fc = slot_equiv(f->fp_where, f->fp_off, w->fp_where, w->fp_off,
					  fp_saved, fp_intact, true);
	enum xcheck_class rc = slot_equiv(f->ra_where, f->ra_off, w->ra_where, w->ra_off,
					  ra_saved, true, false);
	/* A real slot difference wins over an equivalent one. */
	if (fc == XC_FP_SLOT || rc == XC_RA_SLOT)
		return fc == XC_FP_SLOT ? fc : rc;
	if (f->ra_signed != w->ra_signed)
		return XC_RA_SIGNING;
	return fc != XC_AGREE ? fc : rc;
}

enum xcheck_class xcheck_sframe_vs_dwarf(const struct cfi_state *s, const struct cfi_state *d)
{
	if (d->cfa_base == CFA_REG && s->cfa_base != CFA_UNDEF)
		return XC_SFRAME_CFA_REG;
	if (d->cfa_base == CFA_UNDEF || d->unknown)
		return XC_AGREE;
	/* gas 2.40 writes [CFA, FP] offsets; readers take the second as RA. */
	if (d->fp_where == REG_SAVED && d->ra_where != REG_SAVED &&
	    s->ra_where == REG_SAVED && s->ra_off == d->fp_off && s->fp_where != REG_SAVED)
		return XC_SFRAME_FP_AS_RA;
	return xcheck_compare(d, s) == XC_AGREE ? XC_AGREE : XC_SFRAME_DWARF;
}

bool xcheck_benign(enum xcheck_class c)
{
	return c == XC_AGREE || c == XC_FP_RESTORED || c == XC_RA_RESTORED ||
	       c == XC_FP_IN_REG || c == XC_RA_IN_REG || c == XC_OUTERMOST;
}

enum xcheck_class xcheck_sframe_class(enum xcheck_class c, const struct cfi_state *s,
				      const struct cfi_state *d)
{
	enum xcheck_class sd;

	if (!d)
		return c;
	sd = xcheck_sframe_vs_dwarf(s, d);
	if (sd == XC_SFRAME_CFA_REG || (sd != XC_AGREE && !xcheck_benign(c)))
		return sd;
	return c;
}

void wit_stats_add(struct wit_stats *t, const struct wit_stats *s)
{
	t->present |= s->present;
	t->compared += s->compared;
	t->agree += s->agree;
	t->disagree += s->disagree;
	t->uncovered += s->uncovered;
	t->unreached += s->unreached;
	t->dead += s->dead;
	for (unsigned c = 0; c < XC_NR_CLASSES; c++)
		t->classes[c] += s->classes[c];
}
