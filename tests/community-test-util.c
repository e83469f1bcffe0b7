/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "community-compat.h"
#include "community-test-util.h"

char *
community_test_use_environment_locale (void)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  char *locale = g_strdup (setlocale (LC_ALL, ""));

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return locale;
}

GtkWidget *
community_test_find_widget (GtkWidget *widget,
                            gboolean (*match) (GtkWidget *widget,
                                               gpointer   data),
                            gpointer   data)
{
  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = community_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_of_type (GtkWidget *widget,
            gpointer   type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

GtkWidget *
community_test_find_descendant (GtkWidget *widget,
                                GType      type)
{
  return community_test_find_widget (widget, is_of_type, GSIZE_TO_POINTER (type));
}

static gboolean
is_label_containing (GtkWidget *widget,
                     gpointer   needle)
{
  return GTK_IS_LABEL (widget)
         && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL;
}

GtkWidget *
community_test_find_label (GtkWidget  *widget,
                           const char *needle)
{
  return community_test_find_widget (widget, is_label_containing, (gpointer) needle);
}

/* Wakes the main loop: what @done waits for (a file another process
 * writes) may come with no event of this process's own. */
static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
community_test_wait_until (gboolean (*done) (gpointer data),
                           gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, tick_cb, NULL);

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  g_assert_true (done (data));
}

gboolean
community_test_has_dialog (gpointer window)
{
  return community_compat_get_visible_dialog (window) != NULL;
}

gboolean
community_test_has_no_dialog (gpointer window)
{
  return community_compat_get_visible_dialog (window) == NULL;
}

gboolean
community_test_skip_file_chooser (void)
{
#ifdef __SANITIZE_ADDRESS__
  /* GTK 4.8's file chooser brings libcloudproviders and the places
   * sidebar, which leave memory unreachable at exit in frames the
   * sanitizer run's fast unwinder cannot name for a suppression. */
  g_test_skip ("The GTK file chooser's libraries leak under LeakSanitizer");
  return TRUE;
#else
  return FALSE;
#endif
}

char *
community_test_install_mail_handler (const char *data_dir,
                                     const char *config_dir)
{
  g_autofree char *apps = g_build_filename (data_dir, "applications", NULL);
  g_autofree char *script = g_build_filename (data_dir, "record-mailto", NULL);
  g_autofree char *output = g_build_filename (data_dir, "launched-uri", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *desktop_path = NULL;
  g_autofree char *desktop_text = NULL;
  g_autofree char *mimeapps = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config_dir, 0700), ==, 0);

  /* Write, then rename: the test sees the whole URI or nothing. */
  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s.part' && mv '%s.part' '%s'\n",
                                 output, output, output);
  g_file_set_contents (script, script_text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);

  desktop_path = g_build_filename (apps, "test-mail.desktop", NULL);
  desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test Mail\n"
                                  "Exec=%s %%u\nMimeType=x-scheme-handler/mailto;\n"
                                  "NoDisplay=true\n", script);
  g_file_set_contents (desktop_path, desktop_text, -1, &error);
  g_assert_no_error (error);

  mimeapps = g_build_filename (config_dir, "mimeapps.list", NULL);
  g_file_set_contents (mimeapps, "[Default Applications]\n"
                       "x-scheme-handler/mailto=test-mail.desktop\n", -1, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&output);
}

typedef struct
{
  gboolean  done;
  gpointer  value;
} Read;

static gboolean
read_done (gpointer read)
{
  return ((Read *) read)->done;
}

static void
read_text_cb (GObject      *clipboard,
              GAsyncResult *result,
              gpointer      user_data)
{
  Read *read = user_data;
  g_autoptr(GError) error = NULL;

  read->value = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

char *
community_test_read_clipboard_text (GdkClipboard *clipboard)
{
  Read read = { FALSE, NULL };

  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &read);
  community_test_wait_until (read_done, &read);

  return read.value;
}

static void
read_texture_cb (GObject      *clipboard,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Read *read = user_data;
  g_autoptr(GError) error = NULL;

  read->value = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (clipboard), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

GdkTexture *
community_test_read_clipboard_texture (GdkClipboard *clipboard)
{
  Read read = { FALSE, NULL };

  gdk_clipboard_read_texture_async (clipboard, NULL, read_texture_cb, &read);
  community_test_wait_until (read_done, &read);

  return read.value;
}

GdkTexture *
community_test_render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int scale = gtk_widget_get_scale_factor (widget);
  int width = gdk_paintable_get_intrinsic_width (paintable);
  int height = gdk_paintable_get_intrinsic_height (paintable);

  gtk_snapshot_scale (snapshot, scale, scale);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0, width * scale, height * scale));
}
