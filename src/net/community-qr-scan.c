/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-qr-scan.c: QR payloads from image bytes, in the network helper.
 *
 * The image comes from a mirror we do not control, and a few bytes can
 * declare billions of pixels. So only PNG and JPEG are read, each by its
 * own loader, and the size their header declares is checked here, before
 * gdk-pixbuf sees a byte. The decoded image becomes 8-bit grey ("Y800")
 * for libzbar with only the QR symbology enabled. zbar looks for dark
 * modules on a light ground; WeChat's cards are the other way round, so
 * every image is scanned both ways. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <zbar.h>

#include "community-refresh.h"
#include "community-qr-scan.h"

/* Reading. */

GBytes *
community_qr_scan_read (int      fd,
                        GError **error)
{
  gsize limit = COMMUNITY_REFRESH_MAX_IMAGE_SIZE;
  g_autofree guint8 *data = g_malloc (limit + 1);
  g_autofree char *limit_text = NULL;
  gsize size = 0;

  /* One byte past the limit is enough to refuse. */
  while (size <= limit)
    {
      gssize n = read (fd, data + size, limit + 1 - size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Cannot read the image: %s"), g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        return g_bytes_new_take (g_realloc (g_steal_pointer (&data), size), size);
      size += n;
    }

  limit_text = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);
  g_set_error (error, COMMUNITY_QR_DECODE_ERROR, COMMUNITY_QR_DECODE_ERROR_TOO_LARGE,
               _("The image is larger than the limit of %s"), limit_text);
  return NULL;
}

/* The header. */

typedef struct
{
  const char *type;     /* gdk-pixbuf's loader: "png" or "jpeg" */
  guint       width;
  guint       height;
} ImageHeader;

static const guint8 png_signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static guint
be16 (const guint8 *p)
{
  return (guint) p[0] << 8 | p[1];
}

static guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static gboolean
not_an_image (GError     **error,
              const char  *why)
{
  g_set_error (error, COMMUNITY_QR_DECODE_ERROR, COMMUNITY_QR_DECODE_ERROR_NOT_AN_IMAGE,
               _("The file is not an image that can be read: %s"), why);
  return FALSE;
}

/* A PNG's first chunk is IHDR: 13 bytes that start with the width and
 * the height. */
static gboolean
read_png_header (const guint8  *data,
                 gsize          size,
                 ImageHeader   *header,
                 GError       **error)
{
  const guint8 *chunk = data + sizeof png_signature;

  if (size < sizeof png_signature + 8 + 13 || be32 (chunk) != 13
      || memcmp (chunk + 4, "IHDR", 4) != 0)
    return not_an_image (error, _("the PNG header is missing"));

  header->type = "png";
  header->width = be32 (chunk + 8);
  header->height = be32 (chunk + 12);
  return TRUE;
}

/* A start-of-frame marker (SOF0 to SOF15), not DHT, JPG or DAC. */
static gboolean
is_frame_marker (guint marker)
{
  return marker >= 0xc0 && marker <= 0xcf
         && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

/* Real files have a handful of segments (JFIF, Exif, ICC profile parts,
 * tables) before the frame header. */
#define JPEG_MAX_SEGMENTS 256

/* After SOI, marker segments (0xFF, a marker, a 16-bit length that counts
 * itself) up to the frame header, which holds the precision, the height
 * and the width. Anything else before it (data, the scan, the end) is
 * refused, as is a file that ends first. */
static gboolean
read_jpeg_header (const guint8  *data,
                  gsize          size,
                  ImageHeader   *header,
                  GError       **error)
{
  gsize pos = 2;

  for (guint n = 0; n < JPEG_MAX_SEGMENTS; n++)
    {
      guint marker, length;

      /* Fill bytes (0xFF) may come before a marker. */
      while (pos + 1 < size && data[pos] == 0xff && data[pos + 1] == 0xff)
        pos++;
      if (pos + 4 > size)
        return not_an_image (error, _("the JPEG file ends before its frame header"));
      marker = data[pos + 1];
      length = be16 (data + pos + 2);
      if (data[pos] != 0xff || marker == 0x00 || marker == 0x01
          || (marker >= 0xd0 && marker <= 0xda) || length < 2)
        return not_an_image (error, _("the JPEG file has no valid frame header"));

      if (is_frame_marker (marker))
        {
          if (length < 8 || pos + 2 + 8 > size)
            return not_an_image (error, _("the JPEG file ends before its frame header"));
          header->type = "jpeg";
          header->height = be16 (data + pos + 5);
          header->width = be16 (data + pos + 7);
          return TRUE;
        }
      pos += 2 + length;
    }

  return not_an_image (error, _("the JPEG file has no valid frame header"));
}

/* Signatures of other image formats, only to say why an image is
 * refused. */
static const struct
{
  const char *signature;
  gsize       length;
  const char *name;
} other_formats[] = {
  { "GIF8", 4, "GIF" },
  { "BM", 2, "BMP" },
  { "II*\0", 4, "TIFF" },
  { "MM\0*", 4, "TIFF" },
  { "\0\0\1\0", 4, "ICO" },
  { "RIFF", 4, "WebP" },
  { "<svg", 4, "SVG" },
  { "<?xml", 5, "SVG" },
  { "/* XPM */", 9, "XPM" },
};

static gboolean
refuse_format (const guint8  *data,
               gsize          size,
               GError       **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (other_formats); i++)
    if (size >= other_formats[i].length
        && memcmp (data, other_formats[i].signature, other_formats[i].length) == 0)
      {
        g_set_error (error, COMMUNITY_QR_DECODE_ERROR, COMMUNITY_QR_DECODE_ERROR_UNSUPPORTED,
                     /* Translators: %s is a format such as GIF or SVG. */
                     _("The image is in %s format; only PNG and JPEG images are read"),
                     other_formats[i].name);
        return FALSE;
      }

  return not_an_image (error, _("it is not a PNG or JPEG file"));
}

/* The format by its first bytes, and the size its header declares,
 * within COMMUNITY_QR_DECODE_MAX_SIDE. */
static gboolean
read_header (GBytes       *image,
             ImageHeader  *header,
             GError      **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (image, &size);
  gboolean ok;

  if (size >= sizeof png_signature && memcmp (data, png_signature, sizeof png_signature) == 0)
    ok = read_png_header (data, size, header, error);
  else if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    ok = read_jpeg_header (data, size, header, error);
  else
    ok = refuse_format (data, size, error);
  if (!ok)
    return FALSE;

  if (header->width == 0 || header->height == 0)
    return not_an_image (error, _("it has no pixels"));
  if (header->width > COMMUNITY_QR_DECODE_MAX_SIDE
      || header->height > COMMUNITY_QR_DECODE_MAX_SIDE)
    {
      g_set_error (error, COMMUNITY_QR_DECODE_ERROR, COMMUNITY_QR_DECODE_ERROR_TOO_LARGE,
                   /* Translators: the image's width and height, then the
                    * largest width and height read. */
                   _("The image is %u×%u pixels, larger than the limit of %u×%u"),
                   header->width, header->height,
                   COMMUNITY_QR_DECODE_MAX_SIDE, COMMUNITY_QR_DECODE_MAX_SIDE);
      return FALSE;
    }

  return TRUE;
}

/* Decoding to grey. */

typedef struct
{
  const ImageHeader *header;
  gboolean           mismatch;  /* the loader read another size */
} SizeCheck;

static gboolean
has_size (const ImageHeader *header,
          int                width,
          int                height)
{
  return (guint) width == header->width && (guint) height == header->height;
}

/* The loader reads the size itself; if it differs from the one checked,
 * a size of 0×0 stops it before it allocates the pixels. */
static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         data)
{
  SizeCheck *check = data;

  if (!has_size (check->header, width, height))
    {
      check->mismatch = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
    }
}

static GdkPixbuf *
load_pixbuf (GBytes             *image,
             const ImageHeader  *header,
             GError            **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  SizeCheck check = { header, FALSE };
  GdkPixbuf *pixbuf;
  gboolean ok;

  loader = gdk_pixbuf_loader_new_with_type (header->type, &local_error);
  if (loader == NULL)
    {
      not_an_image (error, local_error->message);
      return NULL;
    }

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &check);
  ok = gdk_pixbuf_loader_write_bytes (loader, image, &local_error);
  /* The loader must be closed even after a failed write. */
  if (!gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL))
    ok = FALSE;

  pixbuf = ok ? gdk_pixbuf_loader_get_pixbuf (loader) : NULL;
  if (check.mismatch
      || (pixbuf != NULL && !has_size (header, gdk_pixbuf_get_width (pixbuf),
                                       gdk_pixbuf_get_height (pixbuf))))
    {
      not_an_image (error, _("its size differs from its header"));
      return NULL;
    }
  if (pixbuf == NULL)
    {
      not_an_image (error, local_error != NULL ? local_error->message : "");
      return NULL;
    }

  return g_object_ref (pixbuf);
}

/* Luma, with any transparency laid over white. */
static guint8 *
pixbuf_to_grey (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  guint8 *grey = g_malloc ((gsize) width * height);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = pixels + (gsize) y * stride + (gsize) x * channels;
        guint luma = (299 * p[0] + 587 * p[1] + 114 * p[2]) / 1000;

        if (alpha)
          luma = (luma * p[3] + 255 * (255 - p[3])) / 255;
        grey[(gsize) y * width + x] = luma;
      }

  return grey;
}

/* Scanning. */

static zbar_image_scanner_t *
scanner_new (void)
{
  zbar_image_scanner_t *scanner = zbar_image_scanner_create ();

  /* What we read stays in the app: never announce it on D-Bus. */
  zbar_image_scanner_request_dbus (scanner, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  return scanner;
}

/* Adds each payload found that is not in @payloads yet. */
static void
scan (const guint8 *grey,
      guint         width,
      guint         height,
      GPtrArray    *payloads)
{
  zbar_image_scanner_t *scanner = scanner_new ();
  zbar_image_t *image = zbar_image_create ();

  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, width, height);
  zbar_image_set_data (image, grey, (unsigned long) width * height, NULL);

  if (zbar_scan_image (scanner, image) > 0)
    for (const zbar_symbol_t *symbol = zbar_image_first_symbol (image);
         symbol != NULL;
         symbol = zbar_symbol_next (symbol))
      {
        const char *data = zbar_symbol_get_data (symbol);

        if (data != NULL && g_utf8_validate (data, -1, NULL)
            && !g_ptr_array_find_with_equal_func (payloads, data, g_str_equal, NULL))
          g_ptr_array_add (payloads, g_strdup (data));
      }

  zbar_image_destroy (image);
  zbar_image_scanner_destroy (scanner);
}

static void
invert (guint8 *grey,
        gsize   size)
{
  for (gsize i = 0; i < size; i++)
    grey[i] = 255 - grey[i];
}

void
community_qr_scan_prepare (void)
{
  /* zbar converts a QR code's text from these; glibc loads each
   * conversion from a file at its first use and unloads it after its
   * last, so one of each is kept open. */
  static const char * const charsets[] = { "ISO8859-1", "SJIS", "BIG5" };
  static iconv_t kept[G_N_ELEMENTS (charsets)];
  static const char * const types[] = { "png", "jpeg" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type (types[i], NULL);

      if (loader != NULL)
        gdk_pixbuf_loader_close (loader, NULL);
    }
  zbar_image_scanner_destroy (scanner_new ());
  for (guint i = 0; i < G_N_ELEMENTS (charsets); i++)
    if (kept[i] == NULL)
      kept[i] = iconv_open ("UTF-8", charsets[i]);
}

GStrv
community_qr_scan_image (GBytes  *image,
                         GError **error)
{
  ImageHeader header = { NULL, 0, 0 };
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GPtrArray) payloads = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint8 *grey = NULL;
  guint width, height;

  g_return_val_if_fail (image != NULL, NULL);

  if (!read_header (image, &header, error))
    return NULL;
  pixbuf = load_pixbuf (image, &header, error);
  if (pixbuf == NULL)
    return NULL;

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  grey = pixbuf_to_grey (pixbuf);
  g_clear_object (&pixbuf);

  scan (grey, width, height, payloads);
  invert (grey, (gsize) width * height);
  scan (grey, width, height, payloads);

  if (payloads->len == 0)
    {
      g_set_error_literal (error, COMMUNITY_QR_DECODE_ERROR, COMMUNITY_QR_DECODE_ERROR_NO_CODE,
                           _("The image holds no QR code that can be read"));
      return NULL;
    }

  g_ptr_array_add (payloads, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&payloads), FALSE);
}

char *
community_qr_scan_wechat (GBytes  *image,
                          GError **error)
{
  g_auto(GStrv) payloads = NULL;
  const char *wechat = NULL;

  g_return_val_if_fail (image != NULL, NULL);

  payloads = community_qr_scan_image (image, error);
  if (payloads == NULL)
    return NULL;

  /* The payloads are distinct: a second WeChat one is another contact. */
  for (guint i = 0; payloads[i] != NULL; i++)
    {
      if (!community_qr_payload_is_wechat (payloads[i]))
        continue;
      if (wechat != NULL)
        {
          g_set_error_literal (error, COMMUNITY_QR_DECODE_ERROR,
                               COMMUNITY_QR_DECODE_ERROR_AMBIGUOUS,
                               _("The image holds more than one WeChat QR code"));
          return NULL;
        }
      wechat = payloads[i];
    }

  if (wechat != NULL)
    return g_strdup (wechat);

  g_set_error (error, COMMUNITY_QR_DECODE_ERROR, COMMUNITY_QR_DECODE_ERROR_NOT_WECHAT,
               /* Translators: %s is the address the QR code holds. */
               _("The QR code holds “%s”, which is not a WeChat address"), payloads[0]);
  return NULL;
}
