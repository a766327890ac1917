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

static json_t *b64(const unsigned char *h)
{
	char s[sodium_base64_ENCODED_LEN(TLOG_HASH, sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(s, sizeof s, h, TLOG_HASH, sodium_base64_VARIANT_ORIGINAL);
	return json_string(s);
}

enum http_result disclosure_h_checkpoint(struct req *r)
{
	struct tlog_head h;
	int rc = tlog_store_head_get(r->db, r->a, r->community->id, &h);
	if (rc < 0)
		return HR_ERROR;
	if (rc)
		return req_fail(r, HR_NOT_FOUND, "本社区还没有公开记录。");
	buf_puts(r->out, h.note);
	/* Supervisors' cosignatures are further signature lines of the same note. */
	if (tlog_store_cosig_lines(r->db, r->community->id, h.size, r->out) < 0)
		return HR_ERROR;
	r->content_type_out = "text/plain; charset=utf-8";
	r->cache_control = "no-cache, max-age=0";
	return HR_OK;
}

enum http_result disclosure_h_key(struct req *r)
{
	unsigned char sk[64];
	const char *origin = tlog_store_origin(r->db, r->a, r->community->slug);
	if (!origin || tlog_store_signing_key(r->db, sk) < 0)
		return HR_ERROR;
	tlog_vkey(r->out, origin, sk + 32);
	sodium_memzero(sk, sizeof sk);
	buf_putc(r->out, '\n');
	r->content_type_out = "text/plain; charset=utf-8";
	return HR_OK;
}

enum http_result disclosure_h_leaf(struct req *r)
{
	int64_t idx;
	/* One spelling per leaf (no sign, no leading zeros): it is cached as immutable. */
	const char *p = r->param[1];
	if (str_to_int64(p, &idx) < 0 || idx < 0 || p[0] == '+' || (p[0] == '0' && p[1]))
		return req_fail(r, HR_NOT_FOUND, "没有这条记录。");
	const char *data, *hash;
	int rc = tlog_store_leaf_get(r->db, r->a, r->community->id, idx, &data, &hash);
	if (rc < 0)
		return HR_ERROR;
	if (rc)
		return req_fail(r, HR_NOT_FOUND, "没有这条记录。");
	r->cache_control = "public, max-age=31536000, immutable";
	return req_send_json(r, json_pack("{s:I,s:s,s:s}", "index", (json_int_t)idx, "leaf_hash", hash, "data", data));
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
	struct tlog_head h;
	if (tlog_store_head_get(r->db, r->a, r->community->id, &h) < 0)
		return HR_ERROR;
	int64_t idx = qint(r, "index", -1), size = qint(r, "size", h.size);
	if (idx < 0 || size < 1 || idx >= size || size > h.size)
		return req_fail(r, HR_BAD_REQUEST, "index 须小于 size,size 不能超过当前记录数。");
	unsigned char(*leaves)[TLOG_HASH];
	int64_t n;
	/* Reads below are bounded by the hashes read, not only by the head. */
	if (tlog_store_leaf_hashes(r->db, r->a, r->community->id, size, &leaves, &n) < 0 || idx >= n)
		return HR_ERROR;
	unsigned char proof[TLOG_MAX_PROOF][TLOG_HASH], root[TLOG_HASH];
	const unsigned char(*L)[TLOG_HASH] = (const unsigned char(*)[TLOG_HASH])leaves;
	int len = tlog_inclusion_proof(L, (uint64_t)n, (uint64_t)idx, proof);
	tlog_root(L, (uint64_t)n, root);
	json_t *arr = json_array();
	for (int i = 0; i < len; i++)
		json_array_append_new(arr, b64(proof[i]));
	return req_send_json(r, json_pack("{s:I,s:I,s:o,s:o,s:o}", "index", (json_int_t)idx, "size", (json_int_t)n,
				      "leaf_hash", b64(leaves[idx]), "root", b64(root), "proof", arr));
}

enum http_result disclosure_h_consistency(struct req *r)
{
	struct tlog_head h;
	if (tlog_store_head_get(r->db, r->a, r->community->id, &h) < 0)
		return HR_ERROR;
	int64_t from = qint(r, "from", -1), to = qint(r, "to", h.size);
	if (from < 1 || to < from || to > h.size)
		return req_fail(r, HR_BAD_REQUEST, "须满足 1 ≤ from ≤ to ≤ 当前记录数。");
	unsigned char(*leaves)[TLOG_HASH];
	int64_t n;
	if (tlog_store_leaf_hashes(r->db, r->a, r->community->id, to, &leaves, &n) < 0 || n != to)
		return HR_ERROR;
	unsigned char proof[TLOG_MAX_PROOF][TLOG_HASH], r1[TLOG_HASH], r2[TLOG_HASH];
	const unsigned char(*L)[TLOG_HASH] = (const unsigned char(*)[TLOG_HASH])leaves;
	int len = tlog_consistency_proof(L, (uint64_t)from, (uint64_t)to, proof);
	tlog_root(L, (uint64_t)from, r1);
	tlog_root(L, (uint64_t)to, r2);
	json_t *arr = json_array();
	for (int i = 0; i < len; i++)
		json_array_append_new(arr, b64(proof[i]));
	return req_send_json(r, json_pack("{s:I,s:I,s:o,s:o,s:o}", "from", (json_int_t)from, "to", (json_int_t)to,
				      "from_root", b64(r1), "to_root", b64(r2), "proof", arr));
}

enum http_result disclosure_h_tile(struct req *r)
{
	struct tlog_tile t;
	if (tlog_tile_parse(r->param[1], &t) < 0)
		return req_fail(r, HR_NOT_FOUND, "没有这一块默克尔树数据:地址格式不对。");
	struct tlog_head h;
	if (tlog_store_head_get(r->db, r->a, r->community->id, &h) < 0)
		return HR_ERROR;
	uint64_t start, span;
	if (tlog_tile_span(&t, (uint64_t)h.size, &start, &span) < 0)
		return req_fail(r, HR_NOT_FOUND, "没有这一块默克尔树数据:公开记录还没有这么多条,或这一块已经写满(请取完整的一块)。");
	uint64_t end = start + (uint64_t)t.width * span; /* <= h.size, checked by tlog_tile_span */
	unsigned char(*leaves)[TLOG_HASH];
	int64_t n;
	if (tlog_store_leaf_hashes(r->db, r->a, r->community->id, (int64_t)end, &leaves, &n) < 0 ||
	    (uint64_t)n != end)
		return HR_ERROR;
	for (int i = 0; i < t.width; i++) {
		unsigned char hash[TLOG_HASH];
		tlog_root((const unsigned char(*)[TLOG_HASH])(leaves + start + (uint64_t)i * span), span, hash);
		buf_append(r->out, hash, TLOG_HASH);
	}
	r->content_type_out = "application/octet-stream";
	r->cache_control = "public, max-age=31536000, immutable";
	return HR_OK;
}
