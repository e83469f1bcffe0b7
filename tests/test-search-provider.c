/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-search-provider.c: the app as GNOME Shell's overview search sees
 * it.
 *
 * Each case runs the real application in a process of its own, started
 * as D-Bus activation starts it (--gapplication-service), on the private
 * session bus of the test command. A connection of its own plays the
 * shell: it calls org.gnome.Shell.SearchProvider2 at the bus name and
 * object path that data/top.jpom.Community.search-provider.ini names.
 * Another plays the notification server (org.gtk.Notifications, GNOME
 * Shell's) and records what it is sent. The clipboard is read through a
 * second connection to the X server, as another program pastes.
 *
 * meson runs this binary once per language, with LANGUAGE=zh_CN
 * LC_ALL=zh_CN.UTF-8 and with LANGUAGE=en LC_ALL=en_US.UTF-8, and the
 * catalogues it compiles into the build tree. */
#include "config.h"

#include "community-application.h"
#include "community-compat.h"
#include "community-join-dialog.h"
#include "community-net-helper.h"
#include "community-page-cache.h"
#include "community-search.h"
#include "community-search-provider.h"
#include "community-test-core.h"
#include "community-test-upstream.h"
#include "community-test-util.h"
#include "community-window.h"

#define INI_GROUP "Shell Search Provider"
#define PROVIDER_INTERFACE "org.gnome.Shell.SearchProvider2"
#define SEED_EMAIL "bwcx_jzy@dromara.org"

typedef struct
{
  const char *language;     /* LANGUAGE, as meson sets it */
  const char *paid;         /* the tiers' anchors in the page shown */
  const char *free;
  const char *copy_id;      /* the results' names */
  const char *join_paid;
  const char *copy_remark;
  const char *email;
  const char *copied;       /* the notification's title */
} Expected;

static const Expected expectations[] = {
  { "zh_CN", "付费社群", "免费社群",
    "复制微信号 jpom66", "加入付费社群", "复制备注 Jpom 付费社群", "发送邮件联系维护者",
    "已复制到剪贴板" },
  { "en", "paid-community", "free-community",
    "Copy WeChat ID jpom66", "Join Paid Community", "Copy remark Jpom 付费社群",
    "E-mail the maintainers", "Copied to clipboard" },
};

static const Expected *expected;

/* The .ini, from the source tree. */

static GKeyFile *
load_ini (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 APPLICATION_ID ".search-provider.ini", NULL);
  g_autoptr(GKeyFile) ini = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_key_file_load_from_file (ini, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&ini);
}

static char *
ini_string (GKeyFile   *ini,
            const char *key)
{
  g_autoptr(GError) error = NULL;
  char *value = g_key_file_get_string (ini, INI_GROUP, key, &error);

  g_assert_no_error (error);
  return value;
}

/* Connections of the test's own to the session bus. */

static GDBusConnection *
bus_connection_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  GDBusConnection *connection;

  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                       | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

/* The notification server: org.gtk.Notifications, as GNOME Shell has it.
 * GLib's notification backend for it is picked when the bus has it. */

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct
{
  GDBusConnection *connection;
  guint            registration_id;
  GPtrArray       *added;   /* GVariant (ssa{sv}): each AddNotification's arguments */
} Notifications;

static void
notification_call_cb (GDBusConnection       *connection,
                      const char            *sender,
                      const char            *object_path,
                      const char            *interface_name,
                      const char            *method_name,
                      GVariant              *parameters,
                      GDBusMethodInvocation *invocation,
                      gpointer               user_data)
{
  Notifications *notifications = user_data;

  if (g_str_equal (method_name, "AddNotification"))
    g_ptr_array_add (notifications->added, g_variant_ref (parameters));
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable notifications_vtable = { notification_call_cb, NULL, NULL };

static Notifications *
notifications_new (void)
{
  Notifications *notifications = g_new0 (Notifications, 1);
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint32 status;

  notifications->added = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  notifications->connection = bus_connection_new ();
  node = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  notifications->registration_id =
    g_dbus_connection_register_object (notifications->connection, "/org/gtk/Notifications",
                                       node->interfaces[0], &notifications_vtable,
                                       notifications, NULL, &error);
  g_assert_no_error (error);

  reply = g_dbus_connection_call_sync (notifications->connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName",
                                       g_variant_new ("(su)", "org.gtk.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &status);
  g_assert_cmpuint (status, ==, 1);  /* the primary owner */

  return notifications;
}

static void
notifications_free (Notifications *notifications)
{
  g_dbus_connection_unregister_object (notifications->connection,
                                       notifications->registration_id);
  g_object_unref (notifications->connection);
  g_ptr_array_unref (notifications->added);
  g_free (notifications);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Notifications, notifications_free)

typedef struct
{
  Notifications *notifications;
  guint          n;
} Count;

static gboolean
has_notifications (gpointer data)
{
  Count *count = data;

  return count->notifications->added->len >= count->n;
}

/* The @n-th notification (from 1) comes, and is the app's "copied" one,
 * with @body. */
static void
assert_copied_notification (Notifications *notifications,
                            guint          n,
                            const char    *body)
{
  Count count = { notifications, n };
  GVariant *added;
  const char *app_id;
  const char *id;
  g_autoptr(GVariant) notification = NULL;
  g_autoptr(GVariantDict) dict = NULL;
  const char *title = NULL;
  const char *text = NULL;

  community_test_wait_until (has_notifications, &count);
  g_assert_cmpuint (notifications->added->len, ==, n);
  added = g_ptr_array_index (notifications->added, n - 1);
  g_variant_get (added, "(&s&s@a{sv})", &app_id, &id, &notification);
  g_assert_cmpstr (app_id, ==, APPLICATION_ID);
  g_assert_cmpstr (id, ==, "copied");

  dict = g_variant_dict_new (notification);
  g_assert_true (g_variant_dict_lookup (dict, "title", "&s", &title));
  g_assert_true (g_variant_dict_lookup (dict, "body", "&s", &text));
  g_assert_cmpstr (title, ==, expected->copied);
  g_assert_cmpstr (text, ==, body);
}

/* The shell: calls the provider where the .ini says it is. */

typedef struct
{
  GDBusConnection *connection;
  char            *bus_name;
  char            *object_path;
  Notifications   *notifications;
} Shell;

typedef struct
{
  GVariant *reply;
  GError   *error;
  gboolean  done;
} Call;

static void
call_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;

  call->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &call->error);
  call->done = TRUE;
}

static gboolean
call_done (gpointer call)
{
  return ((Call *) call)->done;
}

/* Calls @method of @interface at the provider's object with @parameters
 * (floating) as GNOME Shell does, and waits for the reply, of
 * @reply_type. The application answers in this same main loop. */
static GVariant *
shell_call_interface (Shell      *shell,
                      const char *interface,
                      const char *method,
                      GVariant   *parameters,
                      const char *reply_type)
{
  Call call = { NULL, NULL, FALSE };

  g_dbus_connection_call (shell->connection, shell->bus_name, shell->object_path,
                          interface, method, parameters, G_VARIANT_TYPE (reply_type),
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, 10000, NULL, call_cb, &call);
  community_test_wait_until (call_done, &call);
  g_assert_no_error (call.error);

  return call.reply;
}

static GVariant *
shell_call (Shell      *shell,
            const char *method,
            GVariant   *parameters,
            const char *reply_type)
{
  return shell_call_interface (shell, PROVIDER_INTERFACE, method, parameters, reply_type);
}

/* @query split at spaces, as the shell splits what the user types. */
static GVariant *
terms_new (const char *query)
{
  g_auto(GStrv) terms = g_strsplit (query, " ", -1);

  return g_variant_new_strv ((const char * const *) terms, -1);
}

/* The ids of a result set, joined by spaces. */
static char *
ids_text (GVariant *reply)
{
  g_autofree const char **ids = NULL;

  g_variant_get (reply, "(^a&s)", &ids);
  return g_strjoinv (" ", (char **) ids);
}

static char *
search (Shell      *shell,
        const char *query)
{
  g_autoptr(GVariant) reply = shell_call (shell, "GetInitialResultSet",
                                          g_variant_new ("(@as)", terms_new (query)), "(as)");

  return ids_text (reply);
}

static char *
subsearch (Shell      *shell,
           const char *previous,
           const char *query)
{
  g_autoptr(GVariant) reply = shell_call (shell, "GetSubsearchResultSet",
                                          g_variant_new ("(@as@as)", terms_new (previous),
                                                         terms_new (query)),
                                          "(as)");

  return ids_text (reply);
}

static void
activate (Shell      *shell,
          const char *id)
{
  g_autoptr(GVariant) reply = shell_call (shell, "ActivateResult",
                                          g_variant_new ("(s@asu)", id, terms_new ("jpom"),
                                                         GDK_CURRENT_TIME),
                                          "()");
}

#define assert_search(shell, query, expected_ids) \
  G_STMT_START { \
    g_autofree char *ids_ = search ((shell), (query)); \
    g_assert_cmpstr (ids_, ==, (expected_ids)); \
  } G_STMT_END

/* Every result of the seed page, in the order the overview shows them. */
static char *
all_ids (void)
{
  return g_strdup_printf ("wechat-id join:%s join:%s email remark:%s remark:%s",
                          expected->paid, expected->free, expected->paid, expected->free);
}

/* Settings: the memory backend, shared with the application. */

static void
set_settings (const char *source,
              gboolean    auto_refresh)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  const char *sources[] = { source, NULL };

  g_assert_cmpstr (g_getenv ("GSETTINGS_BACKEND"), ==, "memory");
  g_settings_set_strv (settings, "page-sources", sources);
  g_settings_set_boolean (settings, "auto-refresh", auto_refresh);
}

/* Running the application as D-Bus activation does. */

/* A case's checks, run in the application's main loop once it has
 * started. TRUE: the application is to quit now; FALSE: the case has
 * arranged its end. */
typedef gboolean (*Body) (CommunityApplication *app,
                          Shell                *shell,
                          gpointer              data);

typedef struct
{
  CommunityApplication *app;
  Shell                *shell;
  Body                  body;
  gpointer              data;
  gboolean              done;
} Run;

static gboolean
run_body_cb (gpointer user_data)
{
  Run *run = user_data;
  gboolean quit;

  /* The case's own hold: a service with nothing to do would exit. */
  g_application_hold (G_APPLICATION (run->app));
  quit = run->body (run->app, run->shell, run->data);
  run->done = TRUE;
  g_application_release (G_APPLICATION (run->app));
  if (quit)
    g_application_quit (G_APPLICATION (run->app));

  return G_SOURCE_REMOVE;
}

/* Runs the application with --gapplication-service, and @body once it
 * has started, with no window. Afterwards the application must be gone. */
static void
run_service (Body     body,
             gpointer data)
{
  char *argv[] = { (char *) "jpom-community", (char *) "--gapplication-service", NULL };
  g_autoptr(GKeyFile) ini = load_ini ();
  g_autoptr(Notifications) notifications = notifications_new ();
  Shell shell = { bus_connection_new (), ini_string (ini, "BusName"),
                  ini_string (ini, "ObjectPath"), notifications };
  Run run = { community_application_new (), &shell, body, data, FALSE };
  GList *windows;

  g_idle_add (run_body_cb, &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (run.app), 2, argv), ==, 0);
  g_assert_true (run.done);

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (run.app))) != NULL)
    gtk_window_destroy (windows->data);
  g_assert_finalize_object (run.app);
  g_object_unref (shell.connection);
  g_free (shell.bus_name);
  g_free (shell.object_path);
}

/* Another program's connection to the display: opened once and kept
 * for the process. */
static GdkDisplay *
other_display (void)
{
  static GdkDisplay *other;

  if (other == NULL)
    other = gdk_display_open (NULL);
  g_assert_nonnull (other);

  return other;
}

/* The clipboard as another program sees it: through that connection.
 * Under AddressSanitizer, as the application itself sees it: GTK 4.8
 * leaks the X11 selection streams of every transfer between two
 * connections, and a second connection's own set-up (the fast unwinder
 * cannot name them for a suppression); the test runs without the
 * sanitizer too. */
static char *
paste (void)
{
#ifdef COMMUNITY_TEST_ASAN
  GdkDisplay *display = gdk_display_get_default ();
#else
  GdkDisplay *display = other_display ();
#endif

  return community_test_read_clipboard_text (gdk_display_get_clipboard (display));
}

/* The one main window, shown with the live page. (A dialog may be a
 * window of its own.) */
static CommunityWindow *
shown_window (CommunityApplication *app)
{
  CommunityWindow *window = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (COMMUNITY_IS_WINDOW (l->data))
      {
        g_assert_null (window);
        window = l->data;
      }

  g_assert_nonnull (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_nonnull (community_window_get_live_page (window));
  return window;
}

/* Cases. */

/* The .ini parses, with the keys GNOME Shell reads: its desktop file is
 * the one the build installs, D-Bus activatable, and its bus name the one
 * the D-Bus service file activates. */
static void
test_ini (void)
{
  g_autoptr(GKeyFile) ini = load_ini ();
  g_autoptr(GKeyFile) service = g_key_file_new ();
  g_autoptr(GKeyFile) desktop = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = g_key_file_get_groups (ini, NULL);
  g_auto(GStrv) keys = g_key_file_get_keys (ini, INI_GROUP, NULL, &error);
  const char * const expected_keys[] = { "DesktopId", "BusName", "ObjectPath", "Version", NULL };
  g_autofree char *desktop_id = ini_string (ini, "DesktopId");
  g_autofree char *bus_name = ini_string (ini, "BusName");
  g_autofree char *object_path = ini_string (ini, "ObjectPath");
  g_autofree char *version = ini_string (ini, "Version");
  g_autofree char *desktop_path = NULL;
  g_autofree char *service_path = NULL;
  g_autofree char *service_name = NULL;
  g_autofree char *exec = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (groups), ==, 1);
  g_assert_cmpstr (groups[0], ==, INI_GROUP);
  g_assert_true (g_strv_equal ((const char * const *) keys, expected_keys));
  g_assert_cmpstr (desktop_id, ==, APPLICATION_ID ".desktop");
  g_assert_cmpstr (bus_name, ==, APPLICATION_ID);
  g_assert_cmpstr (object_path, ==, "/top/jpom/Community" COMMUNITY_SEARCH_PROVIDER_PATH_SUFFIX);
  g_assert_true (g_variant_is_object_path (object_path));
  g_assert_cmpstr (version, ==, "2");

  /* Read as a key file: GDesktopAppInfo would look for the program in
   * PATH, where the build's is not. */
  desktop_path = g_build_filename (g_getenv ("TOP_BUILDDIR"), "data", desktop_id, NULL);
  g_key_file_load_from_file (desktop, desktop_path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (g_key_file_get_boolean (desktop, G_KEY_FILE_DESKTOP_GROUP,
                                         G_KEY_FILE_DESKTOP_KEY_DBUS_ACTIVATABLE, &error));
  g_assert_no_error (error);

  service_path = g_build_filename (g_getenv ("TOP_BUILDDIR"), "data",
                                   APPLICATION_ID ".service", NULL);
  g_key_file_load_from_file (service, service_path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  service_name = g_key_file_get_string (service, "D-BUS Service", "Name", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (service_name, ==, bus_name);
  exec = g_key_file_get_string (service, "D-BUS Service", "Exec", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (exec, " --gapplication-service"));
}

/* The application owns the .ini's bus name and has the provider at its
 * object path. */
static gboolean
exported (CommunityApplication *app,
          Shell                *shell,
          gpointer              data)
{
  GDBusConnection *app_connection = g_application_get_dbus_connection (G_APPLICATION (app));
  g_autoptr(GVariant) owner = NULL;
  g_autoptr(GVariant) xml = NULL;
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autoptr(GError) error = NULL;
  const char *unique_name;
  const char *text;

  owner = g_dbus_connection_call_sync (shell->connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "GetNameOwner", g_variant_new ("(s)", shell->bus_name),
                                       G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (owner, "(&s)", &unique_name);
  g_assert_cmpstr (unique_name, ==, g_dbus_connection_get_unique_name (app_connection));

  xml = shell_call_interface (shell, "org.freedesktop.DBus.Introspectable", "Introspect", NULL,
                              "(s)");
  g_variant_get (xml, "(&s)", &text);
  node = g_dbus_node_info_new_for_xml (text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_dbus_node_info_lookup_interface (node, PROVIDER_INTERFACE));

  /* Started for the overview: no window. */
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  return TRUE;
}

static void
test_exported (void)
{
  run_service (exported, NULL);
}

static gboolean
initial_result_set (CommunityApplication *app,
                    Shell                *shell,
                    gpointer              data)
{
  g_autofree char *all = all_ids ();
  g_autofree char *remarks = g_strdup_printf ("remark:%s remark:%s", expected->paid, expected->free);
  g_autofree char *paid = g_strdup_printf ("join:%s remark:%s", expected->paid, expected->paid);

  assert_search (shell, "jpom", all);
  assert_search (shell, "Jpom", all);
  assert_search (shell, "wech", all);
  assert_search (shell, "WeChat", all);
  assert_search (shell, "微信", all);
  assert_search (shell, "社群", all);
  assert_search (shell, "加群", all);
  assert_search (shell, "community", all);
  assert_search (shell, "join", all);
  assert_search (shell, "jpom 备注", remarks);
  assert_search (shell, "jpom remark", remarks);
  assert_search (shell, "付费", paid);
  assert_search (shell, "jpom66", "wechat-id");
  assert_search (shell, "jpom mail", "email");

  /* Unrelated terms find nothing, and so does any unrelated term. */
  assert_search (shell, "weather", "");
  assert_search (shell, "天气", "");
  assert_search (shell, "jpom weather", "");
  assert_search (shell, "j", "");

  /* Searching opened nothing. */
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  return TRUE;
}

static void
test_initial_result_set (void)
{
  run_service (initial_result_set, NULL);
}

static gboolean
subsearch_result_set (CommunityApplication *app,
                      Shell                *shell,
                      gpointer              data)
{
  g_autofree char *all = all_ids ();
  g_autofree char *paid = g_strdup_printf ("join:%s remark:%s", expected->paid, expected->paid);
  g_autofree char *kept = g_strdup_printf ("wechat-id join:%s", expected->paid);
  g_autofree char *previous = g_strdup_printf ("%s no-such-result", kept);
  g_autofree char *ids = NULL;

  ids = subsearch (shell, all, "jpom mail");
  g_assert_cmpstr (ids, ==, "email");
  g_clear_pointer (&ids, g_free);
  ids = subsearch (shell, all, "jpom 付费");
  g_assert_cmpstr (ids, ==, paid);
  g_clear_pointer (&ids, g_free);

  /* Only what the shell had: narrowed, never widened; an id the page
   * does not give is dropped. */
  ids = subsearch (shell, previous, "jpom");
  g_assert_cmpstr (ids, ==, kept);
  g_clear_pointer (&ids, g_free);
  ids = subsearch (shell, all, "jpom weather");
  g_assert_cmpstr (ids, ==, "");

  return TRUE;
}

static void
test_subsearch_result_set (void)
{
  run_service (subsearch_result_set, NULL);
}

/* The meta of @id in @metas (aa{sv}), or fails. */
static GVariantDict *
find_meta (GVariant   *metas,
           const char *id)
{
  GVariantIter iter;
  GVariant *meta;

  g_variant_iter_init (&iter, metas);
  while ((meta = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) owned = meta;
      GVariantDict *dict = g_variant_dict_new (meta);
      const char *meta_id = NULL;

      if (g_variant_dict_lookup (dict, "id", "&s", &meta_id) && g_str_equal (meta_id, id))
        return dict;
      g_variant_dict_unref (dict);
    }

  g_error ("No meta for %s", id);
}

/* A meta's name, description, themed icon and clipboard text (NULL
 * where it has none). */
static void
assert_meta (GVariant   *metas,
             const char *id,
             const char *name,
             const char *icon_name,
             const char *clipboard_text)
{
  g_autoptr(GVariantDict) dict = find_meta (metas, id);
  g_autoptr(GVariant) serialized = g_variant_dict_lookup_value (dict, "icon", NULL);
  g_autoptr(GIcon) icon = NULL;
  const char *text = NULL;
  const char *description = NULL;

  g_assert_true (g_variant_dict_lookup (dict, "name", "&s", &text));
  g_assert_cmpstr (text, ==, name);
  g_assert_true (g_variant_dict_lookup (dict, "description", "&s", &description));
  g_assert_cmpstr (description, !=, "");

  g_assert_nonnull (serialized);
  icon = g_icon_deserialize (serialized);
  g_assert_true (G_IS_THEMED_ICON (icon));
  g_assert_cmpstr (g_themed_icon_get_names (G_THEMED_ICON (icon))[0], ==, icon_name);

  text = NULL;
  g_variant_dict_lookup (dict, "clipboardText", "&s", &text);
  g_assert_cmpstr (text, ==, clipboard_text);
}

static gboolean
result_metas (CommunityApplication *app,
              Shell                *shell,
              gpointer              data)
{
  g_autofree char *all = all_ids ();
  g_autofree char *asked = g_strdup_printf ("%s no-such-result", all);
  g_autofree char *join_paid = g_strdup_printf ("join:%s", expected->paid);
  g_autofree char *remark_paid = g_strdup_printf ("remark:%s", expected->paid);
  g_autoptr(GVariant) reply = shell_call (shell, "GetResultMetas",
                                          g_variant_new ("(@as)", terms_new (asked)),
                                          "(aa{sv})");
  g_autoptr(GVariant) metas = g_variant_get_child_value (reply, 0);
  g_autoptr(GVariantDict) email = NULL;
  const char *address = NULL;

  /* One for each result the page gives; none for the unknown id. */
  g_assert_cmpuint (g_variant_n_children (metas), ==, 6);

  assert_meta (metas, "wechat-id", expected->copy_id, "edit-copy-symbolic", "jpom66");
  assert_meta (metas, join_paid, expected->join_paid, "system-users-symbolic", NULL);
  assert_meta (metas, remark_paid, expected->copy_remark, "edit-copy-symbolic", "Jpom 付费社群");
  assert_meta (metas, "email", expected->email, "mail-send-symbolic", NULL);

  email = find_meta (metas, "email");
  g_assert_true (g_variant_dict_lookup (email, "description", "&s", &address));
  g_assert_cmpstr (address, ==, SEED_EMAIL);

  return TRUE;
}

static void
test_result_metas (void)
{
  run_service (result_metas, NULL);
}

/* A copy result copies with no window, says so in a notification, and
 * the copy can be pasted in another program. */
static gboolean
copy_results (CommunityApplication *app,
              Shell                *shell,
              gpointer              data)
{
  g_autofree char *remark_paid = g_strdup_printf ("remark:%s", expected->paid);
  g_autofree char *text = NULL;

  activate (shell, "wechat-id");
  text = paste ();
  g_assert_cmpstr (text, ==, "jpom66");
  assert_copied_notification (shell->notifications, 1, "jpom66");
  g_clear_pointer (&text, g_free);

  activate (shell, remark_paid);
  text = paste ();
  g_assert_cmpstr (text, ==, "Jpom 付费社群");
  assert_copied_notification (shell->notifications, 2, "Jpom 付费社群");

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  return TRUE;
}

static void
test_copy_results (void)
{
  run_service (copy_results, NULL);
}

/* A saved page whose WeChat ID is 300 characters long: the overview and
 * the notification show it cut to one line, the clipboard gets it whole. */
static gboolean
long_text (CommunityApplication *app,
           Shell                *shell,
           gpointer              data)
{
  const char *long_id = data;
  g_autofree char *shown = g_strnfill (COMMUNITY_SEARCH_MAX_SHOWN_CHARS - 1, 'a');
  g_autofree char *cut = g_strdup_printf ("%s…", shown);
  g_autoptr(GVariant) reply = shell_call (shell, "GetResultMetas",
                                          g_variant_new ("(@as)", terms_new ("wechat-id")),
                                          "(aa{sv})");
  g_autoptr(GVariant) metas = g_variant_get_child_value (reply, 0);
  g_autoptr(GVariantDict) meta = find_meta (metas, "wechat-id");
  g_autofree char *text = NULL;
  const char *name = NULL;
  const char *clipboard_text = NULL;

  g_assert_true (g_variant_dict_lookup (meta, "name", "&s", &name));
  g_assert_true (g_str_has_suffix (name, cut));
  g_assert_cmpuint (g_utf8_strlen (name, -1), <, COMMUNITY_SEARCH_MAX_SHOWN_CHARS + 20);
  g_assert_true (g_variant_dict_lookup (meta, "clipboardText", "&s", &clipboard_text));
  g_assert_cmpstr (clipboard_text, ==, long_id);

  activate (shell, "wechat-id");
  text = paste ();
  g_assert_cmpstr (text, ==, long_id);
  assert_copied_notification (shell->notifications, 1, cut);

  return TRUE;
}

static void
test_long_text (void)
{
  g_autofree char *long_id = g_strnfill (300, 'a');
  g_autofree char *code_span = g_strdup_printf ("`%s`", long_id);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "jpom-community", NULL);
  g_autoptr(CommunityPageCache) cache = community_page_cache_new (dir);
  g_autoptr(CommunityCachedPage) saved = community_cached_page_new ();
  g_autoptr(GError) error = NULL;

  saved->bytes = community_test_edited_page ("`jpom66`", code_span, NULL);
  saved->sha256 = community_page_cache_checksum (saved->bytes);
  saved->source = g_strdup ("http://127.0.0.1:9/");
  saved->url = g_strdup ("http://127.0.0.1:9/page.md");
  saved->fetched_at = g_date_time_new_now_utc ();
  saved->checked_at = g_date_time_new_now_utc ();
  g_assert_true (community_page_cache_store (cache, saved, &error));
  g_assert_no_error (error);

  run_service (long_text, long_id);
}

/* The end of a case that leaves the application running: what it finds
 * once the application would have exited unless it held itself. */
typedef struct
{
  CommunityApplication *app;
  char                 *pasted;      /* after the wait, or NULL */
  gboolean              released;    /* another program took the clipboard */
  gboolean              overstayed;  /* the application ran on after that */
  guint                 overstay_id;
} Lifetime;

static gboolean
overstayed_cb (gpointer user_data)
{
  Lifetime *lifetime = user_data;

  lifetime->overstay_id = 0;
  lifetime->overstayed = TRUE;
  g_application_quit (G_APPLICATION (lifetime->app));
  return G_SOURCE_REMOVE;
}

static gboolean
later_cb (gpointer user_data)
{
  Lifetime *lifetime = user_data;

  /* Still running, with the copy on the clipboard. */
  lifetime->pasted = paste ();

  /* Another program copies: the application may go now, and must. */
  gdk_clipboard_set_text (gdk_display_get_clipboard (other_display ()), "something else");
  lifetime->released = TRUE;
  lifetime->overstay_id = g_timeout_add_seconds (5, overstayed_cb, lifetime);

  return G_SOURCE_REMOVE;
}

/* After a copy the application stays to serve the clipboard, though the
 * overview's calls are over and no window is open, until another
 * program copies. */
static gboolean
serves_clipboard (CommunityApplication *app,
                  Shell                *shell,
                  gpointer              data)
{
  Lifetime *lifetime = data;

  lifetime->app = app;
  /* A short inactivity timeout: without a hold of its own, the
   * application would exit 100 ms after the last call. */
  g_application_set_inactivity_timeout (G_APPLICATION (app), 100);
  activate (shell, "wechat-id");
  g_timeout_add (1000, later_cb, lifetime);

  return FALSE;
}

static void
test_serves_clipboard (void)
{
  Lifetime lifetime = { NULL, NULL, FALSE, FALSE, 0 };

  run_service (serves_clipboard, &lifetime);
  g_assert_cmpstr (lifetime.pasted, ==, "jpom66");
  g_assert_true (lifetime.released);
  g_assert_false (lifetime.overstayed);

  g_clear_handle_id (&lifetime.overstay_id, g_source_remove);
  g_free (lifetime.pasted);
}

/* A tier result opens the window with that tier's Join dialog. */
static gboolean
join_tier (CommunityApplication *app,
           Shell                *shell,
           gpointer              data)
{
  g_autofree char *join_paid = g_strdup_printf ("join:%s", expected->paid);
  CommunityWindow *window;
  GtkWidget *dialog;
  GtkWidget *content;

  activate (shell, join_paid);
  window = shown_window (app);
  community_test_wait_until (community_test_has_dialog, window);
  dialog = community_compat_get_visible_dialog (GTK_WINDOW (window));
  content = community_test_find_descendant (dialog, COMMUNITY_TYPE_JOIN_DIALOG);
  g_assert_nonnull (content);
  g_assert_cmpstr (community_join_dialog_get_anchor (COMMUNITY_JOIN_DIALOG (content)), ==,
                   expected->paid);
  g_assert_cmpstr (community_join_dialog_get_title (COMMUNITY_JOIN_DIALOG (content)), ==,
                   expected->join_paid);
  g_assert_true (community_join_dialog_get_join (COMMUNITY_JOIN_DIALOG (content))
                 == community_window_get_join (window));

  return TRUE;
}

static void
test_join_tier (void)
{
  run_service (join_tier, NULL);
}

/* LaunchSearch opens the window, on the page, with no dialog. */
static gboolean
launch_search (CommunityApplication *app,
               Shell                *shell,
               gpointer              data)
{
  g_autoptr(GVariant) reply = NULL;
  CommunityWindow *window;

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  reply = shell_call (shell, "LaunchSearch",
                      g_variant_new ("(@asu)", terms_new ("jpom"), GDK_CURRENT_TIME), "()");
  window = shown_window (app);
  g_assert_nonnull (community_window_get_join (window));
  g_assert_null (community_compat_get_visible_dialog (GTK_WINDOW (window)));

  return TRUE;
}

static void
test_launch_search (void)
{
  run_service (launch_search, NULL);
}

/* The e-mail result runs app.email: the mail program gets the address. */
static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
email (CommunityApplication *app,
       Shell                *shell,
       gpointer              data)
{
  const char *output = data;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  activate (shell, "email");
  community_test_wait_until (file_exists, (gpointer) output);
  g_file_get_contents (output, &uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (uri, "mailto:" SEED_EMAIL "?subject="));
  shown_window (app);

  return TRUE;
}

static void
test_email (void)
{
  g_autofree char *output = community_test_install_mail_handler (g_getenv ("XDG_DATA_HOME"),
                                                                 g_getenv ("XDG_CONFIG_HOME"));

  run_service (email, output);
}

/* The network. */

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
run_for (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timed_out_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
has_requests (gpointer upstream)
{
  return ((CommunityTestUpstream *) upstream)->n_requests > 0;
}

/* Searching, metas and copying never reach the network, though a
 * refresh is due and allowed: the server sees no request. Then the
 * control: the window that LaunchSearch opens refreshes after its first
 * frame, and the same server sees it. */
static gboolean
no_network (CommunityApplication *app,
            Shell                *shell,
            gpointer              data)
{
  CommunityTestUpstream *upstream = data;
  g_autofree char *all = all_ids ();
  g_autofree char *ids = NULL;
  g_autoptr(GVariant) metas = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *pasted = NULL;

  ids = search (shell, "jpom");
  g_assert_cmpstr (ids, ==, all);
  g_clear_pointer (&ids, g_free);
  ids = subsearch (shell, all, "jpom 微信号");
  g_assert_cmpstr (ids, ==, "wechat-id");
  metas = shell_call (shell, "GetResultMetas", g_variant_new ("(@as)", terms_new (all)),
                      "(aa{sv})");
  activate (shell, "wechat-id");
  pasted = paste ();
  g_assert_cmpstr (pasted, ==, "jpom66");

  run_for (1500);
  g_assert_cmpuint (upstream->n_requests, ==, 0);

  reply = shell_call (shell, "LaunchSearch",
                      g_variant_new ("(@asu)", terms_new ("jpom"), GDK_CURRENT_TIME), "()");
  shown_window (app);
  community_test_wait_until (has_requests, upstream);
  g_assert_cmpuint (upstream->n_requests, >, 0);

  return TRUE;
}

static void
test_no_network (void)
{
  g_autoptr(CommunityTestUpstream) upstream = community_test_upstream_new (NULL);

  /* Due: no saved page, never checked; allowed: auto-refresh on. */
  set_settings (upstream->root, TRUE);
  run_service (no_network, upstream);
}

/* Each case in a process of its own, with XDG folders of its own and
 * empty (no saved page, no mail program but the one a case installs). */

typedef struct
{
  const char *path;
  void      (*func) (void);
  gboolean    other_display;  /* needs a second connection to the display */
} Case;

static const Case cases[] = {
  { "/community/search-provider/exported", test_exported },
  { "/community/search-provider/initial-result-set", test_initial_result_set },
  { "/community/search-provider/subsearch-result-set", test_subsearch_result_set },
  { "/community/search-provider/result-metas", test_result_metas },
  { "/community/search-provider/copy-results", test_copy_results },
  { "/community/search-provider/long-text", test_long_text },
  { "/community/search-provider/serves-clipboard", test_serves_clipboard, TRUE },
  { "/community/search-provider/join-tier", test_join_tier },
  { "/community/search-provider/launch-search", test_launch_search },
  { "/community/search-provider/email", test_email },
  { "/community/search-provider/no-network", test_no_network },
};

static const char * const isolated_dirs[][2] = {
  { "XDG_CACHE_HOME", "cache" },
  { "XDG_DATA_HOME", "data" },
  { "XDG_CONFIG_HOME", "config" },
};

static void
run_case (gconstpointer data)
{
  const Case *test_case = data;
  g_autofree char *top = NULL;

  if (g_test_subprocess ())
    {
      test_case->func ();
      return;
    }

#ifdef COMMUNITY_TEST_ASAN
  if (test_case->other_display)
    {
      g_test_skip ("GTK 4.8 leaks what a second X11 connection sets up (paste ())");
      return;
    }
#endif

  top = community_test_isolate_dirs ("test-search-provider-XXXXXX", isolated_dirs,
                                     G_N_ELEMENTS (isolated_dirs));

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  community_test_remove_tree (top);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *locale = NULL;
  const char *language = g_getenv ("LANGUAGE");

  /* GLib's backend for GNOME Shell's notifications, which the test's
   * server plays, whatever the environment says. */
  g_setenv ("GNOTIFICATION_BACKEND", "gtk", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() fixes the locale; this test runs in the one meson
   * sets. */
  locale = community_test_use_environment_locale ();
  if (locale == NULL)
    g_error ("The locale %s is not installed (tools/install-deps.sh makes it)",
             g_getenv ("LC_ALL"));
  community_net_helper_set_path (g_getenv ("COMMUNITY_TEST_NET_HELPER"));

  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    if (g_strcmp0 (language, expectations[i].language) == 0)
      expected = &expectations[i];
  if (expected == NULL)
    g_error ("Run with LANGUAGE set to zh_CN or en, not %s",
             language != NULL ? language : "(unset)");

  g_test_add_func ("/community/search-provider/ini", test_ini);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], run_case);

  return g_test_run ();
}
