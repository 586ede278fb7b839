from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '__init__.py.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_header = resolve('header')
    l_0_package = resolve('package')
    l_0_imports = resolve('imports')
    l_0_all_exports = resolve('all_exports')
    try:
        t_1 = environment.filters['docstring']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'docstring' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['pystr']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'pystr' found.")
    pass
    yield str((undefined(name='header') if l_0_header is missing else l_0_header))
    yield '\n"""'
    yield str(t_1(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'title'), 0))
    if environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'version'):
        pass
        yield ' (version '
        yield str(t_1(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'version'), 0))
        yield ')'
    yield ': typed models'
    if environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'has_pollers'):
        pass
        yield ' and pollers'
    yield '.\n'
    if environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'description'):
        pass
        yield '\n'
        yield str(t_1(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'description'), 0))
        yield '\n'
    yield '"""\n\n'
    yield str(t_2(context.eval_ctx, (undefined(name='imports') if l_0_imports is missing else l_0_imports), '\n'))
    yield '\n\n__all__ = [\n'
    for l_1_name in (undefined(name='all_exports') if l_0_all_exports is missing else l_0_all_exports):
        _loop_vars = {}
        pass
        yield '    '
        yield str(t_3(l_1_name))
        yield ',\n'
    l_1_name = missing
    yield ']\n'

blocks = {}
debug_info = '1=33&2=35&3=46&5=49&9=52&12=54&13=58'