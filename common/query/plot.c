/*
 * plot.c - draws a timeline with cairo (plot.h).
 *
 * Layout: the title across the top; a y axis on the left with 4 to 8 ticks
 * at round numbers (1, 2 or 5 times a power of ten); one bar per period
 * (articles, light), with the stories among them as a darker inner bar
 * when they were counted; period labels under the x axis, every n-th one
 * so that they never overlap; a legend; the interval and the undated count
 * below.
 *
 * Not for: counting.
 */
#include "query/plot.h"

#include <cairo.h>
#include <cairo-svg.h>
#include <dlfcn.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/err.h"
#include "util/mem.h"

/* A round step for about 5 ticks up to max. */
static double tick_step(double max)
{
    if (max < 1)
        max = 1;
    double raw = max / 5, p = pow(10, floor(log10(raw))), m = raw / p;
    double step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    return step < 1 ? 1 : step;
}

/* cairo (and fontconfig, which it draws text with) are loaded when the
 * first image is drawn, not linked: their twenty-odd libraries cost every
 * process that links them some 160 page faults, about 10 ms, at start-up,
 * and only --plot uses them.  The functions keep cairo's own types and
 * names (cx.cairo_paint(cr)); __typeof__ takes each type from cairo.h. */
#define CAIRO_FNS(X) \
    X(cairo_create) \
    X(cairo_debug_reset_static_data) \
    X(cairo_destroy) \
    X(cairo_fill) \
    X(cairo_image_surface_create) \
    X(cairo_line_to) \
    X(cairo_move_to) \
    X(cairo_paint) \
    X(cairo_rectangle) \
    X(cairo_restore) \
    X(cairo_rotate) \
    X(cairo_save) \
    X(cairo_select_font_face) \
    X(cairo_set_font_size) \
    X(cairo_set_line_width) \
    X(cairo_set_source_rgb) \
    X(cairo_show_text) \
    X(cairo_status) \
    X(cairo_status_to_string) \
    X(cairo_stroke) \
    X(cairo_surface_destroy) \
    X(cairo_surface_finish) \
    X(cairo_surface_status) \
    X(cairo_surface_write_to_png) \
    X(cairo_svg_surface_create_for_stream) \
    X(cairo_text_extents) \
    X(cairo_translate) \
    X(FcFini)

static struct {
#define DECLARE(f) __typeof__(f) *f;
    CAIRO_FNS(DECLARE)
#undef DECLARE
    int loaded;
} cx;

static int load_cairo(void)
{
    if (cx.loaded)
        return BYL_OK;
    void *lib = dlopen("libcairo.so.2", RTLD_NOW | RTLD_LOCAL);
    void *fc = lib ? dlopen("libfontconfig.so.1", RTLD_NOW | RTLD_LOCAL) : NULL;
    if (!lib || !fc)
        return byl_error_set(BYL_EINVAL, "drawing an image needs the cairo library, which is not "
                             "installed here (%s); on Debian: apt-get install libcairo2",
                             dlerror());
#define LOAD(f)                                                          \
    if (!(*(void **)&cx.f = dlsym(strncmp(#f, "Fc", 2) ? lib : fc, #f))) \
        return byl_error_set(BYL_EINVAL, "the cairo library here has no %s", #f);
    CAIRO_FNS(LOAD)
#undef LOAD
    cx.loaded = 1;
    return BYL_OK;
}

static void text_at(cairo_t *cr, const char *s, double x, double y, double align_x)
{
    cairo_text_extents_t e;
    cx.cairo_text_extents(cr, s, &e);
    cx.cairo_move_to(cr, x - align_x * (e.width + e.x_bearing), y);
    cx.cairo_show_text(cr, s);
}

static void draw(cairo_t *cr, const byl_timeline *t, const char *title, int w, int h)
{
    size_t n;
    const byl_period *p = byl_timeline_periods(t, &n);
    int stories = byl_timeline_stories(t) > 0;
    uint64_t max = 0;
    for (size_t i = 0; i < n; i++)
        if (p[i].articles > max)
            max = p[i].articles;
    double step = tick_step((double)max), top = ceil((double)max / step) * step;
    if (top < step)
        top = step;

    cx.cairo_set_source_rgb(cr, 1, 1, 1);
    cx.cairo_paint(cr);
    cx.cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cx.cairo_set_font_size(cr, 16);
    cx.cairo_set_source_rgb(cr, 0, 0, 0);
    char buf[512];
    snprintf(buf, sizeof buf, "%s", title && *title ? title : "all articles");
    text_at(cr, buf, w / 2.0, 26, 0.5);

    cx.cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cx.cairo_set_font_size(cr, 11);
    /* plot area */
    char lab[32];
    snprintf(lab, sizeof lab, "%.0f", top);
    cairo_text_extents_t e;
    cx.cairo_text_extents(cr, lab, &e);
    double x0 = 30 + e.width + 10, x1 = w - 20, y0 = 50, y1 = h - 70;
    /* y axis: ticks, grid, label */
    for (double v = 0; v <= top + step / 2; v += step) {
        double y = y1 - (y1 - y0) * v / top;
        cx.cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        cx.cairo_move_to(cr, x0, y);
        cx.cairo_line_to(cr, x1, y);
        cx.cairo_stroke(cr);
        cx.cairo_set_source_rgb(cr, 0, 0, 0);
        snprintf(lab, sizeof lab, "%.0f", v);
        text_at(cr, lab, x0 - 6, y + 4, 1);
    }
    cx.cairo_save(cr);
    cx.cairo_translate(cr, 14, (y0 + y1) / 2);
    cx.cairo_rotate(cr, -M_PI / 2);
    text_at(cr, "articles", 0, 0, 0.5);
    cx.cairo_restore(cr);
    /* bars */
    double bw = n ? (x1 - x0) / (double)n : 0;
    for (size_t i = 0; i < n; i++) {
        if (!p[i].articles)
            continue;
        /* a period with articles is never drawn thinner or lower than a
         * pixel: over 9,999 years a year's bar is a tenth of a pixel wide,
         * and cairo would blend it away, leaving what looks like no match */
        double bh = fmax(1, (y1 - y0) * (double)p[i].articles / top);
        double gap = bw > 4 ? bw * 0.15 : 0;
        double bx = x0 + i * bw + gap / 2, bwid = fmax(1, bw - gap);
        cx.cairo_set_source_rgb(cr, 0.55, 0.70, 0.88);
        cx.cairo_rectangle(cr, fmin(bx, x1 - bwid), y1 - bh, bwid, bh);
        cx.cairo_fill(cr);
        if (stories && p[i].stories) {
            double sh = fmax(1, (y1 - y0) * (double)p[i].stories / top);
            double swid = bwid >= 2 ? bwid / 2 : bwid;
            cx.cairo_set_source_rgb(cr, 0.12, 0.32, 0.60);
            cx.cairo_rectangle(cr, fmin(bx + (bwid - swid) / 2, x1 - swid), y1 - sh, swid, sh);
            cx.cairo_fill(cr);
        }
    }
    /* axes */
    cx.cairo_set_source_rgb(cr, 0, 0, 0);
    cx.cairo_set_line_width(cr, 1);
    cx.cairo_move_to(cr, x0, y0);
    cx.cairo_line_to(cr, x0, y1);
    cx.cairo_line_to(cr, x1, y1);
    cx.cairo_stroke(cr);
    /* x labels, every k-th so they do not overlap */
    double lw = 0;
    for (size_t i = 0; i < n; i++) {
        cx.cairo_text_extents(cr, p[i].label, &e);
        if (e.width > lw)
            lw = e.width;
    }
    size_t every = bw > 0 ? (size_t)ceil((lw + 8) / bw) : 1;
    if (every < 1)
        every = 1;
    for (size_t i = 0; i < n; i += every) {
        double x = x0 + (i + 0.5) * bw;
        cx.cairo_move_to(cr, x, y1);
        cx.cairo_line_to(cr, x, y1 + 4);
        cx.cairo_stroke(cr);
        text_at(cr, p[i].label, x, y1 + 17, 0.5);
    }
    snprintf(buf, sizeof buf, "%s (UTC%s); %llu articles, %llu undated (not drawn)",
             byl_interval_name(byl_timeline_interval(t)),
             byl_timeline_interval(t) == BYL_IV_WEEK ? ", ISO weeks" : "",
             (unsigned long long)byl_timeline_total(t),
             (unsigned long long)byl_timeline_undated(t));
    text_at(cr, buf, (x0 + x1) / 2, y1 + 38, 0.5);
    /* legend */
    cx.cairo_set_source_rgb(cr, 0.55, 0.70, 0.88);
    cx.cairo_rectangle(cr, x0, h - 20, 10, 10);
    cx.cairo_fill(cr);
    cx.cairo_set_source_rgb(cr, 0, 0, 0);
    text_at(cr, "articles", x0 + 14, h - 11, 0);
    if (stories) {
        cx.cairo_set_source_rgb(cr, 0.12, 0.32, 0.60);
        cx.cairo_rectangle(cr, x0 + 90, h - 20, 10, 10);
        cx.cairo_fill(cr);
        cx.cairo_set_source_rgb(cr, 0, 0, 0);
        text_at(cr, "stories (near-duplicates once)", x0 + 104, h - 11, 0);
    }
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
    byl_buf *b = closure;
    byl_buf_put(b, data, len);
    return b->failed ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

/* s with XML's special characters escaped, into b. */
static void put_xml(byl_buf *b, const char *s)
{
    for (; *s; s++) {
        const char *e = *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : *s == '&' ? "&amp;"
                      : *s == '"' ? "&quot;" : NULL;
        if (e)
            byl_buf_put(b, e, strlen(e));
        else if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
            byl_buf_put(b, " ", 1); /* not allowed in XML 1.0 */
        else
            byl_buf_put(b, s, 1);
    }
}

/* Cairo draws SVG text as glyph outlines; the words go in as <title> (the
 * query) and <desc> (axes, periods, totals) after the <svg> tag, so that
 * the chart can be found and read as text (screen readers, grep, tests). */
static int write_svg(const byl_buf *svg, const byl_timeline *t, const char *title,
                     const char *path)
{
    const char *s = (const char *)svg->data, *end = s + svg->len;
    const char *tag = svg->len ? memmem(s, svg->len, "<svg", 4) : NULL;
    const char *gt = tag ? memchr(tag, '>', (size_t)(end - tag)) : NULL;
    if (!gt)
        return byl_error_set(BYL_EIO, "cannot write the image %s: cairo wrote no <svg>", path);
    byl_buf b;
    byl_buf_init(&b);
    byl_buf_put(&b, s, (size_t)(gt + 1 - s));
    byl_buf_put(&b, "\n<title>", 8);
    put_xml(&b, title && *title ? title : "all articles");
    byl_buf_put(&b, "</title>\n<desc>", 15);
    size_t n;
    const byl_period *p = byl_timeline_periods(t, &n);
    char line[256];
    snprintf(line, sizeof line,
             "y axis: articles; x axis: %s (UTC%s); %llu articles, %llu undated; periods:",
             byl_interval_name(byl_timeline_interval(t)),
             byl_timeline_interval(t) == BYL_IV_WEEK ? ", ISO weeks" : "",
             (unsigned long long)byl_timeline_total(t),
             (unsigned long long)byl_timeline_undated(t));
    put_xml(&b, line);
    for (size_t i = 0; i < n; i++) {
        snprintf(line, sizeof line, " %s %llu", p[i].label, (unsigned long long)p[i].articles);
        put_xml(&b, line);
    }
    byl_buf_put(&b, "</desc>", 7);
    byl_buf_put(&b, gt + 1, (size_t)(end - gt - 1));
    int rc = b.failed ? byl_error_set(BYL_ENOMEM, "out of memory writing %s", path) : BYL_OK;
    FILE *f = rc ? NULL : fopen(path, "wb");
    if (!rc && !f)
        rc = byl_error_set(BYL_EIO, "cannot write the image %s: %s", path, strerror(errno));
    if (f) {
        size_t w = fwrite(b.data, 1, b.len, f);
        if ((fclose(f) != 0 || w != b.len) && !rc)
            rc = byl_error_set(BYL_EIO, "cannot write the image %s: %s", path,
                               strerror(errno ? errno : EIO));
    }
    byl_buf_reset(&b);
    return rc;
}

int byl_plot_timeline(const byl_timeline *t, const char *title, const char *path, int width,
                      int height)
{
    int w = width ? width : BYL_PLOT_WIDTH, h = height ? height : BYL_PLOT_HEIGHT;
    size_t len = strlen(path);
    int svg = len > 4 && strcasecmp(path + len - 4, ".svg") == 0;
    int png = len > 4 && strcasecmp(path + len - 4, ".png") == 0;
    if (!svg && !png)
        return byl_error_set(BYL_EINVAL, "%s: the image must be a .svg or .png file", path);
    if (w < 100 || w > 10000 || h < 100 || h > 10000)
        return byl_error_set(BYL_EINVAL, "image size %dx%d out of 100..10000", w, h);
    int lrc = load_cairo();
    if (lrc)
        return lrc;
    byl_buf out;
    byl_buf_init(&out);
    cairo_surface_t *sf = svg ? cx.cairo_svg_surface_create_for_stream(to_buf, &out, w, h)
                              : cx.cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cx.cairo_create(sf);
    draw(cr, t, title, w, h);
    cairo_status_t st = cx.cairo_status(cr);
    cx.cairo_destroy(cr);
    if (st == CAIRO_STATUS_SUCCESS && png)
        st = cx.cairo_surface_write_to_png(sf, path);
    cx.cairo_surface_finish(sf);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cx.cairo_surface_status(sf);
    cx.cairo_surface_destroy(sf);
    /* Cairo's text opens fontconfig, which keeps its configuration (and
     * leaks a few hundred bytes LeakSanitizer and valgrind report) until
     * FcFini.  Plotting is the only use of fonts in Byline, so both are
     * let go after each image; the next one opens them again. */
    cx.cairo_debug_reset_static_data();
    cx.FcFini();
    int rc = st != CAIRO_STATUS_SUCCESS
                 ? byl_error_set(st == CAIRO_STATUS_NO_MEMORY ? BYL_ENOMEM : BYL_EIO,
                                 "cannot write the image %s: %s", path, cx.cairo_status_to_string(st))
             : svg ? write_svg(&out, t, title, path)
                   : BYL_OK;
    byl_buf_reset(&out);
    return rc;
}
