/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-qr-decode.c: reading QR payloads from images, on the upstream's real
 * QR images and on codes made here, and which payloads are accepted. Then
 * the images the helper refuses: bombs that declare billions of pixels,
 * other formats, broken headers, two codes. Each is made here at run time
 * and goes through the real helper, which must refuse it fast and small. */

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "community-refresh.h"
#include "community-net-helper.h"
#include "community-qr.h"
#include "community-qr-scan.h"
#include "community-test-core.h"

#define JPOM66_PAYLOAD "https://u.wechat.com/MN7eZDsRgVU242iz5s9AB9s?s=1"

static GBytes *
save_as (GdkPixbuf  *pixbuf,
         const char *type)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize size = 0;

  gdk_pixbuf_save_to_buffer (pixbuf, &data, &size, type, &error, NULL);
  g_assert_no_error (error);

  return g_bytes_new_take (data, size);
}

static GBytes *
pixbuf_to_png (GdkPixbuf *pixbuf)
{
  return save_as (pixbuf, "png");
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

/* Through the helper. */

typedef struct
{
  char     *payload;
  GError   *error;
  gboolean  done;
} Decode;

static void
decode_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  Decode *decode = data;

  decode->payload = community_qr_decode_wechat_finish (result, &decode->error);
  decode->done = TRUE;
}

/* Runs the helper (community_qr_decode_wechat_async()) on @image. */
static char *
decode_in_helper (GBytes  *image,
                  GError **error)
{
  Decode decode = { NULL, NULL, FALSE };

  community_qr_decode_wechat_async (image, NULL, decode_done_cb, &decode);
  while (!decode.done)
    g_main_context_iteration (NULL, TRUE);

  if (decode.error != NULL)
    g_propagate_error (error, decode.error);
  return decode.payload;
}

static void
assert_helper_decodes_to (GBytes     *image,
                          const char *payload)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *decoded = decode_in_helper (image, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (decoded, ==, payload);
}

/* The upstream's images, in the confined helper. */
static void
test_async (void)
{
  g_autoptr(GBytes) card = community_test_read_image ("qrcode/weixin-jpom66.jpg");
  g_autoptr(GBytes) jpeg = community_test_read_image ("wx_qrcode.jpg");
  g_autoptr(GBytes) png = community_test_read_image ("wx_qrcode2.png");

  assert_helper_decodes_to (card, JPOM66_PAYLOAD);
  assert_helper_decodes_to (jpeg, "https://u.wechat.com/MP_PrhfdwmlBhmKp35BloEw");
  assert_helper_decodes_to (png, "https://u.wechat.com/MN30yMDXa-LRwrE5yqqOQcM");
}

/* Images made here. */

#define TEST_PAYLOAD "https://u.wechat.com/TestOnlyNotARealContact?s=2"
#define OTHER_TEST_PAYLOAD "https://weixin.qq.com/g/TestOnlyGroup"

/* The app's own code for @payload, 5 pixels a module. */
static GdkPixbuf *
qr_pixbuf (const char *payload)
{
  g_autoptr(GBytes) png = community_test_qr_png (payload);

  return png_to_pixbuf (png);
}

static GdkPixbuf *
white_pixbuf (int width,
              int height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);

  gdk_pixbuf_fill (pixbuf, 0xffffffff);
  return pixbuf;
}

/* @a and @b side by side on white. */
static GBytes *
side_by_side (GdkPixbuf *a,
              GdkPixbuf *b)
{
  int wa = gdk_pixbuf_get_width (a);
  int wb = gdk_pixbuf_get_width (b);
  int ha = gdk_pixbuf_get_height (a);
  int hb = gdk_pixbuf_get_height (b);
  g_autoptr(GdkPixbuf) both = white_pixbuf (wa + wb, MAX (ha, hb));

  gdk_pixbuf_copy_area (a, 0, 0, wa, ha, both, 0, 0);
  gdk_pixbuf_copy_area (b, 0, 0, wb, hb, both, wa, 0);
  return pixbuf_to_png (both);
}

static gboolean
is_dark (GdkPixbuf *pixbuf,
         int        x,
         int        y)
{
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf)
                    + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf)
                    + (gsize) x * gdk_pixbuf_get_n_channels (pixbuf);

  return p[0] < 128;
}

/* PNG, by hand. */

static guint32
png_crc (const guint8 *data,
         gsize         size)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < size; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return ~crc;
}

static void
append_be32 (GByteArray *bytes,
             guint32     value)
{
  const guint8 be[] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (bytes, be, sizeof be);
}

static void
append_png_chunk (GByteArray   *png,
                  const char   *type,
                  const guint8 *data,
                  gsize         size)
{
  guint start;

  append_be32 (png, size);
  start = png->len;
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (size > 0)
    g_byte_array_append (png, data, size);
  append_be32 (png, png_crc (png->data + start, png->len - start));
}

static const guint8 png_signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

/* Valid chunks, CRCs included; only the pixels are missing. */
static GBytes *
png_declaring (guint32  width,
               guint32  height,
               gboolean ihdr_first)
{
  const guint8 ihdr[] = {
    width >> 24, width >> 16, width >> 8, width,
    height >> 24, height >> 16, height >> 8, height,
    8, 2, 0, 0, 0,  /* 8 bits, RGB, deflate, no filter, no interlace */
  };
  /* An empty zlib stream. */
  static const guint8 idat[] = { 0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 };
  static const char text[] = "Comment\0made by test-qr-decode";
  GByteArray *png = g_byte_array_new ();

  g_byte_array_append (png, png_signature, sizeof png_signature);
  if (!ihdr_first)
    append_png_chunk (png, "tEXt", (const guint8 *) text, sizeof text - 1);
  append_png_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_png_chunk (png, "IDAT", idat, sizeof idat);
  append_png_chunk (png, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (png);
}

/* The QR code's PNG grown to exactly @size bytes by a private chunk
 * ("jpOm") before IEND, which decoders skip. */
static GBytes *
png_of_size (gsize size)
{
  g_autoptr(GBytes) base = community_test_qr_png (TEST_PAYLOAD);
  gsize base_size = g_bytes_get_size (base);
  const guint8 *data = g_bytes_get_data (base, NULL);
  GByteArray *png = g_byte_array_new ();
  g_autofree guint8 *filler = NULL;
  gsize filler_size;

  g_assert_cmpuint (size, >=, base_size + 12);
  filler_size = size - base_size - 12;
  filler = g_malloc0 (filler_size);
  /* Everything but IEND (its 12 bytes end the file). */
  g_byte_array_append (png, data, base_size - 12);
  append_png_chunk (png, "jpOm", filler, filler_size);
  g_byte_array_append (png, data + base_size - 12, 12);
  g_assert_cmpuint (png->len, ==, size);
  return g_byte_array_free_to_bytes (png);
}

/* The refused. */

/* A GIF of 20000×20000 (0x4e20) in 35 bytes: a two-colour palette and
 * one image whose LZW data is the clear code and the end code. */
static GBytes *
make_gif_bomb (void)
{
  static const guint8 gif[] = {
    'G', 'I', 'F', '8', '9', 'a',
    0x20, 0x4e, 0x20, 0x4e, 0x80, 0x00, 0x00,
    0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
    0x2c, 0x00, 0x00, 0x00, 0x00, 0x20, 0x4e, 0x20, 0x4e, 0x00,
    0x02, 0x02, 0x2c, 0x00, 0x00,
    0x3b,
  };

  g_assert_cmpuint (sizeof gif, ==, 35);
  return g_bytes_new_static (gif, sizeof gif);
}

/* A BMP of 20000×20000 in 64 bytes: 8 bits, RLE8, one colour, and
 * pixel data that ends the bitmap at once. */
static GBytes *
make_bmp_bomb (void)
{
  static const guint8 bmp[] = {
    'B', 'M', 64, 0, 0, 0, 0, 0, 0, 0, 58, 0, 0, 0,
    40, 0, 0, 0, 0x20, 0x4e, 0, 0, 0x20, 0x4e, 0, 0,
    1, 0, 8, 0, 1, 0, 0, 0, 6, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0,
    0, 1, 0, 0, 0, 0,
  };

  g_assert_cmpuint (sizeof bmp, ==, 64);
  return g_bytes_new_static (bmp, sizeof bmp);
}

static GBytes *
make_png_bomb (void)
{
  return png_declaring (60000, 60000, TRUE);
}

/* A real JPEG whose frame header (SOF0) says 65000×65000. */
static GBytes *
make_jpeg_bomb (void)
{
  g_autoptr(GdkPixbuf) pixbuf = white_pixbuf (16, 16);
  g_autoptr(GBytes) jpeg = save_as (pixbuf, "jpeg");
  gsize size = g_bytes_get_size (jpeg);
  guint8 *data = g_memdup2 (g_bytes_get_data (jpeg, NULL), size);
  guint8 *frame = NULL;

  for (gsize i = 0; i + 9 < size && frame == NULL; i++)
    if (data[i] == 0xff && data[i + 1] == 0xc0)
      frame = data + i;
  g_assert_nonnull (frame);
  /* Marker, length, precision, then height and width. */
  frame[5] = frame[7] = 65000 >> 8;
  frame[6] = frame[8] = 65000 & 0xff;
  return g_bytes_new_take (data, size);
}

/* The rest hold a WeChat code that the loaders of old decoded. */

static GBytes *
make_svg (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityQrMatrix) matrix = community_qr_encode (TEST_PAYLOAD, &error);
  guint width = community_qr_matrix_get_width (matrix);
  GString *svg = g_string_new (NULL);

  g_assert_no_error (error);
  g_string_append_printf (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%u\" "
                          "height=\"%u\" viewBox=\"0 0 %u %u\"><rect width=\"%u\" "
                          "height=\"%u\" fill=\"#fff\"/>",
                          width * 5, width * 5, width, width, width, width);
  for (guint y = 0; y < width; y++)
    for (guint x = 0; x < width; x++)
      if (community_qr_matrix_is_dark (matrix, x, y))
        g_string_append_printf (svg, "<rect x=\"%u\" y=\"%u\" width=\"1\" height=\"1\"/>",
                                x, y);
  g_string_append (svg, "</svg>\n");
  return g_string_free_to_bytes (svg);
}

/* One character a pixel. */
static GBytes *
make_xpm (void)
{
  g_autoptr(GdkPixbuf) qr = qr_pixbuf (TEST_PAYLOAD);
  int width = gdk_pixbuf_get_width (qr);
  int height = gdk_pixbuf_get_height (qr);
  GString *xpm = g_string_new ("/* XPM */\nstatic char *qr[] = {\n");

  g_string_append_printf (xpm, "\"%d %d 2 1\",\n\"# c #000000\",\n\". c #FFFFFF\",\n",
                          width, height);
  for (int y = 0; y < height; y++)
    {
      g_string_append_c (xpm, '"');
      for (int x = 0; x < width; x++)
        g_string_append_c (xpm, is_dark (qr, x, y) ? '#' : '.');
      g_string_append (xpm, y + 1 < height ? "\",\n" : "\"\n");
    }
  g_string_append (xpm, "};\n");
  return g_string_free_to_bytes (xpm);
}

/* Uncompressed true colour, top row first; TGA has no signature. */
static GBytes *
make_tga (void)
{
  g_autoptr(GdkPixbuf) qr = qr_pixbuf (TEST_PAYLOAD);
  int width = gdk_pixbuf_get_width (qr);
  int height = gdk_pixbuf_get_height (qr);
  const guint8 header[] = {
    0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    width & 0xff, width >> 8, height & 0xff, height >> 8, 24, 0x20,
  };
  GByteArray *tga = g_byte_array_new ();

  g_byte_array_append (tga, header, sizeof header);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 v = is_dark (qr, x, y) ? 0 : 255;
        const guint8 bgr[] = { v, v, v };

        g_byte_array_append (tga, bgr, sizeof bgr);
      }
  return g_byte_array_free_to_bytes (tga);
}

static GBytes *
make_saved (const char *type)
{
  g_autoptr(GdkPixbuf) qr = qr_pixbuf (TEST_PAYLOAD);

  return save_as (qr, type);
}

static GBytes *
make_tiff (void)
{
  return make_saved ("tiff");
}

static GBytes *
make_ico (void)
{
  return make_saved ("ico");
}

static GBytes *
make_bmp (void)
{
  return make_saved ("bmp");
}

/* A PNG signature before a GIF. */
static GBytes *
make_png_signature_on_gif (void)
{
  g_autoptr(GBytes) gif = make_gif_bomb ();
  GByteArray *bytes = g_byte_array_new ();

  g_byte_array_append (bytes, png_signature, sizeof png_signature);
  g_byte_array_append (bytes, g_bytes_get_data (gif, NULL), g_bytes_get_size (gif));
  return g_byte_array_free_to_bytes (bytes);
}

static GBytes *
make_png_ihdr_not_first (void)
{
  return png_declaring (64, 64, FALSE);
}

/* A JPEG cut in its tables, before the frame header. */
static GBytes *
make_jpeg_truncated (void)
{
  g_autoptr(GBytes) jpeg = community_test_read_image ("wx_qrcode.jpg");

  return g_bytes_new_from_bytes (jpeg, 0, 60);
}

/* Garbage where the marker after the first segment (JFIF) should be. */
static GBytes *
make_jpeg_garbage (void)
{
  g_autoptr(GBytes) jpeg = community_test_read_image ("wx_qrcode.jpg");
  gsize size = g_bytes_get_size (jpeg);
  guint8 *data = g_memdup2 (g_bytes_get_data (jpeg, NULL), size);
  gsize next = 4 + ((gsize) data[4] << 8 | data[5]);

  g_assert_cmpuint (data[next], ==, 0xff);
  data[next] = 0x00;
  return g_bytes_new_take (data, size);
}

static GBytes *
make_png_wide (void)
{
  g_autoptr(GdkPixbuf) pixbuf = white_pixbuf (COMMUNITY_QR_DECODE_MAX_SIDE + 1, 16);

  return pixbuf_to_png (pixbuf);
}

static GBytes *
make_png_high (void)
{
  g_autoptr(GdkPixbuf) pixbuf = white_pixbuf (16, COMMUNITY_QR_DECODE_MAX_SIDE + 1);

  return pixbuf_to_png (pixbuf);
}

static GBytes *
make_two_codes (void)
{
  g_autoptr(GdkPixbuf) a = qr_pixbuf (TEST_PAYLOAD);
  g_autoptr(GdkPixbuf) b = qr_pixbuf (OTHER_TEST_PAYLOAD);

  return side_by_side (a, b);
}

static GBytes *
make_over_byte_cap (void)
{
  return png_of_size (COMMUNITY_REFRESH_MAX_IMAGE_SIZE + 1);
}

typedef struct
{
  const char *name;
  GBytes   *(*make) (void);
  int         code;
} Refusal;

static const Refusal refusals[] = {
  { "gif-bomb", make_gif_bomb, COMMUNITY_QR_DECODE_ERROR_UNSUPPORTED },
  { "bmp-rle-bomb", make_bmp_bomb, COMMUNITY_QR_DECODE_ERROR_UNSUPPORTED },
  { "png-60000", make_png_bomb, COMMUNITY_QR_DECODE_ERROR_TOO_LARGE },
  { "jpeg-65000", make_jpeg_bomb, COMMUNITY_QR_DECODE_ERROR_TOO_LARGE },
  { "svg", make_svg, COMMUNITY_QR_DECODE_ERROR_UNSUPPORTED },
  { "xpm", make_xpm, COMMUNITY_QR_DECODE_ERROR_UNSUPPORTED },
  { "tga", make_tga, COMMUNITY_QR_DECODE_ERROR_NOT_AN_IMAGE },
  { "tiff", make_tiff, COMMUNITY_QR_DECODE_ERROR_UNSUPPORTED },
  { "ico", make_ico, COMMUNITY_QR_DECODE_ERROR_UNSUPPORTED },
  { "bmp", make_bmp, COMMUNITY_QR_DECODE_ERROR_UNSUPPORTED },
  { "png-signature-on-gif", make_png_signature_on_gif, COMMUNITY_QR_DECODE_ERROR_NOT_AN_IMAGE },
  { "png-ihdr-not-first", make_png_ihdr_not_first, COMMUNITY_QR_DECODE_ERROR_NOT_AN_IMAGE },
  { "jpeg-truncated", make_jpeg_truncated, COMMUNITY_QR_DECODE_ERROR_NOT_AN_IMAGE },
  { "jpeg-garbage", make_jpeg_garbage, COMMUNITY_QR_DECODE_ERROR_NOT_AN_IMAGE },
  { "png-4097-wide", make_png_wide, COMMUNITY_QR_DECODE_ERROR_TOO_LARGE },
  { "png-4097-high", make_png_high, COMMUNITY_QR_DECODE_ERROR_TOO_LARGE },
  { "two-wechat-codes", make_two_codes, COMMUNITY_QR_DECODE_ERROR_AMBIGUOUS },
  { "over-byte-cap", make_over_byte_cap, COMMUNITY_QR_DECODE_ERROR_TOO_LARGE },
};

/* Refused well under a second, by a helper that stays small. The
 * sanitizer build runs slower, as its test timeouts say. */
#ifdef COMMUNITY_TEST_ASAN
# define MAX_REFUSAL_MS (4 * 1000)
#else
# define MAX_REFUSAL_MS 1000
#endif
#define MAX_HELPER_RSS_KIB (64 * 1024)

/* In a subprocess of its own, whose only child is the helper, so that
 * RUSAGE_CHILDREN is the helper's peak. */
static void
test_refused (gconstpointer data)
{
  const Refusal *refusal = data;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = NULL;
  struct rusage usage;
  gint64 start, ms;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  image = refusal->make ();
  start = g_get_monotonic_time ();
  payload = decode_in_helper (image, &error);
  ms = (g_get_monotonic_time () - start) / 1000;
  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &usage), ==, 0);

  g_printerr ("# %s: %" G_GSIZE_FORMAT " bytes, answered in %" G_GINT64_FORMAT " ms, "
              "the helper's peak RSS %ld KiB: %s\n",
              refusal->name, g_bytes_get_size (image), ms, usage.ru_maxrss,
              error != NULL ? error->message : payload);
  g_assert_error (error, COMMUNITY_QR_DECODE_ERROR, refusal->code);
  g_assert_cmpint (ms, <, MAX_REFUSAL_MS);
  g_assert_cmpint (usage.ru_maxrss, <, MAX_HELPER_RSS_KIB);
}

/* What is accepted. */

static void
test_same_code_twice (void)
{
  g_autoptr(GdkPixbuf) qr = qr_pixbuf (TEST_PAYLOAD);
  g_autoptr(GBytes) twice = side_by_side (qr, qr);

  assert_helper_decodes_to (twice, TEST_PAYLOAD);
}

/* A WeChat code next to another kind of code is still one WeChat code. */
static void
test_wechat_and_other_code (void)
{
  g_autoptr(GdkPixbuf) wechat = qr_pixbuf (TEST_PAYLOAD);
  g_autoptr(GdkPixbuf) other = qr_pixbuf ("https://example.com/");
  g_autoptr(GBytes) both = side_by_side (wechat, other);

  assert_helper_decodes_to (both, TEST_PAYLOAD);
}

static void
test_at_byte_cap (void)
{
  g_autoptr(GBytes) png = png_of_size (COMMUNITY_REFRESH_MAX_IMAGE_SIZE);

  assert_helper_decodes_to (png, TEST_PAYLOAD);
}

/* An image of the largest size read fits the helper's limits. */
static void
test_largest_image (void)
{
  const int side = COMMUNITY_QR_DECODE_MAX_SIDE;
  g_autoptr(GdkPixbuf) qr = qr_pixbuf (TEST_PAYLOAD);
  g_autoptr(GdkPixbuf) big = gdk_pixbuf_scale_simple (qr, side, side, GDK_INTERP_NEAREST);
  g_autoptr(GBytes) png = pixbuf_to_png (big);

  assert_helper_decodes_to (png, TEST_PAYLOAD);
}

static void
test_at_side_cap (void)
{
  g_autoptr(GdkPixbuf) wide = white_pixbuf (COMMUNITY_QR_DECODE_MAX_SIDE, 16);
  g_autoptr(GBytes) png = pixbuf_to_png (wide);
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = decode_in_helper (png, &error);

  /* Read, and found empty. */
  g_assert_error (error, COMMUNITY_QR_DECODE_ERROR, COMMUNITY_QR_DECODE_ERROR_NO_CODE);
  g_assert_null (payload);
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
  g_test_add_func ("/community/qr-decode/same-code-twice", test_same_code_twice);
  g_test_add_func ("/community/qr-decode/wechat-and-other-code", test_wechat_and_other_code);
  g_test_add_func ("/community/qr-decode/at-byte-cap", test_at_byte_cap);
  g_test_add_func ("/community/qr-decode/at-side-cap", test_at_side_cap);
  g_test_add_func ("/community/qr-decode/largest-image", test_largest_image);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strconcat ("/community/qr-decode/refused/",
                                           refusals[i].name, NULL);

      g_test_add_data_func (path, &refusals[i], test_refused);
    }

  return g_test_run ();
}
