/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The tool side of ORC: turning frame states (struct cfi_state, from any
 * witness) into ORC records, and serialising records into the on-disk forms
 * of include/fpv/orc.h.  orc_enc.c is pure (no ELF); orc_gen.c feeds it a
 * witness's states for a whole file; orc_file.c reads and writes the tables
 * of a file, for orc_cmd.c (`fpv orc`) and orc_dump.c (`fpv dump`).
 */
#ifndef FPV_TOOL_ORC_H
#define FPV_TOOL_ORC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fpv/orc.h"
#include "cfi.h"

/*
 * One state to one entry.  Fail safe: NULL, unknown, an undefined CFA, a
 * lost return address, an offset that is not a multiple of 8 or does not fit
 * in s16 * 8, or an fp_is_frame claim the entry cannot express all give the
 * all-zero ORC_TYPE_UNDEFINED entry.  Returns true if the state was
 * represented exactly, false if it was degraded to undefined (NULL and
 * cfa UNDEF / unknown count as exact: they are undefined).
 */
bool orc_from_cfi(const struct cfi_state *s, struct orc_entry *e);

static inline bool orc_entry_equal(const struct orc_entry *a, const struct orc_entry *b)
{
	return a->cfa == b->cfa && a->fp == b->fp && a->ra == b->ra && a->info == b->info;
}

/* "cfa:sp+32 fp:cfa-32 ra:cfa-24 type:call fpframe signed" or "type:undefined". */
const char *orc_entry_format(const struct orc_entry *e, char *buf, size_t size);

/* A record: the entry that applies from pc (address or section offset) on. */
struct orc_rec {
	uint64_t pc;
	struct orc_entry e;
};

struct orc_list {
	struct orc_rec *recs;
	size_t nr, alloc;
	size_t degraded;	/* states orc_from_cfi could not represent */
};

void orc_list_free(struct orc_list *l);
int orc_list_add(struct orc_list *l, uint64_t pc, const struct orc_entry *e);

/*
 * A witness: the frame state before the instruction at pc, or NULL where
 * there is no function (padding, data, unreachable code).  fpv's analysis,
 * DWARF CFI and SFrame all provide one.
 */
typedef const struct cfi_state *(*orc_state_fn)(void *ctx, uint64_t pc);

/*
 * Records for the code in [start, end) (4-byte instructions), x86 style: one
 * record where the entry changes (the entry before start counts as
 * undefined), and an undefined terminator at end if anything was emitted.
 */
int orc_gen_range(struct orc_list *l, uint64_t start, uint64_t end,
		  orc_state_fn state_at, void *ctx);

/* Sort by pc (terminators first at equal pcs), as the lookup expects. */
void orc_list_sort(struct orc_list *l);

/*
 * The canonical form of a linked table: sorted, one record per pc (the last
 * one, i.e. the real entry beats a terminator), no record equal to its
 * predecessor.  Two tables that describe the same code compare equal in
 * this form.
 */
void orc_list_normalize(struct orc_list *l);

/*
 * .fpv_orc blobs (orc.h) for records with pcs in [base, base + 4 GiB):
 * standard or compact.  *out is malloc'ed; returns 0 or -1 (cause printed
 * with path).  The list must be normalized.
 */
int orc_blob_std(const struct orc_list *l, uint64_t base, void **out, size_t *size);
int orc_blob_compact(const struct orc_list *l, uint64_t base, uint64_t text_size,
		     unsigned block_shift, void **out, size_t *size);

#define ORC_COMPACT_SHIFT	12	/* 4 KiB of text per block */

/*
 * Records of a relocatable object are keyed by section: pc is
 * ORC_REL_PC(section index, offset), so one list and one sort serve every
 * text section.  Linked files use addresses.
 */
#define ORC_REL_SHIFT		40
#define ORC_REL_PC(idx, off)	(((uint64_t)(idx) << ORC_REL_SHIFT) | (uint64_t)(off))
#define ORC_REL_SEC(pc)		((unsigned)((pc) >> ORC_REL_SHIFT))
#define ORC_REL_OFF(pc)		((pc) & ((1ull << ORC_REL_SHIFT) - 1))

struct elf_file;
struct section;

/*
 * A witness over a whole file: the state before the instruction at off in
 * text section sec, or NULL.  wit_ref_state() (witness.h) is the one
 * `fpv orc --from=` uses, for whichever witness it names.
 */
typedef const struct cfi_state *(*orc_sec_state_fn)(void *ctx, const struct section *sec,
						    uint64_t off);

/*
 * Records for every text section of elf (ORC_REL_PC keys in a .o).  end:
 * comma-separated functions that begin a stack (user _start), whose entries
 * become ORC_TYPE_END_OF_STACK; NULL or "" for none.
 */
int orc_gen_file(struct elf_file *elf, struct orc_list *l, orc_sec_state_fn fn, void *ctx,
		 const char *end);

/*
 * orc_funcs.c: the .fpv_funcs blob (fpv/orc.h) of the linked file res
 * analysed, offsets from base (the .fpv_orc base): every function, its
 * owner (a GCC cold part's parent), ORC_FUNC_ANY_CALLEE and
 * ORC_FUNC_DIRECT_ONLY (orc_indirect.c), plus an entry of its own, flagged
 * any-callee and never direct-only, for code outside every function (PLT,
 * stubs).  *out is malloc'ed; *nr_any counts the any-callee entries.  0, or
 * -1 after printing "fpv: FILE: problem".
 */
struct check_result;
int orc_funcs_blob(struct check_result *res, uint64_t base, void **out, size_t *size,
		   size_t *nr_any);

/*
 * orc_indirect.c: ORC_FUNC_DIRECT_ONLY.  For cf's functions with owner[i]
 * the function index of function i's owner, sets direct[o] for every owner
 * o the analysis proves no indirect call reaches (its address is taken
 * nowhere, no reachable owner tail-calls or falls into it, and a direct
 * branch, call or fall-through does enter it); every other entry false.
 * Files with kernel alternatives get no flag.  0, or -1 (out of memory).
 */
struct cfg_file;
int orc_indirect_direct_only(const struct cfg_file *cf, const int32_t *owner, bool *direct);

/* ---- orc_file.c: the tables in a file ---- */

/* Whether elf already carries ORC (.orc_unwind*, .fpv_orc, .fpv_funcs): the name found. */
const char *orc_find_tables(struct elf_file *elf);

/* [*lo, *hi): the addresses of all text sections of a linked file (0, 0: none). */
void orc_text_bounds(struct elf_file *elf, uint64_t *lo, uint64_t *hi);

/* A malloc'ed copy of a section's bytes, with the alignment the lookup code needs. */
void *orc_sec_copy(const struct section *sec);

/*
 * Read the ORC tables of elf into l (sorted): linked or relocated
 * .orc_unwind_ip/.orc_unwind (checked against .orc_header) or a .fpv_orc
 * blob.  Returns 1 if tables were found, 0 if none, -1 after printing
 * "fpv: FILE: problem".
 */
int orc_read(struct elf_file *elf, struct orc_list *l);

/*
 * The .fpv_funcs table of a linked file, opened with the run-time reader
 * into *f: the malloc'ed copy *f points into, or NULL after printing
 * "fpv: FILE: problem".
 */
struct orc_funcs;
void *orc_read_funcs(struct elf_file *elf, struct orc_funcs *f);

/* One line per record: "0x1c f_std+0x4 cfa:sp+32 fp:cfa-32 ra:cfa-24 type:call". */
void orc_print(FILE *out, struct elf_file *elf, const struct orc_list *l);

/*
 * One line per instruction of every text section, with the entry the
 * run-time lookup (lib/orc_lookup.c) finds for it: the form in which two
 * tables for the same code are compared.  Normalizes l.  0 or -1.
 */
int orc_expand(FILE *out, struct elf_file *elf, struct orc_list *l);

/*
 * The same for the linked .orc_unwind_ip/.orc_unwind of an image, through
 * the run-time path itself: checked, sorted as the kernel does at boot, and
 * indexed.  0 or -1.
 */
int orc_expand_linked(FILE *out, struct elf_file *elf);

/*
 * Write l into elf: .orc_unwind_ip (with relocations), .orc_unwind and
 * .orc_header into a relocatable object; .fpv_orc (compact: the compact
 * encoding) and .fpv_funcs (from the analysis res) into a linked file, or,
 * with sidecar (a directory), into the linked file's sidecar there
 * (sidecar.c), the file left byte-identical.  0, or -1 after printing
 * "fpv: FILE: problem"; the file is untouched then.
 */
int orc_write(struct elf_file *elf, struct orc_list *l, bool compact, struct check_result *res,
	      const char *sidecar);

#endif
