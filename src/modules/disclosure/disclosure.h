/* 党务居务公开: the disclosure board as a tamper-evident public record
 * (DOMAIN.md area 1). What the rest of shequ may use of it: the module
 * table, listed through the top meson.build's module list. Everything else
 * (its types, store, views) is private to this folder:
 * disclosure_internal.h. */
#ifndef SHEQU_MODULES_DISCLOSURE_H
#define SHEQU_MODULES_DISCLOSURE_H
#include "http/module.h"

extern const struct module disclosure_module;

#endif
