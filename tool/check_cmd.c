// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `fpv check`: run the frame-state analysis (check.c) over each file and
 * print the findings in objtool's format, "file.o: warning: fpv:
 * func+0x1c: text", one per function; or, with --json, the findings and the
 * status of every function for other tools; or, with --states, every
 * instruction with the frame state before it (what golden tests and people
 * read).  When the file carries DWARF line information, each finding also
 * names its source file and line, objtool's line followed by " (FILE:LINE)"
 * and "source"/"line" in JSON, so editors and CI annotations can jump to it.
 *
 * The grammar: fpv check [OPTIONS] FILE...; every operand is a file.  A
 * function is named only by an option, --states=FUNC or --function FUNC.
 * One older form is still accepted: "fpv check --states FILE FUNC" (exactly
 * two operands, the second not an existing file); a function named in any
 * way that no file holds is an error, so a mistyped file name never passes
 * as an empty listing.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arch.h"
#include "check.h"
#include "coverage.h"
#include "cmd.h"
#include "dwarf_cfi.h"
#include "error.h"
#include "json.h"
#include "progress.h"

struct cmd_opts {
	struct check_opts check;
	bool werror, json, states, stats;
	bool allow_empty;		/* a .o with no code: nothing to do */
	const char *func;		/* --states=FUNC, --function FUNC: only this function */
	bool func_seen;			/* some file holds func */
};

static const char *status_name(const struct cfg_func *f)
{
	switch (f->status) {
	case FUNC_OK: return "ok";
	case FUNC_WARNED: return "warning";
	default: return "not-analyzed";
	}
}

/*
 * Hand-written code without CFI (docs/warnings.md): code that no compiler
 * generated and no unwind information describes.  A compiler gives every
 * function it emits an FDE (.eh_frame, or .debug_frame in a kernel built
 * with -g); in a file that has CFI, a function that no FDE covers is
 * assembly: the arm64 kernel's SYM_CODE (an STT_NOTYPE symbol: exception
 * vectors, entry and return paths, EL2 and firmware switches) and its
 * SYM_FUNC assembly (suspend/resume, cpu_switch_to, ftrace trampolines),
 * neither of which carries CFI.  Its findings are notes, counted apart and
 * not errors under --werror.  A file without CFI gives no such evidence:
 * all its findings stay warnings.  Go's compiler emits no CFI that
 * survives stripping; .gopclntab says which of its functions are Go
 * assembly (funcFlag_ASM): the others are compiled, their findings warnings.
 */
static void mark_hand_written(struct check_result *res)
{
	struct dwarf_cfi *cfi = NULL;

	if (!res->nr_findings || dwarf_cfi_open(res->elf, DWARF_ANY, &cfi) < 0 || !cfi)
		return;
	for (size_t k = 0; k < res->nr_findings; k++) {
		struct check_finding *fd = &res->findings[k];
		const struct cfg_func *f = fd->func;

		const struct go_func *g = elf_go_func(res->elf, cfg_addr(f->sec, f->start));

		fd->hand_written = !(g && !(g->flag & GO_FUNC_ASM)) &&
				   !dwarf_cfi_covers(cfi, f->sec, f->start, f->end - f->start);
	}
	dwarf_cfi_close(cfi);
}

static void print_finding(const struct check_result *res, const struct check_finding *fd,
			  bool backtrace, struct dwarf_lines *lines)
{
	const struct cfg_func *f = fd->func;
	const char *kind = fd->hand_written ? "note" : "warning";
	const char *src;
	int line;

	printf("%s: %s: fpv: %s+0x%llx: %s%s", res->elf->path, kind, f->name,
	       (unsigned long long)(fd->off - f->start), fd->text,
	       fd->hand_written ? " (hand-written code without CFI)" : "");
	if (dwarf_line_at(lines, f->sec, fd->off, f->sym, &src, &line) == 0)
		printf(" (%s:%d)", src, line);
	putchar('\n');
	if (!backtrace)
		return;
	for (uint32_t k = 0; k < fd->nr_path; k++)
		printf("%s: %s: fpv: %s+0x%llx: (branch to %s+0x%llx)\n", res->elf->path, kind,
		       f->name, (unsigned long long)(fd->path[k] - f->start), f->name,
		       (unsigned long long)(fd->path_to[k] - f->start));
}

static void print_json(const struct check_result *res, bool first, const char *only,
		       struct dwarf_lines *lines)
{
	const struct cfg_func *f;
	bool comma = false;

	printf("%s{\"file\":", first ? "" : ",\n");
	json_str(res->elf->path);
	printf(",\"instructions\":%llu,\"functions\":[", (unsigned long long)res->nr_insns);
	for_each_check_func(res, f) {
		if (only && !cfg_func_match(f, only))
			continue;
		printf("%s\n  {\"name\":", comma ? "," : "");
		json_str(f->name);
		printf(",\"section\":");
		json_str(f->sec->name);
		printf(",\"offset\":%llu,\"size\":%llu,\"status\":\"%s\",\"noreturn\":%s,\"cold\":%s}",
		       (unsigned long long)f->start, (unsigned long long)(f->end - f->start),
		       status_name(f), f->noreturn ? "true" : "false", f->is_cold ? "true" : "false");
		comma = true;
	}
	printf("],\"findings\":[");
	comma = false;
	for (size_t k = 0; k < res->nr_findings; k++) {
		const struct check_finding *fd = &res->findings[k];

		if (only && !cfg_func_match(fd->func, only))
			continue;
		printf("%s\n  {\"function\":", comma ? "," : "");
		comma = true;
		json_str(fd->func->name);
		printf(",\"offset\":%llu,\"id\":\"%s\",\"hand_written\":%s,\"text\":",
		       (unsigned long long)(fd->off - fd->func->start), check_warning_name(fd->id),
		       fd->hand_written ? "true" : "false");
		json_str(fd->text);
		const char *src;
		int line;

		if (dwarf_line_at(lines, fd->func->sec, fd->off, fd->func->sym, &src, &line) == 0) {
			printf(",\"source\":");
			json_str(src);
			printf(",\"line\":%d", line);
		}
		printf(",\"path\":[");
		for (uint32_t p = 0; p < fd->nr_path; p++)
			printf("%s%llu", p ? "," : "", (unsigned long long)(fd->path[p] - fd->func->start));
		printf("]}");
	}
	printf("]}");
}

/* Every instruction of every (or one) function with the state before it. */
static void print_states(const struct check_result *res, const char *only)
{
	const struct cfg_func *f;
	const struct cfi_state *st;
	struct insn insn;
	uint64_t off;
	char text[96], sbuf[160];

	for_each_check_func(res, f) {
		if (only && !cfg_func_match(f, only))
			continue;
		printf("%s: %s %s%s\n", f->name, f->sec->name, status_name(f),
		       f->noreturn ? " noreturn" : "");
		func_for_each_state(f, off, st) {
			if (f->sec->nr_maps && elf_is_data(f->sec, off)) {
				printf("  %5llx  %-34s  -\n", (unsigned long long)(off - f->start), ".word (data)");
				continue;
			}
			arch_decode(cfg_word(f->sec, off), cfg_addr(f->sec, off), &insn);
			arch_format(&insn, cfg_addr(f->sec, off), text, sizeof(text));
			printf("  %5llx  %-34s  %s\n", (unsigned long long)(off - f->start), text,
			       !st && f->dead[(off - f->start) / 4] ? "dead" :
			       cfi_format(st, sbuf, sizeof(sbuf)));
		}
	}
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: fpv check [OPTIONS] FILE...\n"
		"Compute the frame state at every instruction and check the frame rules.\n"
		"Every operand is a file; a function is named only by an option.\n"
		"  --no-fp          code built without frame pointers: a call needs x30 saved only,\n"
		"                   x29 is an ordinary register\n"
		"  --fp             every call needs x29 pointing at a frame record (the kernel's\n"
		"                   rule); default: --fp, or --no-fp for a file that keeps no\n"
		"                   frame records, said in one finding\n"
		"  --backtrace      print the branches that led to each finding\n"
		"  --werror         findings are errors (exit status 1); notes (hand-written\n"
		"                   code without CFI) are not\n"
		"  --json           findings and per-function status as JSON\n"
		"  --states[=FUNC]  print every instruction with the frame state before it\n"
		"                   (of FUNC only)\n"
		"  --function=FUNC  only FUNC: its findings, its --json entry, its --states\n"
		"                   (also --func FUNC); an error if no FILE holds FUNC\n"
		"  --allow-empty    a relocatable object with no code (no executable section)\n"
		"                   is nothing to do, not an error (kernel builds)\n"
		"  --stats          print files, functions, instructions, findings and notes\n"
		"                   to stderr; per executable section its words and those\n"
		"                   analysed, and each unanalysed range of 256 bytes or more\n"
		"                   with its reason\n"
		"Still accepted: fpv check --states FILE FUNC (two operands, FUNC not a file).\n"
		"Warnings and their fixes: docs/warnings.md\n");
}

static bool set_func(struct cmd_opts *o, const char *name)
{
	if (!*name || (o->func && strcmp(o->func, name))) {
		fpv_usage_error("check", "%s", *name ? "one function at a time" : "an empty function name");
		usage(stderr);
		return false;
	}
	o->func = name;
	return true;
}

static int parse(int argc, char **argv, struct cmd_opts *o)
{
	static const struct option lo[] = {
		{ "no-fp", no_argument, NULL, 'n' },
		{ "fp", no_argument, NULL, 'F' },
		{ "backtrace", no_argument, NULL, 'b' },
		{ "werror", no_argument, NULL, 'W' },
		{ "json", no_argument, NULL, 'j' },
		{ "states", optional_argument, NULL, 's' },
		{ "function", required_argument, NULL, 'f' },
		{ "func", required_argument, NULL, 'f' },
		{ "allow-empty", no_argument, NULL, 'E' },
		{ "stats", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	memset(o, 0, sizeof(*o));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (ch) {
		case 'n': o->check.mode = CHECK_NO_FP; break;
		case 'F': o->check.mode = CHECK_FP; break;
		case 'b': o->check.backtrace = true; break;
		case 'W': o->werror = true; break;
		case 'j': o->json = true; break;
		case 's':
			o->states = true;
			if (optarg && !set_func(o, optarg))
				return -1;
			break;
		case 'f':
			if (!set_func(o, optarg))
				return -1;
			break;
		case 'E': o->allow_empty = true; break;
		case 'S': o->stats = true; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind >= argc || (o->json && o->states)) {
		if (o->json && o->states)
			fpv_usage_error("check", "--json and --states are two different outputs");
		usage(stderr);
		return -1;
	}
	/* The older "fpv check --states FILE FUNC": a second operand that is not a file. */
	if (o->states && !o->func && argc - optind == 2 && access(argv[optind + 1], F_OK)) {
		o->func = argv[optind + 1];
		argv[optind + 1] = NULL;
	}
	return optind;
}

static bool has_func(const struct check_result *res, const char *name)
{
	const struct cfg_func *f;

	for_each_check_func(res, f)
		if (cfg_func_match(f, name))
			return true;
	return false;
}

struct totals {
	unsigned long long findings, notes, insns, funcs, words, text_words;
};

static int check_one(const char *path, struct cmd_opts *o, bool first, struct totals *t)
{
	struct elf_file *elf = elf_open_flags(path, o->allow_empty ? ELF_OPEN_EMPTY_REL : 0);
	struct check_result res;
	struct dwarf_lines *lines;
	int n;

	if (!elf)
		return -1;
	if (elf->no_text) {		/* --allow-empty: no code, nothing to check */
		elf_close(elf);
		return 0;
	}
	n = check_file(elf, &o->check, &res);
	progress_clear();	/* the findings follow */
	lines = dwarf_lines_new(elf);
	if (n >= 0) {
		mark_hand_written(&res);

		if (o->func && !o->func_seen)
			o->func_seen = has_func(&res, o->func);
		if (o->json)
			print_json(&res, first, o->func, lines);
		else if (o->states)
			print_states(&res, o->func);
		else
			for (size_t k = 0; k < res.nr_findings; k++)
				if (!o->func || cfg_func_match(res.findings[k].func, o->func))
					print_finding(&res, &res.findings[k], o->check.backtrace,
						      lines);
		if (o->stats)
			t->text_words += coverage_print(stderr, &res);
		for (size_t k = 0; k < res.nr_findings; k++) {	/* those shown */
			const struct check_finding *fd = &res.findings[k];

			if (!o->func || cfg_func_match(fd->func, o->func))
				*(fd->hand_written ? &t->notes : &t->findings) += 1;
		}
		t->insns += res.nr_insns;
		t->funcs += res.cfg.nr_funcs;
		t->words += res.nr_words;
	}
	dwarf_lines_free(lines);
	check_free(&res);
	elf_close(elf);
	return n;
}

int cmd_check(int argc, char **argv)
{
	struct cmd_opts o;
	struct totals t = { 0 };
	int first, failed = 0, nfiles = 0, printed = 0;

	first = parse(argc, argv, &o);
	if (first < 0)
		return 2;
	if (o.json) {
		putchar('{');
		json_version_members();
		printf("\"files\":[");
	}
	progress_begin("check", argc - first);
	for (int k = first; k < argc && argv[k]; k++, nfiles++) {
		progress_file(k - first, argv[k]);
		/* JSON: the first file printed opens the list, not the first named */
		if (check_one(argv[k], &o, printed == 0, &t) < 0)
			failed = 1;
		else
			printed++;
	}
	progress_end();
	if (o.json)
		printf("]}\n");
	if (o.func && !o.func_seen && !failed) {
		fpv_error(nfiles == 1 ? argv[first] : "check", "no function %s", o.func);
		failed = 1;
	}
	if (o.stats)
		fprintf(stderr, "fpv check: %d files, %llu functions, %llu instructions analyzed of "
			"%llu words, %llu findings, %llu notes on hand-written code, %zu distinct "
			"states; %llu words in executable sections\n", nfiles, t.funcs, t.insns,
			t.words, t.findings, t.notes, cfi_hash_count(), t.text_words);
	cfi_hash_free();
	if (failed)
		return 1;
	return o.werror && t.findings ? 1 : 0;
}
