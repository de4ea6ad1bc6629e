/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The driver shared by the two witness fuzz targets (fuzz_dwarf.c,
 * fuzz_sframe.c): build an object or executable carrying the fuzzed CFI
 * section (container in fuzz.h; variant bit 1 chooses the subcommand), open
 * the witness through its API and read its state at every instruction, then
 * run the subcommand that consumes it — `fpv xcheck` (analysis against both
 * witnesses) or `fpv orc --dry-run --from=W` (ORC from the witness, cross
 * checked) — as a user would, on the same file.  Every failure must be one
 * line naming the file.
 */
#ifndef FPV_FUZZ_WITNESS_H
#define FPV_FUZZ_WITNESS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfi.h"
#include "cmd.h"
#include "elf_file.h"
#include "fuzz.h"

/* Open the witness of elf (0 or negative after one line), read states, close. */
typedef int (*wit_run_fn)(struct elf_file *elf, unsigned variant);

static volatile uint64_t wit_sink;

/* The states of every text word through fn (dwarf_cfi_states or sframe_wit_states). */
static inline int wit_walk_states(struct elf_file *elf, void *w,
				  long (*fn)(void *, const struct section *, uint64_t, size_t,
					     struct cfi_state *, uint8_t *))
{
	struct section *s;
	char buf[160];

	for_each_sec(elf, s) {
		size_t n = s->size / 4;
		if (!s->text || !n)
			continue;
		struct cfi_state *st = calloc(n, sizeof(*st));
		uint8_t *cov = calloc(n, 1);
		long r = st && cov ? fn(w, s, 0, n, st, cov) : -1;
		for (size_t i = 0; r > 0 && i < n; i++)
			if (cov[i])
				wit_sink += strlen(cfi_format(&st[i], buf, sizeof(buf)));
		free(st);
		free(cov);
		if (r < 0)
			return -1;
	}
	return 0;
}

static inline int wit_fuzz_one(const uint8_t *buf, size_t len, const char *secname, uint64_t secflags,
			       const char *from, wit_run_fn run)
{
	static bool init;
	struct fz_in in;
	struct fz_elf e = { 0 };
	struct elf_file *elf;
	unsigned variant;
	const char *path;
	int rc;

	if (!init) {
		init = true;
		if (!freopen("/dev/null", "w", stdout))
			fz_bug("cannot send stdout to /dev/null");
	}
	if (!fz_parse(buf, len, &in))
		return 0;
	variant = FZ_VARIANT(in.h.flags);
	fz_elf_init(&e, &in);
	e.secs[0] = (struct fz_sec){ secname, SHT_PROGBITS, secflags, in.h.data_addr, 8,
				     in.data, in.size, true };
	e.nr_secs = 1;
	elf = fz_open(&e, &path);
	if (!elf)
		return 0;
	rc = run(elf, variant);
	elf_close(elf);
	if (rc < 0)
		return 0;	/* the subcommands would fail the same way */
	fz_capture_begin();
	if (variant & 2) {
		char a0[] = "orc", a1[] = "--dry-run", a2[32], *argv[] = { a0, a1, a2, (char *)path, NULL };
		snprintf(a2, sizeof(a2), "--from=%s", from);
		rc = cmd_orc(4, argv);
	} else {
		char a0[] = "xcheck", a1[] = "--json", *argv[] = { a0, a1, (char *)path, NULL };
		rc = cmd_xcheck(3, argv);
	}
	fflush(stdout);
	fz_capture_end(path, rc != 0, true);
	cfi_hash_free();
	return 0;
}

#endif
