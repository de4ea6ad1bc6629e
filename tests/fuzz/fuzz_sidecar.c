// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: the sidecar reader, `fpv dump --sidecar`'s parser
 * (tool/sidecar.c, then tool/orc_dump.c on the tables it attaches).  The
 * input is a whole sidecar file.  The harness builds an executable whose
 * .note.gnu.build-id carries the build-id of the first GNU build-id note in
 * the input (a fixed one when there is none, so the mismatch path runs
 * too), writes the input where that executable's sidecar belongs, attaches
 * it and, when it is accepted, reads and prints the tables as fpv dump
 * does.  A refusal must be one line naming the sidecar; an accepted sidecar
 * must have given the file its .fpv_orc.  Seeds are the sidecars `fpv orc
 * --sidecar` wrote for GCC and Clang programs (seeds.sh).
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf_file.h"
#include "fpv/orc.h"
#include "fuzz.h"
#include "orc.h"
#include "sidecar.h"

#define MAX_ID 64
#define PATH_BUF 512

static FILE *devnull;

/* The descriptor of the first "GNU" NT_GNU_BUILD_ID note header found in buf. */
static size_t input_id(const uint8_t *buf, size_t len, uint8_t *id)
{
	for (size_t off = 0; off + sizeof(Elf64_Nhdr) + 4 <= len; off += 4) {
		Elf64_Nhdr nh;

		memcpy(&nh, buf + off, sizeof(nh));
		if (nh.n_namesz != 4 || nh.n_type != NT_GNU_BUILD_ID || !nh.n_descsz ||
		    nh.n_descsz > MAX_ID || memcmp(buf + off + sizeof(nh), "GNU", 4) ||
		    off + sizeof(nh) + 4 + nh.n_descsz > len)
			continue;
		memcpy(id, buf + off + sizeof(nh) + 4, nh.n_descsz);
		return nh.n_descsz;
	}
	memset(id, 0x5a, 20);
	return 20;
}

/* DIR/.build-id/NN/REST.fpv for id under the scratch directory; dirs made. */
static void sidecar_file(const uint8_t *id, size_t len, char *dir, char *nn, char *file,
			 size_t size)
{
	int n;

	snprintf(dir, size, "%s/sc", fz_tmpdir());
	/* dir, .build-id, NN: each may exist from the last input */
	snprintf(nn, size, "%s/%s", dir, ORC_SIDECAR_DIR);
	mkdir(dir, 0700);
	mkdir(nn, 0700);
	snprintf(nn, size, "%s/%s/%02x", dir, ORC_SIDECAR_DIR, id[0]);
	mkdir(nn, 0700);
	n = snprintf(file, size, "%s/", nn);
	for (size_t i = 1; i < len && n > 0 && (size_t)n < size; i++)
		n += snprintf(file + n, size - (size_t)n, "%02x", id[i]);
	snprintf(file + n, size - (size_t)n, "%s", ORC_SIDECAR_SUFFIX);
}

static void remove_sidecar(const char *dir, const char *nn, const char *file)
{
	char bid[PATH_BUF];

	unlink(file);
	rmdir(nn);
	snprintf(bid, sizeof(bid), "%s/%s", dir, ORC_SIDECAR_DIR);
	rmdir(bid);
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *buf, size_t len)
{
	uint8_t id[MAX_ID], note[sizeof(Elf64_Nhdr) + 4 + MAX_ID];
	char dir[PATH_BUF], nn[PATH_BUF], file[PATH_BUF];
	Elf64_Nhdr nh = { .n_namesz = 4, .n_type = NT_GNU_BUILD_ID };
	struct fz_elf e = { 0 };
	struct elf_file *elf;
	const char *path;
	size_t id_len;
	FILE *f;
	int rc;

	if (!devnull && !(devnull = fopen("/dev/null", "w")))
		fz_bug("cannot open /dev/null");
	id_len = input_id(buf, len, id);
	nh.n_descsz = (Elf64_Word)id_len;
	memcpy(note, &nh, sizeof(nh));
	memcpy(note + sizeof(nh), "GNU", 4);
	memcpy(note + sizeof(nh) + 4, id, id_len);
	/* the executable the sidecar describes: the text the seeds' tables cover */
	e.exec = true;
	e.text_size = 4096;
	e.text_addr = 0x400000;
	e.nr_funcs = 16;
	e.secs[0] = (struct fz_sec){ ".note.gnu.build-id", SHT_NOTE, SHF_ALLOC, 0x3ff000, 4, note,
				     sizeof(nh) + 4 + ((id_len + 3) & ~3ul), false };
	e.nr_secs = 1;
	elf = fz_open(&e, &path);
	if (!elf)
		fz_bug("the harness's executable does not open");
	sidecar_file(id, id_len, dir, nn, file, PATH_BUF);
	f = fopen(file, "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f))
		fz_bug("cannot write %s", file);
	fz_capture_begin();
	rc = sidecar_attach(elf, dir);
	fz_capture_end(file, rc < 0, false);
	if (rc == 0) {
		if (!elf_find_section(elf, ORC_FILE_SECTION))
			fz_bug("an accepted sidecar attached no %s", ORC_FILE_SECTION);
		if (fz_orc_tables(elf, devnull) == 0)
			fz_bug("an accepted sidecar gave no tables");
	}
	elf_close(elf);
	remove_sidecar(dir, nn, file);
	return 0;
}
