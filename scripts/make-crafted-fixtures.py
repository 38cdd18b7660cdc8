#!/usr/bin/env python3
"""Write the crafted CSV fixtures into Fixtures/crafted/.

Usage (from the repository root):
    python3 scripts/make-crafted-fixtures.py [--out Fixtures/crafted] [--check]

Every fixture is spelled out below as exact bytes, because many of them hold bytes an editor would
silently change (CR and CRLF line endings, a BOM, tabs, no-break spaces, control characters, invalid
UTF-8, a missing final newline). The two larger files (distinct-limit.csv, mixed-large.csv) are
generated from a fixed seed with Python's `random.Random`, so a rerun writes byte-identical files.
With --check nothing is written: the script exits 1 when a file on disk differs from what it would
write. What each fixture is for is listed in Fixtures/README.md; hand-counted values are in
Fixtures/crafted/EXPECTED.md.
"""
import argparse
import os
import random
import sys

NBSP = b"\xc2\xa0"  # U+00A0 NO-BREAK SPACE in UTF-8

FIXTURES = {}


def fixture(name, data):
    assert name not in FIXTURES, name
    assert isinstance(data, bytes)
    FIXTURES[name] = data


def lines(*rows, ending=b"\n", final=True):
    """Join rows (str or bytes) with a line ending; add a final one unless final is False."""
    parts = [row.encode("utf-8") if isinstance(row, str) else row for row in rows]
    return ending.join(parts) + (ending if final else b"")


# --- nulls -------------------------------------------------------------------------------------------

fixture("nulls-default.csv", lines(
    "id,value,note",
    "1,NA,plain NA",
    '2,"NA",quoted NA',
    "3,,empty",
    '4,"",quoted empty',
    "5,   ,spaces only",
    "6,N/A,slash",
    "7,NULL,upper",
    "8,null,lower",
    "9,None,python",
    "10,nan,lower nan",
    "11,NaN,pandas NaN",
    "12,#N/A,excel",
    "13,<NA>,pandas NA",
    "14, NA ,padded NA",
    "15,\t,tab only",
    "16,na,lower-case na is not a token",
    "17,Null,title-case Null is not a token",
    "18,-,a dash is not a token",
    "19,42,a number",
))

# Run three ways: default tokens; --null-value ? --null-value missing; --null-value "".
fixture("nulls-custom.csv", lines(
    "id,score,comment",
    "1,10,ok",
    "2,?,question mark",
    "3,missing,word",
    "4,NA,pandas token",
    "5,,empty",
    "6,12,ok",
    "7, ? ,padded question mark",
    "8,missing,again",
    "9,NaN,pandas token",
))

# null_tokens by token (NA trimmed from " NA ", whitespace-only as ""), and NA shaped like the codes EU, AP.
fixture("null-tokens.csv", lines(
    "code,note",
    "EU,ok",
    " NA ,",
    "NA,N/A",
    'AP,"  "',
    "EU,null",
    "NA,",
    "SA,ok",
    "AF,late",
    "OC,ok",
    "AN,",
    "NA,ok",
))

fixture("all-null-column.csv", lines(
    "id,empty_col,na_col,value",
    "1,,NA,x",
    "2,,null,y",
    '3,"",N/A,z',
    "4,,<NA>,w",
))

# --- booleans ----------------------------------------------------------------------------------------

fixture("booleans-words.csv", lines(
    "id,active,flag,answer,mixed",
    "1,true,TRUE,Yes,true",
    "2,false,FALSE,No,TRUE",
    "3,true,TRUE,yes,True",
    "4,false,FALSE,No,false",
    "5,true,FALSE,YES,maybe",
))

fixture("booleans-letters.csv", lines(
    "id,tf,yn,sex,letters_and_words,upper_tf",
    "1,t,y,F,t,T",
    "2,f,n,M,yes,F",
    "3,T,Y,F,f,T",
    "4,f,n,M,x,F",
    "5,t,y,F,true,F",
))

# --- numbers -----------------------------------------------------------------------------------------

HUGE = "1" + "0" * 400  # far beyond double range (about 1.8e308)
fixture("integers.csv", lines(
    "id,small,signed,big,huge",
    "1,0,+5,9223372036854775807," + HUGE,
    "2,7,-3,9223372036854775808,-" + HUGE,
    "3,42,-0,-9223372036854775809,5",
    "4,100,+0,18446744073709551616,6",
    "5,12345,-12,1,7",
))

# Run twice: default (NaN and nan are null) and --null-value "" (then NaN is a non-null string).
fixture("decimals.csv", lines(
    "id,price,sci,frac,inf_col,with_nan,odd",
    "1,1.5,1e3,.5,inf,1.5,1.2.3",
    "2,2.25,1E-3,-.5,-Infinity,NaN,1e",
    "3,3.,2.5e+3,+.25,INF,2.5,0.5",
    "4,10,-4.5E2,0.125,1.0,3.5,01.5",
    "5,-0.75,1e400,.5e1,2.5,nan,1.0",
))

fixture("leading-zeros.csv", lines(
    "zip,account,amount,code_mixed,plain",
    "02134,0012345,01.5,007,1",
    "10001,1234567,2.5,7,2",
    "90210,0000001,3.5,42,3",
    "00501,7654321,4.0,0,0",
))

# --- dates and times ---------------------------------------------------------------------------------

fixture("dates-iso.csv", lines(
    "id,day",
    "1,2021-01-15",
    "2,2020-02-29",
    "3,2021-02-30",
    "4,2021-13-01",
    "5,0000-01-01",
    "6,9999-12-31",
    "7,0001-01-01",
    "8,2021-1-5",
    "9,2019-02-29",
    "10,2024-02-29",
    "11,2021-06-30",
))

fixture("dates-patterns.csv", lines(
    "iso,month_first,dotted,ymd_slash,day_first",
    "2021-11-04,11/4/2021,4.11.2021,2021/11/04,13/01/2021",
    "2021-01-02,1/2/2021,02.01.2021,2021/01/02,02/01/2021",
    "2021-12-31,12/31/2021,31.12.2021,2021/12/31,31/12/2021",
))

fixture("dates-slash-order.csv", lines(
    "id,month_first,day_first,impossible",
    "1,01/02/2021,01/02/2021,02/30/2021",
    "2,12/31/2021,25/12/2021,01/15/2021",
    "3,3/4/2021,3/4/2021,13/13/2021",
    "4,6/7/2021,12/31/2021,02/03/2021",
))

fixture("datetimes.csv", lines(
    "id,t_minutes,space_minutes,t_seconds,fraction,zulu,offset",
    "1,2021-11-04T09:30,2021-11-04 09:30,2021-11-04T09:30:15,2021-11-04T09:30:15.5,"
    "2021-11-04T09:30:00Z,2021-11-04T09:30:00+01:00",
    "2,2021-11-05T23:59,2021-11-05 00:00,2021-11-05T00:00:59,2021-11-05T00:00:00.123456,"
    "2021-11-05T23:59:59Z,2021-11-04T09:00:00-02:00",
    "3,2021-11-06T24:00,2021-11-06 10:15,2021-11-06T10:15:60,2021-11-06T10:15:00.0,"
    "2021-11-06t10:15:00z,2021-11-04T08:00:00+00:00",
))

fixture("times.csv", lines(
    "id,hh_mm,hh_mm_ss,fraction,bad",
    "1,09:30,09:30:00,09:30:00.5,9:30",
    "2,23:59,23:59:59,00:00:00.001,24:00",
    "3,00:00,12:00:00,12:34:56.789,12:60",
    "4,12:15,07:05:09,23:59:59.999999,12:30",
))

fixture("mixed-formats.csv", lines(
    "id,when,flag,stamp,clock",
    "1,2021-11-04,true,2021-11-04T09:30:00,09:30",
    "2,2021-11-05,true,2021-11-04 09:30:00,10:45",
    "3,11/6/2021,TRUE,2021-11-04T09:30,11:00:00",
    "4,2021-11-07,false,2021-11-04T09:30:00Z,12:15",
    "5,07.11.2021,yes,2021-11-04T09:30:00,13:00:00.5",
))

fixture("format-ties.csv", lines(
    "id,dt_separator,dt_fraction_vs_zone,bool_case",
    "1,2021-11-04 09:30,2021-11-04T09:30:00.5Z,TRUE",
    "2,2021-11-04T09:30,2021-11-04T09:30:00+01:00,true",
    "3,2021-11-05 10:00,2021-11-05T10:00:00.25Z,FALSE",
    "4,2021-11-05T10:00,2021-11-05T10:00:00-01:00,false",
))

# --- strings -----------------------------------------------------------------------------------------

fixture("case-variants.csv", lines(
    "id,city,status",
    "1,Paris,open",
    "2,paris,Open",
    "3,Paris,open",
    "4,PARIS,OPEN",
    "5,Berlin,Open",
    "6,berlin,open",
    "7,London,closed",
))

fixture("whitespace.csv", lines(
    b"id,name,qty",
    b"1, Alice,10",
    b"2,Bob ,20",
    b"3,\tCarol,30",
    b"4,Dave\t, 40",
    b"5," + NBSP + b"Eve,50" + NBSP,
    b"6,Frank Smith,60",
    b'7,"  Grace  ",70',
))

fixture("control-chars.csv", lines(
    b"id,text",
    b"1,hello",
    b"2,bell\x07here",
    b"3,del\x7fhere",
    b"4,vt\x0bhere",
    b'5,"tab\there"',
    b'6,"line\nbreak"',
    b"7,nul\x00byte",
    b"8,esc\x1b[0m",
    b"9,form\x0cfeed",
))

fixture("invalid-utf8.csv", lines(
    b"id,name",
    b"1,caf\xe9",              # Latin-1 e-acute: one invalid byte
    b"2,ok",
    b"3,\xe2\x82",             # a cut euro sign: one maximal subpart, one U+FFFD
    b"4,\xc0\xaf",             # overlong slash: two U+FFFD
    b"5,\xff\xfe",             # two U+FFFD
    b"6,\xf0\x9f\x98\x80",     # a valid emoji (one scalar)
    b"7,na\xefve",             # lone lead byte: one U+FFFD
))

# --- line structure ----------------------------------------------------------------------------------

fixture("blank-lines.csv",
        b'\nid,text\n1,a\n\n2,"multi\n\nline"\n\n\n3,c\n\n')

fixture("crlf.csv",
        b'id,note\r\n1,a\r\n\r\n2,"x\r\ny"\r\n3,c\r\n')

fixture("lone-cr.csv",
        b'id,note\r1,a\r\r2,b\r3,"c\rd"\r4,e\r')

fixture("mixed-endings.csv",
        b"a,b\n1,2\r\n3,4\r5,6\n\r\n7,8")   # no final line ending

fixture("ragged.csv", lines(
    "a,b,c",
    "1,2,3",
    "4,5",
    "6,7,8,9",
    "10,11,12",
    ",,",
    "13",
))

fixture("malformed-stray-quote.csv", lines(
    "id,name,qty",
    '1,ab"c,5',
    "2,ok,6",
    '3,"fine",7',
))

fixture("malformed-after-quote.csv", lines(
    "id,name,qty",
    '1,"ab"c,5',
    '2,"ok" ,6',
    "3,fine,7",
))

fixture("malformed-unterminated.csv", lines(
    "id,name",
    "1,ok",
    '2,"never closed',
    "3,more",
    "4,end",
))

fixture("malformed-header.csv", lines(
    'id,"na"me,qty',
    "1,a,2",
    "3,b,4",
))

fixture("duplicates.csv", lines(
    "id,name,city",
    "1,Ann,Oslo",
    "2,Bob,Rome",
    "1,Ann,Oslo",
    '"1",Ann,"Oslo"',
    "2,Bob,Rome,extra",
    "2,Bob,Rome,extra",
    "3,Cy,",
    '3,Cy,""',
    "3,Cy, ",
    '4,"Dee, Jr.",Paris',
    '4,"Dee, Jr.",Paris',
    "1,ann,Oslo",
    '5,"x"y,Lima',
    '5,"x"y,Lima',
    '6,"B""ob",Rome',
    '6,"B""ob",Rome',
    "id,name,city",
))

fixture("keys.csv", lines(
    "id,email,name",
    "1,a@x.org,Ann",
    "2,b@x.org,Bob",
    "3,a@x.org,Cy",
    "2,d@x.org,Dee",
    ",e@x.org,Eve",
    "4,,Fay",
    "5,A@x.org,Gus",
    "2,f@x.org,Hal",
))

fixture("no-header.csv", lines(
    "1,Ann,true",
    "2,Bob,false",
    "3,Cy,true",
    "3,Cy,true",
))

fixture("header-names.csv", lines(
    "id, ,name,id,,name,Name,\t",
    "1,a,b,2,c,d,e,f",
    "3,g,h,4,i,j,k,l",
))

fixture("bom.csv",
        b"\xef\xbb\xbfid;name;score\n1;Ann;3,5\n2;Bob;4\n3;Cy;4,5\n")

fixture("header-only-crlf.csv", b"id,name,qty\r\n\r\n\r\n")

# --- delimiters and quotes ---------------------------------------------------------------------------

fixture("delim-tab.csv", lines(
    "id\tname\tnote",
    "1\tAnn\tplain, with comma",
    '2\tBob\t"quoted\ttab"',
    "3\tCy\tx;y|z",
))

# Sniffed as ';' (every record has 3 ';' fields; ',' gives 1, 3, 2, 4 fields).
# Also run with --delimiter , to override the sniffer.
fixture("delim-semicolon.csv", lines(
    "id;price;label",
    "1;1,5;a, b",
    "2;2,25;c",
    "3;3;d, e, f",
))

fixture("delim-pipe.csv", lines(
    "id|city|note",
    "1|Oslo|a,b",
    "2|Rome|c;d",
    '3|"Pipe|Town"|e',
))

# '#' is not a sniffer candidate: sniffing falls back to ',' (one column); --delimiter '#' splits it.
fixture("delim-hash.csv", lines(
    "id#name#qty",
    "1#Ann#5",
    "2#Bob#6",
    "3#Cy#7",
))

# Run with --quote "'" and with the default quote.
fixture("quote-single.csv", lines(
    "id,name,note",
    "1,'O''Brien, Pat',\"double quotes are plain here\"",
    "2,'plain',x",
    "3,'a,b','y'",
))

# --- scores and grades -------------------------------------------------------------------------------

# 10 cells, one null: overall 9/10 = 0.9, exactly the C threshold by default; B under
# --grade-thresholds 0.95,0.9,0.85,0.5 (exactly at B). Column v: 4/5 = 0.8, exactly D.
fixture("grades.csv", lines(
    "id,v",
    "1,10",
    "2,20",
    "3,30",
    "4,40",
    "5,",
))


# --- generated ---------------------------------------------------------------------------------------

def distinct_limit():
    """300 rows; run with --exact-distinct-limit 5 (and with the default)."""
    rng = random.Random(5)
    colors = ["red", "Red", "blue", "green", "GREEN"]          # exactly 5 distinct: at the limit, exact
    cities = ["Oslo", "oslo", "Rome", "ROME", "Lima", "Kyiv", "Bern", "bern"]  # 8 distinct: over it
    rows = ["id,color,city,size"]
    for i in range(1, 301):
        rows.append(f"{i},{rng.choice(colors)},{rng.choice(cities)},{rng.choice([1, 2, 3])}")
    return lines(*rows)


def mixed_large():
    """400 rows of plausible orders data with a few seeded faults of each kind."""
    rng = random.Random(20240101)
    rows = ["order_id,order_date,amount,category,paid,zip,note"]
    categories = ["books", "games", "music", "Books", "tools"]
    for i in range(1, 401):
        date = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        amount = f"{rng.randint(1, 50000) / 100:.2f}"
        category = rng.choice(categories)
        paid = rng.choice(["true", "false"])
        zip_code = f"{rng.randint(0, 99999):05d}"
        note = rng.choice(["", "gift", "rush", "NA", "call first"])
        fault = rng.random()
        if fault < 0.03:
            amount = ""
        elif fault < 0.05:
            date = f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/2023"
        elif fault < 0.06:
            category = " " + category
        elif fault < 0.07:
            amount = "unknown"
        row = f"{i},{date},{amount},{category},{paid},{zip_code},{note}"
        if fault > 0.995:
            row += ",extra"
        rows.append(row)
        if 0.99 < fault <= 0.995:
            rows.append(row)  # an exact duplicate record
    return lines(*rows)


def csv_field(text):
    """A field quoted as Python's csv writer does it: only when it holds a comma, quote or line break."""
    if any(character in text for character in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def hostile():
    """Markup, Markdown and table syntax in the header and values: every report must show it as text."""
    header = ['<script>alert("h1")</script>', "\"><img src=x onerror=alert('h2')>", "</style><i>h3</i>", "note|pipe"]
    rows = [
        ['<script>alert("v1")</script>', "\"><img src=x onerror=alert('v2')>", "1",
         "a|b `tick` *star* _u_ [l](http://x) @someone #1"],
        ['</style><script>alert("v3")</script>', "</title><svg onload=alert('v4')>", "2", "line one\nline two"],
        ["&lt;b&gt;entity&lt;/b&gt;", "<!-- comment -->", "3", "<iframe src=javascript:alert('v5')>"],
        ['<script>alert("v1")</script>', "plain", "4", "x"],
    ]
    return lines(*(",".join(csv_field(field) for field in row) for row in [header] + rows))


fixture("datetimes-12-hour.csv", lines(
    "id,at,clock",
    "1,7/7/2014 12:00 AM,12:00 AM",
    "2,7/7/2014 12:00 PM,12:00 PM",
    "3,7/7/2014 9:05 am,9:05 am",
    "4,7/7/2014 11:59 PM,11:59 pm",
    "5,7/8/2014 1:00 AM,1:00 AM",
    "6,7/8/2014 13:00,7:05",
))

fixture("datetimes-slash-order.csv", lines(
    "id,month_first,day_first,not_a_date,mixed_dates",
    "1,1/2/2020 10:00,1/2/2020 10:00,1/2/2020 10:00,03/04/2020",
    "2,12/31/2020 23:00,13/01/2020 08:30,13/13/2020 10:00,13/04/2020 9:00",
    "3,3/4/2020 0:00,2/3/2020 0:00,12/31/2020 0:00,05/06/2020",
    "4,6/7/2020 10:00,12/31/2020 1:00,6/7/2020 10:00,07/08/2020",
))

fixture("c1-controls.csv", lines(
    b"id,note",
    b"1,plain",
    b"2,a\xc2\x85b",
    b"3,\xc2\x9f",
    b"4,no\xc2\xa0break",
    b"5,caf\xc3\xa9",
))

fixture("long-values.csv", lines(
    "id,text",
    "1," + "\u00e9" * 300,
    "2," + "\u00e9" * 300,
    "3,short",
))

fixture("distinct-limit.csv", distinct_limit())
fixture("hostile.csv", hostile())
fixture("mixed-large.csv", mixed_large())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join("Fixtures", "crafted"))
    parser.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    args = parser.parse_args()
    differing = []
    if not args.check:
        os.makedirs(args.out, exist_ok=True)
    for name, data in sorted(FIXTURES.items()):
        path = os.path.join(args.out, name)
        if args.check:
            try:
                with open(path, "rb") as handle:
                    if handle.read() != data:
                        differing.append(path)
            except FileNotFoundError:
                differing.append(path)
        else:
            with open(path, "wb") as handle:
                handle.write(data)
    if args.check:
        for path in differing:
            print(f"differs: {path}", file=sys.stderr)
        sys.exit(1 if differing else 0)
    print(f"wrote {len(FIXTURES)} fixtures to {args.out}")


if __name__ == "__main__":
    main()
