/*
 * plot.h - a timeline drawn as an image: bars of matching articles per
 * period (and the stories among them, when counted), with the query as the
 * title, a labelled y axis of counts and an x axis of periods.
 *
 * Drawn with cairo, as SVG (text stays text: titles and labels can be
 * searched and checked) or PNG, chosen by the file name's extension.
 *
 * Not for: counting (timeline.h).
 */
#ifndef BYL_PLOT_H
#define BYL_PLOT_H

#include "query/timeline.h"

/* Default size of the image in pixels (SVG: points). */
#define BYL_PLOT_WIDTH 960
#define BYL_PLOT_HEIGHT 480

/* Writes the timeline t (borrowed) to path, ending in ".svg" or ".png"
 * (any case), width x height (0: the default), with title (UTF-8; may be
 * NULL).  The undated articles are noted under the x axis.  BYL_OK;
 * BYL_EINVAL (another extension, or a size out of 100..10000); BYL_EIO (the
 * file cannot be written: message names it and cairo's reason). */
int byl_plot_timeline(const byl_timeline *t, const char *title, const char *path, int width,
                      int height);

#endif
