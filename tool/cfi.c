// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Frame states as shared values.  Every witness (fpv's own analysis, DWARF
 * CFI, SFrame) produces struct cfi_state; this file gives the entry state,
 * equality, the text form used in listings and golden tests, and the
 * hash-consing table that lets millions of instructions share a few hundred
 * distinct states (objtool's cfi_hash_find_or_add()).  States are canonical
 * before they are hashed: fields that do not apply (an offset whose "where"
 * is not REG_SAVED, a relation that is not known) are zero, so equal states
 * are equal bytes and compare as pointers once interned.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfi.h"
#include "error.h"

void cfi_init_entry(struct cfi_state *s)
{
	memset(s, 0, sizeof(*s));
	s->cfa_base = CFA_SP;
	s->cfa_off = 0;
	s->fp_where = REG_SAME;
	s->ra_where = REG_SAME;
	s->sp_known = true;
	s->sp_off = 0;
}

/* Zero what does not apply, including padding, so that memcmp is equality. */
static void cfi_canon(struct cfi_state *out, const struct cfi_state *s)
{
	memset(out, 0, sizeof(*out));
	out->unknown = s->unknown;
	if (s->unknown)
		return;
	out->cfa_base = s->cfa_base;
	out->cfa_off = s->cfa_base == CFA_UNDEF || s->cfa_base == CFA_PTR ? 0 : s->cfa_off;
	out->cfa_reg = s->cfa_base == CFA_REG ? s->cfa_reg : 0;
	out->fp_where = s->fp_where;
	out->fp_off = s->fp_where == REG_SAVED ? s->fp_off : 0;
	out->ra_where = s->ra_where;
	out->ra_off = s->ra_where == REG_SAVED ? s->ra_off : 0;
	out->ra_in_reg = s->ra_where == REG_SAVED && s->ra_in_reg;
	out->ra_copy = s->ra_where == REG_SAVED && s->ra_copy;
	out->ra_copy_off = out->ra_copy ? s->ra_copy_off : 0;
	out->sp_known = s->sp_known;
	out->sp_vl = s->sp_known ? 0 : s->sp_vl;
	out->sp_off = s->sp_known || s->sp_vl ? s->sp_off : 0;
	out->fp_val_known = s->fp_val_known;
	out->fp_val = s->fp_val_known ? s->fp_val : 0;
	out->fp_is_frame = s->fp_is_frame;
	out->fp_link = s->fp_link && s->fp_val_known;
	out->fp_zero = s->fp_zero;
	out->cfa_vl = s->cfa_vl;
	out->ra_signed = s->ra_signed;
	out->xr_known = s->xr_known;
	out->xr_reg = s->xr_known ? s->xr_reg : 0;
	out->xr_val = s->xr_known ? s->xr_val : 0;
	out->pr_known = s->pr_known;
	if (s->pr_known) {
		out->pr_reg = s->pr_reg;
		out->pr_has = s->pr_has;
		out->pr_fp = (s->pr_has & PR_FP) ? s->pr_fp : 0;
		out->pr_ra = (s->pr_has & PR_RA) ? s->pr_ra : 0;
		out->pr_cfa = (s->pr_has & PR_CFA) ? s->pr_cfa : 0;
	}
}

bool cfi_equal(const struct cfi_state *a, const struct cfi_state *b)
{
	struct cfi_state ca, cb;

	if (a == b)
		return true;
	if (!a || !b)
		return false;
	cfi_canon(&ca, a);
	cfi_canon(&cb, b);
	return !memcmp(&ca, &cb, sizeof(ca));
}

/*
 * The table: open addressing over pointers into arena blocks, so a state is
 * allocated once and never moves.  Grows at 50% load.
 */
#define CFI_ARENA_STATES 1024

struct cfi_arena {
	struct cfi_arena *next;
	unsigned used;
	struct cfi_state states[CFI_ARENA_STATES];
};

static struct {
	const struct cfi_state **slots;
	size_t size, count;
	struct cfi_arena *arena;
} cfi_hash;

/* A canonical state (padding zeroed) hashed 8 bytes at a time. */
static uint64_t cfi_hash_bytes(const struct cfi_state *s)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t h = 0xcbf29ce484222325ull, w;
	size_t i;

	for (i = 0; i + 8 <= sizeof(*s); i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ull;
		h ^= h >> 32;		/* the high bits reach the table index */
	}
	for (; i < sizeof(*s); i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

static void cfi_hash_insert(const struct cfi_state *s, uint64_t h)
{
	size_t mask = cfi_hash.size - 1, i = h & mask;

	while (cfi_hash.slots[i])
		i = (i + 1) & mask;
	cfi_hash.slots[i] = s;
	cfi_hash.count++;
}

static void cfi_hash_grow(void)
{
	const struct cfi_state **old = cfi_hash.slots;
	size_t old_size = cfi_hash.size;

	cfi_hash.size = old_size ? old_size * 2 : 1024;
	cfi_hash.slots = calloc(cfi_hash.size, sizeof(*cfi_hash.slots));
	if (!cfi_hash.slots) {
		fpv_error(NULL, "out of memory for the frame-state table");
		exit(1);
	}
	cfi_hash.count = 0;
	for (size_t i = 0; i < old_size; i++)
		if (old[i])
			cfi_hash_insert(old[i], cfi_hash_bytes(old[i]));
	free(old);
}

static struct cfi_state *cfi_arena_alloc(void)
{
	struct cfi_arena *a = cfi_hash.arena;

	if (!a || a->used == CFI_ARENA_STATES) {
		a = malloc(sizeof(*a));
		if (!a) {
			fpv_error(NULL, "out of memory for the frame states");
			exit(1);
		}
		a->next = cfi_hash.arena;
		a->used = 0;
		cfi_hash.arena = a;
	}
	return &a->states[a->used++];
}

const struct cfi_state *cfi_hash_find_or_add(const struct cfi_state *s)
{
	struct cfi_state c;
	struct cfi_state *n;
	uint64_t h;
	size_t mask, i;

	cfi_canon(&c, s);
	if (2 * (cfi_hash.count + 1) > cfi_hash.size)
		cfi_hash_grow();
	h = cfi_hash_bytes(&c);
	mask = cfi_hash.size - 1;
	for (i = h & mask; cfi_hash.slots[i]; i = (i + 1) & mask)
		if (!memcmp(cfi_hash.slots[i], &c, sizeof(c)))
			return cfi_hash.slots[i];
	n = cfi_arena_alloc();
	*n = c;
	cfi_hash.slots[i] = n;
	cfi_hash.count++;
	return n;
}

size_t cfi_hash_count(void)
{
	return cfi_hash.count;
}

void cfi_hash_free(void)
{
	while (cfi_hash.arena) {
		struct cfi_arena *next = cfi_hash.arena->next;

		free(cfi_hash.arena);
		cfi_hash.arena = next;
	}
	free(cfi_hash.slots);
	memset(&cfi_hash, 0, sizeof(cfi_hash));
}

static int cfi_put_reg(char *buf, unsigned size, const char *name, unsigned where, int32_t off,
		       unsigned pr_reg)
{
	switch (where) {
	case REG_SAVED:
		return snprintf(buf, size, " %s:cfa%+d", name, off);
	case REG_SAVED_PTR:
		return snprintf(buf, size, " %s:[x%u%+d]", name, pr_reg, off);
	case REG_UNDEF:
		return snprintf(buf, size, " %s:undef", name);
	default:
		return 0;
	}
}

/*
 * "cfa:sp+32 fp:cfa-32 ra:cfa-24 fprec pac", plus the relations that the
 * CFA rule does not already imply: "sp=cfa-48" when the CFA is x29-based,
 * "sp=?" when SP is not known, "x29=cfa-16" when x29 holds a known address
 * in this frame that is not the CFA base, "x12=cfa-1048576" likewise for a
 * scratch register set from SP.  Registers still holding the
 * caller's value are not printed.  A second copy of the return address
 * follows its first: "ra:cfa-16,cfa-104".  Saved at P (pr_known): "cfa:[x29+32]"
 * and "fp:[x29+0]" where a rule uses the copy, and the copies no rule uses
 * yet as "x1->{fp+0,ra+8,cfa+32}".
 */
const char *cfi_format(const struct cfi_state *s, char *buf, unsigned size)
{
	unsigned n = 0;

#define PUT(...) do { \
	int _r = snprintf(buf + n, n < size ? size - n : 0, __VA_ARGS__); \
	if (_r > 0) n += (unsigned)_r; \
} while (0)

	assert(size > 0);
	buf[0] = 0;
	if (!s) {
		snprintf(buf, size, "-");
		return buf;
	}
	if (s->unknown) {
		snprintf(buf, size, "unknown");
		return buf;
	}
	if (s->cfa_base == CFA_UNDEF)
		PUT("cfa:undef");
	else if (s->cfa_base == CFA_REG)
		PUT("cfa:x%u%+d", s->cfa_reg, s->cfa_off);
	else if (s->cfa_base == CFA_PTR)
		PUT("cfa:[x%u%+d]", s->pr_reg, s->pr_cfa);
	else
		PUT("cfa:%s%+d", s->cfa_base == CFA_SP ? "sp" : "x29", s->cfa_off);
	if (n < size)
		n += (unsigned)cfi_put_reg(buf + n, size - n, "fp", s->fp_where,
					   s->fp_where == REG_SAVED_PTR ? s->pr_fp : s->fp_off,
					   s->pr_reg);
	if (n < size)
		n += (unsigned)cfi_put_reg(buf + n, size - n, "ra", s->ra_where,
					   s->ra_where == REG_SAVED_PTR ? s->pr_ra : s->ra_off,
					   s->pr_reg);
	if (s->ra_where == REG_SAVED && s->ra_copy)
		PUT(",cfa%+d", s->ra_copy_off);
	if (s->cfa_base != CFA_SP) {
		if (s->sp_known)
			PUT(" sp=cfa%+d", s->sp_off);
		else if (s->sp_vl && s->sp_vl % 16 == 0)
			PUT(" sp=cfa%+d%+d*vl", s->sp_off, s->sp_vl / 16);
		else if (s->sp_vl)
			PUT(" sp=cfa%+d%+d*vl/16", s->sp_off, s->sp_vl);
		else
			PUT(" sp=?");
	}
	if (s->fp_val_known && s->cfa_base != CFA_FP)
		PUT(" x29=cfa%+d", s->fp_val);
	if (s->xr_known && !(s->cfa_base == CFA_REG && s->cfa_reg == s->xr_reg))
		PUT(" x%u=cfa%+d", s->xr_reg, s->xr_val);
	if (s->cfa_vl && s->cfa_vl % 16 == 0)
		PUT(" rel:cfa%+d*vl", s->cfa_vl / 16);
	else if (s->cfa_vl)
		PUT(" rel:cfa%+d*vl/16", s->cfa_vl);
	if (s->pr_known) {
		/* the copies at P that the rules above do not use */
		bool fp = (s->pr_has & PR_FP) && s->fp_where != REG_SAVED_PTR;
		bool ra = (s->pr_has & PR_RA) && s->ra_where != REG_SAVED_PTR;
		bool cfa = (s->pr_has & PR_CFA) && s->cfa_base != CFA_PTR;

		if (fp || ra || cfa)
			PUT(" x%u->{", s->pr_reg);
		if (fp)
			PUT("fp%+d%s", s->pr_fp, ra || cfa ? "," : "");
		if (ra)
			PUT("ra%+d%s", s->pr_ra, cfa ? "," : "");
		if (cfa)
			PUT("cfa%+d", s->pr_cfa);
		if (fp || ra || cfa)
			PUT("}");
	}
	if (s->fp_zero)
		PUT(" x29=0");
	if (s->fp_is_frame)
		PUT(" fprec");
	if (s->fp_link && s->fp_val_known)
		PUT(" fplink");
	if (s->ra_signed)
		PUT(" pac");
#undef PUT
	if (n >= size)
		buf[size - 1] = 0;
	return buf;
}
