// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: the tool's ORC reader, `fpv dump`'s parser (tool/orc_file.c
 * on top of lib/orc_lookup.c and lib/orc_compact.c).  The container (fuzz.h)
 * carries, for variant bit 0 clear, .orc_unwind_ip (aux bytes, with its
 * R_AARCH64_PREL32 relocations in an object), .orc_unwind (2 * aux bytes,
 * or data_addr bytes in an object, so the sizes can disagree) and
 * .orc_header (the rest); with bit 0 set, a .fpv_orc blob.  Seeds are the
 * tables `fpv orc` wrote into GCC and Clang output.  The target reads the
 * tables, prints them and expands them per instruction as `fpv dump
 * [--expand]` does; a failure must be one line naming the file, and the
 * records read must come out sorted.  The data bytes also go through the
 * run-time .fpv_funcs reader (funcs_blob()).
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf_file.h"
#include "fpv/orc.h"
#include "fpv/orc_lookup.h"
#include "fuzz.h"
#include "orc.h"

static FILE *devnull;

/*
 * The same bytes as a .fpv_funcs blob, through the run-time reader
 * (lib/orc_funcs.c): a table it accepts must answer every lookup the same
 * with and without its block index, never name an owner outside the
 * table, and call an address a function start only where one starts.
 */
static void funcs_blob(const uint8_t *data, size_t size)
{
	static uint64_t copy[(64 * 1024) / 8];
	static orc_u32 idx[4096];
	struct orc_funcs f, g;

	if (size > sizeof(copy))
		size = sizeof(copy);
	memcpy(copy, data, size);
	if (orc_funcs_open(&f, copy, size, 0x400000))
		return;
	g = f;
	if (orc_funcs_index_build(&g, idx, 4096, f.base, f.base + 4096ull * ORC_INDEX_BLOCK))
		g.index = 0;
	for (orc_u64 a = f.base - 8; a < f.base + 0x10000; a += 4) {
		orc_u64 o1 = 0, o2 = 0;
		orc_u32 f1 = 0, f2 = 0;
		int r1 = orc_funcs_owner(&f, a, &o1, &f1), r2 = orc_funcs_owner(&g, a, &o2, &f2);

		if (r1 != r2 || o1 != o2 || f1 != f2)
			fz_bug("funcs lookup at %#llx: %d/%d with and without the index",
			       (unsigned long long)a, r1, r2);
		if (r1 >= 0 && (o1 < f.base || (o1 - f.base) & 3))
			fz_bug("funcs owner %#llx outside the table", (unsigned long long)o1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *buf, size_t len)
{
	struct fz_in in;
	struct fz_elf e = { 0 };
	struct elf_file *elf;
	const char *path;
	size_t ip, un;

	if (!devnull && !(devnull = fopen("/dev/null", "w")))
		fz_bug("cannot open /dev/null");
	if (!fz_parse(buf, len, &in))
		return 0;
	funcs_blob(in.data, in.size);
	fz_elf_init(&e, &in);
	if (FZ_VARIANT(in.h.flags) & 1) {
		e.secs[0] = (struct fz_sec){ ORC_FILE_SECTION, SHT_PROGBITS, 0, 0, 8, in.data, in.size, true };
		e.nr_secs = 1;
	} else {
		ip = in.h.aux < in.size ? in.h.aux : in.size;
		un = e.exec || !in.h.data_addr ? 2 * (uint64_t)in.h.aux : in.h.data_addr;
		un = un < in.size - ip ? un : in.size - ip;
		e.secs[0] = (struct fz_sec){ ".orc_unwind_ip", SHT_PROGBITS, SHF_ALLOC, in.h.data_addr, 4,
					     in.data, ip, true };
		e.secs[1] = (struct fz_sec){ ".orc_unwind", SHT_PROGBITS, SHF_ALLOC,
					     in.h.data_addr + ((ip + 7) & ~7ul), 2, in.data + ip, un, false };
		e.secs[2] = (struct fz_sec){ ".orc_header", SHT_PROGBITS, SHF_ALLOC,
					     in.h.data_addr + ((ip + un + 15) & ~7ul), 8, in.data + ip + un,
					     in.size - ip - un, false };
		e.nr_secs = 3;
	}
	elf = fz_open(&e, &path);
	if (!elf)
		return 0;
	if (!orc_find_tables(elf))
		fz_bug("the ORC sections were not found");
	fz_orc_tables(elf, devnull);
	elf_close(elf);
	return 0;
}
