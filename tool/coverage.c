// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the analysis of one file covered, for `fpv check --stats`: the words
 * of every executable section and how many of them the analysis reached, and
 * every range of unanalysed code of COVERAGE_MIN_GAP bytes or more with the
 * reason it was not analysed.  A file fpv could only partly read must say
 * so: code outside every function (no symbol, no FDE: hand-written NEON
 * blocks; a Go binary's .gopclntab fpv could not read), a
 * function no path entered, code in a function no path reached (and, apart,
 * code no execution reaches: after a call that never returns or a trap,
 * padding).  A file with less than COVERAGE_LOW_PCT percent of its
 * executable words analysed gets every gap reported, whatever its size.
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
	GAP_DEAD,		/* in a function, code no execution reaches (check.c) */
};

struct gap {
	enum gap_kind kind;
	const struct cfg_func *f;
	uint64_t start, end;		/* offsets in the section */
	bool all_padding;		/* only zero words and NOPs */
	bool data;			/* some word is $d data */
	bool branch_over;		/* its first code is a B to its own end */
	bool seen_code;			/* a word other than padding was seen */
};

/* What a pass over the sections does: count, or print gaps of min bytes. */
struct cov {
	FILE *out;			/* NULL: count only */
	uint64_t min;
	uint64_t words, analysed;
};

static bool is_plt(const struct section *sec)
{
	return !strcmp(sec->name, ".plt") || !strcmp(sec->name, ".iplt");
}

/* The start of every reason for a Go binary whose functions stay unknown. */
#define GO_UNFOUND	"a language runtime whose functions fpv cannot find: Go, "

/* Why the words of a run outside every function were not analysed. */
static const char *outside_reason(const struct elf_file *elf, const struct gap *g)
{
	if (g->all_padding)
		return "padding";
	/* GNU ld's erratum-843419 stub section: "b over ; nop ; ldr ; b back
	 * ... " then zeros to the next page; each stub is followed from the
	 * branch that uses it */
	if (g->branch_over)
		return "linker stubs (a branch over them, stubs, padding)";
	if (g->data)
		return "data ($d)";
	static char buf[320];

	switch (elf->go_table) {
	case GO_TABLE_UNLINKED:
		return GO_UNFOUND "its function table .gopclntab is read only in linked files";
	case GO_TABLE_LAYOUT:
		snprintf(buf, sizeof(buf), GO_UNFOUND "its function table .gopclntab has a layout "
			 "fpv does not read (magic 0x%08x)", elf->go_magic);
		return buf;
	case GO_TABLE_BAD:
		snprintf(buf, sizeof(buf), GO_UNFOUND "its function table .gopclntab cannot be "
			 "used: %s", elf->go_why);
		return buf;
	case GO_TABLE_NOT_FOUND:
		return GO_UNFOUND "no function table .gopclntab found (no section of its own, "
		       "none in the data)";
	case GO_TABLE_READ:
		return "no symbol, no FDE, not in .gopclntab";
	default:
		return "no symbol, no FDE";
	}
}

static void print_gap(const struct cov *cv, const struct elf_file *elf, const struct section *sec,
		      const struct gap *g)
{
	uint64_t a = cfg_addr(sec, g->start), b = cfg_addr(sec, g->end);
	FILE *out = cv->out;

	if (!out || g->kind == GAP_NONE || g->end == g->start || g->end - g->start < cv->min)
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
	case GAP_DEAD:
		fprintf(out, "dead code (no execution reaches it) in function %s\n", g->f->name);
		break;
	default:
		fprintf(out, "%s\n", outside_reason(elf, g));
		break;
	}
}

/* The address where the run of code outside every function at off ends. */
static uint64_t gap_end(const struct check_result *res, const struct section *sec,
			const struct cfg_func *f, uint64_t off)
{
	const struct cfg_func *end = res->cfg.funcs + res->cfg.nr_funcs;

	while (f < end && f->sec == sec && f->end <= off)
		f++;
	return cfg_addr(sec, f < end && f->sec == sec ? f->start : sec->size);
}

/* The kind of gap the word at off is in (GAP_NONE: analysed). */
static enum gap_kind word_kind(const struct section *sec, const struct cfg_func *f, uint64_t off)
{
	if (!f)
		return is_plt(sec) ? GAP_PLT : GAP_OUTSIDE;
	if (f->status == FUNC_NOT_ANALYZED || !f->states)
		return GAP_NOT_ENTERED;
	if (f->states[(off - f->start) / 4])
		return GAP_NONE;
	return f->dead[(off - f->start) / 4] ? GAP_DEAD : GAP_NOT_REACHED;
}

/* One executable section: its words, those analysed, and its gaps. */
static uint64_t section_coverage(const struct cov *cv, const struct check_result *res,
				 struct section *sec, const struct cfg_func **fp)
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
			print_gap(cv, res->elf, sec, &g);
			g = (struct gap){ k, in, off, off, true, false, false, false };
		}
		if (k == GAP_OUTSIDE && cv->out) {
			arch_decode(cfg_word(sec, off), cfg_addr(sec, off), &insn);
			g.all_padding &= insn.is_nop || insn.word == 0;
			g.data |= sec->nr_maps && elf_is_data(sec, off);
			if (!g.seen_code && !insn.is_nop && insn.word)
				g.branch_over = insn.cls == INSN_JUMP_UNCOND && insn.has_target &&
						insn.target > cfg_addr(sec, off) + 4 &&
						gap_end(res, sec, f, off) == insn.target;
			g.seen_code |= !insn.is_nop && insn.word;
		}
	}
	g.end = sec->size & ~3ull;
	print_gap(cv, res->elf, sec, &g);
	while (f < end && f->sec == sec)
		f++;
	*fp = f;
	return analysed;
}

static void coverage_pass(struct cov *cv, const struct check_result *res)
{
	const struct cfg_func *f = res->cfg.funcs;
	struct section *sec;

	for_each_sec(res->elf, sec) {
		uint64_t words, analysed;

		if (!sec->text || !sec->data)
			continue;
		/* functions are sorted by section index: skip those of earlier ones */
		while (f < res->cfg.funcs + res->cfg.nr_funcs && f->sec->idx < sec->idx)
			f++;
		words = sec->size / 4;
		analysed = section_coverage(cv, res, sec, &f);
		if (cv->out)
			fprintf(cv->out, "fpv check: %s: %s: %" PRIu64 " words, %" PRIu64
				" analysed (%.1f%%)\n", res->elf->path, sec->name, words, analysed,
				words ? 100.0 * (double)analysed / (double)words : 100.0);
		cv->words += words;
		cv->analysed += analysed;
	}
}

uint64_t coverage_print(FILE *out, const struct check_result *res)
{
	struct cov count = { NULL, 0, 0, 0 }, print = { out, COVERAGE_MIN_GAP, 0, 0 };

	coverage_pass(&count, res);
	if (count.analysed * 100 < count.words * COVERAGE_LOW_PCT)
		print.min = 4;		/* a poorly covered file: every gap */
	coverage_pass(&print, res);
	return print.words;
}
