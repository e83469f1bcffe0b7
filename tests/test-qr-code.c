/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-qr-code.c: the QR code widget. Needs a display (Xvfb). */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "community-compat.h"
#include "community-qr-code.h"
#include "community-test-util.h"

#define PAYLOAD "https://u.wechat.com/MP_PrhfdwmlBhmKp35BloEw"
#define OTHER_PAYLOAD "https://u.wechat.com/MN30yMDXa-LRwrE5yqqOQcM"
#define DESCRIPTION "WeChat QR code for the community assistant jpom66"

static GtkWidget *
new_qr_code (const char *text)
{
  return g_object_ref_sink (community_qr_code_new (text, DESCRIPTION));
}

static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
      return child;

  return NULL;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_properties (void)
{
  GtkWidget *qr = new_qr_code (PAYLOAD);
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;

  g_object_get (qr, "text", &text, "description", &description, NULL);
  g_assert_cmpstr (text, ==, PAYLOAD);
  g_assert_cmpstr (description, ==, DESCRIPTION);
  g_assert_cmpstr (community_qr_code_get_text (COMMUNITY_QR_CODE (qr)), ==, PAYLOAD);
  g_assert_true (gtk_widget_get_focusable (qr));
  g_assert_null (community_qr_code_get_error (COMMUNITY_QR_CODE (qr)));

  community_qr_code_set_text (COMMUNITY_QR_CODE (qr), NULL);
  g_assert_null (community_qr_code_get_matrix (COMMUNITY_QR_CODE (qr)));
  g_assert_null (community_qr_code_get_error (COMMUNITY_QR_CODE (qr)));

  g_assert_finalize_object (qr);
}

static void
test_same_text (void)
{
  GtkWidget *qr = new_qr_code (PAYLOAD);
  CommunityQrCode *self = COMMUNITY_QR_CODE (qr);
  CommunityQrMatrix *matrix = community_qr_code_get_matrix (self);
  g_autofree char *copy = g_strdup (PAYLOAD);
  guint notified = 0;

  g_signal_connect (qr, "notify::text", G_CALLBACK (count_notify_cb), &notified);
  g_assert_nonnull (matrix);

  /* The same text, even from another buffer, keeps the matrix. */
  g_object_set (qr, "text", PAYLOAD, NULL);
  community_qr_code_set_text (self, copy);
  g_assert_true (community_qr_code_get_matrix (self) == matrix);
  g_assert_cmpuint (notified, ==, 0);

  community_qr_code_set_text (self, OTHER_PAYLOAD);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (community_qr_matrix_get_text (community_qr_code_get_matrix (self)),
                   ==, OTHER_PAYLOAD);

  g_assert_finalize_object (qr);
}

static void
test_accessible (void)
{
  GtkWidget *qr = new_qr_code (PAYLOAD);
  guint notified = 0;

  g_signal_connect (qr, "notify::description", G_CALLBACK (count_notify_cb), &notified);

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (qr), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (qr),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, DESCRIPTION);

  community_qr_code_set_description (COMMUNITY_QR_CODE (qr), DESCRIPTION);
  g_assert_cmpuint (notified, ==, 0);

  community_qr_code_set_description (COMMUNITY_QR_CODE (qr), NULL);
  g_assert_cmpuint (notified, ==, 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (qr),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "QR code");

  g_assert_finalize_object (qr);
}

static void
test_measure (void)
{
  GtkWidget *qr = new_qr_code (PAYLOAD);
  int min_w, nat_w, min_h, nat_h;

  gtk_widget_measure (qr, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  gtk_widget_measure (qr, GTK_ORIENTATION_VERTICAL, -1, &min_h, &nat_h, NULL, NULL);

  /* 41 modules: at least 4 pixels each, naturally 5 (about 200 pixels). */
  g_assert_cmpint (min_w, ==, 41 * 4);
  g_assert_cmpint (nat_w, ==, 41 * 5);
  g_assert_cmpint (min_h, ==, min_w);
  g_assert_cmpint (nat_h, ==, nat_w);

  g_assert_finalize_object (qr);
}

static void
assert_error_state (GtkWidget *qr,
                    int        code)
{
  CommunityQrCode *self = COMMUNITY_QR_CODE (qr);
  const GError *error = community_qr_code_get_error (self);
  GtkWidget *label = find_child (qr, GTK_TYPE_LABEL);
  int min_w, nat_w, min_tall, nat_tall;

  g_assert_null (community_qr_code_get_matrix (self));
  g_assert_error ((GError *) error, COMMUNITY_QR_ERROR, code);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), error->message));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (qr),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message);

  /* The message takes space: no blank square, no empty widget. */
  gtk_widget_measure (qr, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  g_assert_cmpint (nat_w, >, 0);
  /* In a tall row the message keeps its width instead of a narrow column. */
  gtk_widget_measure (qr, GTK_ORIENTATION_HORIZONTAL, 400, &min_tall, &nat_tall, NULL, NULL);
  g_assert_cmpint (nat_tall, ==, nat_w);
  g_assert_null (community_qr_code_create_texture (self));
}

static void
test_error_state (void)
{
  g_autofree char *too_long = g_strnfill (3000, 'a');
  GtkWidget *qr = new_qr_code (too_long);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (qr);

  assert_error_state (qr, COMMUNITY_QR_ERROR_TOO_LONG);

  /* Copy Image does nothing without a code. */
  gdk_clipboard_set_text (clipboard, "before");
  gtk_widget_activate_action (qr, "qr.copy-image", NULL);
  g_assert_false (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                                     GDK_TYPE_TEXTURE));

  community_qr_code_set_text (COMMUNITY_QR_CODE (qr), "");
  assert_error_state (qr, COMMUNITY_QR_ERROR_EMPTY);

  community_qr_code_set_text (COMMUNITY_QR_CODE (qr), PAYLOAD);
  g_assert_nonnull (community_qr_code_get_matrix (COMMUNITY_QR_CODE (qr)));
  g_assert_false (gtk_widget_get_visible (find_child (qr, GTK_TYPE_LABEL)));

  g_assert_finalize_object (qr);
}

static void
show_toast_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  char **message = user_data;

  g_free (*message);
  *message = g_variant_dup_string (parameter, NULL);
}

/* A window with a toast.show action that records its message. */
static GtkWidget *
new_window_with_toasts (char **message)
{
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("show", G_VARIANT_TYPE_STRING);

  g_signal_connect (action, "activate", G_CALLBACK (show_toast_cb), message);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (window, "toast", G_ACTION_GROUP (group));

  return window;
}

static void
test_copy_image (void)
{
  g_autofree char *toast = NULL;
  GtkWidget *window = new_window_with_toasts (&toast);
  GtkWidget *qr = new_qr_code (PAYLOAD);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (qr);
  g_autoptr(GdkTexture) texture = NULL;

  gtk_window_set_child (GTK_WINDOW (window), qr);
  g_assert_true (gtk_widget_activate_action (qr, "qr.copy-image", NULL));
  g_assert_cmpstr (toast, ==, "Copied to clipboard");
  g_assert_true (gdk_clipboard_is_local (clipboard));

  texture = community_test_read_clipboard_texture (clipboard);

  /* 41 modules, quiet zone included, at 8 pixels each. */
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 41 * 8);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 41 * 8);

  gdk_clipboard_set_content (clipboard, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (qr);
}

static char *
zbar_decode (const char *png_path)
{
  const char *argv[] = { "zbarimg", "-q", "--raw", png_path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path ("zbarimg");
  g_autofree char *out = NULL;
  int status = 0;

  if (program == NULL)
    g_error ("zbarimg is not installed (Debian: zbar-tools)");

  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&out);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GError **error = user_data;

  if (community_qr_code_save_finish (COMMUNITY_QR_CODE (object), result, error))
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "saved");
}

/* Saves synchronously for the test; returns NULL on success. */
static GError *
save (GtkWidget         *qr,
      const char        *path,
      CommunityQrFormat  format)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GError *error = NULL;

  community_qr_code_save_async (COMMUNITY_QR_CODE (qr), file, format, NULL, save_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_clear_error (&error);

  return error;
}

static void
test_save (void)
{
  GtkWidget *qr = new_qr_code (PAYLOAD);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("community-qr-code-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "qr.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "qr.svg", NULL);
  g_autofree char *missing = g_build_filename (dir, "nope", "qr.png", NULL);
  g_autofree char *decoded = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_assert_no_error (error);
  g_assert_null (save (qr, png, COMMUNITY_QR_FORMAT_PNG));
  g_assert_null (save (qr, svg, COMMUNITY_QR_FORMAT_SVG));

  pixbuf = gdk_pixbuf_new_from_file (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 41 * 8);
  decoded = zbar_decode (png);
  g_assert_cmpstr (decoded, ==, PAYLOAD "\n");

  g_file_get_contents (svg, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "viewBox=\"0 0 41 41\""));

  error = save (qr, missing, COMMUNITY_QR_FORMAT_PNG);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  community_qr_code_set_text (COMMUNITY_QR_CODE (qr), "");
  error = save (qr, png, COMMUNITY_QR_FORMAT_PNG);
  g_assert_error (error, COMMUNITY_QR_ERROR, COMMUNITY_QR_ERROR_EMPTY);

  g_unlink (png);
  g_unlink (svg);
  g_rmdir (dir);
  g_assert_finalize_object (qr);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static void
wait_for_paint (GtkWidget *window)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong id;

  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (window);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

/* Every pixel of the widget is opaque black or white as its module is:
 * whole pixels per module, no blur, black on white in any style. */
static void
assert_pixels_exact (GdkTexture        *texture,
                     CommunityQrMatrix *matrix)
{
  int side = gdk_texture_get_width (texture);
  guint n = community_qr_matrix_get_width (matrix);
  g_autofree guint32 *pixels = g_new (guint32, side * side);
  guint module_px = side / n;

  g_assert_cmpint (gdk_texture_get_height (texture), ==, side);
  g_assert_cmpuint (side % n, ==, 0);
  gdk_texture_download (texture, (guchar *) pixels, side * 4);

  for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++)
      {
        gboolean dark = community_qr_matrix_is_dark (matrix, x / module_px, y / module_px);
        guint32 want = dark ? 0xff000000 : 0xffffffff;

        if (pixels[y * side + x] != want)
          g_error ("pixel (%d, %d) is %08x, not %08x", x, y, pixels[y * side + x], want);
      }
}

/* The brightness of the window's background, left of the code. */
static guint
window_brightness (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, width * height);
  guint32 pixel;

  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  pixel = pixels[(height / 2) * width + width / 10];

  return (((pixel >> 16) & 0xff) + ((pixel >> 8) & 0xff) + (pixel & 0xff)) / 3;
}

static void
assert_window_decodes (GtkWidget *window,
                       gboolean   dark)
{
  g_autoptr(GdkTexture) texture = community_test_render_widget (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("community-qr-code-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "window.png", NULL);
  g_autofree char *decoded = NULL;

  g_assert_no_error (error);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  decoded = zbar_decode (path);
  g_assert_cmpstr (decoded, ==, PAYLOAD "\n");

  if (dark)
    g_assert_cmpuint (window_brightness (texture), <, 0x60);
  else
    g_assert_cmpuint (window_brightness (texture), >, 0xa0);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_render (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *qr = new_qr_code (PAYLOAD);
  g_autoptr(GdkTexture) texture = NULL;

  adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                  : ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmpint (adw_style_manager_get_dark (style), ==, dark);

  gtk_window_set_default_size (GTK_WINDOW (window), 480, 400);
  gtk_window_set_child (GTK_WINDOW (window), qr);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_paint (window);

  texture = community_test_render_widget (qr);
  assert_pixels_exact (texture, community_qr_code_get_matrix (COMMUNITY_QR_CODE (qr)));
  assert_window_decodes (window, dark);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (qr);
}

static void
test_context_menu (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *qr = new_qr_code (PAYLOAD);
  GtkWidget *popover = find_child (qr, GTK_TYPE_POPOVER_MENU);

  gtk_window_set_child (GTK_WINDOW (window), qr);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_paint (window);

  g_assert_nonnull (popover);
  g_assert_false (gtk_widget_get_visible (popover));
  gtk_widget_activate_action (qr, "menu.popup", NULL);
  g_assert_true (gtk_widget_get_visible (popover));
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* No menu for a code that cannot be shown. */
  community_qr_code_set_text (COMMUNITY_QR_CODE (qr), "");
  gtk_widget_activate_action (qr, "menu.popup", NULL);
  g_assert_false (gtk_widget_get_visible (popover));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (qr);
}

/* Save Image As asks where to save over the window, once at a time; the
 * user closing the file dialog saves nothing and lets it be asked again. */
static void
test_save_as_asks (void)
{
  GtkWidget *window;
  GtkWidget *qr;
  GtkWidget *dialog;

  if (community_test_skip_file_chooser ())
    return;

  window = adw_window_new ();
  qr = new_qr_code (PAYLOAD);

  adw_window_set_content (ADW_WINDOW (window), qr);
  gtk_window_present (GTK_WINDOW (window));

  for (guint round = 0; round < 2; round++)
    {
      gtk_widget_activate_action (qr, "qr.save-as", NULL);
      community_test_wait_until (community_test_has_dialog, window);
      dialog = community_compat_get_visible_dialog (GTK_WINDOW (window));
      g_assert_true (GTK_IS_WINDOW (dialog));

      /* Asked again while it is open: still the one dialog. */
      gtk_widget_activate_action (qr, "qr.save-as", NULL);
      g_assert_true (community_compat_get_visible_dialog (GTK_WINDOW (window)) == dialog);

      /* Closed from here rather than from an event, GIO hands the answer
       * over in an idle. */
      gtk_window_close (GTK_WINDOW (dialog));
      community_test_wait_until (community_test_has_no_dialog, window);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (qr);
}

int
main (int   argc,
      char *argv[])
{
  /* The test AT context keeps accessible properties for the asserts. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/community/qr-code/properties", test_properties);
  g_test_add_func ("/community/qr-code/same-text", test_same_text);
  g_test_add_func ("/community/qr-code/accessible", test_accessible);
  g_test_add_func ("/community/qr-code/measure", test_measure);
  g_test_add_func ("/community/qr-code/error-state", test_error_state);
  g_test_add_func ("/community/qr-code/copy-image", test_copy_image);
  g_test_add_func ("/community/qr-code/save", test_save);
  g_test_add_func ("/community/qr-code/save-as-asks", test_save_as_asks);
  g_test_add_func ("/community/qr-code/context-menu", test_context_menu);
  g_test_add_data_func ("/community/qr-code/render-light", GINT_TO_POINTER (FALSE), test_render);
  g_test_add_data_func ("/community/qr-code/render-dark", GINT_TO_POINTER (TRUE), test_render);

  return g_test_run ();
}
