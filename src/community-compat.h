/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-compat.h: the one place that knows which GTK and libadwaita
 * the app was built with (community-compat-private.h, and the
 * community-compat-*.c files by widget family: the window's chrome,
 * dialogs, files). Each helper uses the current widget where the library
 * has it (and the build's version pin allows it), and the Debian 12 one
 * (GTK 4.8, libadwaita 1.2) otherwise, so the rest of the app has no
 * version checks. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The window's layout: @box is a vertical box whose children are the
 * header bar and the bars under it, then the content last. On
 * libadwaita >= 1.4 they move into an AdwToolbarView, which is returned
 * (@box is then empty, for the caller to drop); otherwise @box itself. */
GtkWidget  *community_compat_toolbar_layout     (GtkWidget  *box);

/* Raises @window for a request that came with the X11 @timestamp of the
 * user's click, such as a search result activated in GNOME Shell's
 * overview: the timestamp lets the window manager tell it from focus
 * stealing. GTK >= 4.14 deprecates timestamps for activation tokens, and
 * there the window is presented without one. */
void        community_compat_present_window      (GtkWindow  *window,
                                                  guint32     timestamp);

/* Toasts: an AdwToast whose title shows @text as it is, never as
 * markup (libadwaita reads toast titles as Pango markup unless told
 * otherwise, which it can be from 1.4 on): text from outside, such as a
 * server's answer or a page's remark, must not become bold text or a
 * link. */
AdwToast   *community_compat_toast_new           (const char *text);

/* Banners: a notice across the top of a view, such as "offline". An
 * AdwBanner on libadwaita >= 1.3, else a revealer holding a styled box.
 * The title is plain text, never markup. With @button_label, the banner has a button that activates
 * @action_name (for example "app.refresh"). Hidden until revealed. */
GtkWidget  *community_compat_banner_new          (const char *title,
                                                  const char *button_label,
                                                  const char *action_name);
const char *community_compat_banner_get_title    (GtkWidget  *banner);
void        community_compat_banner_set_title    (GtkWidget  *banner,
                                                  const char *title);
/* NULL @button_label removes the button. */
void        community_compat_banner_set_button   (GtkWidget  *banner,
                                                  const char *button_label,
                                                  const char *action_name);
gboolean    community_compat_banner_get_revealed (GtkWidget  *banner);
void        community_compat_banner_set_revealed (GtkWidget  *banner,
                                                  gboolean    revealed);

/* Dialogs: @content (with its own header bar) shown over the window of
 * @parent. An AdwDialog on libadwaita >= 1.5, which is a bottom sheet
 * when the window is narrow; else a modal AdwWindow transient for that
 * window, in its application, closed by Escape. @width and @height are
 * the size asked for; a dialog is never larger than its window. Returns
 * the dialog (an AdwDialog or a GtkWindow). */
GtkWidget  *community_compat_present_dialog      (GtkWidget  *parent,
                                                  GtkWidget  *content,
                                                  const char *title,
                                                  int         width,
                                                  int         height);
/* Closes the dialog that holds @content. */
void        community_compat_close_dialog        (GtkWidget  *content);
/* The dialog shown over @window, or NULL: what the user sees and what
 * tests look for. */
GtkWidget  *community_compat_get_visible_dialog  (GtkWindow  *window);

/* An alert with @heading, @body and a Close button, over the window of
 * @parent: AdwAlertDialog on libadwaita >= 1.5, else AdwMessageDialog.
 * Both have "heading" and "body" properties. Returns the alert. */
GtkWidget  *community_compat_alert               (GtkWidget  *parent,
                                                  const char *heading,
                                                  const char *body);

/* The About dialog: AdwAboutDialog on libadwaita >= 1.5, else
 * AdwAboutWindow. Properties are those the two share
 * ("application-name", "version", "developers", ...). */
GtkWidget  *community_compat_about_new           (const char *first_property_name,
                                                  ...) G_GNUC_NULL_TERMINATED;
void        community_compat_about_add_legal_section
                                                 (GtkWidget  *about,
                                                  const char *title,
                                                  const char *copyright,
                                                  GtkLicense  license_type,
                                                  const char *license);
void        community_compat_present_about       (GtkWidget  *about,
                                                  GtkWidget  *parent);

/* A shortcut for community_compat_present_shortcuts(): its accelerators
 * are the ones set for its action. */
typedef struct
{
  const char *title;
  const char *action_name;
} CommunityCompatShortcut;

/* The keyboard shortcuts @items, in one group, over @window:
 * AdwShortcutsDialog on libadwaita >= 1.8, else a GtkShortcutsWindow as
 * @window's help overlay, built on first use. */
void        community_compat_present_shortcuts   (GtkApplicationWindow          *window,
                                                  const char                    *group_title,
                                                  const CommunityCompatShortcut *items,
                                                  guint                          n_items);

/* Opens @uri in the user's program for it: GtkUriLauncher on GTK >= 4.10
 * (through the portal in Flatpak), else GIO's default handler. The
 * result's source object is @parent; finish with
 * community_compat_launch_uri_finish (), which fails when no program
 * handles @uri. */
void        community_compat_launch_uri          (GtkWidget           *parent,
                                                  const char          *uri,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean    community_compat_launch_uri_finish   (GAsyncResult        *result,
                                                  GError             **error);

/* Asks where to save a file: GtkFileDialog on GTK >= 4.10, else
 * GtkFileChooserNative. @filters is a list of GtkFileFilter, the first
 * one chosen at first. The result's source object is @parent; when the
 * user cancels, finishing fails with G_IO_ERROR_CANCELLED. */
void        community_compat_save_file           (GtkWidget           *parent,
                                                  const char          *title,
                                                  const char          *initial_name,
                                                  GListModel          *filters,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* @filter: the filter the user picked, where the dialog tells it (NULL
 * otherwise); the chosen name's extension says more. */
GFile      *community_compat_save_file_finish    (GAsyncResult        *result,
                                                  GtkFileFilter      **filter,
                                                  GError             **error);

/* Adds the style sheet @css to @display once: later calls with the same
 * @key do nothing. */
void        community_compat_add_css             (GdkDisplay          *display,
                                                  const char          *key,
                                                  const char          *css,
                                                  guint                priority);

G_END_DECLS
