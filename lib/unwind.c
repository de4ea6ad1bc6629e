// SPDX-License-Identifier: GPL-2.0-or-later OR MIT
/*
 * The freestanding unwinder core: one AArch64 frame at a time, either along
 * the frame-pointer chain validated by ORC (FPV_MODE_FP) or by ORC rules
 * alone (FPV_MODE_ORC), through signal frames and registered trampolines,
 * with a sticky verdict that follows the reliability contract: a trace is
 * reliable only if every frame was validated and the walk ended at the
 * expected final frame.  No libc, no allocation; every stack read is
 * checked against the caller's stack bounds and then done by the caller's
 * accessor.  The model for "reliability is a state" is arm64's struct
 * kunwind_state (the source of each frame) and x86 ORC's sticky error.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fpv/unwind.h"

/*
 * Corrupt-table paths (SQLite's ALWAYS/NEVER): a condition that a correct
 * table never produces.  Debug builds (-DFPV_DEBUG) trap on it so tests find
 * the table bug; release builds evaluate it and recover (unreliable).
 */
#ifdef FPV_DEBUG
#define NEVER(x)	((x) ? (__builtin_trap(), 1) : 0)
#define ALWAYS(x)	((x) ? 1 : (__builtin_trap(), 0))
#else
#define NEVER(x)	(!!(x))
#define ALWAYS(x)	(!!(x))
#endif

/*
 * The kernel's struct rt_sigframe on arm64 (arch/arm64/kernel/signal.c):
 * siginfo (128 bytes) then struct ucontext; uc_mcontext (struct sigcontext)
 * starts 176 bytes into the ucontext (uc_flags, uc_link, uc_stack,
 * uc_sigmask, 120 bytes of padding, 16-byte alignment).  The handler is
 * entered with sp = &rt_sigframe and x29 pointing at a frame record
 * {interrupted x29, interrupted x30} further up the frame.
 */
#define SIGFRAME_UC		128
#define UC_MCONTEXT		176
#define MC_REGS			8	/* after fault_address */
#define MC_SP			(MC_REGS + 31 * 8)
#define MC_PC			(MC_SP + 8)
#define MC_PSTATE		(MC_PC + 8)
#define SIGFRAME_MC		(SIGFRAME_UC + UC_MCONTEXT)
#define SIGFRAME_MAX		(SIGFRAME_MC + 288 + 4096 + 64 * 1024)
#define PSTATE_MODE_MASK	0x1full	/* M[4:0]: 0 is EL0t, AArch64 */

/* The per-frame helpers are inlined: a walk is a tight loop, and calls and
 * returns are what costs most (under emulation, each return is a lookup).
 */
#define FPV_ALWAYS_INLINE __attribute__((__always_inline__))

static const char *const reason_text[] = {
	[FPV_R_OK] = "reliable",
	[FPV_R_INVAL] = "invalid argument",
	[FPV_R_PC_NOT_TEXT] = "pc outside known text",
	[FPV_R_NO_ORC] = "no ORC record for pc",
	[FPV_R_ORC_UNDEF] = "ORC record says no frame is set up",
	[FPV_R_ORC_BAD] = "corrupt ORC record",
	[FPV_R_ORC_REGS] = "exception register frame record not supported",
	[FPV_R_NO_FRAME_RECORD] = "record says x29 is not this frame's frame record",
	[FPV_R_FP_MISMATCH] =
		"frame pointer differs from the one the ORC record predicts",
	[FPV_R_RA_UNKNOWN] = "return address location unknown",
	[FPV_R_FP_UNKNOWN] = "frame pointer value unknown",
	[FPV_R_TRAMPOLINE] = "return address in a trampoline that cannot be recovered",
	[FPV_R_SIGNAL_UNPROVEN] =
		"signal frame the interrupted pc's record cannot prove",
	[FPV_R_SIGFRAME_BAD] = "signal frame contents invalid",
	[FPV_R_MISALIGNED] = "misaligned stack pointer, frame pointer or pc",
	[FPV_R_OUT_OF_STACK] = "frame outside the known stack bounds",
	[FPV_R_DIRECTION] = "stack does not grow in one direction",
	[FPV_R_STACK_SWITCH] =
		"stack switch outside a signal frame or back to a used stack",
	[FPV_R_READ] = "stack read failed",
	[FPV_R_NOT_CALL_SITE] = "return address does not follow a call instruction",
	[FPV_R_UNEXPECTED_END] = "frame chain ended before the expected final frame",
	[FPV_R_TOO_DEEP] = "more frames than the limit",
	[FPV_R_END_MISMATCH] =
		"expected final frame reached with a live frame pointer or off its SP",
	[FPV_R_CALL_MISMATCH] =
		"return address follows a call that cannot reach the frame below",
	[FPV_R_SIDECAR_STALE] =
		"the object's sidecar tables are for another build (build-id differs)",
	[FPV_R_SIDECAR_BAD] = "the object's sidecar tables are unreadable or corrupt",
};

static const char *const reason_name[] = {
	[FPV_R_OK] = "OK",
	[FPV_R_INVAL] = "INVAL",
	[FPV_R_PC_NOT_TEXT] = "PC_NOT_TEXT",
	[FPV_R_NO_ORC] = "NO_ORC",
	[FPV_R_ORC_UNDEF] = "ORC_UNDEF",
	[FPV_R_ORC_BAD] = "ORC_BAD",
	[FPV_R_ORC_REGS] = "ORC_REGS",
	[FPV_R_NO_FRAME_RECORD] = "NO_FRAME_RECORD",
	[FPV_R_FP_MISMATCH] = "FP_MISMATCH",
	[FPV_R_RA_UNKNOWN] = "RA_UNKNOWN",
	[FPV_R_FP_UNKNOWN] = "FP_UNKNOWN",
	[FPV_R_TRAMPOLINE] = "TRAMPOLINE",
	[FPV_R_SIGNAL_UNPROVEN] = "SIGNAL_UNPROVEN",
	[FPV_R_SIGFRAME_BAD] = "SIGFRAME_BAD",
	[FPV_R_MISALIGNED] = "MISALIGNED",
	[FPV_R_OUT_OF_STACK] = "OUT_OF_STACK",
	[FPV_R_DIRECTION] = "DIRECTION",
	[FPV_R_STACK_SWITCH] = "STACK_SWITCH",
	[FPV_R_READ] = "READ",
	[FPV_R_NOT_CALL_SITE] = "NOT_CALL_SITE",
	[FPV_R_UNEXPECTED_END] = "UNEXPECTED_END",
	[FPV_R_TOO_DEEP] = "TOO_DEEP",
	[FPV_R_END_MISMATCH] = "END_MISMATCH",
	[FPV_R_CALL_MISMATCH] = "CALL_MISMATCH",
	[FPV_R_SIDECAR_STALE] = "SIDECAR_STALE",
	[FPV_R_SIDECAR_BAD] = "SIDECAR_BAD",
};

const char *fpv_strerror(int code)
{
	if (code > 0 || code <= -FPV_R_NR || !reason_text[-code])
		return "unknown reason";
	return reason_text[-code];
}

const char *fpv_reason_name(int code)
{
	if (code > 0 || code <= -FPV_R_NR || !reason_name[-code])
		return "UNKNOWN";
	return reason_name[-code];
}

static int fail(struct fpv_unwind_state *st, int code)
{
	if (!st->error)
		st->error = code;
	return st->error;
}

static inline FPV_ALWAYS_INLINE bool in_ranges(const struct fpv_range *r, unsigned int n,
					       uint64_t pc)
{
	for (unsigned int i = 0; i < n; i++)
		if (pc >= r[i].start && pc < r[i].end)
			return true;
	return false;
}

/* The stack holding [addr, addr + len), or -1. */
static inline FPV_ALWAYS_INLINE int stack_of(const struct fpv_config *cfg, uint64_t addr,
					     uint64_t len)
{
	for (unsigned int i = 0; i < cfg->nr_stacks; i++) {
		const struct fpv_stack *s = &cfg->stacks[i];

		if (addr >= s->lo && addr <= s->hi && len <= s->hi - addr)
			return (int)i;
	}
	return -1;
}

/* Bounds-checked 8-byte read from the current stack. */
static inline FPV_ALWAYS_INLINE int stack_read(struct fpv_unwind_state *st, uint64_t addr,
					       uint64_t *val)
{
	const struct fpv_stack *s;

	if (addr & 7)
		return FPV_E_MISALIGNED;
	if (st->cur_stack < 0)
		return FPV_E_OUT_OF_STACK;
	s = &st->cfg->stacks[st->cur_stack];
	if (addr < s->lo || addr >= s->hi || s->hi - addr < 8)
		return FPV_E_OUT_OF_STACK;
	if (st->cfg->flags & FPV_CFG_DIRECT_READ)
		*val = *(const volatile uint64_t *)(uintptr_t)addr;
	else if (st->cfg->read(st->ctx, addr, val))
		return FPV_E_READ;
	return 0;
}

static inline FPV_ALWAYS_INLINE uint64_t cache_tag(uint64_t pc, uint64_t entry)
{
	return (pc ^ (entry * 0x9e3779b97f4a7c15ull)) | 1;	/* never 0 */
}

/* The ORC-cache slot of pc: its words, checked against its tag (a miss: false). */
static inline FPV_ALWAYS_INLINE bool cache_slot(const struct fpv_cache *c, uint64_t pc, uint64_t *e,
						uint64_t *own)
{
	const volatile uint64_t *s = &c->slot[(pc >> 2) % FPV_CACHE_SLOTS].pc;
	uint64_t spc = s[0], tag = s[3];

	*e = s[1];
	*own = s[2];
	return spc == pc && tag == cache_tag(pc, *e ^ *own);
}

static inline FPV_ALWAYS_INLINE bool cache_get(struct fpv_cache *c, uint64_t pc,
					       struct orc_entry *out)
{
	uint64_t e, own;

	if (!cache_slot(c, pc, &e, &own))
		return false;
	out->cfa = (orc_s16)(e & 0xffff);
	out->fp = (orc_s16)((e >> 16) & 0xffff);
	out->ra = (orc_s16)((e >> 32) & 0xffff);
	out->info = (orc_u16)(e >> 48);
	return true;
}

static inline FPV_ALWAYS_INLINE void cache_put(struct fpv_cache *c, uint64_t pc,
					       const struct orc_entry *in, uint64_t own)
{
	volatile uint64_t *s = &c->slot[(pc >> 2) % FPV_CACHE_SLOTS].pc;
	uint64_t e = (uint64_t)(uint16_t)in->cfa | (uint64_t)(uint16_t)in->fp << 16 |
		     (uint64_t)(uint16_t)in->ra << 32 | (uint64_t)in->info << 48;

	s[3] = 0;
	s[0] = pc;
	s[1] = e;
	s[2] = own;
	s[3] = cache_tag(pc, e ^ own);
}

/*
 * The call-frame cache (fpv_cache.call): pc -> the frame of a return address
 * unwound by a plain frame record, SP-based CFA = SP + cfa_off and the record
 * {x29, x30} at CFA - rec_off ("frame" packs cfa_off in the low 32 bits and
 * rec_off in the high 32 bits); "own", the function the frame is in
 * (NO_OWNER without .fpv_funcs); "callee", what its return address's call
 * reaches (call_owner(): a function, INDIRECT, or 0 for any).  The slot keeps
 * no pc: its tag, a mix of pc and the three words, matches only the pc it was
 * written for, up to bit 0 (the mix is invertible in pc except for that bit,
 * which the loop checks on every return address), and a torn slot (words of
 * different writers) is a miss.
 */
_Static_assert(sizeof(((struct fpv_cache *)0)->call[0]) == 32 &&
	       (FPV_CACHE_SLOTS & (FPV_CACHE_SLOTS - 1)) == 0, "fast_loop()'s slot address");
_Static_assert(offsetof(struct fpv_frame, flags) == offsetof(struct fpv_frame, source) + 1,
	       "fast_loop() stores source and flags together");

static inline FPV_ALWAYS_INLINE uint64_t call_tag(uint64_t pc, uint64_t w, uint64_t own,
						  uint64_t callee)
{
	return cache_tag(pc, w ^ own ^ (callee >> 13 | callee << 51));
}

/*
 * A final frame's slot: enter_frame() found the expected final frame at pc
 * (every check but x29 == 0 and the final SP, which depend on the walk).
 * Its tag differs from a call frame's tag in bit 1, which the tag of no
 * 4-aligned pc has, so the loop and enter_cached() never take it for a call
 * frame and the loop's exit at x29 == 0 takes nothing else for it.
 */
#define FINAL_SALT	2ull

/*
 * Whether the call-frame slot of pc was written for pc with salt (0: a call
 * frame, FINAL_SALT: a final frame), its words unchanged since; its callee
 * goes to *callee.  The fast loop reads the slot itself, with the words it
 * needs in registers.
 */
static inline FPV_ALWAYS_INLINE bool call_get(const struct fpv_cache *c, uint64_t pc, uint64_t salt,
					      uint64_t *callee)
{
	const volatile uint64_t *s = &c->call[(pc >> 2) % FPV_CACHE_SLOTS].frame;
	uint64_t w = s[0], own = s[1], cal = s[2], tag = s[3];

	*callee = cal;
	return tag == (call_tag(pc, w, own, cal) ^ salt);
}

static inline FPV_ALWAYS_INLINE void call_put(struct fpv_cache *c, uint64_t pc, uint32_t cfa_off,
					      uint32_t rec_off, uint64_t own, uint64_t callee,
					      uint64_t salt)
{
	volatile uint64_t *s = &c->call[(pc >> 2) % FPV_CACHE_SLOTS].frame;
	uint64_t w = (uint64_t)cfa_off | (uint64_t)rec_off << 32;

	s[3] = 0;
	s[0] = w;
	s[1] = own;
	s[2] = callee;
	s[3] = call_tag(pc, w, own, callee) ^ salt;
}

/* The frame limit of a walk (fpv_config.max_frames, 0 means 1024). */
static inline FPV_ALWAYS_INLINE unsigned int frame_limit(const struct fpv_config *cfg)
{
	return cfg->max_frames ? cfg->max_frames : 1024;
}

/* The module whose text holds pc (modules configurations only), or NULL. */
static inline FPV_ALWAYS_INLINE const struct fpv_module *module_of(const struct fpv_config *cfg,
								   uint64_t pc)
{
	for (unsigned int i = 0; i < cfg->nr_modules; i++)
		if (pc >= cfg->modules[i].text_start && pc < cfg->modules[i].text_end)
			return &cfg->modules[i];
	return 0;
}

/*
 * Functions as the call-target check sees them (the "own" of a frame, the
 * "callee" of a call): a function's start (4-aligned) with DIRECT_ONLY in
 * bit 0 when .fpv_funcs says no indirect call reaches it; NO_OWNER where no
 * function is known; and as a call's callee, 0 (any function) or INDIRECT
 * (an indirect call: any function but a direct-only one).  A direct call's
 * callee and its callee frame's function come from the same .fpv_funcs
 * entry flags (the same over an owner's parts), so equal functions compare
 * equal with their bits.
 */
#define NO_OWNER	2ull
#define DIRECT_ONLY	1ull
#define INDIRECT	3ull

/* Whether a call to cal (0: any) may have its callee frame in function own. */
static inline FPV_ALWAYS_INLINE bool call_reaches(uint64_t cal, uint64_t own)
{
	return !cal || cal == own || (cal == INDIRECT && !(own & DIRECT_ONLY));
}

/* The function (tagged, as above) pc lies in per module m's .fpv_funcs, or NO_OWNER. */
static inline FPV_ALWAYS_INLINE uint64_t module_owner(const struct fpv_module *m, uint64_t pc)
{
	uint64_t owner;
	uint32_t flags;

	if (!m || !m->funcs || orc_funcs_owner(m->funcs, pc, &owner, &flags) < 0)
		return NO_OWNER;
	return owner | (flags & ORC_FUNC_DIRECT_ONLY ? DIRECT_ONLY : 0);
}

/* ORC entry for pc: FPV_FIND_*; a miss fills the cache with pc's owner too. */
static inline FPV_ALWAYS_INLINE int find_orc(struct fpv_unwind_state *st, uint64_t pc,
					     struct orc_entry *out)
{
	const struct fpv_config *cfg = st->cfg;
	const struct fpv_module *m;
	const struct orc_entry *e = 0;

	if (cfg->find)
		return cfg->find(st->ctx, pc, out);
	if (cfg->cache && cache_get(cfg->cache, pc, out))
		return FPV_FIND_FOUND;
	m = module_of(cfg, pc);
	if (!m)
		return FPV_FIND_NOT_TEXT;
	if (m->table)
		e = orc_find(m->table, pc, 0);
	else if (m->compact)
		e = orc_compact_find(m->compact, pc, 0);
	if (!e)
		return FPV_FIND_NO_ORC;
	*out = *e;
	if (cfg->cache)
		cache_put(cfg->cache, pc, e, module_owner(m, pc));
	return FPV_FIND_FOUND;
}

/* Why pc has no record: its module's reason for having no table, else NO_ORC. */
static int no_orc_reason(const struct fpv_config *cfg, uint64_t pc)
{
	const struct fpv_module *m = cfg->find ? 0 : module_of(cfg, pc);

	if (m && !m->table && !m->compact && m->no_table < 0 && m->no_table > -FPV_R_NR)
		return m->no_table;
	return FPV_E_NO_ORC;
}

/* The function (owner) pc lies in, or NO_OWNER: from the cache if find_orc() saw pc. */
static uint64_t owner_of(const struct fpv_config *cfg, uint64_t pc)
{
	uint64_t e, own;

	if (cfg->cache && cache_slot(cfg->cache, pc, &e, &own))
		return own;
	return module_owner(module_of(cfg, pc), pc);
}

/*
 * The callee of the call at site (see NO_OWNER): for a BL to the first
 * instruction of a function that leaves only by returning (per .fpv_funcs),
 * that function; INDIRECT for BLR, BLRAA...; 0 for any (a BL to no known
 * function start, such as a PLT stub or veneer, or to an
 * ORC_FUNC_ANY_CALLEE function).
 */
static uint64_t call_owner(const struct fpv_config *cfg, uint64_t site, uint32_t insn)
{
	const struct fpv_module *m;
	uint64_t target, owner;
	uint32_t flags;

	if ((insn & 0xfc000000u) != 0x94000000u)
		return INDIRECT;	/* is_call_insn(): BLR or BLRA* */
	/* imm26 * 4, sign-extended */
	target = site + (uint64_t)((int64_t)((uint64_t)insn << 38) >> 36);
	m = module_of(cfg, target);
	if (!m || !m->funcs || orc_funcs_owner(m->funcs, target, &owner, &flags) != 1 ||
	    (flags & ORC_FUNC_ANY_CALLEE))
		return 0;
	return owner | (flags & ORC_FUNC_DIRECT_ONLY ? DIRECT_ONLY : 0);
}

/* BL, BLR, BLRAA/BLRAB, BLRAAZ/BLRABZ: the instructions a return address follows. */
static inline FPV_ALWAYS_INLINE bool is_call_insn(uint32_t insn)
{
	return (insn & 0xfc000000u) == 0x94000000u ||	/* BL imm26 */
	       (insn & 0xfffffc1fu) == 0xd63f0000u ||	/* BLR Xn */
	       (insn & 0xfefff800u) == 0xd63f0800u;	/* BLRAA[Z], BLRAB[Z] */
}

/* The instruction at pc (known text), or 0. */
static inline FPV_ALWAYS_INLINE uint32_t text_insn(struct fpv_unwind_state *st, uint64_t pc)
{
	struct orc_entry e;
	uint32_t insn = 0;

	if (find_orc(st, pc, &e) == FPV_FIND_NOT_TEXT)
		return 0;
	if (st->cfg->flags & FPV_CFG_DIRECT_READ)
		return *(const volatile uint32_t *)(uintptr_t)pc;
	if (!st->cfg->read_insn || st->cfg->read_insn(st->ctx, pc, &insn))
		return 0;
	return insn;
}

/*
 * Whether the frame the walk would end at is where the caller says the final
 * frame is (fpv_config.final_sp).  Only on the stack that SP lies on: a walk
 * of another stack (a coroutine's, with its own registered entry) ends at
 * its own first frame.
 */
static inline FPV_ALWAYS_INLINE bool final_sp_ok(const struct fpv_config *cfg, int cur_stack,
						 uint64_t sp)
{
	return !cfg->final_sp || sp == cfg->final_sp ||
	       stack_of(cfg, cfg->final_sp, 0) != cur_stack;
}

static bool at_final_sp(const struct fpv_unwind_state *st)
{
	return final_sp_ok(st->cfg, st->cur_stack, st->frame.sp);
}

/*
 * A thread's first frame: glibc's _start and clone's thread entry clear x29
 * ("mov x29, #0" / "mov x29, xzr") right before calling the entry function,
 * so the frame record chain ends there on purpose.
 */
static bool entry_pattern(struct fpv_unwind_state *st, uint64_t ra)
{
	for (unsigned int i = 2; i <= 5; i++) {
		uint32_t insn = text_insn(st, ra - 4 * i);

		if (insn == 0xd280001du || insn == 0xaa1f03fdu)
			return true;
	}
	return false;
}

/*
 * Make st->frame the frame whose pc is a return address (or a recovered
 * one): strip PAC bits, recover trampolines, recognise the sigreturn
 * trampoline and the expected final frame.
 */
static inline FPV_ALWAYS_INLINE int enter_frame(struct fpv_unwind_state *st)
{
	const struct fpv_config *cfg = st->cfg;
	struct fpv_frame *f = &st->frame;

	st->bl_owner = 0;
	if (++st->index >= frame_limit(cfg))
		return fail(st, FPV_E_TOO_DEEP);
	f->pc = fpv_strip_pac(f->pc, cfg->va_bits);
	for (unsigned int i = 0; i < cfg->nr_trampolines; i++) {
		const struct fpv_trampoline *t = &cfg->trampolines[i];
		uint64_t ra;

		if (f->pc < t->start || f->pc >= t->end)
			continue;
		if (!t->recover || t->recover(st->ctx, st->ra_slot, f->sp, &ra))
			return fail(st, FPV_E_TRAMPOLINE);
		f->pc = fpv_strip_pac(ra, cfg->va_bits);
		f->source = FPV_SRC_TRAMPOLINE;
		f->flags |= FPV_FRAME_RECOVERED;
		break;
	}
	if (f->pc & 3)
		return fail(st, FPV_E_MISALIGNED);
	if (in_ranges(cfg->sigreturn, cfg->nr_sigreturn, f->pc)) {
		f->flags |= FPV_FRAME_SIGRETURN;
		return 1;
	}
	if (cfg->read_insn) {
		uint32_t insn = 0;

		/* the lookup unwinding this frame will need: done once, here */
		st->cached_rc = find_orc(st, f->pc - 4, &st->cached);
		st->cached_pc = f->pc - 4;
		if (st->cached_rc == FPV_FIND_NOT_TEXT)
			return fail(st, FPV_E_PC_NOT_TEXT);
		if (cfg->flags & FPV_CFG_DIRECT_READ)
			insn = *(const volatile uint32_t *)(uintptr_t)(f->pc - 4);
		else if (cfg->read_insn(st->ctx, f->pc - 4, &insn))
			return fail(st, FPV_E_NOT_CALL_SITE);
		if (!is_call_insn(insn))
			return fail(st, FPV_E_NOT_CALL_SITE);
		/* the frame below must be in a function the call reaches */
		st->bl_owner = call_owner(cfg, f->pc - 4, insn);
		if (st->bl_owner && st->callee_pc &&
		    !call_reaches(st->bl_owner, owner_of(cfg, st->callee_pc)))
			return fail(st, FPV_E_CALL_MISMATCH);
	}
	if (st->fp_valid && f->fp == 0 &&
	    (in_ranges(cfg->entries, cfg->nr_entries, f->pc - 4) ||
	     ((cfg->flags & FPV_CFG_ENTRY_PATTERN) && entry_pattern(st, f->pc)))) {
		if (!at_final_sp(st))
			return fail(st, FPV_E_END_MISMATCH);
		st->done = 1;
		/* for the fast loop's exit: a return address checked like a call frame's */
		if (cfg->cache && cfg->read_insn && !f->flags)
			call_put(cfg->cache, f->pc, 0, 0, NO_OWNER, st->bl_owner, FINAL_SALT);
	}
	return 1;
}

/*
 * Unwind through the signal frame at the trampoline frame's sp: the next
 * frame is the interrupted context from uc_mcontext.  Checked: the frame
 * lies on a known stack, pstate says EL0 AArch64, pc and sp are aligned, and
 * the frame record the kernel made for the handler (at the handler's saved
 * x29) repeats the interrupted x29 and x30.
 */
static int cross_signal(struct fpv_unwind_state *st)
{
	struct fpv_frame *f = &st->frame;
	uint64_t sf = f->sp, mc = sf + SIGFRAME_MC, x29, x30, sp, pc, pstate, v;
	int err;

	if (sf & 15)
		return fail(st, FPV_E_MISALIGNED);
	err = stack_read(st, mc + MC_REGS + 29 * 8, &x29);
	if (!err)
		err = stack_read(st, mc + MC_REGS + 30 * 8, &x30);
	if (!err)
		err = stack_read(st, mc + MC_SP, &sp);
	if (!err)
		err = stack_read(st, mc + MC_PC, &pc);
	if (!err)
		err = stack_read(st, mc + MC_PSTATE, &pstate);
	if (err)
		return fail(st, err);
	if ((pstate & PSTATE_MODE_MASK) != 0)
		return fail(st, FPV_E_SIGFRAME_BAD);
	if (st->fp_valid) {
		/* the handler's caller-x29 must be the kernel's frame record */
		if (f->fp < mc || f->fp - sf > SIGFRAME_MAX)
			return fail(st, FPV_E_SIGFRAME_BAD);
		err = stack_read(st, f->fp, &v);
		if (!err && v == x29)
			err = stack_read(st, f->fp + 8, &v);
		else if (!err)
			err = FPV_E_SIGFRAME_BAD;
		if (!err && v != x30)
			err = FPV_E_SIGFRAME_BAD;
		if (err)
			return fail(st, err);
	}
	if ((sp & 15) || (pc & 3))
		return fail(st, FPV_E_MISALIGNED);
	/*
	 * Delivering the signal on the interrupted stack, the kernel puts that
	 * frame record just below the interrupted SP (get_sigframe():
	 * round_down(sp - 16, 16); qemu-user ends its frame with the record the
	 * same way): the record lies in (sp - 32, sp - 16].  A saved SP moved by
	 * a corruption would otherwise move the interrupted frame's CFA with it.
	 */
	if (st->fp_valid && stack_of(st->cfg, sp, 0) == st->cur_stack &&
	    (f->fp > sp - 16 || sp - f->fp >= 32))
		return fail(st, FPV_E_SIGFRAME_BAD);
	f->pc = pc;
	f->sp = sp;
	f->fp = x29;
	st->lr = x30;
	return 0;
}

/* A new frame after a signal frame: may move to a stack not used before. */
static int switch_stack(struct fpv_unwind_state *st, uint64_t sp)
{
	int s = stack_of(st->cfg, sp, 0);

	if (s < 0)
		return fail(st, FPV_E_OUT_OF_STACK);
	if (s != st->cur_stack) {
		if (st->used_stacks & (1ull << s))
			return fail(st, FPV_E_STACK_SWITCH);
		st->used_stacks |= 1ull << s;
		st->cur_stack = s;
	}
	return 0;
}

static int unwind_sigreturn(struct fpv_unwind_state *st)
{
	struct fpv_frame *f = &st->frame;
	uint64_t sf = f->sp;
	int stack = st->cur_stack, err;

	err = cross_signal(st);
	if (err)
		return err;
	/* on the same stack the interrupted frame lies above the signal frame */
	if (stack_of(st->cfg, f->sp, 0) == stack && f->sp <= sf)
		return fail(st, FPV_E_DIRECTION);
	err = switch_stack(st, f->sp);
	if (err)
		return err;
	if (++st->index >= frame_limit(st->cfg))
		return fail(st, FPV_E_TOO_DEEP);
	f->pc = fpv_strip_pac(f->pc, st->cfg->va_bits);
	f->cfa = 0;
	f->source = FPV_SRC_SIGFRAME;
	f->flags = FPV_FRAME_INTERRUPTED;
	if (in_ranges(st->cfg->sigreturn, st->cfg->nr_sigreturn, f->pc))
		f->flags |= FPV_FRAME_SIGRETURN;	/* nested: interrupted in the trampoline */
	st->lr_valid = 1;
	st->fp_valid = 1;
	st->ra_slot = 0;
	st->after_signal = 1;
	return 1;
}

/* Map a failure at an interrupted pc below a signal frame to its reason. */
static inline FPV_ALWAYS_INLINE int unproven(struct fpv_unwind_state *st, int code)
{
	if (st->after_signal && (st->frame.flags & FPV_FRAME_INTERRUPTED))
		return fail(st, FPV_E_SIGNAL_UNPROVEN);
	return fail(st, code);
}

/*
 * An ORC_TYPE_END_OF_STACK record (user _start, a kernel entry hint) ends the
 * walk only in the outermost frame.  Without a frame record of its own that
 * frame's x29 is the terminating one: _start and clone's thread entry clear
 * it before their first call, so x29 == 0 there.  A return address of _start
 * found anywhere else on the stack (a stale or overwritten slot) then does
 * not end the walk as reliable.  With a frame record (the kernel's
 * FPV_UNWIND_HINT_END) the caller checks where that record lies.  Where the
 * caller knows the final frame's SP (fpv_config.final_sp), it must match:
 * a return address of _start found one frame too early fails there.
 */
static inline FPV_ALWAYS_INLINE int final_frame(struct fpv_unwind_state *st,
						const struct orc_entry *e)
{
	if (!(e->info & ORC_INFO_FP_FRAME) && (!st->fp_valid || st->frame.fp != 0))
		return unproven(st, FPV_E_END_MISMATCH);
	if (!at_final_sp(st))
		return unproven(st, FPV_E_END_MISMATCH);
	st->done = 1;
	return 0;
}

/* The record for the current frame: pc for an interrupted frame, pc - 4 for a call. */
static inline FPV_ALWAYS_INLINE int frame_record_for(struct fpv_unwind_state *st,
						     struct orc_entry *e)
{
	const struct fpv_frame *f = &st->frame;
	uint64_t pc = (f->flags & FPV_FRAME_INTERRUPTED) ? f->pc : f->pc - 4;
	int rc;

	if (st->cached_pc == pc && st->cached_rc >= 0) {
		rc = st->cached_rc;
		*e = st->cached;
	} else {
		rc = find_orc(st, pc, e);
	}
	st->cached_rc = -1;
	switch (rc) {
	case FPV_FIND_FOUND:
		break;
	case FPV_FIND_NOT_TEXT:
		return fail(st, FPV_E_PC_NOT_TEXT);
	default:
		return unproven(st, no_orc_reason(st->cfg, pc));
	}
	if (NEVER(e->info & ORC_INFO_RESERVED))
		return fail(st, FPV_E_ORC_BAD);
	switch (orc_type(e)) {
	case ORC_TYPE_CALL:
		return 0;
	case ORC_TYPE_END_OF_STACK:
		return final_frame(st, e);
	case ORC_TYPE_REGS:
		return fail(st, FPV_E_ORC_REGS);
	default:
		return unproven(st, FPV_E_ORC_UNDEF);
	}
}

/* CFA of the current frame from its record, with direction and bounds checks. */
static inline FPV_ALWAYS_INLINE int frame_cfa(struct fpv_unwind_state *st,
					      const struct orc_entry *e, uint64_t *cfa)
{
	const struct fpv_frame *f = &st->frame;
	int64_t off = (int64_t)e->cfa * ORC_OFF_SCALE;
	const struct fpv_stack *s = &st->cfg->stacks[st->cur_stack];

	switch (orc_base(e)) {
	case ORC_BASE_SP:
		*cfa = f->sp + (uint64_t)off;
		break;
	case ORC_BASE_FP:
		if (!st->fp_valid)
			return unproven(st, FPV_E_FP_UNKNOWN);
		*cfa = f->fp + (uint64_t)off;
		break;
	default:
		return unproven(st, FPV_E_ORC_UNDEF);
	}
	if (*cfa & 15)
		return fail(st, FPV_E_MISALIGNED);
	/* A call frame saved its return address, so its CFA is above its SP. */
	if (*cfa < f->sp || (*cfa == f->sp && !(f->flags & FPV_FRAME_INTERRUPTED)))
		return fail(st, FPV_E_DIRECTION);
	if (*cfa > s->hi)
		return fail(st, FPV_E_OUT_OF_STACK);
	return 0;
}

/* Mode (a) at a call frame: caller x29 and x30 from the validated frame record. */
static inline FPV_ALWAYS_INLINE int via_frame_record(struct fpv_unwind_state *st,
						     const struct orc_entry *e, uint64_t cfa,
						     uint64_t *ra, uint64_t *fp)
{
	const struct fpv_frame *f = &st->frame;
	int err;

	if (!(e->info & ORC_INFO_FP_FRAME))
		return fail(st, FPV_E_NO_FRAME_RECORD);
	/* fp_frame implies both registers saved in the record {x29, x30} */
	if (NEVER(orc_fp_where(e) != ORC_REG_SAVED || orc_ra_where(e) != ORC_REG_SAVED ||
		  e->ra != e->fp + 1))
		return fail(st, FPV_E_ORC_BAD);
	if (f->fp < f->sp || f->fp + 16 > cfa)
		return fail(st, FPV_E_FP_MISMATCH);
	err = stack_read(st, f->fp, fp);
	if (!err)
		err = stack_read(st, f->fp + 8, ra);
	if (err)
		return fail(st, err);
	st->ra_slot = f->fp + 8;
	return 0;
}

/* Mode (b), and any interrupted frame: caller x29 and x30 by the record's rules. */
static inline FPV_ALWAYS_INLINE int via_orc_rules(struct fpv_unwind_state *st,
						  const struct orc_entry *e, uint64_t cfa,
						  uint64_t *ra, uint64_t *fp, int *fp_valid)
{
	int err;

	switch (orc_ra_where(e)) {
	case ORC_REG_SAME:
		if (!st->lr_valid)
			return unproven(st, FPV_E_RA_UNKNOWN);
		*ra = st->lr;
		st->ra_slot = 0;
		break;
	case ORC_REG_SAVED:
		st->ra_slot = cfa + (uint64_t)((int64_t)e->ra * ORC_OFF_SCALE);
		err = stack_read(st, st->ra_slot, ra);
		if (err)
			return fail(st, err);
		break;
	default:
		return unproven(st, FPV_E_RA_UNKNOWN);
	}
	switch (orc_fp_where(e)) {
	case ORC_REG_SAME:
		*fp = st->frame.fp;
		*fp_valid = st->fp_valid;
		break;
	case ORC_REG_SAVED:
		err = stack_read(st, cfa + (uint64_t)((int64_t)e->fp * ORC_OFF_SCALE), fp);
		if (err)
			return fail(st, err);
		*fp_valid = 1;
		break;
	default:
		*fp_valid = 0;
		*fp = 0;
	}
	return 0;
}

/*
 * After a call frame was unwound by its record: remember its return address
 * for the fast loop if that record is a plain SP-based frame record, so the
 * loop's checks (x29 == CFA - rec_off, CFA within the stack) are all the
 * record asks for.  Only where every return-address check ran when the frame
 * was entered: a call-site check (read_insn), no trampoline recovery.
 */
static inline FPV_ALWAYS_INLINE void remember_call_frame(struct fpv_unwind_state *st,
							 const struct orc_entry *e, uint64_t cfa)
{
	const struct fpv_config *cfg = st->cfg;
	int64_t cfa_off = (int64_t)(cfa - st->frame.sp), rec = -(int64_t)e->fp * ORC_OFF_SCALE;

	if (!cfg->cache || !cfg->read_insn || st->frame.flags || orc_type(e) != ORC_TYPE_CALL ||
	    orc_base(e) != ORC_BASE_SP || !(e->info & ORC_INFO_FP_FRAME) || !st->fp_valid)
		return;
	if (cfa_off <= 0 || (cfa_off & 15) || rec < 16 || rec > cfa_off ||
	    orc_fp_where(e) != ORC_REG_SAVED || orc_ra_where(e) != ORC_REG_SAVED ||
	    e->ra != e->fp + 1)
		return;
	call_put(cfg->cache, st->frame.pc, (uint32_t)cfa_off, (uint32_t)rec,
		 owner_of(cfg, st->frame.pc - 4), st->bl_owner, 0);
}

/* What step() and start() did: moved to a frame that enter_frame() (or
 * enter_cached()) must enter next, or one that is entered already.
 */
#define MOVED		1
#define ENTERED		2

/* Move to the caller of the current frame: MOVED, ENTERED (through a signal
 * frame), 0 at the end of a reliable walk, or the error.
 */
static inline FPV_ALWAYS_INLINE int step(struct fpv_unwind_state *st)
{
	struct fpv_frame *f = &st->frame;
	struct orc_entry e;
	uint64_t cfa, ra, fp;
	int fp_valid = 1, err;
	bool interrupted;

	if (st->error)
		return st->error;
	if (st->done)
		return 0;
	if (f->flags & FPV_FRAME_SIGRETURN)
		return unwind_sigreturn(st) < 0 ? st->error : ENTERED;
	interrupted = f->flags & FPV_FRAME_INTERRUPTED;
	err = frame_record_for(st, &e);
	if (err)
		return err;
	if (st->done)
		return 0;
	err = frame_cfa(st, &e, &cfa);
	if (err)
		return err;
	f->cfa = cfa;
	st->last_cfa = cfa;
	/* The record's prediction of x29 where it says x29 is this frame's record. */
	if ((e.info & ORC_INFO_FP_FRAME) &&
	    (!st->fp_valid || cfa + (uint64_t)((int64_t)e.fp * ORC_OFF_SCALE) != f->fp))
		return fail(st, FPV_E_FP_MISMATCH);
	if (st->cfg->mode == FPV_MODE_FP && !interrupted)
		err = via_frame_record(st, &e, cfa, &ra, &fp);
	else
		err = via_orc_rules(st, &e, cfa, &ra, &fp, &fp_valid);
	if (err)
		return err;
	if (!interrupted)
		remember_call_frame(st, &e, cfa);
	st->callee_pc = interrupted ? f->pc : f->pc - 4;
	f->pc = ra;
	f->sp = cfa;
	f->cfa = 0;
	f->fp = fp;
	f->flags = 0;
	f->source = (st->cfg->mode == FPV_MODE_FP && !interrupted) ? FPV_SRC_FRAME_RECORD
								   : FPV_SRC_ORC;
	st->fp_valid = fp_valid;
	st->lr_valid = 0;
	st->after_signal = 0;
	if (f->pc == 0)
		return fail(st, FPV_E_UNEXPECTED_END);
	return MOVED;
}

static inline FPV_ALWAYS_INLINE int unwind_next(struct fpv_unwind_state *st)
{
	int rc = step(st);

	if (rc == MOVED)
		return enter_frame(st);
	return rc == ENTERED ? 1 : rc;
}

int fpv_unwind_next(struct fpv_unwind_state *st)
{
	return unwind_next(st);
}

/* Set up a walk: MOVED (a call frame to enter), 0 (an interrupted frame) or the error. */
static inline FPV_ALWAYS_INLINE int start(struct fpv_unwind_state *st, const struct fpv_config *cfg,
					  void *ctx, const struct fpv_regs *regs)
{
	struct fpv_unwind_state z = { 0 };

	*st = z;
	st->cfg = cfg;
	st->ctx = ctx;
	st->cur_stack = -1;
	st->cached_rc = -1;
	if (!cfg || !regs || (!cfg->read && !(cfg->flags & FPV_CFG_DIRECT_READ)) ||
	    cfg->nr_stacks > 64 || (!cfg->find && !cfg->modules))
		return fail(st, FPV_E_INVAL);
	st->frame.pc = fpv_strip_pac(regs->pc, cfg->va_bits);
	st->frame.sp = regs->sp;
	st->frame.fp = regs->fp;
	st->frame.source = FPV_SRC_REGS;
	st->frame.flags = regs->interrupted ? FPV_FRAME_INTERRUPTED : 0;
	st->lr = regs->lr;
	st->lr_valid = regs->interrupted;
	st->fp_valid = 1;
	st->cur_stack = stack_of(cfg, regs->sp, 0);
	if (st->cur_stack < 0)
		return fail(st, FPV_E_OUT_OF_STACK);
	st->used_stacks = 1ull << st->cur_stack;
	if ((regs->sp & 15) || (st->frame.pc & 3))
		return fail(st, FPV_E_MISALIGNED);
	if (!regs->interrupted) {
		/* a call frame: same entry checks as any return address */
		st->index = (unsigned int)-1;
		st->frame.pc = regs->pc;
		return MOVED;
	}
	/* interrupted inside the sigreturn trampoline: the handler has returned,
	 * sp is the signal frame, the next step crosses it
	 */
	if (in_ranges(cfg->sigreturn, cfg->nr_sigreturn, st->frame.pc))
		st->frame.flags |= FPV_FRAME_SIGRETURN;
	return 0;
}

int fpv_unwind_start(struct fpv_unwind_state *st, const struct fpv_config *cfg,
		     void *ctx, const struct fpv_regs *regs)
{
	int rc = start(st, cfg, ctx, regs);

	if (rc == MOVED)
		return enter_frame(st) < 0 ? st->error : 0;
	return rc;
}

/*
 * Enter the frame step() or start() moved to from the call-frame cache: a
 * slot for its return address says every check of enter_frame() passed when
 * the slot was written, so what is left is the call-target check against
 * this walk's callee frame.  Not for x29 == 0 (the final frame, perhaps), a
 * misaligned pc (the tag says nothing of bit 0), the last frame allowed, or
 * a miss: then enter_frame() decides.
 */
static inline FPV_ALWAYS_INLINE bool enter_cached(struct fpv_unwind_state *st)
{
	const struct fpv_config *cfg = st->cfg;
	struct fpv_frame *f = &st->frame;
	uint64_t pc = fpv_strip_pac(f->pc, cfg->va_bits), callee;

	if ((pc & 3) || f->fp == 0 || !st->fp_valid || st->index + 1 >= frame_limit(cfg) ||
	    !call_get(cfg->cache, pc, 0, &callee))
		return false;
	if (callee && st->callee_pc && !call_reaches(callee, owner_of(cfg, st->callee_pc)))
		return false;	/* enter_frame() reports the mismatch */
	f->pc = pc;
	st->index++;
	st->bl_owner = callee;
	return true;
}

/*
 * 1 if x != 0, else 0, by arithmetic: the fast loop combines its checks
 * without comparisons (flags cost most under emulation).  The sign of hi -
 * cfa and of end - o - 1 is the loop's other comparison: both differences
 * are far below 2^63 in magnitude (a CFA at most 2^32 above an SP within the
 * stack; a frame buffer).
 */
static inline FPV_ALWAYS_INLINE uint64_t nonzero(uint64_t x)
{
	return (x | -x) >> 63;
}

/*
 * At the fast loop's exit at x29 == 0: whether the frame it moved to (pc,
 * sp) is the expected final frame by a final-frame slot (enter_frame() found
 * it there before) whose call goes to the callee frame's function (expect;
 * the slot's callee, 0 for any, goes to *callee) and by the final SP.
 */
static inline FPV_ALWAYS_INLINE bool final_hit(const struct fpv_unwind_state *st, uint64_t pc,
					       uint64_t sp, uint64_t expect, uint64_t *callee)
{
	uint64_t c;

	if (!call_get(st->cfg->cache, pc, FINAL_SALT, &c) || !call_reaches(c, expect) ||
	    !final_sp_ok(st->cfg, st->cur_stack, sp))
		return false;
	*callee = c;
	return true;
}

/*
 * The fast loop: from a call frame, walk on while each frame's return address
 * is in the call-frame cache.  A hit means the return address was entered
 * before (every check of enter_frame() passed; only the final-frame check
 * depends on x29, and it cannot pass while x29 != 0) and its frame was
 * unwound by a plain frame record, so the loop checks what that record asks
 * for: x29 == CFA - rec_off, the CFA within the stack.  A frame the loop
 * moved to without such a hit (a miss, x29 == 0, no room left) goes through
 * enter_frame() as the slow path would; a frame whose checks fail is left to
 * unwind_next(), which redoes and reports it.  "direct" is a constant in
 * each copy (plain loads or the accessor).  Returns whether st->frame was
 * moved to and still needs entering.
 */
static inline FPV_ALWAYS_INLINE bool fast_loop(struct fpv_unwind_state *st,
					       struct fpv_frame *frames, unsigned int max,
					       struct fpv_trace *trace, const bool direct)
{
	const struct fpv_config *cfg = st->cfg;
	const struct fpv_cache *c = cfg->cache;
	struct fpv_frame *f = &st->frame, *first = frames + trace->nr, *o = first, *end;
	uint64_t pc = f->pc, sp = f->sp, fp = f->fp, hi = cfg->stacks[st->cur_stack].hi;
	const uint64_t va_mask = fpv_pac_mask(cfg->va_bits);
	unsigned int limit = frame_limit(cfg), room, n;
	const uint8_t source = cfg->mode == FPV_MODE_FP ? FPV_SRC_FRAME_RECORD : FPV_SRC_ORC;
	const uint8_t source_flags[2] = { source, 0 };
	uint64_t expect, callee = 0, w, own, cal, tag, cfa, nfp, nra, npc;
	bool fresh;

	/* frames this loop may add: all stored, within the frame limit */
	if (trace->nr >= max || st->index + 1 >= limit)
		return false;
	room = max - trace->nr;
	if (room > limit - 1 - st->index)
		room = limit - 1 - st->index;
	end = o + room;
	/* the first frame's call was checked when it was entered */
	expect = c->call[(pc >> 2) % FPV_CACHE_SLOTS].callee;
	/*
	 * One frame.  The checks are combined into one branch for a hit and
	 * one after the reads (under emulation every branch costs as much as
	 * several other instructions); "careful" and "rare" sort out which
	 * failed.  FAST_STEP() appears twice per iteration so that the
	 * compiler keeps the walk in registers instead of shuffling them.
	 */
#define FAST_STEP() do {							\
		/* &c->call[(pc >> 2) % FPV_CACHE_SLOTS], from pc's bits */	\
		const volatile uint64_t *s = (const volatile uint64_t *)	\
			((uintptr_t)c->call + ((pc & (FPV_CACHE_SLOTS - 1) << 2) << 3)); \
										\
		w = s[0];							\
		own = s[1];							\
		cal = s[2];							\
		tag = s[3];							\
		cfa = sp + (uint32_t)w;						\
		/* pc's slot, its call to the callee frame's function (0: any) */ \
		/* x29 the record, the CFA in the stack, room left */		\
		if (__builtin_expect((tag ^ call_tag(pc, w, own, cal)) |	\
				     (nonzero(cal) & nonzero(cal ^ expect) &	\
				      ~((cal >> 1) & (cal ^ expect))) |		\
				     (hi - cfa) >> 63 | (fp ^ (cfa - (w >> 32))) | \
				     ((uintptr_t)end - (uintptr_t)o - 1) >> 63, 0))	\
			goto careful;						\
		if (direct) {							\
			nfp = *(const volatile uint64_t *)(uintptr_t)fp;	\
			nra = *(const volatile uint64_t *)(uintptr_t)(fp + 8);	\
		} else if (cfg->read(st->ctx, fp, &nfp) ||			\
			   cfg->read(st->ctx, fp + 8, &nra)) {			\
			callee = cal;						\
			goto checked;						\
		}								\
		/* fpv_strip_pac() with the mask computed once */		\
		npc = (nra & va_mask) |						\
		      ((uint64_t)((int64_t)(nra << 8) >> 63) & ~va_mask);	\
		/* the tag says nothing of pc bit 0, and 0 is not a frame; */	\
		/* at x29 == 0 the final frame, perhaps */			\
		if (__builtin_expect((npc & 3) | (nonzero(npc) ^ 1) | (nonzero(nfp) ^ 1), 0)) \
			goto rare;						\
		STORE_AND_MOVE();						\
	} while (0)
	/* store the frame the loop is at, move to its caller */
#define STORE_AND_MOVE() do {							\
		o->pc = pc;							\
		o->sp = sp;							\
		o->cfa = cfa;							\
		o->fp = fp;							\
		__builtin_memcpy(&o->source, &source_flags, 2);	/* flags 0 */	\
		o++;								\
		pc = npc;							\
		sp = cfa;							\
		fp = nfp;							\
		expect = own;							\
	} while (0)

	for (;;) {
		FAST_STEP();
		FAST_STEP();
	}
careful:
	/* no room, or a miss (or a call elsewhere): enter_frame() decides */
	if (o >= end || tag != call_tag(pc, w, own, cal) || !call_reaches(cal, expect))
		goto moved;
	/* a hit whose record does not fit: unwind_next() reports it */
	callee = cal;
	goto checked;
rare:
	if ((npc & 3) || npc == 0) {
		callee = cal;
		goto checked;
	}
	STORE_AND_MOVE();
	if (final_hit(st, pc, sp, expect, &callee))
		goto final;
	goto moved;	/* x29 == 0: the final frame? enter_frame() decides */
#undef STORE_AND_MOVE
#undef FAST_STEP
moved:
	/* a frame the loop moved to and did not find in the cache (or whose
	 * call goes elsewhere), or no room left: enter_frame() decides
	 */
	fresh = o != first;
	goto out;
checked:
	/* a frame found in the cache: entered already, its call checked */
	fresh = false;
	st->bl_owner = callee;
	goto out;
final:
	/* the expected final frame: entered (final_hit()), the walk is done */
	fresh = false;
	st->bl_owner = callee;
	st->done = 1;
out:
	n = (unsigned int)(o - first);
	if (n == 0)
		return false;
	first->source = f->source;	/* the loop stored its own source */
	f->pc = pc;
	f->sp = sp;
	f->cfa = 0;
	f->fp = fp;
	f->source = source;
	f->flags = 0;
	st->index += n - fresh;	/* enter_frame() counts the fresh one */
	st->ra_slot = o[-1].fp + 8;
	st->callee_pc = o[-1].pc - 4;
	st->fp_valid = 1;
	st->lr_valid = 0;
	st->after_signal = 0;
	trace->nr += n;
	trace->total += n;
	return fresh;
}

/* Out of line: the loop gets its own registers. */
static __attribute__((__noinline__)) void fast_walk(struct fpv_unwind_state *st,
						struct fpv_frame *frames, unsigned int max,
						struct fpv_trace *trace)
{
	bool fresh;

	if (st->cfg->flags & FPV_CFG_DIRECT_READ)
		fresh = fast_loop(st, frames, max, trace, true);
	else
		fresh = fast_loop(st, frames, max, trace, false);
	if (fresh)
		enter_frame(st);
}

int fpv_unwind(const struct fpv_config *cfg, void *ctx, const struct fpv_regs *regs,
	       struct fpv_frame *frames, unsigned int max, struct fpv_trace *trace)
{
	struct fpv_unwind_state st;
	int rc;

	trace->nr = trace->total = 0;
	trace->fail_frame = 0;
	rc = start(&st, cfg, ctx, regs);
	while (rc >= 0 && !st.error) {
		unsigned int stored;

		if (rc == MOVED && !(cfg->cache && enter_cached(&st)) && enter_frame(&st) < 0)
			break;
		if (cfg->cache && !st.frame.flags && st.fp_valid && !st.done) {
			fast_walk(&st, frames, max, trace);
			if (st.error)
				break;
		}
		stored = trace->nr < max;
		if (stored)
			frames[trace->nr++] = st.frame;
		trace->total++;
		st.last_cfa = 0;
		rc = step(&st);
		if (stored)	/* its CFA, if the record gave one */
			frames[trace->nr - 1].cfa = st.last_cfa;
		if (rc == 0)
			break;
	}
	trace->verdict = st.error;
	trace->fail_frame = st.index;
	return trace->verdict;
}
