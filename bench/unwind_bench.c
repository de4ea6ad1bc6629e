// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Cost per frame of stack unwinders on the same deep stack, in one process
 * (run under qemu-aarch64 by bench/unwind.sh): a plain frame-pointer walk
 * (the lower bound: follow x29, bounds-checked, nothing validated), libfpv's
 * ORC-validated frame-pointer walk and its ORC-driven walk, libgcc's
 * _Unwind_Backtrace and, when built with -DHAVE_LIBUNWIND, libunwind's
 * unw_backtrace.  Each unwinder walks the same DEPTH-frame stack ITER times
 * per round, in 7 interleaved rounds, and its fastest round counts; every
 * walk must see at least DEPTH frames, and libfpv's must be reliable.
 * Prints one line per unwinder: "name ns_per_frame frames_per_walk".
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unwind.h>

#include <fpv/unwind.h>
#ifdef HAVE_LIBUNWIND
#include <libunwind.h>
#endif

#define MAXF 512

static int depth = 64, iters = 2000;
static struct fpv_frame frames[MAXF];
static void *ips[MAXF];
static volatile long sink;
static struct fpv_stack stack;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Follow x29 with the same bounds checks a safe walk needs; no validation. */
static __attribute__((noinline)) unsigned plain_fp(void)
{
	uint64_t fp = (uint64_t)__builtin_frame_address(0);
	unsigned n = 0;

	while (fp && n < MAXF) {
		if ((fp & 7) || fp < stack.lo || fp + 16 > stack.hi)
			break;
		ips[n++] = (void *)fpv_strip_pac(((uint64_t *)fp)[1], 48);
		if (((uint64_t *)fp)[0] && ((uint64_t *)fp)[0] <= fp)
			break;
		fp = ((uint64_t *)fp)[0];
	}
	return n;
}

static __attribute__((noinline)) unsigned fpv_walk(enum fpv_mode mode)
{
	struct fpv_opts o = { mode, &stack, 1 };
	struct fpv_trace t;

	fpv_unwind_here(&o, frames, MAXF, &t);
	if (t.verdict) {
		fprintf(stderr, "bench: fpv walk unreliable at frame %u: %s\n", t.fail_frame,
			fpv_strerror(t.verdict));
		exit(1);
	}
	return t.nr;
}

struct ug { unsigned n; };

static _Unwind_Reason_Code cb(struct _Unwind_Context *ctx, void *arg)
{
	struct ug *g = arg;

	if (g->n < MAXF)
		ips[g->n++] = (void *)_Unwind_GetIP(ctx);
	return _URC_NO_REASON;
}

static __attribute__((noinline)) unsigned libgcc_walk(void)
{
	struct ug g = { 0 };

	_Unwind_Backtrace(cb, &g);
	return g.n;
}

#ifdef HAVE_LIBUNWIND
static __attribute__((noinline)) unsigned libunwind_walk(void)
{
	return (unsigned)unw_backtrace(ips, MAXF);
}
#endif

typedef unsigned (*walker)(void);

static unsigned w_plain(void) { return plain_fp(); }
static unsigned w_fpv_fp(void) { return fpv_walk(FPV_MODE_FP); }
static unsigned w_fpv_orc(void) { return fpv_walk(FPV_MODE_ORC); }

static const struct { const char *name; walker fn; } walkers[] = {
	{ "plain-fp", w_plain },
	{ "fpv-validated", w_fpv_fp },
	{ "fpv-orc", w_fpv_orc },
	{ "libgcc", libgcc_walk },
#ifdef HAVE_LIBUNWIND
	{ "libunwind", libunwind_walk },
#endif
};

/*
 * ROUNDS rounds, the walkers interleaved in each, and the fastest round of
 * each walker: the machine's other load only ever adds time, so the minimum
 * is the cost least disturbed by it, and the peers share the same rounds.
 */
#define ROUNDS 7
#define NR_WALKERS (sizeof(walkers) / sizeof(walkers[0]))

static void measure(void)
{
	double best[NR_WALKERS];
	unsigned frames_seen[NR_WALKERS];

	for (unsigned w = 0; w < NR_WALKERS; w++) {
		frames_seen[w] = walkers[w].fn();	/* warm up (libgcc/libunwind caches) */
		best[w] = 1e30;
		if (frames_seen[w] < (unsigned)depth) {
			fprintf(stderr, "bench: %s saw %u frames, want >= %d\n", walkers[w].name,
				frames_seen[w], depth);
			exit(1);
		}
	}
	for (int r = 0; r < ROUNDS; r++)
		for (unsigned w = 0; w < NR_WALKERS; w++) {
			double t0 = now();

			for (int i = 0; i < iters; i++)
				sink += walkers[w].fn();
			t0 = now() - t0;
			sink += (long)ips[1];	/* the stores of the walks that fill ips are live */
			if (t0 < best[w])
				best[w] = t0;
		}
	for (unsigned w = 0; w < NR_WALKERS; w++)
		printf("%s %.1f %u\n", walkers[w].name,
		       best[w] * 1e9 / ((double)iters * frames_seen[w]), frames_seen[w]);
}

static __attribute__((noinline)) long deep(int d)
{
	long r;

	if (d == 0) {
		measure();
		return 0;
	}
	r = deep(d - 1);
	sink += d;
	return r + 1;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		depth = atoi(argv[1]);
	if (argc > 2)
		iters = atoi(argv[2]);
	if (fpv_init())
		return 1;
	/* the whole thread stack, as fpv_init cached it */
	{
		struct fpv_config cfg;
		struct fpv_stack st[2];

		fpv_default_config(&cfg, st, (uint64_t)__builtin_frame_address(0), 0);
		stack.lo = (uint64_t)__builtin_frame_address(0) - (1 << 20);
		stack.hi = cfg.stacks[0].hi;
	}
	return (int)(deep(depth) != depth);
}
