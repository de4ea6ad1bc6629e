/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * DWARF CFI as a witness: the compiler's own .eh_frame or .debug_frame,
 * read with libdw and evaluated at every instruction, normalised to
 * struct cfi_state (tool/cfi.h) so xcheck, explain and `fpv orc
 * --from=dwarf` can use it beside fpv's analysis and SFrame.
 *
 * Relocatable objects (.o, .ko) get their relocations applied by libdwfl;
 * the return-address signing state (DW_CFA_AARCH64_negate_ra_state), which
 * libdw 0.188 parses but does not expose, is tracked by walking each FDE's
 * instructions as the call-frame reader (eh_frame.h) delimits them.
 */
#ifndef FPV_DWARF_H
#define FPV_DWARF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cfi.h"
#include "elf_file.h"

struct dwarf_cfi;

enum dwarf_which {
	DWARF_ANY,		/* .eh_frame if present, else .debug_frame */
	DWARF_EH_FRAME,
	DWARF_DEBUG_FRAME,
};

/*
 * Open the CFI of an opened ELF file.  Returns 0 with *out set, 0 with
 * *out NULL when the file has no such section, or a negative value after
 * printing "fpv: FILE: problem".
 */
int dwarf_cfi_open(struct elf_file *file, enum dwarf_which which, struct dwarf_cfi **out);
void dwarf_cfi_close(struct dwarf_cfi *cfi);

/* ".eh_frame" or ".debug_frame": the section actually read. */
const char *dwarf_cfi_section(const struct dwarf_cfi *cfi);

/*
 * The states before each of the n instructions at off, off+4, ... in the
 * text section sec (off is a section offset).  covered[i] is 0 where no FDE
 * covers the instruction (out[i] is then zeroed), 1 otherwise.  Returns the
 * number of covered instructions or a negative value on a tool failure
 * (malformed CFI, message printed).
 */
/*
 * Source lines (dwarf_lines.c), for findings.  dwarf_lines_new() reads
 * nothing yet; dwarf_line_at() gives the source file and line of the
 * instruction at offset off of section sec (sym: a .symtab symbol of sec,
 * such as its function's, which locates sec in a relocatable object): 0, or
 * -1 when the file has no line for it.  *path lives until
 * dwarf_lines_free().
 */
struct dwarf_lines;
struct dwarf_lines *dwarf_lines_new(struct elf_file *file);
int dwarf_line_at(struct dwarf_lines *dl, const struct section *sec, uint64_t off,
		  const struct symbol *sym, const char **path, int *line);
void dwarf_lines_free(struct dwarf_lines *dl);

long dwarf_cfi_states(struct dwarf_cfi *cfi, const struct section *sec, uint64_t off,
		      size_t n, struct cfi_state *out, uint8_t *covered);

/* Whether some FDE covers part of [off, off + len) of the text section sec. */
bool dwarf_cfi_covers(const struct dwarf_cfi *cfi, const struct section *sec, uint64_t off,
		      uint64_t len);

#endif
