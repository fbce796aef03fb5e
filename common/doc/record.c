/*
 * record.c - what every format parser shares (_reader.h): assembling an
 * article from its fields (ids, the no-text rule) and the byte checks of
 * record text (UTF-8, binary, quoting for warnings).
 * Not for: reading input (input.c) or any one format.
 */
#include "doc/_reader.h"

#include <stdio.h>
#include <string.h>

#include "util/err.h"

/* ------------------------------------------------------- article assembly */

void byl_rd_begin(byl_reader *r)
{
    r->out.len = 0;
    memset(r->f, 0, sizeof r->f);
}

void byl_rd_field_open(byl_reader *r, int field)
{
    r->f[field].ptr = NULL;
    r->f[field].off = r->out.len;
    r->f[field].len = 0;
    r->f[field].set = 1;
}

void byl_rd_field_close(byl_reader *r, int field)
{
    byl_rd_field *f = &r->f[field];
    if (r->out.failed)
        return;
    while (r->out.len > f->off && byl_rd_is_space(r->out.data[r->out.len - 1]))
        r->out.len--;
    while (f->off < r->out.len && byl_rd_is_space(r->out.data[f->off]))
        f->off++;
    f->len = r->out.len - f->off;
    byl_buf_put_u8(&r->out, 0);
}

void byl_rd_put(byl_reader *r, int field, const char *s, size_t n)
{
    byl_rd_field_open(r, field);
    byl_buf_put(&r->out, s, n);
    byl_rd_field_close(r, field);
}

static const char *field_ptr(const byl_reader *r, int i, size_t *len)
{
    const byl_rd_field *f = &r->f[i];
    *len = f->len;
    if (f->ptr)
        return f->ptr;
    if (f->set && f->len)
        return (const char *)r->out.data + f->off;
    *len = 0;
    return "";
}

int byl_rd_emit(byl_reader *r, byl_article *a, int64_t date, uint64_t line, uint64_t off)
{
    if (r->f[BYL_RF_TITLE].len == 0 && r->f[BYL_RF_BODY].len == 0) {
        byl_rd_skip(r, BYL_SKIP_NOTEXT, line, off, "record has neither a title nor a body");
        return 0;
    }
    if (r->f[BYL_RF_ID].len == 0) {
        if (r->f[BYL_RF_URL].len) {
            r->f[BYL_RF_ID] = r->f[BYL_RF_URL];
        } else {
            char id[64];
            byl_rd_field_open(r, BYL_RF_ID);
            const char *name = r->id_name ? r->id_name : r->file;
            byl_buf_put(&r->out, name, strlen(name));
            int n = snprintf(id, sizeof id, ":%llu", (unsigned long long)line);
            byl_buf_put(&r->out, id, (size_t)n);
            byl_rd_field_close(r, BYL_RF_ID);
        }
    }
    if (r->out.failed) {
        r->out.failed = 0;
        r->done = 1;
        return byl_error_set(BYL_ENOMEM, "%s:%llu: out of memory", r->file,
                             (unsigned long long)line);
    }
    a->id = field_ptr(r, BYL_RF_ID, &a->id_len);
    a->title = field_ptr(r, BYL_RF_TITLE, &a->title_len);
    a->body = field_ptr(r, BYL_RF_BODY, &a->body_len);
    a->author = field_ptr(r, BYL_RF_AUTHOR, &a->author_len);
    a->source = field_ptr(r, BYL_RF_SOURCE, &a->source_len);
    a->url = field_ptr(r, BYL_RF_URL, &a->url_len);
    a->tags = field_ptr(r, BYL_RF_TAGS, &a->tags_len);
    a->date = date;
    a->file = r->file;
    a->line = line;
    r->records++;
    return 1;
}

/* ---------------------------------------------------------- byte checks */

void byl_rd_quote(char *out, size_t cap, const char *s, size_t n)
{
    size_t o = 0, show = n > 60 ? 60 : n;
    while (show < n && show > 0 && ((unsigned char)s[show] & 0xC0) == 0x80)
        show--; /* not in the middle of a character */
    if (cap < 8) {
        if (cap)
            out[0] = '\0';
        return;
    }
    out[o++] = '"';
    for (size_t i = 0; i < show && o + 5 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        out[o++] = c < 0x20 || c == 0x7F ? '?' : (char)c;
    }
    if (show < n && o + 5 < cap) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o++] = '"';
    out[o] = '\0';
}

size_t byl_rd_utf8_bad(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        /* ASCII runs are the common case: test eight bytes at a time. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned min;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            min = 0x10000;
        } else {
            return i;
        }
        if (i + need >= n) /* cut short by the end */
            return i;
        unsigned cp = c & (0x3F >> need);
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += need + 1;
    }
    return n;
}

int byl_rd_binary(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    if (memchr(s, 0, n))
        return 1;
    size_t ctrl = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = s[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' &&
             c != 0x1b) ||
            c == 0x7f)
            ctrl++;
    }
    return ctrl * 4 > n;
}
