/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-qr.c: text to a QR module matrix, and its PNG and SVG forms. */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <qrencode.h>

#include "community-qr-private.h"
#include "community-qr.h"

/* Byte mode at level M holds at most 2331 bytes and numeric mode at level
 * L 7089 digits, so longer text cannot fit any version: refuse it before
 * libqrencode spends time on it. */
#define MAX_TEXT_LENGTH 7089

struct _CommunityQrMatrix
{
  gatomicrefcount  ref_count;
  char            *text;
  guint            version;
  guint            width;    /* modules per side, quiet zone included */
  guint8          *modules;  /* width * width, row-major, 1 is dark */
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QRcode, QRcode_free)

G_DEFINE_QUARK (community-qr-error-quark, community_qr_error)

G_DEFINE_BOXED_TYPE (CommunityQrMatrix, community_qr_matrix,
                     community_qr_matrix_ref, community_qr_matrix_unref)

static CommunityQrMatrix *
matrix_new_from_qrcode (const char   *text,
                        const QRcode *code)
{
  CommunityQrMatrix *self = g_new0 (CommunityQrMatrix, 1);
  guint side = (guint) code->width;

  g_atomic_ref_count_init (&self->ref_count);
  self->text = g_strdup (text);
  self->version = (guint) code->version;
  self->width = side + 2 * COMMUNITY_QR_QUIET_ZONE;
  self->modules = g_new0 (guint8, self->width * self->width);

  /* libqrencode stores row y, column x at data[y * width + x]; bit 0 is
   * the module's colour, the other bits only say what kind it is. */
  for (guint y = 0; y < side; y++)
    for (guint x = 0; x < side; x++)
      {
        guint row = y + COMMUNITY_QR_QUIET_ZONE;
        guint col = x + COMMUNITY_QR_QUIET_ZONE;

        self->modules[row * self->width + col] = code->data[y * side + x] & 1;
      }

  return self;
}

static void
set_encode_error (GError **error,
                  int      errsv)
{
  if (errsv == ERANGE)
    g_set_error_literal (error, COMMUNITY_QR_ERROR, COMMUNITY_QR_ERROR_TOO_LONG,
                         _("The text is too long for a QR code."));
  else
    g_set_error (error, COMMUNITY_QR_ERROR, COMMUNITY_QR_ERROR_FAILED,
                 /* Translators: %s is a system error message */
                 _("Could not create the QR code: %s"), g_strerror (errsv));
}

CommunityQrMatrix *
community_qr_encode (const char  *text,
                     GError     **error)
{
  g_autoptr(QRcode) code = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL || text[0] == '\0')
    {
      g_set_error_literal (error, COMMUNITY_QR_ERROR, COMMUNITY_QR_ERROR_EMPTY,
                           _("There is no text to put in the QR code."));
      return NULL;
    }

  if (strlen (text) > MAX_TEXT_LENGTH)
    {
      set_encode_error (error, ERANGE);
      return NULL;
    }

  errno = 0;
  code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == NULL)
    {
      set_encode_error (error, errno != 0 ? errno : EINVAL);
      return NULL;
    }

  return matrix_new_from_qrcode (text, code);
}

CommunityQrMatrix *
community_qr_matrix_ref (CommunityQrMatrix *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
community_qr_matrix_unref (CommunityQrMatrix *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->modules, g_free);
  g_free (self);
}

const char *
community_qr_matrix_get_text (const CommunityQrMatrix *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

guint
community_qr_matrix_get_version (const CommunityQrMatrix *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->version;
}

guint
community_qr_matrix_get_width (const CommunityQrMatrix *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->width;
}

gboolean
community_qr_matrix_is_dark (const CommunityQrMatrix *self,
                             guint                    x,
                             guint                    y)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (x < self->width && y < self->width, FALSE);

  return self->modules[y * self->width + x] != 0;
}

char *
community_qr_matrix_to_text (const CommunityQrMatrix *self)
{
  GString *text;

  g_return_val_if_fail (self != NULL, NULL);

  text = g_string_sized_new ((self->width + 1) * self->width);
  for (guint y = 0; y < self->width; y++)
    {
      for (guint x = 0; x < self->width; x++)
        g_string_append_c (text, community_qr_matrix_is_dark (self, x, y) ? '#' : '.');
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

/* Fills one row of pixels for module row y. */
static void
fill_pixel_row (const CommunityQrMatrix *self,
                guint                    y,
                guint                    module_px,
                guint8                  *pixels)
{
  for (guint x = 0; x < self->width; x++)
    {
      guint8 value = community_qr_matrix_is_dark (self, x, y) ? 0x00 : 0xff;

      memset (pixels + (gsize) x * module_px * 3, value, (gsize) module_px * 3);
    }
}

GBytes *
community_qr_matrix_to_rgb (const CommunityQrMatrix *self,
                            guint                    module_px)
{
  gsize stride;
  guint8 *pixels;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (module_px >= 1 && module_px <= COMMUNITY_QR_MAX_MODULE_PX, NULL);

  stride = (gsize) self->width * module_px * 3;
  pixels = g_malloc (stride * self->width * module_px);

  for (guint y = 0; y < self->width; y++)
    {
      guint8 *first = pixels + (gsize) y * module_px * stride;

      fill_pixel_row (self, y, module_px, first);
      for (guint i = 1; i < module_px; i++)
        memcpy (first + i * stride, first, stride);
    }

  return g_bytes_new_take (pixels, stride * self->width * module_px);
}

GBytes *
community_qr_matrix_to_png (const CommunityQrMatrix  *self,
                            guint                     module_px,
                            GError                  **error)
{
  g_autoptr(GBytes) rgb = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *buffer = NULL;
  gsize length = 0;
  int side;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (module_px >= 1 && module_px <= COMMUNITY_QR_MAX_MODULE_PX, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  side = (int) (self->width * module_px);
  rgb = community_qr_matrix_to_rgb (self, module_px);
  pixbuf = gdk_pixbuf_new_from_bytes (rgb, GDK_COLORSPACE_RGB, FALSE, 8,
                                      side, side, side * 3);

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "png", error, NULL))
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}

/* Appends one path rectangle per run of dark modules in row y. */
static void
append_row_runs (const CommunityQrMatrix *self,
                 guint                    y,
                 GString                 *path)
{
  guint x = 0;

  while (x < self->width)
    {
      guint start;

      if (!community_qr_matrix_is_dark (self, x, y))
        {
          x++;
          continue;
        }

      start = x;
      while (x < self->width && community_qr_matrix_is_dark (self, x, y))
        x++;

      g_string_append_printf (path, "M%u %uh%uv1h-%uz", start, y, x - start, x - start);
    }
}

char *
community_qr_matrix_to_svg (const CommunityQrMatrix *self)
{
  GString *svg;
  guint px;

  g_return_val_if_fail (self != NULL, NULL);

  /* A default size of 8 pixels per module; the viewBox keeps it exact at
   * any other size. */
  px = self->width * 8;
  svg = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append_printf (svg,
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
                          "viewBox=\"0 0 %u %u\" width=\"%u\" height=\"%u\" "
                          "shape-rendering=\"crispEdges\">\n",
                          self->width, self->width, px, px);
  g_string_append_printf (svg, "<rect width=\"%u\" height=\"%u\" fill=\"#ffffff\"/>\n",
                          self->width, self->width);
  g_string_append (svg, "<path fill=\"#000000\" d=\"");
  for (guint y = 0; y < self->width; y++)
    append_row_runs (self, y, svg);
  g_string_append (svg, "\"/>\n</svg>\n");

  return g_string_free (svg, FALSE);
}
