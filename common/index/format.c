/*
 * format.c - field names.  Not for: anything that touches bytes.
 */
#include "index/format.h"

#include <string.h>

static const char *const field_names[BYL_NFIELDS] = {
    "text", "title", "author", "name", "source", "id"};

const char *byl_field_name(int field)
{
    if (field == BYL_F_TAG)
        return "tag";
    if (field < 0 || field >= BYL_NFIELDS)
        return NULL;
    return field_names[field];
}

int byl_field_parse(const char *name, size_t len)
{
    for (int f = 0; f < BYL_NFIELDS; f++)
        if (strlen(field_names[f]) == len && memcmp(field_names[f], name, len) == 0)
            return f;
    if (len == 3 && memcmp(name, "tag", 3) == 0)
        return BYL_F_TAG;
    return -1;
}
