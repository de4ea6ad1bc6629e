// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fpv's entry point: dispatch to one subcommand per file (tool/cmd.h) and
 * print the usage.  Everything a user can type is documented here and in the
 * README.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "error.h"
#include "fpv/version.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;
	const char *help;
};

static const struct command commands[] = {
	{ "disasm", cmd_disasm, "disasm FILE [FUNCTION]",
	  "list instructions with their class and stack operations" },
	{ "check", cmd_check, "check [OPTIONS] FILE...",
	  "frame state at every instruction; report frame-rule violations" },
	{ "dump", cmd_dump, "dump [OPTIONS] FILE...",
	  "print ORC tables, one record per line, or the .fpv_funcs table" },
	{ "xcheck", cmd_xcheck, "xcheck [OPTIONS] FILE...",
	  "compare fpv's states with DWARF CFI and SFrame at every instruction" },
	{ "explain", cmd_explain, "explain [OPTIONS] FILE FUNCTION",
	  "disassembly with fpv, DWARF and SFrame states side by side" },
	{ "orc", cmd_orc, "orc [OPTIONS] FILE...",
	  "add ORC tables (objects and modules: the sections the link carries;\n"
	  "      executables and libraries: .fpv_orc and .fpv_funcs)" },
};

static void usage(FILE *out)
{
	fprintf(out, "usage: fpv COMMAND [OPTIONS] FILE...\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  fpv %s\n      %s\n", commands[i].usage, commands[i].help);
	fprintf(out, "  fpv --version\n      print \"fpv X.Y.Z\" and exit\n");
	fprintf(out, "\n'fpv COMMAND --help' describes a command's options.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	/* Exactly "fpv X.Y.Z": build scripts (the kernel's) parse this line. */
	if (!strcmp(argv[1], "--version")) {
		printf("fpv %s\n", FPV_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name)) {
			/* getopt_long's own messages then read "fpv: CMD: ...", as fpv_usage_error()'s */
			char name[32];

			snprintf(name, sizeof(name), "fpv: %s", commands[i].name);
			argv[1] = name;
			return commands[i].fn(argc - 1, argv + 1);
		}
	fpv_error(NULL, "unknown command '%s'", argv[1]);
	usage(stderr);
	return 2;
}
