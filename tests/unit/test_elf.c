// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the ELF layer (tool/elf.c) on real compiler output made in a
 * temporary directory: symbol, mapping-symbol and relocation lookups on GCC,
 * Clang and GNU as objects; adding a section with PREL32/ABS64 relocations
 * to an object (creating the section symbol when the assembler left it out),
 * then linking it with GNU ld and ld.lld and checking the relocated values;
 * appending a non-allocated section to a linked executable, which must still
 * run under qemu and keep its mode; function starts of a stripped shared
 * library recovered from .eh_frame; writes that fail on a full or read-only
 * file system (a small tmpfs, when this process may mount one) leave the
 * original file and no temporary behind.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <elf.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/mount.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"
#include "elf_file.h"

static char dir[] = "/tmp/fpv-test-elf-XXXXXX";

__attribute__((format(printf, 1, 2)))
static int run(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	return system(cmd);
}

static const char *path(const char *name)
{
	static char buf[8][512];
	static int n;
	char *b = buf[n++ % 8];

	snprintf(b, 512, "%s/%s", dir, name);
	return b;
}

static void write_file(const char *name, const char *text)
{
	FILE *f = fopen(path(name), "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static struct symbol *sym_named(struct elf_file *f, const char *name)
{
	struct symbol *s;

	for_each_sym(f, s)
		if (!strcmp(s->name, name) && s->sec)
			return s;
	return NULL;
}

static const char c_src[] =
	"__attribute__((noinline)) int g1(int x) { return x * 3 + 1; }\n"
	"int g2(int x) { return g1(x) * 2 + g1(x + 7); }\n";

static void test_read(const char *obj)
{
	struct elf_file *f = elf_open(path(obj), false);
	struct section *text;
	struct symbol *g1, *g2;
	struct reloc *r;

	CHECK(f != NULL);
	if (!f)
		return;
	CHECK_EQ(f->e_type, ET_REL);
	CHECK(!f->stripped);
	text = elf_find_section(f, ".text");
	g1 = sym_named(f, "g1");
	g2 = sym_named(f, "g2");
	CHECK(text && g1 && g2);
	if (!text || !g1 || !g2)
		goto out;
	CHECK(text->text);
	CHECK(elf_find_symbol_at(text, g2->value) == g2);
	CHECK(elf_find_func_containing(text, g2->value + g2->size - 4) == g2);
	CHECK(elf_find_func_containing(text, g1->value) == g1);
	CHECK(elf_find_func_containing(text, text->size + 100) == NULL);
	r = elf_find_reloc(text, g2->value, g2->size);
	CHECK(r != NULL);
	if (r) {
		CHECK_EQ(r->type, R_AARCH64_CALL26);
		CHECK(r->sym && !strcmp(r->sym->name, "g1"));
	}
	CHECK(elf_find_reloc(text, g1->value, g1->size) == NULL);
	CHECK(!elf_is_data(text, g2->value));
out:
	elf_close(f);
}

/* Section header 0 is reserved: garbage in its type must not make it a section. */
static void test_section_zero(void)
{
	struct elf_file *f;
	Elf64_Ehdr eh;
	uint32_t strtab = SHT_STRTAB;
	uint64_t size = 0x40;
	FILE *fp;

	CHECK_EQ(run("cp %s %s", path("gcc.o"), path("zero.o")), 0);
	fp = fopen(path("zero.o"), "r+");
	CHECK(fp != NULL);
	if (!fp)
		return;
	CHECK(fread(&eh, sizeof(eh), 1, fp) == 1);
	fseek(fp, eh.e_shoff + offsetof(Elf64_Shdr, sh_type), SEEK_SET);
	fwrite(&strtab, 4, 1, fp);
	fseek(fp, eh.e_shoff + offsetof(Elf64_Shdr, sh_size), SEEK_SET);
	fwrite(&size, 8, 1, fp);
	fclose(fp);
	f = elf_open(path("zero.o"), false);
	CHECK(f != NULL);
	if (f)
		CHECK_EQ(f->sections[0].type, SHT_NULL);
	elf_close(f);
}

/* $d inside text, and an unsized label, in GNU as and LLVM assembler output. */
static void test_mapping(const char *obj)
{
	struct elf_file *f = elf_open(path(obj), false);
	struct section *text;
	struct symbol *fn, *lab;

	CHECK(f != NULL);
	if (!f)
		return;
	text = elf_find_section(f, ".text");
	fn = sym_named(f, "fn");
	lab = sym_named(f, "lab");
	CHECK(text && fn && lab);
	if (text && fn && lab) {
		CHECK_EQ(text->nr_maps, 3);
		CHECK(!elf_is_data(text, 0));
		CHECK(!elf_is_data(text, 4));
		CHECK(elf_is_data(text, 8));
		CHECK(elf_is_data(text, 12));
		CHECK(!elf_is_data(text, 16));
		CHECK(elf_find_func_containing(text, 8) == fn);
		CHECK(elf_find_func_containing(text, 20) == lab);
		CHECK(elf_find_symbol_at(text, 16) == lab);
		CHECK(elf_find_symbol_at(text, 16)->alias == lab);
		CHECK(sym_named(f, "lab_alias") && sym_named(f, "lab_alias")->alias == lab);
	}
	elf_close(f);
}

static uint64_t get_u64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static int32_t get_s32(const uint8_t *p)
{
	int32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* Link obj with linker and check the values the two relocations produced. */
static void check_linked(const char *obj, const char *linker, const char *out)
{
	struct elf_file *f;
	struct section *sec;
	struct symbol *g1, *g2;

	CHECK_EQ(run("%s -e g2 -o %s %s", linker, path(out), path(obj)), 0);
	f = elf_open(path(out), false);
	CHECK(f != NULL);
	if (!f)
		return;
	sec = elf_find_section(f, ".fpvtest");
	g1 = sym_named(f, "g1");
	g2 = sym_named(f, "g2");
	CHECK(sec && g1 && g2 && sec->size == 16 && sec->addr);
	if (sec && g1 && g2 && sec->data) {
		CHECK_EQ(get_u64(sec->data), g2->value);
		CHECK_EQ(get_s32(sec->data + 8), (int64_t)g1->value - (int64_t)(sec->addr + 8));
	}
	elf_close(f);
}

static void test_add_section(const char *obj)
{
	struct elf_file *f = elf_open(path(obj), true);
	struct section *text, *sec;
	struct symbol *g1, *g2;
	uint8_t zero[16] = { 0 };
	char gnu[64], lld[64];

	CHECK(f != NULL);
	if (!f)
		return;
	text = elf_find_section(f, ".text");
	g1 = sym_named(f, "g1");
	g2 = sym_named(f, "g2");
	CHECK(text && g1 && g2);
	if (!text || !g1 || !g2) {
		elf_close(f);
		return;
	}
	struct new_reloc rel[2] = {
		{ .offset = 0, .type = R_AARCH64_ABS64, .target_sec = text, .addend = g2->value },
		{ .offset = 8, .type = R_AARCH64_PREL32, .target_sec = text, .addend = g1->value },
	};
	CHECK(elf_add_section(f, ".fpvtest", SHT_PROGBITS, SHF_ALLOC, 8, zero, 16, rel, 2) == 0);
	CHECK(elf_add_section(f, ".fpvtest", SHT_PROGBITS, SHF_ALLOC, 8, zero, 16, NULL, 0) < 0);
	CHECK(elf_write(f) == 0);
	elf_close(f);

	/* Reopened: the new section, its relocations against the text section symbol. */
	f = elf_open(path(obj), false);
	CHECK(f != NULL);
	if (!f)
		return;
	sec = elf_find_section(f, ".fpvtest");
	text = elf_find_section(f, ".text");
	CHECK(sec && sec->nr_relocs == 2 && sec->rela && !strcmp(sec->rela->name, ".rela.fpvtest"));
	if (sec && sec->nr_relocs == 2) {
		CHECK(sec->relocs[0].sym && sec->relocs[0].sym->type == STT_SECTION &&
		      sec->relocs[0].sym->sec == text);
		CHECK_EQ(sec->relocs[1].type, R_AARCH64_PREL32);
	}
	/* Symbols renumbered by the inserted local still resolve. */
	g2 = sym_named(f, "g2");
	if (text && g2) {
		struct reloc *r = elf_find_reloc(text, g2->value, g2->size);
		CHECK(r && r->sym && !strcmp(r->sym->name, "g1"));
	}
	elf_close(f);
	CHECK_EQ(run("aarch64-linux-gnu-readelf -rW %s 2>&1 | grep -q 'R_AARCH64_PREL32 .* \\.text + '",
		     path(obj)), 0);
	CHECK_EQ(run("aarch64-linux-gnu-readelf -sW %s 2>&1 | grep -q Warning", path(obj)) != 0, 1);
	snprintf(gnu, sizeof(gnu), "%s.gnu", obj);
	snprintf(lld, sizeof(lld), "%s.lld", obj);
	check_linked(obj, "aarch64-linux-gnu-ld", gnu);
	check_linked(obj, "ld.lld", lld);
}

static size_t count_section_symbols(const char *obj)
{
	struct elf_file *f = elf_open(path(obj), false);
	struct symbol *s;
	size_t n = 0;

	if (!f)
		return (size_t)-1;
	for_each_sym(f, s)
		n += s->type == STT_SECTION && s->sec && !strcmp(s->sec->name, ".text");
	elf_close(f);
	return n;
}

/* The symbol is inserted among the locals; globals and their relocations shift. */
static void test_no_section_symbol(void)
{
	CHECK_EQ(count_section_symbols("nosecsym.o"), 0);
	test_add_section("nosecsym.o");
	CHECK_EQ(count_section_symbols("nosecsym.o"), 1);
	CHECK_EQ(run("aarch64-linux-gnu-readelf -sW %s | awk '$5 == \"LOCAL\" && seen { bad = 1 } "
		     "$5 == \"GLOBAL\" { seen = 1 } END { exit bad }'", path("nosecsym.o")), 0);
}

/* Shrink section idx of obj (copied to out) by d bytes in its header. */
static bool shrink_copy(const char *obj, const char *out, unsigned idx, uint64_t d)
{
	FILE *in = fopen(path(obj), "rb"), *o;
	static uint8_t buf[1 << 20];
	size_t n = in ? fread(buf, 1, sizeof(buf), in) : 0;
	Elf64_Ehdr eh;
	Elf64_Shdr sh;

	if (in)
		fclose(in);
	if (n < sizeof(eh))
		return false;
	memcpy(&eh, buf, sizeof(eh));
	memcpy(&sh, buf + eh.e_shoff + idx * sizeof(sh), sizeof(sh));
	if (sh.sh_size < d)
		return false;
	sh.sh_size -= d;
	memcpy(buf + eh.e_shoff + idx * sizeof(sh), &sh, sizeof(sh));
	o = fopen(path(out), "wb");
	if (!o)
		return false;
	fwrite(buf, 1, n, o);
	return fclose(o) == 0;
}

/*
 * Found by fuzzing: when the new layout put the section header table at its
 * old offset, libelf wrote it from its copy of the old, shorter table.  Some
 * shrink of .comment reproduces that offset; every one must write correctly.
 */
static void test_shdr_same_offset(const char *obj)
{
	struct elf_file *f = elf_open(path(obj), false);
	struct section *c = f ? elf_find_section(f, ".comment") : NULL;
	unsigned idx = c ? c->idx : 0;
	uint64_t max = c ? c->size : 0;
	static const uint8_t payload[1] = "f";

	elf_close(f);
	CHECK(idx != 0);
	for (uint64_t d = 1; d < max && d <= 64; d++) {
		struct elf_file *g;
		if (!shrink_copy(obj, "shrunk.o", idx, d))
			break;
		g = elf_open(path("shrunk.o"), true);
		CHECK(g != NULL);
		if (!g)
			break;
		CHECK(elf_add_section(g, ".f", SHT_PROGBITS, 0, 1, payload, 1, NULL, 0) == 0);
		CHECK(elf_write(g) == 0);
		elf_close(g);
		g = elf_open(path("shrunk.o"), false);
		CHECK(g && elf_find_section(g, ".f") && elf_find_section(g, ".f")->size == 1);
		elf_close(g);
		if (test_failed_checks) {
			printf("  failed with .comment shrunk by %lu bytes\n", (unsigned long)d);
			break;
		}
	}
}

static int count_temp_files(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += strstr(e->d_name, ".fpv-") != NULL;
	if (d)
		closedir(d);
	return n;
}

static void test_linked_append(void)
{
	struct elf_file *f;
	struct section *sec;
	struct stat st;
	static const char note[] = "fpv test note";

	write_file("prog.c", "#include <stdio.h>\nint main(void) { puts(\"linked ok\"); return 0; }\n");
	CHECK_EQ(run("aarch64-linux-gnu-gcc -O2 -o %s %s", path("prog"), path("prog.c")), 0);
	chmod(path("prog"), 0751);
	f = elf_open(path("prog"), true);
	CHECK(f != NULL);
	if (!f)
		return;
	CHECK(elf_add_section(f, ".fpvalloc", SHT_PROGBITS, SHF_ALLOC, 8, note, sizeof(note), NULL, 0) < 0);
	CHECK(elf_add_section(f, ".fpvnote", SHT_PROGBITS, 0, 1, note, sizeof(note), NULL, 0) == 0);
	CHECK(elf_write(f) == 0);
	elf_close(f);
	CHECK(stat(path("prog"), &st) == 0 && (st.st_mode & 07777) == 0751);
	CHECK_EQ(count_temp_files(), 0);
	f = elf_open(path("prog"), false);
	CHECK(f != NULL);
	if (!f)
		return;
	sec = elf_find_section(f, ".fpvnote");
	CHECK(sec && sec->size == sizeof(note) && sec->data && !memcmp(sec->data, note, sizeof(note)));
	elf_close(f);
	CHECK_EQ(run("aarch64-linux-gnu-readelf -SW %s 2>&1 | grep -q Warning", path("prog")) != 0, 1);
	CHECK_EQ(run("qemu-aarch64 -L /usr/aarch64-linux-gnu %s | grep -qx 'linked ok'", path("prog")), 0);
}

static bool same_file(const char *a, const char *b)
{
	return run("cmp -s %s %s", a, b) == 0;
}

/* Full disk, then read-only: elf_write fails, the original stays, no temporaries. */
static void test_write_failures(const char *mnt)
{
	static uint8_t big[256 * 1024];
	struct elf_file *f;
	struct section *text;

	CHECK_EQ(run("cp %s %s/t.o && cp %s/t.o %s", path("gcc.o"), mnt, mnt, path("before.o")), 0);
	for (int ro = 0; ro < 2; ro++) {
		char tgt[600];
		snprintf(tgt, sizeof(tgt), "%s/t.o", mnt);
		if (ro)
			CHECK(mount(NULL, mnt, NULL, MS_REMOUNT | MS_RDONLY, NULL) == 0);
		f = elf_open(tgt, true);
		CHECK(f != NULL);
		if (!f)
			return;
		text = elf_find_section(f, ".text");
		struct new_reloc r = { .offset = 0, .type = R_AARCH64_ABS64, .target_sec = text };
		CHECK(elf_add_section(f, ".fpvbig", SHT_PROGBITS, SHF_ALLOC, 8, big,
				      ro ? 16 : sizeof(big), &r, 1) == 0);
		CHECK(elf_write(f) < 0);
		elf_close(f);
		CHECK(same_file(tgt, path("before.o")));
		CHECK_EQ(run("ls -A %s | grep -q fpv-", mnt) != 0, 1);
	}
}

static const char so_src[] =
	"static __attribute__((noinline)) int hidden1(int x) { return x * 5 + 3; }\n"
	"static __attribute__((noinline)) int hidden2(int x) { return hidden1(x) ^ 0x55; }\n"
	"int exported(int x) { return hidden2(x) + hidden1(x + 1); }\n";

/* Stripped: hidden1/hidden2 come back as fde_<addr> at the unstripped addresses. */
static void test_stripped_so(void)
{
	struct elf_file *full, *f;
	const char *names[] = { "hidden1", "hidden2", "exported" };

	write_file("lib.c", so_src);
	CHECK_EQ(run("aarch64-linux-gnu-gcc -O2 -shared -fPIC -o %s %s && "
		     "aarch64-linux-gnu-strip -o %s %s", path("lib.so"), path("lib.c"),
		     path("libs.so"), path("lib.so")), 0);
	full = elf_open(path("lib.so"), false);
	f = elf_open(path("libs.so"), false);
	CHECK(full && f);
	if (full && f) {
		CHECK(f->stripped && !full->stripped);
		for (size_t i = 0; i < 3; i++) {
			struct symbol *want = sym_named(full, names[i]), *got;
			struct section *sec;
			CHECK(want != NULL);
			if (!want)
				continue;
			sec = elf_section_at_addr(f, want->value);
			CHECK(sec && sec->text);
			got = sec ? elf_find_symbol_at(sec, want->value) : NULL;
			CHECK(got != NULL);
			if (!got)
				continue;
			CHECK_EQ(got->size, want->size);
			CHECK_EQ(got->origin, i < 2 ? SYM_FROM_EH_FRAME : SYM_FROM_DYNSYM);
			if (i < 2) {
				char name[32];
				snprintf(name, sizeof(name), "fde_%lx", (unsigned long)want->value);
				CHECK_STR(got->name, name);
			}
		}
	}
	elf_close(full);
	elf_close(f);
}

static const char asm_src[] =
	"	.text\n"
	"	.globl fn\n"
	"	.type fn, %function\n"
	"fn:\n"
	"	ldr x0, 1f\n"
	"	ret\n"
	"1:	.quad 0x1122334455667788\n"
	"	.size fn, .-fn\n"
	"	.globl lab\n"
	"	.globl lab_alias\n"
	"lab:\n"
	"lab_alias:\n"
	"	nop\n"
	"	ret\n";

int main(void)
{
	TEST_PROG("test_elf");
	if (!mkdtemp(dir) || run("command -v aarch64-linux-gnu-gcc >/dev/null") != 0) {
		printf("SKIP: test_elf (no temporary directory or no aarch64-linux-gnu-gcc)\n");
		return 0;
	}
	write_file("t.c", c_src);
	write_file("m.s", asm_src);
	run("aarch64-linux-gnu-gcc -O2 -c -o %s %s", path("gcc.o"), path("t.c"));
	run("clang --target=aarch64-linux-gnu -O2 -c -o %s %s", path("clang.o"), path("t.c"));
	/* Without .eh_frame, LLVM emits no .text section symbol: elf_write must add one. */
	run("clang --target=aarch64-linux-gnu -O2 -fno-asynchronous-unwind-tables -c -o %s %s",
	    path("nosecsym.o"), path("t.c"));
	run("aarch64-linux-gnu-as -o %s %s", path("gas.o"), path("m.s"));
	run("clang-16 --target=aarch64-linux-gnu -c -o %s %s", path("llvm.o"), path("m.s"));

	TEST_BEGIN("read gcc object");
	test_read("gcc.o");
	TEST_END();
	TEST_BEGIN("read clang object");
	test_read("clang.o");
	TEST_END();
	TEST_BEGIN("section header 0 is never a section");
	test_section_zero();
	TEST_END();
	TEST_BEGIN("mapping symbols, GNU as");
	test_mapping("gas.o");
	TEST_END();
	TEST_BEGIN("mapping symbols, LLVM");
	test_mapping("llvm.o");
	TEST_END();
	TEST_BEGIN("add section with relocations to a gcc object, link with ld and ld.lld");
	test_add_section("gcc.o");
	TEST_END();
	TEST_BEGIN("add section with relocations to a clang object, link with ld and ld.lld");
	test_add_section("clang.o");
	TEST_END();
	TEST_BEGIN("section header table written at its old offset");
	test_shdr_same_offset("gcc.o");
	test_shdr_same_offset("clang.o");
	TEST_END();
	TEST_BEGIN("add section with relocations to an object without a .text section symbol");
	test_no_section_symbol();
	TEST_END();
	TEST_BEGIN("append a non-allocated section to an executable");
	test_linked_append();
	TEST_END();
	TEST_BEGIN("stripped shared library: function starts from .dynsym and .eh_frame");
	test_stripped_so();
	TEST_END();
	mkdir(path("mnt"), 0755);
	if (mount("tmpfs", path("mnt"), "tmpfs", 0, "size=128k") == 0) {
		TEST_BEGIN("write on a full or read-only file system leaves the original");
		test_write_failures(path("mnt"));
		TEST_END();
		umount(path("mnt"));
	} else {
		printf("SKIP: test_elf: write failures (cannot mount a small tmpfs here)\n");
	}
	if (!test_failed_blocks)
		run("rm -rf %s", dir);
	else
		printf("  test files kept in %s\n", dir);
	return test_exit();
}
