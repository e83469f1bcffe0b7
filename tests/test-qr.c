/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-qr.c: the display-free QR encoder, its PNG and SVG exports. */

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "community-qr-private.h"
#include "community-qr.h"

#define PAYLOAD "https://u.wechat.com/MP_PrhfdwmlBhmKp35BloEw"
#define QZ COMMUNITY_QR_QUIET_ZONE

static CommunityQrMatrix *
encode_payload (void)
{
  g_autoptr(GError) error = NULL;
  CommunityQrMatrix *matrix = community_qr_encode (PAYLOAD, &error);

  g_assert_no_error (error);
  g_assert_nonnull (matrix);

  return matrix;
}

/* Dark where a finder pattern is dark, for a module (dx, dy) inside it:
 * a dark ring, a light ring, then a dark 3x3 centre. */
static gboolean
finder_is_dark (guint dx,
                guint dy)
{
  guint ring = MIN (MIN (dx, dy), MIN (6 - dx, 6 - dy));

  return ring != 1;
}

static gboolean
has_finder_at (const CommunityQrMatrix *m,
               guint                    x0,
               guint                    y0)
{
  for (guint dy = 0; dy < 7; dy++)
    for (guint dx = 0; dx < 7; dx++)
      if (community_qr_matrix_is_dark (m, x0 + dx, y0 + dy) != finder_is_dark (dx, dy))
        return FALSE;

  return TRUE;
}

static void
test_golden (void)
{
  g_autoptr(CommunityQrMatrix) matrix = encode_payload ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  const char *path;

  path = g_test_get_filename (G_TEST_DIST, "data", "qr-wx_qrcode.txt", NULL);
  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);

  actual = community_qr_matrix_to_text (matrix);
  g_assert_cmpstr (actual, ==, expected);
  g_assert_cmpstr (community_qr_matrix_get_text (matrix), ==, PAYLOAD);
  g_assert_cmpuint (community_qr_matrix_get_version (matrix), ==, 4);
  g_assert_cmpuint (community_qr_matrix_get_width (matrix), ==, 4 * 4 + 17 + 2 * QZ);
}

static void
test_finder_patterns (void)
{
  g_autoptr(CommunityQrMatrix) m = encode_payload ();
  guint far = community_qr_matrix_get_width (m) - QZ - 7;

  g_assert_true (has_finder_at (m, QZ, QZ));
  g_assert_true (has_finder_at (m, far, QZ));
  g_assert_true (has_finder_at (m, QZ, far));
  g_assert_false (has_finder_at (m, far, far));

  /* The light separators beside the top-left finder. */
  for (guint i = 0; i < 8; i++)
    {
      g_assert_false (community_qr_matrix_is_dark (m, QZ + 7, QZ + i));
      g_assert_false (community_qr_matrix_is_dark (m, QZ + i, QZ + 7));
    }
}

static void
test_timing_patterns (void)
{
  g_autoptr(CommunityQrMatrix) m = encode_payload ();
  guint side = community_qr_matrix_get_width (m) - 2 * QZ;
  guint version = community_qr_matrix_get_version (m);

  /* Row 6 and column 6 of the symbol alternate between the finders,
   * starting dark. */
  for (guint i = 8; i < side - 8; i++)
    {
      gboolean dark = (i % 2) == 0;

      g_assert_cmpint (community_qr_matrix_is_dark (m, QZ + i, QZ + 6), ==, dark);
      g_assert_cmpint (community_qr_matrix_is_dark (m, QZ + 6, QZ + i), ==, dark);
    }

  /* The dark module sits in column 8, row 4 * version + 9: beside the
   * bottom-left finder, not the top-right one. */
  g_assert_true (community_qr_matrix_is_dark (m, QZ + 8, QZ + 4 * version + 9));
}

static void
assert_quiet_zone (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityQrMatrix) m = community_qr_encode (text, &error);
  guint width;

  g_assert_no_error (error);
  width = community_qr_matrix_get_width (m);
  g_assert_cmpuint (width, ==, 4 * community_qr_matrix_get_version (m) + 17 + 2 * QZ);

  for (guint a = 0; a < width; a++)
    for (guint b = 0; b < QZ; b++)
      {
        g_assert_false (community_qr_matrix_is_dark (m, a, b));
        g_assert_false (community_qr_matrix_is_dark (m, b, a));
        g_assert_false (community_qr_matrix_is_dark (m, a, width - 1 - b));
        g_assert_false (community_qr_matrix_is_dark (m, width - 1 - b, a));
      }
}

static void
test_quiet_zone (void)
{
  g_autofree char *long_text = g_strnfill (1000, 'x');

  assert_quiet_zone ("1");
  assert_quiet_zone (PAYLOAD);
  assert_quiet_zone ("加入社群 jpom66");
  assert_quiet_zone (long_text);
}

static void
test_capacity (void)
{
  /* Lowercase letters take byte mode; version 40 at level M holds 2331
   * bytes and no more. */
  g_autofree char *fits = g_strnfill (2331, 'a');
  g_autofree char *too_long = g_strnfill (2332, 'a');
  g_autofree char *huge = g_strnfill (100000, '7');
  g_autoptr(CommunityQrMatrix) m = NULL;
  g_autoptr(GError) error = NULL;

  m = community_qr_encode (fits, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (community_qr_matrix_get_version (m), ==, 40);

  g_assert_null (community_qr_encode (too_long, &error));
  g_assert_error (error, COMMUNITY_QR_ERROR, COMMUNITY_QR_ERROR_TOO_LONG);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  g_assert_null (community_qr_encode (huge, &error));
  g_assert_error (error, COMMUNITY_QR_ERROR, COMMUNITY_QR_ERROR_TOO_LONG);
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (community_qr_encode ("", &error));
  g_assert_error (error, COMMUNITY_QR_ERROR, COMMUNITY_QR_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_null (community_qr_encode (NULL, &error));
  g_assert_error (error, COMMUNITY_QR_ERROR, COMMUNITY_QR_ERROR_EMPTY);
}

static void
test_boxed (void)
{
  g_autoptr(CommunityQrMatrix) m = encode_payload ();
  CommunityQrMatrix *copy;

  g_assert_true (G_TYPE_IS_BOXED (COMMUNITY_TYPE_QR_MATRIX));
  copy = g_boxed_copy (COMMUNITY_TYPE_QR_MATRIX, m);
  g_assert_true (copy == m);
  g_boxed_free (COMMUNITY_TYPE_QR_MATRIX, copy);
  g_assert_cmpstr (community_qr_matrix_get_text (m), ==, PAYLOAD);
}

static GdkPixbuf *
load_png (GBytes *png)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", NULL);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_loader_write_bytes (loader, png, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);

  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

/* Asserts that every pixel is pure black or white as its module is. */
static void
assert_pixels_match (GdkPixbuf               *pixbuf,
                     const CommunityQrMatrix *m,
                     guint                    module_px)
{
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int side = gdk_pixbuf_get_width (pixbuf);

  g_assert_cmpint (side, ==, community_qr_matrix_get_width (m) * module_px);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, side);

  for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++)
      {
        const guint8 *p = pixels + y * stride + x * channels;
        guint8 want = community_qr_matrix_is_dark (m, x / module_px, y / module_px) ? 0 : 0xff;

        if (p[0] != want || p[1] != want || p[2] != want)
          g_error ("pixel (%d, %d) is %02x%02x%02x, not %02x", x, y, p[0], p[1], p[2], want);
      }
}

static void
test_png (void)
{
  g_autoptr(CommunityQrMatrix) m = encode_payload ();
  const guint sizes[] = { 1, 3, 8 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) png = community_qr_matrix_to_png (m, sizes[i], &error);
      g_autoptr(GdkPixbuf) pixbuf = NULL;

      g_assert_no_error (error);
      pixbuf = load_png (png);
      g_assert_cmpint (gdk_pixbuf_get_bits_per_sample (pixbuf), ==, 8);
      g_assert_false (gdk_pixbuf_get_has_alpha (pixbuf));
      g_assert_cmpint (gdk_pixbuf_get_n_channels (pixbuf), ==, 3);
      assert_pixels_match (pixbuf, m, sizes[i]);
    }
}

static void
test_rgb (void)
{
  g_autoptr(CommunityQrMatrix) m = encode_payload ();
  g_autoptr(GBytes) rgb = community_qr_matrix_to_rgb (m, 5);
  gsize side = community_qr_matrix_get_width (m) * 5;
  const guint8 *data = g_bytes_get_data (rgb, NULL);

  g_assert_cmpuint (g_bytes_get_size (rgb), ==, side * side * 3);
  /* Quiet zone in the top-left corner, then the finder's dark ring. */
  g_assert_cmpuint (data[0], ==, 0xff);
  g_assert_cmpuint (data[(QZ * 5 * side + QZ * 5) * 3], ==, 0x00);
}

/* Runs a tool and returns its standard output; fails the test when the
 * tool is missing or exits with an error. */
static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *program = g_find_program_in_path (argv[0]);
  int status = 0;

  if (program == NULL)
    g_error ("%s is not installed (Debian: zbar-tools, librsvg2-bin)", argv[0]);

  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&out);
}

static char *
zbar_decode (const char *png_path)
{
  const char *argv[] = { "zbarimg", "-q", "--raw", png_path, NULL };

  return run_tool (argv);
}

static char *
write_temp (const char *dir,
            const char *name,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);

  return path;
}

static void
test_png_decodes (void)
{
  g_autoptr(CommunityQrMatrix) m = encode_payload ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = community_qr_matrix_to_png (m, 4, &error);
  g_autofree char *dir = g_dir_make_tmp ("community-qr-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *decoded = NULL;

  g_assert_no_error (error);
  path = write_temp (dir, "qr.png", g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  decoded = zbar_decode (path);
  g_assert_cmpstr (decoded, ==, PAYLOAD "\n");

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_svg_shape (void)
{
  g_autoptr(CommunityQrMatrix) m = encode_payload ();
  g_autofree char *svg = community_qr_matrix_to_svg (m);

  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  g_assert_nonnull (strstr (svg, "viewBox=\"0 0 41 41\""));
  g_assert_nonnull (strstr (svg, "shape-rendering=\"crispEdges\""));
  g_assert_nonnull (strstr (svg, "<rect width=\"41\" height=\"41\" fill=\"#ffffff\"/>"));
  g_assert_nonnull (strstr (svg, "<path "));
  g_assert_null (strstr (strstr (svg, "<path ") + 1, "<path"));
  /* The top-left finder's first row starts the path. */
  g_assert_nonnull (strstr (svg, "d=\"M4 4h7v1h-7z"));
}

static void
test_svg_decodes (void)
{
  g_autoptr(CommunityQrMatrix) m = encode_payload ();
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = community_qr_matrix_to_svg (m);
  g_autofree char *dir = g_dir_make_tmp ("community-qr-XXXXXX", &error);
  g_autofree char *svg_path = write_temp (dir, "qr.svg", svg, -1);
  g_autofree char *png_path = g_build_filename (dir, "qr.png", NULL);
  g_autofree char *width = g_strdup_printf ("%u", community_qr_matrix_get_width (m) * 6);
  const char *argv[] = { "rsvg-convert", "-w", width, "-o", png_path, svg_path, NULL };
  g_autofree char *out = run_tool (argv);
  g_autofree char *decoded = zbar_decode (png_path);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (png_path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (decoded, ==, PAYLOAD "\n");
  /* Rendered at a whole number of pixels per module, the SVG gives the
   * same pixels as the matrix: it is not transposed or blurred. */
  assert_pixels_match (pixbuf, m, 6);

  g_unlink (svg_path);
  g_unlink (png_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/qr/golden", test_golden);
  g_test_add_func ("/community/qr/finder-patterns", test_finder_patterns);
  g_test_add_func ("/community/qr/timing-patterns", test_timing_patterns);
  g_test_add_func ("/community/qr/quiet-zone", test_quiet_zone);
  g_test_add_func ("/community/qr/capacity", test_capacity);
  g_test_add_func ("/community/qr/empty", test_empty);
  g_test_add_func ("/community/qr/boxed", test_boxed);
  g_test_add_func ("/community/qr/rgb", test_rgb);
  g_test_add_func ("/community/qr/png", test_png);
  g_test_add_func ("/community/qr/png-decodes", test_png_decodes);
  g_test_add_func ("/community/qr/svg-shape", test_svg_shape);
  g_test_add_func ("/community/qr/svg-decodes", test_svg_decodes);

  return g_test_run ();
}
