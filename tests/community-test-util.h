/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-test-util.h: helpers shared by the widget tests. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Takes the locale the environment names (gtk_test_init () fixes one)
 * and the app's catalogues meson compiles into <builddir>/po, for the
 * tests that run in each language. Returns what setlocale () gave (a
 * copy), or NULL when that locale is not installed. */
char       *community_test_use_environment_locale (void);
/* @widget itself or its first descendant for which @match is TRUE, depth
 * first, or NULL. */
GtkWidget  *community_test_find_widget            (GtkWidget    *widget,
                                                   gboolean    (*match) (GtkWidget *widget,
                                                                         gpointer   data),
                                                   gpointer      data);
/* The first label at or below @widget whose text contains @needle. */
GtkWidget  *community_test_find_label             (GtkWidget    *widget,
                                                   const char   *needle);
/* @widget itself or its first descendant of @type, depth first, or NULL. */
GtkWidget  *community_test_find_descendant        (GtkWidget    *widget,
                                                   GType         type);
/* Iterates the default main context until @done (@data) is TRUE; fails
 * the test after 10 s. */
void        community_test_wait_until             (gboolean    (*done) (gpointer data),
                                                   gpointer      data);
/* Whether a dialog is shown over the GtkWindow @window, for
 * community_test_wait_until (). */
gboolean    community_test_has_dialog             (gpointer      window);
gboolean    community_test_has_no_dialog          (gpointer      window);
/* In a sanitizer build, skips the test (g_test_skip ()) and returns TRUE:
 * for the tests that open GTK's file chooser. */
gboolean    community_test_skip_file_chooser      (void);
/* Installs, in the user folders @data_dir and @config_dir (the
 * XDG_DATA_HOME and XDG_CONFIG_HOME of the process that will use it), a
 * mail program set as the mailto: handler, which writes the URI it gets
 * into a file (whole, or not at all); returns that file's path. */
char       *community_test_install_mail_handler   (const char   *data_dir,
                                                   const char   *config_dir);
/* The clipboard read back as a paste would; fails the test after 10 s. */
char       *community_test_read_clipboard_text    (GdkClipboard *clipboard);
GdkTexture *community_test_read_clipboard_texture (GdkClipboard *clipboard);

/* @widget rendered as the screen shows it, at its scale factor, by its
 * window's renderer. */
GdkTexture *community_test_render_widget         (GtkWidget    *widget);

G_END_DECLS
