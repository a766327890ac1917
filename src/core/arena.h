/* Per-request arena: bump allocation from chunks, freed all at once.
 * A cap bounds the total; once an allocation fails the arena stays failed
 * (sticky) so a caller can check once at the end. */
#ifndef SHEQU_CORE_ARENA_H
#define SHEQU_CORE_ARENA_H
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t used; /* bytes handed out since the last reset, with alignment */
	size_t cap;  /* most bytes ever handed out between resets */
	int failed;  /* sticky: an allocation was refused */
};

/* Prepares an empty arena that refuses to hand out more than cap bytes. */
void arena_init(struct arena *a, size_t cap);
/* Returns n bytes aligned for any type, or NULL (and sets failed) past the cap or on OOM. */
void *arena_alloc(struct arena *a, size_t n);
/* Returns n zeroed bytes, or NULL as arena_alloc. */
void *arena_zalloc(struct arena *a, size_t n);
/* Copies n bytes of s into the arena with a terminating NUL; NULL on failure. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Copies a NUL-terminated string; NULL on failure or when s is NULL. */
char *arena_strdup(struct arena *a, const char *s);
/* printf into the arena; NULL on failure. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Forgets every allocation but keeps the first chunk for reuse; clears failed. */
void arena_reset(struct arena *a);
/* Frees every chunk. The arena may be initialised again. */
void arena_free(struct arena *a);

#endif
