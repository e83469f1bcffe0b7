/* SPDX-License-Identifier: GPL-3.0-or-later */
/* community-page-cache.c: the saved page, its metadata and the decoded QR
 * payloads.
 *
 * The page's bytes and its metadata are two files, each replaced
 * atomically by g_file_set_contents(). A crash between the two leaves new
 * bytes with old metadata: the sha256 then disagrees, and the copy is
 * ignored rather than trusted. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "community-page.h"
#include "community-page-cache.h"

#define PAGE_GROUP "page"
#define NOTICES_GROUP "notices"
/* The largest metadata or payload file read: both are a few hundred
 * bytes when we write them. */
#define MAX_KEY_FILE_SIZE (64 * 1024)

G_DEFINE_QUARK (community-page-cache-error-quark, community_page_cache_error)

struct _CommunityPageCache
{
  GObject   parent_instance;

  /* Owned. */
  char     *dir;
  GKeyFile *payloads;  /* read on first use */
};

G_DEFINE_FINAL_TYPE (CommunityPageCache, community_page_cache, G_TYPE_OBJECT)

CommunityCachedPage *
community_cached_page_new (void)
{
  return g_new0 (CommunityCachedPage, 1);
}

static GDateTime *
date_time_ref0 (GDateTime *time)
{
  return time != NULL ? g_date_time_ref (time) : NULL;
}

CommunityCachedPage *
community_cached_page_copy (const CommunityCachedPage *page)
{
  CommunityCachedPage *copy = community_cached_page_new ();

  g_return_val_if_fail (page != NULL, NULL);

  copy->bytes = page->bytes != NULL ? g_bytes_ref (page->bytes) : NULL;
  copy->sha256 = g_strdup (page->sha256);
  copy->source = g_strdup (page->source);
  copy->url = g_strdup (page->url);
  copy->etag = g_strdup (page->etag);
  copy->last_modified = g_strdup (page->last_modified);
  copy->fetched_at = date_time_ref0 (page->fetched_at);
  copy->checked_at = date_time_ref0 (page->checked_at);
  return copy;
}

void
community_cached_page_free (CommunityCachedPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->bytes, g_bytes_unref);
  g_free (page->sha256);
  g_free (page->source);
  g_free (page->url);
  g_free (page->etag);
  g_free (page->last_modified);
  g_clear_pointer (&page->fetched_at, g_date_time_unref);
  g_clear_pointer (&page->checked_at, g_date_time_unref);
  g_free (page);
}

char *
community_page_cache_checksum (GBytes *bytes)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static char *
cache_path (CommunityPageCache *self,
            const char         *name)
{
  return g_build_filename (self->dir, name, NULL);
}

/* Metadata. */

static void
set_optional (GKeyFile   *keyfile,
              const char *key,
              const char *value)
{
  if (value != NULL)
    g_key_file_set_string (keyfile, PAGE_GROUP, key, value);
}

static void
set_time (GKeyFile   *keyfile,
          const char *key,
          GDateTime  *time)
{
  g_autofree char *text = NULL;

  if (time == NULL)
    return;
  text = g_date_time_format_iso8601 (time);
  g_key_file_set_string (keyfile, PAGE_GROUP, key, text);
}

static GDateTime *
get_time_in (GKeyFile   *keyfile,
             const char *group,
             const char *key)
{
  g_autofree char *text = g_key_file_get_string (keyfile, group, key, NULL);

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static GDateTime *
get_time (GKeyFile   *keyfile,
          const char *key)
{
  return get_time_in (keyfile, PAGE_GROUP, key);
}

static char *
metadata_to_data (CommunityCachedPage *page)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();

  g_key_file_set_string (keyfile, PAGE_GROUP, "sha256", page->sha256);
  g_key_file_set_uint64 (keyfile, PAGE_GROUP, "size", g_bytes_get_size (page->bytes));
  set_optional (keyfile, "source", page->source);
  set_optional (keyfile, "url", page->url);
  set_optional (keyfile, "etag", page->etag);
  set_optional (keyfile, "last-modified", page->last_modified);
  set_time (keyfile, "fetched-at", page->fetched_at);
  set_time (keyfile, "checked-at", page->checked_at);

  return g_key_file_to_data (keyfile, NULL, NULL);
}

/* A relative directory would be the working directory's: refused, so that
 * a run with HOME or XDG_CACHE_HOME empty never reads a page planted there. */
static gboolean
check_folder (CommunityPageCache  *self,
              GError             **error)
{
  if (g_path_is_absolute (self->dir))
    return TRUE;

  g_set_error (error, COMMUNITY_PAGE_CACHE_ERROR, COMMUNITY_PAGE_CACHE_ERROR_NO_FOLDER,
               /* Translators: %s is a folder name, such as ".cache/jpom-community" */
               _("The folder for the saved page, “%s”, is not an absolute path "
                 "(HOME or XDG_CACHE_HOME is not set as it should be); the page is not saved"),
               self->dir);
  return FALSE;
}

static gboolean
ensure_dir (CommunityPageCache  *self,
            GError             **error)
{
  int saved;

  if (!check_folder (self, error))
    return FALSE;
  if (g_mkdir_with_parents (self->dir, 0700) == 0)
    return TRUE;

  saved = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("Cannot create the folder “%s”: %s"), self->dir, g_strerror (saved));
  return FALSE;
}

/* The lock, held until the returned descriptor is closed; -1 with @error
 * set when it cannot be taken. */
static int
lock_cache (CommunityPageCache  *self,
            int                  operation,
            GError             **error)
{
  g_autofree char *path = cache_path (self, COMMUNITY_PAGE_CACHE_LOCK);
  int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  int saved;

  while (fd >= 0 && flock (fd, operation) != 0)
    if (errno != EINTR)
      {
        saved = errno;
        close (fd);
        errno = saved;
        fd = -1;
      }

  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: a file name, then why it cannot be used */
                   _("Cannot lock “%s”: %s"), path, g_strerror (saved));
    }
  return fd;
}

static gboolean
write_file (CommunityPageCache  *self,
            const char          *name,
            const char          *data,
            gssize               size,
            GError             **error)
{
  g_autofree char *path = cache_path (self, name);

  return g_file_set_contents (path, data, size, error);
}

/* The bytes (with @bytes_too) and the metadata, under the lock. */
static gboolean
store_locked (CommunityPageCache   *self,
              CommunityCachedPage  *page,
              gboolean              bytes_too,
              GError              **error)
{
  g_autofree char *metadata = metadata_to_data (page);
  gsize size = 0;
  const char *data = g_bytes_get_data (page->bytes, &size);
  gboolean stored;
  int lock;

  if (!ensure_dir (self, error) || (lock = lock_cache (self, LOCK_EX, error)) < 0)
    return FALSE;

  stored = (!bytes_too
            || write_file (self, COMMUNITY_PAGE_CACHE_PAGE, data != NULL ? data : "", size, error))
           && write_file (self, COMMUNITY_PAGE_CACHE_METADATA, metadata, -1, error);
  close (lock);
  return stored;
}

gboolean
community_page_cache_store_metadata (CommunityPageCache   *self,
                                     CommunityCachedPage  *page,
                                     GError              **error)
{
  g_return_val_if_fail (COMMUNITY_IS_PAGE_CACHE (self), FALSE);
  g_return_val_if_fail (page != NULL && page->bytes != NULL && page->sha256 != NULL, FALSE);

  return store_locked (self, page, FALSE, error);
}

gboolean
community_page_cache_store (CommunityPageCache   *self,
                            CommunityCachedPage  *page,
                            GError              **error)
{
  g_return_val_if_fail (COMMUNITY_IS_PAGE_CACHE (self), FALSE);
  g_return_val_if_fail (page != NULL && page->bytes != NULL && page->sha256 != NULL, FALSE);

  return store_locked (self, page, TRUE, error);
}

/* Loading. */

static gboolean
damaged (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, COMMUNITY_PAGE_CACHE_ERROR,
                       COMMUNITY_PAGE_CACHE_ERROR_DAMAGED, message);
  return FALSE;
}

/* A file of the cache, read whole when it is a regular file of at most
 * @max_size bytes: anything may have written the cache, and neither a
 * FIFO (which would block) nor a huge file (which would fill memory) is
 * read. NULL with G_IO_ERROR_NOT_FOUND when there is no such file, or
 * with another G_IO_ERROR when it cannot be read so. */
static GBytes *
read_cache_file (const char  *path,
                 gsize        max_size,
                 GError     **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  struct stat buf;
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  gboolean whole = FALSE;
  gsize size = 0;

  if (fd < 0)
    {
      int saved = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &buf) == 0 && S_ISREG (buf.st_mode) && (guint64) buf.st_size <= max_size)
    {
      /* One byte more than allowed tells a file that grew since fstat(). */
      g_byte_array_set_size (data, max_size + 1);
      while (size <= max_size)
        {
          gssize got = read (fd, data->data + size, max_size + 1 - size);

          if (got < 0 && errno == EINTR)
            continue;
          if (got <= 0)
            {
              whole = got == 0;
              break;
            }
          size += got;
        }
      g_byte_array_set_size (data, size);
    }
  close (fd);

  if (!whole)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "");
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* The page's bytes, refusing a file that has grown past any page we
 * would have saved. */
static GBytes *
read_page_bytes (const char  *path,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes = read_cache_file (path, COMMUNITY_PAGE_MAX_SIZE, &local_error);

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (bytes == NULL)
    damaged (error, _("The saved copy of the page cannot be read and was ignored"));
  return bytes;
}

/* A key file of the cache (the metadata, the payloads), at most
 * MAX_KEY_FILE_SIZE bytes. */
static gboolean
load_key_file (GKeyFile   *keyfile,
               const char *path)
{
  g_autoptr(GBytes) bytes = read_cache_file (path, MAX_KEY_FILE_SIZE, NULL);
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return bytes != NULL && g_key_file_load_from_data (keyfile, data != NULL ? data : "", size,
                                                     G_KEY_FILE_NONE, NULL);
}

static gboolean
read_metadata (CommunityCachedPage  *page,
               GKeyFile             *keyfile,
               GError              **error)
{
  guint64 size = g_key_file_get_uint64 (keyfile, PAGE_GROUP, "size", NULL);
  g_autofree char *actual = community_page_cache_checksum (page->bytes);

  page->sha256 = g_key_file_get_string (keyfile, PAGE_GROUP, "sha256", NULL);
  page->source = g_key_file_get_string (keyfile, PAGE_GROUP, "source", NULL);
  page->url = g_key_file_get_string (keyfile, PAGE_GROUP, "url", NULL);
  page->etag = g_key_file_get_string (keyfile, PAGE_GROUP, "etag", NULL);
  page->last_modified = g_key_file_get_string (keyfile, PAGE_GROUP, "last-modified", NULL);
  page->fetched_at = get_time (keyfile, "fetched-at");
  page->checked_at = get_time (keyfile, "checked-at");

  if (page->sha256 == NULL || page->source == NULL)
    return damaged (error, _("The saved copy of the page has no valid description "
                             "and was ignored"));
  if (size != g_bytes_get_size (page->bytes) || g_ascii_strcasecmp (page->sha256, actual) != 0)
    return damaged (error, _("The saved copy of the page is damaged (its checksum does "
                             "not match) and was ignored"));

  return TRUE;
}

static CommunityCachedPage *
load_unlocked (CommunityPageCache  *self,
               GError             **error)
{
  g_autoptr(CommunityCachedPage) page = community_cached_page_new ();
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *page_path = NULL;
  g_autofree char *metadata_path = NULL;
  gboolean has_metadata;

  page_path = cache_path (self, COMMUNITY_PAGE_CACHE_PAGE);
  metadata_path = cache_path (self, COMMUNITY_PAGE_CACHE_METADATA);
  has_metadata = g_file_test (metadata_path, G_FILE_TEST_EXISTS);

  page->bytes = read_page_bytes (page_path, error);
  if (page->bytes == NULL)
    {
      if (has_metadata && error != NULL
          && g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_clear_error (error);
          damaged (error, _("The saved copy of the page is missing and was ignored"));
        }
      return NULL;
    }

  if (!load_key_file (keyfile, metadata_path))
    {
      damaged (error, _("The saved copy of the page has no valid description "
                        "and was ignored"));
      return NULL;
    }

  if (!read_metadata (page, keyfile, error))
    return NULL;

  return g_steal_pointer (&page);
}

CommunityCachedPage *
community_page_cache_load (CommunityPageCache  *self,
                           GError             **error)
{
  g_autoptr(CommunityCachedPage) page = NULL;
  int lock = -1;

  g_return_val_if_fail (COMMUNITY_IS_PAGE_CACHE (self), NULL);

  if (!check_folder (self, error))
    return NULL;
  /* Without the folder there is nothing to read, and nothing to lock. */
  if (g_file_test (self->dir, G_FILE_TEST_IS_DIR))
    lock = lock_cache (self, LOCK_SH, NULL);
  page = load_unlocked (self, error);
  if (lock >= 0)
    close (lock);

  return g_steal_pointer (&page);
}

/* Notices: the same scheme as the page, one file and its metadata. */

static char *
notices_metadata_to_data (GBytes    *bytes,
                          GDateTime *checked_at)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *sha256 = community_page_cache_checksum (bytes);
  g_autofree char *checked = checked_at != NULL ? g_date_time_format_iso8601 (checked_at) : NULL;

  g_key_file_set_string (keyfile, NOTICES_GROUP, "sha256", sha256);
  g_key_file_set_uint64 (keyfile, NOTICES_GROUP, "size", g_bytes_get_size (bytes));
  if (checked != NULL)
    g_key_file_set_string (keyfile, NOTICES_GROUP, "checked-at", checked);

  return g_key_file_to_data (keyfile, NULL, NULL);
}

gboolean
community_page_cache_store_notices (CommunityPageCache  *self,
                                    GBytes              *bytes,
                                    GDateTime           *checked_at,
                                    GError             **error)
{
  g_autofree char *metadata = NULL;
  gsize size = 0;
  const char *data;
  gboolean stored;
  int lock;

  g_return_val_if_fail (COMMUNITY_IS_PAGE_CACHE (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  metadata = notices_metadata_to_data (bytes, checked_at);
  data = g_bytes_get_data (bytes, &size);
  if (!ensure_dir (self, error) || (lock = lock_cache (self, LOCK_EX, error)) < 0)
    return FALSE;

  stored = write_file (self, COMMUNITY_PAGE_CACHE_NOTICES, data != NULL ? data : "", size, error)
           && write_file (self, COMMUNITY_PAGE_CACHE_NOTICES_METADATA, metadata, -1, error);
  close (lock);
  return stored;
}

/* The notices' bytes, when their metadata vouches for them. */
static GBytes *
load_notices_unlocked (CommunityPageCache  *self,
                       gsize                max_size,
                       GDateTime          **checked_at,
                       GError             **error)
{
  g_autofree char *path = cache_path (self, COMMUNITY_PAGE_CACHE_NOTICES);
  g_autofree char *metadata_path = cache_path (self, COMMUNITY_PAGE_CACHE_NOTICES_METADATA);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *actual = NULL;

  bytes = read_cache_file (path, max_size, &local_error);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (bytes == NULL || !load_key_file (keyfile, metadata_path))
    {
      damaged (error, _("The saved announcements cannot be read and were ignored"));
      return NULL;
    }

  sha256 = g_key_file_get_string (keyfile, NOTICES_GROUP, "sha256", NULL);
  actual = community_page_cache_checksum (bytes);
  if (g_key_file_get_uint64 (keyfile, NOTICES_GROUP, "size", NULL) != g_bytes_get_size (bytes)
      || sha256 == NULL || g_ascii_strcasecmp (sha256, actual) != 0)
    {
      damaged (error, _("The saved announcements are damaged (their checksum does not "
                        "match) and were ignored"));
      return NULL;
    }

  if (checked_at != NULL)
    *checked_at = get_time_in (keyfile, NOTICES_GROUP, "checked-at");
  return g_steal_pointer (&bytes);
}

GBytes *
community_page_cache_load_notices (CommunityPageCache  *self,
                                   gsize                max_size,
                                   GDateTime          **checked_at,
                                   GError             **error)
{
  GBytes *bytes;
  int lock = -1;

  g_return_val_if_fail (COMMUNITY_IS_PAGE_CACHE (self), NULL);

  if (checked_at != NULL)
    *checked_at = NULL;
  if (!check_folder (self, error))
    return NULL;
  if (g_file_test (self->dir, G_FILE_TEST_IS_DIR))
    lock = lock_cache (self, LOCK_SH, NULL);
  bytes = load_notices_unlocked (self, max_size, checked_at, error);
  if (lock >= 0)
    close (lock);

  return bytes;
}

/* QR payloads. Each image path is a group holding the sha256 of the image
 * it was decoded from and the payload. */

static GKeyFile *
payloads (CommunityPageCache *self)
{
  g_autofree char *path = NULL;

  if (self->payloads != NULL)
    return self->payloads;

  self->payloads = g_key_file_new ();
  path = cache_path (self, COMMUNITY_PAGE_CACHE_PAYLOADS);
  if (g_path_is_absolute (self->dir))
    load_key_file (self->payloads, path);
  return self->payloads;
}

/* GKeyFile group names may not hold brackets or control characters. */
static gboolean
is_group_name (const char *name)
{
  for (const char *p = name; *p != '\0'; p++)
    if (*p == '[' || *p == ']' || g_ascii_iscntrl (*p))
      return FALSE;

  return *name != '\0';
}

const char *
community_page_cache_lookup_payload (CommunityPageCache *self,
                                     const char         *image_path,
                                     const char         *image_sha256)
{
  GKeyFile *keyfile;
  g_autofree char *sha256 = NULL;
  g_autofree char *payload = NULL;

  g_return_val_if_fail (COMMUNITY_IS_PAGE_CACHE (self), NULL);
  g_return_val_if_fail (image_path != NULL, NULL);

  keyfile = payloads (self);
  if (!is_group_name (image_path) || !g_key_file_has_group (keyfile, image_path))
    return NULL;

  sha256 = g_key_file_get_string (keyfile, image_path, "sha256", NULL);
  payload = g_key_file_get_string (keyfile, image_path, "payload", NULL);
  if (payload == NULL
      || (image_sha256 != NULL && g_strcmp0 (sha256, image_sha256) != 0))
    return NULL;

  /* Interned: the key file may change under a caller's feet. */
  return g_intern_string (payload);
}

gboolean
community_page_cache_store_payload (CommunityPageCache  *self,
                                    const char          *image_path,
                                    const char          *image_sha256,
                                    const char          *payload,
                                    GError             **error)
{
  GKeyFile *keyfile;
  g_autofree char *data = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *decoded_at = g_date_time_format_iso8601 (now);
  gboolean stored;
  int lock;

  g_return_val_if_fail (COMMUNITY_IS_PAGE_CACHE (self), FALSE);
  g_return_val_if_fail (image_path != NULL && image_sha256 != NULL && payload != NULL, FALSE);

  if (!is_group_name (image_path))
    return TRUE;
  if (!ensure_dir (self, error))
    return FALSE;

  keyfile = payloads (self);
  g_key_file_remove_group (keyfile, image_path, NULL);
  g_key_file_set_string (keyfile, image_path, "sha256", image_sha256);
  g_key_file_set_string (keyfile, image_path, "payload", payload);
  g_key_file_set_string (keyfile, image_path, "decoded-at", decoded_at);
  data = g_key_file_to_data (keyfile, NULL, NULL);

  lock = lock_cache (self, LOCK_EX, error);
  if (lock < 0)
    return FALSE;
  stored = write_file (self, COMMUNITY_PAGE_CACHE_PAYLOADS, data, -1, error);
  close (lock);
  return stored;
}

/* The object. */

static void
community_page_cache_finalize (GObject *object)
{
  CommunityPageCache *self = (CommunityPageCache *)object;

  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->payloads, g_key_file_unref);

  G_OBJECT_CLASS (community_page_cache_parent_class)->finalize (object);
}

static void
community_page_cache_class_init (CommunityPageCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = community_page_cache_finalize;
}

static void
community_page_cache_init (CommunityPageCache *self)
{
}

const char *
community_page_cache_get_dir (CommunityPageCache *self)
{
  g_return_val_if_fail (COMMUNITY_IS_PAGE_CACHE (self), NULL);

  return self->dir;
}

CommunityPageCache *
community_page_cache_new (const char *dir)
{
  CommunityPageCache *self;

  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (COMMUNITY_TYPE_PAGE_CACHE, NULL);
  self->dir = g_strdup (dir);
  return self;
}
