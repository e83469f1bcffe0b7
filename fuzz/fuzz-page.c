/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the page pipeline: bytes -> checks -> front matter
 * -> containers -> cmark -> model -> anchors -> the --inspect JSON and a
 * tree dump, the same path every page takes. fuzz/run-fuzz.sh fuzzes
 * it with libFuzzer; meson test runs its corpus through fuzz-main.c. */
#include "config.h"

#include <stdint.h>

#include "community-inspect.h"
#include "community-node-private.h"
#include "community-page.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityPage) page = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *dump = NULL;

  page = community_page_new_from_bytes (bytes, &error);
  if (page == NULL)
    {
      g_assert (error != NULL && error->domain == COMMUNITY_PAGE_ERROR);
      return 0;
    }

  json = community_inspect_build (page, NULL);
  dump = community_node_dump (community_page_get_root (page));
  g_assert (json != NULL && dump != NULL);
  return 0;
}
