/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The subcommands of fpv.  Each lives in its own file under tool/ and is
 * listed once in main.c's table.  A command returns the process exit status:
 * 0 clean, 1 findings under --werror or a tool failure, 2 usage error.
 */
#ifndef FPV_CMD_H
#define FPV_CMD_H

int cmd_disasm(int argc, char **argv);
int cmd_check(int argc, char **argv);		/* check_cmd.c */
int cmd_dump(int argc, char **argv);		/* orc_dump.c */
int cmd_orc(int argc, char **argv);		/* orc_cmd.c */
int cmd_xcheck(int argc, char **argv);		/* xcheck_cmd.c */
int cmd_explain(int argc, char **argv);		/* explain.c */

#endif
