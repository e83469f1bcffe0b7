/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "community-page-error.h"

G_DEFINE_QUARK (community-page-error-quark, community_page_error)
