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
 * once per uncovered run of instructions, not once per instruction; in the
 * text output, the functions a witness has no row for at all are listed
 * only when there are at most XCHECK_LIST_UNWITNESSED of them in the file,
 * else they are one line (a stripped Go binary: every Go function, since
 * Go's CFI is only in its .debug_frame; a stripped C library's assembly).
 * Every other class is listed up to XCHECK_LIST_SITES sites per file and
 * witness, then counted in one line (Go's .debug_frame never describes
 * x29: every instruction of a Go function with a frame is an fp-slot site).
 * JSON lists every site.
 * "unreached" counts the reverse: instructions the witness describes that
 * fpv's analysis did not reach (code behind a transfer fpv did not follow,
 * data, cold code nobody enters), which are not compared; "dead" the same
 * for code no execution reaches (check.c: after a call that never returns
 * or a trap, padding, speculation barriers), counted apart.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "error.h"
#include "html.h"
#include "json.h"
#include "progress.h"
#include "witness.h"
#include "xcheck.h"

/* Text output: at most this many functions without a row are listed per file. */
#define XCHECK_LIST_UNWITNESSED	16

/* Text output: at most this many sites of a class are listed per file and witness. */
#define XCHECK_LIST_SITES	100

struct xcheck_run {
	bool json, summary;
	uint64_t listed[WIT_NR][XC_NR_CLASSES];	/* this file: sites printed, and */
	uint64_t unlisted[WIT_NR][XC_NR_CLASSES];	/* not printed past the cap */
	bool collapse[WIT_NR];		/* this file: functions witness k has no row for
					 * are not listed (one line instead) */
	enum dwarf_which which;
	bool first_site;
	struct wit_stats total[WIT_NR];
	const char *html_dir;		/* --html: the report's directory */
	struct html_report *html;
};

struct site {
	const char *path;
	const struct cfg_func *f;
	uint64_t off;
	unsigned wit;
	enum xcheck_class cls;
	const struct cfi_state *fpv;
	const struct cfi_state *w[WIT_NR];	/* NULL: not covered */
	struct cfi_state copy[WIT_NR];		/* no-witness runs: the rows of the first */
	uint64_t count;				/* no-witness runs */
};

static void site_print(struct xcheck_run *r, const struct site *s)
{
	char fb[160], wb[WIT_NR][160];
	uint64_t addr = s->f->sec->addr + s->off;

	if (!r->json && r->listed[s->wit][s->cls]++ >= XCHECK_LIST_SITES) {
		r->unlisted[s->wit][s->cls]++;
		return;
	}
	progress_clear();
	cfi_format(s->fpv, fb, sizeof(fb));
	for (unsigned k = 0; k < WIT_NR; k++)
		cfi_format(s->w[k], wb[k], sizeof(wb[k]));
	if (!r->json) {
		printf("%s: %s+0x%llx (0x%llx): %s: %s:", s->path, s->f->name,
		       (unsigned long long)(s->off - s->f->start), (unsigned long long)addr,
		       wit_name[s->wit], xcheck_class_name(s->cls));
		if (s->cls == XC_NO_WITNESS)
			printf(" %llu instructions", (unsigned long long)s->count);
		printf(" fpv \"%s\"", fb);
		for (unsigned k = 0; k < WIT_NR; k++)
			if (s->w[k])
				printf(" %s \"%s\"", wit_name[k], wb[k]);
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
	       wit_name[s->wit], xcheck_class_name(s->cls));
	if (s->cls == XC_NO_WITNESS)
		printf(",\"count\":%llu", (unsigned long long)s->count);
	printf(",\"fpv\":");
	json_str(fb);
	for (unsigned k = 0; k < WIT_NR; k++)
		if (s->w[k]) {
			printf(",\"%s\":", wit_name[k]);
			json_str(wb[k]);
		}
	putchar('}');
}

/* A witness covering the instruction of s: compare, count, print a site. */
static void xcheck_one(struct xcheck_run *r, struct wit_stats *ws, struct site *s,
		       int32_t fp_saved, int32_t ra_saved)
{
	unsigned k = s->wit;
	const struct cfi_state *w = s->w[k];

	if (w->cfa_base == CFA_UNDEF) {
		ws->uncovered++;
		ws->classes[XC_WITNESS_UNDEF]++;
		return;
	}
	enum xcheck_class c = xcheck_refine(xcheck_compare(s->fpv, w), s->fpv, w, fp_saved,
					    ra_saved);
	if (k == WIT_SFRAME)
		c = xcheck_sframe_class(c, w, s->w[WIT_DWARF]);
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

/* The first site of an uncovered run, kept past the witnesses' later rows. */
static void gap_start(struct site *gap, const struct site *s)
{
	*gap = *s;
	gap->cls = XC_NO_WITNESS;
	for (unsigned j = 0; j < WIT_NR; j++)
		if (s->w[j]) {
			gap->copy[j] = *s->w[j];
			gap->w[j] = &gap->copy[j];
		}
}

/* Whether witness k has no row for any instruction of f; *nr: f's analysed ones. */
static bool unwitnessed(struct wit_file *wf, const struct cfg_func *f, unsigned k, uint64_t *nr)
{
	size_t n = (f->end - f->start) / 4;

	*nr = 0;
	for (size_t i = 0; i < n; i++) {
		if (wit_row(wf, k, f->sec, f->start + 4 * i))
			return false;
		*nr += f->states[i] != NULL;
	}
	return true;
}

/* Witness k over the instructions of f; uncovered runs become one site each. */
static void xcheck_wit_func(struct xcheck_run *r, struct wit_file *wf, const struct cfg_func *f,
			    unsigned k, struct wit_stats *ws)
{
	struct site gap = { 0 };
	bool in_gap = false, quiet = r->summary;
	int32_t fp_saved = INT32_MIN, ra_saved = INT32_MIN;
	size_t n = (f->end - f->start) / 4;
	uint64_t nr;

	if (r->collapse[k] && unwitnessed(wf, f, k, &nr))
		quiet = true;		/* counted, and one line for the file */

	for (size_t i = 0; i < n; i++) {
		struct site s = { .path = wf->elf->path, .f = f, .wit = k, .off = f->start + 4 * i,
				  .fpv = f->states[i] };
		for (unsigned j = 0; j < WIT_NR; j++)
			s.w[j] = wit_row(wf, j, f->sec, s.off);
		if (!s.fpv) {
			if (s.w[k] && s.w[k]->cfa_base != CFA_UNDEF)
				*(f->dead[i] ? &ws->dead : &ws->unreached) += 1;
			continue;
		}
		if (s.fpv->fp_where == REG_SAVED)
			fp_saved = s.fpv->fp_off;
		if (s.fpv->ra_where == REG_SAVED)
			ra_saved = s.fpv->ra_off;
		if (!s.w[k]) {
			ws->uncovered++;
			ws->classes[XC_NO_WITNESS]++;
			if (!in_gap)
				gap_start(&gap, &s);
			in_gap = true;
			gap.count++;
			continue;
		}
		if (in_gap && !quiet)
			site_print(r, &gap);
		in_gap = false;
		xcheck_one(r, ws, &s, fp_saved, ra_saved);
	}
	if (in_gap && !quiet)
		site_print(r, &gap);
}

/*
 * Text output: whether the file has more than XCHECK_LIST_UNWITNESSED
 * analysed functions witness k has no row for (r->collapse[k]); nf, ni:
 * how many, and their analysed instructions.
 */
static void count_unwitnessed(struct xcheck_run *r, struct wit_file *wf, const bool *present,
			      uint64_t *nf, uint64_t *ni)
{
	const struct cfg_func *f;

	for (unsigned k = 0; k < WIT_NR; k++) {
		nf[k] = ni[k] = 0;
		r->collapse[k] = false;
		if (r->json || r->summary || !present[k])
			continue;
		wit_for_each_func(wf, f) {
			uint64_t nr;

			if (f->states && unwitnessed(wf, f, k, &nr) && nr) {
				nf[k]++;
				ni[k] += nr;
			}
		}
		r->collapse[k] = nf[k] > XCHECK_LIST_UNWITNESSED;
	}
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
			printf("%s: %s: absent\n", label, wit_name[k]);
			continue;
		}
		printf("%s: %s%s: %llu compared, %llu agree (%.2f%%), %llu disagree (%.2f%%), "
		       "%llu uncovered, %llu unreached, %llu dead", label, wit_name[k],
		       k == WIT_DWARF ? extra : "",
		       (unsigned long long)s->compared, (unsigned long long)s->agree,
		       pct(s->agree, s->compared), (unsigned long long)s->disagree,
		       pct(s->disagree, s->compared), (unsigned long long)s->uncovered,
		       (unsigned long long)s->unreached, (unsigned long long)s->dead);
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
		       "\"dead\":%llu,\"agreement\":%.4f,\"classes\":{",
		       k ? "," : "", wit_name[k], s->present ? "true" : "false",
		       (unsigned long long)s->compared, (unsigned long long)s->agree,
		       (unsigned long long)s->disagree, (unsigned long long)s->uncovered,
		       (unsigned long long)s->unreached, (unsigned long long)s->dead,
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
	struct check_opts opts = { 0 };
	struct wit_file wf;
	const struct cfg_func *f;
	uint64_t unw_funcs[WIT_NR], unw_insns[WIT_NR];
	bool present[WIT_NR];
	int ret = -1;

	if (wit_file_open(&wf, path, 0) < 0 || wit_file_load(&wf, r->which, &opts) < 0)
		goto out;
	for (unsigned k = 0; k < WIT_NR; k++)
		present[k] = fr->w[k].present = wit_present(&wf, k);
	count_unwitnessed(r, &wf, present, unw_funcs, unw_insns);
	memset(r->listed, 0, sizeof(r->listed));
	memset(r->unlisted, 0, sizeof(r->unlisted));
	if (wf.dwarf)
		snprintf(fr->section, sizeof(fr->section), "%s", dwarf_cfi_section(wf.dwarf));
	fr->insns = wf.res.nr_insns;
	if (r->html)
		html_file_begin(r->html, &wf);
	wit_for_each_func(&wf, f) {
		struct wit_stats fs[WIT_NR] = { { .present = fr->w[WIT_DWARF].present },
						{ .present = fr->w[WIT_SFRAME].present } };

		progress_funcs("comparing", (size_t)(f - wf.res.cfg.funcs), wf.res.cfg.nr_funcs);
		if (!f->states)
			continue;
		for (unsigned k = 0; k < WIT_NR; k++)
			if (fr->w[k].present) {
				xcheck_wit_func(r, &wf, f, k, &fs[k]);
				wit_stats_add(&fr->w[k], &fs[k]);
			}
		if (r->html)
			html_func(r->html, &wf, f, fs);
	}
	for (unsigned k = 0; k < WIT_NR; k++)
		for (unsigned c = 0; c < XC_NR_CLASSES; c++)
			if (r->unlisted[k][c]) {
				progress_clear();
				printf("%s: %s: %s: %llu more sites, not listed (--json lists them)\n",
				       path, wit_name[k], xcheck_class_name(c),
				       (unsigned long long)r->unlisted[k][c]);
			}
	for (unsigned k = 0; k < WIT_NR; k++)
		if (r->collapse[k]) {
			progress_clear();
			printf("%s: %s: no-witness: %llu functions with no row at all (%llu "
			       "instructions), not listed (--json lists them)\n", path, wit_name[k],
			       (unsigned long long)unw_funcs[k], (unsigned long long)unw_insns[k]);
		}
	if (r->html)
		html_file_end(r->html, fr->w);
	ret = 0;
out:
	wit_file_close(&wf);
	return ret;
}

static void xcheck_usage(FILE *out)
{
	fprintf(out,
		"usage: fpv xcheck [--json] [--summary] [--html=DIR] [--dwarf=eh|debug] FILE...\n"
		"  compare fpv's frame state with .eh_frame/.debug_frame and .sframe at\n"
		"  every instruction; print the disagreeing sites and agreement rates.\n"
		"  --json      one JSON object: witnesses, files, sites\n"
		"  --summary   rates only, no sites\n"
		"  --html=DIR  also write a browsable report to DIR (index.html)\n"
		"  --dwarf=    read .eh_frame or .debug_frame (default: .eh_frame if present)\n");
}

static int xcheck_args(int argc, char **argv, struct xcheck_run *r)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "summary", no_argument, NULL, 's' },
		{ "html", required_argument, NULL, 'H' },
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
		case 'H': r->html_dir = optarg; break;
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
		fpv_oom("xcheck");
		return 1;
	}
	if (r.html_dir && !(r.html = html_open(r.html_dir))) {
		free(fr);
		return 1;
	}
	progress_begin("xcheck", nfiles);
	if (r.json) {
		putchar('{');
		json_version_members();
		printf("\"sites\":[");
	}
	for (int i = 0; i < nfiles; i++) {
		const char *path = argv[optind + i];
		progress_file(i, path);
		if (xcheck_file(&r, path, &fr[i]) < 0) {
			ret = 1;
			continue;
		}
		fr[i].path = (char *)path;
		for (unsigned k = 0; k < WIT_NR; k++)
			wit_stats_add(&r.total[k], &fr[i].w[k]);
	}
	progress_end();
	xcheck_report(&r, fr, nfiles);
	if (r.html && html_close(r.html) < 0)
		ret = 1;
	free(fr);
	return ret;
}
