// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The cross-check of `fpv orc --from=dwarf|sframe|analysis`: compare the
 * witness the tables are built from with the other two at every
 * instruction fpv analysed, and warn where they differ.  A user who trusts
 * the compiler gets tables from the compiler's data, validated by the
 * analysis (and the other way round).
 *
 * The warnings leave out the classes where both sides give the caller's
 * x29/x30 correctly (fp-restored, ra-restored, fp-in-reg, ra-in-reg) or
 * both mark the outermost frame (outermost): an ORC entry built from
 * either side unwinds correctly there.  Each witness's state comes from
 * wit_state(), so an undefined CFA is "says nothing" for DWARF and SFrame
 * alike.
 */
#include <stdio.h>
#include <string.h>

#include "witness.h"
#include "xcheck.h"

struct cross {
	uint64_t compared, differ;
	uint64_t classes[XC_NR_CLASSES];
	const struct cfg_func *first_f;
	uint64_t first_off;
};

/* The class of other against the chosen source at one instruction. */
static enum xcheck_class cross_class(unsigned from, unsigned other,
				     const struct cfi_state *s[WIT_ALL], int32_t fp_saved,
				     int32_t ra_saved)
{
	if (from == WIT_ANALYSIS || other == WIT_ANALYSIS) {
		unsigned wit = from == WIT_ANALYSIS ? other : from;
		const struct cfi_state *w = s[wit];
		enum xcheck_class c = xcheck_compare(s[WIT_ANALYSIS], w);
		c = xcheck_refine(c, s[WIT_ANALYSIS], w, fp_saved, ra_saved);
		return wit == WIT_SFRAME ? xcheck_sframe_class(c, w, s[WIT_DWARF]) : c;
	}
	/* DWARF against SFrame: the same CFI directives, so the same states,
	 * except where gas could not express DWARF's CFA register. */
	return xcheck_sframe_vs_dwarf(s[WIT_SFRAME], s[WIT_DWARF]);
}

static void cross_func(struct wit_file *wf, const struct cfg_func *f, unsigned from,
		       struct cross *cr)
{
	size_t n = (f->end - f->start) / 4;
	int32_t fp_saved = INT32_MIN, ra_saved = INT32_MIN;

	for (size_t i = 0; i < n; i++) {
		uint64_t off = f->start + 4 * i;
		const struct cfi_state *s[WIT_ALL];

		s[WIT_ANALYSIS] = f->states[i];
		if (!s[WIT_ANALYSIS])
			continue;
		if (s[WIT_ANALYSIS]->fp_where == REG_SAVED)
			fp_saved = s[WIT_ANALYSIS]->fp_off;
		if (s[WIT_ANALYSIS]->ra_where == REG_SAVED)
			ra_saved = s[WIT_ANALYSIS]->ra_off;
		for (unsigned k = 0; k < WIT_NR; k++)
			s[k] = wit_state(wf, k, f->sec, off);
		if (!s[from])
			continue;
		for (unsigned o = 0; o < WIT_ALL; o++) {
			if (o == from || !s[o])
				continue;
			enum xcheck_class c = cross_class(from, o, s, fp_saved, ra_saved);
			cr[o].compared++;
			cr[o].classes[c]++;
			if (xcheck_benign(c))
				continue;
			if (!cr[o].differ++) {
				cr[o].first_f = f;
				cr[o].first_off = off;
			}
		}
	}
}

static void cross_report(const char *path, unsigned from, const struct cross *cr)
{
	for (unsigned o = 0; o < WIT_ALL; o++) {
		if (o == from || !cr[o].differ)
			continue;
		fprintf(stderr, "%s: warning: fpv: orc --from=%s: %s disagrees at %llu of %llu "
			"instructions (", path, wit_name[from], wit_name[o],
			(unsigned long long)cr[o].differ, (unsigned long long)cr[o].compared);
		const char *sep = "";
		for (unsigned c = 0; c < XC_NR_CLASSES; c++)
			if (!xcheck_benign(c) && cr[o].classes[c]) {
				fprintf(stderr, "%s%s %llu", sep, xcheck_class_name(c),
					(unsigned long long)cr[o].classes[c]);
				sep = ", ";
			}
		fprintf(stderr, "), first at %s+0x%llx; see fpv xcheck / fpv explain\n",
			cr[o].first_f->name,
			(unsigned long long)(cr[o].first_off - cr[o].first_f->start));
	}
}

long xcheck_orc_crosscheck(struct wit_file *wf, unsigned from)
{
	struct cross cr[WIT_ALL];
	const struct cfg_func *f;
	long ret = 0;

	memset(cr, 0, sizeof(cr));
	wit_for_each_func(wf, f)
		if (f->states)
			cross_func(wf, f, from, cr);
	cross_report(wf->elf->path, from, cr);
	for (unsigned o = 0; o < WIT_ALL; o++)
		ret += (long)cr[o].differ;
	return ret;
}
