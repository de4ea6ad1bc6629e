// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: the run-time unwinder core (lib/unwind.c) over arbitrary
 * stack contents, registers and ORC tables (standard, unsorted or sorted,
 * and a compact .fpv_orc blob), in both modes, with trampolines, a
 * sigreturn range, expected final frames and the call-site check.  The
 * oracles are the library's promises (include/fpv/unwind.h,
 * docs/libfpv.md): no read outside the declared stacks and no instruction
 * read outside known text; a trace called reliable has every frame on a
 * known stack, never moves down a stack, never returns to a stack it left,
 * and stays within the frame limit.
 *
 * Input: struct hdr, nr_entries * 12 bytes (u32 pc offset from TEXT, struct
 * orc_entry), optionally a u16-prefixed compact blob, then the stack words.
 * A stack word whose top nibble is 0xa/0xb/0xc is rebased onto the stack,
 * the text or the alternate stack (low 32 bits as offset), so the fuzzer
 * reaches plausible chains without guessing 64-bit addresses.
 */
#include <stdlib.h>
#include <string.h>

#include "fpv/unwind.h"
#include "fuzz.h"

#define TEXT		0x400000ull
#define TEXT_SIZE	0x10000ull
#define STK_LO		0x7ff000000ull
#define ALT_LO		0x7f0000000ull
#define MAX_WORDS	8192

#define U_ORC		0x01	/* FPV_MODE_ORC */
#define U_INTERRUPTED	0x02
#define U_READ_INSN	0x04
#define U_COMPACT	0x08	/* a compact blob follows the table */
#define U_SORT		0x10	/* sort the table first (otherwise as given) */
#define U_TRAMPOLINE	0x20
#define U_ALT		0x40	/* second half of the words is the alternate stack */
#define U_INDEX		0x80	/* attach the fast index */

struct hdr {
	uint8_t flags;
	uint8_t va_bits;
	uint8_t max_frames;
	uint8_t nr_entries;
	uint32_t pc, sp, fp, lr;	/* offsets: pc/lr from TEXT, sp/fp from STK_LO */
};

struct ctx {
	const uint8_t *words;		/* raw input words */
	size_t nr_stk, nr_alt;
	struct fpv_stack stacks[2];
	unsigned nr_stacks;
	const struct fpv_module *mods;
	unsigned nr_mods;
};

static uint64_t rebase(uint64_t v)
{
	switch (v >> 60) {
	case 0xa: return STK_LO + (uint32_t)v;
	case 0xb: return TEXT + (uint32_t)v;
	case 0xc: return ALT_LO + (uint32_t)v;
	default: return v;
	}
}

static int rd(void *vctx, uint64_t addr, uint64_t *val)
{
	struct ctx *c = vctx;
	const struct fpv_stack *s = NULL;
	size_t i;

	for (unsigned k = 0; k < c->nr_stacks; k++)
		if (addr >= c->stacks[k].lo && addr < c->stacks[k].hi && c->stacks[k].hi - addr >= 8)
			s = &c->stacks[k];
	if (!s || (addr & 7))
		fz_bug("unwinder read 0x%llx outside the declared stacks", (unsigned long long)addr);
	i = (addr - s->lo) / 8 + (s->lo == ALT_LO ? c->nr_stk : 0);
	memcpy(val, c->words + 8 * i, 8);
	*val = rebase(*val);
	return 0;
}

/* Real code: the text pattern has BL at +0x10 and +0x30 of every 64 bytes. */
static int rd_insn(void *vctx, uint64_t pc, uint32_t *insn)
{
	struct ctx *c = vctx;
	uint8_t w[64];
	bool known = false;

	for (unsigned i = 0; i < c->nr_mods; i++)
		known |= pc >= c->mods[i].text_start && pc < c->mods[i].text_end;
	if (!known)
		fz_bug("unwinder read an instruction at 0x%llx outside known text", (unsigned long long)pc);
	fz_text_pattern(w, sizeof(w));
	memcpy(insn, w + (pc & 63 & ~3ull), 4);
	return 0;
}

static int recover(void *vctx, uint64_t slot, uint64_t cfa, uint64_t *ra)
{
	(void)vctx;
	if (!slot)
		return -1;
	*ra = TEXT + ((slot ^ cfa) & 0xfffc);
	return 0;
}

static int stack_index(const struct ctx *c, uint64_t sp)
{
	for (unsigned k = 0; k < c->nr_stacks; k++)
		if (sp >= c->stacks[k].lo && sp <= c->stacks[k].hi)
			return (int)k;
	return -1;
}

/* What a reliable verdict promises about the frames. */
static void check_reliable(const struct ctx *c, const struct fpv_frame *fr, const struct fpv_trace *t,
			   unsigned max_frames)
{
	uint64_t left = 0;

	if (t->total > max_frames)
		fz_bug("reliable trace of %u frames, limit %u", t->total, max_frames);
	for (unsigned i = 0; i < t->nr; i++) {
		int s = stack_index(c, fr[i].sp);
		if (s < 0)
			fz_bug("reliable trace: frame %u sp 0x%llx on no stack", i, (unsigned long long)fr[i].sp);
		if (left & (1ull << s))
			fz_bug("reliable trace: frame %u returns to a stack it left", i);
		if (i && stack_index(c, fr[i - 1].sp) == s && fr[i].sp < fr[i - 1].sp)
			fz_bug("reliable trace: frame %u sp 0x%llx below frame %u's 0x%llx", i,
			       (unsigned long long)fr[i].sp, i - 1, (unsigned long long)fr[i - 1].sp);
		if (i && stack_index(c, fr[i - 1].sp) != s)
			left |= 1ull << stack_index(c, fr[i - 1].sp);
	}
}

/*
 * The call-frame cache's fast loop must give exactly the walk of the full
 * per-frame path: walk twice with an empty cache (the second walk hits what
 * the first one stored) and compare everything with the uncached walk.
 */
static void same_with_cache(struct fpv_config *cfg, struct ctx *c, const struct fpv_regs *regs,
			    const struct fpv_frame *want, const struct fpv_trace *tw)
{
	static struct fpv_cache cache;
	static struct fpv_frame got[64];
	struct fpv_trace t;

	memset(&cache, 0, sizeof(cache));
	cfg->cache = &cache;
	for (int pass = 0; pass < 2; pass++) {
		fpv_unwind(cfg, c, regs, got, 64, &t);
		if (t.verdict != tw->verdict || t.nr != tw->nr || t.total != tw->total ||
		    t.fail_frame != tw->fail_frame)
			fz_bug("cached walk %d: verdict %d nr %u total %u fail %u, uncached %d %u %u %u",
			       pass, t.verdict, t.nr, t.total, t.fail_frame, tw->verdict, tw->nr,
			       tw->total, tw->fail_frame);
		for (unsigned i = 0; i < t.nr; i++)
			if (got[i].pc != want[i].pc || got[i].sp != want[i].sp ||
			    got[i].cfa != want[i].cfa || got[i].fp != want[i].fp ||
			    got[i].source != want[i].source || got[i].flags != want[i].flags)
				fz_bug("cached walk %d: frame %u differs", pass, i);
	}
	cfg->cache = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *buf, size_t len)
{
	static orc_s32 ip[256];
	static struct orc_entry ent[256];
	static orc_u32 index[TEXT_SIZE / ORC_INDEX_BLOCK + 2];
	static uint8_t blob[65536] __attribute__((aligned(8)));
	struct fpv_module mods[2];
	struct orc_table table;
	struct orc_compact cmp;
	struct fpv_trampoline tramp = { TEXT + 0x600, TEXT + 0x640, recover };
	struct fpv_range sigret = { TEXT + 0x700, TEXT + 0x708 }, entry = { TEXT, TEXT + 0x10 };
	struct fpv_frame frames[64];
	struct fpv_trace t;
	struct fpv_regs regs;
	struct fpv_config cfg = { 0 };
	struct ctx c = { 0 };
	struct hdr h;
	size_t n, words;

	if (len < sizeof(h))
		return 0;
	memcpy(&h, buf, sizeof(h));
	buf += sizeof(h);
	len -= sizeof(h);
	n = h.nr_entries;
	if (len < n * 12)
		return 0;
	for (size_t i = 0; i < n; i++) {
		memcpy(&ip[i], buf + 12 * i, 4);
		memcpy(&ent[i], buf + 12 * i + 4, 8);
	}
	buf += n * 12;
	len -= n * 12;
	orc_table_init(&table, ip, ent, (orc_u32)n, ORC_IP_BASE32, TEXT);
	if (h.flags & U_SORT)
		orc_table_sort(&table, ip, ent);
	if ((h.flags & U_INDEX) && !orc_table_check(&table))
		orc_index_build(&table, index, sizeof(index) / sizeof(index[0]), TEXT, TEXT + TEXT_SIZE);
	mods[c.nr_mods++] = (struct fpv_module){ TEXT, TEXT + TEXT_SIZE, &table, NULL };
	if (h.flags & U_COMPACT) {
		uint16_t bl;
		if (len < 2)
			return 0;
		memcpy(&bl, buf, 2);
		if (len - 2 < bl)
			return 0;
		memcpy(blob, buf + 2, bl);
		buf += 2 + bl;
		len -= 2 + bl;
		if (orc_compact_open(&cmp, blob, bl, 0) == 0 && cmp.base >= TEXT + TEXT_SIZE)
			mods[c.nr_mods++] = (struct fpv_module){ cmp.base, cmp.base + cmp.text_size, NULL, &cmp };
	}
	words = len / 8 > MAX_WORDS ? MAX_WORDS : len / 8;
	if (!words)
		return 0;
	c.words = buf;
	c.nr_stk = (h.flags & U_ALT) ? (words + 1) / 2 : words;
	c.nr_alt = words - c.nr_stk;
	c.stacks[c.nr_stacks++] = (struct fpv_stack){ STK_LO, STK_LO + 8 * c.nr_stk };
	if (c.nr_alt)
		c.stacks[c.nr_stacks++] = (struct fpv_stack){ ALT_LO, ALT_LO + 8 * c.nr_alt };
	c.mods = mods;

	cfg.read = rd;
	cfg.read_insn = (h.flags & U_READ_INSN) ? rd_insn : NULL;
	cfg.modules = mods;
	cfg.nr_modules = c.nr_mods;
	cfg.stacks = c.stacks;
	cfg.nr_stacks = c.nr_stacks;
	cfg.trampolines = &tramp;
	cfg.nr_trampolines = (h.flags & U_TRAMPOLINE) ? 1 : 0;
	cfg.sigreturn = &sigret;
	cfg.nr_sigreturn = 1;
	cfg.entries = &entry;
	cfg.nr_entries = 1;
	cfg.va_bits = h.va_bits;
	cfg.max_frames = h.max_frames;
	cfg.mode = (h.flags & U_ORC) ? FPV_MODE_ORC : FPV_MODE_FP;
	regs = (struct fpv_regs){ TEXT + h.pc, STK_LO + h.sp, h.fp ? STK_LO + h.fp : 0, TEXT + h.lr,
				  (h.flags & U_INTERRUPTED) ? 1 : 0 };

	int v = fpv_unwind(&cfg, &c, &regs, frames, 64, &t);
	if (v > 0 || v <= -FPV_R_NR || !fpv_strerror(v) || !fpv_reason_name(v))
		fz_bug("verdict %d out of range", v);
	if (v == 0)
		check_reliable(&c, frames, &t, h.max_frames ? h.max_frames : 1024);
	same_with_cache(&cfg, &c, &regs, frames, &t);
	return 0;
}
