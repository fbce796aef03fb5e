/*
 * err.c - status code texts and the thread-local error message.
 * Not for: logging; nothing here writes to a stream.
 */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char msg_buf[1024];
static _Thread_local int msg_rc;

const char *byl_strerror(int rc)
{
    switch (rc) {
#define BYL_XX_(name, val, text) case val: return text;
        BYL_ERRNO_MAP(BYL_XX_)
#undef BYL_XX_
    }
    return "unknown error";
}

int byl_error_set(int rc, const char *fmt, ...)
{
    /* formatted aside first: a message may wrap the current one
     * (byl_error_set(rc, "%s ...", byl_error_msg())) */
    char tmp[sizeof msg_buf];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    memcpy(msg_buf, tmp, sizeof msg_buf);
    msg_rc = rc;
    return rc;
}

const char *byl_error_msg(void)
{
    if (msg_buf[0] == '\0')
        return byl_strerror(msg_rc);
    return msg_buf;
}

void byl_error_clear(void)
{
    msg_buf[0] = '\0';
    msg_rc = BYL_OK;
}
