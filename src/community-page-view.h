/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-page-view.h: a CommunityPage rendered with native widgets. */
#pragma once

#include <gtk/gtk.h>

#include "community-page.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_PAGE_VIEW (community_page_view_get_type ())

G_DECLARE_FINAL_TYPE (CommunityPageView, community_page_view, COMMUNITY, PAGE_VIEW, GtkWidget)

/* Returns the widget to show for an image that stands alone in its
 * paragraph, or NULL for the default (its alt text). */
typedef GtkWidget *(*CommunityPageViewImageFunc)   (CommunityPageView          *view,
                                                    const CommunityNode        *image,
                                                    gpointer                    user_data);
/* Returns the widget to show for a "##" section. @content is the default:
 * a vertical GtkBox with the heading label; the section's blocks are
 * appended to it after the hook returns, as they are built. Return it, or
 * a widget that contains it (a card), or a widget of your own. */
typedef GtkWidget *(*CommunityPageViewSectionFunc) (CommunityPageView          *view,
                                                    const CommunityPageSection *section,
                                                    GtkWidget                  *content,
                                                    gpointer                    user_data);

GtkWidget     *community_page_view_new               (void);
CommunityPage *community_page_view_get_page          (CommunityPageView            *self);
/* Shows @page, rebuilt also when it is the one shown but the functions
 * below changed since. When it replaces another page, the section that
 * was at the top of the scrolled window the view is in stays there. */
void           community_page_view_set_page          (CommunityPageView            *self,
                                                      CommunityPage                *page);
/* Scrolls to the start of the page, instead of keeping the section. */
void           community_page_view_scroll_to_top     (CommunityPageView            *self);
/* Set these before the page; they apply to what is built after. */
void           community_page_view_set_image_func    (CommunityPageView            *self,
                                                      CommunityPageViewImageFunc    func,
                                                      gpointer                      user_data,
                                                      GDestroyNotify                destroy);
void           community_page_view_set_section_func  (CommunityPageView            *self,
                                                      CommunityPageViewSectionFunc  func,
                                                      gpointer                      user_data,
                                                      GDestroyNotify                destroy);
/* The first screen is built when the page is set, the rest after the
 * first frame; this builds the rest now (for tests, or before scrolling
 * to a section). */
void           community_page_view_build_all         (CommunityPageView            *self);
gboolean       community_page_view_get_complete      (CommunityPageView            *self);
/* The widget of the section with @anchor, once built, or NULL. */
GtkWidget     *community_page_view_get_section_widget (CommunityPageView           *self,
                                                       const char                  *anchor);

G_END_DECLS
