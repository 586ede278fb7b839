from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'pollers.py.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_package = resolve('package')
    l_0_imports = resolve('imports')
    l_0_body = resolve('body')
    try:
        t_1 = environment.filters['docstring']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'docstring' found.")
    try:
        t_2 = environment.filters['pystr']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'pystr' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n'
    if environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'lro_pollers'):
        pass
        yield '"""Pollers of '
        yield str(t_1(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'title'), 0))
        yield ': wait for operations to finish.\n\nA status resource\'s poller takes any fetch callable; `from_url`, `from_response` and\n`from_client` bind it to an httpx client (the optional `httpx` extra). A long-running\noperation\'s poller starts `from_response`, the initial response of your own call.\n"""\n'
    else:
        pass
        yield '"""Pollers of '
        yield str(t_1(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'title'), 0))
        yield ': wait for an operation\'s status resource.\n\nEach poller takes any fetch callable; `from_url`, `from_response` and `from_client` bind it\nto an httpx client (the optional `httpx` extra).\n"""\n'
    yield '\nfrom __future__ import annotations\n\n'
    yield str((undefined(name='imports') if l_0_imports is missing else l_0_imports))
    yield '\n\n__all__ = [\n'
    for l_1_name in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'poller_exports'):
        _loop_vars = {}
        pass
        yield '    '
        yield str(t_2(l_1_name))
        yield ',\n'
    l_1_name = missing
    yield ']\n'
    yield str((undefined(name='body') if l_0_body is missing else l_0_body))
    yield '\n'

blocks = {}
debug_info = '1=27&2=29&3=32&10=37&19=40&22=42&23=46&26=50'