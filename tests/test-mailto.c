/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-mailto.c: RFC 6068 mailto: URIs, built and read back. */

#include "config.h"

#include "community-mailto.h"

static void
assert_built (const char *address,
              const char *subject,
              const char *body,
              const char *expected)
{
  g_autofree char *uri = community_mailto_build (address, subject, body);

  g_assert_cmpstr (uri, ==, expected);
}

static void
test_address_only (void)
{
  assert_built ("bwcx_jzy@dromara.org", NULL, NULL, "mailto:bwcx_jzy@dromara.org");
  /* An empty subject or body is left out, not sent as "subject=". */
  assert_built ("bwcx_jzy@dromara.org", "", "", "mailto:bwcx_jzy@dromara.org");
}

static void
test_ascii_subject (void)
{
  /* Spaces are %20, never '+'; ':' is one of RFC 6068's some-delims. */
  assert_built ("bwcx_jzy@dromara.org", "Jpom community: contact lost", NULL,
                "mailto:bwcx_jzy@dromara.org?subject=Jpom%20community:%20contact%20lost");
}

static void
test_utf8_subject (void)
{
  /* Every UTF-8 byte is escaped, the full-width colon included. */
  assert_built ("bwcx_jzy@dromara.org", "Jpom 社群：联系方式失效", NULL,
                "mailto:bwcx_jzy@dromara.org?subject=Jpom%20"
                "%E7%A4%BE%E7%BE%A4%EF%BC%9A%E8%81%94%E7%B3%BB"
                "%E6%96%B9%E5%BC%8F%E5%A4%B1%E6%95%88");
}

static void
test_delimiters_in_subject (void)
{
  /* What would end the value, start another field, start a fragment or
   * read as an escape or a space is escaped. */
  assert_built ("a@example.org", "a?b&c=d#e%f+g/h [i]", NULL,
                "mailto:a@example.org?subject=a%3Fb%26c%3Dd%23e%25f%2Bg%2Fh%20%5Bi%5D");
  assert_built ("a@example.org", "(hi), it's me!", NULL,
                "mailto:a@example.org?subject=(hi),%20it's%20me!");
}

static void
test_delimiters_in_address (void)
{
  /* '+' would read as a space to form decoders, ',' would split the list,
   * '?' would start the header fields. */
  assert_built ("a+b@example.org", NULL, NULL, "mailto:a%2Bb@example.org");
  assert_built ("\"a,b\"@example.org", NULL, NULL, "mailto:%22a%2Cb%22@example.org");
  assert_built ("a?b@example.org", "x", NULL, "mailto:a%3Fb@example.org?subject=x");
  assert_built ("用户@例子.中国", NULL, NULL,
                "mailto:%E7%94%A8%E6%88%B7@%E4%BE%8B%E5%AD%90.%E4%B8%AD%E5%9B%BD");
}

static void
test_body (void)
{
  /* Line breaks in a body are CRLF, whatever the input had. */
  assert_built ("a@example.org", "Hi", "one\ntwo\r\nthree\rfour",
                "mailto:a@example.org?subject=Hi&body=one%0D%0Atwo%0D%0Athree%0D%0Afour");
  assert_built ("a@example.org", NULL, "x = 1 & y",
                "mailto:a@example.org?body=x%20%3D%201%20%26%20y");
}

static void
assert_parsed (const char *uri,
               const char *expected)
{
  g_autofree char *address = community_mailto_parse_address (uri);

  g_assert_cmpstr (address, ==, expected);
}

static void
test_parse (void)
{
  assert_parsed ("mailto:bwcx_jzy@dromara.org", "bwcx_jzy@dromara.org");
  assert_parsed ("MailTo:a%2Bb@example.org?subject=hi", "a+b@example.org");
  assert_parsed ("mailto:a@example.org,b@example.org", "a@example.org");
  assert_parsed ("mailto:%E7%94%A8%E6%88%B7@example.org", "用户@example.org");
  assert_parsed ("mailto: a@example.org ", "a@example.org");
}

static void
test_parse_refuses (void)
{
  assert_parsed ("https://jpom.top/", NULL);
  assert_parsed ("mailto:", NULL);
  assert_parsed ("mailto:?to=a@example.org", NULL);
  assert_parsed ("mailto:nobody", NULL);
  assert_parsed ("mailto:@example.org", NULL);
  assert_parsed ("mailto:a@", NULL);
  assert_parsed ("mailto:a%00b@example.org", NULL);
  assert_parsed ("mailto:a%0Ab@example.org", NULL);
  assert_parsed ("mailto:%FF@example.org", NULL);
  /* Encoded list syntax: one address must not become two, or a header. */
  assert_parsed ("mailto:a%2Cevil@example.org", NULL);
  assert_parsed ("mailto:a%2cevil@example.org", NULL);
  assert_parsed ("mailto:a%3Bevil@example.org", NULL);
  assert_parsed ("mailto:%3Cevil@example.org%3E", NULL);
  assert_parsed ("mailto:a%40b@example.org", NULL);
  assert_parsed ("mailto:a%20b@example.org", NULL);
  assert_parsed ("mailto:a%E2%80%AEb@example.org", NULL);
  assert_parsed ("mailto:a%C2%9Bb@example.org", NULL);
}

static void
test_round_trip (void)
{
  static const char *addresses[] = {
    "bwcx_jzy@dromara.org", "a+b@example.org", "a?b&c=d#e%f@example.org", "用户@例子.中国",
  };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autofree char *uri = community_mailto_build (addresses[i], "s", NULL);

      assert_parsed (uri, addresses[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/community/mailto/address-only", test_address_only);
  g_test_add_func ("/community/mailto/ascii-subject", test_ascii_subject);
  g_test_add_func ("/community/mailto/utf8-subject", test_utf8_subject);
  g_test_add_func ("/community/mailto/delimiters-in-subject", test_delimiters_in_subject);
  g_test_add_func ("/community/mailto/delimiters-in-address", test_delimiters_in_address);
  g_test_add_func ("/community/mailto/body", test_body);
  g_test_add_func ("/community/mailto/parse", test_parse);
  g_test_add_func ("/community/mailto/parse-refuses", test_parse_refuses);
  g_test_add_func ("/community/mailto/round-trip", test_round_trip);

  return g_test_run ();
}
