/* SPDX-License-Identifier: GPL-3.0-or-later */
/* core-test-util.h: test data the display-free tests share. */
#pragma once

#include "community-join.h"

/* Defined when the tests (and so the helper) are built with
 * AddressSanitizer, which is slower and cannot run under RLIMIT_AS. */
#if defined(__SANITIZE_ADDRESS__)
# define CORE_TEST_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define CORE_TEST_ASAN 1
# endif
#endif

G_BEGIN_DECLS

/* The bundled page for @language ("zh_CN", "en"). */
GBytes *core_test_bundled_page (const char *language);
/* The bundled Chinese page with each @from replaced by the string after
 * it (pairs, NULL-ended); each @from must occur. */
GBytes *core_test_edited_page  (const char *from,
                                ...) G_GNUC_NULL_TERMINATED;
/* The join model of @page, which it takes; the page must parse. */
CommunityJoin *core_test_join_take (GBytes *page);
/* A file under tests/data/images/, such as "qrcode/weixin-jpom66.jpg". */
GBytes *core_test_read_image   (const char *name);
/* A PNG of the app's own QR code for @text. */
GBytes *core_test_qr_png       (const char *text);

G_END_DECLS
