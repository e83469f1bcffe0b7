/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the notices: the same bytes as GitHub's listing of
 * the posts, as a post, and as the saved set of notices, the three ways
 * announcements reach the app from outside. Whatever the bytes, each
 * either is refused with an error of its own domain or gives only what
 * the checks promise: post names that are one safe path segment, blob
 * hashes, sizes within the page's cap, titles that are one safe line,
 * and a saved set that reads back as it was written. fuzz/run-fuzz.sh
 * fuzzes it with libFuzzer; meson test runs its corpus through
 * fuzz-main.c. */
#include "config.h"

#include <stdint.h>

#include <gio/gio.h>

#include "community-links.h"
#include "community-notice-listing.h"
#include "community-notice-set.h"
#include "community-notice.h"
#include "community-page.h"
#include "community-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_listing (GBytes *bytes)
{
  g_autoptr(CommunityNoticeListing) listing = NULL;
  g_autoptr(GError) error = NULL;

  listing = community_notice_listing_parse (bytes, &error);
  if (listing == NULL)
    {
      g_assert (g_error_matches (error, COMMUNITY_NOTICE_ERROR, COMMUNITY_NOTICE_ERROR_REFUSED));
      g_assert (community_text_is_safe (error->message, COMMUNITY_TEXT_FLAGS_NONE));
      return;
    }

  g_assert (listing->posts->len <= COMMUNITY_NOTICE_LISTING_MAX_ENTRIES);
  g_assert (listing->refused->len <= COMMUNITY_NOTICE_LISTING_MAX_NAMED);
  g_assert (listing->n_refused >= listing->refused->len);
  for (guint i = 0; i < listing->posts->len; i++)
    {
      const CommunityListedPost *post = g_ptr_array_index (listing->posts, i);

      g_assert (community_notice_check_name (post->name, NULL));
      g_assert (community_notice_listing_is_blob_sha (post->sha));
      g_assert (post->size <= COMMUNITY_PAGE_MAX_SIZE);
    }
  for (guint i = 0; i < listing->refused->len; i++)
    g_assert (community_text_is_safe (g_ptr_array_index (listing->refused, i),
                                      COMMUNITY_TEXT_FLAGS_NONE));
}

static void
check_notice (const CommunityNotice *notice)
{
  g_autofree char *shown = community_notice_describe (notice);

  g_assert (community_notice_check_name (notice->name, NULL));
  g_assert (community_text_is_safe (notice->title, COMMUNITY_TEXT_FLAGS_NONE));
  g_assert (g_utf8_strlen (notice->title, -1) <= COMMUNITY_NOTICE_MAX_TITLE);
  g_assert (community_text_is_safe (shown, COMMUNITY_TEXT_FLAGS_NONE));
  g_assert ((notice->permalink == NULL) == (notice->url == NULL));
  if (notice->url != NULL)
    g_assert (g_str_has_prefix (notice->url, COMMUNITY_SITE_URL "/"));
}

static void
check_post (GBytes *bytes)
{
  g_autoptr(CommunityNotice) notice = NULL;
  g_autoptr(GError) error = NULL;

  notice = community_notice_new_from_post ("2026-02-05-fuzz.md", bytes, &error);
  if (notice == NULL)
    {
      g_assert (error != NULL && error->domain == COMMUNITY_NOTICE_ERROR);
      g_assert (community_text_is_safe (error->message, COMMUNITY_TEXT_FLAGS_NONE));
      return;
    }
  check_notice (notice);
}

static void
check_saved_set (GBytes *bytes)
{
  g_autoptr(GPtrArray) set = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;

  set = community_notice_set_from_json (bytes, &error);
  if (set == NULL)
    {
      g_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA));
      return;
    }

  for (guint i = 0; i < set->len; i++)
    {
      const CommunityNoticeEntry *entry = g_ptr_array_index (set, i);

      g_assert (community_notice_check_name (entry->name, NULL));
      if (entry->notice != NULL)
        check_notice (entry->notice);
    }

  /* What the app saves reads back as the same set. */
  saved = community_notice_set_to_json (set);
  again = community_notice_set_from_json (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, set->len);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);

  check_listing (bytes);
  check_post (bytes);
  check_saved_set (bytes);
  return 0;
}
