/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define COMMUNITY_TYPE_APPLICATION (community_application_get_type ())

G_DECLARE_FINAL_TYPE (CommunityApplication, community_application,
                      COMMUNITY, APPLICATION, AdwApplication)

CommunityApplication *community_application_new (void);

G_END_DECLS
