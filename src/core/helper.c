#include "core/helper.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

int helper_path(const char *name, char *out, size_t n, char *err, size_t errlen)
{
	const char *dir = getenv(HELPER_DIR_ENV);
	char self[PATH_MAX];
	if (!dir || !*dir) {
		ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);
		if (k <= 0) {
			snprintf(err, errlen, "cannot find the helper %s: reading /proc/self/exe: %s", name,
			         strerror(errno));
			return -1;
		}
		self[k] = 0;
		/* Replaced since start ("... (deleted)"): the folder still holds
		 * the new helpers, which refuse a description they cannot read. */
		char *slash = strrchr(self, '/');
		if (!slash) {
			snprintf(err, errlen, "cannot find the helper %s: /proc/self/exe names no folder",
			         name);
			return -1;
		}
		*slash = 0;
		dir = *self ? self : "/";
	}
	int k = snprintf(out, n, "%s/%s", dir, name);
	if (k < 0 || (size_t)k >= n) {
		snprintf(err, errlen, "cannot find the helper %s: its path is too long", name);
		return -1;
	}
	return 0;
}

static long elapsed_ms(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)(t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Our ends of the pipes never block; the child's ends stay as they are. */
static int nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	return fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0 ? -1 : 0;
}

/* Starts argv with the three pipes' far ends as its stdin, stdout and
 * stderr. posix_spawn's result (an errno value) or 0. */
static int spawn(const char *const *argv, int in, int out, int errfd, pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	if (posix_spawn_file_actions_init(&fa))
		return ENOMEM;
	if (posix_spawnattr_init(&at)) {
		posix_spawn_file_actions_destroy(&fa);
		return ENOMEM;
	}
	/* The server blocks SIGINT and SIGTERM in its threads and ignores
	 * SIGPIPE; the child gets neither, nor any other descriptor. */
	sigset_t none, dflt;
	sigemptyset(&none);
	sigemptyset(&dflt);
	sigaddset(&dflt, SIGPIPE);
	sigaddset(&dflt, SIGINT);
	sigaddset(&dflt, SIGTERM);
	sigaddset(&dflt, SIGHUP);
	sigaddset(&dflt, SIGQUIT);
	int rc = posix_spawn_file_actions_adddup2(&fa, in, 0);
	rc = rc ? rc : posix_spawn_file_actions_adddup2(&fa, out, 1);
	rc = rc ? rc : posix_spawn_file_actions_adddup2(&fa, errfd, 2);
	rc = rc ? rc : posix_spawn_file_actions_addclosefrom_np(&fa, 3);
	rc = rc ? rc : posix_spawnattr_setsigmask(&at, &none);
	rc = rc ? rc : posix_spawnattr_setsigdefault(&at, &dflt);
	rc = rc ? rc : posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	rc = rc ? rc : posix_spawn(pid, argv[0], &fa, &at, (char *const *)argv, environ);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	return rc;
}

/* Appends ": " and the start of what the helper said on stderr to err,
 * control characters as spaces. */
static void add_stderr(char *err, size_t errlen, const char *said, size_t n)
{
	size_t k = strlen(err);
	while (n && (said[n - 1] == '\n' || said[n - 1] == ' '))
		n--;
	if (!n || k + 3 >= errlen)
		return;
	err[k++] = ':';
	err[k++] = ' ';
	for (size_t i = 0; i < n && k + 1 < errlen; i++)
		err[k++] = (unsigned char)said[i] < 0x20 || said[i] == 0x7f ? ' ' : said[i];
	err[k] = 0;
}

/* The child's end, read and write: state of one run. */
struct run {
	int in, out, errfd;
	size_t written, got;
	char said[512];
	size_t nsaid;
	int overflow, failed;
	char why[128]; /* a local failure: poll, read or write */
};

/* One round of poll over the pipes still open. -1 when the run must stop. */
static int pump(struct run *s, const void *in, size_t in_len, const struct helper_limits *lim,
                struct buf *out, int wait_ms)
{
	struct pollfd pf[3];
	int n = 0, iw = -1, io = -1, ie = -1;
	if (s->in >= 0)
		pf[iw = n++] = (struct pollfd){.fd = s->in, .events = POLLOUT};
	if (s->out >= 0)
		pf[io = n++] = (struct pollfd){.fd = s->out, .events = POLLIN};
	if (s->errfd >= 0)
		pf[ie = n++] = (struct pollfd){.fd = s->errfd, .events = POLLIN};
	int k = poll(pf, (nfds_t)n, wait_ms);
	if (k < 0 && errno != EINTR) {
		snprintf(s->why, sizeof s->why, "poll: %s", strerror(errno));
		return -1;
	}
	if (k <= 0)
		return 0;
	char chunk[65536];
	if (iw >= 0 && pf[iw].revents) {
		size_t left = in_len - s->written;
		ssize_t w =
		    write(s->in, (const char *)in + s->written, left < sizeof chunk ? left : sizeof chunk);
		if (w > 0)
			s->written += (size_t)w;
		else if (w < 0 && errno != EAGAIN && errno != EINTR)
			close_fd(&s->in); /* it stopped reading: judged by its exit and s->written */
		if (s->written == in_len)
			close_fd(&s->in);
	}
	if (io >= 0 && pf[io].revents) {
		ssize_t r = read(s->out, chunk, sizeof chunk);
		if (r > 0) {
			if ((size_t)r > lim->out_max - s->got) {
				s->overflow = 1;
				return -1;
			}
			s->got += (size_t)r;
			buf_append(out, chunk, (size_t)r);
			if (out->err) {
				snprintf(s->why, sizeof s->why, "its output did not fit in memory");
				return -1;
			}
		} else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
			close_fd(&s->out);
		}
	}
	if (ie >= 0 && pf[ie].revents) {
		ssize_t r = read(s->errfd, chunk, sizeof chunk);
		if (r > 0) {
			size_t room = lim->err_max < sizeof s->said ? lim->err_max : sizeof s->said;
			size_t take = s->nsaid < room ? room - s->nsaid : 0;
			take = take < (size_t)r ? take : (size_t)r;
			memcpy(s->said + s->nsaid, chunk, take);
			s->nsaid += take;
		} else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
			close_fd(&s->errfd);
		}
	}
	return 0;
}

/* Waits for pid until the deadline, then kills it. Its wait status. */
static int reap(pid_t pid, const struct timespec *t0, int timeout_ms, int kill_now, int *timed_out)
{
	int st = 0;
	if (kill_now)
		kill(pid, SIGKILL);
	for (;;) {
		pid_t w = waitpid(pid, &st, kill_now ? 0 : WNOHANG);
		if (w == pid)
			return st;
		if (w < 0 && errno != EINTR)
			return -1;
		if (w == 0 && elapsed_ms(t0) >= timeout_ms) {
			*timed_out = 1;
			kill_now = 1;
			kill(pid, SIGKILL);
			continue;
		}
		if (w == 0)
			nanosleep(&(struct timespec){0, 1000000}, NULL);
	}
}

int helper_run(const char *const *argv, const void *in, size_t in_len, const struct helper_limits *lim,
               struct buf *out, char *err, size_t errlen)
{
	const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	size_t len0 = out->len;
	int err0 = out->err;
	int p_in[2] = {-1, -1}, p_out[2] = {-1, -1}, p_err[2] = {-1, -1};
	struct run s = {.in = -1, .out = -1, .errfd = -1};
	*err = 0;
	if (pipe2(p_in, O_CLOEXEC) < 0 || pipe2(p_out, O_CLOEXEC) < 0 || pipe2(p_err, O_CLOEXEC) < 0 ||
	    nonblock(p_in[1]) < 0 || nonblock(p_out[0]) < 0 || nonblock(p_err[0]) < 0) {
		snprintf(err, errlen, "cannot start %s: pipe: %s", name, strerror(errno));
		for (int i = 0; i < 2; i++) {
			close_fd(&p_in[i]);
			close_fd(&p_out[i]);
			close_fd(&p_err[i]);
		}
		return -1;
	}
	/* A write to a helper that has gone raises SIGPIPE in this thread: it
	 * is blocked meanwhile, and taken back if it came. */
	sigset_t pipe_set, old, pending;
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	sigpending(&pending);
	int pipe_was_pending = sigismember(&pending, SIGPIPE);

	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid;
	int rc = spawn(argv, p_in[0], p_out[1], p_err[1], &pid);
	close_fd(&p_in[0]);
	close_fd(&p_out[1]);
	close_fd(&p_err[1]);
	s.in = p_in[1];
	s.out = p_out[0];
	s.errfd = p_err[0];
	int timed_out = 0, st = 0;
	if (rc) {
		snprintf(err, errlen, "cannot start %s: %s", argv[0], strerror(rc));
		s.failed = 1;
	} else {
		if (!in_len)
			close_fd(&s.in);
		while (s.in >= 0 || s.out >= 0 || s.errfd >= 0) {
			long left = lim->timeout_ms - elapsed_ms(&t0);
			if (left <= 0) {
				timed_out = 1;
				break;
			}
			if (pump(&s, in, in_len, lim, out, (int)left) < 0) {
				s.failed = 1;
				break;
			}
		}
		st = reap(pid, &t0, lim->timeout_ms, timed_out || s.failed, &timed_out);
	}
	close_fd(&s.in);
	close_fd(&s.out);
	close_fd(&s.errfd);
	if (!pipe_was_pending) {
		sigpending(&pending);
		if (sigismember(&pending, SIGPIPE))
			sigtimedwait(&pipe_set, NULL, &(struct timespec){0, 0});
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);

	if (rc) {
		/* err says why it did not start */
	} else if (timed_out) {
		snprintf(err, errlen, "%s ran past %d ms and was killed", name, lim->timeout_ms);
	} else if (s.overflow) {
		snprintf(err, errlen, "%s wrote more than %zu bytes and was killed", name, lim->out_max);
	} else if (s.failed) {
		snprintf(err, errlen, "%s: %s; it was killed", name, s.why);
	} else if (st == -1) {
		snprintf(err, errlen, "%s: waitpid failed", name);
	} else if (WIFSIGNALED(st)) {
		snprintf(err, errlen, "%s was killed by signal %d", name, WTERMSIG(st));
	} else if (WEXITSTATUS(st)) {
		snprintf(err, errlen, "%s exited with status %d", name, WEXITSTATUS(st));
	} else if (s.written < in_len) {
		snprintf(err, errlen, "%s exited without reading all its input (%zu of %zu bytes)", name,
		         s.written, in_len);
	} else {
		return 0;
	}
	add_stderr(err, errlen, s.said, s.nsaid);
	out->len = len0;
	if (out->data)
		out->data[len0] = 0;
	out->err = err0;
	return -1;
}

/* Reads all of fd into b (at most b->max bytes). 0, or -1 with errno or b->err. */
static int read_all(int fd, struct buf *b)
{
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n == 0)
			return 0;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf_append(b, chunk, (size_t)n);
		if (b->err)
			return -1;
	}
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int helper_main(int argc, char **argv, const char *name, const char *usage, size_t in_max, size_t out_max,
                size_t arena_max, int in_fd, int out_fd, helper_work_fn work)
{
	if (argc > 1) {
		int help = argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"));
		fputs(usage, help ? stdout : stderr);
		return help ? 0 : 2;
	}
	struct buf in, out;
	struct arena a;
	buf_init(&in, in_max);
	buf_init(&out, out_max);
	arena_init(&a, arena_max);
	char err[256] = "";
	int rc = 0;
	if (read_all(in_fd, &in) < 0) {
		fprintf(stderr, "%s: reading the input: %s\n", name, in.err ? "it passes the size limit" : strerror(errno));
		rc = 1;
	} else if ((rc = work(&a, in.data ? in.data : "", in.len, &out, err, sizeof err)) != 0) {
		fprintf(stderr, "%s: %s%s\n", name, *err ? err : "failed",
		        rc == 2 && out.err ? " (the output passes the size limit)" : "");
		rc = rc == 1 ? 1 : 2;
	} else if (write_all(out_fd, out.data ? out.data : "", out.len) < 0) {
		fprintf(stderr, "%s: writing the output: %s\n", name, strerror(errno));
		rc = 2;
	}
	buf_free(&in);
	buf_free(&out);
	arena_free(&a);
	return rc;
}
