// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: decoding plus analysis on arbitrary code bytes.  The input
 * container (fuzz.h) carries the bytes of .text and of a .rodata (jump
 * tables), relocations against either, and options; fz_build() wraps them
 * into an object (ET_REL: branches resolved through relocations) or an
 * executable (ET_EXEC: through addresses) with function symbols splitting
 * the text.  The target then does what `fpv disasm`, `fpv check` and
 * `fpv orc` do: decode and format every word, build the control-flow graph,
 * propagate frame states, generate ORC records and both .fpv_orc
 * encodings.  Oracles besides the sanitizers: decoder invariants (class and
 * op count in range), the error contract, and a differential one: the
 * standard and the compact blob must give the same entry at every
 * instruction, equal to the record list they were encoded from.
 *
 * Container: aux bits 0-15 = .rodata length (taken from the data first),
 * bits 16-23 = number of functions; flags FZ_EXEC, FZ_NOFP, FZ_LABELS,
 * FZ_DATA_MAP.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "check.h"
#include "elf_file.h"
#include "fpv/orc_lookup.h"
#include "fuzz.h"
#include "orc.h"
#include "search.h"

static volatile uint64_t sink;

static void decode_all(const struct section *s)
{
	char buf[128];

	for (uint64_t off = 0; off + 4 <= s->size; off += 4) {
		struct insn insn;
		uint32_t w;

		memcpy(&w, s->data + off, 4);
		memset(&insn, 0, sizeof(insn));
		arch_decode(w, s->addr + off, &insn);
		if (insn.cls >= INSN_NR_CLASSES || insn.nr_ops > ARCH_MAX_OPS)
			fz_bug("decode %08x: class %u, %u ops", w, insn.cls, insn.nr_ops);
		size_t n = arch_format(&insn, s->addr + off, buf, sizeof(buf));
		if (n >= sizeof(buf) || strlen(buf) != n)
			fz_bug("format %08x: length %zu", w, n);
		sink += n + strlen(arch_class_name(insn.cls));
		for (unsigned i = 0; i < insn.nr_ops; i++)
			sink += strlen(arch_reg_name(insn.ops[i].dest.reg)) +
				strlen(arch_reg_name(insn.ops[i].src.reg));
	}
}

static const struct cfi_state *analysis_state(void *ctx, const struct section *sec, uint64_t off)
{
	return check_state_at(ctx, sec, off);
}

/* The entry of the normalized list in effect at pc (the lookup's rule), or NULL. */
static const struct orc_entry *list_find(const struct orc_list *l, uint64_t pc)
{
	size_t lo = partition_point(l->nr, i, l->recs[i].pc <= pc);

	return lo ? &l->recs[lo - 1].e : NULL;
}

static bool same(const struct orc_entry *a, const struct orc_entry *b)
{
	static const struct orc_entry zero;

	return orc_entry_equal(a ? a : &zero, b ? b : &zero);
}

/* Both .fpv_orc encodings of a linked file's records must agree with the list. */
static void blobs(const struct orc_list *l, const struct section *text)
{
	void *std = NULL, *cmp = NULL;
	size_t std_size, cmp_size;
	struct orc_table t;
	struct orc_compact c;
	uint64_t lo = text->addr, hi = text->addr + text->size;

	if (orc_blob_std(l, lo, &std, &std_size) || orc_blob_compact(l, lo, hi - lo, ORC_COMPACT_SHIFT, &cmp, &cmp_size))
		goto out;
	if (orc_file_table(&t, std, std_size, 0) || orc_table_check(&t))
		fz_bug("standard blob does not validate");
	if (orc_compact_open(&c, cmp, cmp_size, 0))
		fz_bug("compact blob does not validate");
	for (uint64_t pc = lo; pc < hi; pc += 4) {
		const struct orc_entry *want = list_find(l, pc);
		const struct orc_entry *a = orc_find(&t, pc, NULL), *b = orc_compact_find(&c, pc, NULL);
		if (!same(a, want) || !same(b, want))
			fz_bug("pc 0x%llx: standard %s, compact %s, list %s",
			       (unsigned long long)pc, a ? "found" : "none", b ? "found" : "none",
			       want ? "found" : "none");
	}
out:
	free(std);
	free(cmp);
}

static void analyse(struct elf_file *elf, unsigned flags)
{
	struct check_opts opts = { .mode = flags & FZ_NOFP ? CHECK_NO_FP : CHECK_AUTO,
				   .backtrace = true };
	struct check_result res;
	struct orc_list l = { 0 };
	struct cfg_func *f;
	struct section *s, *text = NULL;
	const struct cfi_state *st;
	uint64_t off;
	char buf[256];
	int ret;

	memset(&res, 0, sizeof(res));
	fz_capture_begin();
	ret = check_file(elf, &opts, &res);
	fz_capture_end(elf->path, ret < 0, false);
	if (ret >= 0) {
		for_each_check_func(&res, f)
			func_for_each_state(f, off, st)
				if (st)
					sink += strlen(cfi_format(st, buf, sizeof(buf)));
		for (size_t i = 0; i < res.nr_findings; i++)
			sink += strlen(res.findings[i].text) + strlen(check_warning_name(res.findings[i].id));
		for_each_sec(elf, s)
			if (s->text && !text)
				text = s;
		if (orc_gen_file(elf, &l, analysis_state, &res, (flags & FZ_DATA_MAP) ? "f0" : NULL))
			fz_bug("orc_gen_file failed");
		orc_list_normalize(&l);
		if (elf->e_type != ET_REL && text)
			blobs(&l, text);
	}
	orc_list_free(&l);
	check_free(&res);
	cfi_hash_free();
}

int LLVMFuzzerTestOneInput(const uint8_t *buf, size_t len)
{
	struct fz_in in;
	struct fz_elf e = { 0 };
	struct elf_file *elf;
	size_t rodata;
	const char *path;

	if (!fz_parse(buf, len, &in))
		return 0;
	rodata = in.h.aux & 0xffff;
	if (rodata > in.size)
		rodata = in.size;
	e.exec = in.h.flags & FZ_EXEC;
	e.text = in.data + rodata;
	e.text_size = (in.size - rodata) & ~3ul;
	if (e.text_size == 0 || e.text_size > 256 * 1024)
		return 0;
	e.text_addr = (in.h.text_addr & ~3u) | 0x1000;
	e.nr_funcs = (in.h.aux >> 16) & 0xff;
	e.labels = in.h.flags & FZ_LABELS;
	e.data_map = in.h.flags & FZ_DATA_MAP;
	e.in = &in;
	e.secs[0] = (struct fz_sec){ ".rodata", SHT_PROGBITS, SHF_ALLOC, in.h.data_addr, 8,
				     in.data, rodata, true };
	e.nr_secs = 1;
	e.text_relocs = true;
	elf = fz_open(&e, &path);
	if (!elf)
		return 0;
	for (struct section *s = elf->sections; s < elf->sections + elf->nr_sections; s++)
		if (s->text && s->data)
			decode_all(s);
	analyse(elf, in.h.flags);
	elf_close(elf);
	return 0;
}
