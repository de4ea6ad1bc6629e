// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fpv disasm FILE [FUNCTION]: the debugging view of the decoder.  For every
 * word of every executable section (or of one function) it prints the
 * address, func+off, the encoding, the instruction text, the decoded class
 * and the abstract stack operations, so that what the analysis sees can be
 * read next to the code.  Data inside text ($d mapping symbols) is printed as
 * .word and not decoded.  Golden tests (tests/golden/disasm/) compare this
 * output verbatim.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "arch.h"
#include "cmd.h"
#include "elf_file.h"
#include "error.h"

/* One stack operation as "dest=src", e.g. "sp=sp-32!", "[sp+8]=x30", "x29=[sp+0]". */
static int format_op(const struct stack_op *op, char *buf, size_t size)
{
	const char *d = arch_reg_name(op->dest.reg), *s = arch_reg_name(op->src.reg);
	char dst[32], vreg[16];

	if (op->fp_simd) {
		snprintf(vreg, sizeof(vreg), "v%u:%u", op->dest.type == OP_DEST_MEM ? op->src.reg : op->dest.reg,
			 op->size);
		if (op->dest.type == OP_DEST_MEM)
			s = vreg;
		else
			d = vreg;
	}
	if (op->dest.type == OP_DEST_MEM) {
		return snprintf(buf, size, "[%s%+" PRId64 "]=%s", d, op->dest.offset, s);
	}
	snprintf(dst, sizeof(dst), "%s", d);
	switch (op->src.type) {
	case OP_SRC_REG:
		return snprintf(buf, size, "%s=%s", dst, s);
	case OP_SRC_ADD:
		return snprintf(buf, size, "%s=%s%+" PRId64 "%s", dst, s, op->src.offset, op->writeback ? "!" : "");
	case OP_SRC_ADDVL:	/* offset counts VL/16 bytes: VL = 16 of them, PL = 2 */
		if (op->src.offset % 16 == 0)
			return snprintf(buf, size, "%s=%s%+" PRId64 "*vl", dst, s, op->src.offset / 16);
		return snprintf(buf, size, "%s=%s%+" PRId64 "*pl", dst, s, op->src.offset / 2);
	case OP_SRC_MEM:
		return snprintf(buf, size, "%s=[%s%+" PRId64 "]", dst, s, op->src.offset);
	case OP_SRC_AND:
		return snprintf(buf, size, "%s=%s&0x%" PRIx64, dst, s, (uint64_t)op->src.offset);
	case OP_SRC_CONST:
		return snprintf(buf, size, "%s=0x%" PRIx64, dst, (uint64_t)op->src.offset);
	default:
		return snprintf(buf, size, "%s=?%s", dst, op->writeback ? "!" : "");
	}
}

static void print_insn(struct section *sec, uint64_t off, const struct symbol *func)
{
	uint64_t addr = sec->addr + off;
	uint32_t w;
	char where[96], text[96], ops[160] = "";
	struct insn in;
	size_t n = 0;

	memcpy(&w, sec->data + off, 4);		/* AArch64 ELF is little-endian, as is the host */
	if (func)
		snprintf(where, sizeof(where), "%s+0x%" PRIx64, func->name, addr - func->value);
	else
		snprintf(where, sizeof(where), "%s+0x%" PRIx64, sec->name, off);
	if (elf_is_data(sec, off)) {
		printf("%8" PRIx64 "  %-24s %08x  .word 0x%08x\n", addr, where, w, w);
		return;
	}
	arch_decode(w, addr, &in);
	arch_format(&in, addr, text, sizeof(text));
	/* in objects, branch targets and addresses come from relocations */
	{
		const struct reloc *r = elf_find_reloc(sec, off, 4);

		if (r && r->sym) {
			size_t len = strlen(text);

			snprintf(text + len, sizeof(text) - len, " <%s%+" PRId64 ">",
				 r->sym->name[0] ? r->sym->name : r->sym->sec ? r->sym->sec->name : "?", r->addend);
		}
	}
	for (unsigned i = 0; i < in.nr_ops && n < sizeof(ops) - 1; i++) {
		ops[n++] = ' ';
		n += format_op(&in.ops[i], ops + n, sizeof(ops) - n);
	}
	if (in.pac != PAC_NONE && n < sizeof(ops) - 1)
		n += snprintf(ops + n, sizeof(ops) - n, " ra:%s",
			      in.pac == PAC_SIGN_RA ? "sign" : in.pac == PAC_AUTH_RA ? "auth" : "strip");
	if (in.is_bti && n < sizeof(ops) - 1)
		n += snprintf(ops + n, sizeof(ops) - n, " bti");
	if (n >= sizeof(ops))
		n = sizeof(ops) - 1;
	printf("%8" PRIx64 "  %-24s %08x  %-36s %s%s\n", addr, where, w, text,
	       arch_class_name(in.cls), ops);
}

static bool want(const struct symbol *func, const char *name)
{
	return !name || (func && !strcmp(func->name, name));
}

static int disasm_section(struct section *sec, const char *fname)
{
	int shown = 0;

	/* symbol values and mapping symbols are section offsets in objects, addresses otherwise */
	for (uint64_t off = 0; off + 4 <= sec->size; off += 4) {
		const struct symbol *func = elf_find_func_containing(sec, sec->addr + off);
		const struct symbol *start = elf_find_symbol_at(sec, sec->addr + off);

		if (!want(func, fname))
			continue;
		if (!shown++)
			printf("\nsection %s:\n", sec->name);
		if (start && start->name[0] && !elf_mapping_kind(start->name))
			printf("\n%016" PRIx64 " <%s>:\n", sec->addr + off, start->name);
		print_insn(sec, off, func);
	}
	return shown;
}

#define DISASM_USAGE "usage: fpv disasm FILE [FUNCTION]\n"

int cmd_disasm(int argc, char **argv)
{
	struct elf_file *file;
	struct section *sec;
	const char *path = NULL, *fname = NULL;
	int shown = 0;

	static const struct option lo[] = {
		{ "function", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (ch) {
		case 'f':
			fname = optarg;
			break;
		case 'h':
			printf("usage: fpv disasm FILE [FUNCTION]\n"
			       "       fpv disasm --function FUNCTION FILE\n");
			return 0;
		default:
			fputs(DISASM_USAGE, stderr);
			return 2;
		}
	}
	if (optind < argc)
		path = argv[optind++];
	if (optind < argc && !fname)
		fname = argv[optind++];
	if (!path || optind < argc) {
		fputs(DISASM_USAGE, stderr);
		return 2;
	}
	file = elf_open(path, false);
	if (!file)
		return 1;
	for_each_sec(file, sec) {
		if (sec->text && sec->data)
			shown += disasm_section(sec, fname);
	}
	elf_close(file);
	if (fname && !shown) {
		fpv_error(path, "no function '%s'", fname);
		return 1;
	}
	return 0;
}
