// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the analysis of one file covered, for `fpv check --stats`: the words
 * of every executable section and how many of them the analysis reached, and
 * every range of unanalysed code of COVERAGE_MIN_GAP bytes or more with the
 * reason it was not analysed.  A file fpv could only partly read must say
 * so: code outside every function (no symbol, no FDE: hand-written NEON
 * blocks, a Go binary whose functions are listed only in .gopclntab), a
 * function no path entered, code in a function no path reached.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "coverage.h"

enum gap_kind {
	GAP_NONE,		/* analysed */
	GAP_OUTSIDE,		/* in no function */
	GAP_PLT,		/* PLT entries: calls to other files */
	GAP_NOT_ENTERED,	/* a function no path entered (a cold split) */
	GAP_NOT_REACHED,	/* in a function, reached by no path */
};

struct gap {
	enum gap_kind kind;
	const struct cfg_func *f;
	uint64_t start, end;		/* offsets in the section */
	bool all_padding;		/* only zero words and NOPs */
	bool data;			/* some word is $d data */
};

static bool is_plt(const struct section *sec)
{
	return !strcmp(sec->name, ".plt") || !strcmp(sec->name, ".iplt");
}

/* Why the words of a run outside every function were not analysed. */
static const char *outside_reason(const struct elf_file *elf, const struct gap *g)
{
	if (g->all_padding)
		return "padding";
	if (g->data)
		return "data ($d)";
	if (elf_find_section((struct elf_file *)elf, ".gopclntab"))
		return "a language runtime whose functions fpv cannot find: Go, "
		       "its function table .gopclntab is not read";
	return "no symbol, no FDE";
}

static void print_gap(FILE *out, const struct elf_file *elf, const struct section *sec,
		      const struct gap *g)
{
	uint64_t a = cfg_addr(sec, g->start), b = cfg_addr(sec, g->end);

	if (g->kind == GAP_NONE || g->end - g->start < COVERAGE_MIN_GAP)
		return;
	fprintf(out, "fpv check: %s: not analysed: 0x%" PRIx64 "-0x%" PRIx64 " in %s (%" PRIu64
		" words): ", elf->path, a, b, sec->name, (g->end - g->start) / 4);
	switch (g->kind) {
	case GAP_PLT:
		fprintf(out, "PLT entries (calls to other files)\n");
		break;
	case GAP_NOT_ENTERED:
		fprintf(out, "function %s, entered by no path\n", g->f->name);
		break;
	case GAP_NOT_REACHED:
		fprintf(out, "reached by no path in function %s\n", g->f->name);
		break;
	default:
		fprintf(out, "%s\n", outside_reason(elf, g));
		break;
	}
}

/* The kind of gap the word at off is in (GAP_NONE: analysed). */
static enum gap_kind word_kind(const struct section *sec, const struct cfg_func *f, uint64_t off)
{
	if (!f)
		return is_plt(sec) ? GAP_PLT : GAP_OUTSIDE;
	if (f->status == FUNC_NOT_ANALYZED || !f->states)
		return GAP_NOT_ENTERED;
	return f->states[(off - f->start) / 4] ? GAP_NONE : GAP_NOT_REACHED;
}

/* One executable section: its words, those analysed, and its gaps. */
static uint64_t section_coverage(FILE *out, const struct check_result *res, struct section *sec,
				 const struct cfg_func **fp)
{
	const struct cfg_func *end = res->cfg.funcs + res->cfg.nr_funcs, *f = *fp;
	struct gap g = { GAP_NONE, NULL, 0, 0, true, false };
	uint64_t analysed = 0;
	struct insn insn;

	for (uint64_t off = 0; off + 4 <= sec->size; off += 4) {
		const struct cfg_func *in;
		enum gap_kind k;

		while (f < end && f->sec == sec && f->end <= off)
			f++;
		in = f < end && f->sec == sec && f->start <= off ? f : NULL;
		k = word_kind(sec, in, off);
		if (k == GAP_NONE)
			analysed++;
		if (k != g.kind || (k != GAP_OUTSIDE && k != GAP_PLT && in != g.f)) {
			g.end = off;
			print_gap(out, res->elf, sec, &g);
			g = (struct gap){ k, in, off, off, true, false };
		}
		if (k == GAP_OUTSIDE) {
			arch_decode(cfg_word(sec, off), cfg_addr(sec, off), &insn);
			g.all_padding &= insn.is_nop || insn.word == 0;
			g.data |= sec->nr_maps && elf_is_data(sec, off);
		}
	}
	g.end = sec->size & ~3ull;
	print_gap(out, res->elf, sec, &g);
	while (f < end && f->sec == sec)
		f++;
	*fp = f;
	return analysed;
}

uint64_t coverage_print(FILE *out, const struct check_result *res)
{
	const struct cfg_func *f = res->cfg.funcs;
	struct section *sec;
	uint64_t total = 0;

	for_each_sec(res->elf, sec) {
		uint64_t words, analysed;

		if (!sec->text || !sec->data)
			continue;
		/* functions are sorted by section index: skip those of earlier ones */
		while (f < res->cfg.funcs + res->cfg.nr_funcs && f->sec->idx < sec->idx)
			f++;
		words = sec->size / 4;
		analysed = section_coverage(out, res, sec, &f);
		fprintf(out, "fpv check: %s: %s: %" PRIu64 " words, %" PRIu64 " analysed (%.1f%%)\n",
			res->elf->path, sec->name, words, analysed,
			words ? 100.0 * (double)analysed / (double)words : 100.0);
		total += words;
	}
	return total;
}
