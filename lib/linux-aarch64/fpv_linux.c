// SPDX-License-Identifier: GPL-2.0-or-later OR MIT
/*
 * The Linux/AArch64 user-space front end of libfpv: at fpv_init() it finds
 * the text and the ORC tables (.fpv_orc, read from each file on disk, or
 * from its sidecar, found by GNU build-id in FPV_TABLE_PATH; see
 * include/fpv/orc.h) of the executable and every loaded shared object with
 * dl_iterate_phdr(), finds the kernel's sigreturn trampoline (the vDSO's
 * __kernel_rt_sigreturn, or where a probe signal returns to when there is no
 * vDSO, as under qemu-user), and caches the calling thread's stack bounds.
 * The walks themselves (fpv_unwind_ucontext, fpv_unwind_regs) allocate
 * nothing and take no locks, so they may run in a signal handler.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <ucontext.h>
#include <unistd.h>

#include "fpv/unwind.h"

#define MAX_MODULES	256
#define MAX_EXTRA	64

struct lt_module {
	struct fpv_module m;
	struct orc_table table;
	struct orc_compact compact;
	void *blob;
	size_t blob_size;
	uint32_t *index;
	struct orc_funcs funcs;
	void *funcs_blob;
	size_t funcs_size;
	uint32_t *funcs_index;
};

static struct lt_module mods[MAX_MODULES];
static struct fpv_module modv[2 * MAX_MODULES];
static unsigned nr_mods, nr_modv;
static struct fpv_range sigret[2];
static unsigned nr_sigret;
static struct fpv_range entries[MAX_EXTRA];
static unsigned nr_entries;
static struct fpv_trampoline tramps[MAX_EXTRA];
static unsigned nr_tramps;
static __thread struct fpv_stack thread_stack;
static __thread uint64_t thread_final_sp;
/* shared by all threads and signal handlers: its slots check themselves */
static struct fpv_cache cache;

static int read_word(void *ctx, uint64_t addr, uint64_t *val);
static int read_insn(void *ctx, uint64_t pc, uint32_t *insn);

/* What every walk's configuration shares (config_changed() keeps the counts). */
static struct fpv_config base_cfg = {
	.read = read_word,
	.read_insn = read_insn,
	.flags = FPV_CFG_DIRECT_READ | FPV_CFG_ENTRY_PATTERN,
	.modules = modv,
	.cache = &cache,
	.trampolines = tramps,
	.sigreturn = sigret,
	.entries = entries,
};

/* Read a whole range of a file; 0 or -errno. */
static int pread_all(int fd, void *buf, size_t len, off_t off)
{
	while (len) {
		ssize_t n = pread(fd, buf, len, off);

		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		buf = (char *)buf + n;
		len -= (size_t)n;
		off += n;
	}
	return 0;
}

/*
 * PLT stubs (.plt after the 32-byte PLT0) are fixed by the AArch64 ELF ABI:
 * [bti c;] adrp x16; ldr x17; add x16; br x17: they never touch sp, x29 or
 * x30, so the state at every instruction is the entry state.  PLT0 pushes
 * {x16, x30} for the lazy resolver and gets no record (unreliable).
 */
#define PLT0_SIZE 32
static const orc_u32 plt_ip[2] = { 0, 0 };
static const struct orc_entry plt_entry[2] = {
	{ 0, 0, 0, ORC_INFO(ORC_BASE_SP, ORC_REG_SAME, ORC_REG_SAME, ORC_TYPE_CALL, 0) },
};
static struct orc_table plt_tables[MAX_MODULES];
static struct fpv_module plt_mods[MAX_MODULES];
static unsigned nr_plt;

static void add_plt(uint64_t start, uint64_t end)
{
	if (end <= start + PLT0_SIZE || nr_plt >= MAX_MODULES)
		return;
	orc_table_init(&plt_tables[nr_plt], plt_ip, plt_entry, 1, ORC_IP_BASE32, start + PLT0_SIZE);
	plt_tables[nr_plt].text_end = end;
	plt_mods[nr_plt].text_start = start + PLT0_SIZE;
	plt_mods[nr_plt].text_end = end;
	plt_mods[nr_plt].table = &plt_tables[nr_plt];
	nr_plt++;
}

/* Section name of an ELF file, malloc'd into *blob (NULL when absent). */
static void read_section(int fd, const Elf64_Ehdr *eh, const Elf64_Shdr *sh, const char *names,
			 size_t names_size, const char *name, void **blob, size_t *size)
{
	*blob = 0;
	*size = 0;
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		if (sh[i].sh_name >= names_size || strcmp(names + sh[i].sh_name, name))
			continue;
		if (sh[i].sh_type == SHT_NOBITS || sh[i].sh_size > (1u << 30))
			return;
		*blob = malloc(sh[i].sh_size ? sh[i].sh_size : 1);
		if (*blob && pread_all(fd, *blob, sh[i].sh_size, (off_t)sh[i].sh_offset)) {
			free(*blob);
			*blob = 0;
		}
		*size = sh[i].sh_size;
		return;
	}
}

/*
 * The ELF header, the section headers and the section names of the file
 * open on fd (*sh and *names malloc'd; names NUL-terminated, *names_size
 * bytes of string table).  0, or -1 for a file that is not a readable
 * ELF64 file with sections.
 */
static int read_section_headers(int fd, Elf64_Ehdr *eh, Elf64_Shdr **sh, char **names,
				size_t *names_size)
{
	Elf64_Shdr str;

	*sh = 0;
	*names = 0;
	if (pread_all(fd, eh, sizeof(*eh), 0) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_shentsize != sizeof(Elf64_Shdr) ||
	    eh->e_shnum == 0 || eh->e_shstrndx >= eh->e_shnum)
		return -1;
	*sh = calloc(eh->e_shnum, sizeof(**sh));
	if (!*sh || pread_all(fd, *sh, eh->e_shnum * sizeof(**sh), (off_t)eh->e_shoff))
		return -1;
	str = (*sh)[eh->e_shstrndx];
	if (str.sh_size > (1u << 24))
		return -1;
	*names = malloc(str.sh_size + 1);
	if (!*names || pread_all(fd, *names, str.sh_size, (off_t)str.sh_offset))
		return -1;
	(*names)[str.sh_size] = 0;
	*names_size = str.sh_size;
	return 0;
}

/*
 * The .fpv_orc and .fpv_funcs sections of an ELF file into lm (malloc'd;
 * NULL when absent).  plt, plt_size: the .plt section (link-time address),
 * 0 if none.
 */
static void read_fpv_orc(const char *path, struct lt_module *lm, uint64_t *plt, uint64_t *plt_size)
{
	Elf64_Ehdr eh;
	Elf64_Shdr *sh = 0;
	size_t names_size = 0;
	char *names = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return;
	if (read_section_headers(fd, &eh, &sh, &names, &names_size))
		goto out;
	for (unsigned i = 0; i < eh.e_shnum; i++) {
		if (sh[i].sh_name < names_size && !strcmp(names + sh[i].sh_name, ".plt") &&
		    sh[i].sh_type == SHT_PROGBITS && (sh[i].sh_flags & SHF_EXECINSTR)) {
			*plt = sh[i].sh_addr;
			*plt_size = sh[i].sh_size;
		}
	}
	read_section(fd, &eh, sh, names, names_size, ORC_FILE_SECTION, &lm->blob, &lm->blob_size);
	if (lm->blob)
		read_section(fd, &eh, sh, names, names_size, ORC_FUNCS_SECTION, &lm->funcs_blob,
			     &lm->funcs_size);
out:
	free(names);
	free(sh);
	close(fd);
}

/*
 * The GNU build-id of a loaded object: the NT_GNU_BUILD_ID note named "GNU"
 * in its PT_NOTE segments, read from memory (the loader mapped them).
 */
static const uint8_t *loaded_build_id(const struct dl_phdr_info *info, size_t *len)
{
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *p = &info->dlpi_phdr[i];
		const uint8_t *d = (const uint8_t *)(info->dlpi_addr + p->p_vaddr);
		uint64_t size = p->p_filesz;

		if (p->p_type != PT_NOTE)
			continue;
		for (uint64_t off = 0; off + sizeof(Elf64_Nhdr) <= size;) {
			Elf64_Nhdr nh;
			uint64_t name_off = off + sizeof(nh), desc_off;

			memcpy(&nh, d + off, sizeof(nh));
			desc_off = name_off + (((uint64_t)nh.n_namesz + 3) & ~3ull);
			if (nh.n_namesz > size || desc_off > size || nh.n_descsz > size - desc_off)
				break;
			if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
			    !memcmp(d + name_off, "GNU", 4) && nh.n_descsz) {
				*len = nh.n_descsz;
				return d + desc_off;
			}
			off = desc_off + (((uint64_t)nh.n_descsz + 3) & ~3ull);
		}
	}
	return 0;
}

/* Whether the sidecar's build-id note (section .note.gnu.build-id) is id. */
static int sidecar_id_matches(int fd, const Elf64_Ehdr *eh, const Elf64_Shdr *sh,
			      const char *names, size_t names_size, const uint8_t *id, size_t len)
{
	void *note;
	size_t size;
	int ok = 0;

	read_section(fd, eh, sh, names, names_size, ".note.gnu.build-id", &note, &size);
	if (note && size >= sizeof(Elf64_Nhdr) + 4 + len) {
		Elf64_Nhdr nh;

		memcpy(&nh, note, sizeof(nh));
		ok = nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 && nh.n_descsz == len &&
		     !memcmp((char *)note + sizeof(nh), "GNU", 4) &&
		     !memcmp((char *)note + sizeof(nh) + 4, id, len);
	}
	free(note);
	return ok;
}

/*
 * One sidecar, DIR/.build-id/NN/REST.fpv (include/fpv/orc.h): 0 with
 * lm->blob (and lm->funcs_blob) read, 1 if there is no such file, or a
 * negative FPV_E_* when it is for another build or unreadable.
 */
static int read_sidecar(const char *dir, size_t dir_len, const uint8_t *id, size_t len,
			struct lt_module *lm)
{
	char path[4096];
	size_t n = 0;
	Elf64_Ehdr eh;
	Elf64_Shdr *sh = 0;
	size_t names_size = 0;
	char *names = 0;
	int fd, ret = FPV_E_SIDECAR_BAD;
	static const char hex[] = "0123456789abcdef";

	if (dir_len + sizeof(ORC_SIDECAR_DIR) + 2 * len + sizeof(ORC_SIDECAR_SUFFIX) + 8 > sizeof(path))
		return 1;
	memcpy(path, dir, dir_len);
	n = dir_len;
	path[n++] = '/';
	memcpy(path + n, ORC_SIDECAR_DIR, sizeof(ORC_SIDECAR_DIR) - 1);
	n += sizeof(ORC_SIDECAR_DIR) - 1;
	path[n++] = '/';
	for (size_t i = 0; i < len; i++) {
		path[n++] = hex[id[i] >> 4];
		path[n++] = hex[id[i] & 15];
		if (i == 0)
			path[n++] = '/';
	}
	memcpy(path + n, ORC_SIDECAR_SUFFIX, sizeof(ORC_SIDECAR_SUFFIX));	/* with its NUL */
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 1;
	if (read_section_headers(fd, &eh, &sh, &names, &names_size) ||
	    eh.e_machine != EM_AARCH64)
		goto out;
	if (!sidecar_id_matches(fd, &eh, sh, names, names_size, id, len)) {
		ret = FPV_E_SIDECAR_STALE;
		goto out;
	}
	read_section(fd, &eh, sh, names, names_size, ORC_FILE_SECTION, &lm->blob, &lm->blob_size);
	if (lm->blob) {
		read_section(fd, &eh, sh, names, names_size, ORC_FUNCS_SECTION, &lm->funcs_blob,
			     &lm->funcs_size);
		ret = 0;
	}
out:
	free(names);
	free(sh);
	close(fd);
	return ret;
}

/*
 * The tables of an object that carries none, from the first sidecar with
 * its build-id in the directories of FPV_TABLE_PATH (secure_getenv: a
 * set-user-ID program ignores it): 0 found, else the reason it has no table
 * (FPV_E_NO_ORC when there is none; a stale or unreadable one is reported
 * only if no later directory has a good one).
 */
static int find_sidecar(const struct dl_phdr_info *info, struct lt_module *lm)
{
	const char *list = secure_getenv("FPV_TABLE_PATH");
	const uint8_t *id;
	size_t len;
	int why = FPV_E_NO_ORC;

	if (!(id = loaded_build_id(info, &len)))
		return FPV_E_NO_ORC;
	if (!list)
		list = ORC_SIDECAR_DEFAULT_PATH;
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ":");
		int rc = n ? read_sidecar(p, n, id, len, lm) : 1;

		if (rc == 0)
			return 0;
		if (rc < 0 && why == FPV_E_NO_ORC)
			why = rc;
		p += n + (p[n] == ':');
	}
	return why;
}

/* Attach a .fpv_orc blob (standard with a block index, or compact). */
static void attach_orc(struct lt_module *lm, uint64_t bias)
{
	int kind = orc_file_check(lm->blob, lm->blob_size);
	uint32_t slots;

	if (kind == ORC_FILE_STD && !orc_file_table(&lm->table, lm->blob, lm->blob_size, bias)) {
		if (orc_table_check(&lm->table))
			return;		/* unsorted: no lookup at all rather than a wrong one */
		lm->m.table = &lm->table;
		slots = orc_index_slots(lm->m.text_start, lm->m.text_end);
		lm->index = slots ? calloc(slots, sizeof(uint32_t)) : 0;
		if (lm->index && orc_index_build(&lm->table, lm->index, slots,
						 lm->m.text_start, lm->m.text_end)) {
			free(lm->index);
			lm->index = 0;
			lm->table.index = 0;
		}
	} else if (kind == ORC_FILE_COMPACT &&
		   !orc_compact_open(&lm->compact, lm->blob, lm->blob_size, bias)) {
		lm->m.compact = &lm->compact;
	}
}

/* The .fpv_funcs block index over the module's text (none if it does not fit). */
static void attach_funcs_index(struct lt_module *lm)
{
	uint32_t slots = orc_index_slots(lm->m.text_start, lm->m.text_end);

	lm->funcs_index = slots ? calloc(slots, sizeof(uint32_t)) : 0;
	if (lm->funcs_index && orc_funcs_index_build(&lm->funcs, lm->funcs_index, slots,
						     lm->m.text_start, lm->m.text_end)) {
		free(lm->funcs_index);
		lm->funcs_index = 0;
	}
}

static int add_object(struct dl_phdr_info *info, size_t size, void *data)
{
	struct lt_module *lm;
	const char *path = info->dlpi_name;
	uint64_t lo = UINT64_MAX, hi = 0;

	(void)size;
	(void)data;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *p = &info->dlpi_phdr[i];

		if (p->p_type != PT_LOAD || !(p->p_flags & PF_X))
			continue;
		if (info->dlpi_addr + p->p_vaddr < lo)
			lo = info->dlpi_addr + p->p_vaddr;
		if (info->dlpi_addr + p->p_vaddr + p->p_memsz > hi)
			hi = info->dlpi_addr + p->p_vaddr + p->p_memsz;
	}
	if (hi <= lo || nr_mods >= MAX_MODULES)
		return 0;
	for (unsigned i = 0; i < nr_mods; i++)
		if (mods[i].m.text_start == lo)
			return 0;	/* already loaded (fpv_init called again) */
	lm = &mods[nr_mods];
	memset(lm, 0, sizeof(*lm));
	lm->m.text_start = lo;
	lm->m.text_end = hi;
	if (!path || !*path)
		path = nr_mods == 0 ? "/proc/self/exe" : 0;
	if (path) {
		uint64_t plt = 0, plt_size = 0;

		int sidecar = 0;

		read_fpv_orc(path, lm, &plt, &plt_size);
		if (!lm->blob) {
			lm->m.no_table = find_sidecar(info, lm);
			sidecar = lm->blob != 0;
		}
		if (lm->blob) {
			attach_orc(lm, info->dlpi_addr);
			if (sidecar && !lm->m.table && !lm->m.compact)
				lm->m.no_table = FPV_E_SIDECAR_BAD;	/* its .fpv_orc did not validate */
			/* a table that does not validate is not used: no check */
			if (lm->funcs_blob && !orc_funcs_open(&lm->funcs, lm->funcs_blob,
							      lm->funcs_size, info->dlpi_addr)) {
				attach_funcs_index(lm);
				lm->m.funcs = &lm->funcs;
			}
			/* only objects fpv analysed: their PLT calls are in its tables */
			if (plt_size && plt + plt_size > plt)
				add_plt(info->dlpi_addr + plt, info->dlpi_addr + plt + plt_size);
		}
	}
	nr_mods++;
	return 0;
}

/* mov x8, #139 (rt_sigreturn); svc #0 */
static int is_sigreturn_code(uint64_t pc)
{
	const uint32_t *p = (const uint32_t *)pc;

	return pc && !(pc & 3) && p[0] == 0xd2801168u && p[1] == 0xd4000001u;
}

/* __kernel_rt_sigreturn from the vDSO's dynamic symbols, 0 if absent. */
static uint64_t vdso_sigreturn(void)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)getauxval(AT_SYSINFO_EHDR);
	const Elf64_Shdr *sh;
	uint64_t bias = UINT64_MAX;

	if (!eh || memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *p = (const Elf64_Phdr *)((const char *)eh + eh->e_phoff) + i;

		if (p->p_type == PT_LOAD && p->p_offset == 0)
			bias = (uint64_t)eh - p->p_vaddr;
	}
	sh = (const Elf64_Shdr *)((const char *)eh + eh->e_shoff);
	for (int i = 0; bias != UINT64_MAX && eh->e_shoff && i < eh->e_shnum; i++) {
		const Elf64_Sym *sym = (const Elf64_Sym *)((const char *)eh + sh[i].sh_offset);
		const char *str;

		if (sh[i].sh_type != SHT_DYNSYM || sh[i].sh_link >= eh->e_shnum)
			continue;
		str = (const char *)eh + sh[sh[i].sh_link].sh_offset;
		for (size_t k = 0; k < sh[i].sh_size / sizeof(*sym); k++)
			if (!strcmp(str + sym[k].st_name, "__kernel_rt_sigreturn"))
				return bias + sym[k].st_value;
	}
	return 0;
}

static volatile uint64_t probe_ra;

static void __attribute__((noinline)) probe_handler(int sig)
{
	(void)sig;
	probe_ra = (uint64_t)__builtin_extract_return_addr(__builtin_return_address(0));
}

/*
 * Without a vDSO (qemu-user) the kernel or emulator still returns from a
 * handler through its own sigreturn code: raise a blocked-by-default
 * signal once with a handler that records where it returns to.
 */
static uint64_t probe_sigreturn(void)
{
	struct sigaction sa = { 0 }, old;

	sa.sa_handler = probe_handler;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGURG, &sa, &old))
		return 0;
	probe_ra = 0;
	raise(SIGURG);
	sigaction(SIGURG, &old, 0);
	return fpv_strip_pac(probe_ra, 48);
}

static void add_sigreturn(uint64_t pc)
{
	if (!is_sigreturn_code(pc) || nr_sigret >= 2)
		return;
	for (unsigned i = 0; i < nr_sigret; i++)
		if (sigret[i].start == pc)
			return;
	sigret[nr_sigret].start = pc;
	sigret[nr_sigret++].end = pc + 8;
}

/*
 * The SP of this thread's final frame (_start's, or clone's thread entry's),
 * from a reliable walk of the thread's own stack now: later walks must end
 * at exactly that frame (fpv_config.final_sp), so a return address of the
 * entry found one frame too early on a corrupted stack does not end a walk
 * as reliable.  Without a reliable walk (a libc without tables) the final
 * frame is not checked.
 */
static __attribute__((__noinline__)) void learn_final_sp(void)
{
	struct fpv_config cfg;
	struct fpv_stack st[2];
	struct fpv_unwind_state u;
	struct fpv_regs r;
	int rc;

	thread_final_sp = 0;
	FPV_CURRENT_REGS(&r);
	fpv_default_config(&cfg, st, r.sp, 0);
	rc = fpv_unwind_start(&u, &cfg, 0, &r);
	while (rc >= 0 && (rc = fpv_unwind_next(&u)) > 0)
		;
	if (rc == 0 && !u.error)
		thread_final_sp = u.frame.sp;
}

/* Cache the calling thread's stack (pthread_getattr_np is not signal-safe). */
int fpv_thread_init(void)
{
	pthread_attr_t attr;
	void *addr;
	size_t size;

	if (pthread_getattr_np(pthread_self(), &attr))
		return -EINVAL;
	if (pthread_attr_getstack(&attr, &addr, &size)) {
		pthread_attr_destroy(&attr);
		return -EINVAL;
	}
	pthread_attr_destroy(&attr);
	thread_stack.lo = (uint64_t)addr;
	thread_stack.hi = (uint64_t)addr + size;
	learn_final_sp();
	return 0;
}

/*
 * After the modules, trampolines or entries changed: the shared configuration
 * takes the new counts, and the lookup cache, which describes the tables and
 * regions it was filled under, is emptied.  Every slot checks itself, so a
 * walk running meanwhile sees a half-cleared slot as a miss.
 */
static void config_changed(void)
{
	base_cfg.nr_modules = nr_modv;
	base_cfg.nr_trampolines = nr_tramps;
	base_cfg.nr_sigreturn = nr_sigret;
	base_cfg.nr_entries = nr_entries;
	memset(&cache, 0, sizeof(cache));
}

int fpv_init(void)
{
	const Elf64_Ehdr *exe;

	dl_iterate_phdr(add_object, 0);
	/* PLT ranges first: they lie inside their object's text */
	nr_modv = 0;
	for (unsigned i = 0; i < nr_plt && nr_modv < 2 * MAX_MODULES; i++)
		modv[nr_modv++] = plt_mods[i];
	for (unsigned i = 0; i < nr_mods && nr_modv < 2 * MAX_MODULES; i++)
		modv[nr_modv++] = mods[i].m;
	add_sigreturn(vdso_sigreturn());
	if (!nr_sigret)
		add_sigreturn(probe_sigreturn());
	exe = (const Elf64_Ehdr *)getauxval(AT_PHDR);
	if (getauxval(AT_ENTRY) && exe)
		fpv_add_entry(getauxval(AT_ENTRY), getauxval(AT_ENTRY) + 0x40);
	config_changed();
	return fpv_thread_init();
}

int fpv_add_trampoline(const struct fpv_trampoline *t)
{
	if (!t || nr_tramps >= MAX_EXTRA)
		return -EINVAL;
	tramps[nr_tramps++] = *t;
	config_changed();
	return 0;
}

int fpv_add_entry(uint64_t start, uint64_t end)
{
	if (end <= start || nr_entries >= MAX_EXTRA)
		return -EINVAL;
	entries[nr_entries].start = start;
	entries[nr_entries++].end = end;
	config_changed();
	return 0;
}

static int read_word(void *ctx, uint64_t addr, uint64_t *val)
{
	(void)ctx;
	*val = *(const volatile uint64_t *)addr;
	return 0;
}

/* Called only for addresses inside a module's executable segment. */
static int read_insn(void *ctx, uint64_t pc, uint32_t *insn)
{
	(void)ctx;
	*insn = *(const volatile uint32_t *)pc;
	return 0;
}

/* Default stacks: this thread's stack, its sigaltstack, clamped at sp. */
static unsigned default_stacks(struct fpv_stack *s, uint64_t sp)
{
	stack_t ss;
	unsigned n = 0;

	if (thread_stack.hi)
		s[n++] = thread_stack;
	if (!sigaltstack(0, &ss) && !(ss.ss_flags & SS_DISABLE) && ss.ss_size) {
		s[n].lo = (uint64_t)ss.ss_sp;
		s[n++].hi = (uint64_t)ss.ss_sp + ss.ss_size;
	}
	/* nothing valid lies below the starting sp on its own stack */
	for (unsigned i = 0; i < n; i++)
		if (sp >= s[i].lo && sp <= s[i].hi)
			s[i].lo = sp;
	return n;
}

void fpv_default_config(struct fpv_config *cfg, struct fpv_stack *st, uint64_t sp,
			const struct fpv_opts *opts)
{
	*cfg = base_cfg;
	cfg->mode = opts ? opts->mode : FPV_MODE_FP;
	cfg->final_sp = thread_final_sp;
	if (opts && opts->nr_stacks) {
		cfg->stacks = opts->stacks;
		cfg->nr_stacks = opts->nr_stacks;
	} else {
		cfg->stacks = st;
		cfg->nr_stacks = default_stacks(st, sp);
	}
}

/* fpv_unwind_regs() for fpv_unwind_here(), which calls it without the PLT. */
__attribute__((__visibility__("hidden"))) int fpv__walk_regs(const struct fpv_regs *regs,
							       const struct fpv_opts *opts,
							       struct fpv_frame *frames,
							       unsigned max,
							       struct fpv_trace *trace)
{
	struct fpv_stack st[2];
	struct fpv_config cfg;

	fpv_default_config(&cfg, st, regs->sp, opts);
	return fpv_unwind(&cfg, 0, regs, frames, max, trace);
}

int fpv_unwind_regs(const struct fpv_regs *regs, const struct fpv_opts *opts,
		    struct fpv_frame *frames, unsigned max, struct fpv_trace *trace)
{
	return fpv__walk_regs(regs, opts, frames, max, trace);
}

/*
 * fpv_unwind_here(opts, frames, max, trace): walk the caller's stack from
 * its call to this function.  At the first instruction x30, sp and x29 are
 * exactly the caller's frame at that call (its return address, its SP, its
 * x29): a call frame, which the walk enters like any other (call site, call
 * target) and which the call-frame cache serves on later walks.  Assembly,
 * because C cannot name the SP at its own entry.  fpv_regs: pc, sp, fp, lr
 * at 0, 8, 16, 24, interrupted at 32; it lies at sp + 16 of a 64-byte frame.
 */
__asm__(
	"	.text\n"
	"	.p2align 2\n"
	"	.globl	fpv_unwind_here\n"
	"	.type	fpv_unwind_here, %function\n"
	"fpv_unwind_here:\n"
	"	.cfi_startproc\n"
	"	hint	#34\n"			/* BTI C: a NOP without BTI */
	"	stp	x29, x30, [sp, #-64]!\n"
	"	.cfi_def_cfa_offset 64\n"
	"	.cfi_offset 29, -64\n"
	"	.cfi_offset 30, -56\n"
	"	stp	x29, x30, [sp, #32]\n"	/* regs.fp, regs.lr */
	"	mov	x29, sp\n"
	"	add	x9, sp, #64\n"
	"	stp	x30, x9, [sp, #16]\n"	/* regs.pc, regs.sp */
	"	str	wzr, [sp, #48]\n"		/* regs.interrupted = 0 */
	"	mov	x4, x3\n"
	"	mov	x3, x2\n"
	"	mov	x2, x1\n"
	"	mov	x1, x0\n"
	"	add	x0, sp, #16\n"
	"	bl	fpv__walk_regs\n"
	"	ldp	x29, x30, [sp], #64\n"
	"	.cfi_restore 29\n"
	"	.cfi_restore 30\n"
	"	.cfi_def_cfa_offset 0\n"
	"	ret\n"
	"	.cfi_endproc\n"
	"	.size	fpv_unwind_here, . - fpv_unwind_here\n");

_Static_assert(offsetof(struct fpv_regs, sp) == 8 && offsetof(struct fpv_regs, fp) == 16 &&
	       offsetof(struct fpv_regs, lr) == 24 && offsetof(struct fpv_regs, interrupted) == 32 &&
	       sizeof(struct fpv_regs) <= 48, "fpv_unwind_here's frame");

int fpv_unwind_ucontext(const void *ucontext, const struct fpv_opts *opts,
			struct fpv_frame *frames, unsigned max, struct fpv_trace *trace)
{
	const ucontext_t *uc = ucontext;
	struct fpv_regs r;

	r.pc = uc->uc_mcontext.pc;
	r.sp = uc->uc_mcontext.sp;
	r.fp = uc->uc_mcontext.regs[29];
	r.lr = uc->uc_mcontext.regs[30];
	r.interrupted = 1;
	return fpv_unwind_regs(&r, opts, frames, max, trace);
}
