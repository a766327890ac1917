/* Helper programs run with bounded I/O (src/core/helper.c) and the compact
 * encoding handed to them (src/core/wire.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/helper.h"
#include "core/wire.h"

static const struct helper_limits lim = {.out_max = 1 << 20, .err_max = 200, .timeout_ms = 5000};

/* Runs `sh -c script` with in on stdin; out is reset first. */
static int sh(const char *script, const char *in, size_t in_len, const struct helper_limits *l,
              struct buf *out, char *err, size_t errlen)
{
	const char *argv[] = {"/bin/sh", "-c", script, NULL};
	buf_reset(out);
	return helper_run(argv, in, in_len, l, out, err, errlen);
}

static void helper_passes_input_through_and_returns_its_output(void **state)
{
	(void)state;
	struct buf out;
	buf_init(&out, 8 << 20);
	char err[256];
	assert_int_equal(sh("tr a-z A-Z", "poster", 6, &lim, &out, err, sizeof err), 0);
	assert_string_equal(out.data, "POSTER");
	assert_string_equal(err, "");
	/* Input larger than a pipe holds, while the child writes as much back:
	 * neither side waits for the other forever. */
	size_t n = 3 << 20;
	char *big = malloc(n);
	memset(big, 'x', n);
	struct helper_limits l = lim;
	l.out_max = n;
	assert_int_equal(sh("cat", big, n, &l, &out, err, sizeof err), 0);
	assert_int_equal(out.len, n);
	assert_memory_equal(out.data, big, n);
	free(big);
	/* No input at all: stdin is closed at once. */
	assert_int_equal(sh("cat; echo done", NULL, 0, &lim, &out, err, sizeof err), 0);
	assert_string_equal(out.data, "done\n");
	buf_free(&out);
}

static void helper_failures_name_their_cause_and_keep_no_output(void **state)
{
	(void)state;
	struct buf out;
	buf_init(&out, 1 << 20);
	char err[256];
	/* What was in out before the call stays; nothing of a failed run is added. */
	const char *argv_status[] = {"/bin/sh", "-c",
	                             "cat >/dev/null; printf partial; echo 'bad input' >&2; exit 3", NULL};
	BUF_LIT(&out, "kept");
	assert_int_equal(helper_run(argv_status, "abc", 3, &lim, &out, err, sizeof err), -1);
	assert_string_equal(out.data, "kept");
	assert_string_equal(err, "sh exited with status 3: bad input");

	assert_int_equal(
	    sh("cat >/dev/null; printf '%%PDF-1.5'; kill -9 $$", "x", 1, &lim, &out, err, sizeof err), -1);
	assert_int_equal(out.len, 0);
	assert_string_equal(err, "sh was killed by signal 9");

	/* Control characters in what it says are not copied into the log line. */
	assert_int_equal(
	    sh("printf 'a\\033[2Jb\\nnext line\\n' >&2; exit 1", NULL, 0, &lim, &out, err, sizeof err), -1);
	assert_string_equal(err, "sh exited with status 1: a [2Jb next line");

	/* A helper that exits without reading what it was given misread it. */
	char in[200000];
	memset(in, 'y', sizeof in);
	assert_int_equal(sh("exit 0", in, sizeof in, &lim, &out, err, sizeof err), -1);
	assert_non_null(strstr(err, "sh exited without reading all its input"));

	const char *missing[] = {"/nonexistent/shequ-helper", NULL};
	assert_int_equal(helper_run(missing, "x", 1, &lim, &out, err, sizeof err), -1);
	assert_string_equal(err, "cannot start /nonexistent/shequ-helper: No such file or directory");
	buf_free(&out);
}

static void helper_is_killed_past_its_time_and_its_output_cap(void **state)
{
	(void)state;
	struct buf out;
	buf_init(&out, 1 << 20);
	char err[256];
	struct helper_limits l = lim;
	l.timeout_ms = 300;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(sh("printf started; exec sleep 30", NULL, 0, &l, &out, err, sizeof err), -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_string_equal(err, "sh ran past 300 ms and was killed");
	assert_int_equal(out.len, 0);
	assert_true(t1.tv_sec - t0.tv_sec < 5);
	/* Closing its output does not end the wait: its exit does. */
	assert_int_equal(sh("exec >&- 2>&-; exec sleep 30", NULL, 0, &l, &out, err, sizeof err), -1);
	assert_string_equal(err, "sh ran past 300 ms and was killed");

	l = lim;
	l.out_max = 1000;
	assert_int_equal(sh("yes", NULL, 0, &l, &out, err, sizeof err), -1);
	assert_string_equal(err, "sh wrote more than 1000 bytes and was killed");
	assert_int_equal(out.len, 0);
	/* Exactly the cap is allowed. */
	assert_int_equal(sh("head -c 1000 /dev/zero", NULL, 0, &l, &out, err, sizeof err), 0);
	assert_int_equal(out.len, 1000);
	buf_free(&out);
}

static void helper_gets_no_other_descriptor_and_no_blocked_signal(void **state)
{
	(void)state;
	struct buf out;
	buf_init(&out, 1 << 20);
	char err[256];
	int leak = open("/dev/null", O_RDONLY); /* without O_CLOEXEC, as a careless library might */
	assert_true(leak >= 3);
	/* ls opens one descriptor of its own (3) to read the folder. */
	const char *ls[] = {"/bin/ls", "/proc/self/fd", NULL};
	assert_int_equal(helper_run(ls, NULL, 0, &lim, &out, err, sizeof err), 0);
	assert_string_equal(out.data, "0\n1\n2\n3\n");
	close(leak);
	/* The server runs with SIGTERM blocked and SIGPIPE ignored; the helper
	 * starts with neither. */
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	void (*was)(int) = signal(SIGPIPE, SIG_IGN);
	assert_int_equal(
	    sh("grep -E '^(SigBlk|SigIgn)' /proc/self/status", NULL, 0, &lim, &out, err, sizeof err), 0);
	assert_non_null(strstr(out.data, "SigBlk:\t0000000000000000"));
	/* SIGPIPE is signal 13: bit 0x1000 of SigIgn. */
	char *ign = strstr(out.data, "SigIgn:\t");
	assert_non_null(ign);
	assert_int_equal(strtoull(ign + 8, NULL, 16) & 0x1000, 0);
	signal(SIGPIPE, was);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	buf_free(&out);
}

static void helper_writing_to_a_gone_child_raises_no_sigpipe(void **state)
{
	(void)state;
	/* With SIGPIPE at its default, a write to a child that has exited would
	 * kill this test; helper_run takes the signal back. */
	void (*was)(int) = signal(SIGPIPE, SIG_DFL);
	struct buf out;
	buf_init(&out, 1 << 20);
	char err[256];
	size_t n = 4 << 20;
	char *big = calloc(1, n);
	assert_int_equal(sh("head -c 10 >/dev/null", big, n, &lim, &out, err, sizeof err), -1);
	assert_non_null(strstr(err, "without reading all its input"));
	sigset_t pending;
	sigpending(&pending);
	assert_false(sigismember(&pending, SIGPIPE));
	free(big);
	buf_free(&out);
	signal(SIGPIPE, was);
}

static void helper_path_is_beside_this_program_or_in_the_named_folder(void **state)
{
	(void)state;
	char path[4096], err[256], self[4096];
	unsetenv(HELPER_DIR_ENV);
	assert_int_equal(helper_path("shequ-poster", path, sizeof path, err, sizeof err), 0);
	ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);
	assert_true(k > 0);
	self[k] = 0;
	*strrchr(self, '/') = 0;
	strcat(self, "/shequ-poster");
	assert_string_equal(path, self);
	setenv(HELPER_DIR_ENV, "/usr/libexec/shequ", 1);
	assert_int_equal(helper_path("shequ-poster", path, sizeof path, err, sizeof err), 0);
	assert_string_equal(path, "/usr/libexec/shequ/shequ-poster");
	assert_int_equal(helper_path("shequ-poster", path, 20, err, sizeof err), -1);
	assert_string_equal(err, "cannot find the helper shequ-poster: its path is too long");
	unsetenv(HELPER_DIR_ENV);
}

static void wire_round_trips_and_refuses_every_truncation(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 20);
	wire_put_int(&b, -2);
	wire_put_str(&b, "公开栏");
	wire_put_str(&b, NULL);
	wire_put_str(&b, "");
	wire_put_int(&b, INT64_MAX);
	assert_false(b.err);
	assert_int_equal(b.len, 8 + 4 + 9 + 4 + 4 + 8);
	struct arena a;
	arena_init(&a, 1 << 20);
	struct wire_reader r;
	wire_reader_init(&r, &a, b.data, b.len);
	assert_int_equal(wire_get_int(&r), -2);
	assert_string_equal(wire_get_str(&r, 9), "公开栏");
	assert_null(wire_get_str(&r, 100));
	assert_string_equal(wire_get_text(&r, 0), "");
	assert_int_equal(wire_get_range(&r, 0, INT64_MAX), INT64_MAX);
	assert_int_equal(wire_end(&r), 0);
	/* Every shorter prefix is refused, and reads past the end give "" and 0. */
	for (size_t n = 0; n < b.len; n++) {
		wire_reader_init(&r, &a, b.data, n);
		wire_get_int(&r);
		const char *s = wire_get_str(&r, 9);
		wire_get_str(&r, 100);
		wire_get_text(&r, 0);
		int64_t v = wire_get_int(&r);
		assert_int_equal(wire_end(&r), -1);
		assert_non_null(s);
		assert_int_equal(v, 0);
	}
	/* One byte too many is refused too. */
	wire_reader_init(&r, &a, b.data, b.len);
	wire_get_int(&r);
	assert_string_equal(wire_get_str(&r, 8), ""); /* 9 bytes, bound 8 */
	assert_int_equal(wire_end(&r), -1);
	buf_free(&b);
	arena_free(&a);
}

static void wire_refuses_lies_nul_bytes_and_numbers_out_of_range(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 1 << 20);
	struct wire_reader r;
	/* A length far past the bytes left allocates nothing. */
	const unsigned char huge[] = {0xff, 0xff, 0xff, 0xfe, 'a'};
	wire_reader_init(&r, &a, huge, sizeof huge);
	assert_string_equal(wire_get_str(&r, SIZE_MAX), "");
	assert_int_equal(wire_end(&r), -1);
	assert_int_equal(a.used, 0);
	/* An array of more items than bytes left is a lie. */
	wire_reader_init(&r, &a, huge, sizeof huge);
	assert_null(wire_array(&r, 6, 64));
	assert_true(r.err);
	wire_reader_init(&r, &a, huge, sizeof huge);
	assert_null(wire_array(&r, 5, SIZE_MAX / 2));
	assert_true(r.err);
	/* A NUL inside a string would cut it short in C: refused. */
	const unsigned char nul[] = {0, 0, 0, 3, 'a', 0, 'b'};
	wire_reader_init(&r, &a, nul, sizeof nul);
	assert_string_equal(wire_get_str(&r, 10), "");
	assert_int_equal(wire_end(&r), -1);
	/* NULL where a text is needed. */
	const unsigned char null[] = {0xff, 0xff, 0xff, 0xff};
	wire_reader_init(&r, &a, null, sizeof null);
	assert_string_equal(wire_get_text(&r, 10), "");
	assert_int_equal(wire_end(&r), -1);
	/* Ranges, and the sticky error after one. */
	struct buf b;
	buf_init(&b, 1024);
	wire_put_int(&b, 25);
	wire_put_int(&b, 7);
	wire_reader_init(&r, &a, b.data, b.len);
	assert_int_equal(wire_get_range(&r, 0, 24), 0);
	assert_int_equal(wire_get_int(&r), 0);
	assert_int_equal(wire_end(&r), -1);
	buf_free(&b);
	arena_free(&a);
}

/* A helper's work for the test: upper-cases its input; refuses "bad" (1),
 * fails on "fail" (2). */
static int upper(struct arena *a, const char *in, size_t len, struct buf *out, char *err, size_t errlen)
{
	(void)a;
	if (len == 3 && !memcmp(in, "bad", 3)) {
		snprintf(err, errlen, "refused");
		return 1;
	}
	if (len == 4 && !memcmp(in, "fail", 4))
		return 2;
	for (size_t i = 0; i < len; i++)
		buf_putc(out, in[i] >= 'a' && in[i] <= 'z' ? (char)(in[i] - 32) : in[i]);
	return 0;
}

/* Runs helper_main over input (argument arg when not NULL) with files for
 * its descriptors; the output in out (NUL-terminated, at most n). */
static int run_main(const char *input, const char *arg, char *out, size_t n)
{
	char in_path[] = "/tmp/shequ-helper-in-XXXXXX", out_path[] = "/tmp/shequ-helper-out-XXXXXX";
	int in = mkstemp(in_path), o = mkstemp(out_path);
	assert_true(in >= 0 && o >= 0);
	assert_int_equal(write(in, input, strlen(input)), (ssize_t)strlen(input));
	lseek(in, 0, SEEK_SET);
	char *argv[] = {"shequ-test", (char *)arg, NULL};
	int rc = helper_main(arg ? 2 : 1, argv, "shequ-test", "usage: shequ-test\n", 16, 64, 1 << 16, in, o, upper);
	lseek(o, 0, SEEK_SET);
	ssize_t got = read(o, out, n - 1);
	out[got > 0 ? got : 0] = 0;
	close(in);
	close(o);
	unlink(in_path);
	unlink(out_path);
	return rc;
}

static void helper_main_reads_works_and_writes_within_bounds(void **state)
{
	(void)state;
	char out[128];
	assert_int_equal(run_main("certificate", NULL, out, sizeof out), 0);
	assert_string_equal(out, "CERTIFICATE");
	assert_int_equal(run_main("bad", NULL, out, sizeof out), 1);
	assert_string_equal(out, "");
	assert_int_equal(run_main("fail", NULL, out, sizeof out), 2);
	/* more than the 16 bytes it takes: refused before any work */
	assert_int_equal(run_main("a description of many more bytes", NULL, out, sizeof out), 1);
	assert_string_equal(out, "");
	assert_int_equal(run_main("", "--bogus", out, sizeof out), 2);
	assert_int_equal(run_main("", "--help", out, sizeof out), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(helper_passes_input_through_and_returns_its_output),
	    cmocka_unit_test(helper_main_reads_works_and_writes_within_bounds),
	    cmocka_unit_test(helper_failures_name_their_cause_and_keep_no_output),
	    cmocka_unit_test(helper_is_killed_past_its_time_and_its_output_cap),
	    cmocka_unit_test(helper_gets_no_other_descriptor_and_no_blocked_signal),
	    cmocka_unit_test(helper_writing_to_a_gone_child_raises_no_sigpipe),
	    cmocka_unit_test(helper_path_is_beside_this_program_or_in_the_named_folder),
	    cmocka_unit_test(wire_round_trips_and_refuses_every_truncation),
	    cmocka_unit_test(wire_refuses_lies_nul_bytes_and_numbers_out_of_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
