/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-notice.h: one post of the community's site
 * (docs/_posts/NAME) read from its front matter, and whether it is a
 * notice the app shows: tagged 公告 or in the category 通知. Posts come
 * from a mirror, the cache or the bundled seed, and none is trusted:
 * every field the app uses is checked here. Display-free. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The longest file name of a post, in bytes. */
#define COMMUNITY_NOTICE_MAX_NAME 255
/* The front matter must close within this many bytes of the post's
 * start; the rest of the post is never read. */
#define COMMUNITY_NOTICE_MAX_FRONT_MATTER (8 * 1024)
/* The longest title, in characters. */
#define COMMUNITY_NOTICE_MAX_TITLE 200
/* The longest permalink, in bytes. */
#define COMMUNITY_NOTICE_MAX_PERMALINK 512
/* What makes a post a notice: this tag, or this category. */
#define COMMUNITY_NOTICE_TAG      "公告"
#define COMMUNITY_NOTICE_CATEGORY "通知"
/* A notice is shown from its date until this many years after it. */
#define COMMUNITY_NOTICE_SHOWN_YEARS 1
/* A post dated more than this many days after today is not published
 * yet, and not shown. */
#define COMMUNITY_NOTICE_FUTURE_DAYS 1

#define COMMUNITY_NOTICE_ERROR (community_notice_error_quark ())

typedef enum
{
  /* The post cannot be used: the message says why, for the user. */
  COMMUNITY_NOTICE_ERROR_REFUSED,
  /* A valid post that is not a notice (no tag 公告, no category 通知). */
  COMMUNITY_NOTICE_ERROR_NOT_A_NOTICE,
} CommunityNoticeError;

/* A notice. Immutable and reference counted. */
typedef struct
{
  char     *name;           /* the post's file name in _posts */
  char     *title;          /* plain text, never markup: safe, one line */
  char     *date;           /* "YYYY-MM-DD" */
  guint32   julian;         /* the date as a Julian day, for comparing */
  char     *permalink;      /* a path on the site, or NULL */
  char     *url;            /* https://jpom.top + permalink, or NULL */
  gboolean  announcement;   /* tagged 公告; else only in the category 通知 */
} CommunityNotice;

#define COMMUNITY_TYPE_NOTICE (community_notice_get_type ())

GType            community_notice_get_type   (void) G_GNUC_CONST;
GQuark           community_notice_error_quark (void);

CommunityNotice *community_notice_ref        (CommunityNotice *notice);
void             community_notice_unref      (CommunityNotice *notice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunityNotice, community_notice_unref)

/* Whether @name may be a post's file name: valid UTF-8 ending in ".md",
 * at most COMMUNITY_NOTICE_MAX_NAME bytes, one path segment that does
 * not start with "." and holds no control, bidi, space or
 * / \ % ? # : * " < > | character. Else FALSE with a sentence. */
gboolean         community_notice_check_name (const char  *name,
                                              GError     **error);
/* A notice from its fields, each checked: @name as by
 * community_notice_check_name(); @title one line of at most
 * COMMUNITY_NOTICE_MAX_TITLE characters, with no control or bidi
 * character; @date "YYYY-MM-DD" (a time may follow); @permalink
 * (nullable) a path on the site, with no scheme, host, query, ".." or
 * unsafe character, of at most COMMUNITY_NOTICE_MAX_PERMALINK bytes.
 * NULL with COMMUNITY_NOTICE_ERROR_REFUSED and why (quoting the name). */
CommunityNotice *community_notice_new        (const char  *name,
                                              const char  *title,
                                              const char  *date,
                                              const char  *permalink,
                                              gboolean     announcement,
                                              GError     **error);
/* The notice the post @name (its bytes @post) is: front matter within
 * COMMUNITY_NOTICE_MAX_FRONT_MATTER bytes, valid UTF-8, whose fields
 * pass community_notice_new(). NULL with COMMUNITY_NOTICE_ERROR_REFUSED
 * (why, quoting the name) or COMMUNITY_NOTICE_ERROR_NOT_A_NOTICE. */
CommunityNotice *community_notice_new_from_post (const char  *name,
                                                 GBytes      *post,
                                                 GError     **error);

/* Today, in local time: the day community_notice_is_current() asks about. */
GDate           *community_notice_today      (void);
/* Whether @notice is shown on @today: dated at most
 * COMMUNITY_NOTICE_SHOWN_YEARS before it and at most
 * COMMUNITY_NOTICE_FUTURE_DAYS after it. */
gboolean         community_notice_is_current (const CommunityNotice *notice,
                                              const GDate           *today);
/* Newest first; by name for the same date. For g_ptr_array_sort(). */
int              community_notice_compare    (gconstpointer a,
                                              gconstpointer b);
/* What the app shows: "Announcement · 2026-02-05 · TITLE" (localized
 * label, the title as it is). */
char            *community_notice_describe   (const CommunityNotice *notice);

G_END_DECLS
