/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-notice.c: reading a post's front matter into a notice.
 *
 * Only the front matter is read, and only what the app shows is kept:
 * the title (plain text), the date, and the permalink turned into an
 * address on the site by the link policy. Everything else in the post
 * stays where it is. */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "community-front-matter.h"
#include "community-links.h"
#include "community-notice.h"
#include "community-text.h"

/* How much of a refused name a message quotes. */
#define SHOWN_NAME_CHARS 80

G_DEFINE_QUARK (community-notice-error-quark, community_notice_error)
G_DEFINE_BOXED_TYPE (CommunityNotice, community_notice, community_notice_ref, community_notice_unref)

CommunityNotice *
community_notice_ref (CommunityNotice *notice)
{
  g_return_val_if_fail (notice != NULL, NULL);

  return g_rc_box_acquire (notice);
}

static void
notice_clear (gpointer data)
{
  CommunityNotice *notice = data;

  g_free (notice->name);
  g_free (notice->title);
  g_free (notice->date);
  g_free (notice->url);
  g_free (notice->permalink);
}

void
community_notice_unref (CommunityNotice *notice)
{
  g_return_if_fail (notice != NULL);

  g_rc_box_release_full (notice, notice_clear);
}

/* @name for a message: safe and short, whatever it holds. */
static char *
shown_name (const char *name)
{
  return community_text_make_safe (name, -1, COMMUNITY_TEXT_FLAGS_NONE, SHOWN_NAME_CHARS);
}

/* Names. */

static gboolean
is_name_char (gunichar c)
{
  /* strchr() would take the low byte of a wider character. */
  return !community_text_is_unsafe_char (c, COMMUNITY_TEXT_FLAGS_NONE)
         && !g_unichar_isspace (c) && (c >= 0x80 || strchr ("/\\%?#:*\"<>|", (char) c) == NULL);
}

gboolean
community_notice_check_name (const char  *name,
                             GError     **error)
{
  gsize length;
  gboolean valid;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  length = strlen (name);
  valid = length > strlen (".md") && length <= COMMUNITY_NOTICE_MAX_NAME
          && g_utf8_validate (name, -1, NULL) && name[0] != '.'
          && g_str_has_suffix (name, ".md");
  for (const char *p = name; valid && *p != '\0'; p = g_utf8_next_char (p))
    valid = is_name_char (g_utf8_get_char (p));
  if (valid)
    return TRUE;

  shown = shown_name (name);
  g_set_error (error, COMMUNITY_NOTICE_ERROR, COMMUNITY_NOTICE_ERROR_REFUSED,
               /* Translators: %s is a name in the list of the site's posts */
               _("“%s” is not the name of a post"), shown);
  return FALSE;
}

/* The front matter. */

static gpointer refuse (GError     **error,
                        const char  *format,
                        ...) G_GNUC_PRINTF (2, 3);

/* NULL, with why the post is refused in @error. */
static gpointer
refuse (GError     **error,
        const char  *format,
        ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, COMMUNITY_NOTICE_ERROR, COMMUNITY_NOTICE_ERROR_REFUSED, message);
  return NULL;
}

/* The first COMMUNITY_NOTICE_MAX_FRONT_MATTER bytes of @post, cut after
 * their last whole line, as text; NULL when they are not valid UTF-8 or
 * hold a NUL. */
static char *
post_start (GBytes *post)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (post, &size);
  gsize length = MIN (size, COMMUNITY_NOTICE_MAX_FRONT_MATTER);

  if (length < size)
    while (length > 0 && data[length - 1] != '\n')
      length--;
  if (length == 0)
    return g_strdup ("");
  if (!g_utf8_validate_len (data, length, NULL))
    return NULL;

  return g_strndup (data, length);
}

/* The parsed front matter of @text, or NULL. */
static CommunityFrontMatter *
parse_front_matter (const char *text)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  const char *start = g_str_has_prefix (text, "\xEF\xBB\xBF") ? text + 3 : text;
  gsize body_offset = 0;
  guint body_line = 0;

  return community_front_matter_parse (start, &body_offset, &body_line, warnings);
}

/* Whether the list (or scalar) @key holds @value. */
static gboolean
has_item (CommunityFrontMatter *front_matter,
          const char           *key,
          const char           *value)
{
  const char * const *items = community_front_matter_get_list (front_matter, key);
  const char *scalar = community_front_matter_get (front_matter, key);

  if (items == NULL)
    return scalar != NULL && g_str_equal (scalar, value);
  return g_strv_contains (items, value);
}

/* The title as shown: stripped, one safe line, not too long. */
static char *
check_title (const char *value)
{
  g_autofree char *title = NULL;

  if (value == NULL)
    return NULL;

  title = g_strstrip (g_strdup (value));
  if (*title == '\0' || !community_text_is_safe (title, COMMUNITY_TEXT_FLAGS_NONE)
      || g_utf8_strlen (title, -1) > COMMUNITY_NOTICE_MAX_TITLE)
    return NULL;
  return g_steal_pointer (&title);
}

/* "YYYY-MM-DD", alone or before a time ("2026-02-05 00:00:00"): its
 * Julian day, or 0. */
static guint32
check_date (const char *value)
{
  guint year, month, day;
  GDate date;

  if (value == NULL || strlen (value) < 10
      || (value[10] != '\0' && value[10] != ' ' && value[10] != 'T'))
    return 0;
  for (guint i = 0; i < 10; i++)
    if ((i == 4 || i == 7) ? value[i] != '-' : !g_ascii_isdigit (value[i]))
      return 0;

  year = g_ascii_strtoull (value, NULL, 10);
  month = g_ascii_strtoull (value + 5, NULL, 10);
  day = g_ascii_strtoull (value + 8, NULL, 10);
  if (year < 1970 || !g_date_valid_dmy (day, month, year))
    return 0;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

/* A path on the site: "/pages/x/", no host, no scheme, no query, no "..",
 * nothing unsafe. Its address on the site, or NULL. */
static char *
permalink_url (const char *permalink)
{
  g_autofree char *url = NULL;
  g_auto(GStrv) segments = NULL;

  if (permalink[0] != '/' || permalink[1] == '/'
      || strlen (permalink) > COMMUNITY_NOTICE_MAX_PERMALINK
      || !community_text_is_safe (permalink, COMMUNITY_TEXT_FLAGS_NONE)
      || strpbrk (permalink, " \\?#") != NULL)
    return NULL;

  segments = g_strsplit (permalink, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    if (g_str_equal (segments[i], "..") || g_str_equal (segments[i], "."))
      return NULL;

  url = community_link_resolve (permalink, NULL);
  if (url == NULL || !g_str_has_prefix (url, COMMUNITY_SITE_URL "/"))
    return NULL;
  return g_steal_pointer (&url);
}

CommunityNotice *
community_notice_new (const char  *name,
                      const char  *title,
                      const char  *date,
                      const char  *permalink,
                      gboolean     announcement,
                      GError     **error)
{
  g_autoptr(CommunityNotice) notice = NULL;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (!community_notice_check_name (name, error))
    return NULL;

  shown = shown_name (name);
  notice = g_rc_box_new0 (CommunityNotice);
  notice->name = g_strdup (name);
  notice->announcement = !!announcement;
  notice->title = check_title (title);
  if (notice->title == NULL)
    return refuse (error,
                   /* Translators: %s is a post's file name */
                   _("The post “%s” has no title, or one that is too long or holds control "
                     "characters"), shown);

  notice->julian = check_date (date);
  if (notice->julian == 0)
    return refuse (error,
                   /* Translators: %s is a post's file name; keep YYYY-MM-DD */
                   _("The post “%s” has no date of the form YYYY-MM-DD"), shown);
  notice->date = g_strndup (date, 10);

  if (permalink != NULL && *permalink != '\0')
    {
      notice->url = permalink_url (permalink);
      if (notice->url == NULL)
        return refuse (error,
                       /* Translators: %s is a post's file name */
                       _("The post “%s” has a permalink that is not a path on the site"),
                       shown);
      notice->permalink = g_strdup (permalink);
    }

  return g_steal_pointer (&notice);
}

CommunityNotice *
community_notice_new_from_post (const char  *name,
                                GBytes      *post,
                                GError     **error)
{
  g_autoptr(CommunityFrontMatter) front_matter = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  const char *title;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (post != NULL, NULL);

  if (!community_notice_check_name (name, error))
    return NULL;

  shown = shown_name (name);
  text = post_start (post);
  if (text == NULL)
    /* Translators: %s is a post's file name */
    return refuse (error, _("The post “%s” is not valid UTF-8 text"), shown);
  front_matter = parse_front_matter (text);
  if (front_matter == NULL)
    return refuse (error,
                   /* Translators: %s is a post's file name; "front matter" is the
                    * "---" block at the start of a Markdown file */
                   _("The post “%s” has no front matter at its start"), shown);

  if (!has_item (front_matter, "tags", COMMUNITY_NOTICE_TAG)
      && !has_item (front_matter, "categories", COMMUNITY_NOTICE_CATEGORY))
    {
      g_set_error_literal (error, COMMUNITY_NOTICE_ERROR, COMMUNITY_NOTICE_ERROR_NOT_A_NOTICE,
                           "not a notice");
      return NULL;
    }

  /* A list is not a title. */
  title = community_front_matter_get_list (front_matter, "title") == NULL
          ? community_front_matter_get (front_matter, "title") : NULL;
  return community_notice_new (name, title, community_front_matter_get (front_matter, "date"),
                               community_front_matter_get (front_matter, "permalink"),
                               has_item (front_matter, "tags", COMMUNITY_NOTICE_TAG), error);
}

/* Showing. */

GDate *
community_notice_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                         g_date_time_get_year (now));
}

gboolean
community_notice_is_current (const CommunityNotice *notice,
                             const GDate           *today)
{
  GDate oldest;
  GDate latest;

  g_return_val_if_fail (notice != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  oldest = *today;
  g_date_subtract_years (&oldest, COMMUNITY_NOTICE_SHOWN_YEARS);
  latest = *today;
  g_date_add_days (&latest, COMMUNITY_NOTICE_FUTURE_DAYS);

  return notice->julian >= g_date_get_julian (&oldest)
         && notice->julian <= g_date_get_julian (&latest);
}

int
community_notice_compare (gconstpointer a,
                          gconstpointer b)
{
  const CommunityNotice *notice_a = *(CommunityNotice * const *) a;
  const CommunityNotice *notice_b = *(CommunityNotice * const *) b;

  if (notice_a->julian != notice_b->julian)
    return notice_a->julian > notice_b->julian ? -1 : 1;
  return strcmp (notice_a->name, notice_b->name);
}

char *
community_notice_describe (const CommunityNotice *notice)
{
  g_return_val_if_fail (notice != NULL, NULL);

  if (notice->announcement)
    /* Translators: a banner over the page. %s is the date (2026-02-05),
     * then the post's title, often in Chinese, shown as it is */
    return g_strdup_printf (_("Announcement · %s · %s"), notice->date, notice->title);

  /* Translators: a banner over the page, for a post in the site's
   * category 通知 (notices). %s is the date (2026-02-05), then the post's
   * title, often in Chinese, shown as it is */
  return g_strdup_printf (_("Notice · %s · %s"), notice->date, notice->title);
}
