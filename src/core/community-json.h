/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-json.h: JSON from outside (GitHub's list of posts, the saved
 * notices) parsed with bounds. json-glib parses recursively and has no
 * limit on nesting (a megabyte of "[" overflows the stack in 1.6), so
 * the nesting is measured before it sees the bytes. Display-free. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The root of @bytes when they are at most @max_size bytes of valid
 * UTF-8 JSON whose arrays and objects nest at most @max_depth deep; else
 * NULL with G_IO_ERROR_INVALID_DATA and a sentence for the user. */
JsonNode *community_json_parse_bounded (GBytes  *bytes,
                                        gsize    max_size,
                                        guint    max_depth,
                                        GError **error);

/* Adds the member @name to the object @builder is building: the string
 * @value, or null when @value is NULL. */
void      community_json_add_string    (JsonBuilder *builder,
                                        const char  *name,
                                        const char  *value);

G_END_DECLS
