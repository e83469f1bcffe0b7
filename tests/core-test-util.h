/* SPDX-License-Identifier: GPL-3.0-or-later */
/* core-test-util.h: test data the display-free tests share. */
#pragma once

#include "community-join.h"

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
/* An executable shell script @name in @dir that runs @body: a stand-in
 * for a program the app runs, such as its network helper. Returns its
 * path. */
char   *core_test_write_script (const char *dir,
                                const char *name,
                                const char *body);
/* Makes a temporary folder from @tmpl (as g_dir_make_tmp ()), with a
 * folder in it for each of the @n_dirs pairs of @dirs (an environment
 * variable such as XDG_CACHE_HOME, and the folder's name), and points
 * each variable at its folder: a process started afterwards has them,
 * empty. Returns the temporary folder, for core_test_remove_tree (). */
char   *core_test_isolate_dirs (const char          *tmpl,
                                const char * const (*dirs)[2],
                                guint                n_dirs);
/* Removes @path and everything below it; each removal must succeed. */
void    core_test_remove_tree  (const char *path);

G_END_DECLS
