/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-qr-scan.h: reading the payload of a QR code in an image
 * (gdk-pixbuf to decode, libzbar to scan), as the network helper
 * (jpom-community-net) runs it. The app itself decodes through
 * community_qr_decode_wechat_async() (community-qr-decode.h), which runs
 * the helper. */
#pragma once

#include "community-qr-decode.h"

G_BEGIN_DECLS

/* The image on @fd, read to its end: at most
 * COMMUNITY_REFRESH_MAX_IMAGE_SIZE bytes; one more is
 * COMMUNITY_QR_DECODE_ERROR_TOO_LARGE. */
GBytes  *community_qr_scan_read    (int      fd,
                                    GError **error);
/* Loads what a scan would load at its first use (the PNG and JPEG
 * loaders, zbar and the character sets it converts from), for a helper
 * that can open no file later (community-confine.h). */
void     community_qr_scan_prepare (void);
/* The distinct payloads of the QR codes in @image, scanned as it is and
 * with light and dark swapped, as WeChat cards draw light modules on a
 * dark ground. Only PNG and JPEG images are read, and only when their
 * header declares at most COMMUNITY_QR_DECODE_MAX_SIDE pixels a side.
 * Errors are in COMMUNITY_QR_DECODE_ERROR. */
GStrv    community_qr_scan_image   (GBytes  *image,
                                    GError **error);
/* The payload in @image that community_qr_payload_is_wechat() accepts;
 * an image with two different ones is
 * COMMUNITY_QR_DECODE_ERROR_AMBIGUOUS. */
char    *community_qr_scan_wechat  (GBytes  *image,
                                    GError **error);

G_END_DECLS
