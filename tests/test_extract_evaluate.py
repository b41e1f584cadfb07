"""The extraction measures: words kept, extra, in order, running lines, loose accents."""
from reformtrace.extract.evaluate import score_page, tokens

GOLD = ("Regionen inför mobila team för äldre.\n\n"
        "Hälso- och sjukvården ska bli mer nära och kompetensförsörjningen ska stärkas.")


def test_tokens_fold_case_and_drop_the_punctuation_around_words():
    assert tokens("Hälso- och SJUKVÅRDEN, e-hälsa (2015−2016).") == ["hälso", "och", "sjukvården", "e-hälsa", "2015-2016"]


def test_a_perfect_page():
    s = score_page(GOLD, GOLD.replace("\n\n", "\n"), running=["Prop. 2013/14:104", "19"])
    assert (s.gold, s.kept, s.ordered, s.output, s.extra, s.running_left, s.loose_accents) == (17, 17, 17, 17, 0, 0, 0)


def test_cut_words_interleaved_order_running_lines_and_loose_accents_are_counted():
    damaged = ("Prop. 2013/14:104 Hälso- och sjukvården ska bli mer nära och kompetens försörjningen ska stärkas. "
               "Regionen inför mobila team för a \u0308ldre. 19")
    s = score_page(GOLD, damaged, running=["Prop. 2013/14:104", "19"])
    assert s.gold == 17
    assert s.kept == 15  # "kompetensförsörjningen" cut in two, "äldre" broken by a loose accent
    assert s.extra == 9  # "kompetens", "försörjningen", "a", "ldre", the running header's 4 words and "19"
    assert s.ordered == 10  # the longer paragraph in order; the first one came after it
    assert s.running_left == 2
    assert s.loose_accents == 1


def test_a_paragraph_carried_over_from_the_previous_page_is_not_lost():
    s = score_page("och sjukvården ska bli mer nära.", "", lent="Hälso- och sjukvården ska bli mer nära.")
    assert (s.kept, s.extra) == (6, 0)


def test_the_default_pdf_folder_is_found_above_a_worktree(tmp_path):
    from pathlib import Path

    from reformtrace.extract.evaluate import DEFAULT_PDFS, pdfs_folder

    (tmp_path / "shared" / "realpdfs").mkdir(parents=True)
    worktree = tmp_path / "wt" / "extract"
    worktree.mkdir(parents=True)
    assert pdfs_folder(DEFAULT_PDFS, worktree) == (tmp_path / "shared" / "realpdfs").resolve()
    assert pdfs_folder(Path("elsewhere"), worktree) == Path("elsewhere")  # a folder given is kept as given
