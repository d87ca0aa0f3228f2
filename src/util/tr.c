#include "util/tr.h"

#include <stddef.h>

static const char *(*util_tr_hook)(const char *);

void
util_set_tr(const char *(*hook)(const char *))
{
	util_tr_hook = hook;
}

const char *
util_tr(const char *msgid)
{
	if (util_tr_hook == NULL || msgid == NULL || *msgid == '\0')
		return msgid;
	return util_tr_hook(msgid);
}
