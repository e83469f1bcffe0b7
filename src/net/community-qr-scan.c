/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-qr-scan.c: QR payloads from image bytes, in the network helper.
 *
 * gdk-pixbuf decodes the image, which becomes 8-bit grey ("Y800") for
 * libzbar with only the QR symbology enabled. zbar looks for dark modules
 * on a light ground; WeChat's cards are the other way round, so an image
 * that gives nothing is scanned once more with its grey values inverted. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <zbar.h>

#include "community-qr-scan.h"

/* Decoding to grey. */

/* A huge image is halved until it is small enough: a QR code survives
 * that, and memory stays bounded. */
static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         data)
{
  int w = width;
  int h = height;

  while ((gint64) w * h > COMMUNITY_QR_DECODE_MAX_PIXELS)
    {
      w = MAX (1, w / 2);
      h = MAX (1, h / 2);
    }
  if (w != width || h != height)
    gdk_pixbuf_loader_set_size (loader, w, h);
}

static GdkPixbuf *
load_pixbuf (GBytes  *image,
             GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) local_error = NULL;
  GdkPixbuf *pixbuf;
  gboolean ok;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), NULL);
  ok = gdk_pixbuf_loader_write_bytes (loader, image, &local_error);
  /* The loader must be closed even after a failed write. */
  if (!gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL))
    ok = FALSE;

  pixbuf = ok ? gdk_pixbuf_loader_get_pixbuf (loader) : NULL;
  if (pixbuf == NULL)
    {
      g_set_error (error, COMMUNITY_QR_DECODE_ERROR, COMMUNITY_QR_DECODE_ERROR_NOT_AN_IMAGE,
                   _("The file is not an image that can be read: %s"),
                   local_error != NULL ? local_error->message : "");
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

static void
scan (const guint8 *grey,
      guint         width,
      guint         height,
      GStrvBuilder *payloads)
{
  zbar_image_scanner_t *scanner = zbar_image_scanner_create ();
  zbar_image_t *image = zbar_image_create ();

  /* What we read stays in the app: never announce it on D-Bus. */
  zbar_image_scanner_request_dbus (scanner, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, width, height);
  zbar_image_set_data (image, grey, (unsigned long) width * height, NULL);

  if (zbar_scan_image (scanner, image) > 0)
    for (const zbar_symbol_t *symbol = zbar_image_first_symbol (image);
         symbol != NULL;
         symbol = zbar_symbol_next (symbol))
      {
        const char *data = zbar_symbol_get_data (symbol);

        if (data != NULL && g_utf8_validate (data, -1, NULL))
          g_strv_builder_add (payloads, data);
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

GStrv
community_qr_scan_image (GBytes  *image,
                           GError **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) payloads = NULL;
  g_autofree guint8 *grey = NULL;
  guint width, height;

  g_return_val_if_fail (image != NULL, NULL);

  pixbuf = load_pixbuf (image, error);
  if (pixbuf == NULL)
    return NULL;

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  grey = pixbuf_to_grey (pixbuf);

  scan (grey, width, height, builder);
  payloads = g_strv_builder_end (builder);
  if (payloads[0] == NULL)
    {
      g_clear_pointer (&payloads, g_strfreev);
      invert (grey, (gsize) width * height);
      scan (grey, width, height, builder);
      payloads = g_strv_builder_end (builder);
    }

  if (payloads[0] == NULL)
    {
      g_set_error_literal (error, COMMUNITY_QR_DECODE_ERROR, COMMUNITY_QR_DECODE_ERROR_NO_CODE,
                           _("The image holds no QR code that can be read"));
      return NULL;
    }

  return g_steal_pointer (&payloads);
}

char *
community_qr_scan_wechat (GBytes  *image,
                            GError **error)
{
  g_auto(GStrv) payloads = NULL;

  g_return_val_if_fail (image != NULL, NULL);

  payloads = community_qr_scan_image (image, error);
  if (payloads == NULL)
    return NULL;

  for (guint i = 0; payloads[i] != NULL; i++)
    if (community_qr_payload_is_wechat (payloads[i]))
      return g_strdup (payloads[i]);

  g_set_error (error, COMMUNITY_QR_DECODE_ERROR, COMMUNITY_QR_DECODE_ERROR_NOT_WECHAT,
               /* Translators: %s is the address the QR code holds. */
               _("The QR code holds “%s”, which is not a WeChat address"), payloads[0]);
  return NULL;
}
