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
#include "witness.h"
#include "xcheck.h"

#define EXPLAIN_COL 40

/* The marks column: "<< dwarf:cfa-offset sframe:fp-slot", or "". */
static void explain_marks(const struct cfi_state *fpv, const struct cfi_state *w[WIT_NR],
			  int32_t fp_saved, int32_t ra_saved, char *buf, size_t size,
			  unsigned *nr_marked)
{
	size_t n = 0;

	buf[0] = 0;
	for (unsigned k = 0; k < WIT_NR; k++) {
		enum xcheck_class c = XC_AGREE;
		if (!w[k] || w[k]->cfa_base == CFA_UNDEF)
			continue;
		if (fpv)
			c = xcheck_refine(xcheck_compare(fpv, w[k]), fpv, w[k], fp_saved, ra_saved);
		if (k == WIT_SFRAME)
			c = xcheck_sframe_class(c, w[k], w[WIT_DWARF]);
		if (c == XC_AGREE)
			continue;
		int r = snprintf(buf + n, size - n, "%s%s:%s", n ? " " : "<< ",
				 wit_name[k], xcheck_class_name(c));
		if (r > 0 && (size_t)r < size - n)
			n += (size_t)r;
		(*nr_marked)++;
	}
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

static void explain_func(struct wit_file *wf, const struct cfg_func *f)
{
	size_t n = (f->end - f->start) / 4;
	unsigned marked = 0;
	int32_t fp_saved = INT32_MIN, ra_saved = INT32_MIN;

	printf("%s: %s: %s+0x%llx, %zu instructions; dwarf: %s; sframe: %s\n", wf->elf->path,
	       f->name, f->sec->name, (unsigned long long)f->start, n,
	       wf->dwarf ? dwarf_cfi_section(wf->dwarf) : "absent",
	       wf->sframe ? ".sframe" : "absent");
	printf("  %-7s %-32s %-*s %-*s %-*s\n", "offset", "instruction", EXPLAIN_COL, "fpv",
	       EXPLAIN_COL, "dwarf", EXPLAIN_COL, "sframe");
	for (size_t i = 0; i < n; i++) {
		uint64_t off = f->start + 4 * i;
		char text[64], fb[128], wb[WIT_NR][128], marks[96];
		const struct cfi_state *fpv = f->states ? f->states[i] : NULL, *w[WIT_NR];

		explain_insn(f, off, text, sizeof(text));
		if (fpv && fpv->fp_where == REG_SAVED)
			fp_saved = fpv->fp_off;
		if (fpv && fpv->ra_where == REG_SAVED)
			ra_saved = fpv->ra_off;
		cfi_format(fpv, fb, sizeof(fb));
		for (unsigned k = 0; k < WIT_NR; k++) {
			w[k] = wit_row(wf, k, f->sec, off);
			cfi_format(w[k], wb[k], sizeof(wb[k]));
		}
		explain_marks(fpv, w, fp_saved, ra_saved, marks, sizeof(marks), &marked);
		printf("  +0x%-4llx %-32s %-*s %-*s %-*s %s\n", (unsigned long long)(4 * i), text,
		       EXPLAIN_COL, fb, EXPLAIN_COL, wb[WIT_DWARF], EXPLAIN_COL, wb[WIT_SFRAME],
		       marks);
	}
	printf("  %u disagreements\n", marked);
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
