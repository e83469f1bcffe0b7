/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-compat-private.h: which GTK and libadwaita API the build may
 * use, for the community-compat-*.c files only. A newer branch is taken
 * only when the library found has the API and the build's
 * *_VERSION_MAX_ALLOWED pin allows it, so a build pinned lower never warns
 * about API newer than its pin; the deprecated calls of the old widgets
 * are only in the old branches, so a build on a current runtime with
 * deprecation warnings as errors never sees them. */
#pragma once

#include <adwaita.h>

#if GTK_CHECK_VERSION (4, 10, 0) && defined (GDK_VERSION_4_10) \
    && GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_10
# define HAVE_GTK_4_10 1
#else
# define HAVE_GTK_4_10 0
#endif

#if GTK_CHECK_VERSION (4, 12, 0) && defined (GDK_VERSION_4_12) \
    && GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_12
# define HAVE_GTK_4_12 1
#else
# define HAVE_GTK_4_12 0
#endif

#if GTK_CHECK_VERSION (4, 14, 0) && defined (GDK_VERSION_4_14) \
    && GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_14
# define HAVE_GTK_4_14 1
#else
# define HAVE_GTK_4_14 0
#endif

#if ADW_CHECK_VERSION (1, 3, 0) && defined (ADW_VERSION_1_3) \
    && ADW_VERSION_MAX_ALLOWED >= ADW_VERSION_1_3
# define HAVE_ADW_1_3 1
#else
# define HAVE_ADW_1_3 0
#endif

#if ADW_CHECK_VERSION (1, 4, 0) && defined (ADW_VERSION_1_4) \
    && ADW_VERSION_MAX_ALLOWED >= ADW_VERSION_1_4
# define HAVE_ADW_1_4 1
#else
# define HAVE_ADW_1_4 0
#endif

#if ADW_CHECK_VERSION (1, 5, 0) && defined (ADW_VERSION_1_5) \
    && ADW_VERSION_MAX_ALLOWED >= ADW_VERSION_1_5
# define HAVE_ADW_1_5 1
#else
# define HAVE_ADW_1_5 0
#endif

#if ADW_CHECK_VERSION (1, 8, 0) && defined (ADW_VERSION_1_8) \
    && ADW_VERSION_MAX_ALLOWED >= ADW_VERSION_1_8
# define HAVE_ADW_1_8 1
#else
# define HAVE_ADW_1_8 0
#endif

G_BEGIN_DECLS

/* The window @parent is in, or NULL. */
GtkWindow *community_compat_parent_window (GtkWidget *parent);

G_END_DECLS
