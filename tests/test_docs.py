"""The README is kept true: every command, setting and checker rule a user can meet is documented."""

import re
from pathlib import Path

from xaso import cli
from xaso.checks.model import KINDS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_every_command_is_in_the_readme():
    commands = re.findall(r"^\s+xaso ([a-z-]+)", cli.USAGE, re.M)
    assert commands
    for command in commands:
        if command != "help":
            assert f"xaso {command}" in README, command


def test_every_option_of_demo_and_serve_is_in_the_readme():
    for parser in (cli.demo_parser(), cli.serve_parser()):
        for action in parser._actions:
            for name in [*action.option_strings, action.metavar]:
                if name and name not in ("-h", "--help"):
                    assert name in README, (parser.prog, name)
    assert "xaso demo 127.0.0.1:8001" in README and "xaso demo --reset-passwords" in README


def test_every_setting_is_in_the_readme():
    settings = set(re.findall(r"XASO_[A-Z_]+", (ROOT / "xaso" / "settings.py").read_text()))
    assert {s for s in settings if s not in README} == set()


def test_every_checker_rule_is_in_the_readme():
    for label in KINDS.values():
        assert label in README, label


def test_the_readme_has_the_two_commands():
    assert "make demo" in README and "make test" in README
