from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '__main__.py.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_package = resolve('package')
    l_0_poller_import = resolve('poller_import')
    try:
        t_1 = environment.filters['names_table']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'names_table' found.")
    try:
        t_2 = environment.filters['pystr']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'pystr' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n"""``python -m '
    yield str(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'name'))
    yield ' wait URL``: wait for an operation from a terminal."""\n\nimport sys\n\nfrom ._wait import Target, run\n'
    yield str((undefined(name='poller_import') if l_0_poller_import is missing else l_0_poller_import))
    yield '\n\nTARGETS = [\n'
    for l_1_poller in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'pollers'):
        _loop_vars = {}
        pass
        yield '    Target(\n        '
        yield str(t_2(environment.getattr(l_1_poller, 'name')))
        yield ',\n        '
        yield str(environment.getattr(l_1_poller, 'name'))
        yield ',\n        '
        yield str(t_2(environment.getattr(environment.getattr(l_1_poller, 'endpoint'), 'path')))
        yield ',\n        '
        yield str(t_1(environment.getattr(environment.getattr(l_1_poller, 'endpoint'), 'path_parameters'), 8))
        yield ',\n    ),\n'
    l_1_poller = missing
    yield ']\n\nif __name__ == "__main__":\n    sys.exit(run('
    yield str(t_2(str_join(('python -m ', environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'name'), ))))
    yield ', TARGETS))\n'

blocks = {}
debug_info = '1=26&2=28&7=30&10=32&12=36&13=38&14=40&15=42&21=46'