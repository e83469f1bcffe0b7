/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "community-links.h"
#include "community-page-markup.h"
#include "community-page-view.h"

#define CSS_RESOURCE RESOURCE_BASE "/community-page-view.css"

/* What is built before the first frame: the blocks that fill the window
 * the view is in, measured as they are built (see build_first_screen()).
 * Built past the fold, a block costs its layout and fonts and nothing
 * else; missing from the first frame, it would appear a moment later. */
#define HEADER_BAR_PX 46          /* the least the window shows above the page */
#define FALLBACK_WIDTH 720        /* the window's default size */
#define FALLBACK_HEIGHT 820

struct _CommunityPageView
{
  GtkWidget                     parent_instance;

  /* Owned. */
  CommunityPage                *page;
  GHashTable                   *sections;        /* anchor -> GtkWidget, borrowed */
  CommunityPageViewImageFunc    image_func;
  gpointer                      image_data;
  GDestroyNotify                image_destroy;
  CommunityPageViewSectionFunc  section_func;
  gpointer                      section_data;
  GDestroyNotify                section_destroy;

  /* Progressive building. */
  const CommunityNode          *next_block;      /* borrowed from the page */
  GtkBox                       *section_box;     /* the open section's content, borrowed */
  guint                         idle_id;
  gulong                        after_paint_id;
  GdkFrameClock                *frame_clock;     /* borrowed while connected */
  gboolean                      funcs_changed;   /* since the page was built */

  /* Keeping the section in view across a new page. */
  char                         *scroll_anchor;   /* the section in view, or NULL */
  int                           scroll_index;    /* its position, or -1 */
  double                        scroll_offset;   /* how far into it the view is */
  GdkFrameClock                *restore_clock;   /* owned while restoring */
  gulong                        restore_id;
};

G_DEFINE_FINAL_TYPE (CommunityPageView, community_page_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAGE,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How blocks inside "right" and "center" containers align. */
typedef struct
{
  float            xalign;
  GtkJustification justify;
  guint            list_depth;
} Style;

static const Style default_style = { 0.0f, GTK_JUSTIFY_LEFT, 0 };

static GtkWidget *build_block (CommunityPageView   *self,
                               const CommunityNode *node,
                               const Style         *style);

/* Blocks. */

static gboolean
activate_link_cb (GtkLabel   *label,
                  const char *uri,
                  gpointer    user_data)
{
  g_autofree char *text = NULL;

  /* The page's e-mail link goes through app.email like the menu item: a
   * localized subject, and the address copied when no mail app is set up. */
  if (g_ascii_strncasecmp (uri, "mailto:", strlen ("mailto:")) == 0
      && gtk_widget_activate_action (gtk_widget_get_ancestor (GTK_WIDGET (label),
                                                             COMMUNITY_TYPE_PAGE_VIEW),
                                     "app.email", NULL))
    return TRUE;

  if (!g_str_has_prefix (uri, "copy:"))
    /* The default handler opens what the policy allows; nothing else
     * ever reaches a label, but refuse it here too. */
    return !community_link_opens (uri);

  /* Through the view, not the label: a label keeps the action muxer it
   * got before it had a parent, and would not find the window's. */
  text = g_uri_unescape_string (uri + strlen ("copy:"), NULL);
  gtk_widget_activate_action (gtk_widget_get_ancestor (GTK_WIDGET (label),
                                                       COMMUNITY_TYPE_PAGE_VIEW),
                              "toast.copy", "s", text != NULL ? text : "");
  return TRUE;
}

static GtkWidget *
box_new (GtkOrientation orientation,
         int            spacing)
{
  return gtk_box_new (orientation, spacing);
}

/* A line of @start, at its natural width, and @fill, which takes the rest.
 * A grid, not a horizontal box: GTK 4.8's box searches for the height of
 * a wrapping child by laying its text out again at a dozen widths. */
static GtkWidget *
row_new (GtkWidget *start,
         GtkWidget *fill,
         int        spacing)
{
  GtkWidget *row = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (row), spacing);
  gtk_widget_set_hexpand (fill, TRUE);
  gtk_grid_attach (GTK_GRID (row), start, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (row), fill, 1, 0, 1, 1);
  return row;
}

static GtkWidget *
text_label_new (const char  *markup,
                const Style *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), style->xalign);
  gtk_label_set_justify (GTK_LABEL (label), style->justify);
  g_signal_connect (label, "activate-link", G_CALLBACK (activate_link_cb), NULL);
  return label;
}

static GtkWidget *
build_paragraph_label (const CommunityNode *node,
                       const Style         *style)
{
  g_autofree char *markup = community_page_markup_build (node);

  return text_label_new (markup, style);
}

static GtkWidget *
build_heading (const CommunityNode *node,
               const Style         *style)
{
  static const char * const classes[] = { "title-1", "title-2", "title-3", "title-4" };
  g_autofree char *markup = community_page_markup_build (node);
  GtkWidget *label;

  label = g_object_new (GTK_TYPE_LABEL,
                        "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                        "wrap", TRUE,
                        "wrap-mode", PANGO_WRAP_WORD_CHAR,
                        "xalign", style->xalign,
                        "justify", style->justify,
                        NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, node->level, -1);
  gtk_widget_add_css_class (label, classes[CLAMP (node->level, 1, 4) - 1]);
  gtk_widget_add_css_class (label, "community-heading");
  g_signal_connect (label, "activate-link", G_CALLBACK (activate_link_cb), NULL);
  return label;
}

/* An image alone in its paragraph: the hook's widget, or its alt text. */
static const CommunityNode *
lone_image (const CommunityNode *paragraph)
{
  const CommunityNode *child = paragraph->first_child;

  if (child == NULL || child->next != NULL || child->type != COMMUNITY_NODE_IMAGE)
    return NULL;
  return child;
}

static GtkWidget *
build_image (CommunityPageView   *self,
             const CommunityNode *image,
             const Style         *style)
{
  GtkWidget *widget = NULL;
  GtkWidget *box;
  GtkWidget *label;

  if (self->image_func != NULL)
    widget = self->image_func (self, image, self->image_data);
  if (widget != NULL)
    return widget;

  box = box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (box, "community-image");
  gtk_widget_add_css_class (box, "dim-label");
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("image-x-generic-symbolic"));
  label = gtk_label_new (image->text != NULL && *image->text != '\0' ? image->text : _("image"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), style->xalign);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_tooltip_text (box, image->url);
  return box;
}

static GtkWidget *
build_paragraph (CommunityPageView   *self,
                 const CommunityNode *node,
                 const Style         *style)
{
  const CommunityNode *image = lone_image (node);

  if (image != NULL)
    return build_image (self, image, style);
  return build_paragraph_label (node, style);
}

static void
append_blocks (CommunityPageView   *self,
               GtkBox              *box,
               const CommunityNode *first,
               const Style         *style)
{
  for (const CommunityNode *n = first; n != NULL; n = n->next)
    {
      GtkWidget *child = build_block (self, n, style);

      if (child != NULL)
        gtk_box_append (box, child);
    }
}

static GtkWidget *
blocks_box (CommunityPageView   *self,
            const CommunityNode *parent,
            int                  spacing,
            const Style         *style)
{
  GtkWidget *box = box_new (GTK_ORIENTATION_VERTICAL, spacing);

  append_blocks (self, GTK_BOX (box), parent->first_child, style);
  return box;
}

static char *
list_marker (const CommunityNode *list,
             guint                index,
             guint                depth)
{
  static const char * const bullets[] = { "•", "◦", "▪" };

  if (list->ordered)
    return g_strdup_printf ("%d.", list->start + (int) index);
  return g_strdup (bullets[depth % G_N_ELEMENTS (bullets)]);
}

static GtkWidget *
build_item (CommunityPageView   *self,
            const CommunityNode *list,
            const CommunityNode *item,
            guint                index,
            const Style         *style)
{
  g_autofree char *marker_text = list_marker (list, index, style->list_depth);
  GtkWidget *marker = gtk_label_new (marker_text);
  Style inner = *style;

  inner.list_depth++;
  gtk_widget_add_css_class (marker, "community-list-marker");
  gtk_label_set_xalign (GTK_LABEL (marker), 1.0f);
  gtk_widget_set_valign (marker, GTK_ALIGN_START);
  return row_new (marker, blocks_box (self, item, list->tight ? 4 : 8, &inner), 6);
}

static GtkWidget *
build_list (CommunityPageView   *self,
            const CommunityNode *node,
            const Style         *style)
{
  GtkWidget *box = box_new (GTK_ORIENTATION_VERTICAL, node->tight ? 4 : 8);
  guint index = 0;

  gtk_widget_add_css_class (box, "community-list");
  for (const CommunityNode *item = node->first_child; item; item = item->next)
    gtk_box_append (GTK_BOX (box), build_item (self, node, item, index++, style));
  return box;
}

static GtkWidget *
build_block_quote (CommunityPageView   *self,
                   const CommunityNode *node,
                   const Style         *style)
{
  GtkWidget *box = blocks_box (self, node, 8, style);

  gtk_widget_add_css_class (box, "community-blockquote");
  return box;
}

static GtkWidget *
build_code_block (const CommunityNode *node)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *label = gtk_label_new (node->text);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "monospace");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_add_css_class (scrolled, "community-code");
  return scrolled;
}

/* Containers. */

static gboolean
is_callout (const char *type)
{
  return g_str_equal (type, "note") || g_str_equal (type, "tip")
         || g_str_equal (type, "warning") || g_str_equal (type, "danger")
         || g_str_equal (type, "theorem");
}

static const char *
callout_icon (const char *type)
{
  if (g_str_equal (type, "warning"))
    return "dialog-warning-symbolic";
  if (g_str_equal (type, "danger"))
    return "dialog-error-symbolic";
  return "dialog-information-symbolic";
}

static GtkWidget *
callout_title (const CommunityNode *node)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (callout_icon (node->info));
  GtkWidget *label = gtk_label_new (node->title);
  GtkWidget *row = row_new (icon, label, 6);

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, node->info, -1);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (row, "community-callout-title");
  return row;
}

static GtkWidget *
build_callout (CommunityPageView   *self,
               const CommunityNode *node,
               const Style         *style)
{
  g_autofree char *type_class = g_strdup_printf ("community-callout-%s", node->info);
  GtkWidget *box = box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_widget_add_css_class (box, "community-callout");
  gtk_widget_add_css_class (box, type_class);
  if (node->title != NULL && *node->title != '\0')
    gtk_box_append (GTK_BOX (box), callout_title (node));
  append_blocks (self, GTK_BOX (box), node->first_child, style);
  return box;
}

static GtkWidget *
build_details (CommunityPageView   *self,
               const CommunityNode *node,
               const Style         *style)
{
  GtkWidget *expander = gtk_expander_new (node->title);
  GtkWidget *content = blocks_box (self, node, 8, style);

  gtk_widget_set_margin_top (content, 8);
  gtk_expander_set_child (GTK_EXPANDER (expander), content);
  gtk_widget_add_css_class (expander, "community-callout");
  gtk_widget_add_css_class (expander, "community-callout-details");
  return expander;
}

/* "right" and "center" align their content; unknown types, "cardList"
 * and "cardImgList" show their content as it is. */
static GtkWidget *
build_aligned (CommunityPageView   *self,
               const CommunityNode *node,
               const Style         *style)
{
  Style inner = *style;
  GtkWidget *box;

  if (g_str_equal (node->info, "right"))
    {
      inner.xalign = 1.0f;
      inner.justify = GTK_JUSTIFY_RIGHT;
    }
  else if (g_str_equal (node->info, "center"))
    {
      inner.xalign = 0.5f;
      inner.justify = GTK_JUSTIFY_CENTER;
    }

  box = blocks_box (self, node, 12, &inner);
  gtk_widget_add_css_class (box, "community-container");
  return box;
}

static GtkWidget *
build_container (CommunityPageView   *self,
                 const CommunityNode *node,
                 const Style         *style)
{
  if (g_str_equal (node->info, "details"))
    return build_details (self, node, style);
  if (is_callout (node->info))
    return build_callout (self, node, style);
  return build_aligned (self, node, style);
}

static GtkWidget *
build_block (CommunityPageView   *self,
             const CommunityNode *node,
             const Style         *style)
{
  switch ((int) node->type)
    {
    case COMMUNITY_NODE_HEADING:
      return build_heading (node, style);
    case COMMUNITY_NODE_PARAGRAPH:
      return build_paragraph (self, node, style);
    case COMMUNITY_NODE_LIST:
      return build_list (self, node, style);
    case COMMUNITY_NODE_BLOCK_QUOTE:
      return build_block_quote (self, node, style);
    case COMMUNITY_NODE_THEMATIC_BREAK:
      return gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
    case COMMUNITY_NODE_CODE_BLOCK:
      return build_code_block (node);
    case COMMUNITY_NODE_CONTAINER:
      return build_container (self, node, style);
    default:
      return NULL;
    }
}

/* Sections and progressive building. Top-level blocks are built one by
 * one. A "##" heading opens a section: its content box (which the section
 * hook may wrap in a card) gets the section's blocks as they are built, so
 * the first screen does not wait for the part of a long section below it. */

static gboolean
starts_section (const CommunityNode *node)
{
  return node->type == COMMUNITY_NODE_HEADING && node->level == 2;
}

static const CommunityPageSection *
section_for (CommunityPageView   *self,
             const CommunityNode *heading)
{
  GPtrArray *sections = community_page_get_sections (self->page);

  for (guint i = 0; i < sections->len; i++)
    {
      const CommunityPageSection *section = g_ptr_array_index (sections, i);

      if (section->node == heading)
        return section;
    }
  return NULL;
}

static GtkWidget *
open_section (CommunityPageView   *self,
              const CommunityNode *heading)
{
  const CommunityPageSection *section = section_for (self, heading);
  GtkWidget *content = box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *widget = content;

  gtk_widget_add_css_class (content, "community-section");
  gtk_box_append (GTK_BOX (content), build_heading (heading, &default_style));
  self->section_box = GTK_BOX (content);

  if (self->section_func != NULL && section != NULL)
    widget = self->section_func (self, section, content, self->section_data);
  if (section != NULL && widget != NULL)
    g_hash_table_insert (self->sections, g_strdup (section->anchor), widget);
  return widget;
}

/* The window's size, or the default one before the view is in a window. */
static void
get_window_size (CommunityPageView *self,
                 int               *width,
                 int               *height)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  *width = *height = 0;
  if (GTK_IS_WINDOW (root))
    gtk_window_get_default_size (GTK_WINDOW (root), width, height);
  if (*width <= 0)
    *width = FALLBACK_WIDTH;
  if (*height <= 0)
    *height = FALLBACK_HEIGHT;
}

/* Builds the next top-level block, into the open section if there is
 * one. */
static const CommunityNode *
build_next_unit (CommunityPageView *self)
{
  const CommunityNode *block = self->next_block;
  gboolean opens_section = starts_section (block);
  GtkWidget *widget;

  self->next_block = block->next;
  widget = opens_section ? open_section (self, block)
                         : build_block (self, block, &default_style);
  if (widget != NULL && self->section_box != NULL && !opens_section)
    gtk_box_append (self->section_box, widget);
  else if (widget != NULL)
    gtk_widget_set_parent (widget, GTK_WIDGET (self));

  return block;
}

static void
stop_building (CommunityPageView *self)
{
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->after_paint_id != 0)
    g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  self->frame_clock = NULL;
}

static void
set_complete (CommunityPageView *self)
{
  stop_building (self);
  self->next_block = NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

static gboolean
build_idle_cb (gpointer user_data)
{
  CommunityPageView *self = user_data;

  if (self->next_block != NULL)
    build_next_unit (self);
  if (self->next_block != NULL)
    return G_SOURCE_CONTINUE;

  self->idle_id = 0;
  set_complete (self);
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock     *frame_clock,
                CommunityPageView *self)
{
  g_clear_signal_handler (&self->after_paint_id, frame_clock);
  self->frame_clock = NULL;
  /* Low priority: input, layout and painting go first. */
  self->idle_id = g_idle_add_full (G_PRIORITY_LOW, build_idle_cb, self, NULL);
}

/* The rest waits for the first frame that shows the first screen. */
static void
schedule_rest (CommunityPageView *self)
{
  if (self->next_block == NULL)
    {
      set_complete (self);
      return;
    }
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->after_paint_id != 0
      || self->idle_id != 0)
    return;

  self->frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint",
                                           G_CALLBACK (after_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
clear_children (CommunityPageView *self)
{
  GtkWidget *child;

  self->section_box = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_hash_table_remove_all (self->sections);
}

/* What the first screen must fill: the scrolled window's content the
 * view is in, or the view itself. */
static GtkWidget *
get_scrolled_content (CommunityPageView *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = NULL;

  if (scrolled != NULL)
    content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  return content != NULL ? content : GTK_WIDGET (self);
}

static int
measure_height (GtkWidget *widget,
                int        width)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  return natural;
}

/* Builds blocks until they reach the bottom of the window, measured at the
 * window's size as GTK will lay them out: GTK keeps these measurements
 * for the first frame, and no block past the fold loads its fonts. */
static void
build_first_screen (CommunityPageView *self)
{
  GtkWidget *content = get_scrolled_content (self);
  int width, height;

  get_window_size (self, &width, &height);
  self->next_block = community_page_get_root (self->page)->first_child;
  while (self->next_block != NULL && measure_height (content, width) < height - HEADER_BAR_PX)
    build_next_unit (self);
  schedule_rest (self);
}

/* Keeping the section in view. Before a new page replaces the old one,
 * the view notes the section nearest above the top of the scrolled
 * window and how far into it the top is; once the new page is laid out
 * it scrolls there again, by anchor, or by position when the anchors
 * differ (the page's language changed). */

static GtkAdjustment *
get_vadjustment (CommunityPageView *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);

  return scrolled != NULL ? gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled))
                          : NULL;
}

static gboolean
section_top (CommunityPageView *self,
             GtkWidget         *section,
             double            *y)
{
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (section, get_scrolled_content (self), &bounds))
    return FALSE;

  *y = bounds.origin.y;
  return TRUE;
}

static void
remember_section_in_view (CommunityPageView *self,
                          GtkAdjustment     *adjustment)
{
  double top = gtk_adjustment_get_value (adjustment);
  GPtrArray *sections = community_page_get_sections (self->page);

  g_clear_pointer (&self->scroll_anchor, g_free);
  self->scroll_index = -1;
  self->scroll_offset = top;

  for (guint i = 0; i < sections->len; i++)
    {
      const CommunityPageSection *section = g_ptr_array_index (sections, i);
      GtkWidget *widget = community_page_view_get_section_widget (self, section->anchor);
      double y;

      if (widget == NULL || !section_top (self, widget, &y))
        continue;
      if (y > top + 0.5)
        break;

      g_free (self->scroll_anchor);
      self->scroll_anchor = g_strdup (section->anchor);
      self->scroll_index = i;
      self->scroll_offset = top - y;
    }
}

static GtkWidget *
find_section_in_view (CommunityPageView *self)
{
  GPtrArray *sections = community_page_get_sections (self->page);
  const CommunityPageSection *section;
  GtkWidget *widget = NULL;

  if (self->scroll_anchor != NULL)
    widget = community_page_view_get_section_widget (self, self->scroll_anchor);
  if (widget != NULL || self->scroll_index < 0 || (guint) self->scroll_index >= sections->len)
    return widget;

  section = g_ptr_array_index (sections, self->scroll_index);
  return community_page_view_get_section_widget (self, section->anchor);
}

static void
stop_restoring (CommunityPageView *self)
{
  /* An unrealized view's frame clock is disposed, its handlers gone. */
  if (self->restore_id != 0 && g_signal_handler_is_connected (self->restore_clock,
                                                              self->restore_id))
    g_signal_handler_disconnect (self->restore_clock, self->restore_id);
  self->restore_id = 0;
  g_clear_object (&self->restore_clock);
}

static void
restore_after_paint_cb (GdkFrameClock     *frame_clock,
                        CommunityPageView *self)
{
  GtkAdjustment *adjustment = get_vadjustment (self);
  GtkWidget *section = find_section_in_view (self);
  double y = 0;

  stop_restoring (self);
  if (adjustment == NULL)
    return;
  if (section != NULL && section_top (self, section, &y))
    gtk_adjustment_set_value (adjustment, y + self->scroll_offset);
  else if (self->scroll_anchor == NULL)
    gtk_adjustment_set_value (adjustment, self->scroll_offset);
}

/* The new page's sections have their place once it is laid out, after
 * the next frame. */
static void
restore_section_in_view (CommunityPageView *self)
{
  stop_restoring (self);
  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    return;

  if (self->scroll_anchor != NULL)
    community_page_view_build_all (self);
  self->restore_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->restore_id = g_signal_connect (self->restore_clock, "after-paint",
                                       G_CALLBACK (restore_after_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The widget. */

static void
ensure_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;
  loaded = TRUE;
  /* The app's resource holds the style sheet; a test without it simply
   * renders unstyled. */
  if (!g_resources_get_info (CSS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL))
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, CSS_RESOURCE);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
community_page_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (community_page_view_parent_class)->map (widget);

  schedule_rest (COMMUNITY_PAGE_VIEW (widget));
}

static void
community_page_view_unmap (GtkWidget *widget)
{
  /* The frame clock may go away; building resumes on the next map. */
  stop_building (COMMUNITY_PAGE_VIEW (widget));

  GTK_WIDGET_CLASS (community_page_view_parent_class)->unmap (widget);
}

static void
clear_funcs (CommunityPageView *self)
{
  if (self->image_destroy != NULL)
    self->image_destroy (self->image_data);
  if (self->section_destroy != NULL)
    self->section_destroy (self->section_data);
  self->image_func = NULL;
  self->image_destroy = NULL;
  self->section_func = NULL;
  self->section_destroy = NULL;
}

static void
community_page_view_dispose (GObject *object)
{
  CommunityPageView *self = COMMUNITY_PAGE_VIEW (object);

  stop_building (self);
  stop_restoring (self);
  self->next_block = NULL;
  clear_children (self);
  clear_funcs (self);
  g_clear_object (&self->page);
  g_clear_pointer (&self->scroll_anchor, g_free);

  G_OBJECT_CLASS (community_page_view_parent_class)->dispose (object);
}

static void
community_page_view_finalize (GObject *object)
{
  CommunityPageView *self = COMMUNITY_PAGE_VIEW (object);

  g_clear_pointer (&self->sections, g_hash_table_unref);

  G_OBJECT_CLASS (community_page_view_parent_class)->finalize (object);
}

static void
community_page_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CommunityPageView *self = COMMUNITY_PAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_object (value, self->page);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, community_page_view_get_complete (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_page_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CommunityPageView *self = COMMUNITY_PAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      community_page_view_set_page (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_page_view_class_init (CommunityPageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = community_page_view_dispose;
  object_class->finalize = community_page_view_finalize;
  object_class->get_property = community_page_view_get_property;
  object_class->set_property = community_page_view_set_property;
  widget_class->map = community_page_view_map;
  widget_class->unmap = community_page_view_unmap;

  properties[PROP_PAGE] =
    g_param_spec_object ("page", NULL, NULL, COMMUNITY_TYPE_PAGE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* TRUE once every block of the page is built. */
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "community-page-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
community_page_view_init (CommunityPageView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 18);
  self->sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->scroll_index = -1;
  ensure_css ();
}

GtkWidget *
community_page_view_new (void)
{
  return g_object_new (COMMUNITY_TYPE_PAGE_VIEW, NULL);
}

CommunityPage *
community_page_view_get_page (CommunityPageView *self)
{
  g_return_val_if_fail (COMMUNITY_IS_PAGE_VIEW (self), NULL);

  return self->page;
}

void
community_page_view_set_page (CommunityPageView *self,
                              CommunityPage     *page)
{
  GtkAdjustment *adjustment;
  gboolean keep_view;
  gboolean page_changed;

  g_return_if_fail (COMMUNITY_IS_PAGE_VIEW (self));
  g_return_if_fail (page == NULL || COMMUNITY_IS_PAGE (page));

  if (page == self->page && !self->funcs_changed)
    return;

  adjustment = get_vadjustment (self);
  keep_view = self->page != NULL && page != NULL && adjustment != NULL
              && gtk_widget_get_realized (GTK_WIDGET (self));
  if (keep_view)
    remember_section_in_view (self, adjustment);

  page_changed = g_set_object (&self->page, page);
  stop_building (self);
  self->next_block = NULL;
  self->funcs_changed = FALSE;
  clear_children (self);
  if (page != NULL)
    build_first_screen (self);
  if (keep_view)
    restore_section_in_view (self);

  if (page_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

void
community_page_view_scroll_to_top (CommunityPageView *self)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (COMMUNITY_IS_PAGE_VIEW (self));

  stop_restoring (self);
  adjustment = get_vadjustment (self);
  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, 0);
}

void
community_page_view_set_image_func (CommunityPageView          *self,
                                    CommunityPageViewImageFunc  func,
                                    gpointer                    user_data,
                                    GDestroyNotify              destroy)
{
  g_return_if_fail (COMMUNITY_IS_PAGE_VIEW (self));

  if (self->image_destroy != NULL)
    self->image_destroy (self->image_data);
  self->image_func = func;
  self->image_data = user_data;
  self->image_destroy = destroy;
  self->funcs_changed = TRUE;
}

void
community_page_view_set_section_func (CommunityPageView            *self,
                                      CommunityPageViewSectionFunc  func,
                                      gpointer                      user_data,
                                      GDestroyNotify                destroy)
{
  g_return_if_fail (COMMUNITY_IS_PAGE_VIEW (self));

  if (self->section_destroy != NULL)
    self->section_destroy (self->section_data);
  self->section_func = func;
  self->section_data = user_data;
  self->section_destroy = destroy;
  self->funcs_changed = TRUE;
}

void
community_page_view_build_all (CommunityPageView *self)
{
  g_return_if_fail (COMMUNITY_IS_PAGE_VIEW (self));

  if (self->next_block == NULL)
    return;
  while (self->next_block != NULL)
    build_next_unit (self);
  set_complete (self);
}

gboolean
community_page_view_get_complete (CommunityPageView *self)
{
  g_return_val_if_fail (COMMUNITY_IS_PAGE_VIEW (self), FALSE);

  return self->page != NULL && self->next_block == NULL;
}

GtkWidget *
community_page_view_get_section_widget (CommunityPageView *self,
                                        const char        *anchor)
{
  g_return_val_if_fail (COMMUNITY_IS_PAGE_VIEW (self), NULL);
  g_return_val_if_fail (anchor != NULL, NULL);

  return g_hash_table_lookup (self->sections, anchor);
}
