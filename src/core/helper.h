/* Short-lived helper programs: work that needs large libraries (the poster
 * renderer's cairo, pango and fonts) runs in a child process that reads its
 * input on stdin and writes its result on stdout, so that the server never
 * loads those libraries and their memory goes when the child exits. The
 * child is started with posix_spawn (safe in a multi-threaded process, unlike
 * fork without exec), fed and read with bounds on size and time, and killed
 * when it passes them. */
#ifndef SHEQU_CORE_HELPER_H
#define SHEQU_CORE_HELPER_H
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"

/* Where helper programs are looked for instead of this program's own folder
 * (for packagers who put them elsewhere, and for tests). */
#define HELPER_DIR_ENV "SHEQU_HELPER_DIR"

/* The path of the helper program `name` (a plain file name): in
 * $SHEQU_HELPER_DIR when that is set, else in the folder of the running
 * program (/proc/self/exe). 0 with the path in out, or -1 with the cause in
 * err (English, for the log). */
int helper_path(const char *name, char *out, size_t n, char *err, size_t errlen);

struct helper_limits {
	size_t out_max; /* most bytes read from its stdout */
	size_t err_max; /* most bytes of its stderr kept for err (the rest is read and dropped) */
	int timeout_ms; /* from start to exit, writing and reading included */
};

/* Runs argv[0] (a path) with argv (NULL-terminated) and this environment,
 * with no other descriptor than three pipes, every signal unblocked and
 * SIGPIPE at its default; writes in_len bytes of in to its stdin and then
 * closes it, and appends what it writes to stdout to out. Kills it (SIGKILL)
 * when it runs past lim->timeout_ms or writes more than lim->out_max bytes.
 * 0 when it exited with status 0 and nothing passed a bound; else -1 with the
 * cause in err (English, for the log: how it ended, and the start of what it
 * wrote to stderr) and out as it was before the call. */
int helper_run(const char *const *argv, const void *in, size_t in_len, const struct helper_limits *lim,
               struct buf *out, char *err, size_t errlen);

/* ---- the helper program's side ---- */

/* What a helper program does with its whole input in..len: appends its
 * result to out (the arena a for its work). 0; 1 when the input is refused;
 * 2 when the work fails; the reason in err (English) either way. */
typedef int (*helper_work_fn)(struct arena *a, const char *in, size_t len, struct buf *out, char *err,
                              size_t errlen);
/* The main of a helper program called name: with "--help" prints usage on
 * stdout (0), with any other argument on stderr (2); else reads all of in_fd
 * (at most in_max bytes), runs work with an arena of arena_max bytes and an
 * output of at most out_max, and writes the output to out_fd. Its exit
 * status: 0; 1 when the input is unreadable or refused; 2 when the work or
 * writing fails; each failure with one line "name: why" on stderr. */
int helper_main(int argc, char **argv, const char *name, const char *usage, size_t in_max, size_t out_max,
                size_t arena_max, int in_fd, int out_fd, helper_work_fn work);

#endif
