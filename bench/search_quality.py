"""Search quality: recall and precision of the Thai word search on judged titles, in pure Python.

The evaluation set (``bench/data/``): ``thai_search_titles.txt`` (titles of what a provincial
health office, a district office or a hospital publishes) and ``thai_search_queries.json``
(query words and, for each, the judgement of which titles hold that word: substring hits
minus judged exclusions, plus the other ways of writing it; see the file's ``about``). The
``heldout`` set (``thai_search_heldout_*``) was written and judged after the segmenter's word
lists were done and never used to change them: it shows how far they generalise.

A title is found by a query exactly as the index finds it: for every group of
``segment.query_groups(query)``, every term of the group is a key of
``segment.index_terms(title)`` (operator "and"). Three matchers in the same run:

* ``new``: ``moit_wagtail/search/segment.py`` as it is now;
* ``before``: the segmenter as it was before this evaluation existed, frozen in
  ``bench/_segment_before.py`` (its query was ``words(query)``, one group of every term;
  the database-backed retry with a compound's parts is not modelled);
* ``substring``: every whitespace-separated query word, normalised, is a substring of the
  normalised title (no segmentation at all).

Recall and precision are over judged (query, title) pairs, summed over the queries (micro
average). Times: segmenting every title for the index, and every query, per item.
"""

import argparse
import importlib.util
import json
import os
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# The evaluation set, and a smaller held-out one written after the word lists were done.
SETS = {
    "main": ("thai_search_titles.txt", "thai_search_queries.json"),
    "heldout": ("thai_search_heldout_titles.txt", "thai_search_heldout_queries.json"),
}


def load_titles(path=DATA / "thai_search_titles.txt"):
    """[(category, title)] in file order."""
    titles, category = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("# "):
            category = line[2:]
        elif line and not line.startswith("#"):
            titles.append((category, line))
    return titles


def load_queries(path=DATA / "thai_search_queries.json"):
    return json.loads(path.read_text(encoding="utf-8"))["queries"]


def judge_text(text):
    """The judge's reading of a title or a query: NFC, lower case, Thai digits as Arabic."""
    return unicodedata.normalize("NFC", text).translate(THAI_DIGITS).lower()


def _relevant(query, title):
    title = judge_text(title)
    excluded = [judge_text(word) for word in query.get("exclude", {})]
    for meaning in query.get("means", [query["q"]]):
        meaning = judge_text(meaning)
        for found in re.finditer(re.escape(meaning), title):
            start, end = found.span()
            inside = any(
                other.start() <= start and end <= other.end()
                for word in excluded
                for other in re.finditer(re.escape(word), title)
            )
            if not inside:
                return True
    return False


def ground_truth(queries, titles):
    """{query text: set of title indexes}; a query of several words: where all its words are."""
    truth = {}
    for query in queries:
        if " " not in query["q"]:
            truth[query["q"]] = {i for i, title in enumerate(titles) if _relevant(query, title)}
    for query in queries:
        if " " in query["q"]:
            parts = [truth[word] for word in query["q"].split()]
            truth[query["q"]] = set.intersection(*parts)
    return truth


def load_before():
    spec = importlib.util.spec_from_file_location(
        "segment_before", Path(__file__).resolve().parent / "_segment_before.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def segment_matcher(index_terms, query_groups):
    """(index each title, prepare each query, match): the index's rule, in memory."""

    def match(groups, terms):
        return bool(groups) and all(all(term in terms for term in group) for group in groups)

    return index_terms, query_groups, match


def substring_matcher():
    def normal(text):
        return judge_text(" ".join(text.split()))

    def match(words, title):
        return bool(words) and all(word in title for word in words)

    return normal, lambda query: normal(query).split(), match


def evaluate(matcher, titles, queries, truth):
    index, prepare, match = matcher
    started = time.perf_counter()
    indexed = [index(title) for title in titles]
    index_seconds = time.perf_counter() - started
    started = time.perf_counter()
    prepared = [prepare(query["q"]) for query in queries]
    query_seconds = time.perf_counter() - started
    found_total = relevant_total = hit_total = 0
    per_query = []
    for query, groups in zip(queries, prepared, strict=True):
        found = {i for i, terms in enumerate(indexed) if match(groups, terms)}
        relevant = truth[query["q"]]
        hits = found & relevant
        found_total += len(found)
        relevant_total += len(relevant)
        hit_total += len(hits)
        per_query.append(
            {
                "q": query["q"],
                "class": query.get("class", ""),
                "relevant": len(relevant),
                "found": len(found),
                "missed": sorted(relevant - found),
                "false": sorted(found - relevant),
            }
        )
    recall = hit_total / relevant_total if relevant_total else 1.0
    precision = hit_total / found_total if found_total else 1.0
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    terms = [len(item) for item in indexed if isinstance(item, dict)]
    return {
        "recall": round(recall, 4),
        "precision": round(precision, 4),
        "f1": round(f1, 4),
        "found": found_total,
        "relevant": relevant_total,
        "hits": hit_total,
        "us_per_title": round(index_seconds / len(titles) * 1e6, 1),
        "us_per_query": round(query_seconds / len(queries) * 1e6, 1),
        "terms_per_title": round(sum(terms) / len(terms), 2) if terms else None,
        "queries": per_query,
    }


def matchers():
    sys.path.insert(0, str(ROOT))
    from moit_wagtail.search import segment

    before = load_before()

    def before_terms(text):
        return list(dict.fromkeys(before.words(text)))[:10]

    return {
        "before": segment_matcher(
            before.index_terms, lambda text: [terms] if (terms := before_terms(text)) else []
        ),
        "new": segment_matcher(segment.index_terms, segment.query_groups),
        "substring": substring_matcher(),
    }


def warm_up(all_matchers):
    """Load dictionaries before timing: the first call of each segmenter reads its files."""
    for index, prepare, _match in all_matchers.values():
        index("ประกาศสำนักงานสาธารณสุขจังหวัด 2567")
        prepare("ประกาศ")


def run(name="main"):
    titles_file, queries_file = SETS[name]
    titles = [title for _category, title in load_titles(DATA / titles_file)]
    queries = load_queries(DATA / queries_file)
    truth = ground_truth(queries, titles)
    judged = sum(len(found) for found in truth.values())
    exclusions = sum(len(query.get("exclude", {})) for query in queries)
    all_matchers = matchers()
    warm_up(all_matchers)
    results = {name: evaluate(m, titles, queries, truth) for name, m in all_matchers.items()}
    return {
        "set": name,
        "titles": len(titles),
        "queries": len(queries),
        "judged_pairs": judged,
        "judged_exclusions": exclusions,
        "results": results,
    }, titles


def print_report(report, titles, show):
    print(
        f"Evaluation set '{report['set']}': {report['titles']} titles, "
        f"{report['queries']} queries, "
        f"{report['judged_pairs']} relevant (query, title) pairs, "
        f"{report['judged_exclusions']} judged exclusions"
    )
    print(
        f"{'matcher':<10} {'recall':>7} {'precision':>9} {'F1':>6} {'found':>6} "
        f"{'µs/title':>9} {'µs/query':>9} {'terms/title':>11}"
    )
    for name, result in report["results"].items():
        terms = result["terms_per_title"]
        print(
            f"{name:<10} {result['recall']:>7.3f} {result['precision']:>9.3f} "
            f"{result['f1']:>6.3f} {result['found']:>6} {result['us_per_title']:>9.1f} "
            f"{result['us_per_query']:>9.1f} {terms if terms is not None else '-':>11}"
        )
    for name in show:
        print(f"\nQueries where '{name}' misses or finds wrongly:")
        for query in report["results"][name]["queries"]:
            if not (query["missed"] or query["false"]):
                continue
            print(f"  {query['q']} ({query['class']}): {query['relevant']} relevant")
            for label, ids in (("missed", query["missed"]), ("false hit", query["false"])):
                for i in ids[:6]:
                    print(f"    {label}: {titles[i]}")
                if len(ids) > 6:
                    print(f"    ... and {len(ids) - 6} more {label}s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument(
        "--show",
        action="append",
        default=None,
        choices=["new", "before", "substring"],
        help="list the misses and false hits of this matcher (default: new)",
    )
    parser.add_argument(
        "--set",
        action="append",
        choices=list(SETS),
        help="which evaluation set (default: both, the held-out one after the main one)",
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moit_site.settings")
    reports = []
    for name in args.set or list(SETS):
        report, titles = run(name)
        reports.append(report)
        if not args.json:
            print_report(report, titles, args.show or ["new"])
            print()
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
