/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-page-error.h: the error domain of reading and parsing a page.
 * Its own header so that every stage of the parser (containers, the page,
 * the loaders) can report in it without including the page itself.
 * Display-free. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define COMMUNITY_PAGE_ERROR (community_page_error_quark ())

typedef enum
{
  COMMUNITY_PAGE_ERROR_INVALID_UTF8,
  COMMUNITY_PAGE_ERROR_NUL_BYTE,
  COMMUNITY_PAGE_ERROR_TOO_LARGE,
  COMMUNITY_PAGE_ERROR_TOO_DEEP,
  COMMUNITY_PAGE_ERROR_TIMED_OUT,
  /* A shape cmark 0.30.2 takes very long on, such as thousands of "![" in
   * one paragraph. */
  COMMUNITY_PAGE_ERROR_TOO_COMPLEX,
  /* The validator process ended abnormally on the page: a crash, or an
   * exit status outside its protocol (see community-page.h). */
  COMMUNITY_PAGE_ERROR_CHECK_FAILED,
} CommunityPageError;

GQuark community_page_error_quark (void);

G_END_DECLS
