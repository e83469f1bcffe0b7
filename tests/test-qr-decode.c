/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-qr-decode.c: reading QR payloads from images, on the upstream's real
 * QR images and on codes made here, and which payloads are accepted. */

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "community-net-helper.h"
#include "community-qr.h"
#include "community-qr-scan.h"
#include "community-test-core.h"

#define JPOM66_PAYLOAD "https://u.wechat.com/MN7eZDsRgVU242iz5s9AB9s?s=1"

static GBytes *
pixbuf_to_png (GdkPixbuf *pixbuf)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  gdk_pixbuf_save_to_buffer (pixbuf, &data, &size, "png", &error, NULL);
  g_assert_no_error (error);

  return g_bytes_new_take (data, size);
}

static GdkPixbuf *
png_to_pixbuf (GBytes *png)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (png);
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &error);

  g_assert_no_error (error);
  return pixbuf;
}

static void
assert_decodes_to (GBytes     *image,
                   const char *payload)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *decoded = community_qr_scan_wechat (image, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (decoded, ==, payload);
}

/* Today's card: light modules on a blue gradient, found only inverted. */
static void
test_wechat_card (void)
{
  g_autoptr(GBytes) image = community_test_read_image ("qrcode/weixin-jpom66.jpg");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) payloads = community_qr_scan_image (image, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (payloads), ==, 1);
  g_assert_cmpstr (payloads[0], ==, JPOM66_PAYLOAD);
  assert_decodes_to (image, JPOM66_PAYLOAD);
}

static void
test_older_codes (void)
{
  g_autoptr(GBytes) jpeg = community_test_read_image ("wx_qrcode.jpg");
  g_autoptr(GBytes) png = community_test_read_image ("wx_qrcode2.png");

  assert_decodes_to (jpeg, "https://u.wechat.com/MP_PrhfdwmlBhmKp35BloEw");
  assert_decodes_to (png, "https://u.wechat.com/MN30yMDXa-LRwrE5yqqOQcM");
}

/* A code made by the app's own encoder, read back. */
static void
test_generated (void)
{
  const char *payload = "https://u.wechat.com/TestOnlyNotARealContact?s=2";
  g_autoptr(GBytes) png = community_test_qr_png (payload);

  assert_decodes_to (png, payload);
}

/* The same code with light and dark swapped is read on the second pass. */
static void
test_inverted (void)
{
  const char *payload = "https://weixin.qq.com/g/TestOnlyGroup";
  g_autoptr(GBytes) png = community_test_qr_png (payload);
  g_autoptr(GdkPixbuf) pixbuf = png_to_pixbuf (png);
  g_autoptr(GBytes) inverted = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  gsize size = (gsize) gdk_pixbuf_get_rowstride (pixbuf) * gdk_pixbuf_get_height (pixbuf);

  g_assert_false (gdk_pixbuf_get_has_alpha (pixbuf));
  for (gsize i = 0; i < size; i++)
    pixels[i] = 255 - pixels[i];
  inverted = pixbuf_to_png (pixbuf);

  assert_decodes_to (inverted, payload);
}

static void
test_not_wechat (void)
{
  g_autoptr(GBytes) png = community_test_qr_png ("https://example.com/");
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = community_qr_scan_wechat (png, &error);

  g_assert_error (error, COMMUNITY_QR_DECODE_ERROR, COMMUNITY_QR_DECODE_ERROR_NOT_WECHAT);
  g_assert_null (payload);
  g_assert_nonnull (strstr (error->message, "https://example.com/"));
}

static void
test_not_an_image (void)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("not an image", 12);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) payloads = community_qr_scan_image (text, &error);

  g_assert_error (error, COMMUNITY_QR_DECODE_ERROR, COMMUNITY_QR_DECODE_ERROR_NOT_AN_IMAGE);
  g_assert_null (payloads);
}

static void
test_no_code (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 120, 80);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) payloads = NULL;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  png = pixbuf_to_png (pixbuf);
  payloads = community_qr_scan_image (png, &error);

  g_assert_error (error, COMMUNITY_QR_DECODE_ERROR, COMMUNITY_QR_DECODE_ERROR_NO_CODE);
  g_assert_null (payloads);
}

static void
test_wechat_hosts (void)
{
  static const struct {
    const char *payload;
    gboolean    accepted;
  } cases[] = {
    { "https://u.wechat.com/MN7eZDsRgVU242iz5s9AB9s?s=1", TRUE },
    { "https://U.WeChat.com/abc", TRUE },
    { "https://weixin.qq.com/g/abc", TRUE },
    { "http://u.wechat.com/abc", FALSE },
    { "https://u.wechat.com.example.com/abc", FALSE },
    { "https://evil.example/u.wechat.com", FALSE },
    { "https://user@u.wechat.com/abc", FALSE },
    { "https://u.wechat.com:8443/abc", FALSE },
    { "https://qq.com/abc", FALSE },
    { "weixin://dl/chat", FALSE },
    { "jpom66", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].payload);
      g_assert_cmpint (community_qr_payload_is_wechat (cases[i].payload), ==, cases[i].accepted);
    }
}

/* A payload is shown, printed, cached and encoded again: no control,
 * space or bidi character passes, nor one too long to encode. */
static void
test_payload_text (void)
{
  const char *refused[] = {
    "https://u.wechat.com/abc\n",
    "https://u.wechat.com/abc\ndef",
    "https://u.wechat.com/a\033[2Jb",
    "https://u.wechat.com/a\tb",
    "https://u.wechat.com/a b",
    "https://u.wechat.com/a\xe2\x80\xae" "b",
    "https://u.wechat.com/a\xc2\x9b" "b",
    "https://u.wechat.com/\xe5\xbe\xae\xe4\xbf\xa1",
  };
  g_autoptr(GString) longest = g_string_new ("https://u.wechat.com/");
  g_autoptr(CommunityQrMatrix) matrix = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *shown = g_strescape (refused[i], NULL);

      g_test_message ("%s", shown);
      g_assert_false (community_qr_payload_is_wechat (refused[i]));
    }

  /* The longest accepted encodes; one byte more is refused. */
  while (longest->len < COMMUNITY_QR_PAYLOAD_MAX_LENGTH)
    g_string_append_c (longest, 'a');
  g_assert_true (community_qr_payload_is_wechat (longest->str));
  matrix = community_qr_encode (longest->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (community_qr_matrix_get_version (matrix), <=, 18);
  g_string_append_c (longest, 'a');
  g_assert_false (community_qr_payload_is_wechat (longest->str));
  /* The size the review found accepted, and not encodable. */
  g_string_set_size (longest, 2921);
  memset (longest->str + 21, 'a', longest->len - 21);
  g_assert_false (community_qr_payload_is_wechat (longest->str));
}

static void
decoded_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GError) error = NULL;
  char **payload = data;

  *payload = community_qr_decode_wechat_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr(GBytes) image = community_test_read_image ("qrcode/weixin-jpom66.jpg");
  g_autofree char *payload = NULL;

  community_qr_decode_wechat_async (image, NULL, decoded_cb, &payload);
  while (payload == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (payload, ==, JPOM66_PAYLOAD);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  community_net_helper_set_path (g_getenv ("COMMUNITY_TEST_NET_HELPER"));

  g_test_add_func ("/community/qr-decode/wechat-card", test_wechat_card);
  g_test_add_func ("/community/qr-decode/older-codes", test_older_codes);
  g_test_add_func ("/community/qr-decode/generated", test_generated);
  g_test_add_func ("/community/qr-decode/inverted", test_inverted);
  g_test_add_func ("/community/qr-decode/not-wechat", test_not_wechat);
  g_test_add_func ("/community/qr-decode/not-an-image", test_not_an_image);
  g_test_add_func ("/community/qr-decode/no-code", test_no_code);
  g_test_add_func ("/community/qr-decode/wechat-hosts", test_wechat_hosts);
  g_test_add_func ("/community/qr-decode/payload-text", test_payload_text);
  g_test_add_func ("/community/qr-decode/async", test_async);

  return g_test_run ();
}
