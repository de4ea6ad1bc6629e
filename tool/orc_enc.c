// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ORC encoding without ELF: frame state to entry (fail safe), records where
 * the entry changes (x86 objtool's orc_create() walk), sorting and the
 * canonical form of a table, the text form of an entry, and the .fpv_orc
 * blobs (standard, and the compact user-space encoding whose decoder is
 * lib/orc_compact.c).  Witness-agnostic: states come from a callback.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "grow.h"
#include "orc.h"

/* An offset in bytes to an s16 count of 8-byte units, if it fits exactly. */
static bool orc_scale(int32_t off, int16_t *out)
{
	if (off % ORC_OFF_SCALE)
		return false;
	off /= ORC_OFF_SCALE;
	if (off < INT16_MIN || off > INT16_MAX)
		return false;
	*out = (int16_t)off;
	return true;
}

static bool orc_where(uint8_t where, int32_t off, unsigned *w, int16_t *out)
{
	*out = 0;
	switch (where) {
	case REG_SAME:
		*w = ORC_REG_SAME;
		return true;
	case REG_SAVED:
		*w = ORC_REG_SAVED;
		return orc_scale(off, out);
	default:
		*w = ORC_REG_UNDEF;
		return true;
	}
}

bool orc_from_cfi(const struct cfi_state *s, struct orc_entry *e)
{
	unsigned base, fpw, raw, flags = 0;

	memset(e, 0, sizeof(*e));
	if (!s || s->unknown || s->cfa_base == CFA_UNDEF)
		return true;
	/* GCC's SVE frames: the offsets are relative to a VL-dependent point */
	if (s->cfa_vl)
		goto undefined;
	/*
	 * SP-based wherever SP = CFA + sp_off is known, even where the witness
	 * names x29 as the CFA base: the record then gives the CFA without
	 * reading x29, so a frame-pointer walk checks x29 against it (x29 ==
	 * CFA + fp) instead of deriving the CFA from x29 and checking x29
	 * against itself.  A stale or swapped saved x29 is caught that way.
	 */
	if (s->sp_known && orc_scale(-s->sp_off, &e->cfa))
		base = ORC_BASE_SP;
	else if (s->cfa_base == CFA_SP && orc_scale(s->cfa_off, &e->cfa))
		base = ORC_BASE_SP;
	else if (s->cfa_base == CFA_FP && orc_scale(s->cfa_off, &e->cfa))
		base = ORC_BASE_FP;
	/*
	 * A frame beyond s16 * 8 bytes (clang -O0 with a 300 KiB array) does not
	 * fit SP-relative, but x29 sits near the CFA: where x29 = CFA + fp_val is
	 * known, CFA = x29 - fp_val says the same thing and fits.
	 */
	else if ((s->cfa_base == CFA_SP || s->cfa_base == CFA_FP) && s->fp_val_known &&
		 orc_scale(-s->fp_val, &e->cfa))
		base = ORC_BASE_FP;
	else if (s->cfa_base == CFA_SP || s->cfa_base == CFA_FP)
		goto undefined;
	else
		return false;
	/* x30 saved twice, the frame record made of the second copy: the record's */
	if (!orc_where(s->fp_where, s->fp_off, &fpw, &e->fp) ||
	    !orc_where(s->ra_where, s->fp_is_frame && s->ra_copy && s->ra_copy_off == s->fp_off + 8 ?
				    s->ra_copy_off : s->ra_off, &raw, &e->ra))
		goto undefined;
	/* The return address is gone: nothing to unwind to (fail safe). */
	if (raw == ORC_REG_UNDEF)
		goto undefined;
	if (s->fp_is_frame) {
		/* x29 -> {caller x29, x30}: x29 == CFA + fp, the saved-x29 slot */
		if (fpw != ORC_REG_SAVED || !s->fp_val_known || s->fp_val != s->fp_off)
			goto undefined;
		flags |= ORC_INFO_FP_FRAME;
	}
	if (s->ra_signed)
		flags |= ORC_INFO_SIGNED;
	e->info = ORC_INFO(base, fpw, raw, ORC_TYPE_CALL, flags);
	return true;
undefined:
	memset(e, 0, sizeof(*e));
	return false;
}

static const char *orc_reg_text(unsigned where, int16_t off, char *buf, size_t size)
{
	if (where == ORC_REG_SAME)
		return "same";
	if (where == ORC_REG_UNDEF)
		return "undef";
	if (where == ORC_REG_SAVED) {
		snprintf(buf, size, "cfa%+d", off * ORC_OFF_SCALE);
		return buf;
	}
	return "?";
}

const char *orc_entry_format(const struct orc_entry *e, char *buf, size_t size)
{
	static const char *const types[8] = {
		"undefined", "call", "regs", "end", "type4", "type5", "type6", "type7",
	};
	static const char *const bases[4] = { "undef", "sp", "fp", "base3" };
	char fpb[16], rab[16];
	unsigned type = orc_type(e);

	if (type == ORC_TYPE_UNDEFINED) {
		snprintf(buf, size, "type:undefined%s", e->cfa || e->fp || e->ra ||
			 e->info ? " (nonzero)" : "");
		return buf;
	}
	snprintf(buf, size, "cfa:%s%+d fp:%s ra:%s type:%s%s%s%s",
		 bases[orc_base(e)], e->cfa * ORC_OFF_SCALE,
		 orc_reg_text(orc_fp_where(e), e->fp, fpb, sizeof(fpb)),
		 orc_reg_text(orc_ra_where(e), e->ra, rab, sizeof(rab)),
		 types[type],
		 (e->info & ORC_INFO_FP_FRAME) ? " fpframe" : "",
		 (e->info & ORC_INFO_SIGNED) ? " signed" : "",
		 (e->info & ORC_INFO_RESERVED) ? " reserved-bits" : "");
	return buf;
}

void orc_list_free(struct orc_list *l)
{
	free(l->recs);
	memset(l, 0, sizeof(*l));
}

int orc_list_add(struct orc_list *l, uint64_t pc, const struct orc_entry *e)
{
	struct orc_rec *r = grow_array(l->recs, &l->alloc, l->nr + 1, sizeof(*r), 256);

	if (!r)
		return fpv_oom(NULL);
	l->recs = r;
	l->recs[l->nr].pc = pc;
	l->recs[l->nr].e = *e;
	l->nr++;
	return 0;
}

int orc_gen_range(struct orc_list *l, uint64_t start, uint64_t end,
		  orc_state_fn state_at, void *ctx)
{
	struct orc_entry prev, cur;
	bool empty = true;

	memset(&prev, 0, sizeof(prev));
	for (uint64_t pc = start; pc + 4 <= end; pc += 4) {
		if (!orc_from_cfi(state_at(ctx, pc), &cur))
			l->degraded++;
		if (orc_entry_equal(&cur, &prev))
			continue;
		if (orc_list_add(l, pc, &cur))
			return -1;
		prev = cur;
		empty = false;
	}
	if (!empty) {
		memset(&cur, 0, sizeof(cur));
		if (orc_list_add(l, end, &cur))
			return -1;
	}
	return 0;
}

static int orc_rec_cmp(const void *a, const void *b)
{
	const struct orc_rec *x = a, *y = b;
	bool ux = orc_type(&x->e) == ORC_TYPE_UNDEFINED;
	bool uy = orc_type(&y->e) == ORC_TYPE_UNDEFINED;

	if (x->pc != y->pc)
		return x->pc < y->pc ? -1 : 1;
	if (ux != uy)
		return ux ? -1 : 1;
	return 0;
}

void orc_list_sort(struct orc_list *l)
{
	if (l->nr > 1)
		qsort(l->recs, l->nr, sizeof(*l->recs), orc_rec_cmp);
}

void orc_list_normalize(struct orc_list *l)
{
	size_t out = 0;
	struct orc_entry zero;

	memset(&zero, 0, sizeof(zero));
	orc_list_sort(l);
	for (size_t i = 0; i < l->nr; i++) {
		struct orc_rec r = l->recs[i];

		if (orc_type(&r.e) == ORC_TYPE_UNDEFINED)
			r.e = zero;	/* every undefined entry means the same */
		if (i + 1 < l->nr && l->recs[i + 1].pc == r.pc)
			continue;	/* the last record at a pc wins */
		if (out ? orc_entry_equal(&l->recs[out - 1].e, &r.e)
			: orc_entry_equal(&zero, &r.e))
			continue;	/* before the first record is undefined too */
		l->recs[out++] = r;
	}
	l->nr = out;
}

static int orc_blob_base_check(const struct orc_list *l, uint64_t base)
{
	for (size_t i = 0; i < l->nr; i++)
		if (l->recs[i].pc < base || l->recs[i].pc - base > UINT32_MAX) {
			return fpv_error(NULL, "ORC record at 0x%llx outside [0x%llx, +4 GiB)",
					 (unsigned long long)l->recs[i].pc, (unsigned long long)base);
		}
	return 0;
}

static void orc_file_header_init(struct orc_file_header *h, unsigned kind,
				 uint64_t base, size_t nr, size_t size)
{
	memset(h, 0, sizeof(*h));
	h->magic = ORC_FILE_MAGIC;
	h->version = ORC_VERSION;
	h->kind = kind;
	h->hash = orc_format_hash();
	h->base = base;
	h->nr = (uint32_t)nr;
	h->size = (uint32_t)size;
}

int orc_blob_std(const struct orc_list *l, uint64_t base, void **out, size_t *size)
{
	size_t n = l->nr, sz = sizeof(struct orc_file_header) + 4 * n + (n & 1) * 4 +
			      sizeof(struct orc_entry) * n;
	uint8_t *p;
	uint32_t *pc;
	struct orc_entry *e;

	if (orc_blob_base_check(l, base))
		return -1;
	p = calloc(1, sz);
	if (!p)
		return fpv_oom(NULL);
	orc_file_header_init((struct orc_file_header *)p, ORC_FILE_STD, base, n, sz);
	pc = (uint32_t *)(p + sizeof(struct orc_file_header));
	e = (struct orc_entry *)(pc + n + (n & 1));
	for (size_t i = 0; i < n; i++) {
		pc[i] = (uint32_t)(l->recs[i].pc - base);
		e[i] = l->recs[i].e;
	}
	*out = p;
	*size = sz;
	return 0;
}

/* Growable byte buffer for the compact stream. */
struct orc_bytes {
	uint8_t *p;
	size_t n, alloc;
};

static int orc_bytes_uleb(struct orc_bytes *b, uint32_t v)
{
	uint8_t *p = grow_array(b->p, &b->alloc, b->n + 5, 1, 4096);

	if (!p)
		return fpv_oom(NULL);
	b->p = p;
	do {
		uint8_t byte = v & 0x7f;

		v >>= 7;
		b->p[b->n++] = byte | (v ? 0x80 : 0);
	} while (v);
	return 0;
}

/* One compact record: a nibble each for delta - 1 and index, escapes after. */
static int orc_bytes_rec(struct orc_bytes *b, uint32_t delta, uint32_t index)
{
	uint32_t d = delta - 1;

	if (orc_bytes_uleb(b, 0))	/* reserve the byte */
		return -1;
	b->p[b->n - 1] = (uint8_t)((d < 15 ? d : 15) | (index < 15 ? index : 15) << 4);
	if (d >= 15 && orc_bytes_uleb(b, d - 15))
		return -1;
	if (index >= 15 && orc_bytes_uleb(b, index - 15))
		return -1;
	return 0;
}

struct orc_dist {
	struct orc_entry e;
	size_t count;
};

static int orc_dist_bytes(const void *a, const void *b)
{
	return memcmp(a, b, sizeof(struct orc_entry));
}

static int orc_dist_count(const void *a, const void *b)
{
	const struct orc_dist *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return memcmp(&x->e, &y->e, sizeof(x->e));
}

/* Distinct entries of l plus the zero entry, most frequent first. */
static struct orc_dist *orc_distinct(const struct orc_list *l, size_t *nr)
{
	struct orc_dist *d = calloc(l->nr + 1, sizeof(*d));
	size_t n = 0;

	if (!d)
		return NULL;
	for (size_t i = 0; i < l->nr; i++)
		d[i].e = l->recs[i].e;
	/* d[l->nr] is the zero entry: the state before the first record */
	qsort(d, l->nr + 1, sizeof(*d), orc_dist_bytes);
	for (size_t i = 0; i <= l->nr; i++) {
		if (n && !orc_dist_bytes(&d[n - 1].e, &d[i].e)) {
			d[n - 1].count++;
			continue;
		}
		d[n].e = d[i].e;
		d[n].count = 1;
		n++;
	}
	qsort(d, n, sizeof(*d), orc_dist_count);
	*nr = n;
	return d;
}

/* map: the distinct entries sorted by bytes, count replaced by their rank. */
static uint32_t orc_dist_index(const struct orc_dist *map, size_t n, const struct orc_entry *e)
{
	const struct orc_dist *m = bsearch(e, map, n, sizeof(*map), orc_dist_bytes);

	return m ? (uint32_t)m->count : UINT32_MAX;	/* every entry is in map */
}

static struct orc_dist *orc_dist_map(const struct orc_dist *d, size_t n)
{
	struct orc_dist *map = malloc((n ? n : 1) * sizeof(*map));

	if (!map)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		map[i].e = d[i].e;
		map[i].count = i;
	}
	qsort(map, n, sizeof(*map), orc_dist_bytes);
	return map;
}

/* Block k's bytes: initial entry index, then (delta, index) pairs. */
static int orc_compact_block(struct orc_bytes *b, const struct orc_list *l, size_t *ri,
			     const struct orc_dist *d, size_t nd, uint64_t bstart, uint64_t bend)
{
	struct orc_entry zero, cur;
	uint64_t prev = bstart;

	memset(&zero, 0, sizeof(zero));
	while (*ri < l->nr && l->recs[*ri].pc <= bstart)
		(*ri)++;
	cur = *ri ? l->recs[*ri - 1].e : zero;
	if (orc_bytes_uleb(b, orc_dist_index(d, nd, &cur)))
		return -1;
	for (; *ri < l->nr && l->recs[*ri].pc < bend; (*ri)++) {
		const struct orc_rec *r = &l->recs[*ri];

		if (orc_bytes_rec(b, (uint32_t)((r->pc - prev) / 4), orc_dist_index(d, nd, &r->e)))
			return -1;
		prev = r->pc;
	}
	return 0;
}

static int orc_compact_check(const struct orc_list *l, uint64_t base, uint64_t text_size,
			     unsigned shift)
{
	if (shift < 4 || shift > 24)
		return fpv_error(NULL, "compact ORC: block shift %u not encodable (4 to 24)", shift);
	if (text_size > UINT32_MAX)
		return fpv_error(NULL, "compact ORC: text of %llu bytes, over 4 GiB",
				 (unsigned long long)text_size);
	for (size_t i = 0; i < l->nr; i++)
		if (l->recs[i].pc < base || (l->recs[i].pc - base) % 4) {
			return fpv_error(NULL, "compact ORC: record at 0x%llx not an instruction after 0x%llx",
					 (unsigned long long)l->recs[i].pc, (unsigned long long)base);
		}
	return 0;
}

int orc_blob_compact(const struct orc_list *l, uint64_t base, uint64_t text_size,
		     unsigned block_shift, void **out, size_t *size)
{
	struct orc_bytes s = { 0 };
	struct orc_compact_header ch;
	size_t nd, ri = 0, nb, off, sz;
	struct orc_dist *d, *map = NULL;
	uint32_t *blocks;
	uint8_t *p;

	if (orc_compact_check(l, base, text_size, block_shift))
		return -1;
	d = orc_distinct(l, &nd);
	if (d)
		map = orc_dist_map(d, nd);
	nb = (text_size + (1ull << block_shift) - 1) >> block_shift;
	blocks = calloc(nb + 1, sizeof(*blocks));
	if (!d || !map || !blocks) {
		fpv_oom(NULL);
		goto fail;
	}
	if (nd > UINT16_MAX) {
		fpv_error(NULL, "compact ORC: %zu distinct entries, more than 65535", nd);
		goto fail;
	}
	for (size_t k = 0; k < nb; k++) {
		uint64_t bstart = base + (k << block_shift);
		uint64_t bend = bstart + (1ull << block_shift);

		blocks[k] = (uint32_t)s.n;
		if (orc_compact_block(&s, l, &ri, map, nd, bstart,
				      bend < base + text_size ? bend : base + text_size))
			goto fail;
	}
	blocks[nb] = (uint32_t)s.n;
	off = sizeof(struct orc_file_header) + sizeof(ch);
	sz = off + nd * sizeof(struct orc_entry) + (nb + 1) * 4 + s.n;
	p = calloc(1, sz);
	if (!p) {
		fpv_oom(NULL);
		goto fail;
	}
	orc_file_header_init((struct orc_file_header *)p, ORC_FILE_COMPACT, base, l->nr, sz);
	memset(&ch, 0, sizeof(ch));
	ch.text_size = (uint32_t)text_size;
	ch.nr_entries = (uint16_t)nd;
	ch.block_shift = (uint8_t)block_shift;
	ch.nr_blocks = (uint32_t)nb;
	ch.stream_size = (uint32_t)s.n;
	memcpy(p + sizeof(struct orc_file_header), &ch, sizeof(ch));
	for (size_t i = 0; i < nd; i++, off += sizeof(struct orc_entry))
		memcpy(p + off, &d[i].e, sizeof(struct orc_entry));
	memcpy(p + off, blocks, (nb + 1) * 4);
	if (s.n)
		memcpy(p + off + (nb + 1) * 4, s.p, s.n);
	free(d);
	free(map);
	free(blocks);
	free(s.p);
	*out = p;
	*size = sz;
	return 0;
fail:
	free(d);
	free(map);
	free(blocks);
	free(s.p);
	return -1;
}
