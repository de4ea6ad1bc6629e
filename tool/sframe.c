// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SFrame as a witness (see sframe.h).  libsframe decodes the section; this
 * file places each function descriptor (FDE) in the file and turns its rows
 * (FREs) into frame states.
 *
 * Where an FDE starts: sfde_func_start_address is a signed 32-bit offset.
 * In a relocatable object gas 2.40 emits it as "function - this field"
 * (a 32-bit PC-relative relocation at the field, usually against the section
 * symbol), so the start is the relocation's symbol + addend; ld 2.40
 * rewrites it relative to the start of the output .sframe section, so in a
 * linked file the start is the section's address + the value.
 *
 * SFrame version 1 FDE layout (packed, 17 bytes), after the header:
 *   +0  int32  sfde_func_start_address
 *   +4  uint32 sfde_func_size
 *   +8  uint32 sfde_func_start_fre_off
 *   +12 uint32 sfde_func_num_fres
 *   +16 uint8  sfde_func_info
 */
#include <elf.h>
#include <sframe-api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "error.h"
#include "sframe.h"
#include "search.h"

_Static_assert(sizeof(sframe_func_desc_entry) == 17, "SFrame v1 FDE is 17 bytes");

struct sframe_row {
	uint32_t start;			/* from the function start */
	struct cfi_state s;
};

struct sframe_func {
	unsigned sec_idx;		/* text section */
	uint64_t start, size;		/* section offset, bytes */
	struct sframe_row *rows;
	uint32_t nr_rows;
};

struct sframe_wit {
	struct elf_file *file;
	struct sframe_func *funcs;	/* sorted by (sec_idx, start) */
	size_t nr_funcs, nr_fres;
};

static int sframe_err(const struct elf_file *f, const char *what, int err)
{
	fpv_error(f->path, ".sframe: %s%s%s", what, err ? ": " : "", err ? sframe_errmsg(err) : "");
	return -1;
}

/* One FRE to a frame state. */
static void sframe_norm(sframe_decoder_ctx *d, sframe_frame_row_entry *fre,
			struct cfi_state *s)
{
	int err = 0;

	memset(s, 0, sizeof(*s));
	unsigned base = sframe_fre_get_base_reg_id(fre, &err);
	s->cfa_off = sframe_fre_get_cfa_offset(d, fre, &err);
	if (err) {
		s->cfa_base = CFA_UNDEF;
		s->cfa_off = 0;
	} else if (base == SFRAME_BASE_REG_SP) {
		s->cfa_base = CFA_SP;
		s->sp_known = true;
		s->sp_off = -s->cfa_off;
	} else {
		s->cfa_base = CFA_FP;
		s->fp_val_known = true;
		s->fp_val = -s->cfa_off;
	}
	/* An offset that is not present: the register was not saved. */
	err = 0;
	s->fp_off = sframe_fre_get_fp_offset(d, fre, &err);
	s->fp_where = err ? REG_SAME : REG_SAVED;
	if (err)
		s->fp_off = 0;
	err = 0;
	s->ra_off = sframe_fre_get_ra_offset(d, fre, &err);
	s->ra_where = err ? REG_SAME : REG_SAVED;
	if (err)
		s->ra_off = 0;
	err = 0;
	s->ra_signed = sframe_fre_get_ra_mangled_p(d, fre, &err) && !err;
	s->fp_is_frame = s->cfa_base == CFA_FP && s->fp_where == REG_SAVED &&
			 s->fp_off == s->fp_val && s->ra_where == REG_SAVED &&
			 s->ra_off == s->fp_val + 8;
}

/* Place FDE i: section and offset of the function it describes. */
static bool sframe_place(struct sframe_wit *w, const struct section *sf, unsigned hdr_size,
			 unsigned i, int32_t start_field, struct sframe_func *fn)
{
	struct elf_file *f = w->file;
	uint64_t field = hdr_size + (uint64_t)i * sizeof(sframe_func_desc_entry);

	if (f->e_type == ET_REL) {
		struct reloc *r = elf_find_reloc((struct section *)sf, field, 4);
		if (!r || r->offset != field || !r->sym || !r->sym->sec ||
		    (!arch_reloc_is(r->type, ARCH_RELOC_PCREL, 4) &&
		     !arch_reloc_is(r->type, ARCH_RELOC_ABS, 4)))
			return false;
		fn->sec_idx = r->sym->sec->idx;
		fn->start = r->sym->value + (uint64_t)r->addend;
		return true;
	}
	uint64_t addr = sf->addr + (uint64_t)(int64_t)start_field;
	struct section *text = elf_section_at_addr(f, addr);
	if (!text)
		return false;
	fn->sec_idx = text->idx;
	fn->start = addr - text->addr;
	return true;
}

static int sframe_read_func(struct sframe_wit *w, sframe_decoder_ctx *d,
			    const struct section *sf, unsigned i)
{
	uint32_t nr_fres, size;
	int32_t start;
	unsigned char info;
	int err = sframe_decoder_get_funcdesc(d, i, &nr_fres, &size, &start, &info);

	if (err)
		return sframe_err(w->file, "bad function descriptor", err);
	struct sframe_func *fn = &w->funcs[w->nr_funcs];
	memset(fn, 0, sizeof(*fn));
	if (SFRAME_V1_FUNC_FDE_TYPE(info) != SFRAME_FDE_TYPE_PCINC ||
	    !sframe_place(w, sf, sframe_decoder_get_hdr_size(d), i, start, fn))
		return 0;	/* not placeable: its code stays uncovered */
	fn->size = size;
	fn->rows = calloc(nr_fres ? nr_fres : 1, sizeof(*fn->rows));
	if (!fn->rows)
		return sframe_err(w->file, "out of memory", 0);
	for (uint32_t j = 0; j < nr_fres; j++) {
		sframe_frame_row_entry fre;
		if ((err = sframe_decoder_get_fre(d, i, j, &fre)) != 0) {
			free(fn->rows);
			return sframe_err(w->file, "bad row", err);
		}
		fn->rows[j].start = fre.fre_start_addr;
		sframe_norm(d, &fre, &fn->rows[j].s);
	}
	fn->nr_rows = nr_fres;
	w->nr_fres += nr_fres;
	w->nr_funcs++;
	return 0;
}

/*
 * libsframe 2.40 trusts the FDEs' sfde_func_start_fre_off and num_fres and
 * reads past the section on a corrupt one, so check every FDE's rows against
 * the FRE sub-section first.  SFrame v1 header (little-endian, packed):
 *   +0 u16 magic  +2 u8 version  +3 u8 flags  +4 u8 abi_arch
 *   +5 i8 fixed_fp  +6 i8 fixed_ra  +7 u8 auxhdr_len  +8 u32 num_fdes
 *   +12 u32 num_fres  +16 u32 fre_len  +20 u32 fdeoff  +24 u32 freoff
 * An FRE: start address (1, 2 or 4 bytes by the FDE's FRE type), info byte
 * (offset count in bits 1-4, offset size 1/2/4 in bits 5-6), the offsets.
 */
static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static const char *sframe_validate(const uint8_t *d, uint64_t size)
{
	if (size < 28)
		return "truncated header";
	/* a byte-swapped magic makes libsframe 2.40 flip the rows in place,
	 * trusting every offset (it reads past the section): refuse it first */
	if ((d[0] | d[1] << 8) != SFRAME_MAGIC)
		return "bad magic (not a little-endian SFrame section)";
	if (d[2] != SFRAME_VERSION_1)
		return "unsupported version (fpv reads SFrame version 1)";
	uint64_t hdr = 28 + (uint64_t)d[7], nfde = rd32(d + 8), frelen = rd32(d + 16);
	uint64_t fdes = hdr + rd32(d + 20), fres = hdr + rd32(d + 24);

	if (hdr > size || fdes > size || nfde > (size - fdes) / sizeof(sframe_func_desc_entry))
		return "function descriptors outside the section";
	if (fres > size || frelen > size - fres)
		return "rows outside the section";
	/* libsframe 2.40 reads the rows right after the descriptors, whatever freoff says */
	if (fres != fdes + nfde * sizeof(sframe_func_desc_entry))
		return "rows do not follow the function descriptors";
	/* linked files (ld sets the flag): lookups binary-search the FDEs */
	for (uint64_t i = 1; (d[3] & SFRAME_F_FDE_SORTED) && i < nfde; i++)
		if ((int32_t)rd32(d + fdes + i * sizeof(sframe_func_desc_entry)) <
		    (int32_t)rd32(d + fdes + (i - 1) * sizeof(sframe_func_desc_entry)))
			return "function descriptors not sorted, though the header says they are";
	for (uint64_t i = 0; i < nfde; i++) {
		const uint8_t *f = d + fdes + i * sizeof(sframe_func_desc_entry);
		uint64_t at = rd32(f + 8), n = rd32(f + 12), fsize = rd32(f + 4);
		unsigned type = SFRAME_V1_FUNC_FRE_TYPE(f[16]);
		unsigned asz = type == SFRAME_FRE_TYPE_ADDR1 ? 1 : type == SFRAME_FRE_TYPE_ADDR2 ? 2 : 4;

		if (type > SFRAME_FRE_TYPE_ADDR4)
			return "bad row type";
		for (uint64_t j = 0; j < n; j++) {
			if (at + asz + 1 > frelen)
				return "row outside the section";
			uint64_t start = asz == 1 ? d[fres + at] : asz == 2 ?
					 (uint64_t)d[fres + at] | (uint64_t)d[fres + at + 1] << 8 :
					 rd32(d + fres + at);
			uint8_t info = d[fres + at + asz];
			unsigned osz = SFRAME_V1_FRE_OFFSET_SIZE(info);
			/* libsframe asserts on these instead of failing */
			if (osz > SFRAME_FRE_OFFSET_4B || SFRAME_V1_FRE_OFFSET_COUNT(info) > 3 ||
			    SFRAME_V1_FRE_OFFSET_COUNT(info) == 0)
				return "bad row offsets";
			if (start >= fsize)
				return "row starts outside its function";
			at += asz + 1 + SFRAME_V1_FRE_OFFSET_COUNT(info) * (1u << osz);
			if (at > frelen)
				return "row outside the section";
		}
	}
	return NULL;
}

static int func_cmp(const void *a, const void *b)
{
	const struct sframe_func *x = a, *y = b;

	if (x->sec_idx != y->sec_idx)
		return x->sec_idx < y->sec_idx ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

int sframe_wit_open(struct elf_file *file, struct sframe_wit **out)
{
	struct section *sf = elf_find_section(file, ".sframe");
	int err = 0;

	*out = NULL;
	if (!sf || !sf->data || sf->size == 0)
		return 0;
	const char *why = sframe_validate(sf->data, sf->size);
	if (why)
		return sframe_err(file, why, 0);
	sframe_decoder_ctx *d = sframe_decode((const char *)sf->data, sf->size, &err);
	if (!d)
		return sframe_err(file, "cannot decode", err);
	if (sframe_decoder_get_abi_arch(d) != SFRAME_ABI_AARCH64_ENDIAN_LITTLE) {
		sframe_decoder_free(&d);
		return sframe_err(file, "not AArch64 little-endian SFrame", 0);
	}
	struct sframe_wit *w = calloc(1, sizeof(*w));
	unsigned n = sframe_decoder_get_num_fidx(d);
	if (!w || !(w->funcs = calloc(n ? n : 1, sizeof(*w->funcs)))) {
		free(w);
		sframe_decoder_free(&d);
		return sframe_err(file, "out of memory", 0);
	}
	w->file = file;
	for (unsigned i = 0; i < n; i++) {
		if (sframe_read_func(w, d, sf, i) < 0) {
			sframe_decoder_free(&d);
			sframe_wit_close(w);
			return -1;
		}
	}
	sframe_decoder_free(&d);
	qsort(w->funcs, w->nr_funcs, sizeof(*w->funcs), func_cmp);
	*out = w;
	return 0;
}

void sframe_wit_close(struct sframe_wit *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->nr_funcs; i++)
		free(w->funcs[i].rows);
	free(w->funcs);
	free(w);
}

void sframe_wit_counts(const struct sframe_wit *w, size_t *nr_fdes, size_t *nr_fres)
{
	*nr_fdes = w ? w->nr_funcs : 0;
	*nr_fres = w ? w->nr_fres : 0;
}

static const struct sframe_func *sframe_find(const struct sframe_wit *w, unsigned sec_idx,
					     uint64_t off)
{
	const struct sframe_func *m = w->funcs;
	size_t lo = partition_point(w->nr_funcs, i, m[i].sec_idx < sec_idx ||
				    (m[i].sec_idx == sec_idx && m[i].start <= off));

	if (lo == 0)
		return NULL;
	const struct sframe_func *f = &w->funcs[lo - 1];
	return f->sec_idx == sec_idx && off < f->start + f->size ? f : NULL;
}

long sframe_wit_states(struct sframe_wit *w, const struct section *sec, uint64_t off,
		       size_t n, struct cfi_state *out, uint8_t *covered)
{
	long nr = 0;

	memset(out, 0, n * sizeof(*out));
	memset(covered, 0, n);
	for (size_t i = 0; i < n; i++) {
		uint64_t o = off + 4 * i;
		const struct sframe_func *f = sframe_find(w, sec->idx, o);
		if (!f)
			continue;
		/* The last row starting at or before o; none: not covered. */
		const struct sframe_row *row = NULL;
		for (uint32_t j = 0; j < f->nr_rows && f->rows[j].start <= o - f->start; j++)
			row = &f->rows[j];
		if (!row)
			continue;
		out[i] = row->s;
		covered[i] = 1;
		nr++;
	}
	return nr;
}
