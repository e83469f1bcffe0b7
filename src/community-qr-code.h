/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-qr-code.h: a QR code widget, black on white at a whole number
 * of pixels per module, with Copy Image and Save Image As. */
#pragma once

#include <gtk/gtk.h>

#include "community-qr.h"

G_BEGIN_DECLS

typedef enum
{
  COMMUNITY_QR_FORMAT_PNG,
  COMMUNITY_QR_FORMAT_SVG,
} CommunityQrFormat;

#define COMMUNITY_TYPE_QR_CODE (community_qr_code_get_type ())

G_DECLARE_FINAL_TYPE (CommunityQrCode, community_qr_code, COMMUNITY, QR_CODE, GtkWidget)

GtkWidget         *community_qr_code_new             (const char          *text,
                                                      const char          *description);

const char        *community_qr_code_get_text        (CommunityQrCode     *self);
void               community_qr_code_set_text        (CommunityQrCode     *self,
                                                      const char          *text);
/* What the code is and for whom, translated; the accessible name. */
const char        *community_qr_code_get_description (CommunityQrCode     *self);
void               community_qr_code_set_description (CommunityQrCode     *self,
                                                      const char          *description);

/* The encoded matrix, or NULL without text or when encoding failed. */
CommunityQrMatrix *community_qr_code_get_matrix      (CommunityQrCode     *self);
/* Why the text could not be encoded, or NULL. */
const GError      *community_qr_code_get_error       (CommunityQrCode     *self);

/* The image that Copy Image puts on the clipboard: the code at 8 pixels
 * per module, black on white with its quiet zone; NULL without a matrix. */
GdkTexture        *community_qr_code_create_texture  (CommunityQrCode     *self);
/* Writes the code to @file (replaced if it exists) as PNG (8 pixels per
 * module) or SVG. */
void               community_qr_code_save_async      (CommunityQrCode     *self,
                                                      GFile               *file,
                                                      CommunityQrFormat    format,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean           community_qr_code_save_finish     (CommunityQrCode     *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
