// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * elfopen: open each FILE with the ELF layer (tool/elf.c) and print one
 * summary line per file.  The bad-input tests run it on every generated bad
 * file, so the ELF layer's validation is exercised even before a subcommand
 * that reads ELF exists; it is also a quick way to see what the layer makes of
 * a file (sections, symbols, mapping symbols, relocations, synthetic symbols).
 * Exit status: 0 if every file opened, 1 otherwise.
 */
#include <stdio.h>

#include "elf_file.h"

static void summary(struct elf_file *f)
{
	size_t text = 0, relocs = 0, maps = 0, indexed = 0, fde = 0;
	struct section *s;
	struct symbol *sym;

	for_each_sec(f, s) {
		text += s->text;
		relocs += s->nr_relocs;
		maps += s->nr_maps;
		indexed += s->nr_syms;
	}
	for_each_sym(f, sym)
		fde += sym->origin == SYM_FROM_EH_FRAME;
	printf("%s: type %u%s%s, %zu sections (%zu text), %zu symbols (%zu by address, %zu from .eh_frame), "
	       "%zu mapping symbols, %zu relocations\n", f->path, f->e_type,
	       f->is_module ? " module" : "", f->stripped ? " stripped" : "",
	       f->nr_sections, text, f->nr_symbols, indexed, fde, maps, relocs);
}

int main(int argc, char **argv)
{
	int rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: elfopen FILE...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct elf_file *f = elf_open(argv[i], false);
		if (!f) {
			rc = 1;
			continue;
		}
		summary(f);
		elf_close(f);
	}
	return rc;
}
