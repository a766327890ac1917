#!/usr/bin/env python3
"""Realistic residents for bench/people: N rows with the headers a community
spreadsheet uses (姓名, 性别, 公民身份号码, 出生日期, 手机号码, 楼栋, 单元, 房号,
与户主关系, 人员类别), every ID number distinct with its GB 11643 check
character, households of one to five at a room, a few tags. Written as CSV
(UTF-8) or as an XLSX workbook (one sheet, inline strings, through zipfile:
for the bench only; the product reads XLSX with its own reader).

usage: people_gen.py N csv|xlsx OUT
"""
import datetime
import random
import sys
import zipfile
from xml.sax.saxutils import escape

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国玉兰志强海燕红梅小龙文博子涵浩然欣怡雨萱梓轩思远佳怡一鸣晓东春生秋菊德福淑珍桂芝凤英建华丽娟"
# Areas the demo data (people_demo.c) never uses, so that no generated ID
# meets a demo resident's.
AREAS = ["650102", "630102", "640104", "540102", "460105", "450103", "220102", "150102", "620102", "610113"]
RELATIONS = ["户主", "配偶", "子", "女", "父亲", "母亲"]
TAGS = ["独居老人", "空巢老人", "高龄老人", "退役军人", "流动人口", "党员", "志愿者", "残疾人", "低保户", "慢性病患者"]
HEADERS = ["姓名", "性别", "公民身份号码", "出生日期", "手机号码", "楼栋", "单元", "房号", "与户主关系", "人员类别"]
DAY0 = datetime.date(1935, 1, 1)
NDAYS = 30000  # to 2017


def check_char(id17):
    s = sum(int(c) * w for c, w in zip(id17, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)))
    return "10X98765432"[s % 11]


def rows(n):
    rnd = random.Random(20261129)
    room_left = 0
    b = u = r = 0
    for i in range(n):
        # (area, birth day, serial block) is one-to-one with i: every ID distinct
        k = i
        area = AREAS[k % len(AREAS)]
        k //= len(AREAS)
        day = (k % NDAYS) * 7919 % NDAYS  # spread over the years, still one-to-one
        block = k // NDAYS
        birth = DAY0 + datetime.timedelta(days=day)
        serial = block * 250 + rnd.randrange(250)
        male = serial % 2 == 1
        id17 = "%s%s%03d" % (area, birth.strftime("%Y%m%d"), serial)
        idn = id17 + check_char(id17)
        if room_left == 0:
            room_left = rnd.choice((1, 2, 2, 3, 3, 3, 4, 5))
            r += 1
            if r > 24:
                r, u = 1, u + 1
            if u > 3:
                u, b = 0, b + 1
            pos = 0
        else:
            pos += 1
        room_left -= 1
        floor, door = (r - 1) // 2 + 1, (r - 1) % 2 + 1
        name = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + (rnd.choice(GIVEN) if rnd.random() < 0.6 else "")
        phone = "1%d%09d" % (rnd.choice((3, 5, 8, 9)), rnd.randrange(10**9)) if rnd.random() < 0.85 else ""
        tags = []
        if rnd.random() < 0.12:
            tags.append(rnd.choice(TAGS))
        yield [name, "男" if male else "女", idn, birth.isoformat(), phone, "%d号楼" % (b + 1), "%d单元" % (u + 1),
               "%d%02d" % (floor, door), RELATIONS[min(pos, len(RELATIONS) - 1)], "、".join(tags)]


def write_csv(n, out):
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(HEADERS) + "\r\n")
        for row in rows(n):
            f.write(",".join(row) + "\r\n")


def cell(col, rownum, v):
    ref = "%s%d" % (chr(ord("A") + col), rownum)
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(v))


def write_xlsx(n, out):
    z = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
               'spreadsheetml.sheet.main+xml"/>'
               '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
               'officedocument.spreadsheetml.worksheet+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
               'officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
               '<sheets><sheet name="居民" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
               'worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        f.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        buf = []
        buf = ['<row r="1">' + "".join(cell(c, 1, v) for c, v in enumerate(HEADERS)) + "</row>"]
        for i, row in enumerate(rows(n)):
            buf.append('<row r="%d">' % (i + 2) + "".join(cell(c, i + 2, v) for c, v in enumerate(row) if v) +
                       "</row>")
            if len(buf) >= 5000:
                f.write("".join(buf).encode())
                buf = []
        f.write("".join(buf).encode())
        f.write(b"</sheetData></worksheet>")
    z.close()


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in ("csv", "xlsx") or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    n = int(sys.argv[1])
    if n > len(AREAS) * NDAYS * 4:
        sys.exit("people_gen.py: at most %d rows (distinct ID numbers)" % (len(AREAS) * NDAYS * 4))
    (write_csv if sys.argv[2] == "csv" else write_xlsx)(n, sys.argv[3])


if __name__ == "__main__":
    main()
