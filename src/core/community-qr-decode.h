/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-qr-decode.h: reading the payload of a QR code in an image
 * (gdk-pixbuf to decode, libzbar to scan), and the rule for which payloads
 * the app accepts: WeChat's own https addresses. Display-free. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Images are scaled down to at most this many pixels before scanning. */
#define COMMUNITY_QR_DECODE_MAX_PIXELS (4096 * 4096)

#define COMMUNITY_QR_DECODE_ERROR (community_qr_decode_error_quark ())

typedef enum
{
  COMMUNITY_QR_DECODE_ERROR_NOT_AN_IMAGE,  /* gdk-pixbuf cannot read it */
  COMMUNITY_QR_DECODE_ERROR_NO_CODE,       /* no QR code found, plain or inverted */
  COMMUNITY_QR_DECODE_ERROR_NOT_WECHAT,    /* codes found, none a WeChat address */
} CommunityQrDecodeError;

GQuark   community_qr_decode_error_quark  (void);

/* TRUE for an https URL on u.wechat.com or weixin.qq.com. */
gboolean community_qr_payload_is_wechat   (const char    *payload);

/* The payloads of the QR codes in @image (PNG, JPEG, ...). When the image
 * gives none, it is scanned again with light and dark swapped, as WeChat
 * cards draw light modules on a dark ground. */
GStrv    community_qr_decode_image        (GBytes        *image,
                                           GError       **error);
/* The first payload in @image that community_qr_payload_is_wechat()
 * accepts. */
char    *community_qr_decode_wechat       (GBytes        *image,
                                           GError       **error);
/* The same in a worker thread. */
void     community_qr_decode_wechat_async (GBytes              *image,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char    *community_qr_decode_wechat_finish (GAsyncResult       *result,
                                            GError            **error);

G_END_DECLS
