// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * DWARF CFI as a witness (see dwarf_cfi.h).  Linked files are read by libdw
 * straight from the ELF layer's handle.  In a relocatable object every
 * section starts at 0 and the FDEs' initial locations are relocations, so
 * this file lays the allocated sections out one after the other, applies the
 * CFI section's relocations (the ELF layer's RELA list) to a copy, and hands
 * libdw, through libdwfl's in-memory reporting, a minimal image holding that
 * copy.  (libdwfl 0.188 relocates the .debug_* sections of ET_REL files but
 * not .eh_frame, which is SHF_ALLOC.)  libdw then evaluates the CFA, x29
 * and x30 rules row by row: dwarf_cfi_addrframe once per row, not once per
 * instruction.
 *
 * libdw 0.188 accepts DW_CFA_AARCH64_negate_ra_state (0x2d, the opcode of
 * DW_CFA_GNU_window_save) but does not expose the state it toggles, so this
 * file walks each FDE's instructions (as the call-frame reader, eh_frame.c,
 * delimits them) and records where the return-address signing state
 * changes, with DW_CFA_remember_state and DW_CFA_restore_state saving and
 * restoring it as libgcc and LLVM's unwinders do.
 *
 * Normalisation: libdw reports a register with no rule as "undefined".  For
 * x29 and x30 the AArch64 ABI means "same value" (both are preserved
 * across calls, x30 by being the return address), so "undefined" becomes
 * REG_SAME unless the FDE says DW_CFA_undefined for that register itself
 * (the outermost-frame marker of _start), which stays REG_UNDEF.
 */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arch.h"
#include "dwarf_cfi.h"
#include "eh_frame.h"
#include "error.h"
#include "grow.h"
#include "search.h"

/* One point where the signing state changes inside an FDE. */
struct ra_change {
	uint64_t addr;
	bool ra_signed;
};

/* What the raw walk of one FDE found. */
struct fde_info {
	uint64_t lo, hi;		/* [lo, hi) in libdw's address space */
	struct ra_change *changes;	/* sorted by addr */
	size_t nr_changes;
	bool undef_fp, undef_ra;	/* explicit DW_CFA_undefined x29 / x30 */
};

struct dwarf_cfi {
	struct elf_file *file;
	struct section *sec;		/* .eh_frame or .debug_frame */
	bool eh;
	const uint8_t *cfi_data;	/* the section's bytes, relocated for ET_REL */
	uint64_t cfi_addr;		/* its address in libdw's view */
	uint64_t *sec_addr;		/* ET_REL: per section index, our layout */
	uint8_t *image;			/* ET_REL: the image libdwfl reads */
	Dwfl *dwfl;
	Dwarf *dw;			/* .debug_frame */
	Dwarf_CFI *cfi;
	struct fde_info *fdes;		/* sorted by lo */
	size_t nr_fdes;
	/* The row most recently returned by libdw, reused for later addresses. */
	Dwarf_Frame *frame;
	Dwarf_Addr frame_lo, frame_hi;
};

static int dw_no_debuginfo(Dwfl_Module *mod, void **userdata, const char *modname,
			      Dwarf_Addr base, const char *file_name,
			      const char *debuglink_file, GElf_Word debuglink_crc,
			      char **debuginfo_file_name)
{
	(void)mod; (void)userdata; (void)modname; (void)base; (void)file_name;
	(void)debuglink_file; (void)debuglink_crc; (void)debuginfo_file_name;
	return -1;	/* the file itself is the only witness we read */
}

static const Dwfl_Callbacks dw_offline_callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = dw_no_debuginfo,
	.section_address = dwfl_offline_section_address,
};

/* Where the text of a relocatable object is placed for libdw. */
#define DW_REL_BASE 0x100000ull

/*
 * A relocatable object's sections all start at 0, so its FDEs would all
 * describe the same addresses.  Give each SHF_ALLOC section its own range,
 * in index order (the CFI section last, for .eh_frame's PC-relative
 * pointers), like a linker would.
 */
static int dw_layout(struct dwarf_cfi *c)
{
	struct section *s;
	uint64_t at = DW_REL_BASE;

	c->sec_addr = calloc(c->file->nr_sections + 1, sizeof(*c->sec_addr));
	if (!c->sec_addr)
		return fpv_oom(c->file->path);
	for_each_sec(c->file, s) {
		if (!(s->flags & SHF_ALLOC) || s == c->sec || s->idx > c->file->nr_sections)
			continue;
		uint64_t align = s->align > 1 && s->align < 0x10000 ? s->align : 1;
		at = (at + align - 1) & ~(align - 1);
		c->sec_addr[s->idx] = at;
		at += s->size;
	}
	c->cfi_addr = c->eh ? (at + 15) & ~15ull : 0;
	if (c->eh)
		c->sec_addr[c->sec->idx] = c->cfi_addr;
	if (at - DW_REL_BASE >= (1ull << 31))
		return fpv_error(c->file->path, "%s: allocated sections span 2 GiB or more",
				 c->sec->name);
	return 0;
}

static void put_le(uint8_t *p, uint64_t v, unsigned size)
{
	for (unsigned i = 0; i < size; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* Apply the CFI section's relocations to the copy at c->cfi_data. */
static int dw_relocate(struct dwarf_cfi *c, uint8_t *data)
{
	for (size_t i = 0; i < c->sec->nr_relocs; i++) {
		const struct reloc *r = &c->sec->relocs[i];
		uint64_t S = 0, P = c->cfi_addr + r->offset, v;
		unsigned size;

		if (r->sym && r->sym->sec && r->sym->sec->idx <= c->file->nr_sections)
			S = c->sec_addr[r->sym->sec->idx] + r->sym->value;
		else if (r->sym)
			S = r->sym->value;
		struct arch_reloc a = arch_reloc(r->type);

		size = a.size;
		if (a.kind == ARCH_RELOC_NONE)
			continue;
		if ((a.kind == ARCH_RELOC_ABS || a.kind == ARCH_RELOC_PCREL) && (size == 4 || size == 8)) {
			v = S + r->addend - (a.kind == ARCH_RELOC_PCREL ? P : 0);
		} else {
			return fpv_error(c->file->path, "%s: unexpected relocation type %u at 0x%llx",
					 c->sec->name, r->type, (unsigned long long)r->offset);
		}
		if (r->offset > c->sec->size || c->sec->size - r->offset < size) {
			return fpv_error(c->file->path, "%s: relocation at 0x%llx outside the section",
					 c->sec->name, (unsigned long long)r->offset);
		}
		put_le(data + r->offset, v, size);
	}
	return 0;
}

/*
 * A minimal linked image holding only the relocated CFI section, for libdw
 * to read through libdwfl: ELF header, one PT_LOAD, the section headers
 * (null, the CFI section, .shstrtab).
 */
static uint8_t *dw_image(struct dwarf_cfi *c, size_t *size)
{
	static const char strtab[] = "\0.eh_frame\0.debug_frame\0.shstrtab";
	const size_t data_off = sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr);
	size_t str_off = data_off + c->sec->size, sh_off = (str_off + sizeof(strtab) + 7) & ~7ul;
	uint8_t *img = calloc(1, sh_off + 3 * sizeof(Elf64_Shdr));

	if (!img) {
		fpv_oom(c->file->path);
		return NULL;
	}
	Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_AARCH64;
	eh->e_version = EV_CURRENT;
	eh->e_phoff = sizeof(Elf64_Ehdr);
	eh->e_shoff = sh_off;
	eh->e_ehsize = sizeof(Elf64_Ehdr);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = 1;
	eh->e_shentsize = sizeof(Elf64_Shdr);
	eh->e_shnum = 3;
	eh->e_shstrndx = 2;
	Elf64_Phdr *ph = (Elf64_Phdr *)(img + sizeof(Elf64_Ehdr));
	ph->p_type = PT_LOAD;
	ph->p_flags = PF_R | PF_X;
	ph->p_vaddr = ph->p_paddr = DW_REL_BASE;
	ph->p_memsz = (c->eh ? c->cfi_addr + c->sec->size : DW_REL_BASE + 1) - DW_REL_BASE;
	ph->p_align = 1;
	memcpy(img + data_off, c->sec->data, c->sec->size);
	memcpy(img + str_off, strtab, sizeof(strtab));
	Elf64_Shdr *sh = (Elf64_Shdr *)(img + sh_off);
	sh[1].sh_name = c->eh ? 1 : 11;
	sh[1].sh_type = SHT_PROGBITS;
	sh[1].sh_flags = c->eh ? SHF_ALLOC : 0;
	sh[1].sh_addr = c->cfi_addr;
	sh[1].sh_offset = data_off;
	sh[1].sh_size = c->sec->size;
	sh[1].sh_addralign = 8;
	sh[2].sh_name = 24;
	sh[2].sh_type = SHT_STRTAB;
	sh[2].sh_offset = str_off;
	sh[2].sh_size = sizeof(strtab);
	sh[2].sh_addralign = 1;
	*size = sh_off + 3 * sizeof(Elf64_Shdr);
	c->cfi_data = img + data_off;
	return dw_relocate(c, img + data_off) < 0 ? (free(img), NULL) : img;
}

/* libdw's view of the (relocated) CFI section in Elf *elf. */
static int dw_attach(struct dwarf_cfi *c, Elf *elf)
{
	if (c->eh) {
		c->cfi = dwarf_getcfi_elf(elf);
	} else {
		c->dw = dwarf_begin_elf(elf, DWARF_C_READ, NULL);
		c->cfi = c->dw ? dwarf_getcfi(c->dw) : NULL;
	}
	if (!c->cfi) {
		fpv_error(c->file->path, "cannot read %s: %s", c->sec->name, dwarf_errmsg(-1));
		return -1;
	}
	return 0;
}

/* Relocatable objects: lay out, relocate and hand libdwfl the image. */
static int dw_open_rel(struct dwarf_cfi *c)
{
	size_t size;
	Dwarf_Addr bias;

	if (dw_layout(c) < 0 || !(c->image = dw_image(c, &size)))
		return -1;
	c->dwfl = dwfl_begin(&dw_offline_callbacks);
	if (!c->dwfl)
		goto fail;
	dwfl_report_begin(c->dwfl);
	Dwfl_Module *mod = dwfl_report_offline_memory(c->dwfl, "", c->file->path,
						       (char *)c->image, size);
	dwfl_report_end(c->dwfl, NULL, NULL);
	Elf *elf = mod ? dwfl_module_getelf(mod, &bias) : NULL;
	if (!elf)
		goto fail;
	return dw_attach(c, elf);
fail:
	fpv_error(c->file->path, "cannot read %s: %s", c->sec->name, dwfl_errmsg(-1));
	return -1;
}

/* The address libdw uses for offset off of section sec. */
static bool dw_query_addr(const struct dwarf_cfi *c, const struct section *sec,
			     uint64_t off, uint64_t *q)
{
	if (!c->sec_addr) {
		*q = sec->addr + off;
		return true;
	}
	if (sec->idx > c->file->nr_sections || !c->sec_addr[sec->idx])
		return false;
	*q = c->sec_addr[sec->idx] + off;
	return true;
}

static const char *dw_section_name(enum dwarf_which which, struct elf_file *file)
{
	if (which == DWARF_EH_FRAME)
		return ".eh_frame";
	if (which == DWARF_DEBUG_FRAME)
		return ".debug_frame";
	struct section *eh = elf_find_section(file, ".eh_frame");
	return eh && eh->size > 4 ? ".eh_frame" : ".debug_frame";
}

static int dw_walk_fdes(struct dwarf_cfi *c);

int dwarf_cfi_open(struct elf_file *file, enum dwarf_which which, struct dwarf_cfi **out)
{
	const char *name = dw_section_name(which, file);
	struct section *sec = elf_find_section(file, name);

	*out = NULL;
	if (!sec || sec->size == 0 || !sec->data)
		return 0;

	struct dwarf_cfi *c = calloc(1, sizeof(*c));
	if (!c) {
		fpv_oom(file->path);
		return -1;
	}
	c->file = file;
	c->sec = sec;
	c->eh = !strcmp(name, ".eh_frame");
	if (file->e_type == ET_REL) {
		if (dw_open_rel(c) < 0)
			goto fail;
	} else {
		c->cfi_data = sec->data;
		c->cfi_addr = sec->addr;
		if (dw_attach(c, file->elf) < 0)
			goto fail;
	}
	if (dw_walk_fdes(c) < 0)
		goto fail;
	*out = c;
	return 0;
fail:
	dwarf_cfi_close(c);
	return -1;
}

void dwarf_cfi_close(struct dwarf_cfi *c)
{
	if (!c)
		return;
	free(c->frame);
	for (size_t i = 0; i < c->nr_fdes; i++)
		free(c->fdes[i].changes);
	free(c->fdes);
	free(c->sec_addr);
	if (c->eh && c->cfi)
		dwarf_cfi_end(c->cfi);	/* dwarf_getcfi_elf's result is ours to free */
	if (c->dw)
		dwarf_end(c->dw);
	if (c->dwfl)
		dwfl_end(c->dwfl);
	free(c->image);
	free(c);
}

const char *dwarf_cfi_section(const struct dwarf_cfi *c)
{
	return c->eh ? ".eh_frame" : ".debug_frame";
}

/* ---- The raw walk: FDE ranges and the signing state ------------------- */

struct ra_walk {
	uint64_t loc;
	bool ra_signed;
	bool stack[16];			/* remember_state / restore_state */
	unsigned depth;
	struct fde_info *fde;
	size_t cap;
	bool bad;
	uint64_t bad_reg;		/* a register number no AArch64 CFI uses, 0: none */
};

/*
 * AArch64 DWARF registers end at 127 (z31).  libdw sizes every row's
 * register table by the largest number an FDE names, so a corrupt
 * "DW_CFA_same_value r171306005" would cost gigabytes per row: such an
 * entry is malformed.
 */
#define DWARF_MAX_REG 255

static uint64_t rd_reg(struct eh_cursor *r, struct ra_walk *w)
{
	uint64_t reg = eh_uleb(r);

	if (reg > DWARF_MAX_REG && !w->bad_reg)
		w->bad_reg = reg;
	return reg;
}

static void walk_note(struct ra_walk *w)
{
	struct fde_info *f = w->fde;

	if (f->nr_changes && f->changes[f->nr_changes - 1].addr == w->loc) {
		f->changes[f->nr_changes - 1].ra_signed = w->ra_signed;
		return;
	}
	struct ra_change *n = grow_array(f->changes, &w->cap, f->nr_changes + 1, sizeof(*n), 4);

	if (!n) {
		w->bad = true;
		return;
	}
	f->changes = n;
	f->changes[f->nr_changes++] = (struct ra_change){ w->loc, w->ra_signed };
}

/* Run one CFA instruction stream; only locations and the RA state matter. */
static void walk_insns(struct ra_walk *w, const uint8_t *data, uint64_t pos, uint64_t end,
		       uint64_t caf, bool in_cie)
{
	struct eh_cursor r = { data, pos, end, false };

	while (r.pos < r.end && !r.bad) {
		uint8_t op = eh_u8(&r);
		uint64_t reg;

		switch (op & 0xc0) {
		case DW_CFA_advance_loc: w->loc += (op & 0x3f) * caf; continue;
		case DW_CFA_offset: eh_uleb(&r); continue;
		case DW_CFA_restore: continue;
		}
		switch (op) {
		case DW_CFA_nop: break;
		case DW_CFA_set_loc: eh_udata(&r, 8); w->bad = true; break;
		case DW_CFA_advance_loc1: w->loc += eh_udata(&r, 1) * caf; break;
		case DW_CFA_advance_loc2: w->loc += eh_udata(&r, 2) * caf; break;
		case DW_CFA_advance_loc4: w->loc += eh_udata(&r, 4) * caf; break;
		case DW_CFA_MIPS_advance_loc8: w->loc += eh_udata(&r, 8) * caf; break;
		case DW_CFA_undefined:
			reg = rd_reg(&r, w);
			if (reg == 29)
				w->fde->undef_fp = true;
			if (reg == 30)
				w->fde->undef_ra = true;
			break;
		case DW_CFA_restore_extended: case DW_CFA_same_value:
		case DW_CFA_def_cfa_register:
			rd_reg(&r, w);
			break;
		case DW_CFA_def_cfa_offset: case DW_CFA_GNU_args_size:
			eh_uleb(&r);
			break;
		case DW_CFA_def_cfa_offset_sf: eh_sleb(&r); break;
		case DW_CFA_register:
			rd_reg(&r, w); rd_reg(&r, w);
			break;
		case DW_CFA_offset_extended: case DW_CFA_def_cfa:
		case DW_CFA_val_offset: case DW_CFA_GNU_negative_offset_extended:
			rd_reg(&r, w); eh_uleb(&r);
			break;
		case DW_CFA_offset_extended_sf: case DW_CFA_def_cfa_sf:
		case DW_CFA_val_offset_sf:
			rd_reg(&r, w); eh_sleb(&r);
			break;
		case DW_CFA_def_cfa_expression: eh_skip(&r, eh_uleb(&r)); break;
		case DW_CFA_expression: case DW_CFA_val_expression:
			rd_reg(&r, w); eh_skip(&r, eh_uleb(&r));
			break;
		case DW_CFA_remember_state:
			if (w->depth < sizeof(w->stack))
				w->stack[w->depth] = w->ra_signed;
			w->depth++;
			break;
		case DW_CFA_restore_state:
			if (w->depth == 0) {
				w->bad = true;
				break;
			}
			w->depth--;
			if (w->depth < sizeof(w->stack))
				w->ra_signed = w->stack[w->depth];
			if (!in_cie)
				walk_note(w);
			break;
		case 0x2d:	/* DW_CFA_AARCH64_negate_ra_state */
			w->ra_signed = !w->ra_signed;
			if (!in_cie)
				walk_note(w);
			break;
		default:
			w->bad = true;
			break;
		}
	}
	if (r.bad)
		w->bad = true;
}

static int fde_cmp(const void *a, const void *b)
{
	const struct fde_info *x = a, *y = b;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static int dw_add_fde(struct dwarf_cfi *c, const struct eh_fde *fde, size_t *cap)
{
	const struct eh_cie *cie = fde->cie;
	uint64_t lo;

	if (!fde->pc.ok)
		return 0;	/* unrelocated or discarded: libdw cannot place it either */
	if (!fde->pc.sec)
		lo = fde->pc.val;
	else if (!dw_query_addr(c, fde->pc.sec, fde->pc.val, &lo))
		return 0;	/* in a section libdw is not shown */
	struct fde_info *n = grow_array(c->fdes, cap, c->nr_fdes + 1, sizeof(*n), 64);

	if (!n)
		return -1;
	c->fdes = n;
	struct fde_info *f = &c->fdes[c->nr_fdes++];
	memset(f, 0, sizeof(*f));
	f->lo = lo;
	f->hi = lo + fde->range;
	struct ra_walk w = { .loc = lo, .fde = f };
	walk_insns(&w, c->cfi_data, cie->insns, cie->insns_end, cie->code_align, true);
	if (w.ra_signed)
		walk_note(&w);
	walk_insns(&w, c->cfi_data, fde->insns, fde->insns_end, cie->code_align, false);
	if (cie->ra_reg > DWARF_MAX_REG && !w.bad_reg)
		w.bad_reg = cie->ra_reg;
	if (w.bad_reg) {
		fpv_error(c->file->path, "%s: FDE at 0x%llx names DWARF register %llu (AArch64 has 0-127)",
			  dwarf_cfi_section(c), (unsigned long long)fde->off, (unsigned long long)w.bad_reg);
		return -2;
	}
	return 0;
}

static int dw_walk_fdes(struct dwarf_cfi *c)
{
	struct eh_iter it;
	struct eh_fde fde;
	size_t cap = 0;
	int rc;

	eh_iter_init(&it, c->file, c->sec, c->cfi_data, c->eh);
	while ((rc = eh_next(&it, &fde)) > 0) {
		if ((rc = dw_add_fde(c, &fde, &cap)) < 0) {
			if (rc == -1)
				fpv_oom(c->file->path);
			return -1;
		}
	}
	if (rc < 0) {
		fpv_error(c->file->path, "%s: %s", dwarf_cfi_section(c), it.err);
		return -1;
	}
	if (c->nr_fdes)
		qsort(c->fdes, c->nr_fdes, sizeof(*c->fdes), fde_cmp);
	return 0;
}

static const struct fde_info *dw_find_fde(const struct dwarf_cfi *c, uint64_t q)
{
	size_t lo = partition_point(c->nr_fdes, i, c->fdes[i].lo <= q);

	/* The last FDE starting at or before q, or the one before (overlap). */
	for (unsigned k = 0; k < 2 && lo > 0; k++) {
		const struct fde_info *f = &c->fdes[--lo];
		if (q < f->hi)
			return f;
	}
	return NULL;
}

static bool fde_ra_signed(const struct fde_info *f, uint64_t q)
{
	bool s = false;

	for (size_t i = 0; i < f->nr_changes && f->changes[i].addr <= q; i++)
		s = f->changes[i].ra_signed;
	return s;
}

/* ---- Rows to states --------------------------------------------------- */

/*
 * An expression rule "saved at [breg N + k]" (DW_CFA_expression with one
 * DW_OP_bregN or DW_OP_bregx, which ignores the CFA pushed before it), with
 * the CFA on that same register N (SP or x29): the address is CFA - cfa_off
 * + k, an ordinary save slot.  Hand-
 * written assembly says so (libgcrypt: x30 at DW_OP_breg31 (sp) + 8).
 */
static bool breg_slot(const Dwarf_Op *op, const struct cfi_state *s, int32_t *off)
{
	unsigned reg;
	int64_t k, v;

	if (op->atom == DW_OP_bregx) {
		reg = (unsigned)op->number;
		k = (int64_t)op->number2;
	} else if (op->atom >= DW_OP_breg0 && op->atom <= DW_OP_breg31) {
		reg = op->atom - DW_OP_breg0;
		k = (int64_t)op->number;
	} else {
		return false;
	}
	if (!((reg == 31 && s->cfa_base == CFA_SP) || (reg == 29 && s->cfa_base == CFA_FP)))
		return false;
	v = k - s->cfa_off;
	if (v <= INT32_MIN || v >= INT32_MAX)
		return false;
	*off = (int32_t)v;
	return true;
}

static void norm_reg(Dwarf_Frame *frame, int regno, bool explicit_undef,
		     const struct cfi_state *s, uint8_t *where, int32_t *off)
{
	Dwarf_Op mem[3], *ops = NULL;
	size_t nops = 0;

	*off = 0;
	if (dwarf_frame_register(frame, regno, mem, &ops, &nops) != 0) {
		*where = REG_UNDEF;
		return;
	}
	if (nops == 0) {
		/* ops == NULL: same_value; ops == mem: undefined (or no rule). */
		*where = (ops == NULL || !explicit_undef) ? REG_SAME : REG_UNDEF;
		return;
	}
	if (ops[0].atom == DW_OP_call_frame_cfa && ops[nops - 1].atom != DW_OP_stack_value) {
		if (nops == 1) {
			*where = REG_SAVED;
			return;
		}
		if (nops == 2 && ops[1].atom == DW_OP_plus_uconst) {
			*where = REG_SAVED;
			*off = (int32_t)(int64_t)ops[1].number;
			return;
		}
	}
	/* libdw pushes the CFA before an expression rule's own operations */
	if (ops[0].atom == DW_OP_call_frame_cfa && nops == 2 && breg_slot(&ops[1], s, off)) {
		*where = REG_SAVED;
		return;
	}
	*off = 0;
	*where = REG_UNDEF;	/* register, val_offset or other expression rules */
}

static void norm_frame(Dwarf_Frame *frame, const struct fde_info *f, uint64_t q,
		       struct cfi_state *s)
{
	Dwarf_Op *ops = NULL;
	size_t nops = 0;

	memset(s, 0, sizeof(*s));
	unsigned reg = ~0u;

	/* libdw gives a register + offset rule as DW_OP_bregx reg, off. */
	if (dwarf_frame_cfa(frame, &ops, &nops) == 0 && nops == 1) {
		if (ops[0].atom == DW_OP_bregx) {
			reg = (unsigned)ops[0].number;
			s->cfa_off = (int32_t)(int64_t)ops[0].number2;
		} else if (ops[0].atom >= DW_OP_breg0 && ops[0].atom <= DW_OP_breg31) {
			reg = ops[0].atom - DW_OP_breg0;
			s->cfa_off = (int32_t)(int64_t)ops[0].number;
		}
	}
	if (reg <= 31) {
		if (reg == 31) {
			s->cfa_base = CFA_SP;
			s->sp_known = true;
			s->sp_off = -s->cfa_off;
		} else if (reg == 29) {
			s->cfa_base = CFA_FP;
			s->fp_val_known = true;
			s->fp_val = -s->cfa_off;
		} else {
			s->cfa_base = CFA_REG;
			s->cfa_reg = (uint8_t)reg;
		}
	} else {
		s->cfa_base = CFA_UNDEF;	/* DW_CFA_def_cfa_expression */
	}
	norm_reg(frame, 29, f && f->undef_fp, s, &s->fp_where, &s->fp_off);
	norm_reg(frame, 30, f && f->undef_ra, s, &s->ra_where, &s->ra_off);
	s->fp_is_frame = s->cfa_base == CFA_FP && s->fp_where == REG_SAVED &&
			 s->fp_off == s->fp_val && s->ra_where == REG_SAVED &&
			 s->ra_off == s->fp_val + 8;
	s->ra_signed = f && fde_ra_signed(f, q);
}

/* The libdw row covering q, reusing the previous one when it still applies. */
static Dwarf_Frame *dw_row(struct dwarf_cfi *c, uint64_t q)
{
	if (c->frame && q >= c->frame_lo && q < c->frame_hi)
		return c->frame;
	free(c->frame);
	c->frame = NULL;
	if (dwarf_cfi_addrframe(c->cfi, q, &c->frame) != 0) {
		c->frame = NULL;
		return NULL;
	}
	bool signalp;
	if (dwarf_frame_info(c->frame, &c->frame_lo, &c->frame_hi, &signalp) < 0) {
		c->frame_lo = q;
		c->frame_hi = q + 1;
	}
	return c->frame;
}

bool dwarf_cfi_covers(const struct dwarf_cfi *c, const struct section *sec, uint64_t off,
		      uint64_t len)
{
	size_t lo;
	uint64_t q;

	if (!len || !dw_query_addr(c, sec, off, &q))
		return false;
	/* the first FDE starting at or after q + len */
	lo = partition_point(c->nr_fdes, i, c->fdes[i].lo < q + len);
	for (unsigned k = 0; k < 2 && lo > 0; k++)	/* (FDEs may overlap) */
		if (c->fdes[--lo].hi > q)
			return true;
	return false;
}

long dwarf_cfi_states(struct dwarf_cfi *c, const struct section *sec, uint64_t off,
		      size_t n, struct cfi_state *out, uint8_t *covered)
{
	uint64_t q0;
	long nr = 0;

	memset(out, 0, n * sizeof(*out));
	memset(covered, 0, n);
	if (!dw_query_addr(c, sec, off, &q0))
		return 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t q = q0 + 4 * i;
		const struct fde_info *f = dw_find_fde(c, q);
		Dwarf_Frame *frame = dw_row(c, q);
		if (!frame)
			continue;
		norm_frame(frame, f, q, &out[i]);
		covered[i] = 1;
		nr++;
	}
	return nr;
}
