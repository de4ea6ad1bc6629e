// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `fpv explain FILE FUNCTION`: one function's disassembly with the frame
 * state from each witness side by side (fpv's analysis, DWARF CFI, SFrame)
 * and every disagreement marked with its xcheck class, so a developer can
 * see at which instruction the witnesses part and decide who is wrong.
 * A "-" means the witness says nothing there (fpv: not reached; DWARF or
 * SFrame: no FDE covers it).
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "check.h"
#include "cmd.h"
#include "error.h"
#include "explain.h"
#include "witness.h"
#include "xcheck.h"

#define EXPLAIN_COL 40

/* The classes of the witnesses in w that fpv's state disagrees with. */
static unsigned explain_classes(const struct cfi_state *fpv, const struct cfi_state *w[WIT_NR],
				int32_t fp_saved, int32_t ra_saved, enum xcheck_class cls[WIT_NR])
{
	unsigned marked = 0;

	for (unsigned k = 0; k < WIT_NR; k++) {
		enum xcheck_class c = XC_AGREE;

		cls[k] = XC_AGREE;
		if (!w[k] || w[k]->cfa_base == CFA_UNDEF)
			continue;
		if (fpv)
			c = xcheck_refine(xcheck_compare(fpv, w[k]), fpv, w[k], fp_saved, ra_saved);
		if (k == WIT_SFRAME)
			c = xcheck_sframe_class(c, w[k], w[WIT_DWARF]);
		cls[k] = c;
		marked += c != XC_AGREE;
	}
	return marked;
}

/* The instruction at off of f, or its word where the mapping symbols say data. */
static void explain_insn(const struct cfg_func *f, uint64_t off, char *text, size_t size)
{
	struct insn insn;

	if (elf_is_data(f->sec, off)) {
		snprintf(text, size, ".word 0x%08x", cfg_word(f->sec, off));
		return;
	}
	arch_decode(cfg_word(f->sec, off), cfg_addr(f->sec, off), &insn);
	arch_format(&insn, cfg_addr(f->sec, off), text, size);
}

unsigned explain_walk(struct wit_file *wf, const struct cfg_func *f, explain_row_fn *fn,
		      void *ctx)
{
	size_t n = (f->end - f->start) / 4;
	unsigned marked = 0;
	int32_t fp_saved = INT32_MIN, ra_saved = INT32_MIN;
	struct explain_row row;

	for (size_t i = 0; i < n; i++) {
		row.i = i;
		row.off = f->start + 4 * i;
		row.fpv = f->states ? f->states[i] : NULL;
		explain_insn(f, row.off, row.text, sizeof(row.text));
		if (row.fpv && row.fpv->fp_where == REG_SAVED)
			fp_saved = row.fpv->fp_off;
		if (row.fpv && row.fpv->ra_where == REG_SAVED)
			ra_saved = row.fpv->ra_off;
		cfi_format(row.fpv, row.fb, sizeof(row.fb));
		for (unsigned k = 0; k < WIT_NR; k++) {
			row.w[k] = wit_row(wf, k, f->sec, row.off);
			cfi_format(row.w[k], row.wb[k], sizeof(row.wb[k]));
		}
		marked += explain_classes(row.fpv, row.w, fp_saved, ra_saved, row.cls);
		fn(ctx, &row);
	}
	return marked;
}

/* One row as text; the marks column: "<< dwarf:cfa-offset sframe:fp-slot", or "". */
static void explain_print_row(void *ctx, const struct explain_row *row)
{
	(void)ctx;
	printf("  +0x%-4llx %-32s %-*s %-*s %-*s ", (unsigned long long)(4 * row->i), row->text,
	       EXPLAIN_COL, row->fb, EXPLAIN_COL, row->wb[WIT_DWARF], EXPLAIN_COL,
	       row->wb[WIT_SFRAME]);
	const char *sep = "<< ";
	for (unsigned k = 0; k < WIT_NR; k++)
		if (row->cls[k] != XC_AGREE) {
			printf("%s%s:%s", sep, wit_name[k], xcheck_class_name(row->cls[k]));
			sep = " ";
		}
	putchar('\n');
}

static void explain_func(struct wit_file *wf, const struct cfg_func *f)
{
	printf("%s: %s: %s+0x%llx, %zu instructions; dwarf: %s; sframe: %s\n", wf->elf->path,
	       f->name, f->sec->name, (unsigned long long)f->start, (size_t)(f->end - f->start) / 4,
	       wf->dwarf ? dwarf_cfi_section(wf->dwarf) : "absent",
	       wf->sframe ? ".sframe" : "absent");
	printf("  %-7s %-32s %-*s %-*s %-*s\n", "offset", "instruction", EXPLAIN_COL, "fpv",
	       EXPLAIN_COL, "dwarf", EXPLAIN_COL, "sframe");
	printf("  %u disagreements\n", explain_walk(wf, f, explain_print_row, NULL));
}

#define EXPLAIN_USAGE "usage: fpv explain [--dwarf=eh|debug] FILE FUNCTION\n"

int cmd_explain(int argc, char **argv)
{
	enum dwarf_which which = DWARF_ANY;
	struct check_opts opts = { 0 };
	struct wit_file wf;
	const struct cfg_func *f;
	unsigned found = 0;
	int ret = 1;

	static const struct option lo[] = {
		{ "dwarf", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path, *func;
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (ch) {
		case 'd':
			if (!strcmp(optarg, "eh")) {
				which = DWARF_EH_FRAME;
			} else if (!strcmp(optarg, "debug")) {
				which = DWARF_DEBUG_FRAME;
			} else {
				fpv_usage_error("explain", "--dwarf=%s: want eh or debug", optarg);
				return 2;
			}
			break;
		case 'h':
			printf(EXPLAIN_USAGE
			       "FUNCTION: a name (every function of that name), name@0xADDR, or an\n"
			       "address 0x... inside the function\n");
			return 0;
		default:
			fputs(EXPLAIN_USAGE, stderr);
			return 2;
		}
	}
	if (argc - optind != 2) {
		fputs(EXPLAIN_USAGE, stderr);
		return 2;
	}
	path = argv[optind];
	func = argv[optind + 1];
	if (wit_file_open(&wf, path, 0) < 0 || wit_file_load(&wf, which, &opts) < 0)
		goto out;
	wit_for_each_func(&wf, f)
		if (cfg_func_match(f, func)) {
			explain_func(&wf, f);
			found++;
		}
	if (found)
		ret = 0;
	else
		fpv_error(path, "no function '%s'", func);
out:
	wit_file_close(&wf);
	return ret;
}
