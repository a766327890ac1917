/* Resident ID numbers (居民身份证号码, GB 11643-1999): 17 digits and a
 * MOD 11-2 check character, or the old 15-digit form. Pure. */
#include <string.h>

#include "pii/pii.h"

char pii_id_check_char(const char *s)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char check[] = "10X98765432";
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		sum += (s[i] - '0') * w[i];
	}
	return check[sum % 11];
}

int pii_id_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 15) {
		for (size_t i = 0; i < 15; i++)
			if (s[i] < '0' || s[i] > '9')
				return 0;
		return 1;
	}
	if (n != 18)
		return 0;
	char want = pii_id_check_char(s), c = s[17] == 'x' ? 'X' : s[17];
	return want && want == c;
}
