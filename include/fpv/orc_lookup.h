/* SPDX-License-Identifier: GPL-2.0-or-later OR MIT */
/*
 * ORC lookup for the freestanding run-time core (lib/orc_lookup.c,
 * lib/orc_compact.c): find the ORC entry that covers a PC.  No libc, no
 * allocation: the caller hands in the tables (linked-in sections, or a
 * .fpv_orc blob read from the file) and, for the fast index, a buffer.
 *
 * Two table shapes, one lookup:
 *   ORC_IP_PREL32  .orc_unwind_ip as linked: pc(i) = &ip[i] + ip[i]
 *                  (kernel image, modules, user programs that link the
 *                  sections in)
 *   ORC_IP_BASE32  .fpv_orc standard body: pc(i) = base + (u32)ip[i]
 *
 * The fast index is x86's orc_lookup idea: one orc_u32 per
 * ORC_INDEX_BLOCK bytes of text giving the first table entry that may cover
 * the block, so a lookup binary-searches only inside one block's entries.
 * Without an index, lookup is a binary search over the whole table.
 *
 * Functions returning int give 0 or -ORC_E_* (like errno: return -ORC_E_HASH).
 */
#ifndef FPV_ORC_LOOKUP_H
#define FPV_ORC_LOOKUP_H

#include "fpv/orc.h"

enum orc_error {
	ORC_E_OK,
	ORC_E_INVAL,
	ORC_E_ALIGN,
	ORC_E_SHORT,
	ORC_E_MAGIC,
	ORC_E_VERSION,
	ORC_E_HASH,
	ORC_E_UNSORTED,
	ORC_E_CORRUPT,
	ORC_E_RANGE,
	ORC_E_NOSPACE,
	ORC_E_NR
};

/* Text for a code returned by any orc_* function (0 or negative). */
const char *orc_strerror(int err);

#define ORC_IP_PREL32		0
#define ORC_IP_BASE32		1

#define ORC_INDEX_SHIFT		8
#define ORC_INDEX_BLOCK		(1u << ORC_INDEX_SHIFT)	/* bytes of text per index slot */

struct orc_table {
	const orc_s32 *ip;		/* nr PC words, sorted by PC */
	const struct orc_entry *orc;	/* nr entries, parallel to ip */
	orc_u32 nr;
	orc_u32 ip_kind;		/* ORC_IP_PREL32 or ORC_IP_BASE32 */
	orc_u64 base;			/* ORC_IP_BASE32: address of offset 0 (load bias added) */
	/* Optional fast index (orc_index_build); index == 0 means none. */
	const orc_u32 *index;
	orc_u32 nr_index;
	orc_u64 text_start;		/* index slot i covers text_start + i * ORC_INDEX_BLOCK */
	orc_u64 text_end;		/* lookups at or above this fail; 0: no upper bound */
};

/*
 * Describe tables in memory.  nr may be 0 (every lookup then fails).
 * Checks alignment; does not check sorting (orc_table_check).
 */
int orc_table_init(struct orc_table *t, const void *ip, const void *orc,
		   orc_u32 nr, orc_u32 ip_kind, orc_u64 base);

/* The PC of entry i (i < t->nr). */
orc_u64 orc_table_pc(const struct orc_table *t, orc_u32 i);

/* 0 if sorted (ties: ORC_TYPE_UNDEFINED first), else -ORC_E_UNSORTED. */
int orc_table_check(const struct orc_table *t);

/*
 * Sort writable tables in place (heapsort: no recursion, no allocation).
 * For ORC_IP_PREL32 every moved ip word is rebased to its new slot.
 * ip and orc must be the arrays t describes.
 */
void orc_table_sort(struct orc_table *t, orc_s32 *ip, struct orc_entry *orc);

/*
 * Fast index over [start, end): orc_index_slots() is the number of orc_u32
 * slots needed; orc_index_build() fills buf and attaches it to t (t must be
 * sorted; t->text_start/text_end are set to start/end).
 */
orc_u32 orc_index_slots(orc_u64 start, orc_u64 end);
int orc_index_build(struct orc_table *t, orc_u32 *buf, orc_u32 nr_slots,
		    orc_u64 start, orc_u64 end);

/*
 * The entry covering pc, or 0 when none does: pc before the first entry, at
 * or beyond text_end, or outside the indexed range when an index is
 * attached.  A returned entry may be ORC_TYPE_UNDEFINED (a gap or a
 * terminator): the caller must treat that as "cannot unwind here".
 * *pc_start, if not 0, receives the first PC the entry covers.
 */
const struct orc_entry *orc_find(const struct orc_table *t, orc_u64 pc,
				 orc_u64 *pc_start);

/*
 * Validate an .orc_header section: size a non-zero multiple of 16 bytes (one
 * copy per linked object), every copy carrying ORC_MAGIC, ORC_VERSION and
 * orc_format_hash().
 */
int orc_header_check(const void *hdr, orc_u64 size);

/*
 * .fpv_orc blob (see orc.h).  orc_file_check() validates the header and
 * every length against size and returns the kind (ORC_FILE_STD or
 * ORC_FILE_COMPACT) or a negative code.  orc_file_table() describes a
 * standard body as an ORC_IP_BASE32 table (bias: load bias added to base).
 */
int orc_file_check(const void *blob, orc_u64 size);
int orc_file_table(struct orc_table *t, const void *blob, orc_u64 size, orc_u64 bias);

/* Compact body (lib/orc_compact.c). */
struct orc_compact {
	const struct orc_entry *entries;
	orc_u32 nr_entries;
	const orc_u32 *block;		/* nr_blocks + 1 offsets */
	orc_u32 nr_blocks;
	const orc_u8 *stream;
	orc_u32 stream_size;
	orc_u32 block_shift;
	orc_u64 base;			/* base + load bias */
	orc_u64 text_size;
};

/* Validate a compact .fpv_orc blob (offsets monotonic, inside the stream). */
int orc_compact_open(struct orc_compact *c, const void *blob, orc_u64 size, orc_u64 bias);

/*
 * The entry covering pc, or 0 (outside [base, base + text_size), or a corrupt
 * block: the lookup never reads outside the blob).  *pc_start as orc_find.
 */
const struct orc_entry *orc_compact_find(const struct orc_compact *c, orc_u64 pc,
					 orc_u64 *pc_start);

/* .fpv_funcs body (lib/orc_funcs.c). */
struct orc_funcs {
	const struct orc_func *func;	/* nr, starts strictly ascending */
	orc_u32 nr;
	orc_u64 base;			/* base + load bias */
	/* Optional block index (orc_funcs_index_build); index == 0: none. */
	/*
	 * slot i: the function in effect at index_start + i * ORC_INDEX_BLOCK
	 */
	const orc_u32 *index;
	orc_u32 nr_index;
	orc_u64 index_start;
};

/* Validate a .fpv_funcs blob (8-byte aligned); 0 or -ORC_E_*. */
int orc_funcs_open(struct orc_funcs *f, const void *blob, orc_u64 size, orc_u64 bias);

/*
 * Build the block index for text [start, end) into buf (orc_index_slots()
 * entries; start at or above the table's base): lookups then search one
 * block's functions.  0 or -ORC_E_NOSPACE.
 */
int orc_funcs_index_build(struct orc_funcs *f, orc_u32 *buf, orc_u32 nr_slots,
			  orc_u64 start, orc_u64 end);

/*
 * The function addr lies in: its owner's address and flags (ORC_FUNC_*);
 * returns 1 if addr is the function's first instruction, 0 if inside, or
 * -ORC_E_RANGE before the first function or beyond 4 GiB of base.
 */
int orc_funcs_owner(const struct orc_funcs *f, orc_u64 addr, orc_u64 *owner, orc_u32 *flags);

/* ULEB128 reader shared with the tool's tests: 0 on success, <0 past end. */
int orc_uleb_read(const orc_u8 *p, orc_u32 size, orc_u32 *pos, orc_u32 *val);

/* One compact record (orc.h) at p[*pos], p[0..size): 0 or <0. */
int orc_compact_rec(const orc_u8 *p, orc_u32 size, orc_u32 *pos, orc_u32 *delta,
		    orc_u32 *index);

#endif
