/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-search.h: what GNOME Shell's overview search finds in a join
 * model: the results the app offers there (copy the WeChat ID, copy a
 * tier's remark, join a tier, e-mail the maintainers), their words, and
 * which search terms find them. Built from the page shown, never from
 * text of the app's own. Display-free: the D-Bus side is
 * community-search-provider.h. */
#pragma once

#include "community-join.h"

G_BEGIN_DECLS

/* What activating a result does with its target. */
typedef enum
{
  COMMUNITY_SEARCH_ACTION_COPY,   /* copies the target */
  COMMUNITY_SEARCH_ACTION_JOIN,   /* opens the Join dialog of the tier anchored at the target */
  COMMUNITY_SEARCH_ACTION_EMAIL,  /* writes to the target, the maintainers' address */
} CommunitySearchAction;

/* Search terms shorter than this, in characters, find nothing: a single
 * letter typed in the overview is not yet a question for this app. */
#define COMMUNITY_SEARCH_MIN_TERM_CHARS 2
/* A result's name and description, and the notification after a copy,
 * are one line in GNOME Shell: the page's text in them (made safe,
 * community-text.h) is cut to this many characters. What is copied is
 * the page's text whole. */
#define COMMUNITY_SEARCH_MAX_SHOWN_CHARS 120

typedef struct
{
  char                  *id;           /* stable: "wechat-id", "remark:ANCHOR", "join:ANCHOR", "email" */
  char                  *name;         /* localized, safe to show (community-text.h), cut */
  char                  *description;  /* localized, safe to show */
  const char            *icon_name;    /* a themed icon */
  CommunitySearchAction  action;
  char                  *target;       /* the text to copy, the tier's anchor, or the address */
  GStrv                  words;        /* normalized and case-folded: what finds it */
} CommunitySearchResult;

/* Element type CommunitySearchResult: what the overview can offer for
 * @join, in the order it shows them (the WeChat ID, each tier, the
 * e-mail, each tier's remark). Empty for a model without any of them. */
GPtrArray                   *community_search_results_new  (CommunityJoin       *join);
/* The result of @results with @id, or NULL. */
const CommunitySearchResult *community_search_results_find (GPtrArray           *results,
                                                            const char          *id);
/* Whether @terms (as GNOME Shell sends them: the query split at white
 * space) find @result: each term, case-folded, begins one of its words
 * (or, for a term with non-ASCII characters, such as Chinese, which has
 * no spaces between words, stands anywhere in one), and each term is at
 * least COMMUNITY_SEARCH_MIN_TERM_CHARS long. No terms find nothing. */
gboolean                     community_search_result_matches (const CommunitySearchResult *result,
                                                              const char * const          *terms);

G_END_DECLS
