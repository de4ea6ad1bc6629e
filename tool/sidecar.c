// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Sidecar tables: the .fpv_orc and .fpv_funcs of an executable or shared
 * library kept beside it rather than in it, for files nobody may rewrite (a
 * distribution's libc.so.6, whose checksums the package manager owns).  They
 * are keyed by the file's GNU build-id the way separate debug files are
 * (gdb's debug-file-directory, debuginfod): DIR/.build-id/NN/REST.fpv, NN the
 * first byte of the build-id in hex, REST the others.  A sidecar is a small
 * ELF64 file with no segments whose sections are the object's build-id note
 * (.note.gnu.build-id) and the tables exactly as `fpv orc` would have added
 * them to the object (include/fpv/orc.h, docs/orc-format.md).  `fpv orc
 * --sidecar` writes one (atomically: a temporary file in the same directory,
 * fsync'ed and renamed); `fpv dump --sidecar` and libfpv read them, and use
 * one only when its build-id note equals the object's.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf_file.h"
#include "error.h"
#include "fpv/orc.h"
#include "fpv/orc_lookup.h"
#include "grow.h"
#include "sidecar.h"

#define SIDECAR_MAX_ID		64		/* bytes of build-id (ld writes 20) */
#define SIDECAR_MAX_SIZE	(1u << 30)	/* a sidecar larger than this is refused */

/* DIR/.build-id/NN/REST.fpv into buf; -1 if it does not fit. */
static int sidecar_path(const char *dir, const uint8_t *id, size_t len, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%s/%s/%02x/", dir, ORC_SIDECAR_DIR, id[0]);

	for (size_t i = 1; i < len && n > 0 && (size_t)n < size; i++)
		n += snprintf(buf + n, size - (size_t)n, "%02x", id[i]);
	if (n > 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, "%s", ORC_SIDECAR_SUFFIX);
	return n > 0 && (size_t)n < size ? 0 : -1;
}

int sidecar_build_id(struct elf_file *elf, const uint8_t **id, size_t *len)
{
	if (elf_build_id(elf, id, len) < 0) {
		return fpv_error(elf->path, "no GNU build-id note (link with --build-id): "
				 "sidecar tables are keyed by it");
	}
	if (*len > SIDECAR_MAX_ID) {
		fpv_error(elf->path, "build-id of %zu bytes, longer than %d", *len, SIDECAR_MAX_ID);
		return -1;
	}
	return 0;
}

/* mkdir -p of the directories above path (the last component is the file). */
static int make_parents(char *path)
{
	for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		int rc = mkdir(path, 0755);
		int err = errno;
		*s = '/';
		if (rc < 0 && err != EEXIST) {
			errno = err;
			return -1;
		}
	}
	return 0;
}

/* The image of a sidecar: header, note, tables, names, section headers. */
struct image {
	uint8_t *buf;
	size_t size, cap;
};

static int img_put(struct image *im, const void *data, size_t len, size_t align, size_t *at)
{
	size_t off = (im->size + align - 1) & ~(align - 1);

	uint8_t *b = grow_array(im->buf, &im->cap, off + len, 1, 4096);

	if (!b)
		return -1;
	im->buf = b;
	memset(im->buf + im->size, 0, off - im->size);
	if (len)
		memcpy(im->buf + off, data, len);
	im->size = off + len;
	if (at)
		*at = off;
	return 0;
}

static int build_image(struct elf_file *elf, const uint8_t *id, size_t id_len,
		       const struct sidecar_sec *secs, size_t n, struct image *im)
{
	Elf64_Shdr sh[2 + SIDECAR_MAX_SECS + 1];
	Elf64_Ehdr eh;
	Elf64_Nhdr nh = { .n_namesz = 4, .n_descsz = (Elf64_Word)id_len, .n_type = NT_GNU_BUILD_ID };
	char names[256] = "";
	size_t nlen = 1, shoff, at, nsh = 0;

	if (n > SIDECAR_MAX_SECS)
		return -1;
	memset(sh, 0, sizeof(sh));
	memset(&eh, 0, sizeof(eh));
	if (img_put(im, &eh, sizeof(eh), 8, NULL))
		return -1;
	/* the note: header, "GNU\0", descriptor padded to 4 */
	nsh++;
	sh[nsh].sh_name = (Elf64_Word)nlen;
	nlen += (size_t)sprintf(names + nlen, "%s", ".note.gnu.build-id") + 1;
	sh[nsh].sh_type = SHT_NOTE;
	sh[nsh].sh_addralign = 4;
	if (img_put(im, &nh, sizeof(nh), 4, &at) || img_put(im, "GNU", 4, 1, NULL) ||
	    img_put(im, id, id_len, 1, NULL) || img_put(im, NULL, 0, 4, NULL))
		return -1;
	sh[nsh].sh_offset = at;
	sh[nsh].sh_size = im->size - at;
	for (size_t i = 0; i < n; i++) {
		nsh++;
		if (nlen + strlen(secs[i].name) + 1 > sizeof(names) - sizeof(".shstrtab"))
			return -1;
		sh[nsh].sh_name = (Elf64_Word)nlen;
		nlen += (size_t)sprintf(names + nlen, "%s", secs[i].name) + 1;
		sh[nsh].sh_type = SHT_PROGBITS;
		sh[nsh].sh_addralign = 8;
		if (img_put(im, secs[i].data, secs[i].size, 8, &at))
			return -1;
		sh[nsh].sh_offset = at;
		sh[nsh].sh_size = secs[i].size;
	}
	nsh++;
	sh[nsh].sh_name = (Elf64_Word)nlen;
	nlen += (size_t)sprintf(names + nlen, "%s", ".shstrtab") + 1;
	sh[nsh].sh_type = SHT_STRTAB;
	sh[nsh].sh_addralign = 1;
	if (img_put(im, names, nlen, 1, &at))
		return -1;
	sh[nsh].sh_offset = at;
	sh[nsh].sh_size = nlen;
	if (img_put(im, sh, (nsh + 1) * sizeof(sh[0]), 8, &shoff))
		return -1;
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = elf->e_type;	/* as separate debug files keep it */
	eh.e_machine = EM_AARCH64;
	eh.e_version = EV_CURRENT;
	eh.e_ehsize = sizeof(eh);
	eh.e_shoff = shoff;
	eh.e_shentsize = sizeof(Elf64_Shdr);
	eh.e_shnum = (Elf64_Half)(nsh + 1);
	eh.e_shstrndx = (Elf64_Half)nsh;
	memcpy(im->buf, &eh, sizeof(eh));
	return 0;
}

static int write_file(const char *path, const struct image *im, const char *src)
{
	char tmp[PATH_MAX + 16], dir[PATH_MAX];
	const uint8_t *p = im->buf;
	size_t left = im->size;
	int fd, err = 0;

	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		fpv_error(src, "cannot create %s: %s", tmp, strerror(errno));
		return -1;
	}
	while (left && !err) {
		ssize_t w = write(fd, p, left);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			err = w < 0 ? errno : EIO;
		else
			p += w, left -= (size_t)w;
	}
	if (!err && (fchmod(fd, 0644) < 0 || fsync(fd) < 0))
		err = errno;
	if (close(fd) < 0 && !err)
		err = errno;
	if (!err && rename(tmp, path) < 0)
		err = errno;
	if (err) {
		unlink(tmp);
		fpv_error(src, "cannot write %s: %s", path, strerror(err));
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s", path);
	*strrchr(dir, '/') = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);	/* best effort: the rename is already atomic */
		close(fd);
	}
	return 0;
}

int sidecar_write(struct elf_file *elf, const char *dir, const struct sidecar_sec *secs, size_t n)
{
	struct image im = { 0 };
	char path[PATH_MAX];
	const uint8_t *id;
	size_t len;
	int ret = -1;

	if (sidecar_build_id(elf, &id, &len) < 0)
		return -1;
	if (sidecar_path(dir, id, len, path, sizeof(path)) < 0) {
		fpv_error(elf->path, "sidecar directory name too long");
		return -1;
	}
	if (make_parents(path) < 0) {
		fpv_error(elf->path, "cannot create the directories of %s: %s", path, strerror(errno));
		return -1;
	}
	if (build_image(elf, id, len, secs, n, &im) < 0)
		fpv_error(elf->path, "cannot build the sidecar: out of memory");
	else
		ret = write_file(path, &im, elf->path);
	free(im.buf);
	return ret;
}

/* ---- reading ---- */

static bool in_file(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

static uint8_t *read_whole(const char *path, size_t *size, const char *src)
{
	struct stat st;
	uint8_t *buf = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		fpv_error(src, "no sidecar tables %s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > SIDECAR_MAX_SIZE) {
		fpv_error(path, "not a sidecar (a regular file under 1 GiB)");
		goto out;
	}
	*size = (size_t)st.st_size;
	buf = malloc(*size ? *size : 1);
	if (!buf) {
		fpv_oom(path);
		goto out;
	}
	for (size_t got = 0; got < *size;) {
		ssize_t r = pread(fd, buf + got, *size - got, (off_t)got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			fpv_error(path, "read failed: %s", r < 0 ? strerror(errno) : "short file");
			free(buf);
			buf = NULL;
			goto out;
		}
		got += (size_t)r;
	}
out:
	close(fd);
	return buf;
}

/* The build-id note's descriptor in a note section's bytes, or NULL. */
static const uint8_t *note_build_id(const uint8_t *d, uint64_t size, size_t *len)
{
	for (uint64_t off = 0; off + sizeof(Elf64_Nhdr) <= size;) {
		Elf64_Nhdr nh;
		uint64_t name_off = off + sizeof(nh), desc_off;

		memcpy(&nh, d + off, sizeof(nh));
		desc_off = name_off + (((uint64_t)nh.n_namesz + 3) & ~3ull);
		if (!in_file(name_off, nh.n_namesz, size) || !in_file(desc_off, nh.n_descsz, size))
			return NULL;
		if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
		    !memcmp(d + name_off, "GNU", 4)) {
			*len = nh.n_descsz;
			return d + desc_off;
		}
		off = desc_off + (((uint64_t)nh.n_descsz + 3) & ~3ull);
	}
	return NULL;
}

/*
 * Check a sidecar image and attach its tables to elf: ELF64 little-endian
 * AArch64, every header and name inside the file, a build-id note equal to
 * elf's, at least ORC_FILE_SECTION.  One line naming the sidecar on failure.
 */
static int attach_image(struct elf_file *elf, const char *path, const uint8_t *b, size_t size,
			const uint8_t *want, size_t want_len)
{
	const Elf64_Ehdr *eh = (const void *)b;
	const uint8_t *id = NULL;
	size_t id_len = 0;
	bool orc = false;
	Elf64_Shdr str, sh;

#define BAD(why) do { fpv_error(path, "not a valid sidecar: %s", why); return -1; } while (0)
	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_machine != EM_AARCH64)
		BAD("not an AArch64 ELF64 little-endian file");
	if (eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shnum == 0 ||
	    eh->e_shstrndx >= eh->e_shnum || eh->e_shoff % 8 ||
	    !in_file(eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr), size))
		BAD("section headers outside the file");
	memcpy(&str, b + eh->e_shoff + eh->e_shstrndx * sizeof(Elf64_Shdr), sizeof(str));
	if (str.sh_type != SHT_STRTAB || !str.sh_size || !in_file(str.sh_offset, str.sh_size, size) ||
	    b[str.sh_offset + str.sh_size - 1])
		BAD("no section-name table");
	for (unsigned pass = 0; pass < 2; pass++) {	/* 0: the build-id; 1: the tables */
		for (unsigned i = 1; i < eh->e_shnum; i++) {
			const char *name;

			memcpy(&sh, b + eh->e_shoff + i * sizeof(Elf64_Shdr), sizeof(sh));
			if (sh.sh_name >= str.sh_size || !in_file(sh.sh_offset, sh.sh_size, size))
				BAD("a section outside the file");
			name = (const char *)b + str.sh_offset + sh.sh_name;
			if (pass == 0 && sh.sh_type == SHT_NOTE && !id)
				id = note_build_id(b + sh.sh_offset, sh.sh_size, &id_len);
			if (pass == 1 && sh.sh_type == SHT_PROGBITS &&
			    (!strcmp(name, ORC_FILE_SECTION) || !strcmp(name, ORC_FUNCS_SECTION))) {
				int rc = 0;

				/* the table's own header, so a bad one is blamed on the sidecar;
				 * on an aligned copy: the section may lie at any offset */
				if (!strcmp(name, ORC_FILE_SECTION)) {
					void *copy = malloc(sh.sh_size ? sh.sh_size : 1);

					if (!copy) {
						fpv_oom(path);
						return -1;
					}
					memcpy(copy, b + sh.sh_offset, sh.sh_size);
					rc = orc_file_check(copy, sh.sh_size);
					free(copy);
				}
				if (rc < 0) {
					fpv_error(path, "not a valid sidecar: %s: %s", name, orc_strerror(rc));
					return -1;
				}
				if (elf_attach_section(elf, name, b + sh.sh_offset, sh.sh_size) < 0)
					return -1;
				orc |= !strcmp(name, ORC_FILE_SECTION);
			}
		}
		if (pass == 0 && (!id || id_len != want_len || memcmp(id, want, want_len))) {
			return fpv_error(path, "build-id %s %s's: stale or misplaced tables, not used",
					 id ? "differs from" : "missing, cannot match", elf->path);
		}
	}
	if (!orc)
		BAD("no " ORC_FILE_SECTION " section");
#undef BAD
	return 0;
}

int sidecar_attach(struct elf_file *elf, const char *dir)
{
	char path[PATH_MAX];
	const uint8_t *id;
	uint8_t *img;
	size_t len, size = 0;
	int ret;

	if (sidecar_build_id(elf, &id, &len) < 0)
		return -1;
	if (sidecar_path(dir, id, len, path, sizeof(path)) < 0) {
		fpv_error(elf->path, "sidecar directory name too long");
		return -1;
	}
	img = read_whole(path, &size, elf->path);
	if (!img)
		return -1;
	ret = attach_image(elf, path, img, size, id, len);
	free(img);
	return ret;
}
