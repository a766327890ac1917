/* The mapping an import keeps (people_import.mapping): "c=i;c=i", a column
 * of people_columns and the file's column chosen for it on the mapping
 * step. Pure, for the routes and the fuzz target. */
#include <stdio.h>

#include "modules/people/people_import_web.h"

int pimp_mapping_parse(const char *s, int map[PC__MAX])
{
	for (int c = 0; c < PC__MAX; c++)
		map[c] = -1;
	while (s && *s) {
		int c = 0, i = 0, nc = 0, ni = 0;
		for (; *s >= '0' && *s <= '9' && nc < 3; s++, nc++)
			c = c * 10 + (*s - '0');
		if (!nc || *s++ != '=')
			return -1;
		for (; *s >= '0' && *s <= '9' && ni < 4; s++, ni++)
			i = i * 10 + (*s - '0');
		if (!ni || c >= PC__MAX || map[c] >= 0 || (*s && *s != ';'))
			return -1;
		map[c] = i;
		if (*s == ';')
			s++;
	}
	return 0;
}

const char *pimp_mapping_text(struct arena *a, const int map[PC__MAX])
{
	char buf[PC__MAX * 12 + 1];
	size_t n = 0;
	buf[0] = 0;
	for (int c = 0; c < PC__MAX; c++)
		if (map[c] >= 0)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%d=%d", n ? ";" : "", c, map[c]);
	return arena_strdup(a, buf);
}
