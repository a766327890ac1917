/* shequ verify: check communities' public records, from the database or
 * from the outside over HTTP using only what the server publishes. */
#include <curl/curl.h>
#include <getopt.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "org/org.h"
#include "tlog/tlog_store.h"

static const char verify_usage[] =
    "usage: shequ verify [--db URL] [--community SLUG]\n"
    "       shequ verify --url http://HOST/c/SLUG/ [--key VERIFIER-KEY]\n"
    "From the database: recomputes every record hash, every checkpoint's root, signature and\n"
    "consistency with the one before, every cosignature, compares each record with the rows\n"
    "of the module that wrote it (a published post, withdrawal, answer, …) and each public\n"
    "row with its record. With --url: fetches the signed checkpoint, every\n"
    "record and proof from a running server and checks them; --key pins the log's key\n"
    "(otherwise it is fetched from the server and printed, to compare with the poster or\n"
    "the supervisors' page). Prints what it checked; exits 1 on any mismatch.\n";

static int verify_db(const char *url, const char *only)
{
	struct db *db;
	if (cli_open(url, 1, &db) < 0)
		return 1;
	struct arena a;
	arena_init(&a, 1u << 30);
	struct community *list;
	size_t n;
	int bad = 0, err = 0, seen = 0;
	const struct tlog_kind *kinds[64];
	size_t nkinds = app_log_kinds(kinds, 64);
	if (org_communities_under(db, &a, 0, &list, &n) < 0)
		err = 1;
	for (size_t i = 0; !err && i < n; i++) {
		if (only && strcmp(only, list[i].slug))
			continue;
		seen++;
		struct tlog_report rep;
		printf("%s (%s):\n", list[i].slug, list[i].name);
		int rc = tlog_verify(db, &a, &list[i], kinds, nkinds, stdout, &rep);
		if (rc < 0) {
			fprintf(stderr, "shequ: verify: %s\n", db_errmsg(db));
			err = 1;
			break;
		}
		printf("  %s %lld records, %lld checkpoints, %lld cosignatures;"
		       " %lld records checked against their rows\n",
		       rc ? "✕" : "✓", (long long)rep.leaves, (long long)rep.checkpoints, (long long)rep.cosignatures,
		       (long long)rep.records);
		bad |= rc;
	}
	if (only && !seen) {
		fprintf(stderr, "shequ: verify: no community %s\n", only);
		err = 1;
	}
	arena_free(&a);
	db_close(db);
	if (!err)
		printf(bad ? "verify: MISMATCH FOUND\n" : "verify: all public records check out\n");
	return err || bad ? 1 : 0;
}

static size_t sink(char *p, size_t size, size_t n, void *ud)
{
	buf_append(ud, p, size * n);
	return size * n;
}

/* GETs base+path into out (NUL-terminated). 0 on HTTP 200, else -1. */
static int fetch(CURL *c, const char *base, const char *path, struct buf *out)
{
	char url[2048];
	snprintf(url, sizeof url, "%s%s", base, path);
	buf_reset(out);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	long status = 0;
	if (curl_easy_perform(c) != CURLE_OK)
		return -1;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	buf_putc(out, 0);
	out->len--;
	return status == 200 && !out->err ? 0 : -1;
}

/* Decodes a JSON array of base64 hashes. Returns the count or -1. */
static int hashes_from(json_t *arr, unsigned char (*out)[TLOG_HASH])
{
	size_t i;
	json_t *v;
	if (!json_is_array(arr) || json_array_size(arr) > TLOG_MAX_PROOF)
		return -1;
	json_array_foreach(arr, i, v)
	{
		size_t got;
		const char *s = json_string_value(v);
		if (!s || sodium_base642bin(out[i], TLOG_HASH, s, strlen(s), NULL, &got, NULL, sodium_base64_VARIANT_ORIGINAL) ||
		    got != TLOG_HASH)
			return -1;
	}
	return (int)json_array_size(arr);
}

static int verify_url(const char *url, const char *pinned)
{
	char base[1024];
	snprintf(base, sizeof base, "%s", url);
	size_t bl = strlen(base);
	while (bl && base[bl - 1] == '/')
		base[--bl] = 0;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	CURL *c = curl_easy_init();
	struct buf b;
	buf_init(&b, 64u << 20);
	int bad = 0;
	char name[256], origin[256];
	unsigned char pk[32], root[TLOG_HASH];
	uint64_t size = 0;
	char key[512];
	snprintf(key, sizeof key, "%s", pinned ? pinned : "");
	if (!pinned) {
		if (fetch(c, base, "/log/key", &b) < 0) {
			fprintf(stderr, "shequ: verify: cannot fetch %s/log/key\n", base);
			goto fail;
		}
		snprintf(key, sizeof key, "%.*s", (int)strcspn(b.data, "\r\n"), b.data);
		printf("log key (from the server; compare it with the poster or the supervisors' page):\n  %s\n", key);
	}
	if (tlog_vkey_parse(key, name, sizeof name, pk) < 0) {
		fprintf(stderr, "shequ: verify: not a verifier key: %s\n", key);
		goto fail;
	}
	if (fetch(c, base, "/log/checkpoint", &b) < 0 ||
	    tlog_checkpoint_parse(b.data, b.len, origin, sizeof origin, &size, root) < 0) {
		fprintf(stderr, "shequ: verify: cannot fetch or read %s/log/checkpoint\n", base);
		goto fail;
	}
	int sig = tlog_note_verify(b.data, b.len, name, pk);
	printf("checkpoint: origin %s, %llu records: signature %s\n", origin, (unsigned long long)size,
	       sig == 1 ? "✓" : "✕ DOES NOT VERIFY");
	bad |= sig != 1 || strcmp(origin, name);
	unsigned char(*leaves)[TLOG_HASH] = calloc(size ? size : 1, TLOG_HASH);
	for (uint64_t i = 0; leaves && i < size; i++) {
		char path[64];
		snprintf(path, sizeof path, "/log/leaf/%llu", (unsigned long long)i);
		json_t *j = fetch(c, base, path, &b) == 0 ? json_loads(b.data, 0, NULL) : NULL;
		const char *data = j ? json_string_value(json_object_get(j, "data")) : NULL;
		if (!data) {
			printf("  ✕ record %llu cannot be fetched\n", (unsigned long long)i);
			bad = 1;
		} else {
			tlog_leaf_hash(data, strlen(data), leaves[i]);
		}
		json_decref(j);
		if (size >= 1000 && i % 1000 == 0)
			printf("  … %llu/%llu records\n", (unsigned long long)i, (unsigned long long)size);
	}
	unsigned char mine[TLOG_HASH];
	if (leaves)
		tlog_root((const unsigned char(*)[TLOG_HASH])leaves, size, mine);
	int root_ok = leaves && !sodium_memcmp(mine, root, TLOG_HASH);
	printf("records: %llu fetched, their tree root %s the signed checkpoint\n", (unsigned long long)size,
	       root_ok ? "✓ matches" : "✕ DOES NOT MATCH");
	bad |= !root_ok;
	/* Proofs as the server serves them, for a sample of records and sizes. */
	int proofs = 0, proofs_bad = 0;
	for (uint64_t i = 0; leaves && i < size; i += size > 64 ? size / 32 : 1) {
		char path[96];
		snprintf(path, sizeof path, "/log/proof/inclusion?index=%llu&size=%llu", (unsigned long long)i,
			 (unsigned long long)size);
		unsigned char proof[TLOG_MAX_PROOF][TLOG_HASH];
		json_t *j = fetch(c, base, path, &b) == 0 ? json_loads(b.data, 0, NULL) : NULL;
		int len = j ? hashes_from(json_object_get(j, "proof"), proof) : -1;
		proofs++;
		if (len < 0 || !tlog_verify_inclusion(i, size, leaves[i], (const unsigned char(*)[TLOG_HASH])proof, len, root))
			proofs_bad++;
		json_decref(j);
	}
	for (uint64_t m = 1; leaves && m < size; m = m * 2 + 1) {
		char path[96];
		snprintf(path, sizeof path, "/log/proof/consistency?from=%llu&to=%llu", (unsigned long long)m,
			 (unsigned long long)size);
		unsigned char proof[TLOG_MAX_PROOF][TLOG_HASH], old[TLOG_HASH];
		tlog_root((const unsigned char(*)[TLOG_HASH])leaves, m, old);
		json_t *j = fetch(c, base, path, &b) == 0 ? json_loads(b.data, 0, NULL) : NULL;
		int len = j ? hashes_from(json_object_get(j, "proof"), proof) : -1;
		proofs++;
		if (len < 0 || !tlog_verify_consistency(m, size, (const unsigned char(*)[TLOG_HASH])proof, len, old, root))
			proofs_bad++;
		json_decref(j);
	}
	printf("proofs: %d inclusion and consistency proofs from the server, %d fail\n", proofs, proofs_bad);
	bad |= proofs_bad != 0;
	free(leaves);
	buf_free(&b);
	curl_easy_cleanup(c);
	curl_global_cleanup();
	printf(bad ? "verify: MISMATCH FOUND\n" : "verify: the published record checks out\n");
	return bad ? 1 : 0;
fail:
	buf_free(&b);
	curl_easy_cleanup(c);
	curl_global_cleanup();
	return 1;
}

int cmd_verify(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},	  {"community", required_argument, 0, 'c'},
					     {"url", required_argument, 0, 'u'},  {"key", required_argument, 0, 'k'},
					     {"help", no_argument, 0, 'h'},	  {0}};
	const char *db = NULL, *only = NULL, *url = NULL, *key = NULL;
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'd')
			db = optarg;
		else if (ch == 'c')
			only = optarg;
		else if (ch == 'u')
			url = optarg;
		else if (ch == 'k')
			key = optarg;
		else
			return cli_usage(verify_usage, ch == 'h');
	}
	if (optind != argc || (url && (db || only)))
		return cli_usage(verify_usage, 0);
	return url ? verify_url(url, key) : verify_db(cli_db_url(db), only);
}
