// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Source lines for findings (fpv check): the file and line that DWARF's
 * .debug_line gives for an instruction, read with libdwfl, which applies a
 * relocatable object's .debug_* relocations and lays its sections out at
 * addresses of its own.  In a linked file an instruction is at its address
 * plus libdwfl's load bias.  In an object it is located through the symbol
 * of its function: libdwfl reports every .symtab symbol at its address in
 * its layout, so the distance from the symbol's value to that address
 * carries a section offset into libdwfl's coordinates.  Files without .debug_line
 * cost nothing: nothing is opened until a finding asks, and only when the
 * section exists.  No line information is never an error: the finding is
 * printed without a location.
 */
#include <elf.h>
#include <elfutils/libdwfl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dwarf_cfi.h"

struct dwarf_lines {
	struct elf_file *file;
	Dwfl *dwfl;
	Dwfl_Module *mod;
	Dwarf_Addr bias;	/* linked files: libdwfl's address minus the link-time one */
	bool tried;		/* opened, or found there is nothing to open */
};

static int lines_no_debuginfo(Dwfl_Module *mod, void **userdata, const char *modname,
			      Dwarf_Addr base, const char *file_name,
			      const char *debuglink_file, GElf_Word debuglink_crc,
			      char **debuginfo_file_name)
{
	(void)mod; (void)userdata; (void)modname; (void)base; (void)file_name;
	(void)debuglink_file; (void)debuglink_crc; (void)debuginfo_file_name;
	return -1;	/* the file's own line table only: no search for debug files */
}

static const Dwfl_Callbacks lines_callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = lines_no_debuginfo,
	.section_address = dwfl_offline_section_address,
};

struct dwarf_lines *dwarf_lines_new(struct elf_file *file)
{
	struct dwarf_lines *dl = calloc(1, sizeof(*dl));

	if (dl)
		dl->file = file;
	return dl;	/* NULL: no lines, which is never an error */
}

static void lines_open(struct dwarf_lines *dl)
{
	dl->tried = true;
	if (!elf_find_section(dl->file, ".debug_line"))
		return;
	dl->dwfl = dwfl_begin(&lines_callbacks);
	if (!dl->dwfl)
		return;
	dwfl_report_begin(dl->dwfl);
	dl->mod = dwfl_report_offline(dl->dwfl, "", dl->file->path, -1);
	dwfl_report_end(dl->dwfl, NULL, NULL);
	if (dl->mod && !dwfl_module_getdwarf(dl->mod, &dl->bias))
		dl->mod = NULL;
}

/*
 * dwfl_module_getsrc() finds the compilation unit through .debug_aranges,
 * which clang does not emit: then each unit's own line table is asked.
 */
static const char *cu_line(struct dwarf_lines *dl, Dwarf_Addr addr, int *line)
{
	Dwarf_Die *cu = NULL;
	Dwarf_Addr bias;

	while ((cu = dwfl_module_nextcu(dl->mod, cu, &bias))) {
		Dwarf_Line *l = dwarf_getsrc_die(cu, addr - bias);

		if (l && dwarf_lineno(l, line) == 0)
			return dwarf_linesrc(l, NULL, NULL);
	}
	return NULL;
}

int dwarf_line_at(struct dwarf_lines *dl, const struct section *sec, uint64_t off,
		  const struct symbol *sym, const char **path, int *line)
{
	GElf_Sym gsym;
	GElf_Addr addr;
	const char *name, *src;
	Dwfl_Line *l;

	if (!dl)
		return -1;
	if (!dl->tried)
		lines_open(dl);
	if (!dl->mod)
		return -1;
	off += sec->addr;	/* the coordinates of symbol values (0 in an object) */
	if (dl->file->e_type != ET_REL) {
		addr = off + dl->bias;
	} else {
		if (!sym || sym->origin != SYM_FROM_SYMTAB || sym->sec != sec || off < sym->value)
			return -1;
		name = dwfl_module_getsym_info(dl->mod, (int)sym->idx, &gsym, &addr, NULL, NULL,
					       NULL);
		if (!name || strcmp(name, sym->name) || gsym.st_value != sym->value)
			return -1;	/* libdwfl read another symbol table: no mapping */
		addr += off - sym->value;
	}
	l = dwfl_module_getsrc(dl->mod, addr);
	src = l ? dwfl_lineinfo(l, NULL, line, NULL, NULL, NULL) : NULL;
	if (!src)
		src = cu_line(dl, addr, line);
	if (!src || *line <= 0)
		return -1;
	*path = src;
	return 0;
}

void dwarf_lines_free(struct dwarf_lines *dl)
{
	if (!dl)
		return;
	if (dl->dwfl)
		dwfl_end(dl->dwfl);
	free(dl);
}
