/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-notice.c: a post's front matter read into a notice, GitHub's list
 * of posts, and the saved set, each against what a hostile mirror or a
 * damaged cache may hold. No network, no display. */
#include "config.h"

#include <string.h>

#include "community-inspect-notices.h"
#include "community-notice-listing.h"
#include "community-notice-set.h"
#include "community-notice.h"
#include "community-page.h"
#include "community-test-core.h"
#include "community-text.h"

/* Helpers. */

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static CommunityNotice *
parse_post (const char  *name,
            const char  *text,
            GError     **error)
{
  g_autoptr(GBytes) bytes = text_bytes (text);

  return community_notice_new_from_post (name, bytes, error);
}

/* "YYYY-MM-DD" @days after today (before it when negative). */
static char *
date_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* The seed. */

static void
test_seed (void)
{
  g_autoptr(GPtrArray) set = community_notice_set_new_seed ();
  g_autoptr(GPtrArray) notices = community_notice_set_get_notices (set);
  CommunityNotice *notice;
  g_autofree char *shown = NULL;

  g_assert_cmpuint (set->len, ==, 1);
  g_assert_null (((CommunityNoticeEntry *) g_ptr_array_index (set, 0))->sha);
  g_assert_cmpuint (notices->len, ==, 1);
  notice = g_ptr_array_index (notices, 0);
  g_assert_cmpstr (notice->name, ==, "项目暂停维护公告.md");
  g_assert_cmpstr (notice->title, ==, "项目暂停维护公告");
  g_assert_cmpstr (notice->date, ==, "2026-02-05");
  g_assert_cmpstr (notice->permalink, ==, "/pages/project-suspended/");
  g_assert_cmpstr (notice->url, ==, "https://jpom.top/pages/project-suspended/");
  g_assert_true (notice->announcement);

  shown = community_notice_describe (notice);
  g_assert_cmpstr (shown, ==, "Announcement · 2026-02-05 · 项目暂停维护公告");
}

/* Posts. */

static void
test_post_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityNotice) markup = NULL;
  g_autoptr(CommunityNotice) category = NULL;
  g_autoptr(CommunityNotice) bom = NULL;
  g_autoptr(CommunityNotice) plain = NULL;
  g_autofree char *shown = NULL;

  /* Markup is text: kept as it is, for labels that show it as text. */
  markup = parse_post ("2026-01-01-x.md",
                       "---\ntitle: <b>粗</b> & <a href='file:///etc/passwd'>x</a>\n"
                       "date: 2026-01-01 10:00:00\ntags: 公告\npermalink: /pages/x/\n---\nbody\n",
                       &error);
  g_assert_no_error (error);
  g_assert_cmpstr (markup->title, ==, "<b>粗</b> & <a href='file:///etc/passwd'>x</a>");
  g_assert_cmpstr (markup->date, ==, "2026-01-01");
  g_assert_true (markup->announcement);

  /* In the category 通知 without the tag: a notice, not an announcement. */
  category = parse_post ("下载中心调整.md",
                         "---\ntitle: 下载中心调整通知\ndate: 2024-07-02 08:51:53\n"
                         "permalink: /pages/malice-fraudulent/\ncategories:\n  - 通知\n"
                         "tags:\n  - CDN\n---\n", &error);
  g_assert_no_error (error);
  g_assert_false (category->announcement);
  shown = community_notice_describe (category);
  g_assert_cmpstr (shown, ==, "Notice · 2024-07-02 · 下载中心调整通知");

  /* A byte-order mark, a flow list, no permalink (no button). */
  bom = parse_post ("b.md", "\xEF\xBB\xBF---\ntitle: B\ndate: 2026-03-01\ntags: [x, 公告]\n---\n",
                    &error);
  g_assert_no_error (error);
  g_assert_true (bom->announcement);
  g_assert_null (bom->url);

  /* Neither tag nor category: not a notice. */
  plain = parse_post ("p.md", "---\ntitle: P\ndate: 2026-03-01\ntags: [x]\n---\n", &error);
  g_assert_null (plain);
  g_assert_error (error, COMMUNITY_NOTICE_ERROR, COMMUNITY_NOTICE_ERROR_NOT_A_NOTICE);
}

typedef struct
{
  const char *why;
  const char *text;
  const char *message;
} RefusedPost;

static void
test_post_refused (void)
{
  g_autofree char *long_title = NULL;
  g_autofree char *late_close = NULL;
  g_autofree char *long_text = NULL;
  g_autofree char *late_text = NULL;
  const RefusedPost cases[] = {
    { "not UTF-8", "---\ntitle: \xFF\xFE bad\ndate: 2026-01-01\ntags: [公告]\n---\n",
      "not valid UTF-8" },
    { "an escape", "---\ntitle: \"\\033]8;;http://x\\033\\\\ok\"\ndate: 2026-01-01\n"
      "tags: [公告]\n---\n", "no title" },
    { "a bidi override", "---\ntitle: a\xE2\x80\xAE" "b\ndate: 2026-01-01\ntags: [公告]\n---\n",
      "no title" },
    { "an empty title", "---\ntitle:  \ndate: 2026-01-01\ntags: [公告]\n---\n", "no title" },
    { "a list for a title", "---\ntitle:\n  - a\n  - b\ndate: 2026-01-01\ntags: [公告]\n---\n",
      "no title" },
    { "no title", "---\ndate: 2026-01-01\ntags: [公告]\n---\n", "no title" },
    { "no date", "---\ntitle: t\ntags: [公告]\n---\n", "no date" },
    { "30 February", "---\ntitle: t\ndate: 2026-02-30\ntags: [公告]\n---\n", "no date" },
    { "a short year", "---\ntitle: t\ndate: 26-02-05\ntags: [公告]\n---\n", "no date" },
    { "text after the date", "---\ntitle: t\ndate: 2026-02-05x\ntags: [公告]\n---\n", "no date" },
    { "another host", "---\ntitle: t\ndate: 2026-01-01\ntags: [公告]\n"
      "permalink: https://evil.example/x\n---\n", "permalink" },
    { "no scheme, another host", "---\ntitle: t\ndate: 2026-01-01\ntags: [公告]\n"
      "permalink: //evil.example/x\n---\n", "permalink" },
    { "javascript:", "---\ntitle: t\ndate: 2026-01-01\ntags: [公告]\n"
      "permalink: javascript:alert(1)\n---\n", "permalink" },
    { "a climb", "---\ntitle: t\ndate: 2026-01-01\ntags: [公告]\npermalink: /a/../b/\n---\n",
      "permalink" },
    { "a query", "---\ntitle: t\ndate: 2026-01-01\ntags: [公告]\npermalink: /x?y=1\n---\n",
      "permalink" },
    { "relative", "---\ntitle: t\ndate: 2026-01-01\ntags: [公告]\npermalink: pages/x/\n---\n",
      "permalink" },
    { "a control", "---\ntitle: t\ndate: 2026-01-01\ntags: [公告]\n"
      "permalink: \"/x\\ty/\"\n---\n", "permalink" },
    { "no front matter", "# Title\n\ntext\n", "no front matter" },
    { "unclosed", "---\ntitle: t\ndate: 2026-01-01\ntags: [公告]\n", "no front matter" },
    { "empty", "", "no front matter" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = text_bytes (cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(CommunityNotice) notice = NULL;

      g_test_message ("%s", cases[i].why);
      notice = community_notice_new_from_post ("p.md", bytes, &error);
      g_assert_null (notice);
      g_assert_error (error, COMMUNITY_NOTICE_ERROR, COMMUNITY_NOTICE_ERROR_REFUSED);
      community_test_assert_contains (error->message, cases[i].message);
      community_test_assert_contains (error->message, "“p.md”");
    }

  /* A permalink one byte too long; the longest is fine. */
  {
    g_autofree char *longest = g_strnfill (COMMUNITY_NOTICE_MAX_PERMALINK - 2, 'p');
    g_autofree char *fits = g_strdup_printf ("/%s/", longest);
    g_autofree char *too_long = g_strdup_printf ("/%sp/", longest);
    g_autoptr(GError) error = NULL;
    g_autoptr(CommunityNotice) notice = NULL;
    g_autoptr(CommunityNotice) refused = NULL;

    notice = community_notice_new ("p.md", "t", "2026-01-01", fits, TRUE, &error);
    g_assert_no_error (error);
    refused = community_notice_new ("p.md", "t", "2026-01-01", too_long, TRUE, &error);
    g_assert_error (error, COMMUNITY_NOTICE_ERROR, COMMUNITY_NOTICE_ERROR_REFUSED);
  }

  /* A NUL in the front matter. */
  {
    static const char with_nul[] = "---\ntitle: a\0b\ndate: 2026-01-01\ntags: [公告]\n---\n";
    g_autoptr(GBytes) bytes = g_bytes_new (with_nul, sizeof with_nul - 1);
    g_autoptr(GError) error = NULL;
    g_autoptr(CommunityNotice) notice = community_notice_new_from_post ("p.md", bytes, &error);

    g_assert_error (error, COMMUNITY_NOTICE_ERROR, COMMUNITY_NOTICE_ERROR_REFUSED);
    community_test_assert_contains (error->message, "not valid UTF-8");
  }

  /* A title one character too long. */
  long_title = g_strnfill (COMMUNITY_NOTICE_MAX_TITLE + 1, 'x');
  long_text = g_strdup_printf ("---\ntitle: %s\ndate: 2026-01-01\ntags: [公告]\n---\n",
                               long_title);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CommunityNotice) notice = parse_post ("p.md", long_text, &error);

    g_assert_error (error, COMMUNITY_NOTICE_ERROR, COMMUNITY_NOTICE_ERROR_REFUSED);
  }

  /* The front matter closes after the first 8 KiB: never read so far. */
  late_close = g_strnfill (COMMUNITY_NOTICE_MAX_FRONT_MATTER, 'c');
  late_text = g_strdup_printf ("---\ntitle: t\ndate: 2026-01-01\ntags: [公告]\n# %s\n---\n",
                               late_close);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CommunityNotice) notice = parse_post ("p.md", late_text, &error);

    g_assert_error (error, COMMUNITY_NOTICE_ERROR, COMMUNITY_NOTICE_ERROR_REFUSED);
    community_test_assert_contains (error->message, "no front matter");
  }
}

static void
test_names (void)
{
  g_autofree char *filler = g_strnfill (COMMUNITY_NOTICE_MAX_NAME - 4, 'a');
  g_autofree char *longest = g_strconcat ("x", filler, ".md", NULL);
  g_autofree char *too_long = g_strconcat ("xx", filler, ".md", NULL);
  const char *accepted[] = {
    "项目暂停维护公告.md", "下载中心调整.md", "2026-02-05-suspended.md", "a.b-c_d.md",
    /* U+505C: strchr() would have read its low byte as '\\'. */
    "停.md", longest,
  };
  const char *refused[] = {
    "../x.md", "..", ".", "a/b.md", "a\\b.md", ".hidden.md", "x.txt", ".md", "x.md/",
    "x\x1b.md", "x\xE2\x80\xAE.md", "x\xFF.md", "a b.md", "x%2f.md", "x?.md", "x#.md",
    "C:x.md", "x*.md", "x\".md", "<x>.md", "x|.md", "", too_long,
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    g_assert_true (community_notice_check_name (accepted[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (community_notice_check_name (refused[i], &error));
      g_assert_error (error, COMMUNITY_NOTICE_ERROR, COMMUNITY_NOTICE_ERROR_REFUSED);
      /* The message quotes the name safely. */
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_null (strchr (error->message, '\x1b'));
    }
}

static CommunityNotice *
notice_dated (const char *name,
              int         days)
{
  g_autofree char *date = date_from_today (days);
  g_autoptr(GError) error = NULL;
  CommunityNotice *notice = community_notice_new (name, "t", date, NULL, TRUE, &error);

  g_assert_no_error (error);
  return notice;
}

/* Shown from its date until a year after it, and not before it (but for
 * a day of clock difference). */
static void
test_current (void)
{
  g_autoptr(GDate) date = community_notice_today ();
  GDate year_ago = *date;
  g_autoptr(CommunityNotice) today_notice = notice_dated ("a.md", 0);
  g_autoptr(CommunityNotice) tomorrow = notice_dated ("b.md", 1);
  g_autoptr(CommunityNotice) later = notice_dated ("c.md", 2);
  g_autoptr(CommunityNotice) old = notice_dated ("d.md", -364);
  g_autoptr(CommunityNotice) first_day = NULL;
  g_autoptr(CommunityNotice) too_old = NULL;
  char text[16];

  g_date_subtract_years (&year_ago, 1);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &year_ago);
  first_day = community_notice_new ("e.md", "t", text, NULL, TRUE, NULL);
  g_date_subtract_days (&year_ago, 1);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &year_ago);
  too_old = community_notice_new ("f.md", "t", text, NULL, TRUE, NULL);

  g_assert_true (community_notice_is_current (today_notice, date));
  g_assert_true (community_notice_is_current (tomorrow, date));
  g_assert_false (community_notice_is_current (later, date));
  g_assert_true (community_notice_is_current (old, date));
  g_assert_true (community_notice_is_current (first_day, date));
  g_assert_false (community_notice_is_current (too_old, date));
}

static void
test_compare (void)
{
  g_autoptr(GPtrArray) notices = NULL;

  notices = g_ptr_array_new_with_free_func ((GDestroyNotify) community_notice_unref);

  g_ptr_array_add (notices, community_notice_new ("b.md", "t", "2026-01-01", NULL, TRUE, NULL));
  g_ptr_array_add (notices, community_notice_new ("c.md", "t", "2026-03-01", NULL, TRUE, NULL));
  g_ptr_array_add (notices, community_notice_new ("a.md", "t", "2026-01-01", NULL, TRUE, NULL));
  g_ptr_array_sort (notices, community_notice_compare);

  g_assert_cmpstr (((CommunityNotice *) g_ptr_array_index (notices, 0))->name, ==, "c.md");
  g_assert_cmpstr (((CommunityNotice *) g_ptr_array_index (notices, 1))->name, ==, "a.md");
  g_assert_cmpstr (((CommunityNotice *) g_ptr_array_index (notices, 2))->name, ==, "b.md");
}

/* The list of posts. */

#define SHA_A "ce013625030ba8dba906f756967f9e9ca394464a"
#define SHA_B "0123456789abcdef0123456789abcdef01234567"

/* One entry as GitHub gives it, with the addresses the app must never
 * use. */
static void
append_entry (GString    *json,
              const char *name,
              const char *type,
              const char *size,
              const char *sha)
{
  g_string_append_printf (json,
                          "%s{\"name\": \"%s\", \"path\": \"docs/_posts/%s\", \"sha\": %s, "
                          "\"size\": %s, "
                          "\"url\": \"https://api.github.com/evil\", "
                          "\"html_url\": \"https://github.com/evil\", "
                          "\"git_url\": \"https://api.github.com/evil\", "
                          "\"download_url\": \"https://evil.example/x.md\", "
                          "\"type\": \"%s\", "
                          "\"_links\": {\"self\": \"https://evil.example/\"}}",
                          json->len > 1 ? ", " : "", name, name, sha, size, type);
}

static CommunityNoticeListing *
parse_listing (const char  *json,
               GError     **error)
{
  g_autoptr(GBytes) bytes = text_bytes (json);

  return community_notice_listing_parse (bytes, error);
}

static void
test_listing_good (void)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(CommunityNoticeListing) listing = NULL;
  g_autoptr(GError) error = NULL;
  CommunityListedPost *post;

  append_entry (json, "下载中心调整.md", "file", "3123", "\"" SHA_B "\"");
  append_entry (json, "项目暂停维护公告.md", "file", "4470", "\"" SHA_A "\"");
  g_string_append (json, "]");

  listing = parse_listing (json->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listing->n_entries, ==, 2);
  g_assert_cmpuint (listing->n_refused, ==, 0);
  g_assert_false (listing->truncated);
  g_assert_cmpuint (listing->posts->len, ==, 2);
  /* By name, descending. */
  post = g_ptr_array_index (listing->posts, 0);
  g_assert_cmpstr (post->name, ==, "项目暂停维护公告.md");
  g_assert_cmpstr (post->sha, ==, SHA_A);
  g_assert_cmpuint (post->size, ==, 4470);
  post = g_ptr_array_index (listing->posts, 1);
  g_assert_cmpstr (post->name, ==, "下载中心调整.md");
}

static void
test_listing_entries (void)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(CommunityNoticeListing) listing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strdup_printf ("%u", COMMUNITY_PAGE_MAX_SIZE + 1);
  const char *expected[] = {
    "“images” is not a file", "“link.md” is not a file", "larger than",
    "“../x.md” is not the name of a post", "“nosha.md” has no valid size or hash",
    "“upper.md” has no valid size or hash", "“text-size.md” has no valid size or hash",
    "“negative.md” has no valid size or hash", "“good.md” is listed twice",
    "Entry 11 of the list of posts has no name", "Entry 12 of the list of posts has no name",
  };

  append_entry (json, "good.md", "file", "10", "\"" SHA_A "\"");
  append_entry (json, "images", "dir", "0", "\"" SHA_B "\"");
  append_entry (json, "link.md", "symlink", "10", "\"" SHA_B "\"");
  append_entry (json, "huge.md", "file", huge, "\"" SHA_B "\"");
  append_entry (json, "../x.md", "file", "10", "\"" SHA_B "\"");
  append_entry (json, "nosha.md", "file", "10", "null");
  append_entry (json, "upper.md", "file", "10", "\"0123456789ABCDEF0123456789ABCDEF01234567\"");
  append_entry (json, "text-size.md", "file", "\"10\"", "\"" SHA_B "\"");
  append_entry (json, "negative.md", "file", "-1", "\"" SHA_B "\"");
  append_entry (json, "good.md", "file", "10", "\"" SHA_B "\"");
  g_string_append (json, ", 42, {\"name\": 7, \"type\": \"file\"}]");

  listing = parse_listing (json->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listing->n_entries, ==, 12);
  g_assert_cmpuint (listing->posts->len, ==, 1);
  g_assert_cmpstr (((CommunityListedPost *) g_ptr_array_index (listing->posts, 0))->sha,
                   ==, SHA_A);
  g_assert_cmpuint (listing->n_refused, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (listing->refused->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    community_test_assert_contains (g_ptr_array_index (listing->refused, i), expected[i]);
}

/* A listing that cannot be read at all is refused whole, and a nesting
 * bomb never reaches json-glib (1.6 overflows its stack on it). */
static void
test_listing_whole (void)
{
  gsize bomb_size = COMMUNITY_NOTICE_LISTING_MAX_SIZE;
  g_autofree char *bomb = g_malloc (bomb_size + 1);
  g_autofree char *large = g_malloc0 (COMMUNITY_NOTICE_LISTING_MAX_SIZE + 2);
  struct
  {
    const char *why;
    const char *json;
    const char *message;
  } cases[] = {
    { "not JSON", "<html>rate limited</html>", "cannot be used" },
    { "a file's object", "{\"name\": \"x.md\", \"type\": \"file\"}", "does not list a folder" },
    { "GitHub's error", "{\"message\": \"Not Found\"}", "does not list a folder" },
    { "empty", "", "empty" },
    { "only whitespace", " \n", "empty" },
    { "not UTF-8", "[{\"name\": \"\xFF.md\"}]", "not UTF-8 text" },
    { "a nesting bomb", bomb, "nests too deep" },
    { "too large", large, "too large" },
    /* json-glib's message quotes the bytes it stopped at. */
    { "controls in a string", "[{\"name\": \"\x1b]0;pwned\x07\u202e\x1b[2J\nevil.md\" \"x\"}]",
      "Parse error" },
  };

  memset (bomb, '[', bomb_size);
  bomb[bomb_size] = '\0';
  memset (large, ' ', COMMUNITY_NOTICE_LISTING_MAX_SIZE + 1);
  large[0] = '[';

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CommunityNoticeListing) listing = NULL;

      g_test_message ("%s", cases[i].why);
      listing = parse_listing (cases[i].json, &error);
      g_assert_null (listing);
      g_assert_error (error, COMMUNITY_NOTICE_ERROR, COMMUNITY_NOTICE_ERROR_REFUSED);
      community_test_assert_contains (error->message, "The list of posts cannot be used");
      community_test_assert_contains (error->message, cases[i].message);
      g_assert_true (community_text_is_safe (error->message, COMMUNITY_TEXT_FLAGS_NONE));
    }
}

/* 10,000 entries: the first 1,000 are read, 20 refusals named. */
static void
test_listing_bounded (void)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(CommunityNoticeListing) listing = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *name = g_strdup_printf (i % 2 == 0 ? "n%05u.md" : "../n%05u.md", i);

      g_string_append_printf (json, "%s{\"name\":\"%s\",\"type\":\"file\",\"size\":1,"
                              "\"sha\":\"" SHA_A "\"}", i > 0 ? "," : "", name);
    }
  g_string_append (json, "]");
  g_assert_cmpuint (json->len, <=, COMMUNITY_NOTICE_LISTING_MAX_SIZE);

  listing = parse_listing (json->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listing->n_entries, ==, 10000);
  g_assert_true (listing->truncated);
  g_assert_cmpuint (listing->posts->len, ==, COMMUNITY_NOTICE_LISTING_MAX_ENTRIES / 2);
  g_assert_cmpuint (listing->n_refused, ==, COMMUNITY_NOTICE_LISTING_MAX_ENTRIES / 2);
  g_assert_cmpuint (listing->refused->len, ==, COMMUNITY_NOTICE_LISTING_MAX_NAMED);
}

static void
test_blob_sha (void)
{
  g_autoptr(GBytes) hello = text_bytes ("hello\n");
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autofree char *sha = community_notice_listing_blob_sha (hello);
  g_autofree char *empty_sha = community_notice_listing_blob_sha (empty);

  /* As `git hash-object` gives them. */
  g_assert_cmpstr (sha, ==, SHA_A);
  g_assert_cmpstr (empty_sha, ==, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
  g_assert_true (community_notice_listing_is_blob_sha (SHA_A));
  g_assert_false (community_notice_listing_is_blob_sha (NULL));
  g_assert_false (community_notice_listing_is_blob_sha ("CE013625030BA8DBA906F756967F9E9C"
                                                        "A394464A"));
  g_assert_false (community_notice_listing_is_blob_sha ("ce01"));
}

/* The saved set. */

static void
test_set_round_trip (void)
{
  g_autoptr(GPtrArray) set = community_notice_set_new ();
  g_autoptr(CommunityNotice) notice = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  CommunityNoticeEntry *entry;

  notice = community_notice_new ("a.md", "<b>A</b> & 公告", "2026-11-30", "/pages/a/", TRUE,
                                 NULL);
  g_ptr_array_add (set, community_notice_entry_new ("a.md", SHA_A, notice));
  g_ptr_array_add (set, community_notice_entry_new ("other.md", SHA_B, NULL));

  json = community_notice_set_to_json (set);
  back = community_notice_set_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 2);
  entry = community_notice_set_find (back, "a.md");
  g_assert_cmpstr (entry->sha, ==, SHA_A);
  g_assert_cmpstr (entry->notice->title, ==, "<b>A</b> & 公告");
  g_assert_cmpstr (entry->notice->date, ==, "2026-11-30");
  g_assert_cmpstr (entry->notice->url, ==, "https://jpom.top/pages/a/");
  g_assert_true (entry->notice->announcement);
  entry = community_notice_set_find (back, "other.md");
  g_assert_null (entry->notice);
}

/* Anything may have written the cache: what a fetched post could not be
 * is left out, and what is not a set at all is refused. */
static void
test_set_untrusted (void)
{
  const char *json =
    "{\"posts\": ["
    "{\"name\": \"ok.md\", \"sha\": \"" SHA_A "\", \"notice\": {\"title\": \"OK\", "
    "\"date\": \"2026-11-01\", \"permalink\": \"/pages/ok/\", \"announcement\": true}},"
    "{\"name\": \"../x.md\", \"sha\": \"" SHA_A "\", \"notice\": null},"
    "{\"name\": \"badsha.md\", \"sha\": \"xyz\", \"notice\": null},"
    "{\"name\": \"noshanotice.md\", \"sha\": null, \"notice\": null},"
    "{\"name\": \"esc.md\", \"sha\": \"" SHA_A "\", \"notice\": {\"title\": \"\\u001b[31m\", "
    "\"date\": \"2026-11-01\", \"announcement\": true}},"
    "{\"name\": \"evil.md\", \"sha\": \"" SHA_A "\", \"notice\": {\"title\": \"t\", "
    "\"date\": \"2026-11-01\", \"permalink\": \"https://evil.example/\"}},"
    "{\"name\": \"ok.md\", \"sha\": \"" SHA_B "\", \"notice\": null},"
    /* A third: the set once kept the second's freed name (found by
     * fuzz/fuzz-notices.c under AddressSanitizer). */
    "{\"name\": \"ok.md\", \"sha\": \"" SHA_B "\", \"notice\": null},"
    "{\"name\": \"seed.md\", \"sha\": null, \"notice\": {\"title\": \"S\", "
    "\"date\": \"2026-02-05\", \"announcement\": true}}"
    "]}";
  g_autoptr(GBytes) bytes = text_bytes (json);
  g_autoptr(GPtrArray) set = community_notice_set_from_json (bytes, NULL);
  const char *not_sets[] = { "[]", "{\"posts\": 1}", "{", "null", " \n" };

  g_assert_nonnull (set);
  g_assert_cmpuint (set->len, ==, 2);
  g_assert_cmpstr (community_notice_set_find (set, "ok.md")->sha, ==, SHA_A);
  g_assert_nonnull (community_notice_set_find (set, "seed.md")->notice);

  for (guint i = 0; i < G_N_ELEMENTS (not_sets); i++)
    {
      g_autoptr(GBytes) not_set = text_bytes (not_sets[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) none = community_notice_set_from_json (not_set, &error);

      g_assert_null (none);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

/* At most COMMUNITY_NOTICE_SET_MAX_NOTICES notices, the newest; the
 * others stay known by their hash. */
static void
test_set_trim (void)
{
  g_autoptr(GPtrArray) set = community_notice_set_new ();
  g_autoptr(GPtrArray) notices = NULL;
  guint n = COMMUNITY_NOTICE_SET_MAX_NOTICES + 50;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("p%03u.md", i);
      g_autofree char *date = date_from_today (-(int) i);
      g_autoptr(CommunityNotice) notice = community_notice_new (name, "t", date, NULL, TRUE, NULL);

      g_ptr_array_add (set, community_notice_entry_new (name, SHA_A, notice));
    }

  community_notice_set_trim (set);
  notices = community_notice_set_get_notices (set);
  g_assert_cmpuint (set->len, ==, n);
  g_assert_cmpuint (notices->len, ==, COMMUNITY_NOTICE_SET_MAX_NOTICES);
  g_assert_cmpstr (((CommunityNotice *) g_ptr_array_index (notices, 0))->name, ==, "p000.md");
  g_assert_null (community_notice_set_find (set, "p149.md")->notice);
}

/* --notices. */

typedef struct
{
  char   *out;
  char   *err;
  int     status;
} Inspected;

static void
inspected_clear (Inspected *inspected)
{
  g_free (inspected->out);
  g_free (inspected->err);
}

/* Runs --notices on @names (files written in @dir first, each the text
 * after its name; a NULL text leaves the file out). */
static Inspected
inspect (const char *dir,
         const char *first_name,
         ...)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  Inspected inspected = { NULL, NULL, 0 };
  gsize out_size = 0, err_size = 0;
  FILE *out = open_memstream (&inspected.out, &out_size);
  FILE *err = open_memstream (&inspected.err, &err_size);
  va_list args;

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      const char *text = va_arg (args, const char *);
      char *path = g_build_filename (dir, name, NULL);

      if (text != NULL)
        g_assert_true (g_file_set_contents (path, text, -1, NULL));
      g_ptr_array_add (paths, path);
    }
  va_end (args);
  g_ptr_array_add (paths, NULL);

  inspected.status = community_inspect_notices_run ((const char * const *) paths->pdata, out, err);
  fclose (out);
  fclose (err);
  g_test_message ("out:\n%serr:\n%s", inspected.out, inspected.err);
  return inspected;
}

static void
test_inspect (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-notice-XXXXXX", NULL);
  g_autoptr(GBytes) seed = g_resources_lookup_data (COMMUNITY_NOTICE_SET_SEED_PATH "项目暂停维护公告.md",
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autofree char *seed_text = g_strndup (g_bytes_get_data (seed, NULL), g_bytes_get_size (seed));
  Inspected shown, refused, missing, none;

  shown = inspect (dir, "项目暂停维护公告.md", seed_text,
                   "下载中心调整.md", "---\ntitle: 下载中心调整通知\ndate: 2024-07-02 08:51:53\n"
                   "permalink: /pages/malice-fraudulent/\ncategories:\n  - 通知\n---\n",
                   "markup.md", "---\ntitle: <b>x</b>\ndate: 2026-01-01\ntags: [公告]\n---\n",
                   "plain.md", "---\ntitle: x\ndate: 2026-01-01\n---\n", NULL);
  g_assert_cmpint (shown.status, ==, COMMUNITY_INSPECT_NOTICES_OK);
  community_test_assert_contains (shown.out,
                                  "项目暂停维护公告.md: shown: Announcement · 2026-02-05 · "
                                  "项目暂停维护公告\n"
                                  "  opens https://jpom.top/pages/project-suspended/\n");
  community_test_assert_contains (shown.out, "下载中心调整.md: not shown today");
  community_test_assert_contains (shown.out, "Notice · 2024-07-02 · 下载中心调整通知");
  community_test_assert_contains (shown.out,
                                  "markup.md: shown: Announcement · 2026-01-01 · <b>x</b>\n"
                                  "  has no permalink");
  community_test_assert_contains (shown.out, "plain.md: not a notice");
  community_test_assert_contains (shown.out, "Over the page: Announcement · 2026-02-05 · 项目暂停维护公告\n");
  g_assert_cmpstr (shown.err, ==, "");

  /* What a terminal would act on never reaches it. */
  refused = inspect (dir, "esc.md", "---\ntitle: \"\\033]0;owned\\007\"\ndate: 2026-01-01\n"
                     "tags: [公告]\n---\n",
                     "bad\x1b[31m.md", "---\ntitle: t\ndate: 2026-01-01\ntags: [公告]\n---\n",
                     "latin1.md", "---\ntitle: caf\xe9\ndate: 2026-01-01\ntags: [公告]\n---\n",
                     NULL);
  g_assert_cmpint (refused.status, ==, COMMUNITY_INSPECT_NOTICES_REFUSED);
  community_test_assert_contains (refused.err, "Refused: The post “esc.md” has no title");
  community_test_assert_contains (refused.err,
                                  "Refused: “bad\xEF\xBF\xBD[31m.md” is not the name of a post");
  community_test_assert_contains (refused.err, "Refused: The post “latin1.md” is not valid UTF-8");
  community_test_assert_contains (refused.out, "Over the page: no notice");
  g_assert_null (strchr (refused.out, '\x1b'));
  g_assert_null (strchr (refused.err, '\x1b'));

  missing = inspect (dir, "gone.md", NULL, NULL);
  g_assert_cmpint (missing.status, ==, COMMUNITY_INSPECT_NOTICES_INVALID);
  community_test_assert_contains (missing.err, "does not exist");

  none = inspect (dir, NULL);
  g_assert_cmpint (none.status, ==, COMMUNITY_INSPECT_NOTICES_INVALID);

  inspected_clear (&shown);
  inspected_clear (&refused);
  inspected_clear (&missing);
  inspected_clear (&none);
  community_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/notice/seed", test_seed);
  g_test_add_func ("/community/notice/post/fields", test_post_fields);
  g_test_add_func ("/community/notice/post/refused", test_post_refused);
  g_test_add_func ("/community/notice/names", test_names);
  g_test_add_func ("/community/notice/current", test_current);
  g_test_add_func ("/community/notice/compare", test_compare);
  g_test_add_func ("/community/notice/listing/good", test_listing_good);
  g_test_add_func ("/community/notice/listing/entries", test_listing_entries);
  g_test_add_func ("/community/notice/listing/whole", test_listing_whole);
  g_test_add_func ("/community/notice/listing/bounded", test_listing_bounded);
  g_test_add_func ("/community/notice/blob-sha", test_blob_sha);
  g_test_add_func ("/community/notice/set/round-trip", test_set_round_trip);
  g_test_add_func ("/community/notice/set/untrusted", test_set_untrusted);
  g_test_add_func ("/community/notice/set/trim", test_set_trim);
  g_test_add_func ("/community/notice/inspect", test_inspect);

  return g_test_run ();
}
