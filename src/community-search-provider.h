/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-search-provider.h: the app's answers to GNOME Shell's
 * overview search, org.gnome.Shell.SearchProvider2 (the results are
 * community-search.h's). The application exports it on its own D-Bus
 * connection, below its object path, from GApplication's dbus_register:
 * data/top.jpom.Community.search-provider.ini tells the shell where.
 *
 * It answers from the local copy of the page, without a window and
 * without the network: it never starts a refresh. Activating a result
 * copies (and says so in a notification: the overview closes, so a toast
 * would not be seen), opens the window with a tier's Join dialog, or
 * writes the e-mail; LaunchSearch opens the window. */
#pragma once

#include <gtk/gtk.h>

#include "community-live-page.h"

G_BEGIN_DECLS

/* Where the provider is, below the application's object path
 * (/top/jpom/Community). */
#define COMMUNITY_SEARCH_PROVIDER_PATH_SUFFIX "/SearchProvider"

/* After a copy the application stays, serving the clipboard, until
 * another program copies or for this long. */
#define COMMUNITY_SEARCH_PROVIDER_CLIPBOARD_S (10 * 60)

/* The live page to search, its local copy read (never fetched), or NULL
 * when there is none yet. */
typedef CommunityLivePage *(*CommunitySearchProviderPageFunc) (GtkApplication *app);

#define COMMUNITY_TYPE_SEARCH_PROVIDER (community_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (CommunitySearchProvider, community_search_provider,
                      COMMUNITY, SEARCH_PROVIDER, GObject)

/* @app owns the provider and outlives it; @page_func is asked for the
 * live page at each call. */
CommunitySearchProvider *community_search_provider_new      (GtkApplication                  *app,
                                                             CommunitySearchProviderPageFunc  page_func);
/* Exports the provider at @object_path on @connection. */
gboolean                 community_search_provider_export   (CommunitySearchProvider         *self,
                                                             GDBusConnection                 *connection,
                                                             const char                      *object_path,
                                                             GError                         **error);
/* Withdraws it, and lets the application go (an end to serving the
 * clipboard). Safe when not exported. */
void                     community_search_provider_unexport (CommunitySearchProvider         *self);

G_END_DECLS
