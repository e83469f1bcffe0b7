/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-qr-decode.h: reading the payload of a QR code in an image,
 * and the rule for which payloads the app accepts: WeChat's own https
 * addresses. The image is read in the network helper
 * (community-net-helper.h), which scans it with libzbar
 * (community-qr-scan.h). Display-free. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Only PNG and JPEG images are read, and only up to this many pixels a
 * side: the size in the file's header is checked before gdk-pixbuf sees a
 * byte. A QR card is a few hundred pixels a side. */
#define COMMUNITY_QR_DECODE_MAX_SIDE 4096
/* How long the helper may take over one image before it is killed. */
#define COMMUNITY_QR_DECODE_TIMEOUT_MS (20 * 1000)
/* The longest payload accepted, in bytes: WeChat's are about 50, and 512
 * still encodes at level M, in version 18 (community-qr.h). */
#define COMMUNITY_QR_PAYLOAD_MAX_LENGTH 512

#define COMMUNITY_QR_DECODE_ERROR (community_qr_decode_error_quark ())

typedef enum
{
  COMMUNITY_QR_DECODE_ERROR_NOT_AN_IMAGE,  /* not a PNG or JPEG that can be read */
  COMMUNITY_QR_DECODE_ERROR_NO_CODE,       /* no QR code found, plain or inverted */
  COMMUNITY_QR_DECODE_ERROR_NOT_WECHAT,    /* codes found, none a WeChat address */
  COMMUNITY_QR_DECODE_ERROR_UNSUPPORTED,   /* an image in another format (GIF, SVG, ...) */
  COMMUNITY_QR_DECODE_ERROR_TOO_LARGE,     /* over the byte or the pixel limit */
  COMMUNITY_QR_DECODE_ERROR_AMBIGUOUS,     /* two different WeChat codes */
} CommunityQrDecodeError;

GQuark   community_qr_decode_error_quark  (void);

/* TRUE for an https URL on u.wechat.com or weixin.qq.com, of printable
 * ASCII without spaces, at most COMMUNITY_QR_PAYLOAD_MAX_LENGTH bytes.
 * Payloads from the helper, the cache and the table all pass this. */
gboolean community_qr_payload_is_wechat   (const char    *payload);

/* The payload in @image (PNG or JPEG, at most COMMUNITY_QR_DECODE_MAX_SIDE
 * pixels a side) that community_qr_payload_is_wechat() accepts, read in
 * the helper. The image is scanned as it is and with light and dark
 * swapped, as WeChat cards draw light modules on a dark ground; one with
 * two different WeChat codes is refused. Errors are in
 * COMMUNITY_QR_DECODE_ERROR, or G_IO_ERROR_CANCELLED, or say that the
 * helper failed. */
void     community_qr_decode_wechat_async (GBytes              *image,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char    *community_qr_decode_wechat_finish (GAsyncResult       *result,
                                            GError            **error);

G_END_DECLS
