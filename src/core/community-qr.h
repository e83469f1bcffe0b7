/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-qr.h: text to a QR module matrix (libqrencode), with PNG and
 * SVG export. Display-free. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Light modules around the symbol, included in every matrix. */
#define COMMUNITY_QR_QUIET_ZONE 4

/* Largest module size, in pixels, that the raster exports accept. */
#define COMMUNITY_QR_MAX_MODULE_PX 64

#define COMMUNITY_QR_ERROR (community_qr_error_quark ())

typedef enum
{
  COMMUNITY_QR_ERROR_EMPTY,
  COMMUNITY_QR_ERROR_TOO_LONG,
  COMMUNITY_QR_ERROR_FAILED,
} CommunityQrError;

#define COMMUNITY_TYPE_QR_MATRIX (community_qr_matrix_get_type ())

/* An immutable, reference-counted grid of QR modules. Row y, column x;
 * (0, 0) is the top-left module of the quiet zone. */
typedef struct _CommunityQrMatrix CommunityQrMatrix;

GQuark             community_qr_error_quark       (void);
GType              community_qr_matrix_get_type   (void) G_GNUC_CONST;

/* Encodes @text (stored as is, in 8-bit mode) at error correction level
 * M in the smallest version that holds it, with the quiet zone added. */
CommunityQrMatrix *community_qr_encode            (const char              *text,
                                                   GError                 **error);

CommunityQrMatrix *community_qr_matrix_ref        (CommunityQrMatrix       *self);
void               community_qr_matrix_unref      (CommunityQrMatrix       *self);

const char        *community_qr_matrix_get_text   (const CommunityQrMatrix *self);
/* The QR version, 1 to 40. */
guint              community_qr_matrix_get_version (const CommunityQrMatrix *self);
/* Modules per side, quiet zone included. */
guint              community_qr_matrix_get_width  (const CommunityQrMatrix *self);
gboolean           community_qr_matrix_is_dark    (const CommunityQrMatrix *self,
                                                   guint                    x,
                                                   guint                    y);

/* Packed 8-bit RGB pixels, black on white, module_px pixels per module;
 * the side is width * module_px and the stride side * 3. */
GBytes            *community_qr_matrix_to_rgb     (const CommunityQrMatrix *self,
                                                   guint                    module_px);
GBytes            *community_qr_matrix_to_png     (const CommunityQrMatrix *self,
                                                   guint                    module_px,
                                                   GError                 **error);
/* A standalone SVG document, one unit per module. */
char              *community_qr_matrix_to_svg     (const CommunityQrMatrix *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunityQrMatrix, community_qr_matrix_unref)

G_END_DECLS
