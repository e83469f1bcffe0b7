/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-qr-private.h: a module matrix as text, for the golden tests.
 * Display-free. */
#pragma once

#include "community-qr.h"

G_BEGIN_DECLS

/* One line per row, '#' for a dark module and '.' for a light one. */
char *community_qr_matrix_to_text (const CommunityQrMatrix *self);

G_END_DECLS
