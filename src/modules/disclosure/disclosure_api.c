/* The community's public log over HTTP: the signed checkpoint, the verifier
 * key, leaves, inclusion and consistency proofs (JSON), and the Merkle tree
 * as C2SP tlog-tiles. */
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "modules/disclosure/disclosure_routes.h"
#include "modules/disclosure/disclosure_web.h"

static enum http_result send_json(struct req *r, json_t *o)
{
	char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (!s)
		return HR_ERROR;
	buf_puts(r->out, s);
	buf_putc(r->out, '\n');
	free(s);
	r->content_type_out = "application/json; charset=utf-8";
	return HR_OK;
}

static json_t *b64(const unsigned char *h)
{
	char s[sodium_base64_ENCODED_LEN(TLOG_HASH, sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(s, sizeof s, h, TLOG_HASH, sodium_base64_VARIANT_ORIGINAL);
	return json_string(s);
}

enum http_result disclosure_h_checkpoint(struct req *r)
{
	struct log_head h;
	int rc = log_head_get(r->db, r->a, r->community->id, &h);
	if (rc < 0)
		return HR_ERROR;
	if (rc)
		return req_fail(r, HR_NOT_FOUND, "本社区还没有公开记录。");
	buf_puts(r->out, h.note);
	/* Supervisors' cosignatures are further signature lines of the same note. */
	if (cosig_lines(r->db, r->community->id, h.size, r->out) < 0)
		return HR_ERROR;
	r->content_type_out = "text/plain; charset=utf-8";
	r->cache_control = "no-cache, max-age=0";
	return HR_OK;
}

enum http_result disclosure_h_key(struct req *r)
{
	unsigned char sk[64];
	if (log_signing_key(r->db, sk) < 0)
		return HR_ERROR;
	tlog_vkey(r->out, log_origin(r->a, r->community->slug), sk + 32);
	sodium_memzero(sk, sizeof sk);
	buf_putc(r->out, '\n');
	r->content_type_out = "text/plain; charset=utf-8";
	return HR_OK;
}

enum http_result disclosure_h_leaf(struct req *r)
{
	int64_t idx;
	if (str_to_int64(r->param[1], &idx) < 0 || idx < 0)
		return req_fail(r, HR_NOT_FOUND, "没有这条记录。");
	const char *data, *hash;
	int rc = log_leaf_get(r->db, r->a, r->community->id, idx, &data, &hash);
	if (rc < 0)
		return HR_ERROR;
	if (rc)
		return req_fail(r, HR_NOT_FOUND, "没有这条记录。");
	r->cache_control = "public, max-age=31536000, immutable";
	return send_json(r, json_pack("{s:I,s:s,s:s}", "index", (json_int_t)idx, "leaf_hash", hash, "data", data));
}

/* Reads a non-negative integer query parameter; def when absent; -2 when malformed. */
static int64_t qint(struct req *r, const char *name, int64_t def)
{
	const char *s = kv_get(&r->q, name);
	int64_t v;
	if (!s)
		return def;
	return str_to_int64(s, &v) == 0 && v >= 0 ? v : -2;
}

enum http_result disclosure_h_inclusion(struct req *r)
{
	struct log_head h;
	if (log_head_get(r->db, r->a, r->community->id, &h) < 0)
		return HR_ERROR;
	int64_t idx = qint(r, "index", -1), size = qint(r, "size", h.size);
	if (idx < 0 || size < 1 || idx >= size || size > h.size)
		return req_fail(r, HR_BAD_REQUEST, "index 须小于 size,size 不能超过当前记录数。");
	unsigned char(*leaves)[TLOG_HASH];
	int64_t n;
	if (log_leaf_hashes(r->db, r->a, r->community->id, size, &leaves, &n) < 0)
		return HR_ERROR;
	unsigned char proof[TLOG_MAX_PROOF][TLOG_HASH], root[TLOG_HASH];
	const unsigned char(*L)[TLOG_HASH] = (const unsigned char(*)[TLOG_HASH])leaves;
	int len = tlog_inclusion_proof(L, (uint64_t)n, (uint64_t)idx, proof);
	tlog_root(L, (uint64_t)n, root);
	json_t *arr = json_array();
	for (int i = 0; i < len; i++)
		json_array_append_new(arr, b64(proof[i]));
	return send_json(r, json_pack("{s:I,s:I,s:o,s:o,s:o}", "index", (json_int_t)idx, "size", (json_int_t)n,
				      "leaf_hash", b64(leaves[idx]), "root", b64(root), "proof", arr));
}

enum http_result disclosure_h_consistency(struct req *r)
{
	struct log_head h;
	if (log_head_get(r->db, r->a, r->community->id, &h) < 0)
		return HR_ERROR;
	int64_t from = qint(r, "from", -1), to = qint(r, "to", h.size);
	if (from < 1 || to < from || to > h.size)
		return req_fail(r, HR_BAD_REQUEST, "须满足 1 ≤ from ≤ to ≤ 当前记录数。");
	unsigned char(*leaves)[TLOG_HASH];
	int64_t n;
	if (log_leaf_hashes(r->db, r->a, r->community->id, to, &leaves, &n) < 0)
		return HR_ERROR;
	unsigned char proof[TLOG_MAX_PROOF][TLOG_HASH], r1[TLOG_HASH], r2[TLOG_HASH];
	const unsigned char(*L)[TLOG_HASH] = (const unsigned char(*)[TLOG_HASH])leaves;
	int len = tlog_consistency_proof(L, (uint64_t)from, (uint64_t)to, proof);
	tlog_root(L, (uint64_t)from, r1);
	tlog_root(L, (uint64_t)to, r2);
	json_t *arr = json_array();
	for (int i = 0; i < len; i++)
		json_array_append_new(arr, b64(proof[i]));
	return send_json(r, json_pack("{s:I,s:I,s:o,s:o,s:o}", "from", (json_int_t)from, "to", (json_int_t)to,
				      "from_root", b64(r1), "to_root", b64(r2), "proof", arr));
}

/* Parses "<L>/<N path>[.p/<W>]" (N as x001/x234/067). 0 or -1. */
static int tile_path(const char *p, int *level, int64_t *index, int *width)
{
	char *end;
	long l = strtol(p, &end, 10);
	if (end == p || *end != '/' || l < 0 || l > 63 || (p[0] == '0' && end - p > 1))
		return -1;
	*level = (int)l;
	p = end + 1;
	int64_t n = 0;
	*width = 256;
	for (;;) {
		int x = *p == 'x';
		if (x)
			p++;
		if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9'))
			return -1;
		n = n * 1000 + (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
		p += 3;
		if (x) {
			if (*p++ != '/')
				return -1;
			continue;
		}
		break;
	}
	if (*p == '.') {
		if (strncmp(p, ".p/", 3))
			return -1;
		long w = strtol(p + 3, &end, 10);
		if (end == p + 3 || *end || w < 1 || w > 255 || p[3] == '0')
			return -1;
		*width = (int)w;
	} else if (*p) {
		return -1;
	}
	*index = n;
	return 0;
}

enum http_result disclosure_h_tile(struct req *r)
{
	int level, width;
	int64_t index;
	if (tile_path(r->param[1], &level, &index, &width) < 0 || level > 3)
		return req_fail(r, HR_NOT_FOUND, "没有这个 tile。");
	struct log_head h;
	if (log_head_get(r->db, r->a, r->community->id, &h) < 0)
		return HR_ERROR;
	int64_t span = 1;
	for (int i = 0; i < level; i++)
		span *= 256;
	/* Entries needed: the tile's hashes cover [index*256*span, (index*256+width)*span). */
	int64_t start = index * 256 * span, end = (index * 256 + width) * span;
	if (end > h.size)
		return req_fail(r, HR_NOT_FOUND, "记录还没有这么多条。");
	/* A full tile is served only when it is full; a partial one only at its width. */
	int64_t avail = h.size / span - index * 256;
	if (width < 256 && avail >= 256)
		return req_fail(r, HR_NOT_FOUND, "该 tile 已完整,请取完整 tile。");
	unsigned char(*leaves)[TLOG_HASH];
	int64_t n;
	if (log_leaf_hashes(r->db, r->a, r->community->id, end, &leaves, &n) < 0)
		return HR_ERROR;
	for (int i = 0; i < width; i++) {
		unsigned char hash[TLOG_HASH];
		tlog_root((const unsigned char(*)[TLOG_HASH])(leaves + start + (int64_t)i * span), (uint64_t)span, hash);
		buf_append(r->out, hash, TLOG_HASH);
	}
	r->content_type_out = "application/octet-stream";
	r->cache_control = "public, max-age=31536000, immutable";
	return HR_OK;
}
