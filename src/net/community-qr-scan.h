/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-qr-scan.h: reading the payload of a QR code in an image
 * (gdk-pixbuf to decode, libzbar to scan), as the network helper
 * (jpom-community-net) runs it. The app itself decodes through
 * community_qr_decode_wechat_async() (community-qr-decode.h), which runs
 * the helper. */
#pragma once

#include "community-qr-decode.h"

G_BEGIN_DECLS

/* The payloads of the QR codes in @image (PNG, JPEG, ...). When the image
 * gives none, it is scanned again with light and dark swapped, as WeChat
 * cards draw light modules on a dark ground. Errors are in
 * COMMUNITY_QR_DECODE_ERROR. */
GStrv    community_qr_scan_image  (GBytes  *image,
                                   GError **error);
/* The first payload in @image that community_qr_payload_is_wechat()
 * accepts. */
char    *community_qr_scan_wechat (GBytes  *image,
                                   GError **error);

G_END_DECLS
