/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-compat-files.c: opening a URI in the user's program for it, and
 * asking where to save a file, through the current API where GTK has it. */
#include "config.h"

#include <glib/gi18n.h>

#include "community-compat.h"
#include "community-compat-private.h"

/* Errors of GTK's dialogs: the user's or the caller's cancel is
 * G_IO_ERROR_CANCELLED, as GIO says it. */
G_GNUC_UNUSED static GError *
normalize_error (GError *error)
{
#if HAVE_GTK_4_10
  if (error->domain == GTK_DIALOG_ERROR && error->code != GTK_DIALOG_ERROR_FAILED)
    {
      g_autoptr(GError) dialog_error = error;

      return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, dialog_error->message);
    }
#endif

  return error;
}

/* Opening a URI. */

static void
launch_uri_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

#if HAVE_GTK_4_10
  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (source), result, &error))
#else
  if (!g_app_info_launch_default_for_uri_finish (result, &error))
#endif
    g_task_return_error (task, normalize_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
community_compat_launch_uri (GtkWidget           *parent,
                             const char          *uri,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (uri != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, community_compat_launch_uri);

#if HAVE_GTK_4_10
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, community_compat_parent_window (parent), cancellable,
                             launch_uri_done_cb, g_steal_pointer (&task));
  }
#else
  {
    g_autoptr(GdkAppLaunchContext) context =
      gdk_display_get_app_launch_context (gtk_widget_get_display (parent));

    g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), cancellable,
                                             launch_uri_done_cb, g_steal_pointer (&task));
  }
#endif
}

gboolean
community_compat_launch_uri_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == community_compat_launch_uri,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Asking where to save. */

typedef struct
{
  GFile         *file;
  GtkFileFilter *filter;
} SaveChoice;

static void
save_choice_free (SaveChoice *choice)
{
  g_clear_object (&choice->file);
  g_clear_object (&choice->filter);
  g_free (choice);
}

static void
return_save_choice (GTask         *task,
                    GFile         *file,
                    GtkFileFilter *filter)
{
  SaveChoice *choice = g_new0 (SaveChoice, 1);

  choice->file = file;
  g_set_object (&choice->filter, filter);
  g_task_return_pointer (task, choice, (GDestroyNotify) save_choice_free);
}

#if HAVE_GTK_4_10

static void
file_dialog_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GFile *file;

  file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, &error);
  if (file == NULL)
    g_task_return_error (task, normalize_error (error));
  else
    return_save_choice (task, file, NULL);
}

static void
ask_where_to_save (GTask      *task,
                   GtkWidget  *parent,
                   const char *title,
                   const char *initial_name,
                   GListModel *filters)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_initial_name (dialog, initial_name);
  if (filters != NULL && g_list_model_get_n_items (filters) > 0)
    {
      g_autoptr(GtkFileFilter) first = g_list_model_get_item (filters, 0);

      gtk_file_dialog_set_filters (dialog, filters);
      gtk_file_dialog_set_default_filter (dialog, first);
    }

  gtk_file_dialog_save (dialog, community_compat_parent_window (parent), g_task_get_cancellable (task),
                        file_dialog_done_cb, task);
}

#else /* !HAVE_GTK_4_10 */

/* The names of @filters, one per line: which choosers can be reused. */
static char *
filters_key (GListModel *filters)
{
  GString *key = g_string_new (NULL);
  guint n_filters = filters != NULL ? g_list_model_get_n_items (filters) : 0;

  for (guint i = 0; i < n_filters; i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);
      const char *name = gtk_file_filter_get_name (filter);

      g_string_append_printf (key, "%s\n", name != NULL ? name : "");
    }

  return g_string_free (key, FALSE);
}

static GtkFileChooserNative *
chooser_new (GListModel *filters)
{
  GtkFileChooserNative *chooser;
  guint n_filters = filters != NULL ? g_list_model_get_n_items (filters) : 0;

  chooser = gtk_file_chooser_native_new (NULL, NULL, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  for (guint i = 0; i < n_filters; i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }

  return chooser;
}

/* GTK 4.8's file chooser must not be destroyed while it still reads a
 * folder: the error message it then shows uses the freed widget (closing
 * it at once after opening it crashed the tests), and taking its filters
 * out again drops references it does not own. So a chooser, made with
 * its filters, serves the whole run, hidden between uses: one per set of
 * filters, which is one in this app. */
static GtkFileChooserNative *
shared_chooser (GListModel *filters)
{
  static GHashTable *choosers;
  g_autofree char *key = filters_key (filters);
  GtkFileChooserNative *chooser;

  if (choosers == NULL)
    choosers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  chooser = g_hash_table_lookup (choosers, key);
  if (chooser == NULL)
    {
      chooser = chooser_new (filters);
      g_hash_table_insert (choosers, g_steal_pointer (&key), chooser);
    }

  return chooser;
}

/* The first filter, chosen again at each use. */
static void
choose_first_filter (GtkFileChooser *chooser)
{
  g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (chooser);
  g_autoptr(GtkFileFilter) first = NULL;

  if (g_list_model_get_n_items (filters) == 0)
    return;

  first = g_list_model_get_item (filters, 0);
  gtk_file_chooser_set_filter (chooser, first);
}

/* What the task holds while the chooser is open. */
typedef struct
{
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  gulong                cancelled_id;
} ChooserData;

static void
chooser_data_free (ChooserData *data)
{
  g_clear_signal_handler (&data->cancelled_id, data->cancellable);
  g_clear_object (&data->cancellable);
  gtk_native_dialog_set_transient_for (GTK_NATIVE_DIALOG (data->chooser), NULL);
  g_clear_object (&data->chooser);
  g_free (data);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
  GFile *file = NULL;

  g_signal_handlers_disconnect_by_data (chooser, task);
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "No file chosen");
  else
    return_save_choice (task, file, filter);
}

/* The caller gave up: close the chooser as if the user had. */
static void
chooser_cancelled_cb (GCancellable    *cancellable,
                      GtkNativeDialog *chooser)
{
  gtk_native_dialog_hide (chooser);
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
}

static void
ask_where_to_save (GTask      *task,
                   GtkWidget  *parent,
                   const char *title,
                   const char *initial_name,
                   GListModel *filters)
{
  GtkFileChooserNative *chooser = shared_chooser (filters);
  ChooserData *data;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (gtk_native_dialog_get_visible (GTK_NATIVE_DIALOG (chooser)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("Another file dialog is open"));
      g_object_unref (task);
      return;
    }

  data = g_new0 (ChooserData, 1);
  data->chooser = g_object_ref (chooser);
  g_task_set_task_data (task, data, (GDestroyNotify) chooser_data_free);
  gtk_native_dialog_set_title (GTK_NATIVE_DIALOG (chooser), title);
  gtk_native_dialog_set_transient_for (GTK_NATIVE_DIALOG (chooser), community_compat_parent_window (parent));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  choose_first_filter (GTK_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), initial_name);

  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), task);
  if (g_task_get_cancellable (task) != NULL)
    {
      data->cancellable = g_object_ref (g_task_get_cancellable (task));
      data->cancelled_id = g_signal_connect (data->cancellable, "cancelled",
                                             G_CALLBACK (chooser_cancelled_cb), chooser);
    }
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

#endif /* HAVE_GTK_4_10 */

void
community_compat_save_file (GtkWidget           *parent,
                            const char          *title,
                            const char          *initial_name,
                            GListModel          *filters,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (!filters || G_IS_LIST_MODEL (filters));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, community_compat_save_file);
  /* The task's reference goes to the dialog's callback. */
  ask_where_to_save (task, parent, title, initial_name, filters);
}

GFile *
community_compat_save_file_finish (GAsyncResult   *result,
                                   GtkFileFilter **filter,
                                   GError        **error)
{
  SaveChoice *choice;
  GFile *file;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == community_compat_save_file,
                        NULL);

  if (filter != NULL)
    *filter = NULL;

  choice = g_task_propagate_pointer (G_TASK (result), error);
  if (choice == NULL)
    return NULL;

  file = g_steal_pointer (&choice->file);
  if (filter != NULL)
    *filter = g_steal_pointer (&choice->filter);
  save_choice_free (choice);

  return file;
}
