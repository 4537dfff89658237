"""Build extractor/data/entities/cedict_names.tsv from the shared CC-CEDICT name list.

Usage (from the repository root):

    python training/build_lexicon.py [SOURCE_TSV] [OUTPUT_TSV]

SOURCE_TSV defaults to ../shared/data/lexicon/zh_en_names.tsv (columns zh, en, type, source; see
the README next to it) and OUTPUT_TSV to extractor/data/entities/cedict_names.tsv, both relative to
the repository root. Standard library only; the output is sorted, so the same input always gives
byte-identical output.

The output is an adaptation of CC-CEDICT and is licensed CC BY-SA 4.0 (see
extractor/data/entities/README.md). This script only *drops rows* and the `source` column; it never
rewrites a name or a type. A row is kept when all of these hold:

1. its type is ORG, PERSON or LOC (NAME rows, i.e. bare given/family names, and untyped rows go);
2. its English name starts with a capital letter or digit (no lower-case glosses);
3. its English name has no lower-case word other than a few function words and geographic
   generics ("Yi river", "Bogda Shan mountain range" stay; gloss leaks such as
   "Nanhui former District", "Viktor Feyedov Yanukovych Ukrainian politician" go);
4. its English name is not an event, period or written work mistyped as an entity
   ("Sino-French War" PERSON, "Spring and Autumn Annals" PERSON, "Belt and Road Initiative" LOC),
   not a period, polity or movement typed PERSON ("Roman Empire"), not an organisation typed LOC
   ("Wall Street Journal"), and not cut short in the source ("Tiffany &");
5. it is not an `/acronym` row whose "acronym" is only a country qualifier such as "(US)" or "(UK)"
   (国务院 → USA, 国会 → UK);
6. its Chinese headword is not in COMMON_HEADWORDS (headwords whose everyday meaning in news text
   is a common word, so that the name sense would mislead: 时代 "era" → Time, 现代 "modern" →
   Hyundai, 资源 "resources" → Ziyuan County) nor in MISTYPED_HEADWORDS (schools of thought, eras
   and books typed as entities: 儒家 → Confucian school PERSON);
7. the (zh, en) pair is not in BAD_PAIRS: individual rows checked by hand and found wrong.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT / ".." / "shared" / "data" / "lexicon" / "zh_en_names.tsv"
DEFAULT_OUTPUT = REPO_ROOT / "extractor" / "data" / "entities" / "cedict_names.tsv"

LABELS = {"ORG", "PERSON", "LOC"}

# Lower-case words allowed inside an English name (rule 3).
FUNCTION_WORDS = {
    "a", "al", "an", "and", "at", "bin", "by", "d", "da", "das", "de", "del", "della", "den", "der",
    "des", "di", "do", "dos", "du", "e", "el", "en", "et", "for", "ibn", "im", "in", "la", "las",
    "le", "les", "los", "of", "on", "sur", "ter", "the", "to", "und", "upon", "van", "von", "with", "y",
    "zu", "no",
}
GEO_GENERICS = {
    "bank", "banner", "basin", "bay", "canal", "cape", "coast", "creek", "delta", "desert",
    "falls", "forest", "gorge", "gulf", "harbor", "harbour", "hill", "hills", "island", "islands",
    "khoshuu", "lake", "lakes", "mountain", "mountains", "nahiyisi", "aptonom", "ocean", "pass",
    "peak", "peninsula", "plain", "plains", "plateau", "raion", "range", "river", "rivers", "sea",
    "shehiri", "strait", "valley", "volcano", "borough",
}
ALLOWED_LOWER = FUNCTION_WORDS | GEO_GENERICS

# Rule 4: events, periods and written works that the source typed as PERSON / LOC / ORG.
NON_ENTITY = re.compile(
    r"(?<!Ministry of )\b(War|Wars|Revolution|Rebellion|Uprising|Incident|Annals|Initiative|Festival|Day)$"
    r"|^(Battle|Treaty|History|Classic|Short History|Strategies) "
    r"|\b(World War|Sixteen Kingdoms|Incident of|Rebellion of|Annals of|Classic of|Records of)\b"
    r"|^(?!(Emperor|Empress|King|Queen|Duke|Prince|Princess|Lord) ).*\bDynasty$|\bDas Kapital\b"
    r"|(&| and| of| the)$"  # names cut short in the source ("Tiffany &", "Wutai City and")
)
# Extra words that betray a non-person among PERSON rows (periods, polities, schools of thought).
NON_PERSON = re.compile(
    r"\b(Empire|Kingdom|Kingdoms|Movement|Warlords|Army|Reform|Reforms|Era|Period|School|Clique"
    r"|Commandery|State|States|Zhou and|Former (Qin|Yan|Zhao|Liang|Shu)|Later (Qin|Yan|Zhao|Liang|Shu|Zhou|Han|Jin|Tang))\b"
)

# Organisations, newspapers and flags that the source typed as LOC ("Wall Street Journal" because of
# "Street", "Supreme Court of the United States" because of "States").
NON_LOC = re.compile(
    r"\b(Journal|University|Ministry|Office|Association|House of Representatives|Supreme Court|Union Jack)\b"
)

# Rule 5: "acronyms" that are only a country or status qualifier in parentheses.
QUALIFIER_ACRONYMS = {"US", "USA", "UK", "PRC", "ROC", "SAR", "EU", "UAE", "USVI"}

# Rule 6: headwords that are, first of all, common words in modern Chinese news text.
COMMON_HEADWORDS = {
    # everyday words whose name sense is a county, district, township or town
    "资源", "成功", "友好", "通道", "延长", "新兴", "狮子", "万年", "淡水", "光泽", "清水", "万里",
    "复兴", "长子", "平定", "水上", "石门", "树林", "郊区", "振兴", "富裕", "工农", "会同", "大名",
    "平和", "同心", "民权", "光复", "安居", "公馆", "石棉", "丰满", "高台", "二道", "三重",
    "无为", "台前", "花坛", "富民", "信义", "药水", "安息", "烈日", "皇城", "天府", "洞口", "芙蓉",
    "黑水", "桃源", "布袋", "鱼池", "高密", "和平", "兴业", "红旗", "长寿", "紫金", "同理", "大数",
    "营盘", "樟木", "磐石", "鸡冠", "八里", "春日", "新造", "断桥", "色当", "天外", "银河", "方城",
    # Japanese surnames (and 朝日, i.e. Asahi) that the source gives only as places
    "小岛", "野村", "小野", "木村", "桥本", "朝日",
    # common words whose name sense is a company, brand, newspaper, band or person
    "时代", "现代", "老板", "时报", "邮报", "大众", "点点", "校内", "易趣", "左岸", "台商", "讴歌",
    "比利", "大卫", "辣妹", "弯弯", "浩然", "飞雪", "深蓝",
    # common words whose name sense is a feature or a body of water: 朋友圈 → Moments, 海湾 → Gulf
    "朋友圈", "海湾",
    # proper names whose main sense in tech/finance news is missing from the source
    "阿里",  # Alibaba in news; the source has only Ali (the caliph) and Ngari (Tibet)
}

# Also rule 6: schools of thought, eras, books and abstractions that the source typed as entities.
MISTYPED_HEADWORDS = {
    "共产党员", "西学", "农家", "小说家", "理学", "儒家", "法家", "正统", "春秋", "文革", "天朝",
    "国共合作", "成化", "明治", "大正", "平成", "铁幕", "春蚕", "合纵", "合纵连横", "黄帝内经",
    "内经", "难经", "国富论", "封神演义", "老残游记", "新民主主义论", "日知录", "正仓院", "资治通鉴",
    "资本论", "左氏春秋", "北京猿人", "轴心国", "普洱茶", "蒲剧", "理想国", "战国策",
}

# Rule 7: single rows checked by hand and found wrong.
BAD_PAIRS = {
    ("中组部", "CCP"),  # Organization Department of the CCP, not the party
    ("同仁堂", "TCM"),  # TCM is "traditional Chinese medicine", not an acronym of the company
    ("恒大", "Hang Seng University of Hong Kong"),  # 恒大 in news is Evergrande
    ("恒大", "HSUHK"),
    ("中科院", "Chinese Academy of Social Sciences"),  # that is 社科院; 中科院 = Academy of Sciences
    ("中科院", "CASS"),
    ("夏洛特阿马利亚", "USVI"),  # a town in the US Virgin Islands
    ("阿布扎比", "UAE"),
    ("考文垂市", "UK"),
    ("库尔德工人党", "PPK"),  # the party's acronym is PKK
    # wrong type: a city, a state, a dynasty or a ship typed PERSON, an artist typed LOC
    ("南京", "Nanjing"),  # PERSON; 南京市 → Nanjing LOC stays
    ("上都", "Shangdu"),  # Xanadu, a city
    ("赵国", "Zhao"),  # the state of Zhao
    ("曹魏", "Cao Wei"),  # the state of Cao Wei
    ("凤凰号", "Phoenix"),
    ("班克西", "Banksy"),  # LOC; 班克斯 → Banksy PERSON stays
    ("中国移动通信", "China Mobile"),  # LOC
    # a university or company shortened to a bare place name or a generic phrase
    ("苏州大学", "Suzhou"),
    ("燕京大学", "Yanjing"),
    ("米格", "Russian Aircraft"),
    ("国际金融公司", "International Finance"),
    ("东印度公司", "East India"),
    ("可口可乐公司", "The Coca-Cola"),
    ("大屯火山群", "Tatun Volcanic"),
    ("美国国际集团", "American International"),
    ("全美广播公司", "National Broadcasting"),
    ("美国全国广播公司", "National Broadcasting"),
    # an English word that would type ordinary Latin text in Chinese articles wrongly
    ("三家村", "Village"),
    ("东乡", "East"),
    ("中央省", "Central"),  # 中环 → Central (Hong Kong) stays
    ("哥伦比亚特区", "District"),
    ("奥运村", "Olympic"),
    ("离岛区", "Islands"),
    ("米底亚", "Media"),
    ("歧路灯", "Lamp"),  # a novel, typed LOC
    ("鹰星云", "Eagle"),  # the Eagle Nebula, typed PERSON
    ("鹰状星云", "Eagle"),
    ("多利", "Dolly"),  # Dolly the sheep, typed PERSON
    ("桃莉羊", "Dolly"),
    ("巴特瓦族", "Twa"),  # an ethnic group, typed LOC
    ("特瓦族", "Twa"),
}


def _lower_words(en: str) -> list[str]:
    """Words of `en` that start with a lower-case letter and are not allowed in a name."""
    bad = []
    for word in en.split():
        # "Sun Yat-sen", "Côte d'Ivoire", "Ama-no-hashidate": judge a word by its first part.
        head = re.split(r"[-'’]", word.strip("()\",.;:"), maxsplit=1)[0]
        if head and head[0].islower() and head.lower() not in ALLOWED_LOWER:
            bad.append(word)
    return bad


def keep(zh: str, en: str, label: str, source: str) -> bool:
    if label not in LABELS:
        return False
    if not en or not (en[0].isupper() or en[0].isdigit()):
        return False
    if _lower_words(en):
        return False
    if NON_ENTITY.search(en):
        return False
    if label == "PERSON" and NON_PERSON.search(en):
        return False
    if label == "LOC" and NON_LOC.search(en):
        return False
    if source.endswith("/acronym") and en in QUALIFIER_ACRONYMS:
        return False
    if zh in COMMON_HEADWORDS or zh in MISTYPED_HEADWORDS:
        return False
    if (zh, en) in BAD_PAIRS:
        return False
    return True


def build(source: Path, output: Path) -> tuple[int, int]:
    """Write the filtered table; return (rows read, rows written)."""
    with source.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = {"zh", "en", "type", "source"} - set(reader.fieldnames or ())
        if missing:
            raise SystemExit(f"{source}: missing columns {sorted(missing)}")
        read = 0
        rows = set()
        for row in reader:
            read += 1
            zh, en = row["zh"].strip(), row["en"].strip()
            label, src = (row["type"] or "").strip(), (row["source"] or "").strip()
            if zh and keep(zh, en, label, src):
                rows.add((zh, en, label))
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="\n") as f:
        f.write("zh\ten\tlabel\n")
        for zh, en, label in sorted(rows):
            f.write(f"{zh}\t{en}\t{label}\n")
    return read, len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                        help="zh_en_names.tsv (default: %(default)s)")
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_OUTPUT,
                        help="cedict_names.tsv to write (default: %(default)s)")
    args = parser.parse_args(argv)
    read, written = build(args.source, args.output)
    size = args.output.stat().st_size
    print(f"{args.source.resolve()}: {read} rows read; {args.output.resolve()}: {written} rows written, {size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
