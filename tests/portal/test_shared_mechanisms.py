"""The shared mechanisms know no scheme: a second scheme adds its model, form and admin only."""

import ast
import inspect

import pytest

from portal import admin_base, application_views, claims, journey, services, tasks, workflow

SHARED = [workflow, claims, journey, services, application_views, admin_base, tasks]


def code_words(module):
    """Names, imports and string literals of a module's code; comments and docstrings are prose."""
    tree = ast.parse(inspect.getsource(module))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, ast.Attribute):
            yield node.attr
        elif isinstance(node, ast.ImportFrom):
            yield node.module or ""
        elif isinstance(node, ast.alias):
            yield node.name
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.value


@pytest.mark.parametrize("module", SHARED, ids=lambda m: m.__name__)
def test_shared_code_has_no_scheme_specific_branch(module):
    words = [word for word in code_words(module) if "subsid" in word.lower() or "internship" in word.lower()]
    assert words == [], f"{module.__name__} names a scheme: {words}"


def test_the_check_sees_scheme_names():
    """The check itself can fail: the subsidy's own views do name their scheme."""
    from subsidies import views

    assert any("Subsidy" in word for word in code_words(views))
