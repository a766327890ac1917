/* Diagnostics to stderr, one line each, prefixed with the UTC time. */
#ifndef SHEQU_CORE_LOG_H
#define SHEQU_CORE_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
