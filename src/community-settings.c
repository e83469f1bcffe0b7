/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "community-settings.h"

GSettings *
community_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new (APPLICATION_ID);
}
