// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Decoding speed of fpv's AArch64 decoder against capstone 4.0.2 on the same
 * words: random 32-bit words (the differential test's generator) and the
 * text of compiled code (raw .text* files given as arguments).  For each set
 * it prints words per second for arch_decode(), for capstone with details
 * (what fpv's analysis needs: operands and registers) and without, and the
 * ratios.  Each measurement repeats the set until it has run for at least
 * 0.3 s and takes the best of three.
 *
 * Usage: decode [--random N] [FILE.bin ...]
 */
#include <capstone/capstone.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arch.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static volatile uint64_t sink;

static double rate_fpv(const uint32_t *w, size_t n)
{
	double best = 0;

	for (int round = 0; round < 3; round++) {
		double t0 = now(), t;
		size_t done = 0;

		do {
			for (size_t i = 0; i < n; i++) {
				struct insn in;

				arch_decode(w[i], i * 4, &in);
				sink += in.cls + in.nr_ops;
			}
			done += n;
			t = now() - t0;
		} while (t < 0.3);
		if (done / t > best)
			best = done / t;
	}
	return best;
}

static double rate_capstone(const uint32_t *w, size_t n, bool detail)
{
	double best = 0;
	csh h;
	cs_insn *insn;

	if (cs_open(CS_ARCH_ARM64, CS_MODE_LITTLE_ENDIAN, &h) != CS_ERR_OK)
		return 0;
	cs_option(h, CS_OPT_DETAIL, detail ? CS_OPT_ON : CS_OPT_OFF);
	insn = cs_malloc(h);
	for (int round = 0; round < 3; round++) {
		double t0 = now(), t;
		size_t done = 0;

		do {
			for (size_t i = 0; i < n; i++) {
				const uint8_t *code = (const uint8_t *)&w[i];
				size_t size = 4;
				uint64_t a = i * 4;

				sink += cs_disasm_iter(h, &code, &size, &a, insn);
			}
			done += n;
			t = now() - t0;
		} while (t < 0.3);
		if (done / t > best)
			best = done / t;
	}
	cs_free(insn, 1);
	cs_close(&h);
	return best;
}

static void bench(const char *name, const uint32_t *w, size_t n)
{
	double f, cd, cn;

	if (!n)
		return;
	f = rate_fpv(w, n);
	cd = rate_capstone(w, n, true);
	cn = rate_capstone(w, n, false);
	printf("decode %-9s %9zu words: fpv %6.1f Mwords/s, capstone %5.2f Mwords/s with details "
	       "(fpv %.1fx), %5.2f Mwords/s without (fpv %.1fx)\n",
	       name, n, f / 1e6, cd / 1e6, cd ? f / cd : 0, cn / 1e6, cn ? f / cn : 0);
}

int main(int argc, char **argv)
{
	size_t nr = 1000000, nt = 0, ct = 0;
	uint32_t *rnd, *text = NULL;
	uint64_t x = 20260101;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--random") && i + 1 < argc) {
			nr = strtoul(argv[++i], NULL, 0);
			continue;
		}
		FILE *f = fopen(argv[i], "rb");
		uint32_t w;

		if (!f) {
			perror(argv[i]);
			return 1;
		}
		while (fread(&w, 4, 1, f) == 1) {
			if (nt == ct) {
				ct = ct ? ct * 2 : 65536;
				text = realloc(text, ct * sizeof(*text));
				if (!text)
					return 1;
			}
			text[nt++] = w;
		}
		fclose(f);
	}
	rnd = malloc(nr * sizeof(*rnd));
	if (!rnd)
		return 1;
	for (size_t i = 0; i < nr; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		rnd[i] = (uint32_t)(x >> 16);
	}
	bench("random", rnd, nr);
	bench("compiled", text, nt);
	free(rnd);
	free(text);
	return 0;
}
