// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The ground-truth runtime linked into every generated test program: a
 * timer_create(CLOCK_MONOTONIC) sampling signal lands on arbitrary
 * instructions (qemu-aarch64 -singlestep), and the handler unwinds the
 * interrupted context with libfpv (frame-pointer mode, and ORC mode), with a
 * plain frame-pointer walk that trusts x29, and with libgcc's
 * _Unwind_Backtrace, then compares every trace its unwinder calls complete
 * with the shadow call stack (gt.h).  A second timer runs a generated signal
 * handler on the alternate stack, so samples also land in nested handlers.
 * With GT_MUTATE=1 each sample is also unwound once more with one stack word
 * mutated (a word the clean walk read, or a nearby one).  The program prints
 * one line of counts ("GT ...") for tests/runtime/reliability.sh to sum.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>
#include <unwind.h>

#include <fpv/unwind.h>

#include "gt.h"

volatile struct gt_entry gt_shadow[GT_MAX];
volatile int gt_depth;

#define MAXF 256
#define ID_OTHER (-1)

struct range { uint64_t lo, hi; int id; };
static struct range *ranges;
static unsigned nr_ranges;
static int sig_id = -2;
static uint64_t sigret_pc, entry_lo, entry_hi;
static unsigned long target;
volatile int gt_stopping;
#define stopping gt_stopping
static int mutate;
static unsigned long getenv_debug;
static int use_libgcc = 1;
static const char *const *gt_names;

/* What the program is doing, for the hang report (report_hang()). */
enum phase { PH_MAIN, PH_FPV_FP, PH_FPV_ORC, PH_NAIVE, PH_LIBGCC, PH_MUTATED, PH_TEST, PH_NR };
static const char *const phase_name[PH_NR] = {
	"the program outside the sampler", "fpv (frame-pointer mode)", "fpv (ORC mode)",
	"the naive frame-pointer walk", "libgcc's _Unwind_Backtrace", "fpv on a mutated stack",
	"the spin GT_TEST_HANG asked for",
};
/* GT_TEST_HANG=N: the sampler spins at sample N (tests/runtime/run.sh) */
static unsigned long test_hang;
static volatile sig_atomic_t phase;
static const ucontext_t *volatile sampled;	/* the sample being unwound */
static void say(char *buf, size_t size, size_t *len, const char *fmt, ...)
	__attribute__((__format__(__printf__, 4, 5)));
static void say_where(char *buf, size_t size, size_t *len, uint64_t pc);
static void put(const char *buf, size_t len);

static struct {
	unsigned long samples, top_other;
	unsigned long rel[4], fal[4];	/* fpv-fp, fpv-orc, naive fp, libgcc */
	unsigned long mut, mut_rel, mut_fal;
	unsigned long swap, swap_rel, swap_fal;	/* a word replaced by another stack word */
	unsigned long reason[FPV_R_NR];
} S;

static int cmp_range(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* Function ranges of the generated functions from our own symbol table. */
static void load_ranges(const char *const *names, unsigned n, uint64_t bias)
{
	int fd = open("/proc/self/exe", O_RDONLY);
	struct stat st;
	const unsigned char *m;
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh;

	if (fd < 0 || fstat(fd, &st))
		abort();
	m = mmap(0, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (m == MAP_FAILED)
		abort();
	eh = (const Elf64_Ehdr *)m;
	sh = (const Elf64_Shdr *)(m + eh->e_shoff);
	ranges = calloc(n + 1, sizeof(*ranges));
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		const Elf64_Sym *sym = (const Elf64_Sym *)(m + sh[i].sh_offset);
		const char *str = (const char *)m + sh[sh[i].sh_link].sh_offset;

		if (sh[i].sh_type != SHT_SYMTAB)
			continue;
		for (size_t k = 0; k < sh[i].sh_size / sizeof(*sym); k++) {
			if (ELF64_ST_TYPE(sym[k].st_info) != STT_FUNC || !sym[k].st_size)
				continue;
			for (unsigned id = 0; id < n; id++)
				if (!strcmp(str + sym[k].st_name, names[id])) {
					ranges[nr_ranges].lo = sym[k].st_value + bias;
					ranges[nr_ranges].hi = sym[k].st_value + bias + sym[k].st_size;
					ranges[nr_ranges++].id = (int)id;
				}
		}
	}
	qsort(ranges, nr_ranges, sizeof(*ranges), cmp_range);
	munmap((void *)m, (size_t)st.st_size);
	close(fd);
}

static int id_of(uint64_t pc)
{
	unsigned lo = 0, hi = nr_ranges;

	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;

		if (pc < ranges[mid].lo)
			hi = mid;
		else if (pc >= ranges[mid].hi)
			lo = mid + 1;
		else
			return ranges[mid].id;
	}
	return ID_OTHER;
}

/* ---------------------------------------------------------------- matcher */

struct uf { uint64_t pc, sp; int id, sigret, has_sp; };

struct seg {
	const struct uf *f;
	unsigned n;
	const volatile struct gt_entry *e[GT_MAX / 4];
	unsigned m;
	int bottom, has_sp;
	uint64_t sp, ret_pc;
};

/*
 * Mutated stacks are judged by function identity: a return address moved to
 * another call site of the same function names the same frames (the unit
 * test's criterion).  Outside generated code "same function" is
 * approximated by a distance under 256 bytes.
 */
static int fn_level;

static int same_function(uint64_t a, uint64_t b)
{
	int ia = id_of(a - 1), ib = id_of(b - 1);

	if (ia != ID_OTHER || ib != ID_OTHER)
		return ia == ib;
	return (a > b ? a - b : b - a) < 256;
}

/* match_from() results per (frame, entry) of the current segment: 0 unknown, 1 no, 2 yes */
static unsigned char memo[MAXF + 1][GT_MAX / 4 + 1];

static int match_from_1(const struct seg *s, unsigned i, unsigned j, int depth);

static int match_from(const struct seg *s, unsigned i, unsigned j, int depth)
{
	if (i > MAXF)
		return 0;
	if (!memo[i][j])
		memo[i][j] = (unsigned char)(1 + match_from_1(s, i, j, depth));
	return memo[i][j] - 1;
}

static int match_from_1(const struct seg *s, unsigned i, unsigned j, int depth)
{
	const volatile struct gt_entry *e;
	uint64_t next;

	if (j == s->m) {
		if (!s->bottom)
			return i == s->n;
		if (i >= s->n)
			return 0;
		for (; i < s->n; i++)
			if (s->f[i].id != ID_OTHER)
				return 0;
		return 1;
	}
	e = s->e[j];
	if ((e->flags & GT_OPTIONAL) && match_from(s, i, j + 1, depth + 1))
		return 1;
	if (i >= s->n || s->f[i].id != (int)e->id)
		return 0;
	if (i + 1 < s->n)
		next = s->f[i + 1].pc;
	else if (!s->bottom)
		next = s->ret_pc;
	else
		return 0;
	if (next != e->ra && !(fn_level && same_function(next, e->ra)))
		return 0;
	return match_from(s, i + 1, j + 1, depth);
}

/* H1/H2 at the top of a segment (see gt.h). */
static int callee_above(const struct seg *s, unsigned k, int id)
{
	for (unsigned i = 0; i <= k; i++)
		if ((int)s->e[i]->callee == id)
			return 1;
	return 0;
}

static int match_seg(const struct seg *s)
{
	for (unsigned i = 0; i <= s->n && i <= MAXF; i++)
		memset(memo[i], 0, s->m + 1);
	if (s->m == 0)
		return !s->bottom && s->n == 1;
	for (unsigned k = 0; k < s->m; k++) {
		const volatile struct gt_entry *e = s->e[k];
		int h1 = !e->in_call || !s->has_sp || s->sp >= e->call_sp;
		int h2 = e->in_call && (!s->has_sp || s->sp <= e->call_sp);

		if (h1 && match_from(s, 0, k, 0))
			return 1;
		if (h2 && e->callee == GT_OTHER) {
			for (unsigned i = 1; i <= s->n && s->f[i - 1].id == ID_OTHER; i++)
				if (match_from(s, i, k, 0))
					return 1;
		} else if (h2 && s->n && s->f[0].id != ID_OTHER && callee_above(s, k, s->f[0].id) &&
			   match_from(s, 1, k, 0)) {
			return 1;
		}
		if (!(e->flags & GT_OPTIONAL))
			break;
	}
	return 0;
}

static struct seg segs[2][8];

/* 1 when the unwound frames agree with the shadow stack. */
static int check(const struct uf *f, unsigned n)
{
	unsigned nu = 0, ns = 0, start = 0;
	int d = gt_depth - 1;

	/* unwinder segments, split at sigreturn frames */
	for (unsigned i = 0; i <= n; i++) {
		if (i < n && !f[i].sigret)
			continue;
		if (nu == 8)
			return 0;
		segs[0][nu].f = f + start;
		segs[0][nu].n = i - start;
		segs[0][nu].ret_pc = i < n ? f[i].pc : 0;
		segs[0][nu].has_sp = start < n && f[start].has_sp;
		segs[0][nu].sp = start < n ? f[start].sp : 0;
		nu++;
		start = i + 1;
	}
	/* shadow segments, split at markers */
	while (1) {
		struct seg *s = &segs[1][ns];

		if (ns == 8)
			return 0;
		s->m = 0;
		while (d >= 0 && !(gt_shadow[d].flags & GT_MARK) && s->m < GT_MAX / 4)
			s->e[s->m++] = &gt_shadow[d--];
		ns++;
		if (d < 0)
			break;
		d = (int)gt_shadow[d].callee - 1;
	}
	/* a handler in its prologue, before it wrote its marker, or already
	 * returned into the sigreturn trampoline (an empty segment) */
	if (nu == ns + 1) {
		if (segs[0][0].n != 0 && (segs[0][0].n != 1 || segs[0][0].f[0].id != sig_id))
			return 0;
		memmove(&segs[0][0], &segs[0][1], sizeof(segs[0][0]) * (nu - 1));
		nu--;
	}
	if (nu != ns)
		return 0;
	for (unsigned k = 0; k < nu; k++) {
		struct seg *s = &segs[1][k];

		s->f = segs[0][k].f;
		s->n = segs[0][k].n;
		s->ret_pc = segs[0][k].ret_pc;
		s->has_sp = segs[0][k].has_sp;
		s->sp = segs[0][k].sp;
		s->bottom = k == nu - 1;
		if (!match_seg(s))
			return 0;
	}
	return 1;
}

/* ------------------------------------------------------------- unwinders */

static struct uf uf[MAXF];
static struct fpv_frame fr[MAXF];

static unsigned from_fpv(const struct fpv_frame *f, unsigned n)
{
	for (unsigned i = 0; i < n && i < MAXF; i++) {
		int exact = f[i].flags & FPV_FRAME_INTERRUPTED;

		uf[i].pc = f[i].pc;
		uf[i].sp = f[i].sp;
		uf[i].has_sp = exact;
		uf[i].sigret = !!(f[i].flags & FPV_FRAME_SIGRETURN);
		uf[i].id = uf[i].sigret ? ID_OTHER : id_of(exact ? f[i].pc : f[i].pc - 1);
	}
	return n < MAXF ? n : MAXF;
}

static void dump(const char *who, unsigned n)
{
	static int dumped[8];
	int k = who[1] == 's' ? 5 : who[0] == 'm' ? 4 : who[0] == 'n' ? 2 : who[0] == 'l' ? 3 : who[4] == 'o';

	if (dumped[k]++ >= 3)
		return;
	fprintf(stderr, "gt: false reliable (%s):", who);
	for (unsigned i = 0; i < n; i++)
		fprintf(stderr, " %#lx/%d%s", (unsigned long)uf[i].pc, uf[i].id, uf[i].sigret ? "S" : "");
	fprintf(stderr, "\n  shadow:");
	for (int d = gt_depth - 1; d >= 0; d--)
		fprintf(stderr, " %u%s%s/%#lx", gt_shadow[d].id,
			gt_shadow[d].flags & GT_MARK ? "M" : "", gt_shadow[d].in_call ? "c" : "",
			(unsigned long)gt_shadow[d].ra);
	fprintf(stderr, "\n");
}

static void run_fpv(const ucontext_t *uc, enum fpv_mode mode, int k)
{
	struct fpv_opts o = { mode, 0, 0 };
	struct fpv_trace t;
	unsigned n;

	fpv_unwind_ucontext(uc, &o, fr, MAXF, &t);
	if (k == 0 && t.verdict)
		S.reason[-t.verdict]++;
	if (getenv_debug && k == 0 && S.samples % getenv_debug == 0) {
		fprintf(stderr, "sample %lu verdict %d depth %d:", S.samples, t.verdict, gt_depth);
		for (unsigned i = 0; i < t.nr; i++)
			fprintf(stderr, " %#lx/%d%s", (unsigned long)fr[i].pc, id_of(fr[i].pc),
				fr[i].flags & FPV_FRAME_SIGRETURN ? "S" : "");
		fprintf(stderr, "\n");
	}
	if (t.verdict || t.total > MAXF)
		return;
	S.rel[k]++;
	n = from_fpv(fr, t.nr);
	if (!check(uf, n)) {
		S.fal[k]++;
		dump(k ? "fpv-orc" : "fpv-fp", n);
	}
}

/* What an unvalidated frame-pointer walk reports (x29 chain, x30 ignored). */
static void run_naive(const ucontext_t *uc)
{
	struct fpv_config cfg;
	struct fpv_stack st[2];
	uint64_t fp = uc->uc_mcontext.regs[29], pc = uc->uc_mcontext.pc;
	unsigned n = 0;

	fpv_default_config(&cfg, st, uc->uc_mcontext.sp, 0);
	uf[n++] = (struct uf){ pc, uc->uc_mcontext.sp, id_of(pc), 0, 1 };
	while (fp && n < MAXF) {
		unsigned s;

		for (s = 0; s < cfg.nr_stacks; s++)
			if (fp >= cfg.stacks[s].lo && fp + 16 <= cfg.stacks[s].hi)
				break;
		if (s == cfg.nr_stacks || (fp & 7))
			return;
		pc = fpv_strip_pac(((uint64_t *)fp)[1], 48);
		if (((uint64_t *)fp)[0] && ((uint64_t *)fp)[0] <= fp && !(pc == sigret_pc))
			return;
		fp = ((uint64_t *)fp)[0];
		uf[n] = (struct uf){ pc, 0, pc == sigret_pc ? ID_OTHER : id_of(pc - 1), pc == sigret_pc, 0 };
		n++;
	}
	if (fp || n < 2 || pc - 4 < entry_lo || pc - 4 >= entry_hi)
		return;
	S.rel[2]++;
	if (!check(uf, n)) {
		S.fal[2]++;
		dump("naive-fp", n);
	}
}

/*
 * calls counts every callback: libgcc has no frame limit of its own, and a
 * CFI cycle before the signal frame (a frame whose rule gives back the same
 * pc and CFA) made a test program spin forever under the timer.
 */
struct ug { unsigned n, calls; int started; };
static unsigned long libgcc_loop;
static volatile uint64_t ug_ip, ug_cfa;	/* the last frame libgcc reported */

static _Unwind_Reason_Code ug_cb(struct _Unwind_Context *ctx, void *arg)
{
	struct ug *g = arg;
	int before = 0;
	uint64_t ip = _Unwind_GetIPInfo(ctx, &before);

	ug_ip = ip;
	ug_cfa = _Unwind_GetCFA(ctx);
	if (++g->calls > 4 * MAXF) {
		libgcc_loop++;
		return _URC_END_OF_STACK;
	}
	if (!g->started) {
		g->started = ip == sigret_pc;
		return _URC_NO_REASON;
	}
	if (g->n >= MAXF)
		return _URC_END_OF_STACK;
	uf[g->n].pc = ip;
	uf[g->n].sigret = ip == sigret_pc;
	uf[g->n].has_sp = 0;
	uf[g->n].id = uf[g->n].sigret ? ID_OTHER : id_of(before ? ip : ip - 1);
	g->n++;
	return _URC_NO_REASON;
}

/*
 * libgcc 12 can fault while unwinding PAC-signed frames from a signal
 * handler under qemu (it authenticates return addresses); a fault is
 * counted as a crash, caught by a SIGSEGV/SIGBUS handler that jumps back.
 */
static sigjmp_buf libgcc_jb;
static volatile int in_libgcc;
static unsigned long libgcc_crash;

/*
 * A spin inside libgcc that libgcc_would_spin() does not foresee is cut by
 * a one-shot timer on the thread's CPU time around every walk (t3, 1 s: a
 * walk of 4 * MAXF frames takes a small fraction of that under qemu
 * -singlestep, and CPU time does not run while a loaded machine runs
 * others); its signal leaves libgcc as a fault does, and the walk counts as
 * libgcc_hang.
 */
static timer_t t3;
static unsigned long libgcc_hang;

static void on_hang(int sig, siginfo_t *si, void *ucv)
{
	const ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	if (!in_libgcc)
		return;
	if (libgcc_hang < 3) {
		char buf[1024];
		size_t len = 0;

		say(buf, sizeof(buf), &len, "gt: libgcc still walking after 1 s of CPU time at");
		say_where(buf, sizeof(buf), &len, uc->uc_mcontext.pc);
		say(buf, sizeof(buf), &len, "; sample at");
		say_where(buf, sizeof(buf), &len, sampled->uc_mcontext.pc);
		say(buf, sizeof(buf), &len, " sp %#lx lr", (unsigned long)sampled->uc_mcontext.sp);
		say_where(buf, sizeof(buf), &len, sampled->uc_mcontext.regs[30]);
		say(buf, sizeof(buf), &len, "; last frame reported");
		say_where(buf, sizeof(buf), &len, ug_ip);
		say(buf, sizeof(buf), &len, " cfa %#lx\n", (unsigned long)ug_cfa);
		put(buf, len);
	}
	siglongjmp(libgcc_jb, 2);
}

static void on_fault(int sig, siginfo_t *si, void *ucv)
{
	const ucontext_t *uc = ucv;

	if (in_libgcc)
		siglongjmp(libgcc_jb, 1);
	fprintf(stderr, "gt: signal %d at pc %#lx lr %#lx addr %#lx\n", sig,
		(unsigned long)uc->uc_mcontext.pc, (unsigned long)uc->uc_mcontext.regs[30],
		(unsigned long)si->si_addr);
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * libgcc's AArch64 signal-frame fallback (linux-unwind.h) takes the frame
 * that returns to the sigreturn trampoline for an rt_sigframe at that frame's
 * CFA, and walks the sigcontext's extension records "ext += size" until a
 * record whose magic is 0: a record with a magic but size 0 keeps it there
 * forever.  It gets such a record when the CFA is wrong, which is the case
 * whenever the sample lands in a signal handler's prologue that its CFI does
 * not describe: clang 14 gives the rule for the whole frame only after the
 * prologue, so at gt_sig+4 ... +0x14 the CFA is the SP, 0x50 bytes below the
 * real signal frame, and the "records" are the saved registers.  Such a walk
 * spins until a watchdog cuts it; meanwhile SIGALRM becomes pending, so
 * gt_sig runs again as soon as the sampler returns and the next sample can
 * land in its prologue again: a chain of such samples, each costing the
 * watchdog's bound, takes a program past any time bound.
 *
 * So before libgcc walks, this does libgcc's first step from the sample
 * itself: the CFA and return-address rules of the sample's FDE at its pc
 * (the subset of DWARF call-frame instructions compilers emit for AArch64
 * prologues), and, if the return address is the trampoline, the fallback's
 * record walk over that CFA.  A walk that would not end is not started and
 * counts as libgcc_spin.  Anything this does not understand leaves the walk
 * to libgcc and its watchdog.
 */
struct dwarf_eh_bases { void *tbase, *dbase, *func; };
extern const void *_Unwind_Find_FDE(void *pc, struct dwarf_eh_bases *bases);
static unsigned long libgcc_spin;

/*
 * GT_LIBGCC_VERIFY=1 runs the foreseen walks too and prints, at the end, the
 * walks by [foreseen][cut by the watchdog]: every foreseen walk should be
 * cut, and no other.
 */
static int verify_spin;
static unsigned long verify[2][2];

static uint64_t uleb(const uint8_t **p, const uint8_t *end)
{
	uint64_t v = 0;
	unsigned shift = 0;

	while (*p < end) {
		uint8_t b = *(*p)++;

		if (shift < 64)
			v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
		if (!(b & 0x80))
			break;
	}
	return v;
}

static int64_t sleb(const uint8_t **p, const uint8_t *end)
{
	uint64_t v = 0;
	unsigned shift = 0;
	uint8_t b = 0;

	while (*p < end) {
		b = *(*p)++;
		if (shift < 64)
			v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
		if (!(b & 0x80))
			break;
	}
	if (shift < 64 && (b & 0x40))
		v |= ~0ull << shift;
	return (int64_t)v;
}

/* Size of a DW_EH_PE_* encoded value (0: not a fixed size). */
static unsigned enc_size(uint8_t enc)
{
	switch (enc & 0x0f) {
	case 0x00: return 8;		/* absptr */
	case 0x02: case 0x0a: return 2;
	case 0x03: case 0x0b: return 4;
	case 0x04: case 0x0c: return 8;
	default: return 0;
	}
}

struct cfa_rule { unsigned reg; int64_t off; int ra_how; int64_t ra_off; };
enum { RA_SAME, RA_OFFSET, RA_UNDEF };

/* Run call-frame instructions up to pc; 0 when one is not understood. */
static int cfa_run(const uint8_t *p, const uint8_t *end, uint64_t *loc, uint64_t pc,
		   uint64_t code_align, int64_t data_align, struct cfa_rule *r,
		   const struct cfa_rule *init)
{
	struct cfa_rule saved[4];
	unsigned depth = 0;

	while (p < end) {
		uint8_t op = *p++, low = op & 0x3f;
		uint64_t reg, delta = 0;

		switch (op >> 6) {
		case 1: delta = low; break;				/* advance_loc */
		case 2:							/* offset */
			if (low == 30) {
				r->ra_how = RA_OFFSET;
				r->ra_off = (int64_t)uleb(&p, end) * data_align;
			} else {
				uleb(&p, end);
			}
			continue;
		case 3:							/* restore */
			if (low == 30) {
				r->ra_how = init->ra_how;
				r->ra_off = init->ra_off;
			}
			continue;
		}
		if (op >> 6 == 0) {
			switch (op) {
			case 0x00: case 0x2d: continue;	/* nop, AArch64 negate_ra_state */
			case 0x02: delta = *p++; break;	/* advance_loc1 */
			case 0x03: delta = (uint64_t)p[0] | (uint64_t)p[1] << 8; p += 2; break;
			case 0x04: delta = (uint64_t)p[0] | (uint64_t)p[1] << 8 |
					   (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24; p += 4; break;
			case 0x05: case 0x09:		/* offset_extended, register */
				reg = uleb(&p, end);
				if (reg == 30)
					return 0;
				uleb(&p, end);
				continue;
			case 0x06: case 0x07: case 0x08:	/* restore_ext, undefined, same_value */
				reg = uleb(&p, end);
				if (reg == 30) {
					if (op == 0x07)
						r->ra_how = RA_UNDEF;
					else if (op == 0x08)
						r->ra_how = RA_SAME;
					else
						*r = (struct cfa_rule){ r->reg, r->off, init->ra_how,
									init->ra_off };
				}
				continue;
			case 0x0a:				/* remember_state */
				if (depth == 4)
					return 0;
				saved[depth++] = *r;
				continue;
			case 0x0b:				/* restore_state */
				if (!depth)
					return 0;
				*r = saved[--depth];
				continue;
			case 0x0c:				/* def_cfa */
				r->reg = (unsigned)uleb(&p, end);
				r->off = (int64_t)uleb(&p, end);
				continue;
			case 0x0d: r->reg = (unsigned)uleb(&p, end); continue;
			case 0x0e: r->off = (int64_t)uleb(&p, end); continue;
			case 0x2e: uleb(&p, end); continue;	/* GNU_args_size */
			default: return 0;
			}
		}
		*loc += delta * code_align;
		if (*loc > pc)
			return 1;
	}
	return 1;
}

static int on_stack(const struct fpv_config *cfg, uint64_t a, uint64_t n)
{
	for (unsigned k = 0; k < cfg->nr_stacks; k++)
		if (a >= cfg->stacks[k].lo && a + n <= cfg->stacks[k].hi && a + n > a)
			return 1;
	return 0;
}

/* 1 when libgcc's walk from this sample would spin in the fallback's loop. */
static int libgcc_would_spin(const ucontext_t *uc, const struct fpv_config *cfg)
{
	struct dwarf_eh_bases bases;
	const uint8_t *fde, *cie, *p, *end, *cend, *aug;
	struct cfa_rule init = { 31, 0, RA_SAME, 0 }, r;
	uint64_t pc = uc->uc_mcontext.pc, loc, code_align, cfa, ra, a;
	int64_t data_align;
	uint8_t fde_enc = 0;
	uint32_t len;

	fde = _Unwind_Find_FDE((void *)(uintptr_t)pc, &bases);
	if (!fde)
		return 0;
	memcpy(&len, fde, 4);
	if (len == 0xffffffff)
		return 0;
	end = fde + 4 + len;
	{
		int32_t d;

		memcpy(&d, fde + 4, 4);
		cie = fde + 4 - d;
	}
	memcpy(&len, cie, 4);
	if (len == 0xffffffff)
		return 0;
	cend = cie + 4 + len;
	p = cie + 9;					/* length, id, version */
	aug = p;
	p += strlen((const char *)aug) + 1;
	if (aug[0] != 'z')
		return 0;
	code_align = uleb(&p, cend);
	data_align = sleb(&p, cend);
	if (cie[8] == 1)
		p++;
	else
		uleb(&p, cend);
	{
		uint64_t n = uleb(&p, cend);
		const uint8_t *q = p;

		for (const char *c = (const char *)aug + 1; *c; c++) {
			if (*c == 'R')
				fde_enc = *q++;
			else if (*c == 'L')
				q++;
			else if (*c == 'P') {
				uint8_t e = *q++;

				if (!enc_size(e))
					return 0;
				q += enc_size(e);
			} else if (*c != 'S' && *c != 'B' && *c != 'G')
				return 0;
		}
		p += n;
	}
	if (!enc_size(fde_enc))
		return 0;
	loc = (uint64_t)(uintptr_t)bases.func;
	r = init;
	if (!cfa_run(p, cend, &loc, pc, code_align, data_align, &r, &init))
		return 0;
	init = r;
	p = fde + 8 + 2 * enc_size(fde_enc);
	{
		uint64_t n = uleb(&p, end);

		p += n;
	}
	loc = (uint64_t)(uintptr_t)bases.func;
	if (!cfa_run(p, end, &loc, pc, code_align, data_align, &r, &init))
		return 0;
	/* the caller libgcc takes next */
	if (r.reg == 31)
		cfa = uc->uc_mcontext.sp + (uint64_t)r.off;
	else if (r.reg < 31)
		cfa = uc->uc_mcontext.regs[r.reg] + (uint64_t)r.off;
	else
		return 0;
	if (r.ra_how == RA_UNDEF)
		return 0;
	if (r.ra_how == RA_SAME) {
		ra = uc->uc_mcontext.regs[30];
	} else {
		a = cfa + (uint64_t)r.ra_off;
		if (!on_stack(cfg, a, 8))
			return 0;
		ra = *(const uint64_t *)(uintptr_t)a;
	}
	if (fpv_strip_pac(ra, 48) != sigret_pc)
		return 0;
	/* the fallback's record walk over a sigcontext at that CFA */
	a = cfa + sizeof(siginfo_t) + offsetof(ucontext_t, uc_mcontext) +
	    offsetof(mcontext_t, __reserved);
	for (;;) {
		uint32_t magic, size;

		if (!on_stack(cfg, a, 8))
			return 0;	/* off the stack: libgcc faults or reads on */
		memcpy(&magic, (const void *)(uintptr_t)a, 4);
		memcpy(&size, (const void *)(uintptr_t)(a + 4), 4);
		if (!magic)
			return 0;
		if (!size)
			return 1;
		a += size;
	}
}

static void run_libgcc(const ucontext_t *uc)
{
	struct ug g = { 0, 0, 0 };
	_Unwind_Reason_Code rc;

	static const struct itimerspec arm = { { 0, 0 }, { 1, 0 } }, off;
	struct fpv_config cfg;
	struct fpv_stack st[2];
	int jumped;
	volatile int predicted;

	fpv_default_config(&cfg, st, 0, 0);
	predicted = libgcc_would_spin(uc, &cfg);
	if (predicted && !verify_spin) {
		if (libgcc_spin++ < 3) {
			char buf[512];
			size_t len = 0;

			say(buf, sizeof(buf), &len, "gt: libgcc would spin in its signal-frame fallback; sample at");
			say_where(buf, sizeof(buf), &len, uc->uc_mcontext.pc);
			say(buf, sizeof(buf), &len, " sp %#lx\n", (unsigned long)uc->uc_mcontext.sp);
			put(buf, len);
		}
		return;
	}
	if ((jumped = sigsetjmp(libgcc_jb, 1))) {
		in_libgcc = 0;
		timer_settime(t3, 0, &off, 0);
		(*(jumped == 2 ? &libgcc_hang : &libgcc_crash))++;
		verify[predicted][jumped == 2]++;
		return;
	}
	in_libgcc = 1;
	timer_settime(t3, 0, &arm, 0);
	rc = _Unwind_Backtrace(ug_cb, &g);
	timer_settime(t3, 0, &off, 0);
	in_libgcc = 0;
	verify[predicted][0]++;

	if (getenv_debug && S.samples % getenv_debug == 0) {
		fprintf(stderr, "libgcc rc %d n %u started %d sigret %#lx entry %#lx:", rc, g.n, g.started,
			(unsigned long)sigret_pc, (unsigned long)entry_lo);
		for (unsigned i = 0; i < g.n; i++)
			fprintf(stderr, " %#lx", (unsigned long)uf[i].pc);
		fprintf(stderr, "\n");
	}

	/* _start clears x30: libgcc's last frame is the zero return address */
	if (g.n && uf[g.n - 1].pc == 0)
		g.n--;
	if (rc != _URC_END_OF_STACK || !g.n || uf[g.n - 1].pc < entry_lo ||
	    uf[g.n - 1].pc >= entry_hi)
		return;
	/* libgcc gives no SP: only the first frame's comes from the ucontext */
	uf[0].has_sp = 1;
	uf[0].sp = uc->uc_mcontext.sp;
	S.rel[3]++;
	if (!check(uf, g.n)) {
		S.fal[3]++;
		dump("libgcc", g.n);
	}
}

/* ------------------------------------------------------------- mutation */

static uint64_t reads[MAXF * 3], mut_addr, mut_val, rng = 88172645463325252ull;
static unsigned nr_reads;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int read_rec(void *ctx, uint64_t addr, uint64_t *val)
{
	(void)ctx;
	if (nr_reads < sizeof(reads) / sizeof(reads[0]))
		reads[nr_reads++] = addr;
	*val = *(const uint64_t *)addr;
	return 0;
}

static int read_mut(void *ctx, uint64_t addr, uint64_t *val)
{
	(void)ctx;
	*val = addr == mut_addr ? mut_val : *(const uint64_t *)addr;
	return 0;
}

static void run_mutated(const ucontext_t *uc)
{
	struct fpv_config cfg;
	struct fpv_stack st[2];
	struct fpv_regs r = { uc->uc_mcontext.pc, uc->uc_mcontext.sp, uc->uc_mcontext.regs[29],
			      uc->uc_mcontext.regs[30], 1 };
	struct fpv_trace t;
	uint64_t old;
	unsigned n;
	int swap;

	fpv_default_config(&cfg, st, r.sp, 0);
	cfg.flags &= ~FPV_CFG_DIRECT_READ;	/* every read through the accessor */
	cfg.read = read_rec;
	nr_reads = 0;
	fpv_unwind(&cfg, 0, &r, fr, MAXF, &t);
	if (rnd() % 10 && nr_reads)
		mut_addr = reads[rnd() % nr_reads];
	else
		mut_addr = (r.sp + (rnd() % 512) * 8);
	/* the interrupted pc of a signal frame is ground truth, not checkable */
	for (unsigned i = 0; i < t.nr; i++)
		if ((fr[i].flags & FPV_FRAME_SIGRETURN) && mut_addr == fr[i].sp + 304 + 264)
			return;
	{
		unsigned k;

		for (k = 0; k < cfg.nr_stacks; k++)
			if (mut_addr >= cfg.stacks[k].lo && mut_addr + 8 <= cfg.stacks[k].hi)
				break;
		if (k == cfg.nr_stacks)
			return;
	}
	old = *(const uint64_t *)mut_addr;
	swap = 0;
	switch (rnd() % 4) {
	case 0: mut_val = rnd(); break;
	case 1: mut_val = old ^ (1ull << (rnd() % 64)); break;
	case 2: mut_val = nr_reads ? *(const uint64_t *)reads[rnd() % nr_reads] : 0; swap = 1; break;
	default: mut_val = old + ((rnd() & 1) ? 16 : -16); break;
	}
	if (mut_val == old)
		return;
	(*(swap ? &S.swap : &S.mut))++;
	cfg.read = read_mut;
	fpv_unwind(&cfg, 0, &r, fr, MAXF, &t);
	if (t.verdict || t.total > MAXF)
		return;
	(*(swap ? &S.swap_rel : &S.mut_rel))++;
	n = from_fpv(fr, t.nr);
	fn_level = 1;
	if (!check(uf, n)) {
		fn_level = 0;
		(*(swap ? &S.swap_fal : &S.mut_fal))++;
		dump(swap ? "mswap" : "mutated", n);
		if (getenv_debug)
			fprintf(stderr, "  mutated %#lx (sp %#lx): %#lx -> %#lx\n", (unsigned long)mut_addr,
				(unsigned long)r.sp, (unsigned long)old, (unsigned long)mut_val);
	}
	fn_level = 0;
}

static timer_t t1, t2;
static long period_ns;

/*
 * One-shot, re-armed when the handler is done: under -singlestep a handler
 * can outlast any fixed period, and a periodic timer would then sample the
 * same instruction forever.  The delay varies in [period, 2 * period).
 */
static void rearm(void)
{
	/* the interval is a backstop in case the emulator loses the signal;
	 * long, so that it never fires again while a slow handler runs */
	struct itimerspec its = { { 0, 200000000 }, { 0, period_ns + (long)(rnd() % (uint64_t)period_ns) } };

	timer_settime(t1, 0, &its, 0);
}

/* A sampling signal can get lost (qemu-user under load): re-arm if idle. */
void gt_watchdog(void)
{
	struct itimerspec its;

	if (!stopping && !timer_gettime(t1, &its) && !its.it_value.tv_sec && !its.it_value.tv_nsec)
		rearm();
}

static void sampler(int sig, siginfo_t *si, void *ucv)
{
	const ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
	if (stopping)
		return;
	S.samples++;
	if (id_of(uc->uc_mcontext.pc) == ID_OTHER)
		S.top_other++;
	sampled = uc;
	if (S.samples == test_hang)
		for (phase = PH_TEST;;)
			__asm__ volatile("" ::: "memory");
	phase = PH_FPV_FP;
	run_fpv(uc, FPV_MODE_FP, 0);
	phase = PH_FPV_ORC;
	run_fpv(uc, FPV_MODE_ORC, 1);
	phase = PH_NAIVE;
	run_naive(uc);
	phase = PH_LIBGCC;
	if (use_libgcc)
		run_libgcc(uc);
	phase = PH_MUTATED;
	if (mutate)
		run_mutated(uc);
	phase = PH_MAIN;
	if (S.samples >= target) {
		stopping = 1;
		return;
	}
	rearm();
}

/* ------------------------------------------------------------ hang report */

/*
 * A program that stops making progress says where it is and exits 3, so
 * that the harness reports the hang by its cause instead of waiting for its
 * outer bound: a periodic timer (t4) checks that samples keep coming (and,
 * after the last one, that the program finishes) and reports after
 * GT_STALL seconds without progress (default 60); gt_one.sh's outer bound
 * sends SIGUSR1, which reports the same way.  The report is written with
 * write(2) only: the program may be stopped anywhere, locks held.
 */
static timer_t t4;
static unsigned long stall_limit = 60, stall_secs, stall_last = ~0ul;

static void put(const char *buf, size_t len)
{
	ssize_t r = write(2, buf, len);

	(void)r;
}

static void say(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*len >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len = *len + (size_t)n < size ? *len + (size_t)n : size;
}

/* pc as object+offset and symbol+offset (generated functions by name). */
static void say_where(char *buf, size_t size, size_t *len, uint64_t pc)
{
	Dl_info di;
	int id = id_of(pc);

	say(buf, size, len, " %#lx", (unsigned long)pc);
	if (id != ID_OTHER && gt_names) {
		for (unsigned i = 0; i < nr_ranges; i++)
			if (ranges[i].id == id && pc >= ranges[i].lo && pc < ranges[i].hi)
				say(buf, size, len, " (%s+%#lx)", gt_names[id],
				    (unsigned long)(pc - ranges[i].lo));
		return;
	}
	if (!dladdr((void *)(uintptr_t)pc, &di) || !di.dli_fname)
		return;
	say(buf, size, len, " (%s+%#lx", strrchr(di.dli_fname, '/') ? strrchr(di.dli_fname, '/') + 1 :
	    di.dli_fname, (unsigned long)(pc - (uint64_t)(uintptr_t)di.dli_fbase));
	if (di.dli_sname)
		say(buf, size, len, " %s+%#lx", di.dli_sname,
		    (unsigned long)(pc - (uint64_t)(uintptr_t)di.dli_saddr));
	say(buf, size, len, ")");
}

static __attribute__((__noreturn__)) void report_hang(const char *why, const ucontext_t *uc)
{
	static char buf[4096];
	struct fpv_config cfg;
	struct fpv_stack st[2];
	size_t len = 0;
	uint64_t fp = uc->uc_mcontext.regs[29];

	say(buf, sizeof(buf), &len, "gt: hang: %s, in %s (sample %lu of %lu%s; libgcc_hang=%lu"
	    " libgcc_spin=%lu), at", why, phase_name[phase < PH_NR ? phase : PH_MAIN], S.samples,
	    target, stopping ? ", after the last" : "", libgcc_hang, libgcc_spin);
	say_where(buf, sizeof(buf), &len, uc->uc_mcontext.pc);
	say(buf, sizeof(buf), &len, ", lr");
	say_where(buf, sizeof(buf), &len, fpv_strip_pac(uc->uc_mcontext.regs[30], 48));
	if (phase != PH_MAIN && sampled) {
		say(buf, sizeof(buf), &len, "\ngt: hang: the sample interrupted");
		say_where(buf, sizeof(buf), &len, sampled->uc_mcontext.pc);
		say(buf, sizeof(buf), &len, ", lr");
		say_where(buf, sizeof(buf), &len, fpv_strip_pac(sampled->uc_mcontext.regs[30], 48));
	}
	say(buf, sizeof(buf), &len, "\ngt: hang: frame records:");
	/* the x29 chain, each record inside a stack of this thread */
	fpv_default_config(&cfg, st, uc->uc_mcontext.sp, 0);
	for (unsigned n = 0; fp && n < 32; n++) {
		unsigned s;

		for (s = 0; s < cfg.nr_stacks; s++)
			if (fp >= cfg.stacks[s].lo && fp + 16 <= cfg.stacks[s].hi)
				break;
		if (s == cfg.nr_stacks || (fp & 7))
			break;
		say_where(buf, sizeof(buf), &len, fpv_strip_pac(((const uint64_t *)fp)[1], 48));
		fp = ((const uint64_t *)fp)[0];
	}
	say(buf, sizeof(buf), &len, "\n");
	put(buf, len);
	_exit(3);
}

static void on_report(int sig, siginfo_t *si, void *ucv)
{
	(void)sig;
	(void)si;
	report_hang("still running at the harness's bound", ucv);
}

static void on_stall(int sig, siginfo_t *si, void *ucv)
{
	static char why[96];

	(void)sig;
	(void)si;
	if (S.samples != stall_last) {
		stall_last = S.samples;
		stall_secs = 0;
		return;
	}
	if (++stall_secs < stall_limit)
		return;
	snprintf(why, sizeof(why), stopping ? "not finished %lu s after its last sample" :
		 "no new sample for %lu s", stall_secs);
	report_hang(why, ucv);
}

static uint64_t exe_bias;

static int first_bias(struct dl_phdr_info *info, size_t size, void *data)
{
	(void)size;
	*(uint64_t *)data = info->dlpi_addr;
	return 1;
}

static timer_t make_timer(clockid_t clock, int sig, long ns, int periodic)
{
	struct sigevent ev = { 0 };
	struct itimerspec its = { { 0, periodic ? ns : 0 }, { 0, ns } };
	timer_t t;

	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = sig;
	if (timer_create(clock, &ev, &t) || timer_settime(t, 0, &its, 0)) {
		perror("timer");
		exit(2);
	}
	return t;
}

void gt_discard_above(int target)
{
	for (int d = target; d < gt_depth; d++)
		gt_shadow[d].flags |= GT_OPTIONAL;
	if (target > 0)
		gt_shadow[target - 1].callee = GT_OTHER;
}

int gt_setup(int argc, char **argv, void (*sig_work)(int), const char *const *names,
	     unsigned nr_names)
{
	struct sigaction sa = { 0 };
	stack_t ss;
	long period = getenv("GT_PERIOD_US") ? atol(getenv("GT_PERIOD_US")) : 150;
	target = argc > 1 ? strtoul(argv[1], 0, 0) : 1000;
	mutate = getenv("GT_MUTATE") && atoi(getenv("GT_MUTATE"));
	use_libgcc = !getenv("GT_NO_LIBGCC");
	getenv_debug = getenv("GT_DEBUG") ? strtoul(getenv("GT_DEBUG"), 0, 0) : 0;
	gt_names = names;
	test_hang = getenv("GT_TEST_HANG") ? strtoul(getenv("GT_TEST_HANG"), 0, 0) : 0;
	verify_spin = getenv("GT_LIBGCC_VERIFY") && atoi(getenv("GT_LIBGCC_VERIFY"));
	if (fpv_init())
		return 2;
	dl_iterate_phdr(first_bias, &exe_bias);
	load_ranges(names, nr_names, exe_bias);
	for (unsigned i = 0; i < nr_names; i++)
		if (!strcmp(names[i], "gt_sig"))
			sig_id = (int)i;
	sigret_pc = 0;
	{
		struct fpv_config cfg;
		struct fpv_stack st[2];

		fpv_default_config(&cfg, st, 0, 0);
		if (cfg.nr_sigreturn)
			sigret_pc = cfg.sigreturn[0].start;
		if (cfg.nr_entries) {
			entry_lo = cfg.entries[0].start;
			entry_hi = cfg.entries[0].end;
		}
	}
	ss.ss_sp = malloc(4 << 20);
	ss.ss_size = 4 << 20;
	ss.ss_flags = 0;
	sigaltstack(&ss, 0);
	sa.sa_sigaction = sampler;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGALRM);
	sigaction(SIGPROF, &sa, 0);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_NODEFER | SA_SIGINFO;
	sigaction(SIGSEGV, &sa, 0);
	sigaction(SIGBUS, &sa, 0);
	sa.sa_sigaction = on_hang;
	sigaction(SIGRTMIN + 4, &sa, 0);
	sa.sa_sigaction = on_report;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigfillset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, 0);
	sa.sa_sigaction = on_stall;
	sigaction(SIGRTMIN + 5, &sa, 0);
	sa.sa_handler = sig_work;
	sa.sa_flags = SA_ONSTACK | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, 0);
	period_ns = period * 1000;
	/* the stall check first: it watches the samples from the first one */
	if (getenv("GT_STALL"))
		stall_limit = strtoul(getenv("GT_STALL"), 0, 0);
	if (stall_limit)
		t4 = make_timer(CLOCK_MONOTONIC, SIGRTMIN + 5, 999999999, 1);
	t3 = make_timer(CLOCK_THREAD_CPUTIME_ID, SIGRTMIN + 4, 0, 0);
	t1 = make_timer(CLOCK_MONOTONIC, SIGPROF, period_ns, 0);
	t2 = make_timer(CLOCK_MONOTONIC, SIGALRM, period * 7000 + 13000, 1);
	(void)argc;
	return 0;
}

int gt_finish(const char *prog)
{
	timer_delete(t1);
	timer_delete(t2);
	timer_delete(t3);
	if (stall_limit)
		timer_delete(t4);
	printf("GT prog=%s samples=%lu fp_reliable=%lu fp_false=%lu orc_reliable=%lu orc_false=%lu "
	       "naive_reliable=%lu naive_false=%lu libgcc_reliable=%lu libgcc_false=%lu "
	       "mut=%lu mut_reliable=%lu mut_false=%lu swap=%lu swap_reliable=%lu swap_false=%lu "
	       "top_other=%lu libgcc_crash=%lu libgcc_loop=%lu libgcc_hang=%lu libgcc_spin=%lu\n",
	       prog, S.samples, S.rel[0], S.fal[0], S.rel[1], S.fal[1], S.rel[2], S.fal[2],
	       S.rel[3], S.fal[3], S.mut, S.mut_rel, S.mut_fal,
	       S.swap, S.swap_rel, S.swap_fal, S.top_other, libgcc_crash, libgcc_loop,
	       libgcc_hang, libgcc_spin);
	if (verify_spin)
		fprintf(stderr, "gt: libgcc walks foreseen to spin: %lu cut, %lu ended; others: %lu cut, "
			"%lu ended\n", verify[1][1], verify[1][0], verify[0][1], verify[0][0]);
	printf("GTR");
	for (int i = 1; i < FPV_R_NR; i++)
		if (S.reason[i])
			printf(" %s=%lu", fpv_reason_name(-i), S.reason[i]);
	printf("\n");
	return 0;
}
