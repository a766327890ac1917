#!/usr/bin/env python3
"""Builds shequ's list of common passwords, the ones a guesser tries first.

usage: common_passwords.py OUT.c     the C table src/auth/password.c searches
       common_passwords.py --list    the list itself, one a line

The list is ours: made here from the patterns people in China and elsewhere
are known to choose (digit runs, repeated digits, lucky and love numbers such
as 520 and 1314, keyboard walks, pinyin words and surnames, English words,
years), combined the way such passwords are (word + number, number + word).
Only entries of 10 or more characters are kept: shorter ones are refused by
length already. Entries are lower-case ASCII; the check lower-cases the
password and strips trailing punctuation before looking it up.
"""
import sys

DIGITS = '1234567890'


def digit_cores():
    """Numbers people type as, or in, passwords."""
    out = set()
    for k in range(3, 11):
        out.add(DIGITS[:k])
        out.add('0123456789'[:k])
        out.add('9876543210'[:k])
        out.add('0987654321'[:k])
    out.add('12345678910')
    out.add('1234567899')
    for d in '0123456789':
        for k in range(3, 13):
            out.add(d * k)
    for unit in ('12', '123', '1234', '12345', '123456', '520', '1314', '521', '110', '11', '66', '88', '99'):
        for k in range(2, 6):
            out.add(unit * k)
    out |= {
        # love and luck: 520/521 "我爱你", 1314 "一生一世", 168 "一路发", 518 "我要发"
        '520', '521', '1314', '5201314', '1314520', '5211314', '1314521', '52013140', '5201314520',
        '1314520520', '520520520', '5205201314', '13145201314', '5201314521', '201314', '201314',
        '168', '518', '666', '888', '999', '6666', '8888', '9999', '666666', '888888', '168168', '518518',
        '66668888', '88886666', '16888888', '5188888', '147258', '147258369', '159357', '159753',
        '123321', '1234321', '12344321', '123454321', '123123', '123123123', '112233', '11223344',
        '1122334455', '111222', '111222333', '110110', '119119', '147852', '147852369', '741852963',
        '963852741', '789456123', '123456789a', '258369', '369258147', '321321', '987654', '654321',
        '7758521', '7758258', '584520', '1314woaini', '000000', '00000000', '0000000000',
        '13800138000', '13888888888', '13900000000', '13800000000', '18888888888', '13333333333',
        '15555555555', '13666666666', '13999999999', '18666666666',
    }
    return out


def years():
    return {str(y) for y in range(1950, 2031)}


KEYBOARD = [
    'qwertyuiop', 'qwertyuio', 'qwertyui', 'qwertyu', 'qwerty', 'qwert', 'qwer', 'qwe',
    'asdfghjkl', 'asdfghjk', 'asdfghj', 'asdfgh', 'asdfg', 'asdf', 'asd',
    'zxcvbnm', 'zxcvbn', 'zxcvb', 'zxcv', 'zxc',
    '1qaz2wsx', '1qaz2wsx3edc', '1qaz2wsx3edc4rfv', '1qaz@wsx', '1qaz!qaz', '1qazxsw2', '!qaz2wsx',
    '!qaz@wsx', '!qaz@wsx#edc', 'qazwsx', 'qazwsxedc', 'qazwsxedcrfv', 'qazxswedc', 'zaq12wsx', 'zaq1xsw2',
    'zaq1zaq1', 'xsw2zaq1', '2wsx3edc', '3edc4rfv', '1q2w3e', '1q2w3e4r', '1q2w3e4r5t', '1q2w3e4r5t6y',
    'q1w2e3', 'q1w2e3r4', 'q1w2e3r4t5', 'q1w2e3r4t5y6', 'qweasd', 'qweasdzxc', 'qweasdzxc123', 'asdqwe',
    'qaz123', 'wsx123', 'qweqwe', 'asdasd', 'zxczxc', 'qwerasdf', 'qwerasdfzxcv', 'asdfjkl', 'asdfjkl;',
    'abc', 'abcd', 'abcde', 'abcdef', 'abcdefg', 'abcdefgh', 'abcdefghi', 'abcdefghij', 'abcabc',
    'abcabcabc', 'aaa', 'aaaa', 'aaaaaa', 'a1b2c3', 'a1b2c3d4', 'a1b2c3d4e5', '1a2b3c', '1a2b3c4d',
    '1a2b3c4d5e', 'aa', 'a', 'qq', 'qqq', 'z', 'x', 'wo', 'ai',
]

ENGLISH = [
    'password', 'passw0rd', 'p@ssword', 'p@ssw0rd', 'pass', 'passwd', 'pwd', 'iloveyou', 'iloveu',
    'welcome', 'admin', 'administrator', 'root', 'letmein', 'monkey', 'dragon', 'master', 'shadow',
    'sunshine', 'princess', 'football', 'baseball', 'basketball', 'soccer', 'superman', 'batman',
    'michael', 'jordan', 'computer', 'internet', 'trustno1', 'whatever', 'freedom', 'hello',
    'helloworld', 'hellokitty', 'starwars', 'pokemon', 'test', 'tester', 'guest', 'user', 'login',
    'changeme', 'secret', 'love', 'lover', 'lovely', 'angel', 'baby', 'money', 'lucky', 'happy',
    'summer', 'winter', 'spring', 'autumn', 'flower', 'apple', 'banana', 'orange', 'chocolate',
    'charlie', 'jessica', 'ashley', 'daniel', 'thomas', 'killer', 'ninja', 'mustang', 'access',
    'default', 'system', 'server', 'oracle', 'mysql', 'qwerty', 'google', 'china', 'beijing',
    'shanghai', 'tiger', 'panda', 'kitty', 'sweet', 'honey', 'cookie', 'magic', 'legend', 'forever',
]

PINYIN = [
    'woaini', 'woaini1', 'aini', 'woainia', 'woaiwojia', 'woaiwoziji', 'woainimen', 'wodemima', 'mima',
    'mimamima', 'zhongguo', 'zhonghua', 'beijing', 'shanghai', 'guangzhou', 'shenzhen', 'tianjin',
    'chongqing', 'nanjing', 'wuhan', 'chengdu', 'hangzhou', 'nihao', 'nihaoma', 'laopo', 'laogong',
    'baobao', 'baobei', 'xiaobao', 'xiaobei', 'tianshi', 'xingfu', 'kuaile', 'pingan', 'jiayou',
    'taiyang', 'yueliang', 'xingxing', 'meimei', 'gege', 'jiejie', 'didi', 'mama', 'baba', 'mami',
    'shequ', 'juweihui', 'dangyuan', 'zhengfu', 'xiaoqu', 'wuye', 'jiating', 'aiqing', 'yongyuan',
    'shengri', 'qqqq', 'woshishui', 'woshinibaba', 'qwe', 'zhangsan', 'lisi', 'wangwu', 'xiaoming',
    'xiaohong', 'xiaoli', 'xiaowang', 'xiaozhang', 'laowang', 'laoli', 'dabao', 'erbao', 'yiyi',
    'lele', 'doudou', 'huanhuan', 'tingting', 'lili', 'fangfang', 'jingjing', 'weiwei', 'liangliang',
    'shanshan', 'dandan', 'yangyang', 'haha', 'hehe', 'hahaha', 'qqq', 'wangwang', 'tiantian',
    'long', 'feng', 'fei', 'jun', 'hua', 'ming', 'hong', 'mei', 'li', 'wei', 'jie', 'qiang', 'jian',
]

SURNAMES = [
    'wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu',
    'hu', 'guo', 'he', 'gao', 'lin', 'luo', 'zheng', 'liang', 'xie', 'song', 'tang', 'han', 'feng', 'deng',
    'cao', 'peng', 'zeng', 'xiao', 'tian', 'dong', 'pan', 'yuan', 'cai', 'jiang', 'yu', 'du', 'ye', 'cheng',
    'wei', 'su', 'lu', 'ding', 'ren', 'shen', 'yao', 'jin', 'fan', 'fang', 'shi', 'qian', 'dai', 'xia',
    'zhong', 'wan', 'tan', 'lv', 'kong', 'bai', 'cui', 'kang', 'mao', 'qiu', 'qin', 'jia', 'hou', 'meng',
]

NUMBER_SUFFIXES = [
    '1', '11', '12', '123', '1234', '12345', '123456', '1234567', '12345678', '123456789', '1234567890',
    '111', '000', '0000', '666', '888', '999', '520', '521', '1314', '5201314', '1314520', '168', '110',
    '123123', '321', '112233', '6666', '8888', '000000', '111111', '666666', '888888', '123321', '007',
    '2008', '2010', '2012', '2018', '2020', '2021', '2022', '2023', '2024', '2025', '2026',
]

SYMBOL_SUFFIXES = ['!', '!@#', '@123', '.123', '@', '#', '.', '123!', '!!']


def build():
    out = set()
    cores = digit_cores()
    out |= cores
    for c in cores:
        for w in ('a', 'aa', 'abc', 'qq', 'q', 'wo', 'woaini'):
            out.add(w + c)
        for w in ('a', 'abc', 'qq'):
            out.add(c + w)
    short_numbers = NUMBER_SUFFIXES[:12] + ['520', '1314', '5201314', '666', '888']
    for k in KEYBOARD:
        out.add(k)
        for s in short_numbers + SYMBOL_SUFFIXES:
            out.add(k + s)
        for p in ('1', '123', '520', '1314', '!@#'):
            out.add(p + k)
    for w in ENGLISH + PINYIN:
        out.add(w)
        out.add(w + w)
        for s in NUMBER_SUFFIXES:
            out.add(w + s)
        for s in ('123', '1234', '123456', '520', '1314', '888', '666'):
            out.add(w + '@' + s)
            out.add(w + '.' + s)
            out.add(s + w)
        for s in SYMBOL_SUFFIXES:
            out.add(w + s)
    loving = PINYIN[:8] + ['iloveyou', 'love', 'baobei', 'laopo', 'laogong']
    for w in loving + SURNAMES:
        for y in years():
            out.add(w + y)
    for w in SURNAMES:
        for s in NUMBER_SUFFIXES:
            out.add(w + s)
        for given in ('wei', 'jie', 'min', 'jing', 'li', 'qiang', 'lei', 'jun', 'yang', 'yong', 'yan', 'tao',
                      'ming', 'chao', 'xiuying', 'hua', 'ping', 'gang', 'fang', 'hui', 'xin', 'lin', 'long',
                      'hong', 'bo', 'hao', 'yu'):
            for s in ('', '123', '123456', '520', '1314', '888'):
                out.add(w + given + s)
    # What a guesser tries first for any account here: the site's own names.
    for w in ('shequ', 'juweihui', 'jiedao', 'shequju', 'wangge', 'xingfuli', 'community'):
        for s in NUMBER_SUFFIXES + ['@2026', '@123456']:
            out.add(w + s)
    return sorted(p for p in out if 10 <= len(p) <= 64 and p.isascii() and p == p.lower())


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    words = build()
    if sys.argv[1] == '--list':
        sys.stdout.write('\n'.join(words) + '\n')
        return
    lines = ['/* Generated by tools/common_passwords.py: common passwords, sorted (strcmp order). */',
             '#include <stddef.h>', '',
             'const char *const auth_common_passwords[] = {']
    for w in words:
        lines.append('\t"%s",' % w.replace('\\', '\\\\').replace('"', '\\"'))
    lines.append('};')
    lines.append('const size_t auth_common_passwords_n = %d;' % len(words))
    with open(sys.argv[1], 'w') as f:
        f.write('\n'.join(lines) + '\n')


main()
