// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of xcheck's semantic comparison (tool/xcheck.c): states that
 * spell the CFA differently but agree under the relations known at the
 * instruction, each disagreement class, and the refinements for the
 * windows where both sides are right (fp-restored, fp-in-reg, ...).
 */
#include <stdint.h>

#include "test.h"
#include "xcheck.h"

static struct cfi_state st(uint8_t base, int32_t off)
{
	struct cfi_state s;

	memset(&s, 0, sizeof(s));
	s.cfa_base = base;
	s.cfa_off = off;
	s.fp_where = REG_SAME;
	s.ra_where = REG_SAME;
	if (base == CFA_SP) {
		s.sp_known = true;
		s.sp_off = -off;
	} else if (base == CFA_FP) {
		s.fp_val_known = true;
		s.fp_val = -off;
	}
	return s;
}

static void saved(struct cfi_state *s, int32_t fp, int32_t ra)
{
	s->fp_where = REG_SAVED;
	s->fp_off = fp;
	s->ra_where = REG_SAVED;
	s->ra_off = ra;
}

int main(void)
{
	TEST_PROG("test_xcheck");

	TEST_BEGIN("same CFA value, different base: x29+16 == sp+32 when x29 = CFA-16");
	{
		struct cfi_state f = st(CFA_SP, 32), w = st(CFA_FP, 16);
		saved(&f, -16, -8);
		saved(&w, -16, -8);
		f.fp_val_known = true;
		f.fp_val = -16;		/* fpv: mov x29, sp after stp ..., [sp, #-16]! */
		CHECK_EQ(xcheck_compare(&f, &w), XC_AGREE);
		f.fp_val = -32;		/* x29 elsewhere: the CFA values differ */
		CHECK_EQ(xcheck_compare(&f, &w), XC_CFA_OFFSET);
		/* the relation may come from the witness instead: W knows SP */
		struct cfi_state f2 = st(CFA_FP, 16), w2 = st(CFA_SP, 32);
		f2.sp_known = false;
		w2.fp_val_known = true;
		w2.fp_val = -16;
		CHECK_EQ(xcheck_compare(&f2, &w2), XC_AGREE);
	}
	TEST_END();

	TEST_BEGIN("classes");
	{
		struct cfi_state f = st(CFA_SP, 16), w = st(CFA_SP, 32);
		CHECK_EQ(xcheck_compare(&f, &w), XC_CFA_OFFSET);
		w = st(CFA_FP, 16);
		f.fp_val_known = false;
		f.fp_where = REG_SAVED;	/* x29 saved but not known as a frame address */
		f.fp_off = -16;
		CHECK_EQ(xcheck_compare(&f, &w), XC_CFA_BASE);
		f = st(CFA_SP, 16);	/* x29 reloaded: the witness's x29 rule is stale */
		CHECK_EQ(xcheck_compare(&f, &w), XC_CFA_STALE_FP);
		w = st(CFA_REG, 16);
		w.cfa_reg = 12;
		CHECK_EQ(xcheck_compare(&f, &w), XC_CFA_BASE);
		f = st(CFA_SP, 16);
		w = st(CFA_SP, 16);
		saved(&f, -16, -8);
		saved(&w, -16, -8);
		w.fp_off = -32;
		CHECK_EQ(xcheck_compare(&f, &w), XC_FP_SLOT);
		w.fp_off = -16;
		w.ra_off = 0;
		CHECK_EQ(xcheck_compare(&f, &w), XC_RA_SLOT);
		w.ra_off = -8;
		w.ra_signed = true;
		CHECK_EQ(xcheck_compare(&f, &w), XC_RA_SIGNING);
		f.unknown = true;
		CHECK_EQ(xcheck_compare(&f, &w), XC_FPV_UNKNOWN);
	}
	TEST_END();

	TEST_BEGIN("refinements: restored and in-register windows");
	{
		/* GCC epilogue: fpv has x29/x30 reloaded, DWARF still at the slots. */
		struct cfi_state f = st(CFA_SP, 16), w = st(CFA_SP, 16);
		saved(&w, -16, -8);
		enum xcheck_class c = xcheck_compare(&f, &w);
		CHECK_EQ(c, XC_FP_SLOT);
		CHECK_EQ(xcheck_refine(c, &f, &w, -16, -8), XC_FP_RESTORED);
		/* a slot fpv never had is a real difference */
		CHECK_EQ(xcheck_refine(c, &f, &w, -32, -8), XC_FP_SLOT);
		/* only x30 differs that way */
		saved(&f, -16, 0);
		f.ra_where = REG_SAME;
		c = xcheck_compare(&f, &w);
		CHECK_EQ(c, XC_RA_SLOT);
		CHECK_EQ(xcheck_refine(c, &f, &w, -16, -8), XC_RA_RESTORED);
		/* clang prologue: stored, CFI not yet; x29 unchanged */
		f = st(CFA_SP, 16);
		saved(&f, -16, -8);
		w = st(CFA_SP, 16);
		c = xcheck_compare(&f, &w);
		CHECK_EQ(xcheck_refine(c, &f, &w, -16, -8), XC_FP_IN_REG);
		/* ... but once x29 points at the frame record, "same" is wrong */
		f.fp_val_known = true;
		f.fp_val = -16;
		CHECK_EQ(xcheck_refine(c, &f, &w, -16, -8), XC_FP_SLOT);
	}
	TEST_END();

	TEST_BEGIN("SFrame against DWARF: a CFA on x9 written as SP-based");
	{
		struct cfi_state d = st(CFA_REG, 16), s = st(CFA_SP, 16);
		d.cfa_reg = 9;
		CHECK_EQ(xcheck_sframe_vs_dwarf(&s, &d), XC_SFRAME_CFA_REG);
		d = st(CFA_SP, 16);
		CHECK_EQ(xcheck_sframe_vs_dwarf(&s, &d), XC_AGREE);
		/* x29 alone saved: SFrame's [CFA, FP] offsets read as [CFA, RA] */
		d.fp_where = REG_SAVED;
		d.fp_off = -8;
		s.ra_where = REG_SAVED;
		s.ra_off = -8;
		CHECK_EQ(xcheck_sframe_vs_dwarf(&s, &d), XC_SFRAME_FP_AS_RA);
		/* any other difference: a stale SFrame row */
		d = st(CFA_FP, 16);
		s = st(CFA_SP, 16);
		CHECK_EQ(xcheck_sframe_vs_dwarf(&s, &d), XC_SFRAME_DWARF);
		/* reported only where SFrame also disagrees with fpv */
		CHECK_EQ(xcheck_sframe_class(XC_AGREE, &s, &d), XC_AGREE);
		CHECK_EQ(xcheck_sframe_class(XC_FP_SLOT, &s, &d), XC_SFRAME_DWARF);
		CHECK_EQ(xcheck_sframe_class(XC_FP_SLOT, &s, NULL), XC_FP_SLOT);
	}
	TEST_END();

	TEST_BEGIN("class names");
	CHECK_STR(xcheck_class_name(XC_CFA_OFFSET), "cfa-offset");
	CHECK_STR(xcheck_class_name(XC_SFRAME_CFA_REG), "sframe-cfa-reg");
	CHECK_STR(xcheck_class_name(XC_NO_WITNESS), "no-witness");
	TEST_END();
	return test_exit();
}
