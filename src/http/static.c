#include "http/static.h"

#include <string.h>

#include "core/embed.h"

extern const struct embedded_file web_assets[];

static const struct embedded_file *asset_find(const char *name)
{
	for (const struct embedded_file *f = web_assets; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

const char *static_etag(const char *name)
{
	const struct embedded_file *f = asset_find(name);
	return f ? f->etag : "";
}

static const char *content_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return "application/octet-stream";
	if (!strcmp(dot, ".css"))
		return "text/css; charset=utf-8";
	if (!strcmp(dot, ".svg"))
		return "image/svg+xml";
	if (!strcmp(dot, ".png"))
		return "image/png";
	if (!strcmp(dot, ".js"))
		return "text/javascript; charset=utf-8";
	return "application/octet-stream";
}

enum http_result static_serve(struct req *r)
{
	const struct embedded_file *f = asset_find(r->param[0]);
	if (!f)
		return HR_NOT_FOUND;
	char *etag = arena_printf(r->a, "\"%s\"", f->etag);
	r->etag = etag;
	r->cache_control = "public, max-age=31536000, immutable";
	r->content_type_out = content_type(f->name);
	if (etag && r->if_none_match && parse_etag_match(r->if_none_match, strlen(r->if_none_match), etag))
		return HR_NOT_MODIFIED;
	buf_append(r->out, f->data, f->len);
	return HR_OK;
}
