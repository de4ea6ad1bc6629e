// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `fpv xcheck FILE...`: at every instruction fpv's analysis reached, compare
 * its frame state with each witness the file carries (DWARF CFI from
 * .eh_frame or .debug_frame, SFrame from .sframe), classify each
 * disagreement (xcheck.h), and print agreement rates per file and in total,
 * with one line (or JSON object) per disagreeing instruction.
 *
 * Counting, per witness: an instruction fpv analysed is "compared" when the
 * witness covers it with a computable CFA, else "uncovered" (class
 * no-witness, or witness-undef for a DWARF expression CFA).  Compared
 * instructions either agree or disagree with exactly one class, the first
 * difference in the order of XCHECK_CLASSES.  no-witness sites are listed
 * once per uncovered run of instructions, not once per instruction.
 * "unreached" (JSON only) counts the reverse: instructions the witness
 * describes that fpv's analysis did not reach (dead code, data, cold code
 * nobody enters), which are not compared.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "json.h"
#include "xcheck.h"

const char *const xcheck_wit_name[WIT_NR] = { "dwarf", "sframe" };

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

enum xcheck_class xcheck_refine(enum xcheck_class c, const struct cfi_state *f,
				const struct cfi_state *w, int32_t fp_saved, int32_t ra_saved)
{
	if (c != XC_FP_SLOT && c != XC_RA_SLOT)
		return c;
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
	       c == XC_FP_IN_REG || c == XC_RA_IN_REG;
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

int xcheck_wits_open(struct elf_file *elf, enum dwarf_which which, struct xcheck_wits *w)
{
	memset(w, 0, sizeof(*w));
	if (dwarf_cfi_open(elf, which, &w->dwarf) < 0)
		return -1;
	if (sframe_wit_open(elf, &w->sframe) < 0) {
		dwarf_cfi_close(w->dwarf);
		w->dwarf = NULL;
		return -1;
	}
	return 0;
}

void xcheck_wits_close(struct xcheck_wits *w)
{
	dwarf_cfi_close(w->dwarf);
	sframe_wit_close(w->sframe);
	memset(w, 0, sizeof(*w));
}

bool xcheck_wit_present(const struct xcheck_wits *w, unsigned wit)
{
	return wit == WIT_DWARF ? w->dwarf != NULL : w->sframe != NULL;
}

long xcheck_wit_states(struct xcheck_wits *w, unsigned wit, const struct section *sec,
		       uint64_t off, size_t n, struct cfi_state *out, uint8_t *covered)
{
	if (wit == WIT_DWARF && w->dwarf)
		return dwarf_cfi_states(w->dwarf, sec, off, n, out, covered);
	if (wit == WIT_SFRAME && w->sframe)
		return sframe_wit_states(w->sframe, sec, off, n, out, covered);
	memset(out, 0, n * sizeof(*out));
	memset(covered, 0, n);
	return 0;
}

/* ---- fpv xcheck ------------------------------------------------------- */

struct wit_stats {
	bool present;
	uint64_t compared, agree, disagree, uncovered;
	uint64_t unreached;		/* covered by the witness, not reached by fpv */
	uint64_t classes[XC_NR_CLASSES];
};

struct xcheck_run {
	bool json, summary;
	enum dwarf_which which;
	bool first_site;
	struct wit_stats total[WIT_NR];
	/* Per-function scratch, grown as needed. */
	size_t cap;
	struct cfi_state *st[WIT_NR];
	uint8_t *cov[WIT_NR];
};

struct site {
	const char *path;
	const struct cfg_func *f;
	uint64_t off;
	unsigned wit;
	enum xcheck_class cls;
	const struct cfi_state *fpv;
	const struct cfi_state *w[WIT_NR];	/* NULL: not covered */
	uint64_t count;				/* no-witness runs */
};

static void site_print(struct xcheck_run *r, const struct site *s)
{
	char fb[160], wb[WIT_NR][160];
	uint64_t addr = s->f->sec->addr + s->off;

	cfi_format(s->fpv, fb, sizeof(fb));
	for (unsigned k = 0; k < WIT_NR; k++)
		cfi_format(s->w[k], wb[k], sizeof(wb[k]));
	if (!r->json) {
		printf("%s: %s+0x%llx (0x%llx): %s: %s:", s->path, s->f->name,
		       (unsigned long long)(s->off - s->f->start), (unsigned long long)addr,
		       xcheck_wit_name[s->wit], xcheck_class_name(s->cls));
		if (s->cls == XC_NO_WITNESS)
			printf(" %llu instructions", (unsigned long long)s->count);
		printf(" fpv \"%s\"", fb);
		for (unsigned k = 0; k < WIT_NR; k++)
			if (s->w[k])
				printf(" %s \"%s\"", xcheck_wit_name[k], wb[k]);
		putchar('\n');
		return;
	}
	printf("%s\n  {\"file\":", r->first_site ? "" : ",");
	r->first_site = false;
	json_str(s->path);
	printf(",\"function\":");
	json_str(s->f->name);
	printf(",\"offset\":%llu,\"address\":\"0x%llx\",\"witness\":\"%s\",\"class\":\"%s\"",
	       (unsigned long long)(s->off - s->f->start), (unsigned long long)addr,
	       xcheck_wit_name[s->wit], xcheck_class_name(s->cls));
	if (s->cls == XC_NO_WITNESS)
		printf(",\"count\":%llu", (unsigned long long)s->count);
	printf(",\"fpv\":");
	json_str(fb);
	for (unsigned k = 0; k < WIT_NR; k++)
		if (s->w[k]) {
			printf(",\"%s\":", xcheck_wit_name[k]);
			json_str(wb[k]);
		}
	putchar('}');
}

static int scratch(struct xcheck_run *r, size_t n)
{
	if (n <= r->cap)
		return 0;
	for (unsigned k = 0; k < WIT_NR; k++) {
		free(r->st[k]);
		free(r->cov[k]);
		r->st[k] = malloc(n * sizeof(*r->st[k]));
		r->cov[k] = malloc(n);
		if (!r->st[k] || !r->cov[k])
			return -1;
	}
	r->cap = n;
	return 0;
}

/* A witness covering instruction i of f: compare, count, print a site. */
static void xcheck_one(struct xcheck_run *r, struct wit_stats *ws, struct site *s, size_t i,
		       int32_t fp_saved, int32_t ra_saved)
{
	unsigned k = s->wit;
	const struct cfi_state *w = &r->st[k][i];

	if (w->cfa_base == CFA_UNDEF) {
		ws->uncovered++;
		ws->classes[XC_WITNESS_UNDEF]++;
		return;
	}
	enum xcheck_class c = xcheck_refine(xcheck_compare(s->fpv, w), s->fpv, w, fp_saved,
					    ra_saved);
	if (k == WIT_SFRAME)
		c = xcheck_sframe_class(c, w, r->cov[WIT_DWARF][i] ? &r->st[WIT_DWARF][i] : NULL);
	ws->compared++;
	ws->classes[c]++;
	if (c == XC_AGREE) {
		ws->agree++;
		return;
	}
	ws->disagree++;
	s->cls = c;
	if (!r->summary)
		site_print(r, s);
}

/* Witness k over the n words of f; uncovered runs become one site each. */
static void xcheck_wit_func(struct xcheck_run *r, const char *path, const struct cfg_func *f,
			    size_t n, unsigned k, struct wit_stats *ws)
{
	struct site gap = { 0 };
	bool in_gap = false;
	int32_t fp_saved = INT32_MIN, ra_saved = INT32_MIN;

	for (size_t i = 0; i < n; i++) {
		struct site s = { .path = path, .f = f, .wit = k, .off = f->start + 4 * i,
				  .fpv = f->states[i] };
		if (!s.fpv) {
			ws->unreached += r->cov[k][i] && r->st[k][i].cfa_base != CFA_UNDEF;
			continue;
		}
		if (s.fpv->fp_where == REG_SAVED)
			fp_saved = s.fpv->fp_off;
		if (s.fpv->ra_where == REG_SAVED)
			ra_saved = s.fpv->ra_off;
		for (unsigned j = 0; j < WIT_NR; j++)
			s.w[j] = r->cov[j][i] ? &r->st[j][i] : NULL;
		if (!r->cov[k][i]) {
			ws->uncovered++;
			ws->classes[XC_NO_WITNESS]++;
			if (!in_gap) {
				gap = s;
				gap.cls = XC_NO_WITNESS;
				in_gap = true;
			}
			gap.count++;
			continue;
		}
		if (in_gap && !r->summary)
			site_print(r, &gap);
		in_gap = false;
		xcheck_one(r, ws, &s, i, fp_saved, ra_saved);
	}
	if (in_gap && !r->summary)
		site_print(r, &gap);
}

static int xcheck_func(struct xcheck_run *r, const char *path, struct xcheck_wits *wits,
		       const struct cfg_func *f, struct wit_stats *fs)
{
	size_t n = (f->end - f->start) / 4;

	if (!f->states || n == 0)
		return 0;
	if (scratch(r, n) < 0) {
		fprintf(stderr, "fpv: %s: out of memory\n", path);
		return -1;
	}
	for (unsigned k = 0; k < WIT_NR; k++)
		if (xcheck_wit_states(wits, k, f->sec, f->start, n, r->st[k], r->cov[k]) < 0)
			return -1;
	for (unsigned k = 0; k < WIT_NR; k++)
		if (fs[k].present)
			xcheck_wit_func(r, path, f, n, k, &fs[k]);
	return 0;
}

static void stats_add(struct wit_stats *t, const struct wit_stats *s)
{
	t->present |= s->present;
	t->compared += s->compared;
	t->agree += s->agree;
	t->disagree += s->disagree;
	t->uncovered += s->uncovered;
	t->unreached += s->unreached;
	for (unsigned c = 0; c < XC_NR_CLASSES; c++)
		t->classes[c] += s->classes[c];
}

static double pct(uint64_t a, uint64_t b)
{
	return b ? 100.0 * (double)a / (double)b : 0.0;
}

static void stats_text(const char *label, const struct wit_stats *ws, const char *extra)
{
	for (unsigned k = 0; k < WIT_NR; k++) {
		const struct wit_stats *s = &ws[k];
		if (!s->present) {
			printf("%s: %s: absent\n", label, xcheck_wit_name[k]);
			continue;
		}
		printf("%s: %s%s: %llu compared, %llu agree (%.2f%%), %llu disagree (%.2f%%), "
		       "%llu uncovered", label, xcheck_wit_name[k], k == WIT_DWARF ? extra : "",
		       (unsigned long long)s->compared, (unsigned long long)s->agree,
		       pct(s->agree, s->compared), (unsigned long long)s->disagree,
		       pct(s->disagree, s->compared), (unsigned long long)s->uncovered);
		const char *sep = ";";
		for (unsigned c = XC_AGREE + 1; c < XC_NR_CLASSES; c++)
			if (s->classes[c]) {
				printf("%s %s %llu", sep, xcheck_class_name(c),
				       (unsigned long long)s->classes[c]);
				sep = ",";
			}
		putchar('\n');
	}
}

static void stats_json(const struct wit_stats *ws)
{
	printf("{");
	for (unsigned k = 0; k < WIT_NR; k++) {
		const struct wit_stats *s = &ws[k];
		printf("%s\"%s\":{\"present\":%s,\"compared\":%llu,\"agree\":%llu,"
		       "\"disagree\":%llu,\"uncovered\":%llu,\"unreached\":%llu,"
		       "\"agreement\":%.4f,\"classes\":{",
		       k ? "," : "", xcheck_wit_name[k], s->present ? "true" : "false",
		       (unsigned long long)s->compared, (unsigned long long)s->agree,
		       (unsigned long long)s->disagree, (unsigned long long)s->uncovered,
		       (unsigned long long)s->unreached,
		       s->compared ? (double)s->agree / (double)s->compared : 0.0);
		for (unsigned c = XC_AGREE + 1; c < XC_NR_CLASSES; c++)
			printf("%s\"%s\":%llu", c > XC_AGREE + 1 ? "," : "", xcheck_class_name(c),
			       (unsigned long long)s->classes[c]);
		printf("}}");
	}
	printf("}");
}

struct file_result {
	char *path;
	char section[16];
	uint64_t insns;
	struct wit_stats w[WIT_NR];
};

static int xcheck_file(struct xcheck_run *r, const char *path, struct file_result *fr)
{
	struct elf_file *elf = elf_open(path, false);
	struct check_opts opts = { 0 };
	struct check_result res;
	struct xcheck_wits wits;
	const struct cfg_func *f;
	int ret = 0;

	if (!elf)
		return -1;
	if (xcheck_wits_open(elf, r->which, &wits) < 0) {
		elf_close(elf);
		return -1;
	}
	memset(&res, 0, sizeof(res));
	if (check_file(elf, &opts, &res) < 0) {
		ret = -1;
		goto out;
	}
	for (unsigned k = 0; k < WIT_NR; k++)
		fr->w[k].present = xcheck_wit_present(&wits, k);
	if (wits.dwarf)
		snprintf(fr->section, sizeof(fr->section), "%s", dwarf_cfi_section(wits.dwarf));
	fr->insns = res.nr_insns;
	for_each_check_func(&res, f)
		if ((ret = xcheck_func(r, path, &wits, f, fr->w)) < 0)
			break;
out:
	check_free(&res);
	xcheck_wits_close(&wits);
	elf_close(elf);
	return ret;
}

static void xcheck_usage(FILE *out)
{
	fprintf(out,
		"usage: fpv xcheck [--json] [--summary] [--dwarf=eh|debug] FILE...\n"
		"  compare fpv's frame state with .eh_frame/.debug_frame and .sframe at\n"
		"  every instruction; print the disagreeing sites and agreement rates.\n"
		"  --json      one JSON object: witnesses, files, sites\n"
		"  --summary   rates only, no sites\n"
		"  --dwarf=    read .eh_frame or .debug_frame (default: .eh_frame if present)\n");
}

static int xcheck_args(int argc, char **argv, struct xcheck_run *r)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "summary", no_argument, NULL, 's' },
		{ "dwarf", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': r->json = true; break;
		case 's': r->summary = true; break;
		case 'd':
			if (!strcmp(optarg, "eh"))
				r->which = DWARF_EH_FRAME;
			else if (!strcmp(optarg, "debug"))
				r->which = DWARF_DEBUG_FRAME;
			else
				goto usage;
			break;
		case 'h':
			xcheck_usage(stdout);
			exit(0);
		default:
			goto usage;
		}
	}
	if (optind < argc)
		return 0;
usage:
	xcheck_usage(stderr);
	return -1;
}

static void xcheck_report(struct xcheck_run *r, struct file_result *fr, int nfiles)
{
	if (!r->json) {
		for (int i = 0; i < nfiles; i++) {
			char extra[32];
			if (!fr[i].path)
				continue;
			snprintf(extra, sizeof(extra), " (%s)", fr[i].section);
			stats_text(fr[i].path, fr[i].w, fr[i].section[0] ? extra : "");
		}
		if (nfiles > 1)
			stats_text("total", r->total, "");
		return;
	}
	printf("%s],\n\"files\":[", r->first_site ? "" : "\n");
	bool first = true;
	for (int i = 0; i < nfiles; i++) {
		if (!fr[i].path)
			continue;
		printf("%s\n  {\"file\":", first ? "" : ",");
		first = false;
		json_str(fr[i].path);
		printf(",\"dwarf_section\":");
		json_str(fr[i].section);
		printf(",\"instructions\":%llu,\"witnesses\":", (unsigned long long)fr[i].insns);
		stats_json(fr[i].w);
		putchar('}');
	}
	printf("],\n\"witnesses\":");
	stats_json(r->total);
	printf("}\n");
}

int cmd_xcheck(int argc, char **argv)
{
	struct xcheck_run r = { .first_site = true };
	int ret = 0;

	if (xcheck_args(argc, argv, &r) < 0)
		return 2;
	int nfiles = argc - optind;
	struct file_result *fr = calloc((size_t)nfiles, sizeof(*fr));
	if (!fr) {
		fprintf(stderr, "fpv: out of memory\n");
		return 1;
	}
	if (r.json) {
		putchar('{');
		json_version_members();
		printf("\"sites\":[");
	}
	for (int i = 0; i < nfiles; i++) {
		const char *path = argv[optind + i];
		if (xcheck_file(&r, path, &fr[i]) < 0) {
			ret = 1;
			continue;
		}
		fr[i].path = (char *)path;
		for (unsigned k = 0; k < WIT_NR; k++)
			stats_add(&r.total[k], &fr[i].w[k]);
	}
	xcheck_report(&r, fr, nfiles);
	for (unsigned k = 0; k < WIT_NR; k++) {
		free(r.st[k]);
		free(r.cov[k]);
	}
	free(fr);
	return ret;
}
