/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-mailto.h: building and reading RFC 6068 mailto: URIs.
 * Display-free. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns "mailto:ADDRESS[?subject=...][&body=...]" with every part
 * percent-encoded as RFC 6068 requires. @subject and @body may be NULL or
 * empty, and are then left out. Line breaks in @body become %0D%0A. */
char *community_mailto_build         (const char *address,
                                      const char *subject,
                                      const char *body);

/* Returns the first address of a mailto: URI, percent-decoded, or NULL when
 * @uri is not a mailto: URI or names no address with an '@'. */
char *community_mailto_parse_address (const char *uri);

G_END_DECLS
