/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-text.h: text from outside made fit to show and print.
 *
 * Mirrors, pages, images, the helper's reply and the cache are not
 * trusted: a string from any of them may hold terminal controls (ESC,
 * OSC, C1), bidirectional overrides that reorder what the reader sees,
 * invalid UTF-8 or a megabyte of text. Whatever of it the app shows in a
 * message or prints passes through here first. Escaping for Pango markup
 * is a separate matter (g_markup_escape_text()). Display-free. */
#pragma once

#include <stdio.h>

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  COMMUNITY_TEXT_FLAGS_NONE        = 0,
  /* Keep "\n" and "\t" (a page's text, a code block); without this flag
   * they are unsafe too (a one-line message). */
  COMMUNITY_TEXT_FLAGS_KEEP_LAYOUT = 1 << 0,
} CommunityTextFlags;

/* The character that stands for each unsafe one. */
#define COMMUNITY_TEXT_REPLACEMENT 0xFFFD

/* Whether @c must not reach a label or a terminal as it is: C0 and C1
 * controls and DEL (but "\n" and "\t" with KEEP_LAYOUT), and the
 * invisible characters that change the order or the joining of the text
 * around them (bidi marks, embeddings, overrides and isolates, the
 * Arabic letter mark). */
gboolean  community_text_is_unsafe_char (gunichar            c,
                                         CommunityTextFlags  flags);
/* Whether all of @text (NUL-terminated) is valid UTF-8 with no unsafe
 * character. */
gboolean  community_text_is_safe        (const char         *text,
                                         CommunityTextFlags  flags);
/* A copy of the first @length bytes of @text (-1: up to its NUL) that is
 * valid UTF-8, each invalid sequence and each unsafe character replaced
 * by U+FFFD, and at most @max_chars characters long (0: no limit), the
 * last one then "…". */
char     *community_text_make_safe      (const char         *text,
                                         gssize              length,
                                         CommunityTextFlags  flags,
                                         guint               max_chars);

/* Prints @line and a newline on @out, made safe as by
 * community_text_make_safe() (one line, no limit): the words may quote
 * what a server, a page or a post said, and nothing of it may reach a
 * terminal as a control (ESC, OSC, C1) or a bidi override. */
void      community_text_print_line     (FILE               *out,
                                         const char         *line);

G_END_DECLS
