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
    page = "\n".join(["2026年四川省人民政府工作报告", "2026年02月10日 07时41分", "来源:", "四川日报", "【字体：", "大",
                      "中",
                      "小", "】", "分享：", "各位代表：", "现在，我代表省人民政府，向大会报告工作。", "一、工作回顾",
                      "过去一年，经济运行稳中有进。", "二、今年工作", "地区生产总值增长5%左右。",
                      "责任编辑：", "张三", "扫一扫在手机打开当前页", "打印本页", "关闭窗口",
                      "2026年四川省人民政府工作报告"])
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


def test_a_news_page_around_a_speech():
    # a portal page written for this test: breadcrumbs, split label/value fields, a widget bar, a photo
    # caption and a news lead before the salutation, a related-links footer and trailing share widgets
    page = "\n".join([
        "当前位置：", "首页", ">", "新闻中心", ">", "本地要闻", "2030年某某省政府工作报告", "发表时间：",
        "2030-02-01 10:00:00", "来源：", "某某日报客户端", "阅读量：", "【字体：", "小", "中", "大", "】",
        "——2030年1月20日在某某省第九届人民代表大会第三次会议上", "省长 李 四",
        "1月20日，某某省第九届人民代表大会第三次会议开幕。省长李四作政府工作报告。本报记者 王五摄",
        "各位代表：", "现在，我代表省人民政府，向大会报告工作，请予审议。", "一、过去一年的工作",
        "全省地区生产总值增长5%。", "各位代表！让我们团结奋斗！",
        "相关报道：", "某某省召开新闻发布会", "收藏", "分享到:", "×"])
    c = clean(page)
    lines = c.text.splitlines()
    assert lines[0] == "2030年某某省政府工作报告"
    assert lines[1].startswith("——2030年1月20日") and lines[2] == "各位代表："
    assert lines[-1] == "各位代表！让我们团结奋斗！"
    assert c.metadata["published"] == "2030-02-01 10:00:00"
    assert c.metadata["source"] == "某某日报客户端"
    assert c.metadata["speaker"] == "省长 李 四"
    reasons = {r["reason"] for r in c.removed}
    assert {"page widget", "metadata", "photo caption", "page footer"} <= reasons
    assert sorted(r["line"] for r in c.removed) == sorted(
        i + 1 for i, line in enumerate(page.split("\n")) if line not in lines)


def test_widget_words_inside_sentences_stay():
    text = "某县行动方案\n1.建设数字平台。支持下载、打印和分享政务文件，字号加大后便于阅读。\n2.建成县城大中小学校。"
    assert clean(text).text == text


def test_a_short_title_right_after_the_widget_bar_stays():
    c = clean("下载\n打印\n全屏\n政府工作报告\n——2030年1月20日在某某省第九届人民代表大会第三次会议上\n"
              "各位代表：\n现在，我代表省人民政府报告工作。")
    assert c.text.splitlines()[0] == "政府工作报告"
