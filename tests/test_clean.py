"""Cleaning: spam and page chrome go by general rules, and every removal is recorded."""
from __future__ import annotations

from kg.loaders.clean import clean

PLAN = """考研英语 真题下载成都房价多少钱网红打卡美食排行
原标题:某市人民政府关于印发某市行动方案的通知
现将《某市行动方案》印发给你们,请认真贯彻执行。
1.建设交通枢纽。开工建设新机场,成都房价多少钱推进高铁建设。
2.发展数字经济。建设算力中心网红打卡美食排行,培育软件产业。
3.强化组织领导。各区县政府要落实责任考研英语 真题下载。返回搜狐,查看更多"""


def test_keyword_line_and_its_fragments_are_removed():
    c = clean(PLAN)
    for spam in ("考研英语 真题下载", "成都房价多少钱", "网红打卡美食排行", "原标题", "返回搜狐"):
        assert spam not in c.text, spam
    assert "开工建设新机场,推进高铁建设。" in c.text
    assert "建设算力中心,培育软件产业。" in c.text
    reasons = {r["reason"] for r in c.removed}
    assert {"spam keyword line", "spam fragment", "reprint header", "page footer"} <= reasons
    assert all(r["text"] for r in c.removed)


def test_page_chrome_and_metadata():
    page = "\n".join(["2026年四川省人民政府工作报告", "2026年02月10日 07时41分", "来源:", "四川日报", "【字体：", "大", "中",
                      "小", "】", "分享：", "各位代表：", "现在，我代表省人民政府，向大会报告工作。", "一、工作回顾",
                      "过去一年，经济运行稳中有进。", "二、今年工作", "地区生产总值增长5%左右。",
                      "责任编辑：", "张三", "扫一扫在手机打开当前页", "打印本页", "关闭窗口", "2026年四川省人民政府工作报告"])
    c = clean(page)
    assert c.metadata == {"published": "2026年02月10日 07时41分", "source": "四川日报"}
    assert c.text.splitlines()[0] == "2026年四川省人民政府工作报告"
    assert "各位代表：" in c.text and "地区生产总值增长5%左右。" in c.text
    for chrome in ("【字体", "分享", "责任编辑", "张三", "扫一扫", "打印本页", "关闭窗口"):
        assert chrome not in c.text
    assert c.text.count("2026年四川省人民政府工作报告") == 1


def test_a_byline_is_not_mistaken_for_spam():
    text = "2026年四川省人民政府工作报告\n四川省人民政府省长 张三\n各位代表：\n我代表四川省人民政府报告工作。"
    c = clean(text)
    assert "我代表四川省人民政府报告工作。" in c.text
    assert not any(r["reason"].startswith("spam") for r in c.removed)


def test_clean_text_is_unchanged():
    text = "某市行动方案\n1.建设新机场。推进高铁建设。\n2.发展数字经济。"
    c = clean(text)
    assert c.text == text and c.removed == []
