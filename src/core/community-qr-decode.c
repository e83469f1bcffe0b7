/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-qr-decode.c: which QR payloads the app accepts, and reading
 * them from an image through the network helper. The helper's
 * `decode-qr` command reads the image on its standard input and replies
 * with the payload (community-qr-scan.c does the scan). */
#include "config.h"

#include "community-net-helper-private.h"
#include "community-net-helper.h"
#include "community-qr-decode.h"

G_DEFINE_QUARK (community-qr-decode-error-quark, community_qr_decode_error)

/* The hosts WeChat's personal and group QR codes point at. */
static const char * const wechat_hosts[] = { "u.wechat.com", "weixin.qq.com" };

/* Printable ASCII without spaces, short enough to encode again: no
 * control, no bidi character, nothing a label or terminal acts on. */
static gboolean
is_plain_url_text (const char *payload)
{
  gsize length = 0;

  for (const guchar *p = (const guchar *) payload; *p != '\0'; p++)
    if (*p <= 0x20 || *p >= 0x7F || ++length > COMMUNITY_QR_PAYLOAD_MAX_LENGTH)
      return FALSE;

  return length > 0;
}

gboolean
community_qr_payload_is_wechat (const char *payload)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  g_return_val_if_fail (payload != NULL, FALSE);

  if (!is_plain_url_text (payload))
    return FALSE;
  uri = g_uri_parse (payload, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0
      || g_uri_get_userinfo (uri) != NULL || g_uri_get_port (uri) != -1)
    return FALSE;

  host = g_uri_get_host (uri);
  for (guint i = 0; i < G_N_ELEMENTS (wechat_hosts); i++)
    if (host != NULL && g_ascii_strcasecmp (host, wechat_hosts[i]) == 0)
      return TRUE;

  return FALSE;
}

static void
helper_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GVariant) reply = NULL;
  GError *error = NULL;
  char *payload = NULL;

  reply = community_net_helper_run_finish (result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The helper applies the rule too; a payload that breaks it is no
   * answer. */
  if (!g_variant_lookup (reply, "payload", "s", &payload)
      || !community_qr_payload_is_wechat (payload))
    {
      g_free (payload);
      community_net_helper_set_invalid_reply (&error);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, payload, g_free);
}

void
community_qr_decode_wechat_async (GBytes              *image,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  static const char * const args[] = { "decode-qr", NULL };
  GTask *task;

  g_return_if_fail (image != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, community_qr_decode_wechat_async);
  community_net_helper_run_async (args, image, COMMUNITY_QR_DECODE_TIMEOUT_MS,
                                  COMMUNITY_QR_PAYLOAD_MAX_LENGTH
                                  + COMMUNITY_NET_HELPER_MAX_REPLY_EXTRA,
                                  COMMUNITY_QR_DECODE_ERROR, cancellable, helper_done_cb, task);
}

char *
community_qr_decode_wechat_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
