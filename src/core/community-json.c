/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "community-json.h"
#include "community-text.h"

/* How much of json-glib's own message a refusal quotes. */
#define MAX_PARSE_ERROR_CHARS 160

/* How deep arrays and objects nest in @data, outside strings; stops
 * counting past @limit. */
static guint
json_depth (const char *data,
            gsize       size,
            guint       limit)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint deepest = 0;

  for (gsize i = 0; i < size && deepest <= limit; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return deepest;
}

static JsonNode *
invalid (GError     **error,
         const char  *why)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, why);
  return NULL;
}

JsonNode *
community_json_parse_bounded (GBytes  *bytes,
                              gsize    max_size,
                              guint    max_depth,
                              GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size > max_size)
    return invalid (error, _("it is too large"));
  if (data == NULL || size == 0)
    return invalid (error, _("it is empty"));
  if (!g_utf8_validate_len (data, size, NULL))
    return invalid (error, _("it is not UTF-8 text"));
  if (json_depth (data, size, max_depth) > max_depth)
    return invalid (error, _("it nests too deep"));
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      /* json-glib quotes the bytes it stopped at, which may be controls,
       * bidi overrides or a whole line: one safe line. */
      g_autofree char *why = community_text_make_safe (local_error->message, -1,
                                                       COMMUNITY_TEXT_FLAGS_NONE,
                                                       MAX_PARSE_ERROR_CHARS);
      return invalid (error, why);
    }
  /* json-glib takes only whitespace as a document without a root. */
  if (json_parser_get_root (parser) == NULL)
    return invalid (error, _("it is empty"));

  return json_node_ref (json_parser_get_root (parser));
}

void
community_json_add_string (JsonBuilder *builder,
                           const char  *name,
                           const char  *value)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (name != NULL);

  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}
