"""recviewer entry point: --help without Qt, --diff reserved, --screenshot."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtGui import QImage

from recviewer.app import build_parser, main
from recviewer.ui.window.recent_paths import default_path
from tests.corpus_paths import CORPUS, SEED


def test_help_does_not_load_qt():
    code = (
        "import sys\n"
        "from recviewer.app import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit as e:\n    assert e.code == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "usage: recviewer" in out.stdout
    assert out.stdout.strip().endswith("[]")


def test_diff_of_missing_files_is_one_line(capsys):  # more in test_integration_compare
    assert main(["--diff", "a.json", "b.json"]) == 1
    assert capsys.readouterr().err == "recviewer: --diff: a.json: no such file\n"


def test_missing_path_is_one_line_on_stderr(capsys, tmp_path):
    assert main([str(tmp_path / "nope")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file or folder" in err


def test_parser_sizes_and_default_path(tmp_path):
    args = build_parser().parse_args(["--screenshot", "x.png", "--size", "1024x768", "--tab", "raw"])
    assert args.size == (1024, 768) and args.tab == "raw" and args.paths == []
    assert default_path(str(tmp_path)) == str(tmp_path)
    samples = default_path(str(tmp_path / "gone"))
    assert samples is None or samples.endswith("samples")


def test_screenshot_of_the_seed(qtbot, tmp_path):
    out = tmp_path / "shot.png"
    code = main(["--screenshot", str(out), "--select", SEED.name, "--size", "1000x700",
                 str(CORPUS / "recordings")])
    assert code == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)


def test_screenshot_of_a_file_on_the_raw_tab(qtbot, tmp_path):
    out = tmp_path / "raw.png"
    assert main(["--screenshot", str(out), "--tab", "raw", str(SEED)]) == 0
    assert not QImage(str(out)).isNull()


def test_screenshot_with_unknown_selection_fails(qtbot, tmp_path, capsys):
    out = tmp_path / "none.png"
    assert main(["--screenshot", str(out), "--select", "no-such-test", str(CORPUS / "recordings")]) == 1
    assert "no recording matches" in capsys.readouterr().err
