/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-qr-code.c: a QR code widget. */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "community-compat.h"
#include "community-qr-code.h"
#include "community-toaster.h"

/* Smallest and natural size, and the module size of copied and saved
 * PNG images. */
#define MIN_MODULE_PX 4
#define NATURAL_SIZE 200
#define EXPORT_MODULE_PX 8

struct _CommunityQrCode
{
  GtkWidget             parent_instance;

  /* Owned children */
  GtkWidget            *error_label;
  GtkWidget            *popover;

  /* Owned references */
  char                 *text;
  char                 *description;
  CommunityQrMatrix    *matrix;
  GError               *error;
  GdkTexture           *texture;
  GCancellable         *cancellable;

  /* A Save Image As dialog is open */
  gboolean              choosing;

  /* Device pixels per module of the cached texture */
  guint                 texture_module_px;
};

G_DEFINE_FINAL_TYPE (CommunityQrCode, community_qr_code, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The focus ring: the theme draws outlines only for its own widgets. */
static const char qr_code_css[] =
  "qrcode { outline: 0 solid transparent; outline-offset: 2px; }\n"
  "qrcode:focus:focus-visible { outline: 2px solid alpha(@accent_color, 0.5); }\n"
  "qrcode > label { margin: 12px; }\n";

static void
update_accessible (CommunityQrCode *self)
{
  const char *label = self->description;

  if (label == NULL || label[0] == '\0')
    /* Translators: the accessible name of a QR code without a description */
    label = _("QR code");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  if (self->error != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->error->message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
update_error_label (CommunityQrCode *self)
{
  g_autofree char *message = NULL;

  gtk_widget_set_visible (self->error_label, self->error != NULL);
  if (self->error == NULL)
    return;

  message = g_markup_printf_escaped ("<b>%s</b>\n%s", _("The QR code cannot be shown."),
                                     self->error->message);
  gtk_label_set_markup (GTK_LABEL (self->error_label), message);
}

/* Encodes the text; called only when the text changed. */
static void
update_matrix (CommunityQrCode *self)
{
  gboolean has_matrix;

  g_clear_pointer (&self->matrix, community_qr_matrix_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->texture);

  if (self->text != NULL)
    self->matrix = community_qr_encode (self->text, &self->error);

  has_matrix = self->matrix != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "qr.copy-image", has_matrix);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "qr.save-as", has_matrix);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "menu.popup", has_matrix);

  update_error_label (self);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static GdkTexture *
texture_for_module_px (CommunityQrMatrix *matrix,
                       guint              module_px)
{
  g_autoptr(GBytes) rgb = community_qr_matrix_to_rgb (matrix, module_px);
  int side = (int) (community_qr_matrix_get_width (matrix) * module_px);

  return gdk_memory_texture_new (side, side, GDK_MEMORY_R8G8B8, rgb, (gsize) side * 3);
}

/* The texture at module_px device pixels per module, built once per size
 * and scale. */
static GdkTexture *
ensure_texture (CommunityQrCode *self,
                guint            module_px)
{
  if (self->texture == NULL || self->texture_module_px != module_px)
    {
      g_clear_object (&self->texture);
      self->texture = texture_for_module_px (self->matrix, module_px);
      self->texture_module_px = module_px;
    }

  return self->texture;
}

static void
popup_menu_at (CommunityQrCode *self,
               double           x,
               double           y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  if (self->matrix == NULL)
    return;

  if (x < 0 || y < 0)
    {
      rect.x = gtk_widget_get_width (GTK_WIDGET (self)) / 2;
      rect.y = gtk_widget_get_height (GTK_WIDGET (self)) / 2;
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  CommunityQrCode *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu_at (self, x, y);
}

static void
long_press_cb (GtkGestureLongPress *gesture,
               double               x,
               double               y,
               CommunityQrCode     *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu_at (self, x, y);
}

/* The texture for the new scale is built on the next snapshot. */
static void
scale_factor_changed_cb (GtkWidget  *widget,
                         GParamSpec *pspec,
                         gpointer    user_data)
{
  gtk_widget_queue_draw (widget);
}

static void
menu_popup_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  popup_menu_at (COMMUNITY_QR_CODE (widget), -1, -1);
}

static void
copy_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CommunityQrCode *self = COMMUNITY_QR_CODE (widget);
  g_autoptr(GdkTexture) texture = community_qr_code_create_texture (self);

  if (texture == NULL)
    return;

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  /* Translators: shown in a toast after copying the QR code image */
  community_toaster_show (GTK_WIDGET (self), _("Copied to clipboard"));
}

static const char *
svg_filter_name (void)
{
  return _("SVG Image");
}

/* The chosen name's extension decides the format; without one, the
 * chosen filter does. */
static CommunityQrFormat
format_for_choice (GFile         *file,
                   GtkFileFilter *filter)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name != NULL ? name : "", -1);

  if (g_str_has_suffix (lower, ".svg"))
    return COMMUNITY_QR_FORMAT_SVG;
  if (g_str_has_suffix (lower, ".png"))
    return COMMUNITY_QR_FORMAT_PNG;
  if (filter != NULL && g_strcmp0 (gtk_file_filter_get_name (filter), svg_filter_name ()) == 0)
    return COMMUNITY_QR_FORMAT_SVG;

  return COMMUNITY_QR_FORMAT_PNG;
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CommunityQrCode *self = COMMUNITY_QR_CODE (object);
  g_autoptr(GError) error = NULL;

  if (!community_qr_code_save_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        community_compat_alert (GTK_WIDGET (self), _("Could Not Save the QR Code"),
                                error->message);
      return;
    }

  /* Translators: shown in a toast after saving the QR code image */
  community_toaster_show (GTK_WIDGET (self), _("QR code saved"));
}

static void
file_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CommunityQrCode *self = COMMUNITY_QR_CODE (object);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  self->choosing = FALSE;
  file = community_compat_save_file_finish (result, &filter, &error);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        community_compat_alert (GTK_WIDGET (self), _("Could Not Save the QR Code"),
                                error->message);
      return;
    }

  community_qr_code_save_async (self, file, format_for_choice (file, filter),
                                self->cancellable, save_done_cb, NULL);
}

static GtkFileFilter *
new_filter (const char *name,
            const char *suffix,
            const char *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_filter_add_mime_type (filter, mime_type);

  return filter;
}

/* PNG first: the format most programs paste and open. */
static GListModel *
new_filters (void)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) png = new_filter (_("PNG Image"), "png", "image/png");
  g_autoptr(GtkFileFilter) svg = new_filter (svg_filter_name (), "svg", "image/svg+xml");

  g_list_store_append (filters, png);
  g_list_store_append (filters, svg);

  return G_LIST_MODEL (filters);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CommunityQrCode *self = COMMUNITY_QR_CODE (widget);
  g_autoptr(GListModel) filters = NULL;

  if (self->matrix == NULL || self->choosing)
    return;

  self->choosing = TRUE;
  filters = new_filters ();
  community_compat_save_file (widget, _("Save QR Code"),
                              /* Translators: the suggested file name when saving a QR
                               * code; keep the .png extension */
                              _("qr-code.png"),
                              filters, self->cancellable, file_chosen_cb, NULL);
}

static GtkSizeRequestMode
community_qr_code_get_request_mode (GtkWidget *widget)
{
  CommunityQrCode *self = COMMUNITY_QR_CODE (widget);

  if (gtk_widget_get_visible (self->error_label))
    return gtk_widget_get_request_mode (self->error_label);

  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
community_qr_code_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  CommunityQrCode *self = COMMUNITY_QR_CODE (widget);
  guint n;

  *minimum = *natural = 0;

  /* The message wraps to the width it gets; its width does not depend on
   * the height, or a tall row would squeeze it into a narrow column. */
  if (gtk_widget_get_visible (self->error_label))
    {
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        for_size = -1;
      gtk_widget_measure (self->error_label, orientation, for_size,
                          minimum, natural, NULL, NULL);
      return;
    }

  if (self->matrix == NULL)
    return;

  /* A whole number of pixels per module: at least MIN_MODULE_PX, and about
   * NATURAL_SIZE pixels in all. */
  n = community_qr_matrix_get_width (self->matrix);
  *minimum = (int) (n * MIN_MODULE_PX);
  *natural = (int) (n * MAX (MIN_MODULE_PX, (NATURAL_SIZE + n - 1) / n));
}

static void
community_qr_code_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  CommunityQrCode *self = COMMUNITY_QR_CODE (widget);

  if (gtk_widget_should_layout (self->error_label))
    gtk_widget_allocate (self->error_label, width, height, baseline, NULL);

  gtk_popover_present (GTK_POPOVER (self->popover));
}

/* Logical pixels per module: the most that fits, kept small enough that
 * the texture stays within COMMUNITY_QR_MAX_MODULE_PX device pixels. */
static guint
module_px_for_size (CommunityQrCode *self,
                    int              scale)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  guint n = community_qr_matrix_get_width (self->matrix);
  guint px = (guint) MAX (MIN (width, height), 0) / n;

  return CLAMP (px, 1, (guint) MAX (COMMUNITY_QR_MAX_MODULE_PX / scale, 1));
}

static void
community_qr_code_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  CommunityQrCode *self = COMMUNITY_QR_CODE (widget);
  int scale, size, x, y;
  guint px;

  if (self->matrix == NULL)
    {
      GTK_WIDGET_CLASS (community_qr_code_parent_class)->snapshot (widget, snapshot);
      return;
    }

  /* The texture has exactly px * scale device pixels per module and is
   * drawn at whole logical pixels, so no module is ever filtered. It is
   * black on white whatever the style, quiet zone included. */
  scale = gtk_widget_get_scale_factor (widget);
  px = module_px_for_size (self, scale);
  size = (int) (community_qr_matrix_get_width (self->matrix) * px);
  x = (gtk_widget_get_width (widget) - size) / 2;
  y = (gtk_widget_get_height (widget) - size) / 2;

  gtk_snapshot_append_texture (snapshot, ensure_texture (self, px * (guint) scale),
                               &GRAPHENE_RECT_INIT (x, y, size, size));
}

static void
community_qr_code_dispose (GObject *object)
{
  CommunityQrCode *self = COMMUNITY_QR_CODE (object);

  /* Also closes a Save Image As dialog that is still open. */
  g_cancellable_cancel (self->cancellable);

  g_clear_pointer (&self->error_label, gtk_widget_unparent);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_object (&self->texture);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (community_qr_code_parent_class)->dispose (object);
}

static void
community_qr_code_finalize (GObject *object)
{
  CommunityQrCode *self = COMMUNITY_QR_CODE (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->matrix, community_qr_matrix_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (community_qr_code_parent_class)->finalize (object);
}

static void
community_qr_code_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CommunityQrCode *self = COMMUNITY_QR_CODE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_qr_code_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CommunityQrCode *self = COMMUNITY_QR_CODE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      community_qr_code_set_text (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      community_qr_code_set_description (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "qr.copy-image", NULL, copy_image_action);
  gtk_widget_class_install_action (widget_class, "qr.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "menu.popup", NULL, menu_popup_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "qr.copy-image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "menu.popup", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0,
                                       "menu.popup", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0,
                                       "menu.popup", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0,
                                       "menu.popup", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0,
                                       "menu.popup", NULL);
}

static void
community_qr_code_class_init (CommunityQrCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = community_qr_code_dispose;
  object_class->finalize = community_qr_code_finalize;
  object_class->get_property = community_qr_code_get_property;
  object_class->set_property = community_qr_code_set_property;

  widget_class->get_request_mode = community_qr_code_get_request_mode;
  widget_class->measure = community_qr_code_measure;
  widget_class->size_allocate = community_qr_code_size_allocate;
  widget_class->snapshot = community_qr_code_snapshot;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  install_actions (widget_class);

  gtk_widget_class_set_css_name (widget_class, "qrcode");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static GtkWidget *
new_popover (CommunityQrCode *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *popover;

  g_menu_append (menu, _("_Copy Image"), "qr.copy-image");
  g_menu_append (menu, _("_Save Image As…"), "qr.save-as");

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  gtk_widget_set_parent (popover, GTK_WIDGET (self));

  return popover;
}

static GtkWidget *
new_error_label (CommunityQrCode *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_set_visible (label, FALSE);
  gtk_widget_set_parent (label, GTK_WIDGET (self));

  return label;
}

static void
add_gestures (CommunityQrCode *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (long_press_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (long_press));
}

static void
community_qr_code_init (CommunityQrCode *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->cancellable = g_cancellable_new ();
  self->error_label = new_error_label (self);
  self->popover = new_popover (self);
  add_gestures (self);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_changed_cb), NULL);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_halign (widget, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  community_compat_add_css (gtk_widget_get_display (widget), "community-qr-code-css",
                            qr_code_css, GTK_STYLE_PROVIDER_PRIORITY_APPLICATION - 1);

  update_matrix (self);
}

GtkWidget *
community_qr_code_new (const char *text,
                       const char *description)
{
  return g_object_new (COMMUNITY_TYPE_QR_CODE,
                       "text", text,
                       "description", description,
                       NULL);
}

const char *
community_qr_code_get_text (CommunityQrCode *self)
{
  g_return_val_if_fail (COMMUNITY_IS_QR_CODE (self), NULL);

  return self->text;
}

void
community_qr_code_set_text (CommunityQrCode *self,
                            const char      *text)
{
  g_return_if_fail (COMMUNITY_IS_QR_CODE (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  update_matrix (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
community_qr_code_get_description (CommunityQrCode *self)
{
  g_return_val_if_fail (COMMUNITY_IS_QR_CODE (self), NULL);

  return self->description;
}

void
community_qr_code_set_description (CommunityQrCode *self,
                                   const char      *description)
{
  g_return_if_fail (COMMUNITY_IS_QR_CODE (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  update_accessible (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

CommunityQrMatrix *
community_qr_code_get_matrix (CommunityQrCode *self)
{
  g_return_val_if_fail (COMMUNITY_IS_QR_CODE (self), NULL);

  return self->matrix;
}

const GError *
community_qr_code_get_error (CommunityQrCode *self)
{
  g_return_val_if_fail (COMMUNITY_IS_QR_CODE (self), NULL);

  return self->error;
}

GdkTexture *
community_qr_code_create_texture (CommunityQrCode *self)
{
  g_return_val_if_fail (COMMUNITY_IS_QR_CODE (self), NULL);

  if (self->matrix == NULL)
    return NULL;

  return texture_for_module_px (self->matrix, EXPORT_MODULE_PX);
}

static GBytes *
export_bytes (CommunityQrCode    *self,
              CommunityQrFormat   format,
              GError            **error)
{
  char *svg;

  if (self->matrix == NULL)
    {
      g_set_error_literal (error, COMMUNITY_QR_ERROR, COMMUNITY_QR_ERROR_EMPTY,
                           self->error != NULL ? self->error->message
                                               : _("There is no text to put in the QR code."));
      return NULL;
    }

  if (format == COMMUNITY_QR_FORMAT_PNG)
    return community_qr_matrix_to_png (self->matrix, EXPORT_MODULE_PX, error);

  svg = community_qr_matrix_to_svg (self->matrix);
  return g_bytes_new_take (svg, strlen (svg));
}

static void
replace_contents_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
community_qr_code_save_async (CommunityQrCode     *self,
                              GFile               *file,
                              CommunityQrFormat    format,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (COMMUNITY_IS_QR_CODE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, community_qr_code_save_async);

  bytes = export_bytes (self, format, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, replace_contents_cb,
                                       g_steal_pointer (&task));
}

gboolean
community_qr_code_save_finish (CommunityQrCode  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (COMMUNITY_IS_QR_CODE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
