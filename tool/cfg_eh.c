// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Exception landing pads.  Code compiled with exceptions (C++, or C with
 * -fexceptions such as glibc's stdio) has blocks that no branch reaches:
 * the unwinder enters them from a call that threw, as listed in the
 * function's LSDA (.gcc_except_table), which its .eh_frame FDE points to.
 * This file reads the FDEs' pc_begin and LSDA pointers (through their
 * relocations in a .o, their encoded values in linked files) and the LSDA
 * call-site tables, so that the analysis can enter each landing pad with
 * the state at the call that leads there.  Only section bytes from the ELF
 * layer are read, every offset bounds-checked; libdw's CFI interface does
 * not expose the LSDA.
 *
 *   CIE: length, id 0, version, "zPLR", code align, data align, RA reg,
 *        aug length, [P: enc, personality] [L: lsda enc] [R: fde enc]
 *   FDE: length, CIE pointer, pc_begin, pc_range, aug length, [lsda]
 *   LSDA: lpstart enc (+ value), ttype enc (+ uleb offset), call-site enc,
 *         uleb length, { start, length, landing pad, uleb action }...
 */
#include <stdlib.h>
#include <string.h>

#include "cfg.h"

#define FPV_ET_REL		1
#define R_AARCH64_PREL32	261
#define DW_EH_PE_omit		0xff
#define DW_EH_PE_pcrel		0x10

struct eh_cursor {
	const struct cfg_file *cf;
	struct section *sec;
	uint64_t pos, end;
};

static bool eh_u8(struct eh_cursor *c, uint8_t *v)
{
	if (c->pos >= c->end)
		return false;
	*v = c->sec->data[c->pos++];
	return true;
}

static bool eh_uleb(struct eh_cursor *c, uint64_t *v)
{
	unsigned shift = 0;
	uint8_t b;

	*v = 0;
	do {
		if (!eh_u8(c, &b) || shift > 63)
			return false;
		*v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	return true;
}

static bool eh_sleb(struct eh_cursor *c, int64_t *v)
{
	uint64_t u = 0;
	unsigned shift = 0;
	uint8_t b;

	do {
		if (!eh_u8(c, &b) || shift > 63)
			return false;
		u |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	if (shift < 64 && (b & 0x40))
		u |= ~0ull << shift;
	*v = (int64_t)u;
	return true;
}

static bool eh_fixed(struct eh_cursor *c, unsigned size, bool sign, uint64_t *v)
{
	uint64_t u = 0;

	if (c->pos + size > c->end)
		return false;
	for (unsigned i = 0; i < size; i++)
		u |= (uint64_t)c->sec->data[c->pos + i] << (8 * i);
	c->pos += size;
	if (sign && size < 8 && (u >> (8 * size - 1) & 1))
		u |= ~0ull << (8 * size);
	*v = u;
	return true;
}

/* A value in encoding enc (format bits only, no application). */
static bool eh_value(struct eh_cursor *c, uint8_t enc, uint64_t *v)
{
	int64_t s;

	switch (enc & 0x0f) {
	case 0x00: return eh_fixed(c, 8, false, v);
	case 0x01: return eh_uleb(c, v);
	case 0x02: return eh_fixed(c, 2, false, v);
	case 0x03: return eh_fixed(c, 4, false, v);
	case 0x04: return eh_fixed(c, 8, false, v);
	case 0x09: if (!eh_sleb(c, &s)) return false; *v = (uint64_t)s; return true;
	case 0x0a: return eh_fixed(c, 2, true, v);
	case 0x0b: return eh_fixed(c, 4, true, v);
	case 0x0c: return eh_fixed(c, 8, true, v);
	default: return false;
	}
}

/*
 * A pointer in encoding enc, as (section, offset): through its relocation
 * in a .o, as pcrel or absolute address in a linked file.
 */
static bool eh_pointer(struct eh_cursor *c, uint8_t enc, struct section **tsec, uint64_t *toff)
{
	uint64_t field = c->pos, v, addr;

	if (enc == DW_EH_PE_omit || (enc & 0x80) || !eh_value(c, enc, &v))
		return false;
	if (c->cf->elf->e_type == FPV_ET_REL) {
		struct reloc *r = elf_find_reloc(c->sec, field, c->pos - field);

		if (!r || !r->sym || !r->sym->sec)
			return false;
		*tsec = r->sym->sec;
		*toff = r->sym->value + (uint64_t)r->addend;
		return *toff < (*tsec)->size;
	}
	addr = (enc & 0x70) == DW_EH_PE_pcrel ? c->sec->addr + field + v : v;
	*tsec = elf_section_at_addr(c->cf->elf, addr);
	if (!*tsec)
		return false;
	*toff = addr - (*tsec)->addr;
	return true;
}

/* The CIE's FDE and LSDA pointer encodings. */
static bool eh_cie(const struct cfg_file *cf, struct section *eh, uint64_t cie,
		   uint8_t *fde_enc, uint8_t *lsda_enc, bool *has_z)
{
	struct eh_cursor c = { cf, eh, cie, eh->size };
	uint64_t len, id, u, aug_len;
	int64_t s;
	uint8_t ver, b;
	const char *aug;
	size_t alen;

	if (!eh_fixed(&c, 4, false, &len) || len == 0xffffffff || cie + 4 + len > eh->size)
		return false;
	c.end = cie + 4 + len;
	if (!eh_fixed(&c, 4, false, &id) || id != 0 || !eh_u8(&c, &ver))
		return false;
	aug = (const char *)eh->data + c.pos;
	alen = strnlen(aug, c.end - c.pos);
	if (c.pos + alen >= c.end)
		return false;
	c.pos += alen + 1;
	if (!eh_uleb(&c, &u) || !eh_sleb(&c, &s))
		return false;
	if (ver == 1 ? !eh_u8(&c, &b) : !eh_uleb(&c, &u))
		return false;
	*fde_enc = 0;
	*lsda_enc = DW_EH_PE_omit;
	*has_z = aug[0] == 'z';
	if (!*has_z)
		return true;
	if (!eh_uleb(&c, &aug_len))
		return false;
	for (size_t i = 1; i < alen; i++) {
		switch (aug[i]) {
		case 'L': if (!eh_u8(&c, lsda_enc)) return false; break;
		case 'R': if (!eh_u8(&c, fde_enc)) return false; break;
		case 'P':
			if (!eh_u8(&c, &b) || !eh_value(&c, b, &u))	/* personality */
				return false;
			break;
		case 'S': case 'B': break;
		default: return true;	/* unknown: LSDA still found if 'L' came first */
		}
	}
	return true;
}

static int lsda_cmp(const void *a, const void *b)
{
	const struct cfg_lsda *x = a, *y = b;

	if (x->sec != y->sec)
		return x->sec->idx < y->sec->idx ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* One FDE at fde (its length already checked): record its LSDA, if any. */
static void eh_fde(struct cfg_file *cf, struct section *eh, uint64_t fde, uint64_t end,
		   uint64_t cie, size_t *cap)
{
	struct eh_cursor c = { cf, eh, fde + 8, end };
	uint8_t fde_enc, lsda_enc;
	bool has_z;
	uint64_t range, aug_len, lsda_field;
	struct cfg_lsda l;

	if (!eh_cie(cf, eh, cie, &fde_enc, &lsda_enc, &has_z) || !has_z || lsda_enc == DW_EH_PE_omit)
		return;
	if (!eh_pointer(&c, fde_enc, &l.sec, &l.off) || !eh_value(&c, fde_enc & 0x0f, &range) ||
	    !eh_uleb(&c, &aug_len))
		return;
	lsda_field = c.pos;
	if (!eh_pointer(&c, lsda_enc, &l.lsec, &l.loff) || c.pos > lsda_field + aug_len)
		return;
	if (!l.sec->text || !l.lsec->data)
		return;
	if (cf->nr_lsdas == *cap) {
		size_t ncap = *cap ? 2 * *cap : 64;
		struct cfg_lsda *n = realloc(cf->lsdas, ncap * sizeof(*n));

		if (!n)
			return;
		cf->lsdas = n;
		*cap = ncap;
	}
	cf->lsdas[cf->nr_lsdas++] = l;
}

void cfg_load_lsdas(struct cfg_file *cf)
{
	struct section *eh = elf_find_section(cf->elf, ".eh_frame");
	uint64_t pos = 0, len, id = 0;
	size_t cap = 0;

	if (!eh || !eh->data || !elf_find_section(cf->elf, ".gcc_except_table"))
		return;
	while (pos + 8 <= eh->size) {
		struct eh_cursor c = { cf, eh, pos, eh->size };

		if (!eh_fixed(&c, 4, false, &len) || len == 0 || len == 0xffffffff ||
		    pos + 4 + len > eh->size || len < 4)
			break;
		eh_fixed(&c, 4, false, &id);
		if (id && id <= pos + 4)
			eh_fde(cf, eh, pos, pos + 4 + len, pos + 4 - id, &cap);
		pos += 4 + len;
	}
	if (cf->nr_lsdas)
		qsort(cf->lsdas, cf->nr_lsdas, sizeof(*cf->lsdas), lsda_cmp);
}

static const struct cfg_lsda *lsda_of(const struct cfg_file *cf, const struct cfg_func *f)
{
	size_t lo = 0, hi = cf->nr_lsdas;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct cfg_lsda *l = &cf->lsdas[mid];

		if (l->sec->idx < f->sec->idx || (l->sec == f->sec && l->off < f->start))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < cf->nr_lsdas && cf->lsdas[lo].sec == f->sec && cf->lsdas[lo].off == f->start)
		return &cf->lsdas[lo];
	return NULL;
}

size_t cfg_landing_pads(const struct cfg_file *cf, const struct cfg_func *f,
			struct cfg_lp *out, size_t max)
{
	const struct cfg_lsda *l = lsda_of(cf, f);
	struct eh_cursor c;
	uint8_t lp_enc, tt_enc, cs_enc;
	uint64_t u, cs_len, start, len, lp, action;
	size_t n = 0;

	if (!l)
		return 0;
	c = (struct eh_cursor){ cf, l->lsec, l->loff, l->lsec->size };
	if (!eh_u8(&c, &lp_enc) || lp_enc != DW_EH_PE_omit)
		return 0;	/* landing pads relative to another base: not seen from GCC/Clang */
	if (!eh_u8(&c, &tt_enc) || (tt_enc != DW_EH_PE_omit && !eh_uleb(&c, &u)))
		return 0;
	if (!eh_u8(&c, &cs_enc) || (cs_enc & 0x70) || !eh_uleb(&c, &cs_len) ||
	    c.pos + cs_len > c.end)
		return 0;
	c.end = c.pos + cs_len;
	while (c.pos < c.end && n < max) {
		if (!eh_value(&c, cs_enc, &start) || !eh_value(&c, cs_enc, &len) ||
		    !eh_value(&c, cs_enc, &lp) || !eh_uleb(&c, &action))
			break;
		if (!lp || lp >= f->end - f->start || start >= f->end - f->start)
			continue;
		out[n].start = f->start + start;
		out[n].end = f->start + start + len;
		out[n].pad = f->start + (lp & ~3ull);
		n++;
	}
	return n;
}
