// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The reader of .eh_frame and .debug_frame entries (see eh_frame.h): the
 * bounded cursor, the DW_EH_PE decoder, and the FDE iterator with its CIE
 * parser.  The layouts are the LSB's "Exception Frames" for .eh_frame and
 * DWARF 4 section 6.4.1 for .debug_frame; the constants are libdw's
 * <dwarf.h>.
 */
#include <dwarf.h>
#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "eh_frame.h"

uint8_t eh_u8(struct eh_cursor *c)
{
	if (c->bad || c->pos >= c->end) {
		c->bad = true;
		return 0;
	}
	return c->data[c->pos++];
}

/* LEB128: at most ten bytes (64 bits); the sign bit of the last byte for sleb. */
static uint64_t eh_leb(struct eh_cursor *c, bool sign)
{
	uint64_t v = 0;
	unsigned shift = 0;
	uint8_t b;

	do {
		if (shift > 63) {
			c->bad = true;
			return 0;
		}
		b = eh_u8(c);
		if (c->bad)
			return 0;
		v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	if (sign && shift < 64 && (b & 0x40))
		v |= ~0ull << shift;
	return v;
}

uint64_t eh_uleb(struct eh_cursor *c)
{
	return eh_leb(c, false);
}

int64_t eh_sleb(struct eh_cursor *c)
{
	return (int64_t)eh_leb(c, true);
}

uint64_t eh_udata(struct eh_cursor *c, unsigned size)
{
	uint64_t v = 0;

	if (c->bad || c->pos > c->end || c->end - c->pos < size) {
		c->bad = true;
		return 0;
	}
	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)c->data[c->pos + i] << (8 * i);
	c->pos += size;
	return v;
}

void eh_skip(struct eh_cursor *c, uint64_t n)
{
	if (c->bad || c->pos > c->end || c->end - c->pos < n)
		c->bad = true;
	else
		c->pos += n;
}

/* size bytes, sign-extended from the top bit. */
static uint64_t eh_sdata(struct eh_cursor *c, unsigned size)
{
	uint64_t v = eh_udata(c, size);

	if (size < 8 && (v >> (8 * size - 1) & 1))
		v |= ~0ull << (8 * size);
	return v;
}

uint64_t eh_encoded(struct eh_cursor *c, uint8_t enc)
{
	switch (enc & EH_PE_FORMAT) {
	case DW_EH_PE_absptr: return eh_udata(c, 8);	/* AArch64 LP64: 8-byte pointers */
	case DW_EH_PE_uleb128: return eh_uleb(c);
	case DW_EH_PE_udata2: return eh_udata(c, 2);
	case DW_EH_PE_udata4: return eh_udata(c, 4);
	case DW_EH_PE_udata8: return eh_udata(c, 8);
	case DW_EH_PE_sleb128: return (uint64_t)eh_sleb(c);
	case DW_EH_PE_sdata2: return eh_sdata(c, 2);
	case DW_EH_PE_sdata4: return eh_sdata(c, 4);
	case DW_EH_PE_sdata8: return eh_sdata(c, 8);
	}
	c->bad = true;
	return 0;
}

/* A pointer in encoding enc at the cursor (see eh_frame.h for "resolved"). */
static struct eh_ptr eh_read_ptr(struct eh_iter *it, struct eh_cursor *c, uint8_t enc)
{
	uint64_t field = c->pos, v = eh_encoded(c, enc);
	struct eh_ptr p = { 0 };

	if (c->bad || (enc & DW_EH_PE_indirect))
		return p;
	if (it->elf->e_type == ET_REL) {
		struct reloc *r = elf_find_reloc(it->sec, field, c->pos - field);

		if (r && r->sym && r->sym->sec) {
			p.ok = true;
			p.sec = r->sym->sec;
			p.val = r->sym->value + (uint64_t)r->addend;
		}
		return p;
	}
	switch (enc & EH_PE_APPLY) {
	case DW_EH_PE_absptr:
		p.ok = v != 0;		/* 0: the function was discarded at link time */
		p.val = v;
		break;
	case DW_EH_PE_pcrel:
		p.ok = true;
		p.val = it->sec->addr + field + v;
		break;
	}
	return p;			/* textrel, datarel, funcrel: not emitted for AArch64 */
}

bool eh_ptr_place(struct elf_file *elf, const struct eh_ptr *p, struct section **sec,
		  uint64_t *off)
{
	if (!p->ok)
		return false;
	if (p->sec) {
		*sec = p->sec;
		*off = p->val;
		return p->val < p->sec->size;
	}
	*sec = elf_section_at_addr(elf, p->val);
	if (!*sec)
		return false;
	*off = p->val - (*sec)->addr;
	return true;
}

void eh_iter_init(struct eh_iter *it, struct elf_file *elf, struct section *sec,
		  const uint8_t *data, bool eh)
{
	memset(it, 0, sizeof(*it));
	it->elf = elf;
	it->sec = sec;
	it->data = data ? data : sec->data;
	it->eh = eh;
}

static int eh_error(struct eh_iter *it, uint64_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int eh_error(struct eh_iter *it, uint64_t off, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(it->err, sizeof(it->err), fmt, ap);
	va_end(ap);
	it->err_off = off;
	it->pos = it->sec->size;	/* the iteration is over */
	return -1;
}

/*
 * The header of the entry at off: *c covers its body after the id, *id is
 * the id or CIE pointer, *is_cie says which.  1, 0 at the end, -1 malformed.
 */
static int eh_header(struct eh_iter *it, uint64_t off, struct eh_cursor *c, uint64_t *id,
		     bool *is_cie)
{
	uint64_t len;
	unsigned w = 4;

	*c = (struct eh_cursor){ it->data, off, it->sec->size, false };
	if (off > it->sec->size || it->sec->size - off < 4)
		return 0;
	len = eh_udata(c, 4);
	if (len == 0)
		return 0;			/* the .eh_frame terminator */
	if (len == DWARF3_LENGTH_64_BIT) {
		len = eh_udata(c, 8);
		w = 8;
	} else if (len >= DWARF3_LENGTH_MIN_ESCAPE_CODE) {
		return eh_error(it, off, "entry at 0x%llx: reserved length 0x%llx",
				(unsigned long long)off, (unsigned long long)len);
	}
	if (c->bad || len > c->end - c->pos || len < w + 1)
		return eh_error(it, off, "entry at 0x%llx: length 0x%llx runs past the section",
				(unsigned long long)off, (unsigned long long)len);
	c->end = c->pos + len;
	uint64_t id_field = c->pos;
	*id = eh_udata(c, w);
	if (it->eh) {
		*is_cie = *id == 0;
		if (!*is_cie) {
			if (*id > id_field)
				return eh_error(it, off, "FDE at 0x%llx: CIE pointer before the section",
						(unsigned long long)off);
			*id = id_field - *id;
		}
	} else {
		*is_cie = *id == (w == 4 ? DW_CIE_ID_32 : DW_CIE_ID_64);
	}
	return 1;
}

/* The augmentation string, printable, for a message. */
static const char *eh_aug_text(const char *aug, char *buf, size_t size)
{
	size_t i;

	for (i = 0; aug[i] && i < size - 1; i++)
		buf[i] = aug[i] > ' ' && aug[i] < 0x7f ? aug[i] : '?';
	buf[i] = '\0';
	return buf;
}

/*
 * The augmentation data of a 'z' CIE: R, L and P carry data; S (signal
 * frame), B (AArch64 B-key) and G (MTE tagged frame) none.  With any other
 * letter the FDE fields after it cannot be decoded.
 */
static int eh_cie_aug(struct eh_iter *it, struct eh_cie *cie, struct eh_cursor *c)
{
	char text[24];
	uint64_t len = eh_uleb(c), end = c->pos + len;
	uint8_t penc;

	if (c->bad || len > c->end - c->pos)
		return eh_error(it, cie->off, "CIE at 0x%llx: truncated",
				(unsigned long long)cie->off);
	for (const char *a = cie->aug + 1; *a; a++) {
		switch (*a) {
		case 'R': cie->fde_enc = eh_u8(c); break;
		case 'L': cie->lsda_enc = eh_u8(c); break;
		case 'P':
			penc = eh_u8(c);
			eh_encoded(c, penc);		/* the personality routine */
			break;
		case 'S': case 'B': case 'G': break;
		default:
			return eh_error(it, cie->off, "CIE at 0x%llx: unknown augmentation \"%s\"",
					(unsigned long long)cie->off,
					eh_aug_text(cie->aug, text, sizeof(text)));
		}
	}
	if (c->bad || c->pos > end)
		return eh_error(it, cie->off, "CIE at 0x%llx: augmentation data overruns its length",
				(unsigned long long)cie->off);
	c->pos = end;
	return 0;
}

static int eh_parse_cie(struct eh_iter *it, uint64_t off)
{
	struct eh_cie *cie = &it->cie;
	struct eh_cursor c;
	uint64_t id;
	bool is_cie;
	char text[24];
	int rc = eh_header(it, off, &c, &id, &is_cie);

	if (rc < 0)
		return rc;
	if (rc == 0 || !is_cie)
		return eh_error(it, off, "CIE pointer 0x%llx does not point to a CIE",
				(unsigned long long)off);
	memset(cie, 0, sizeof(*cie));
	it->have_cie = false;
	cie->off = off;
	cie->version = eh_u8(&c);
	if (cie->version != 1 && cie->version != 3 && cie->version != 4)
		return eh_error(it, off, "CIE at 0x%llx: version %u", (unsigned long long)off,
				cie->version);
	cie->aug = (const char *)c.data + c.pos;
	size_t alen = strnlen(cie->aug, c.end - c.pos);
	eh_skip(&c, alen + 1);
	if (cie->version == 4)
		eh_skip(&c, 2);			/* address size, segment selector size */
	cie->code_align = eh_uleb(&c);
	cie->data_align = eh_sleb(&c);
	cie->ra_reg = cie->version == 1 ? eh_u8(&c) : eh_uleb(&c);
	if (c.bad)
		return eh_error(it, off, "CIE at 0x%llx: truncated", (unsigned long long)off);
	cie->fde_enc = DW_EH_PE_absptr;
	cie->lsda_enc = DW_EH_PE_omit;
	if (cie->aug[0] == 'z' && eh_cie_aug(it, cie, &c) < 0)
		return -1;
	if (cie->aug[0] && cie->aug[0] != 'z')
		return eh_error(it, off, "CIE at 0x%llx: unknown augmentation \"%s\"",
				(unsigned long long)off, eh_aug_text(cie->aug, text, sizeof(text)));
	cie->insns = c.pos;
	cie->insns_end = c.end;
	it->have_cie = true;
	return 0;
}

/* The FDE at off whose body c covers, with its CIE at cie_off. */
static int eh_parse_fde(struct eh_iter *it, uint64_t off, uint64_t cie_off,
			struct eh_cursor *c, struct eh_fde *fde)
{
	if ((!it->have_cie || it->cie.off != cie_off) && eh_parse_cie(it, cie_off) < 0)
		return -1;
	memset(fde, 0, sizeof(*fde));
	fde->off = off;
	fde->cie = &it->cie;
	fde->pc = eh_read_ptr(it, c, it->cie.fde_enc);
	fde->range = eh_encoded(c, it->cie.fde_enc & EH_PE_FORMAT);
	fde->aug = fde->aug_end = c->pos;
	if (it->cie.aug[0] == 'z') {
		uint64_t len = eh_uleb(c);

		if (!c->bad && len <= c->end - c->pos) {
			struct eh_cursor a = { c->data, c->pos, c->pos + len, false };

			fde->aug = c->pos;
			fde->aug_end = c->pos + len;
			if (it->cie.lsda_enc != DW_EH_PE_omit)
				fde->lsda = eh_read_ptr(it, &a, it->cie.lsda_enc);
			c->pos += len;
			c->bad = a.bad;
		} else {
			c->bad = true;
		}
	}
	if (c->bad)
		return eh_error(it, off, "FDE at 0x%llx: truncated or unknown pointer encoding 0x%02x",
				(unsigned long long)off, it->cie.fde_enc);
	fde->insns = c->pos;
	fde->insns_end = c->end;
	return 1;
}

int eh_next(struct eh_iter *it, struct eh_fde *fde)
{
	for (;;) {
		uint64_t off = it->pos, id;
		struct eh_cursor c;
		bool is_cie;
		int rc = eh_header(it, off, &c, &id, &is_cie);

		if (rc <= 0) {
			it->pos = it->sec->size;
			return rc;
		}
		it->pos = c.end;
		if (!is_cie)
			return eh_parse_fde(it, off, id, &c, fde);
	}
}
