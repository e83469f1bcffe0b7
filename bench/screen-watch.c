/* SPDX-License-Identifier: GPL-3.0-or-later */
/* screen-watch.c: screenshots of the X root window at a fixed interval, for
 * the check that nothing visible changes after the first content frame
 * (bench/check-late-changes.py).
 *
 * Usage: screen-watch INTERVAL_MS DURATION_MS WIDTH HEIGHT OUTDIR
 *
 * Captures the WIDTH x HEIGHT area at the root window's origin every
 * INTERVAL_MS until DURATION_MS have passed or SIGTERM comes, and prints a
 * line per capture:
 *
 *   capture <CLOCK_MONOTONIC µs at the request> <hash> <file>
 *
 * where <file> is OUTDIR/capture-N.ppm when the image differs from the
 * one before (written as a binary PPM), and "-" when it is the same. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>

static volatile sig_atomic_t stop;

static void
stop_cb (int signum)
{
  stop = 1;
}

static int64_t
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);

  return (int64_t) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* FNV-1a over the pixels, row by row (rows may be padded). */
static uint64_t
image_hash (XImage *image)
{
  uint64_t hash = 0xcbf29ce484222325u;

  for (int y = 0; y < image->height; y++)
    {
      const unsigned char *row = (const unsigned char *) image->data + (size_t) y * image->bytes_per_line;

      for (int x = 0; x < image->width * image->bits_per_pixel / 8; x++)
        hash = (hash ^ row[x]) * 0x100000001b3u;
    }

  return hash;
}

static int
write_ppm (XImage     *image,
           const char *path)
{
  FILE *file = fopen (path, "wb");

  if (file == NULL)
    return -1;

  fprintf (file, "P6\n%d %d\n255\n", image->width, image->height);
  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      {
        unsigned long pixel = XGetPixel (image, x, y);
        unsigned char rgb[3] = {
          (pixel & image->red_mask) >> 16,
          (pixel & image->green_mask) >> 8,
          pixel & image->blue_mask,
        };

        fwrite (rgb, 1, sizeof rgb, file);
      }

  return fclose (file);
}

int
main (int   argc,
      char *argv[])
{
  struct sigaction action = { .sa_handler = stop_cb };
  struct timespec next;
  uint64_t last_hash = 0;
  int64_t interval_us, end_us;
  unsigned int width, height;
  Display *display;
  int n_files = 0;

  if (argc != 6)
    {
      fprintf (stderr, "Usage: %s INTERVAL_MS DURATION_MS WIDTH HEIGHT OUTDIR\n", argv[0]);
      return 2;
    }

  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      fprintf (stderr, "%s: cannot open the display\n", argv[0]);
      return 1;
    }

  sigaction (SIGTERM, &action, NULL);
  interval_us = atoll (argv[1]) * 1000;
  end_us = now_us () + atoll (argv[2]) * 1000;
  width = (unsigned int) atoi (argv[3]);
  height = (unsigned int) atoi (argv[4]);
  clock_gettime (CLOCK_MONOTONIC, &next);

  while (!stop && now_us () < end_us)
    {
      int64_t taken = now_us ();
      XImage *image = XGetImage (display, DefaultRootWindow (display),
                                 0, 0, width, height, AllPlanes, ZPixmap);
      uint64_t hash;

      if (image == NULL)
        {
          fprintf (stderr, "%s: XGetImage failed\n", argv[0]);
          return 1;
        }

      hash = image_hash (image);
      if (n_files == 0 || hash != last_hash)
        {
          char path[4096];

          snprintf (path, sizeof path, "%s/capture-%d.ppm", argv[5], n_files++);
          if (write_ppm (image, path) != 0)
            {
              perror (path);
              return 1;
            }
          printf ("capture %lld %016llx %s\n", (long long) taken, (unsigned long long) hash, path);
        }
      else
        {
          printf ("capture %lld %016llx -\n", (long long) taken, (unsigned long long) hash);
        }
      fflush (stdout);
      last_hash = hash;
      XDestroyImage (image);

      next.tv_nsec += (long) (interval_us * 1000);
      while (next.tv_nsec >= 1000000000)
        {
          next.tv_nsec -= 1000000000;
          next.tv_sec++;
        }
      while (clock_nanosleep (CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR && !stop)
        ;
    }

  XCloseDisplay (display);

  return 0;
}
