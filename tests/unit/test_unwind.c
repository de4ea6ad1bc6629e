// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the unwinder core (lib/unwind.c) on hand-built stacks and ORC
 * tables: GCC- and Clang-shaped frames, an interrupt at every stage of a
 * prologue, frame-pointer mismatches, missing and undefined records, PAC
 * bits, trampolines, a signal frame on an alternate stack, loops and the
 * expected final frame; then a deterministic fuzz over random stacks and
 * tables that must never read outside the stack, hang or crash, and a
 * mutation fuzz that must never turn a corrupted stack into a reliable trace
 * of other functions (the one word excluded is the signal frame's
 * interrupted pc, which no unwinder can check).
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fpv/unwind.h"
#include "test.h"

#define TEXT	0x400000ull
#define STK_N	2048
#define STK_LO	0x7ff000000ull
#define STK_HI	(STK_LO + STK_N * 8)
#define ALT_LO	0x7f0000000ull
#define ALT_HI	(ALT_LO + STK_N * 8)

/* Functions (16 instructions each unless noted) */
#define F_STUB	(TEXT + 0x000)	/* entry stub: bl R at +4, returns to +8 */
#define F_R	(TEXT + 0x100)	/* GCC frame: stp x29,x30,[sp,#-32]!; mov x29,sp */
#define F_G	(TEXT + 0x200)	/* Clang frame with SP-based CFA at call sites */
#define F_L	(TEXT + 0x300)	/* leaf / prologue states */
#define F_N	(TEXT + 0x400)	/* no frame pointer: sub sp; str x30 */
#define F_H	(TEXT + 0x500)	/* signal handler */
#define F_TRAMP	(TEXT + 0x600)	/* a return trampoline (kretprobe analogue) */
#define F_SIGRET (TEXT + 0x700)	/* mov x8, #139; svc #0 */
#define F_D	(TEXT + 0x800)	/* recursive GCC frame, SP-based: calls at +0x10 */
#define TEXT_END (TEXT + 0x900)

static uint64_t stk[STK_N], alt[STK_N];
static int oob_reads;

static int rd(void *ctx, uint64_t addr, uint64_t *val)
{
	(void)ctx;
	if (addr >= STK_LO && addr + 8 <= STK_HI)
		*val = stk[(addr - STK_LO) / 8];
	else if (addr >= ALT_LO && addr + 8 <= ALT_HI)
		*val = alt[(addr - ALT_LO) / 8];
	else {
		oob_reads++;
		return -1;
	}
	return 0;
}

/* The stub's call (the final frame's): blr x1 (0), or bl to this function. */
static uint64_t stub_calls;

/* Call sites: the instruction before each return address the tests use. */
static int rd_insn(void *ctx, uint64_t pc, uint32_t *insn)
{
	/* call sites and their direct targets (0: blr x1) */
	const uint64_t calls[][2] = {
		{ F_STUB + 4, stub_calls }, { F_R + 0x10, F_D }, { F_G + 0x20, F_L },
		{ F_N + 0xc, F_L }, { F_D + 0x10, 0 },
	};

	(void)ctx;
	*insn = 0xd503201f;	/* nop */
	if (pc == F_STUB)
		*insn = 0xd280001d;	/* mov x29, #0 */
	for (unsigned i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (pc == calls[i][0])
			*insn = !calls[i][1] ? 0xd63f0020 :
				0x94000000u | (uint32_t)((calls[i][1] - pc) >> 2 & 0x3ffffff);
	return 0;
}


static void put(uint64_t addr, uint64_t v)
{
	uint64_t dummy;

	if (rd(0, addr, &dummy))
		return;
	if (addr >= ALT_LO && addr < ALT_HI)
		alt[(addr - ALT_LO) / 8] = v;
	else
		stk[(addr - STK_LO) / 8] = v;
}

#define NR_MAX 64
static orc_u32 tab_ip[NR_MAX];
static struct orc_entry tab_e[NR_MAX];
static unsigned tab_nr;
static struct orc_table table;
static struct fpv_module module;
static struct fpv_stack stacks[2] = { { STK_LO, STK_HI }, { ALT_LO, ALT_HI } };
static struct fpv_range entry = { F_STUB, F_STUB + 0x10 };
static struct fpv_range sigret = { F_SIGRET, F_SIGRET + 8 };
static struct fpv_config cfg;

static struct orc_entry mk(int base, int cfa, int fpw, int fp, int raw, int ra, int type, int flags)
{
	struct orc_entry e = { (orc_s16)(cfa / 8), (orc_s16)(fp / 8), (orc_s16)(ra / 8),
			       ORC_INFO(base, fpw, raw, type, flags) };
	return e;
}

#define CALL(base, cfa, fpw, fp, raw, ra, flags) \
	mk(ORC_BASE_##base, cfa, ORC_REG_##fpw, fp, ORC_REG_##raw, ra, ORC_TYPE_CALL, flags)
#define UNDEF() mk(0, 0, 0, 0, 0, 0, ORC_TYPE_UNDEFINED, 0)
#define FRAME ORC_INFO_FP_FRAME

static void add(uint64_t pc, struct orc_entry e)
{
	tab_ip[tab_nr] = (orc_u32)(pc - TEXT);
	tab_e[tab_nr++] = e;
}

/* The tables of the functions above, in PC order. */
static void build_tables(void)
{
	tab_nr = 0;
	add(F_STUB, UNDEF());
	/* R: entry; after stp (+4); after mov x29 (+8); epilogue ldp at +0x30 */
	add(F_R, CALL(SP, 0, SAME, 0, SAME, 0, 0));
	add(F_R + 4, CALL(SP, 32, SAVED, -32, SAVED, -24, 0));
	add(F_R + 8, CALL(FP, 32, SAVED, -32, SAVED, -24, FRAME));
	add(F_R + 0x34, CALL(SP, 0, SAME, 0, SAME, 0, 0));
	/* G (clang): stp x29,x30,[sp,#-16]!; mov x29,sp; sub sp,sp,#32: SP-based CFA */
	add(F_G, CALL(SP, 0, SAME, 0, SAME, 0, 0));
	add(F_G + 4, CALL(SP, 16, SAVED, -16, SAVED, -8, 0));
	add(F_G + 8, CALL(SP, 16, SAVED, -16, SAVED, -8, FRAME));
	add(F_G + 12, CALL(SP, 48, SAVED, -16, SAVED, -8, FRAME));
	add(F_G + 0x38, CALL(SP, 0, SAME, 0, SAME, 0, 0));
	/* L: leaf at +0; a hole of undefined at +0x20 */
	add(F_L, CALL(SP, 0, SAME, 0, SAME, 0, 0));
	add(F_L + 0x20, UNDEF());
	/* N: sub sp,sp,#32; str x30,[sp,#24]: no frame record */
	add(F_N, CALL(SP, 0, SAME, 0, SAME, 0, 0));
	add(F_N + 4, CALL(SP, 32, SAME, 0, SAME, 0, 0));
	add(F_N + 8, CALL(SP, 32, SAME, 0, SAVED, -8, 0));
	/* H: GCC frame like R */
	add(F_H, CALL(SP, 0, SAME, 0, SAME, 0, 0));
	add(F_H + 4, CALL(SP, 48, SAVED, -48, SAVED, -40, 0));
	add(F_H + 8, CALL(FP, 48, SAVED, -48, SAVED, -40, FRAME));
	add(F_TRAMP, UNDEF());
	/* D: stp x29,x30,[sp,#-32]!; mov x29,sp; bl D or G at +0x10 */
	add(F_D, CALL(SP, 0, SAME, 0, SAME, 0, 0));
	add(F_D + 4, CALL(SP, 32, SAVED, -32, SAVED, -24, 0));
	add(F_D + 8, CALL(SP, 32, SAVED, -32, SAVED, -24, FRAME));
	add(F_D + 0x34, CALL(SP, 0, SAME, 0, SAME, 0, 0));
	orc_table_init(&table, tab_ip, tab_e, tab_nr, ORC_IP_BASE32, TEXT);
	module.text_start = TEXT;
	module.text_end = TEXT_END;
	module.table = &table;
	module.funcs = 0;
}

static void reset(enum fpv_mode mode)
{
	memset(stk, 0, sizeof(stk));
	memset(alt, 0, sizeof(alt));
	oob_reads = 0;
	build_tables();
	stub_calls = 0;
	memset(&cfg, 0, sizeof(cfg));
	cfg.cache = 0;
	cfg.read = rd;
	cfg.read_insn = rd_insn;
	cfg.modules = &module;
	cfg.nr_modules = 1;
	cfg.stacks = stacks;
	cfg.nr_stacks = 2;
	cfg.entries = &entry;
	cfg.nr_entries = 1;
	cfg.sigreturn = &sigret;
	cfg.nr_sigreturn = 1;
	cfg.mode = mode;
}

/* .fpv_funcs of the functions above: each its own owner, no flags. */
static struct {
	struct orc_funcs_header h;
	struct orc_func f[9];
} funcs_blob;
static struct orc_funcs funcs;

static void build_funcs_flags(uint32_t any_callee_of, uint64_t direct_only_of);

static void build_funcs(uint32_t any_callee_of)
{
	build_funcs_flags(any_callee_of, 0);
}

/* As build_funcs(), with direct_only_of (0: none) ORC_FUNC_DIRECT_ONLY. */
static void build_funcs_flags(uint32_t any_callee_of, uint64_t direct_only_of)
{
	static const uint64_t starts[] = { F_STUB, F_R, F_G, F_L, F_N, F_H, F_TRAMP, F_SIGRET, F_D };

	funcs_blob.h = (struct orc_funcs_header){ ORC_FUNCS_MAGIC, ORC_FUNCS_VERSION, 0, TEXT, 9,
						  sizeof(funcs_blob) };
	for (unsigned i = 0; i < 9; i++) {
		funcs_blob.f[i].start = (uint32_t)(starts[i] - TEXT);
		funcs_blob.f[i].owner = funcs_blob.f[i].start |
			(starts[i] == any_callee_of ? ORC_FUNC_ANY_CALLEE : 0) |
			(starts[i] == direct_only_of ? ORC_FUNC_DIRECT_ONLY : 0);
	}
	CHECK_EQ(orc_funcs_open(&funcs, &funcs_blob, sizeof(funcs_blob), 0), 0);
	module.funcs = &funcs;
}

/*
 * The standard stack: stub -> R -> G -> (callee); returns the registers at
 * the call in G: sp = G's SP at its call site, fp = G's frame record.
 *   R: CFA = STK_HI - 64, record at CFA - 32 = {0, stub+8}, calls G at R+0x10
 *   G: CFA = R's fp, record at CFA - 16 = {R.fp, R+0x14}, SP = CFA - 48,
 *      calls at G+0x20
 */
struct chain { uint64_t r_cfa, r_fp, g_cfa, g_fp, g_sp; };

static struct chain build_chain(void)
{
	struct chain c;

	c.r_cfa = STK_HI - 64;
	c.r_fp = c.r_cfa - 32;
	put(c.r_fp, 0);
	put(c.r_fp + 8, F_STUB + 8);
	c.g_cfa = c.r_fp;
	c.g_fp = c.g_cfa - 16;
	put(c.g_fp, c.r_fp);
	put(c.g_fp + 8, F_R + 0x14);
	c.g_sp = c.g_cfa - 48;
	return c;
}

static const uint64_t want_pcs[] = { F_L, F_G + 0x24, F_R + 0x14, F_STUB + 8 };

static int walk(const struct fpv_regs *r, struct fpv_frame *fr, struct fpv_trace *t)
{
	return fpv_unwind(&cfg, 0, r, fr, 32, t);
}

static void test_leaf_entry(enum fpv_mode mode)
{
	struct fpv_frame fr[32];
	struct fpv_trace t;
	struct chain c;
	struct fpv_regs r;

	reset(mode);
	c = build_chain();
	r = (struct fpv_regs){ F_L, c.g_sp, c.g_fp, F_G + 0x24, 1 };
	CHECK_EQ(walk(&r, fr, &t), 0);
	CHECK_EQ(t.nr, 4);
	for (unsigned i = 0; i < 4 && i < t.nr; i++)
		CHECK_EQ(fr[i].pc, want_pcs[i]);
	CHECK_EQ(fr[1].sp, c.g_sp);
	CHECK_EQ(fr[2].sp, c.g_cfa);
	CHECK_EQ(fr[1].source, FPV_SRC_ORC);
	CHECK_EQ(fr[2].source, mode == FPV_MODE_FP ? FPV_SRC_FRAME_RECORD : FPV_SRC_ORC);
	CHECK_EQ(oob_reads, 0);
}

/* An interrupt at each instruction of L's prologue (L shaped like R). */
static void test_prologue(void)
{
	struct fpv_frame fr[32];
	struct fpv_trace t;
	struct chain c;
	struct fpv_regs r;

	reset(FPV_MODE_FP);
	c = build_chain();
	/* L behaves like R: stp x29, x30, [sp, #-32]! done, mov x29, sp not yet */
	tab_e[10] = CALL(SP, 32, SAVED, -32, SAVED, -24, 0);
	put(c.g_sp - 32, c.g_fp);
	put(c.g_sp - 24, F_G + 0x24);
	r = (struct fpv_regs){ F_L + 4, c.g_sp - 32, c.g_fp, 0xdead, 1 };
	CHECK_EQ(walk(&r, fr, &t), 0);
	CHECK_EQ(t.nr, 4);
	CHECK_EQ(fr[1].pc, F_G + 0x24);
	/* the same state, with x29 already moved: the record's FP_FRAME check */
	tab_e[10] = CALL(SP, 32, SAVED, -32, SAVED, -24, FRAME);
	r.fp = c.g_sp - 32;
	CHECK_EQ(walk(&r, fr, &t), 0);
	r.fp = c.g_sp - 16;
	CHECK_EQ(walk(&r, fr, &t), FPV_E_FP_MISMATCH);
	CHECK_EQ(t.fail_frame, 0);
	CHECK_EQ(oob_reads, 0);
}

static void test_fp_mismatch(void)
{
	struct fpv_frame fr[32];
	struct fpv_trace t;
	struct chain c;
	struct fpv_regs r;

	reset(FPV_MODE_FP);
	c = build_chain();
	/* G's record is SP-based: a frame pointer one record off is caught */
	r = (struct fpv_regs){ F_L, c.g_sp, c.g_fp - 16, F_G + 0x24, 1 };
	put(c.g_fp - 16, c.r_fp);
	put(c.g_fp - 8, F_R + 0x14);
	CHECK_EQ(walk(&r, fr, &t), FPV_E_FP_MISMATCH);
	CHECK_EQ(t.fail_frame, 1);
	/* a corrupted saved x29 in G's record: R's FP-based CFA lands elsewhere */
	reset(FPV_MODE_FP);
	c = build_chain();
	put(c.g_fp, c.r_fp + 16);
	r = (struct fpv_regs){ F_L, c.g_sp, c.g_fp, F_G + 0x24, 1 };
	CHECK(walk(&r, fr, &t) < 0);
	CHECK_EQ(oob_reads, 0);
}

static void test_no_orc(void)
{
	struct fpv_frame fr[32];
	struct fpv_trace t;
	struct chain c;
	struct fpv_regs r;

	reset(FPV_MODE_FP);
	c = build_chain();
	r = (struct fpv_regs){ F_L + 0x24, c.g_sp, c.g_fp, F_G + 0x24, 1 };
	CHECK_EQ(walk(&r, fr, &t), FPV_E_ORC_UNDEF);
	r.pc = TEXT_END + 0x100;
	CHECK_EQ(walk(&r, fr, &t), FPV_E_PC_NOT_TEXT);
	/* a return address outside text */
	put(c.g_fp + 8, 0x123456780ull);
	r.pc = F_L;
	CHECK_EQ(walk(&r, fr, &t), FPV_E_PC_NOT_TEXT);
	CHECK_EQ(t.fail_frame, 2);
	/* the final frame record not at a registered entry */
	reset(FPV_MODE_FP);
	c = build_chain();
	cfg.nr_entries = 0;
	CHECK(walk(&r, fr, &t) < 0);
	CHECK_EQ(t.fail_frame, 3);
	/* ... unless the caller cleared x29 right before the call (_start) */
	cfg.flags = FPV_CFG_ENTRY_PATTERN;
	CHECK_EQ(walk(&r, fr, &t), 0);
	CHECK_EQ(t.nr, 4);
}

/*
 * A module without tables (its sidecar was stale or unreadable): a pc in
 * it fails with the module's own reason, NO_ORC when it has none or an
 * out-of-range one; a module with a table ignores the field.
 */
static void test_no_table_reason(void)
{
	static const int reasons[] = { FPV_E_SIDECAR_STALE, FPV_E_SIDECAR_BAD, 0, 5, -FPV_R_NR };
	static const int want[] = { FPV_E_SIDECAR_STALE, FPV_E_SIDECAR_BAD, FPV_E_NO_ORC,
				    FPV_E_NO_ORC, FPV_E_NO_ORC };
	struct fpv_frame fr[32];
	struct fpv_trace t;
	struct chain c;
	struct fpv_regs r;

	for (unsigned i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++) {
		reset(FPV_MODE_FP);
		c = build_chain();
		r = (struct fpv_regs){ F_L, c.g_sp, c.g_fp, F_G + 0x24, 1 };
		CHECK_EQ(walk(&r, fr, &t), 0);
		module.table = 0;
		module.no_table = reasons[i];
		CHECK_EQ(walk(&r, fr, &t), want[i]);
		CHECK_EQ(t.fail_frame, 0);
		module.table = &table;
		CHECK_EQ(walk(&r, fr, &t), 0);
		module.no_table = 0;
	}
	CHECK_STR(fpv_reason_name(FPV_E_SIDECAR_STALE), "SIDECAR_STALE");
}

/* N has no frame record: mode (a) refuses it, mode (b) unwinds it. */
static void test_no_frame_pointer(void)
{
	struct fpv_frame fr[32];
	struct fpv_trace t;
	struct chain c;
	struct fpv_regs r;
	uint64_t n_sp;

	for (int mode = 0; mode < 2; mode++) {
		reset((enum fpv_mode)mode);
		c = build_chain();
		/* G calls N; N calls L; N saved x30 at CFA-8, x29 untouched */
		n_sp = c.g_sp - 32;
		put(n_sp + 24, F_G + 0x24);
		r = (struct fpv_regs){ F_L, n_sp, c.g_fp, F_N + 0x10, 1 };
		CHECK_EQ(walk(&r, fr, &t), mode == FPV_MODE_FP ? FPV_E_NO_FRAME_RECORD : 0);
		if (mode == FPV_MODE_ORC) {
			CHECK_EQ(t.nr, 5);
			CHECK_EQ(fr[1].pc, F_N + 0x10);
			CHECK_EQ(fr[2].pc, F_G + 0x24);
		}
	}
}

static int recover_ok(void *ctx, uint64_t slot, uint64_t cfa, uint64_t *ra)
{
	(void)ctx;
	(void)cfa;
	if (slot == 0)
		return -1;
	*ra = F_R + 0x14;
	return 0;
}

static void test_pac_and_trampoline(void)
{
	struct fpv_frame fr[32];
	struct fpv_trace t;
	struct chain c;
	struct fpv_regs r;
	struct fpv_trampoline tr = { F_TRAMP, F_TRAMP + 0x20, 0 };

	reset(FPV_MODE_FP);
	c = build_chain();
	put(c.g_fp + 8, (F_R + 0x14) | 0x002d000000000000ull);	/* PAC bits */
	r = (struct fpv_regs){ F_L, c.g_sp, c.g_fp, (F_G + 0x24) | (0x7full << 48), 1 };
	CHECK_EQ(walk(&r, fr, &t), 0);
	CHECK_EQ(fr[1].pc, F_G + 0x24);
	CHECK_EQ(fr[2].pc, F_R + 0x14);
	/* return address rewritten to a trampoline */
	put(c.g_fp + 8, F_TRAMP + 8);
	CHECK_EQ(walk(&r, fr, &t), FPV_E_NOT_CALL_SITE);
	cfg.read_insn = 0;
	CHECK_EQ(walk(&r, fr, &t), FPV_E_ORC_UNDEF);
	cfg.read_insn = rd_insn;
	cfg.trampolines = &tr;
	cfg.nr_trampolines = 1;
	CHECK_EQ(walk(&r, fr, &t), FPV_E_TRAMPOLINE);
	CHECK_EQ(t.fail_frame, 2);
	tr.recover = recover_ok;
	CHECK_EQ(walk(&r, fr, &t), 0);
	CHECK_EQ(fr[2].pc, F_R + 0x14);
	CHECK_EQ(fr[2].source, FPV_SRC_TRAMPOLINE);
	CHECK(fr[2].flags & FPV_FRAME_RECOVERED);
}

/*
 * A signal delivered on the alternate stack while L was in its prologue
 * (x30 live, x29 = G's): the handler H's frame record points at the kernel's
 * frame record in the rt_sigframe.
 */
static void build_signal_at(const struct chain *c, uint64_t l_pc, uint64_t *h_fp, uint64_t sf,
			    uint64_t rec);

static uint64_t build_signal(struct chain *c, uint64_t l_pc, uint64_t *h_fp)
{
	uint64_t sf = ALT_HI - 0x2000;

	*c = build_chain();
	build_signal_at(c, l_pc, h_fp, sf, sf + 0x1200);
	return sf;
}

/* The signal frame at sf with the kernel's frame record at rec. */
static void build_signal_at(const struct chain *c, uint64_t l_pc, uint64_t *h_fp, uint64_t sf,
			    uint64_t rec)
{
	uint64_t mc = sf + 304;

	put(mc + 8 + 29 * 8, c->g_fp);
	put(mc + 8 + 30 * 8, F_G + 0x24);
	put(mc + 256, c->g_sp);
	put(mc + 264, l_pc);
	put(mc + 272, 0x60000000);
	put(rec, c->g_fp);
	put(rec + 8, F_G + 0x24);
	/* H: CFA = sf, record at sf - 48 = {rec, sigreturn} */
	*h_fp = sf - 48;
	put(*h_fp, rec);
	put(*h_fp + 8, F_SIGRET);
}

static void test_signal_frame(void)
{
	struct fpv_frame fr[32];
	struct fpv_trace t;
	struct chain c;
	struct fpv_regs r;
	uint64_t h_fp, sf;

	for (int mode = 0; mode < 2; mode++) {
		reset((enum fpv_mode)mode);
		sf = build_signal(&c, F_L, &h_fp);
		r = (struct fpv_regs){ F_H + 0x10, h_fp, h_fp, 0, 1 };
		CHECK_EQ(walk(&r, fr, &t), 0);
		CHECK_EQ(t.nr, 6);
		CHECK_EQ(fr[1].pc, F_SIGRET);
		CHECK(fr[1].flags & FPV_FRAME_SIGRETURN);
		CHECK_EQ(fr[1].sp, sf);
		CHECK_EQ(fr[2].pc, F_L);
		CHECK_EQ(fr[2].source, FPV_SRC_SIGFRAME);
		CHECK(fr[2].flags & FPV_FRAME_INTERRUPTED);
		CHECK_EQ(fr[3].pc, F_G + 0x24);
		CHECK_EQ(fr[5].pc, F_STUB + 8);
	}
	/* interrupted in the trampoline itself, after the handler returned */
	reset(FPV_MODE_FP);
	sf = build_signal(&c, F_L, &h_fp);
	r = (struct fpv_regs){ F_SIGRET + 4, sf, sf + 0x1200, 0, 1 };
	CHECK_EQ(walk(&r, fr, &t), 0);
	CHECK_EQ(t.nr, 5);
	CHECK(fr[0].flags & FPV_FRAME_SIGRETURN);
	CHECK_EQ(fr[1].pc, F_L);
	/* interrupted where the record cannot prove anything */
	reset(FPV_MODE_FP);
	build_signal(&c, F_L + 0x24, &h_fp);
	r = (struct fpv_regs){ F_H + 0x10, h_fp, h_fp, 0, 1 };
	CHECK_EQ(walk(&r, fr, &t), FPV_E_SIGNAL_UNPROVEN);
	CHECK_EQ(t.fail_frame, 2);
	/* the kernel's frame record disagrees with the ucontext */
	reset(FPV_MODE_FP);
	sf = build_signal(&c, F_L, &h_fp);
	put(sf + 0x1208, F_R + 0x14);
	CHECK_EQ(walk(&r, fr, &t), FPV_E_SIGFRAME_BAD);
	/* a signal frame that would return to a stack already used */
	reset(FPV_MODE_FP);
	sf = build_signal(&c, F_L, &h_fp);
	put(sf + 304 + 256, ALT_HI - 0x100);
	CHECK(walk(&r, fr, &t) < 0);
	CHECK_EQ(oob_reads, 0);
	/*
	 * Delivered on the interrupted stack: the kernel's record right below
	 * the interrupted SP (round_down(sp - 16, 16)), the frame below it.  A
	 * saved SP 16 bytes off no longer fits the record.
	 */
	for (int mode = 0; mode < 2; mode++) {
		static const int64_t moved[] = { 0, 16, -16, 32 };

		for (unsigned i = 0; i < sizeof(moved) / sizeof(moved[0]); i++) {
			reset((enum fpv_mode)mode);
			c = build_chain();
			sf = c.g_sp - 16 - 0x1200;
			build_signal_at(&c, F_L, &h_fp, sf, c.g_sp - 16);
			put(sf + 304 + 256, c.g_sp + (uint64_t)moved[i]);
			r = (struct fpv_regs){ F_H + 0x10, h_fp, h_fp, 0, 1 };
			CHECK_EQ(walk(&r, fr, &t), moved[i] ? FPV_E_SIGFRAME_BAD : 0);
			if (!moved[i]) {
				CHECK_EQ(t.nr, 6);
				CHECK_EQ(fr[2].sp, c.g_sp);
			}
		}
	}
	CHECK_EQ(oob_reads, 0);
}

static void test_loop_and_bounds(void)
{
	struct fpv_frame fr[32];
	struct fpv_trace t;
	struct chain c;
	struct fpv_regs r;

	for (int mode = 0; mode < 2; mode++) {
		reset((enum fpv_mode)mode);
		c = build_chain();
		/* R's record points back to G's */
		put(c.r_fp, c.g_fp);
		r = (struct fpv_regs){ F_L, c.g_sp, c.g_fp, F_G + 0x24, 1 };
		CHECK(walk(&r, fr, &t) < 0);
		/* frame pointer off the stack */
		reset((enum fpv_mode)mode);
		c = build_chain();
		put(c.g_fp, STK_HI + 0x1000);
		CHECK(walk(&r, fr, &t) < 0);
		r.sp = STK_HI + 64;
		CHECK_EQ(walk(&r, fr, &t), FPV_E_OUT_OF_STACK);
		r.sp = c.g_sp + 8;
		CHECK_EQ(walk(&r, fr, &t), FPV_E_MISALIGNED);
		CHECK_EQ(oob_reads, 0);
	}
	reset(FPV_MODE_FP);
	cfg.max_frames = 2;
	c = build_chain();
	r = (struct fpv_regs){ F_L, c.g_sp, c.g_fp, F_G + 0x24, 1 };
	CHECK_EQ(walk(&r, fr, &t), FPV_E_TOO_DEEP);
}

static void test_end_of_stack(void)
{
	struct fpv_frame fr[32];
	struct fpv_trace t;
	struct chain c;
	struct fpv_regs r;

	reset(FPV_MODE_FP);
	c = build_chain();
	tab_e[0] = mk(0, 0, 0, 0, 0, 0, ORC_TYPE_END_OF_STACK, 0);
	cfg.nr_entries = 0;
	r = (struct fpv_regs){ F_L, c.g_sp, c.g_fp, F_G + 0x24, 1 };
	CHECK_EQ(walk(&r, fr, &t), 0);
	CHECK_EQ(t.nr, 4);
	/* starting from a call frame (interrupted == 0): pc - 4 lookup */
	r = (struct fpv_regs){ F_G + 0x24, c.g_sp, c.g_fp, 0, 0 };
	CHECK_EQ(walk(&r, fr, &t), 0);
	CHECK_EQ(t.nr, 3);
	/*
	 * A return address into the stub found in G's record (R's frame
	 * skipped): the record ends the stack, but x29 there is R's frame
	 * record, not the terminating 0.
	 */
	/* the final frame's SP, where the caller knows it (fpv_config.final_sp) */
	r = (struct fpv_regs){ F_L, c.g_sp, c.g_fp, F_G + 0x24, 1 };
	CHECK_EQ(walk(&r, fr, &t), 0);
	cfg.final_sp = fr[t.nr - 1].sp;
	CHECK_EQ(walk(&r, fr, &t), 0);
	cfg.final_sp += 16;
	CHECK_EQ(walk(&r, fr, &t), FPV_E_END_MISMATCH);
	cfg.final_sp = ALT_LO + 64;		/* another stack's: not this walk's end */
	CHECK_EQ(walk(&r, fr, &t), 0);
	cfg.final_sp = fr[t.nr - 1].sp + 16;
	cfg.nr_entries = 1;			/* the same at an entry's x29 == 0 */
	tab_e[0] = UNDEF();
	CHECK_EQ(walk(&r, fr, &t), FPV_E_END_MISMATCH);
	cfg.final_sp -= 16;
	CHECK_EQ(walk(&r, fr, &t), 0);
	cfg.final_sp = 0;
	cfg.nr_entries = 0;
	tab_e[0] = mk(0, 0, 0, 0, 0, 0, ORC_TYPE_END_OF_STACK, 0);
	put(c.g_fp + 8, F_STUB + 8);
	CHECK_EQ(walk(&r, fr, &t), FPV_E_END_MISMATCH);
	CHECK_EQ(t.fail_frame, 2);
	CHECK_EQ(fr[2].pc, F_STUB + 8);
	CHECK_STR(fpv_reason_name(FPV_E_END_MISMATCH), "END_MISMATCH");
	CHECK_STR(fpv_strerror(FPV_E_FP_MISMATCH),
		  "frame pointer differs from the one the ORC record predicts");
	CHECK_STR(fpv_reason_name(FPV_E_SIGNAL_UNPROVEN), "SIGNAL_UNPROVEN");
	CHECK_STR(fpv_strerror(1), "unknown reason");
	CHECK_STR(fpv_strerror(-FPV_R_NR), "unknown reason");
	CHECK_STR(fpv_reason_name(-FPV_R_NR), "UNKNOWN");
	/* every code in the enum has its own text and name */
	for (int i = 0; i < FPV_R_NR; i++) {
		CHECK(strcmp(fpv_strerror(-i), "unknown reason") != 0);
		CHECK(strcmp(fpv_reason_name(-i), "UNKNOWN") != 0);
		for (int j = 0; j < i; j++)
			CHECK(strcmp(fpv_reason_name(-i), fpv_reason_name(-j)) != 0);
	}
}

/* The lookup cache: same walks, and a torn slot is a miss, not a wrong record. */
static void test_cache(void)
{
	static struct fpv_cache cache;
	struct fpv_frame fr[32];
	struct fpv_trace t;
	struct chain c;
	struct fpv_regs r;

	reset(FPV_MODE_FP);
	cfg.cache = &cache;
	c = build_chain();
	r = (struct fpv_regs){ F_L, c.g_sp, c.g_fp, F_G + 0x24, 1 };
	for (int i = 0; i < 3; i++) {
		CHECK_EQ(walk(&r, fr, &t), 0);
		CHECK_EQ(t.nr, 4);
	}
	/* tear every slot: a different entry under the same tag */
	for (unsigned i = 0; i < FPV_CACHE_SLOTS; i++)
		if (cache.slot[i].pc)
			cache.slot[i].entry ^= 0x10000;
	CHECK_EQ(walk(&r, fr, &t), 0);
	CHECK_EQ(fr[2].pc, F_R + 0x14);
	/* a slot claiming another pc's record is ignored too */
	for (unsigned i = 0; i < FPV_CACHE_SLOTS; i++)
		if (cache.slot[i].pc)
			cache.slot[i].pc += 4 * FPV_CACHE_SLOTS;
	CHECK_EQ(walk(&r, fr, &t), 0);
	/* direct reads give the same walk as the accessor */
	cfg.flags = FPV_CFG_DIRECT_READ;
	cfg.read = 0;
	cfg.read_insn = 0;
	cfg.nr_stacks = 0;
	CHECK_EQ(walk(&r, fr, &t), FPV_E_OUT_OF_STACK);	/* fake addresses: no stack */
}

/* xorshift64*: deterministic */
static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dull;
}

/* A word that is sometimes a plausible stack or text address. */
static uint64_t plausible(void)
{
	switch (rnd() % 6) {
	case 0: return STK_LO + (rnd() % (STK_N * 8 + 64)) - 32;
	case 1: return (STK_LO + (rnd() % (STK_N * 8))) & ~15ull;
	case 2: return TEXT + (rnd() % 0x900) * 4 / 4;
	case 3: return ALT_LO + (rnd() % (STK_N * 8));
	case 4: return 0;
	default: return rnd();
	}
}

static void test_fuzz_random(void)
{
	struct fpv_frame fr[32];
	struct fpv_trace t;
	struct fpv_regs r;
	unsigned iters = 20000, reliable = 0;

	for (unsigned it = 0; it < iters; it++) {
		reset((enum fpv_mode)(it & 1));
		for (unsigned i = 0; i < tab_nr; i++)
			if (rnd() % 4 == 0)
				tab_e[i] = (struct orc_entry){ (orc_s16)rnd(), (orc_s16)rnd(),
							       (orc_s16)rnd(), (orc_u16)rnd() };
		for (unsigned i = 0; i < 256; i++) {
			stk[STK_N - 1 - rnd() % 256] = plausible();
			alt[STK_N - 1 - rnd() % 1024] = plausible();
		}
		r = (struct fpv_regs){ plausible(), plausible(), plausible(), plausible(), (int)(rnd() & 1) };
		if (walk(&r, fr, &t) == 0)
			reliable++;
		if (oob_reads)
			break;
	}
	CHECK_EQ(oob_reads, 0);
	printf("  random stacks: %u walks, %u reliable\n", iters, reliable);
}

/*
 * Mutate one word of a good stack (the signal case, which touches both
 * stacks): the walk may stay reliable only with the same functions.
 */
static void test_fuzz_mutate(void)
{
	struct fpv_frame fr[32], good[32];
	struct fpv_trace t, tg;
	struct fpv_regs r;
	struct chain c;
	uint64_t h_fp;
	unsigned iters = 40000, bad = 0, reliable = 0;

	reset(FPV_MODE_FP);
	build_signal(&c, F_L, &h_fp);
	r = (struct fpv_regs){ F_H + 0x10, h_fp, h_fp, 0, 1 };
	CHECK_EQ(walk(&r, good, &tg), 0);
	for (unsigned it = 0; it < iters; it++) {
		reset((enum fpv_mode)(it & 1));
		build_signal(&c, F_L, &h_fp);
		uint64_t *w = (rnd() & 1) ? &stk[STK_N - 1 - rnd() % 16]
					  : &alt[(0x1e00 - 0x100) / 8 + rnd() % 0x300];
		/* the interrupted pc itself is the ground truth of a signal frame:
		 * any pc with the same frame state is indistinguishable */
		if (w == &alt[(ALT_HI - 0x2000 + 304 + 264 - ALT_LO) / 8])
			continue;
		uint64_t old = *w;
		*w = (rnd() & 1) ? plausible() : *w ^ (1ull << (rnd() % 64));
		if (walk(&r, fr, &t) != 0)
			continue;
		reliable++;
		unsigned wrong = t.nr != tg.nr;
		for (unsigned i = 0; !wrong && i < t.nr; i++)
			if ((fr[i].pc & ~0xffull) != (good[i].pc & ~0xffull))
				wrong = 1;
		if (wrong && bad++ < 5) {
			printf("  wrong: mode %u word %s+%#llx %#llx -> %#llx:", it & 1,
			       w >= alt && w < alt + STK_N ? "alt" : "stk",
			       (unsigned long long)(w >= alt && w < alt + STK_N ? (w - alt) * 8 : (w - stk) * 8),
			       (unsigned long long)old, (unsigned long long)*w);
			for (unsigned i = 0; i < t.nr; i++)
				printf(" %#llx", (unsigned long long)fr[i].pc);
			printf("\n");
		}
	}
	CHECK_EQ(oob_reads, 0);
	CHECK_EQ(bad, 0);
	printf("  mutated stacks: %u walks, %u still reliable, %u wrong\n", iters, reliable, bad);
}

/*
 * stub -> R -> D x depth -> G, interrupted in L: R's frame record is
 * x29-based, D's and G's SP-based (the call-frame cache's fast loop); R's
 * CFA at r_cfa.  Returns the interrupted registers.
 */
static struct fpv_regs build_deep(unsigned depth, uint64_t r_cfa)
{
	uint64_t r_fp = r_cfa - 32, cfa = r_fp, fp = r_fp, ra = F_R + 0x14;

	put(r_fp, 0);
	put(r_fp + 8, F_STUB + 8);
	for (unsigned i = 0; i < depth; i++) {
		put(cfa - 32, fp);
		put(cfa - 24, ra);
		fp = cfa - 32;
		cfa = fp;
		ra = F_D + 0x14;
	}
	put(cfa - 16, fp);
	put(cfa - 8, ra);
	return (struct fpv_regs){ F_L, cfa - 48, cfa - 16, F_G + 0x24, 1 };
}

static bool same_walk(const struct fpv_frame *a, const struct fpv_trace *ta,
		      const struct fpv_frame *b, const struct fpv_trace *tb)
{
	if (ta->verdict != tb->verdict || ta->nr != tb->nr || ta->total != tb->total ||
	    ta->fail_frame != tb->fail_frame)
		return false;
	for (unsigned i = 0; i < ta->nr; i++)
		if (a[i].pc != b[i].pc || a[i].sp != b[i].sp || a[i].cfa != b[i].cfa ||
		    a[i].fp != b[i].fp || a[i].source != b[i].source || a[i].flags != b[i].flags)
			return false;
	return true;
}

/*
 * The fast loop (call-frame cache hits) gives exactly the walk of the full
 * per-frame path: on the deep stack, and on every mutation of it (random,
 * bit flip, another word of the same stack), in both modes and with frame
 * limits that end the walk inside the loop.
 */
static void test_fast_equals_slow(void)
{
	static struct fpv_cache cache;
	struct fpv_frame fr[32], slow[32];
	struct fpv_trace t, ts;
	struct fpv_regs r;
	struct fpv_stack tight[2];
	uint64_t r_cfa;
	unsigned iters = 40000, differ = 0, hits = 0, reliable = 0, finals = 0;

	for (unsigned it = 0; it < iters; it++) {
		enum fpv_mode mode = (enum fpv_mode)(it & 1);
		unsigned depth = 1 + (unsigned)(rnd() % 20), max = it % 7 == 0 ? 1 + rnd() % 24 : 32;
		/* every other pair: R's record SP-based too, so the loop reaches the stub */
		bool r_sp = it & 2;

		reset(mode);
		/* D's call at D+0x10 is indirect: G or D direct-only makes it wrong */
		build_funcs_flags(it % 4 == 3 ? F_D : 0,
				  (uint64_t[]){ 0, F_G, F_D, F_L }[(it >> 4) & 3]);
		if (r_sp)
			tab_e[3] = CALL(SP, 32, SAVED, -32, SAVED, -24, FRAME);	/* R + 8 */
		/* and every other such quad, the stub calls R directly (bl R) */
		stub_calls = it & 4 ? F_R : 0;
		if ((it & 1) == 0)
			memset(&cache, 0, sizeof(cache));	/* the tables changed */
		if (it == 0)
			CHECK_EQ(cache.call[0].tag, 0);
		/* R's CFA 64 or 16 bytes below the stack's top: at 16 a D frame
		 * put where the stub's is has its CFA above the stack */
		r_cfa = STK_HI - (it & 8 ? 16 : 64);
		r = build_deep(depth, r_cfa);
		if (it == 0) {
			CHECK_EQ(walk(&r, fr, &t), 0);
			CHECK_EQ(t.nr, depth + 4);
		}
		cfg.max_frames = it % 5 == 0 ? (unsigned)(2 + rnd() % 24) : 0;
		/* the final frame's SP (the stub's, R's CFA): unknown, right or wrong */
		cfg.final_sp = (uint64_t[]){ 0, r_cfa, r_cfa + 16 }[rnd() % 3];
		/* now and then a stack that ends below R's CFA (OUT_OF_STACK there) */
		tight[0] = stacks[0];
		tight[1] = stacks[1];
		if (rnd() % 4 == 0)
			tight[0].hi = r_cfa - 16;
		cfg.stacks = tight;
		if (it % 3) {
			uint64_t *w = &stk[STK_N - 1 - rnd() % (4 * depth + 16)];

			switch (rnd() % 3) {
			case 0: *w = plausible(); break;
			case 1: *w ^= 1ull << (rnd() % 64); break;
			default: *w = stk[STK_N - 1 - rnd() % (4 * depth + 16)]; break;
			}
		}
		fpv_unwind(&cfg, 0, &r, slow, max, &ts);
		cfg.cache = &cache;
		for (int pass = 0; pass < 2; pass++) {
			fpv_unwind(&cfg, 0, &r, fr, max, &t);
			if (!same_walk(fr, &t, slow, &ts) && differ++ < 5) {
				printf("  differ: mode %u depth %u max %u limit %u: verdict %d/%d nr %u/%u total %u/%u fail %u/%u\n",
				       mode, depth, max, cfg.max_frames, t.verdict, ts.verdict, t.nr, ts.nr,
				       t.total, ts.total, t.fail_frame, ts.fail_frame);
				for (unsigned i = 0; i < t.nr && i < ts.nr; i++)
					printf("    %#llx/%#llx sp %#llx/%#llx cfa %#llx/%#llx fp %#llx/%#llx src %u/%u fl %u/%u\n",
					       (unsigned long long)fr[i].pc, (unsigned long long)slow[i].pc,
					       (unsigned long long)fr[i].sp, (unsigned long long)slow[i].sp,
					       (unsigned long long)fr[i].cfa, (unsigned long long)slow[i].cfa,
					       (unsigned long long)fr[i].fp, (unsigned long long)slow[i].fp,
					       fr[i].source, slow[i].source, fr[i].flags, slow[i].flags);
			}
		}
		if (ts.verdict == 0)
			reliable++;
		for (unsigned i = 0; i < FPV_CACHE_SLOTS; i++) {
			hits += cache.call[i].tag != 0;
			finals += cache.call[i].tag && !cache.call[i].frame;
		}
	}
	CHECK_EQ(differ, 0);
	CHECK(hits > 0);
	CHECK(finals > 0);
	CHECK_EQ(oob_reads, 0);
	printf("  fast loop: %u walks equal to the full path (%u reliable, %u final-frame slots seen)\n",
	       iters, reliable, finals);
}

/*
 * The indirect-call check (ORC_FUNC_DIRECT_ONLY): stub -> R -> D x 3 -> G,
 * interrupted in L.  D's call at D+0x10 is "blr x1": the frame below each
 * D frame (another D, then G) must be in a function an indirect call
 * reaches.  G direct-only: the deepest D frame's call cannot reach G's frame
 * (CALL_MISMATCH there); D direct-only: the D frames above the first; R
 * direct-only: the stub's "blr x1" cannot reach it; L direct-only: nothing
 * (G calls it with "bl L").  The full path and the cached one (later walks)
 * say so.
 */
static void test_indirect_target(void)
{
	static struct fpv_cache cache;
	struct fpv_frame fr[32];
	struct fpv_trace t;
	struct fpv_regs r;
	static const struct { uint64_t direct_only; int verdict; unsigned fail; } c[] = {
		{ 0, 0, 0 }, { F_L, 0, 0 }, { F_G, FPV_E_CALL_MISMATCH, 2 },
		{ F_D, FPV_E_CALL_MISMATCH, 3 }, { F_R, FPV_E_CALL_MISMATCH, 6 },
	};

	for (int mode = 0; mode < 2; mode++)
		for (unsigned i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
			reset((enum fpv_mode)mode);
			build_funcs_flags(0, c[i].direct_only);
			r = build_deep(3, STK_HI - 64);
			memset(&cache, 0, sizeof(cache));
			for (int pass = 0; pass < 3; pass++) {
				cfg.cache = pass ? &cache : 0;
				CHECK_EQ(walk(&r, fr, &t), c[i].verdict);
				if (c[i].verdict)
					CHECK_EQ(t.fail_frame, c[i].fail);
				else
					CHECK_EQ(t.nr, 3 + 4);
			}
		}
	CHECK_STR(fpv_strerror(FPV_E_CALL_MISMATCH),
		  "return address follows a call that cannot reach the frame below");
}

/*
 * The call-target check (.fpv_funcs): stub -> R -> D x 3 -> G -> L.  R's
 * call at R+0x10 is "bl D".  G's return address replaced by R's, the frame
 * record left as is: the walk skips the D frames, and without the function
 * table every remaining check passes (R's record is x29-based); with it, R's
 * call targets D but the frame below is G's.  With D marked ANY_CALLEE (it
 * may tail-call, so its callee's frame may be any function's) the check
 * cannot tell and the walk goes on.
 */
static void test_call_target(void)
{
	struct fpv_frame fr[32];
	struct fpv_trace t;
	struct fpv_regs r;
	uint64_t g_cfa;

	for (int mode = 0; mode < 2; mode++) {
		reset((enum fpv_mode)mode);
		build_funcs(0);
		r = build_deep(3, STK_HI - 64);
		CHECK_EQ(walk(&r, fr, &t), 0);		/* genuine: every call checked */
		CHECK_EQ(t.nr, 3 + 4);
		g_cfa = r.sp + 48;
		put(g_cfa - 8, F_R + 0x14);
		CHECK_EQ(walk(&r, fr, &t), FPV_E_CALL_MISMATCH);
		CHECK_EQ(t.fail_frame, 2);
		module.funcs = 0;
		/* without the table: "reliable", with R where the first D was */
		CHECK_EQ(walk(&r, fr, &t), 0);
		CHECK_EQ(fr[2].pc, F_R + 0x14);
		CHECK_EQ(fr[3].pc, F_D + 0x14);
		build_funcs(F_R);			/* R's own exits: no difference */
		CHECK_EQ(walk(&r, fr, &t), FPV_E_CALL_MISMATCH);
		build_funcs(F_D);			/* D may tail-call: cannot tell */
		CHECK_EQ(walk(&r, fr, &t), 0);
	}
	/* the block index gives the same answers as the whole-table search */
	{
		static orc_u32 idx[64];
		struct orc_funcs plain;
		unsigned same = 0, n = 0;

		build_funcs(F_D);
		plain = funcs;
		CHECK_EQ(orc_funcs_index_build(&funcs, idx, 1, TEXT, TEXT_END), -ORC_E_NOSPACE);
		CHECK_EQ(orc_funcs_index_build(&funcs, idx, 64, TEXT, TEXT_END), 0);
		for (uint64_t a = TEXT - 8; a < TEXT_END + 0x200; a += 4, n++) {
			uint64_t o1 = 0, o2 = 0;
			uint32_t f1 = 0, f2 = 0;
			int r1 = orc_funcs_owner(&plain, a, &o1, &f1);
			int r2 = orc_funcs_owner(&funcs, a, &o2, &f2);

			same += r1 == r2 && o1 == o2 && f1 == f2;
		}
		CHECK_EQ(same, n);
		CHECK(orc_funcs_owner(&funcs, F_D + 8, &g_cfa, &(uint32_t){ 0 }) == 0 && g_cfa == F_D);
		CHECK(orc_funcs_owner(&funcs, TEXT - 4, &g_cfa, &(uint32_t){ 0 }) == -ORC_E_RANGE);
	}
	/* the reader refuses what it cannot trust */
	build_funcs(0);
	funcs_blob.f[3].start = funcs_blob.f[2].start;
	CHECK_EQ(orc_funcs_open(&funcs, &funcs_blob, sizeof(funcs_blob), 0), -ORC_E_UNSORTED);
	build_funcs(0);
	funcs_blob.f[3].owner = 8;			/* not a function start */
	CHECK_EQ(orc_funcs_open(&funcs, &funcs_blob, sizeof(funcs_blob), 0), -ORC_E_CORRUPT);
	build_funcs(0);
	funcs_blob.f[3].owner |= ORC_FUNC_DIRECT_ONLY;	/* version 2's flag */
	CHECK_EQ(orc_funcs_open(&funcs, &funcs_blob, sizeof(funcs_blob), 0), 0);
	funcs_blob.h.version = 1;			/* reserved there */
	CHECK_EQ(orc_funcs_open(&funcs, &funcs_blob, sizeof(funcs_blob), 0), -ORC_E_CORRUPT);
	funcs_blob.f[3].owner &= ~ORC_FUNC_DIRECT_ONLY;
	CHECK_EQ(orc_funcs_open(&funcs, &funcs_blob, sizeof(funcs_blob), 0), 0);
	build_funcs(0);
	CHECK_EQ(orc_funcs_open(&funcs, &funcs_blob, sizeof(funcs_blob) - 1, 0), -ORC_E_SHORT);
	funcs_blob.h.version = 3;
	CHECK_EQ(orc_funcs_open(&funcs, &funcs_blob, sizeof(funcs_blob), 0), -ORC_E_VERSION);
	CHECK_STR(fpv_reason_name(FPV_E_CALL_MISMATCH), "CALL_MISMATCH");
}

int main(void)
{
	TEST_PROG("test_unwind");
	TEST_BEGIN("leaf entry, frame-pointer mode");
	test_leaf_entry(FPV_MODE_FP);
	TEST_END();
	TEST_BEGIN("leaf entry, ORC mode");
	test_leaf_entry(FPV_MODE_ORC);
	TEST_END();
	TEST_BEGIN("interrupted prologue");
	test_prologue();
	TEST_END();
	TEST_BEGIN("frame pointer mismatch");
	test_fp_mismatch();
	TEST_END();
	TEST_BEGIN("no ORC, outside text, no final frame");
	test_no_orc();
	TEST_END();
	TEST_BEGIN("a module without tables gives its own reason");
	test_no_table_reason();
	TEST_END();
	TEST_BEGIN("function without frame pointer");
	test_no_frame_pointer();
	TEST_END();
	TEST_BEGIN("PAC stripping and trampolines");
	test_pac_and_trampoline();
	TEST_END();
	TEST_BEGIN("signal frames on an alternate and on the interrupted stack");
	test_signal_frame();
	TEST_END();
	TEST_BEGIN("loops and bounds");
	test_loop_and_bounds();
	TEST_END();
	TEST_BEGIN("END_OF_STACK and call-frame start");
	test_end_of_stack();
	TEST_END();
	TEST_BEGIN("lookup cache");
	test_cache();
	TEST_END();
	TEST_BEGIN("fuzz: random stacks and tables");
	test_fuzz_random();
	TEST_END();
	TEST_BEGIN("fuzz: mutated stacks");
	test_fuzz_mutate();
	TEST_END();
	TEST_BEGIN("direct calls target the callee's function (.fpv_funcs)");
	test_call_target();
	TEST_END();
	TEST_BEGIN("indirect calls do not reach direct-only functions (.fpv_funcs)");
	test_indirect_target();
	TEST_END();
	TEST_BEGIN("fast loop equals the full path");
	test_fast_equals_slow();
	TEST_END();
	return test_exit();
}
