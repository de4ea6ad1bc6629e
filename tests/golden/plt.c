// SPDX-License-Identifier: GPL-2.0-or-later
//
// Noreturn calls through the PLT of a shared library.  Each function's last
// instruction is a call that never returns, made through a PLT entry:
// __stack_chk_fail@plt (-fstack-protector-strong), abort@plt, and
// plt_fatal@plt, a function of this file called through its own PLT (its
// body ends in exit@plt, so it is proven noreturn); local_fatal is called
// directly and proven noreturn through abort@plt.  The PLT entry names its
// GOT slot, whose dynamic relocation names the function.  Built twice:
// with -z now (no .got.plt: the slots are in .got) and lazily bound with
// BTI-prefixed PLT entries.  Any "falls through"/"falls off" or "stack
// state mismatch" here means a PLT call was not resolved.
// build: aarch64-linux-gnu-gcc -O2 -fPIC -shared -fstack-protector-strong -fno-omit-frame-pointer -Wl,-z,now -o $OBJ $SRC && aarch64-linux-gnu-gcc -O2 -fPIC -shared -fstack-protector-strong -fno-omit-frame-pointer -mbranch-protection=standard -Wl,-z,lazy,-z,force-bti -o plt_lazy.so $SRC
// fpv: check plt_lazy.so
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noreturn, noinline)) void plt_fatal(const char *msg)
{
	fputs(msg, stderr);
	exit(2);
}

static __attribute__((noreturn, noinline)) void local_fatal(int code)
{
	fprintf(stderr, "%d\n", code);
	abort();
}

int plt_guarded(const char *s)
{
	char buf[64];

	strcpy(buf, s);
	return puts(buf);
}

int plt_checked(int x)
{
	if (x < 0)
		abort();
	return x * 2;
}

int plt_own(int x)
{
	if (x > 100)
		plt_fatal("too big");
	return x + 1;
}

int plt_local(int x)
{
	if (x == 7)
		local_fatal(x);
	return x - 1;
}
