"""Training curves end to end: the demo's two-instance k-means job (run 10x faster) through the real
binary, its curves page written and embedded in the KFP UI metadata, then looked at in a real browser
(headless Chromium, from scripts/setup.sh) and the screenshot's pixels checked: each instance's line is
drawn, in its colour, going down as the loss does."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from tests.e2e.harness import ROOT, Emulator, run_program, static_key_env
from tests.e2e.jobs import job_args, replace_arg
from tests.e2e.png_pixels import pixels

KMEANS_MSD = r"#quality_metric: host=\S+, epoch=\S+, train msd <loss>=(\S+)"
LINE_COLOURS = {"algo-1": (0x1F, 0x77, 0xB4), "algo-2": (0xFF, 0x7F, 0x0E)}
BROWSER = "chromium-headless-shell"


def near(pixel, colour, tolerance=24):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


def plot_frame(rows):
    """(left, top, right, bottom) of the first chart's plot area: the rows crossed by its grey frame."""
    def grey(p):
        return p[0] == p[1] == p[2] and p[0] <= 0xD8
    frame_rows = [y for y, row in enumerate(rows) if sum(1 for p in row if grey(p)) > 400]
    if not frame_rows:
        raise AssertionError("no chart frame in the screenshot")
    top = frame_rows[0]
    xs = [x for x, p in enumerate(rows[top]) if grey(p)]
    bottom = max(y for y in frame_rows if y - top < 400)
    return xs[0], top, xs[-1], bottom


def screenshot(page, png, width=800, height=700):
    browser = shutil.which(BROWSER)
    if browser is None:
        raise AssertionError(f"{BROWSER} is not installed: run scripts/setup.sh")
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--window-size={width},{height}", f"--screenshot={png}", "file://" + page],
                   check=True, capture_output=True, timeout=60)


class CurvesInABrowserTest(unittest.TestCase):
    def test_demo_curves_page_draws_a_falling_line_per_instance(self):
        with tempfile.TemporaryDirectory(prefix="curves-e2e-") as out, \
                Emulator(os.path.join(ROOT, "tests/emulator/scenarios/demo.json"), time_scale=10) as emu:
            page = os.path.join(out, "curves", "training-curves.html")
            definitions = json.dumps({"train:msd": KMEANS_MSD, "named": r"msd <loss>=(?P<v>\S+)"})
            args = job_args("curves-e2e", out, instances=2, poll="0.2", ui_outputs=True,
                            extra=["--metric_definitions", definitions, "--curves_output_path", page])
            args = replace_arg(args, "--region", "us-west-2")  # the demo scenario's region
            rc, stdout, stderr = run_program(args, static_key_env(emu, "us-west-2"), timeout=60)
            self.assertEqual(rc, 0, stdout + stderr)

            # Said at start, not a failure: this regex uses a construct the program cannot evaluate.
            self.assertRegex(stdout, r"warning: metric named \(regex .*\) will have no curve: it uses a named group")
            # The summary: first, best, last over both instances (40 lines each in the scenario).
            self.assertRegex(stdout, r"metric train:msd: first 1\.8\d* \(algo-1\), best 0\.\d+ \(lowest, algo-\d\), "
                                     r"last 0\.\d+ \(algo-2\); 80 points from 2 instances")

            with open(page, encoding="utf-8") as f:
                html = f.read()
            for instance in LINE_COLOURS:
                self.assertEqual(html.count(f'<path class="line" data-instance="{instance}"'), 1, instance)
            with open(os.path.join(out, "mlpipeline-ui-metadata.json"), encoding="utf-8") as f:
                outputs = json.load(f)["outputs"]
            self.assertEqual([o["type"] for o in outputs], ["markdown", "web-app"])
            self.assertEqual(outputs[1], {"type": "web-app", "storage": "inline", "source": html})

            png = os.path.join(out, "curves.png")
            screenshot(page, png)
            _, _, rows = pixels(png)
            left_edge, top, right_edge, bottom = plot_frame(rows)
            self.assertGreater(right_edge - left_edge, 400)
            self.assertGreater(bottom - top, 150)
            for instance, colour in LINE_COLOURS.items():
                drawn = [(x, y) for y in range(top + 1, bottom) for x in range(left_edge + 1, right_edge)
                         if near(rows[y][x], colour)]
                # A 2-px line across most of the plot, and its final-value dot.
                self.assertGreater(len(drawn), 400, instance)
                xs = sorted(x for x, _ in drawn)
                left, right = xs[len(xs) // 10], xs[-len(xs) // 10]
                self.assertGreater(right - left, 300, f"{instance}'s line spans the time axis")
                # The loss falls: the line's left end is higher on screen than its right end.
                def mean_y(lo, hi):
                    ys = [y for x, y in drawn if lo <= x <= hi]
                    return sum(ys) / len(ys)
                self.assertLess(mean_y(left, left + 40), mean_y(right - 40, right) - 50, instance)


if __name__ == "__main__":
    unittest.main()
