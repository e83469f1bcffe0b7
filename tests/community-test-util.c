/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "community-compat.h"
#include "community-test-util.h"

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
