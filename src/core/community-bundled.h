/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-bundled.h: the pages bundled in the resource, by language. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The resource path of the bundled page for the given language names
 * (as g_get_language_names() returns them, most wanted first): zh_TW and
 * zh_HK get the Traditional Chinese page, other Chinese locales the
 * Chinese page, every other locale the English one. */
const char *community_bundled_page_for_languages (const char * const *languages);
/* The same for the user's languages. */
const char *community_bundled_page_path          (void);
GBytes     *community_bundled_page_bytes         (GError **error);

/* The bundled Chinese page: the one the join model always comes from. */
GBytes     *community_bundled_chinese_page_bytes (GError **error);
/* The bundled translation the user's languages get, or NULL when they
 * get the Chinese page itself. */
const char *community_bundled_translation_path   (void);

G_END_DECLS
