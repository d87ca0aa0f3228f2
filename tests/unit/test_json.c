/* util/json: the reader behind the iso-codes lists. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/json.h"

static void
test_document(void **state)
{
	const char *t = "{\"list\": [ {\"code\": \"SK\", \"name\": \"Slovensko\\u00e1\\ud83d\\ude00\","
	    " \"n\": -1.5e2, \"ok\": true, \"none\": null}, [], {} ], \"esc\": \"a\\\"b\\\\c\\n\"}";
	struct json *doc = json_parse(t, strlen(t), NULL);
	const struct json *list, *first;

	assert_non_null(doc);
	list = json_get(doc, "list");
	assert_non_null(list);
	assert_int_equal(list->type, JSON_ARRAY);
	assert_int_equal(list->n, 3);
	first = &list->items[0];
	assert_string_equal(json_get_str(first, "code"), "SK");
	assert_string_equal(json_get_str(first, "name"), "Slovensko\xC3\xA1\xF0\x9F\x98\x80");
	assert_true(json_get(first, "n")->num == -150.0);
	assert_true(json_get(first, "ok")->b);
	assert_int_equal(json_get(first, "none")->type, JSON_NULL);
	assert_null(json_get_str(first, "n"));
	assert_null(json_get(first, "missing"));
	assert_string_equal(json_get_str(doc, "esc"), "a\"b\\c\n");
	json_free(doc);
}

static void
test_error(const char *text, const char *want)
{
	char *err = NULL;

	assert_null(json_parse(text, strlen(text), &err));
	assert_non_null(err);
	assert_string_equal(err, want);
	free(err);
}

static void
test_errors_name_the_line(void **state)
{
	char deep[200];

	test_error("{\"a\": 1,\n \"b\": }", "line 2: unexpected character");
	test_error("[1, 2", "line 1: expected ',' or ']'");
	test_error("{\"a\" 1}", "line 1: expected ':'");
	test_error("\"abc", "line 1: unterminated string");
	test_error("\"a\\x\"", "line 1: bad escape in string");
	test_error("\"\\ud800\"", "line 1: lone surrogate in \\u escape");
	test_error("\"\xC3\"", "line 1: invalid UTF-8 in string");
	test_error("01", "line 1: text after the value");
	test_error("[1] x", "line 1: text after the value");
	test_error("", "line 1: unexpected end");
	memset(deep, '[', sizeof deep - 1);
	deep[sizeof deep - 1] = '\0';
	test_error(deep, "line 1: nested too deeply");
}

static void
test_prefixes_never_crash(void **state)
{
	const char *t = "{\"a\": [1, -2.5e+3, \"x\\u00e1\", true, false, null, {\"b\": []}]}";
	struct json *doc;
	char *err;
	size_t k;

	for (k = 0; k < strlen(t); k++) {
		err = NULL;
		doc = json_parse(t, k, &err);
		assert_null(doc);
		assert_non_null(err);
		free(err);
	}
	doc = json_parse(t, strlen(t), NULL);
	assert_non_null(doc);
	json_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document),
		cmocka_unit_test(test_errors_name_the_line),
		cmocka_unit_test(test_prefixes_never_crash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
