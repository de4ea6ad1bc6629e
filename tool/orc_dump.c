// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `fpv dump FILE...`: print the ORC tables of an object, a kernel module or
 * a linked image (read by orc_file.c), one record per line, sorted by
 * address, in a form people can read and tests can diff.  --expand prints
 * the entry the run-time lookup finds at every instruction, which is how
 * tests compare two tables for the same code.  --funcs prints the
 * .fpv_funcs table of a linked file instead: each function, its owner,
 * whether it may leave other than by returning (any-callee) and whether no
 * indirect call reaches it (direct-only).  --sidecar=DIR reads the tables of
 * an executable or shared library from its sidecar (sidecar.c) and prints
 * them exactly as if the file carried them.
 */
#include <elf.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "elf_file.h"
#include "error.h"
#include "orc.h"
#include "sidecar.h"
#include "fpv/orc_lookup.h"

/*
 * --funcs: one line per .fpv_funcs entry, "0x760 main owner:0x760" with
 * " any-callee" when ORC_FUNC_ANY_CALLEE is set and " direct-only" when
 * ORC_FUNC_DIRECT_ONLY is; "-" names an entry no symbol starts at (a PLT, a
 * linker stub).
 */
static int orc_dump_funcs(struct elf_file *elf, bool many)
{
	struct orc_funcs f;
	void *blob = orc_read_funcs(elf, &f);

	if (!blob)
		return -1;
	if (many)
		printf("%s:\n", elf->path);
	for (uint32_t i = 0; i < f.nr; i++) {
		uint64_t a = f.base + f.func[i].start, o = f.base + (f.func[i].owner & ~ORC_FUNC_FLAGS);
		struct section *ts = elf_section_at_addr(elf, a);
		struct symbol *sym = ts ? elf_find_symbol_at(ts, a) : NULL;

		printf("0x%llx %s owner:0x%llx%s%s\n", (unsigned long long)a, sym ? sym->name : "-",
		       (unsigned long long)o, f.func[i].owner & ORC_FUNC_ANY_CALLEE ? " any-callee" : "",
		       f.func[i].owner & ORC_FUNC_DIRECT_ONLY ? " direct-only" : "");
	}
	free(blob);
	return 0;
}

static int orc_dump_file(const char *path, bool expand, bool funcs, bool many,
			 const char *sidecar)
{
	struct orc_list l = { 0 };
	struct elf_file *elf = elf_open(path, false);
	const char *have;
	int ret;

	if (!elf)
		return 1;
	if (sidecar && (have = orc_find_tables(elf))) {
		fpv_error(path, "carries its own ORC tables (%s); --sidecar is for files without", have);
		elf_close(elf);
		return 1;
	}
	if (sidecar && (elf->e_type == ET_REL || sidecar_attach(elf, sidecar) < 0)) {
		if (elf->e_type == ET_REL)
			fpv_error(path, "--sidecar is for executables and shared libraries");
		elf_close(elf);
		return 1;
	}
	if (funcs) {
		ret = orc_dump_funcs(elf, many);
		elf_close(elf);
		return ret ? 1 : 0;
	}
	ret = orc_read(elf, &l);
	if (ret == 0)
		fpv_error(path, "no ORC tables (.orc_unwind_ip or %s)", ORC_FILE_SECTION);
	if (ret > 0) {
		if (many)
			printf("%s:\n", path);
		if (expand && elf_find_section(elf, ".orc_unwind_ip") && elf->e_type != ET_REL)
			ret = orc_expand_linked(stdout, elf) ? -1 : 1;
		else if (expand)
			ret = orc_expand(stdout, elf, &l) ? -1 : 1;
		else
			orc_print(stdout, elf, &l);
	}
	orc_list_free(&l);
	elf_close(elf);
	return ret > 0 ? 0 : 1;
}

#define DUMP_USAGE "usage: fpv dump [--expand | --funcs] [--sidecar=DIR] FILE...\n"

int cmd_dump(int argc, char **argv)
{
	bool expand = false, funcs = false;
	const char *sidecar = NULL;
	static const struct option lo[] = {
		{ "expand", no_argument, NULL, 'e' },
		{ "funcs", no_argument, NULL, 'f' },
		{ "sidecar", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int i, ch, ret = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (ch) {
		case 'e':
			expand = true;
			break;
		case 'f':
			funcs = true;
			break;
		case 's':
			if (!*optarg) {
				fpv_usage_error("dump", "--sidecar needs a directory");
				return 2;
			}
			sidecar = optarg;
			break;
		case 'h':
			printf(DUMP_USAGE
			       "  print ORC records, one per line, sorted by address\n"
			       "  --expand  one line per instruction: the entry the lookup finds\n"
			       "  --funcs   the %s table instead: function, owner, any-callee,\n"
			       "            direct-only\n"
			       "  --sidecar=DIR  the tables of FILE from DIR/%s/NN/REST%s\n"
			       "            (its GNU build-id; fpv orc --sidecar) instead of FILE\n",
			       ORC_FUNCS_SECTION, ORC_SIDECAR_DIR, ORC_SIDECAR_SUFFIX);
			return 0;
		default:
			fputs(DUMP_USAGE, stderr);
			return 2;
		}
	}
	i = optind;
	if (i == argc) {
		fputs(DUMP_USAGE, stderr);
		return 2;
	}
	for (int first = i; i < argc; i++)
		ret |= orc_dump_file(argv[i], expand, funcs, argc - first > 1, sidecar);
	return ret;
}
