// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The witnesses for `fpv orc --from=dwarf|sframe|analysis` (orc_gen.c):
 * a per-section table of one witness's states in the shape orc_gen_file()
 * reads, and the cross-check that compares the chosen witness with the
 * other two at every instruction fpv analysed and warns where they differ.
 * A user who trusts the compiler gets tables from the compiler's data,
 * validated by the analysis (and the other way round).
 *
 * The warnings leave out the classes where both sides give the caller's
 * x29/x30 correctly (fp-restored, ra-restored, fp-in-reg, ra-in-reg) or
 * both mark the outermost frame (outermost): an ORC entry built from
 * either side unwinds correctly there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "xcheck.h"

struct xcheck_table {
	struct cfi_state **states;	/* by section index; NULL: not text */
	uint8_t **covered;
	size_t nr;
};

void xcheck_table_free(struct xcheck_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nr; i++) {
		free(t->states[i]);
		free(t->covered[i]);
	}
	free(t->states);
	free(t->covered);
	free(t);
}

struct xcheck_table *xcheck_table_load(struct elf_file *elf, struct xcheck_wits *w,
				       unsigned wit)
{
	struct xcheck_table *t = calloc(1, sizeof(*t));
	struct section *sec;

	if (!t)
		goto oom;
	t->nr = elf->nr_sections + 1;
	t->states = calloc(t->nr, sizeof(*t->states));
	t->covered = calloc(t->nr, sizeof(*t->covered));
	if (!t->states || !t->covered)
		goto oom;
	for_each_sec(elf, sec) {
		size_t n = sec->size / 4;

		if (!sec->text || !n || sec->idx >= t->nr)
			continue;
		t->states[sec->idx] = calloc(n, sizeof(struct cfi_state));
		t->covered[sec->idx] = calloc(n, 1);
		if (!t->states[sec->idx] || !t->covered[sec->idx])
			goto oom;
		if (xcheck_wit_states(w, wit, sec, 0, n, t->states[sec->idx],
				      t->covered[sec->idx]) < 0) {
			xcheck_table_free(t);
			return NULL;
		}
	}
	return t;
oom:
	fprintf(stderr, "fpv: %s: out of memory\n", elf->path);
	xcheck_table_free(t);
	return NULL;
}

const struct cfi_state *xcheck_table_state(void *ctx, const struct section *sec, uint64_t off)
{
	const struct xcheck_table *t = ctx;

	if (sec->idx >= t->nr || !t->states[sec->idx] || off / 4 >= sec->size / 4 ||
	    !t->covered[sec->idx][off / 4] || t->states[sec->idx][off / 4].cfa_base == CFA_UNDEF)
		return NULL;
	return &t->states[sec->idx][off / 4];
}

/* ---- the cross-check --------------------------------------------------- */

enum { SRC_ANALYSIS = WIT_NR, SRC_NR };	/* WIT_DWARF, WIT_SFRAME, then fpv */

static const char *src_name(unsigned s)
{
	return s == SRC_ANALYSIS ? "analysis" : xcheck_wit_name[s];
}

static bool benign(enum xcheck_class c)
{
	return xcheck_benign(c);
}

struct cross {
	uint64_t compared, differ;
	uint64_t classes[XC_NR_CLASSES];
	const struct cfg_func *first_f;
	uint64_t first_off;
};

/* The class of other against the chosen source at one instruction. */
static enum xcheck_class cross_class(unsigned from, unsigned other,
				     const struct cfi_state *s[SRC_NR], int32_t fp_saved,
				     int32_t ra_saved)
{
	if (from == SRC_ANALYSIS || other == SRC_ANALYSIS) {
		unsigned wit = from == SRC_ANALYSIS ? other : from;
		const struct cfi_state *w = s[wit];
		enum xcheck_class c = xcheck_compare(s[SRC_ANALYSIS], w);
		c = xcheck_refine(c, s[SRC_ANALYSIS], w, fp_saved, ra_saved);
		return wit == WIT_SFRAME ? xcheck_sframe_class(c, w, s[WIT_DWARF]) : c;
	}
	/* DWARF against SFrame: the same CFI directives, so the same states,
	 * except where gas could not express DWARF's CFA register. */
	return xcheck_sframe_vs_dwarf(s[WIT_SFRAME], s[WIT_DWARF]);
}

static void cross_func(struct xcheck_wits *w, const struct cfg_func *f, unsigned from,
		       struct cross *cr, struct cfi_state *st[WIT_NR], uint8_t *cov[WIT_NR])
{
	size_t n = (f->end - f->start) / 4;
	int32_t fp_saved = INT32_MIN, ra_saved = INT32_MIN;

	for (unsigned k = 0; k < WIT_NR; k++)
		xcheck_wit_states(w, k, f->sec, f->start, n, st[k], cov[k]);
	for (size_t i = 0; i < n; i++) {
		const struct cfi_state *s[SRC_NR];
		s[SRC_ANALYSIS] = f->states[i];
		if (!s[SRC_ANALYSIS])
			continue;
		if (s[SRC_ANALYSIS]->fp_where == REG_SAVED)
			fp_saved = s[SRC_ANALYSIS]->fp_off;
		if (s[SRC_ANALYSIS]->ra_where == REG_SAVED)
			ra_saved = s[SRC_ANALYSIS]->ra_off;
		for (unsigned k = 0; k < WIT_NR; k++)
			s[k] = cov[k][i] && st[k][i].cfa_base != CFA_UNDEF ? &st[k][i] : NULL;
		if (!s[from])
			continue;
		for (unsigned o = 0; o < SRC_NR; o++) {
			if (o == from || !s[o])
				continue;
			enum xcheck_class c = cross_class(from, o, s, fp_saved, ra_saved);
			cr[o].compared++;
			cr[o].classes[c]++;
			if (benign(c))
				continue;
			if (!cr[o].differ++) {
				cr[o].first_f = f;
				cr[o].first_off = f->start + 4 * i;
			}
		}
	}
}

static void cross_report(const char *path, unsigned from, const struct cross *cr)
{
	for (unsigned o = 0; o < SRC_NR; o++) {
		if (o == from || !cr[o].differ)
			continue;
		fprintf(stderr, "%s: warning: fpv: orc --from=%s: %s disagrees at %llu of %llu "
			"instructions (", path, src_name(from), src_name(o),
			(unsigned long long)cr[o].differ, (unsigned long long)cr[o].compared);
		const char *sep = "";
		for (unsigned c = 0; c < XC_NR_CLASSES; c++)
			if (!benign(c) && cr[o].classes[c]) {
				fprintf(stderr, "%s%s %llu", sep, xcheck_class_name(c),
					(unsigned long long)cr[o].classes[c]);
				sep = ", ";
			}
		fprintf(stderr, "), first at %s+0x%llx; see fpv xcheck / fpv explain\n",
			cr[o].first_f->name,
			(unsigned long long)(cr[o].first_off - cr[o].first_f->start));
	}
}

long xcheck_orc_crosscheck(struct elf_file *elf, const char *from_name, unsigned mode)
{
	struct check_opts opts = { .mode = (uint8_t)mode };
	struct check_result res;
	struct xcheck_wits w;
	struct cross cr[SRC_NR];
	struct cfi_state *st[WIT_NR] = { 0 };
	uint8_t *cov[WIT_NR] = { 0 };
	const struct cfg_func *f;
	unsigned from = SRC_ANALYSIS;
	long ret = 0;

	for (unsigned k = 0; k < WIT_NR; k++)
		if (!strcmp(from_name, xcheck_wit_name[k]))
			from = k;
	memset(cr, 0, sizeof(cr));
	if (xcheck_wits_open(elf, DWARF_ANY, &w) < 0)
		return -1;
	memset(&res, 0, sizeof(res));
	if (check_file(elf, &opts, &res) < 0) {
		ret = -1;
		goto out;
	}
	for_each_check_func(&res, f) {
		size_t n = (f->end - f->start) / 4;
		if (!f->states || !n)
			continue;
		for (unsigned k = 0; k < WIT_NR; k++) {
			free(st[k]);
			free(cov[k]);
			st[k] = malloc(n * sizeof(*st[k]));
			cov[k] = malloc(n);
			if (!st[k] || !cov[k]) {
				fprintf(stderr, "fpv: %s: out of memory\n", elf->path);
				ret = -1;
				goto out;
			}
		}
		cross_func(&w, f, from, cr, st, cov);
	}
	cross_report(elf->path, from, cr);
	for (unsigned o = 0; o < SRC_NR; o++)
		ret += (long)cr[o].differ;
out:
	for (unsigned k = 0; k < WIT_NR; k++) {
		free(st[k]);
		free(cov[k]);
	}
	check_free(&res);
	xcheck_wits_close(&w);
	return ret;
}
