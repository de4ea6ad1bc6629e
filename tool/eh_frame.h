/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one reader of call-frame sections (.eh_frame, .debug_frame): a
 * bounded byte cursor with the DW_EH_PE and LEB128 decoders, and an
 * iterator over the FDEs that parses each one's CIE.  The ELF layer uses it
 * for function starts of stripped files, cfg_eh.c for the LSDA pointers,
 * dwarf.c for the FDE list and the return-address signing state; libdw
 * evaluates the rows.  The split is libdw's own (cie.c/fde.c apart from the
 * evaluator).  Every read is checked against the entry's end: a corrupt
 * section gives an error, never a read outside it.
 *
 *   CIE: length (4, or 0xffffffff + 8), id (0 in .eh_frame, all ones in
 *        .debug_frame), version, augmentation string, [v4: address size,
 *        segment size], code align (uleb), data align (sleb), RA register
 *        (v1: byte, else uleb), ['z': uleb length, then per letter
 *        P: enc + personality, L: LSDA enc, R: FDE enc; S, B, G: none],
 *        initial instructions
 *   FDE: length, CIE pointer (.eh_frame: back from this field; .debug_frame:
 *        section offset), pc_begin (FDE enc), pc_range (its format, never
 *        applied), ['z': uleb length, [LSDA pointer]], instructions
 *
 * A pointer read from a relocatable object is resolved through the ELF
 * layer's relocation at its field (section + offset); in a linked file it is
 * an address (pcrel applied).  One the reader cannot place (textrel, datarel,
 * indirect, an unrelocated field, an absolute 0 of a discarded function) is
 * reported as unresolved, not as an error.
 */
#ifndef FPV_EH_FRAME_H
#define FPV_EH_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elf_file.h"

/* The two halves of a DW_EH_PE byte: the value's format, how it is applied. */
#define EH_PE_FORMAT	0x0f
#define EH_PE_APPLY	0x70

/*
 * Bytes [pos, end) of data.  A read past end or an over-long LEB128 sets
 * bad and returns 0; later reads return 0 too, so a caller checks once after
 * a group of reads.
 */
struct eh_cursor {
	const uint8_t *data;
	uint64_t pos, end;
	bool bad;
};

uint8_t eh_u8(struct eh_cursor *c);
uint64_t eh_uleb(struct eh_cursor *c);
int64_t eh_sleb(struct eh_cursor *c);
/* A little-endian unsigned value of size bytes (1..8). */
uint64_t eh_udata(struct eh_cursor *c, unsigned size);
void eh_skip(struct eh_cursor *c, uint64_t n);
/*
 * A value in DW_EH_PE encoding enc, its format bits only (the low four),
 * sign-extended for the sdata formats; the application bits (pcrel, ...)
 * are the caller's.  An unknown format sets bad.
 */
uint64_t eh_encoded(struct eh_cursor *c, uint8_t enc);

/* A pointer as the reader found it (see above). */
struct eh_ptr {
	bool ok;			/* resolved */
	struct section *sec;		/* relocatable object: the target section */
	uint64_t val;			/* offset in sec; in a linked file the address */
};

/*
 * Where p points as (section, offset): in a linked file the section holding
 * the address.  False if p is unresolved, no section holds it, or the offset
 * is past its section's end.
 */
bool eh_ptr_place(struct elf_file *elf, const struct eh_ptr *p, struct section **sec,
		  uint64_t *off);

struct eh_cie {
	uint64_t off;			/* section offset of the CIE */
	uint8_t version;
	const char *aug;		/* augmentation string, NUL-terminated in the section */
	uint64_t code_align;
	int64_t data_align;
	uint64_t ra_reg;
	uint8_t fde_enc;		/* DW_EH_PE_* of pc_begin ('R'; absptr without) */
	uint8_t lsda_enc;		/* 'L'; DW_EH_PE_omit without */
	uint64_t insns, insns_end;	/* initial instructions, section offsets */
};

struct eh_fde {
	uint64_t off;			/* section offset of the FDE's length field */
	const struct eh_cie *cie;	/* valid until the next eh_next() */
	struct eh_ptr pc;		/* pc_begin */
	uint64_t range;			/* pc_range */
	struct eh_ptr lsda;		/* ok only if the CIE has 'L' and the pointer resolves */
	uint64_t aug, aug_end;		/* augmentation data, section offsets */
	uint64_t insns, insns_end;	/* CFA instructions, section offsets */
};

struct eh_iter {
	struct elf_file *elf;
	struct section *sec;
	const uint8_t *data;		/* sec->data, or a relocated copy of it */
	bool eh;			/* .eh_frame (else .debug_frame) */
	uint64_t pos;			/* next entry */
	struct eh_cie cie;		/* the last CIE parsed */
	bool have_cie;
	uint64_t err_off;		/* on an error: the entry's offset */
	char err[80];			/* on an error: what is wrong */
};

/*
 * Iterate over the FDEs of sec (.eh_frame if eh, else .debug_frame), reading
 * data (NULL: sec->data), which must hold sec->size bytes.
 */
void eh_iter_init(struct eh_iter *it, struct elf_file *elf, struct section *sec,
		  const uint8_t *data, bool eh);

/*
 * The next FDE: 1 with *fde filled, 0 at the end (the section's end or a
 * zero terminator), -1 on a malformed entry (it->err, it->err_off say what
 * and where; the iteration is over).
 */
int eh_next(struct eh_iter *it, struct eh_fde *fde);

#endif
