// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the call-frame reader (tool/eh_frame.c): the cursor's
 * LEB128 and DW_EH_PE decoding at their boundaries, and the FDE iterator on
 * hand-assembled .eh_frame and .debug_frame sections (a pcrel "zR" CIE, a
 * zero terminator, DWARF 4 and 64-bit .debug_frame entries, a discarded
 * FDE) and on malformed ones, which must end the iteration with an error
 * that says what is wrong.
 */
#include <dwarf.h>
#include <elf.h>
#include <string.h>

#include "eh_frame.h"
#include "test.h"

struct buf {
	uint8_t b[256];
	size_t n;
};

static void put(struct buf *b, uint64_t v, unsigned size)
{
	for (unsigned i = 0; i < size; i++)
		b->b[b->n++] = (uint8_t)(v >> (8 * i));
}

static void bytes(struct buf *b, const char *s, size_t n)
{
	memcpy(b->b + b->n, s, n);
	b->n += n;
}

/* Patch the 4-byte length at off to cover everything after it. */
static void close_entry(struct buf *b, size_t off)
{
	uint32_t len = (uint32_t)(b->n - off - 4);

	memcpy(b->b + off, &len, 4);
}

static struct eh_cursor cursor(const uint8_t *p, size_t n)
{
	return (struct eh_cursor){ p, 0, n, false };
}

static void test_cursor(void)
{
	static const uint8_t uleb[] = { 0xe5, 0x8e, 0x26 };
	static const uint8_t sleb1[] = { 0x7f }, sleb2[] = { 0x80, 0x7f };
	static const uint8_t max[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 };
	static const uint8_t overlong[] = { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
					    0x80, 0x80, 0x00 };
	static const uint8_t s2[] = { 0xfe, 0xff }, s4[] = { 0xfc, 0xff, 0xff, 0xff };
	struct eh_cursor c;

	c = cursor(uleb, sizeof(uleb));
	CHECK_EQ(eh_uleb(&c), 624485);
	CHECK(!c.bad && c.pos == 3);
	c = cursor(sleb1, 1);
	CHECK_EQ(eh_sleb(&c), -1);
	c = cursor(sleb2, 2);
	CHECK_EQ(eh_sleb(&c), -128);
	c = cursor(max, sizeof(max));
	CHECK(eh_uleb(&c) == UINT64_MAX && !c.bad);
	c = cursor(overlong, sizeof(overlong));
	eh_uleb(&c);
	CHECK(c.bad);
	c = cursor(uleb, 2);			/* continuation bit set on the last byte */
	eh_uleb(&c);
	CHECK(c.bad);

	c = cursor(s2, 2);
	CHECK_EQ(eh_encoded(&c, DW_EH_PE_sdata2), -2);
	c = cursor(s2, 2);
	CHECK_EQ(eh_encoded(&c, DW_EH_PE_udata2 | DW_EH_PE_pcrel), 0xfffe);
	c = cursor(s4, 4);
	CHECK_EQ(eh_encoded(&c, DW_EH_PE_sdata4 | DW_EH_PE_pcrel), -4);
	c = cursor(s4, 4);
	CHECK_EQ(eh_encoded(&c, DW_EH_PE_udata4), 0xfffffffc);
	c = cursor(s4, 4);
	eh_encoded(&c, 0x05);			/* no such format */
	CHECK(c.bad);
	c = cursor(s4, 3);			/* one byte short */
	CHECK_EQ(eh_udata(&c, 4), 0);
	CHECK(c.bad);
	CHECK_EQ(eh_u8(&c), 0);			/* and it stays bad */
	c = cursor(s4, 4);
	eh_skip(&c, 5);
	CHECK(c.bad);
}

#define SEC_ADDR 0x1000

/* A "zR" CIE (pcrel sdata4 pointers) at b->n; returns its offset. */
static size_t cie_zr(struct buf *b, const char *aug)
{
	size_t at = b->n;

	put(b, 0, 4);				/* length, patched */
	put(b, 0, 4);				/* CIE id */
	put(b, 1, 1);				/* version */
	bytes(b, aug, strlen(aug) + 1);
	put(b, 4, 1);				/* code align */
	put(b, 0x78, 1);			/* data align -8 */
	put(b, 30, 1);				/* return address register */
	put(b, 1, 1);				/* augmentation data length */
	put(b, DW_EH_PE_pcrel | DW_EH_PE_sdata4, 1);
	bytes(b, "\x0c\x1f\x00", 3);		/* DW_CFA_def_cfa sp, 0 */
	close_entry(b, at);
	return at;
}

/* An FDE for [pc, pc + range) against the CIE at cie; returns its offset. */
static size_t fde_zr(struct buf *b, size_t cie, uint64_t pc, uint32_t range)
{
	size_t at = b->n;

	put(b, 0, 4);
	put(b, at + 4 - cie, 4);		/* CIE pointer: back from this field */
	put(b, pc - (SEC_ADDR + b->n), 4);	/* pc_begin, pcrel */
	put(b, range, 4);
	put(b, 0, 1);				/* augmentation data length */
	bytes(b, "\x41\x0e\x10", 3);		/* advance_loc 1; def_cfa_offset 16 */
	close_entry(b, at);
	return at;
}

struct table {
	struct elf_file elf;
	struct section sec;
	struct eh_iter it;
	struct eh_fde fde;
};

static void table_init(struct table *t, const struct buf *b, bool eh)
{
	memset(t, 0, sizeof(*t));
	t->elf.path = "test";
	t->elf.e_type = ET_DYN;
	t->sec = (struct section){ .file = &t->elf, .name = eh ? ".eh_frame" : ".debug_frame",
				   .addr = SEC_ADDR, .size = b->n, .data = b->b };
	eh_iter_init(&t->it, &t->elf, &t->sec, NULL, eh);
}

static void test_eh_frame(void)
{
	struct buf b = { 0 };
	struct table t;
	size_t cie = cie_zr(&b, "zR"), fde = fde_zr(&b, cie, 0x2000, 0x40);

	fde_zr(&b, cie, 0x2040, 0x10);
	put(&b, 0, 4);				/* terminator */
	put(&b, 0xffffffff, 4);			/* never read */
	table_init(&t, &b, true);
	CHECK_EQ(eh_next(&t.it, &t.fde), 1);
	CHECK_EQ(t.fde.off, fde);
	CHECK(t.fde.pc.ok && !t.fde.pc.sec);
	CHECK_EQ(t.fde.pc.val, 0x2000);
	CHECK_EQ(t.fde.range, 0x40);
	CHECK(!t.fde.lsda.ok);
	CHECK_EQ(t.fde.cie->off, cie);
	CHECK_EQ(t.fde.cie->code_align, 4);
	CHECK_EQ(t.fde.cie->data_align, -8);
	CHECK_EQ(t.fde.cie->ra_reg, 30);
	CHECK_EQ(t.fde.cie->fde_enc, DW_EH_PE_pcrel | DW_EH_PE_sdata4);
	CHECK_EQ(t.fde.cie->lsda_enc, DW_EH_PE_omit);
	CHECK_EQ(t.fde.cie->insns_end - t.fde.cie->insns, 3);
	CHECK_EQ(b.b[t.fde.insns], 0x41);
	CHECK_EQ(t.fde.insns_end - t.fde.insns, 3);
	CHECK_EQ(eh_next(&t.it, &t.fde), 1);
	CHECK_EQ(t.fde.pc.val, 0x2040);
	CHECK_EQ(eh_next(&t.it, &t.fde), 0);	/* the terminator ends the section */
	CHECK_EQ(eh_next(&t.it, &t.fde), 0);
}

/* Malformed .eh_frame: each ends the iteration with an error naming the problem. */
static void expect_error(struct buf *b, const char *want)
{
	struct table t;

	table_init(&t, b, true);
	CHECK_EQ(eh_next(&t.it, &t.fde), -1);
	if (!strstr(t.it.err, want)) {
		test_failed_checks++;
		printf("  error \"%s\" does not say \"%s\"\n", t.it.err, want);
	}
	CHECK_EQ(eh_next(&t.it, &t.fde), 0);
}

static void test_eh_frame_errors(void)
{
	struct buf b = { 0 };
	size_t cie = cie_zr(&b, "zQ");

	fde_zr(&b, cie, 0x2000, 0x40);
	expect_error(&b, "unknown augmentation \"zQ\"");

	memset(&b, 0, sizeof(b));
	cie = cie_zr(&b, "zR");
	size_t fde = fde_zr(&b, cie, 0x2000, 0x40);
	put(&b, 0, 4);
	memcpy(b.b + fde + 4, &(uint32_t){ 4 }, 4);	/* points at its own pointer field */
	expect_error(&b, "does not point to a CIE");

	memset(&b, 0, sizeof(b));
	cie = cie_zr(&b, "zR");
	memcpy(b.b + cie, &(uint32_t){ 0x100 }, 4);
	expect_error(&b, "runs past the section");

	memset(&b, 0, sizeof(b));
	cie = cie_zr(&b, "zR");
	b.b[cie + 8] = 2;				/* version */
	fde_zr(&b, cie, 0x2000, 0x40);
	expect_error(&b, "version 2");
}

/*
 * .debug_frame: a DWARF 4 CIE (address and segment selector sizes), FDEs
 * with absolute pc_begin and a CIE pointer that is a section offset, one of
 * them discarded at link time (pc_begin 0), and a 64-bit DWARF entry.
 */
static void test_debug_frame(void)
{
	struct buf b = { 0 };
	struct table t;
	size_t cie = b.n, at;

	put(&b, 0, 4);
	put(&b, DW_CIE_ID_32, 4);
	put(&b, 4, 1);				/* version 4 */
	put(&b, 0, 1);				/* augmentation "" */
	put(&b, 8, 1);				/* address size */
	put(&b, 0, 1);				/* segment selector size */
	put(&b, 4, 1);
	put(&b, 0x78, 1);
	put(&b, 30, 1);				/* uleb in version 4 */
	close_entry(&b, cie);
	for (int i = 0; i < 2; i++) {
		at = b.n;
		put(&b, 0, 4);
		put(&b, cie, 4);
		put(&b, i ? 0x400000 : 0, 8);	/* the first one was discarded */
		put(&b, 0x20, 8);
		close_entry(&b, at);
	}
	put(&b, 0xffffffff, 4);			/* 64-bit DWARF: an FDE of the same CIE */
	put(&b, 8 + 8 + 8, 8);
	put(&b, cie, 8);
	put(&b, 0x500000, 8);
	put(&b, 0x30, 8);
	table_init(&t, &b, false);
	CHECK_EQ(eh_next(&t.it, &t.fde), 1);
	CHECK(!t.fde.pc.ok);
	CHECK_EQ(eh_next(&t.it, &t.fde), 1);
	CHECK(t.fde.pc.ok);
	CHECK_EQ(t.fde.pc.val, 0x400000);
	CHECK_EQ(t.fde.range, 0x20);
	CHECK_EQ(t.fde.cie->version, 4);
	CHECK_EQ(t.fde.cie->ra_reg, 30);
	CHECK_EQ(eh_next(&t.it, &t.fde), 1);
	CHECK_EQ(t.fde.pc.val, 0x500000);
	CHECK_EQ(t.fde.range, 0x30);
	CHECK_EQ(t.fde.cie->off, cie);
	CHECK_EQ(eh_next(&t.it, &t.fde), 0);

	b.n -= 8;				/* no room for the range any more */
	memcpy(b.b + b.n - 8 - 8 - 8, &(uint64_t){ 8 + 8 }, 8);	/* its 64-bit length */
	table_init(&t, &b, false);
	for (int i = 0; i < 2; i++)
		CHECK_EQ(eh_next(&t.it, &t.fde), 1);
	CHECK_EQ(eh_next(&t.it, &t.fde), -1);
	CHECK(strstr(t.it.err, "truncated") != NULL);
}

int main(void)
{
	TEST_PROG("test_eh_frame");

	TEST_BEGIN("cursor: LEB128 and DW_EH_PE formats at their limits");
	test_cursor();
	TEST_END();

	TEST_BEGIN(".eh_frame: pcrel zR CIE, two FDEs, terminator");
	test_eh_frame();
	TEST_END();

	TEST_BEGIN(".eh_frame: malformed entries are errors that say why");
	test_eh_frame_errors();
	TEST_END();

	TEST_BEGIN(".debug_frame: version 4, absolute pointers, discarded FDE, 64-bit entry");
	test_debug_frame();
	TEST_END();
	return test_exit();
}
