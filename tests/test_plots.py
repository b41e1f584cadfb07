"""The PNG plots, read back pixel by pixel: cells coloured by their counts and
carrying their numbers, texts placed and turned about their anchors, one
line per label in the theme-spread chart."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from outputs_fixtures import results
from reformtrace.matrix import build_tables, vocabulary
from reformtrace.report import plots
from reformtrace.report.plots import Canvas, heatmap_layout, line_colour, nice_ticks, shade


@pytest.fixture(scope="module")
def tables():
    return build_tables(results(), vocabulary())


def _image(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.mode == "RGB"
    return image


def _ink_box(image: Image.Image) -> tuple[int, int, int, int]:
    """left, top, right, bottom (exclusive) of everything not white."""
    return Image.eval(image.convert("L"), lambda v: 255 - v).getbbox()


def test_shade_runs_through_the_blues_from_light_to_dark():
    assert shade(0) == (247, 251, 255)
    assert shade(0.5) == (107, 174, 214)  # the middle of the nine colours
    assert shade(1) == (8, 48, 107)
    assert shade(1 / 16) == (234, 243, 251)  # halfway between the first two (234.5 rounds to even)
    assert shade(-1) == shade(0) and shade(2) == shade(1)


def test_nice_ticks_are_round_steps_covering_the_span():
    assert nice_ticks(0, 11, most=7) == [0, 2, 4, 6, 8, 10]
    assert nice_ticks(-1.7, 37.3) == [0, 5, 10, 15, 20, 25, 30, 35]
    assert nice_ticks(0, 1, most=7) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert nice_ticks(0.95, 1.05) == [0.96, 0.98, 1.0, 1.02, 1.04]


def test_heatmap_cells_are_coloured_by_count_and_carry_their_number(tables):
    layout = heatmap_layout(tables, "intervention")
    image = _image(plots.heatmap(tables, "intervention")["heatmap_region_intervention.png"])
    assert image.size == (layout.width, layout.height)
    halland, mobila = layout.regions.index("13 Halland"), layout.names.index("Mobila team")
    assert layout.values[halland][mobila] == 2 and layout.top_value == 2
    counted = 0
    for i, row in enumerate(layout.values):
        for j, value in enumerate(row):
            left, top, right, bottom = layout.cell(i, j)
            inside = image.crop((left + 2, top + 2, right - 2, bottom - 2))
            colours = {colour for _, colour in inside.getcolors(maxcolors=10_000)}
            fill = shade(value / layout.top_value)
            assert image.getpixel((left + 3, top + 3)) == fill
            if value == 0:
                assert colours == {fill}
            else:  # white figures on the darkest cells, black on the others
                counted += 1
                light = value > 0.6 * layout.top_value
                assert any(min(c) > 240 if light else max(c) < 60 for c in colours), (layout.regions[i], layout.names[j])
    assert counted == sum(v > 0 for row in layout.values for v in row) == 8


def test_heatmap_leaves_a_white_margin_and_names_every_row(tables):
    layout = heatmap_layout(tables, "goal")
    image = _image(plots.heatmap(tables, "goal")["heatmap_region_goal.png"])
    left, top, right, bottom = _ink_box(image)
    assert left >= 20 and top >= 20 and right <= image.width - 20 and bottom <= image.height - 20
    for i in range(len(layout.regions)):  # each row's name ends left of the grid, beside its row
        _, row_top, _, row_bottom = layout.cell(i, 0)
        label = image.crop((0, row_top + 4, layout.left - 6, row_bottom - 4))
        assert _ink_box(label) is not None


def test_text_turns_about_its_anchor():
    width, height = plots.text_size("Västra Götaland", 10)
    flat, turned = Canvas(300, 300), Canvas(300, 300)
    flat.text((150, 150), "Västra Götaland", 10, "ra")
    turned.text((150, 150), "Västra Götaland", 10, "ra", degrees=90)
    left, top, right, bottom = _ink_box(flat.image)
    assert abs(right - 150) <= 2 and abs(left - (150 - width)) <= 2 and 150 <= top and bottom <= 150 + height
    # a quarter turn anticlockwise: the end of the text stands at the anchor, the text hangs below it
    left, top, right, bottom = _ink_box(turned.image)
    assert abs(top - 150) <= 2 and abs(bottom - (150 + width)) <= 2 and 150 <= left and right <= 150 + height + 1


def test_spread_chart_draws_every_label_in_its_own_colour(tables):
    image = _image(plots.spread(tables)["theme_spread.png"])
    colours = {colour for _, colour in image.getcolors(maxcolors=1_000_000)}
    lines = max(len(tables.spread.xs(d, level="dimension")) for d in ("goal", "intervention"))
    assert lines == len(vocabulary().labels["intervention"]) == 15
    for n in range(lines):
        target = line_colour(n)
        assert any(all(abs(a - b) <= 2 for a, b in zip(colour, target)) for colour in colours), n
    left, top, right, bottom = _ink_box(image)
    assert left >= 20 and top >= 20 and right <= image.width - 20 and bottom <= image.height - 20
