// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The QEMU test's init (PID 1 of the initramfs kernel/run.sh builds): mount
 * /proc and /sys, start a few user tasks that block in different places,
 * drive the fpv_test module (all-task reliable traces, the interrupt test,
 * the corrupted frame record), load the live-patch sample, wait for its
 * transition to finish, check /proc/cmdline, repeat the all-task count, and
 * power off.  Every result goes to the console as "fpv-init: ..." or, from
 * the module, "fpv_test: ..."; kernel/run.sh turns them into one line.
 *
 * Build: aarch64-linux-gnu-gcc -static -O2 -o init kernel/init.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LP_DIR "/sys/kernel/livepatch/livepatch_sample"

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;

	printf("fpv-init: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static int load_module(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int ret;

	if (fd < 0) {
		say("%s: %s", path, strerror(errno));
		return -1;
	}
	ret = syscall(SYS_finit_module, fd, "", 0);
	if (ret)
		say("finit_module %s: %s", path, strerror(errno));
	close(fd);
	return ret;
}

/* Read a small file into buf (NUL-terminated, trailing newline removed). */
static int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = 0;
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = 0;
	return 0;
}

/* Run one fpv_test command; the module prints its results on the console. */
static int test_cmd(const char *cmd)
{
	int fd = open("/proc/fpv_test", O_WRONLY);
	ssize_t n;

	if (fd < 0) {
		say("/proc/fpv_test: %s", strerror(errno));
		return -1;
	}
	n = write(fd, cmd, strlen(cmd));
	close(fd);
	if (n < 0) {
		say("fpv_test %s: %s", cmd, strerror(errno));
		return -1;
	}
	return 0;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	ssize_t n;

	if (fd < 0) {
		say("%s: %s", path, strerror(errno));
		return -1;
	}
	n = write(fd, text, strlen(text));
	close(fd);
	if (n < 0) {
		say("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * The interrupt test again under the function-graph tracer, which replaces
 * the return addresses of fpv_f3, fpv_f11 and everything they call with
 * return_to_handler.
 */
static void irq_fgraph(void)
{
	const char *t = "/sys/kernel/tracing";

	if (mount("tracefs", t, "tracefs", 0, 0)) {
		say("mount tracefs: %s", strerror(errno));
		return;
	}
	if (write_file("/sys/kernel/tracing/set_graph_function", "fpv_f3 fpv_f11") ||
	    write_file("/sys/kernel/tracing/current_tracer", "function_graph"))
		return;
	test_cmd("irq fgraph");
	write_file("/sys/kernel/tracing/current_tracer", "nop");
}

/* User tasks that sleep in the kernel at different places. */
static void start_sleepers(void)
{
	static int pipefd[2];
	int i;

	if (pipe(pipefd))
		return;
	for (i = 0; i < 4; i++) {
		if (fork() != 0)
			continue;
		switch (i) {
		case 0: {			/* nanosleep */
			struct timespec ts = { 1000, 0 };

			for (;;)
				nanosleep(&ts, 0);
		}
		case 1: {			/* pipe read */
			char c;

			for (;;)
				read(pipefd[0], &c, 1);
		}
		case 2:				/* pause */
			for (;;)
				pause();
		default: {			/* user-space spinner: preempted at EL0 */
			/* ... that sleeps a little, so the CPU idles and the
			 * idle task can take a live patch (it does in do_idle) */
			struct timespec ts = { 0, 5 * 1000 * 1000 };
			unsigned long n;

			for (;;) {
				for (n = 0; n < 2000000; n++)
					asm volatile("" ::: "memory");
				nanosleep(&ts, 0);
			}
		}
		}
	}
}

static int wait_transition(void)
{
	char buf[64];
	int i;

	for (i = 0; i < 300; i++) {
		struct timespec ts = { 0, 100 * 1000 * 1000 };

		if (read_file(LP_DIR "/transition", buf, sizeof(buf)) == 0 &&
		    strcmp(buf, "0") == 0)
			return i;
		nanosleep(&ts, 0);
	}
	return -1;
}

int main(void)
{
	char buf[512];
	int ok = 0, waited;

	mount("proc", "/proc", "proc", 0, 0);
	mount("sysfs", "/sys", "sysfs", 0, 0);
	say("start");
	start_sleepers();
	sleep(1);

	if (load_module("/fpv_test.ko") == 0) {
		test_cmd("tasks before");
		test_cmd("irq");
		test_cmd("irq kretprobe");
		irq_fgraph();
		test_cmd("corrupt");
	}

	if (load_module("/livepatch-sample.ko") == 0) {
		waited = wait_transition();
		if (waited < 0)
			say("livepatch transition did not complete in 30 s");
		else
			say("livepatch transition complete after %d ms", waited * 100);
		if (read_file("/proc/cmdline", buf, sizeof(buf)) == 0) {
			say("cmdline: %s", buf);
			ok = waited >= 0 && strstr(buf, "this has been live patched");
		}
		if (read_file(LP_DIR "/enabled", buf, sizeof(buf)) == 0)
			say("livepatch enabled=%s", buf);
	}
	say("livepatch=%s", ok ? "ok" : "failed");
	test_cmd("tasks after");
	say("done");
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
