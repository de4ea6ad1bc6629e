// SPDX-License-Identifier: GPL-2.0-or-later OR MIT
/*
 * The compact ORC encoding for user space (layout in include/fpv/orc.h):
 * deduplicated entries, a block index with one offset per 2^block_shift
 * bytes of text, and per block a nibble-packed (delta, entry) record per
 * change.  This file
 * validates such a blob once (orc_compact_open) and then answers lookups
 * by decoding a single block; every read is checked against the blob.
 */
#include "fpv/orc_lookup.h"

int orc_uleb_read(const orc_u8 *p, orc_u32 size, orc_u32 *pos, orc_u32 *val)
{
	orc_u32 v = 0;

	for (unsigned int shift = 0; shift < 35; shift += 7) {
		orc_u8 b;

		if (*pos >= size)
			return -ORC_E_SHORT;
		b = p[(*pos)++];
		if (shift == 28 && (b & 0x70))
			return -ORC_E_CORRUPT;	/* does not fit 32 bits */
		v |= (orc_u32)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*val = v;
			return 0;
		}
	}
	return -ORC_E_CORRUPT;
}

int orc_compact_rec(const orc_u8 *p, orc_u32 size, orc_u32 *pos, orc_u32 *delta,
		    orc_u32 *index)
{
	orc_u32 ext;
	orc_u8 b;

	if (*pos >= size)
		return -ORC_E_SHORT;
	b = p[(*pos)++];
	*delta = (b & 0xf) + 1;
	*index = b >> 4;
	if (*delta == 16) {
		if (orc_uleb_read(p, size, pos, &ext) || ext > 0xffffffffu - 16)
			return -ORC_E_CORRUPT;
		*delta += ext;
	}
	if (*index == 15) {
		if (orc_uleb_read(p, size, pos, &ext) || ext > 0xffffu)
			return -ORC_E_CORRUPT;
		*index += ext;
	}
	return 0;
}

static int compact_layout(struct orc_compact *c, const orc_u8 *p, orc_u64 size)
{
	const struct orc_compact_header *ch;
	orc_u64 off = sizeof(struct orc_file_header), need;

	if (size < off + sizeof(*ch))
		return -ORC_E_SHORT;
	ch = (const void *)(p + off);
	off += sizeof(*ch);
	if (ch->block_shift < 4 || ch->block_shift > 24 || ch->reserved)
		return -ORC_E_CORRUPT;
	need = ((orc_u64)ch->text_size + (1u << ch->block_shift) - 1) >> ch->block_shift;
	if (ch->nr_blocks != need)
		return -ORC_E_CORRUPT;
	need = off + (orc_u64)ch->nr_entries * sizeof(struct orc_entry) +
	       ((orc_u64)ch->nr_blocks + 1) * 4 + ch->stream_size;
	if (need > size)
		return -ORC_E_SHORT;
	c->entries = (const void *)(p + off);
	c->nr_entries = ch->nr_entries;
	off += (orc_u64)ch->nr_entries * sizeof(struct orc_entry);
	c->block = (const void *)(p + off);
	c->nr_blocks = ch->nr_blocks;
	off += ((orc_u64)ch->nr_blocks + 1) * 4;
	c->stream = p + off;
	c->stream_size = ch->stream_size;
	c->block_shift = ch->block_shift;
	c->text_size = ch->text_size;
	return 0;
}

int orc_compact_open(struct orc_compact *c, const void *blob, orc_u64 size, orc_u64 bias)
{
	const struct orc_file_header *h = blob;
	int ret = orc_file_check(blob, size);

	if (ret < 0)
		return ret;
	if (ret != ORC_FILE_COMPACT || !c)
		return -ORC_E_INVAL;
	ret = compact_layout(c, blob, h->size);
	if (ret)
		return ret;
	c->base = h->base + bias;
	for (orc_u32 k = 0; k < c->nr_blocks; k++)
		if (c->block[k] > c->block[k + 1])
			return -ORC_E_CORRUPT;
	if (c->block[c->nr_blocks] != c->stream_size)
		return -ORC_E_CORRUPT;
	return 0;
}

const struct orc_entry *orc_compact_find(const struct orc_compact *c, orc_u64 pc,
					 orc_u64 *pc_start)
{
	orc_u64 off, start;
	orc_u32 k, pos, end, idx, delta, next;

	if (!c || pc < c->base)
		return 0;
	off = pc - c->base;
	if (off >= c->text_size)
		return 0;
	k = (orc_u32)(off >> c->block_shift);
	pos = c->block[k];
	end = c->block[k + 1];
	if (end > c->stream_size || pos >= end)
		return 0;
	if (orc_uleb_read(c->stream, end, &pos, &idx))
		return 0;
	start = (orc_u64)k << c->block_shift;
	while (pos < end) {
		if (orc_compact_rec(c->stream, end, &pos, &delta, &next))
			return 0;
		if (start + (orc_u64)delta * 4 > off)
			break;
		start += (orc_u64)delta * 4;
		idx = next;
	}
	if (idx >= c->nr_entries)
		return 0;
	if (pc_start)
		*pc_start = c->base + start;
	return &c->entries[idx];
}
