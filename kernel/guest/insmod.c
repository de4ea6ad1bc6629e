// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * insmod for the QEMU test's guest: `insmod FILE [PARAM...]`, one
 * finit_module() call, with kmod's error text, which the livepatch
 * selftests compare ("insmod: ERROR: could not insert module FILE:
 * REASON").  busybox's insmod retries a failed finit_module() with
 * init_module(), so a module whose init fails runs its init twice.
 *
 * Build: aarch64-linux-gnu-gcc -static -O2 -o insmod kernel/guest/insmod.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* kmod's words for the errors a module load gives */
static const char *mod_strerror(int err)
{
	switch (err) {
	case ENOEXEC:	return "Invalid module format";
	case ENOENT:	return "Unknown symbol in module";
	case ESRCH:	return "Module has wrong symbol version";
	case EINVAL:	return "Invalid parameters";
	default:	return strerror(err);
	}
}

int main(int argc, char **argv)
{
	size_t len = 1;
	char *params;
	int fd, i;

	if (argc < 2) {
		fprintf(stderr, "usage: insmod FILE [PARAM...]\n");
		return 1;
	}
	for (i = 2; i < argc; i++)
		len += strlen(argv[i]) + 1;
	params = calloc(1, len);
	if (!params)
		return 1;
	for (i = 2; i < argc; i++) {
		strcat(params, argv[i]);
		if (i + 1 < argc)
			strcat(params, " ");
	}
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "insmod: ERROR: could not load module %s: %s\n",
			argv[1], strerror(errno));
		return 1;
	}
	if (syscall(SYS_finit_module, fd, params, 0)) {
		fprintf(stderr, "insmod: ERROR: could not insert module %s: %s\n",
			argv[1], mod_strerror(errno));
		return 1;
	}
	return 0;
}
