from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_pollers_body.py.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_package = resolve('package')
    try:
        t_1 = environment.filters['close_docstring']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'close_docstring' found.")
    try:
        t_2 = environment.filters['docstring']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'docstring' found.")
    try:
        t_3 = environment.filters['pystr']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'pystr' found.")
    try:
        t_4 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    l_1_loop = missing
    for l_1_poller, l_1_loop in LoopContext(environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'pollers'), undefined):
        l_1_endpoint = missing
        _loop_vars = {}
        pass
        l_1_endpoint = environment.getattr(l_1_poller, 'endpoint')
        _loop_vars['endpoint'] = l_1_endpoint
        l_2_loop = missing
        for l_2_cls, l_2_loop in LoopContext(environment.getattr(l_1_poller, 'classes'), undefined):
            l_2_poller_base = resolve('poller_base')
            l_2_model = resolve('model')
            l_2_typing = resolve('typing')
            l_2_kinds = resolve('kinds')
            l_2_use = resolve('use')
            l_2_from_client = resolve('from_client')
            l_2_name = l_2_signature = l_2_call = missing
            _loop_vars = {}
            pass
            l_2_name = environment.getattr(l_2_cls, 'name')
            _loop_vars['name'] = l_2_name
            yield '\n\nclass '
            yield str((undefined(name='name') if l_2_name is missing else l_2_name))
            yield '('
            yield str(context.call((undefined(name='poller_base') if l_2_poller_base is missing else l_2_poller_base), l_1_poller, environment.getattr(l_2_cls, 'base'), _loop_vars=_loop_vars))
            yield '):\n    """'
            t_5 = []
            pass
            t_5.extend((
                str(environment.getattr(l_2_cls, 'label')),
                ' for ',
                str(environment.getattr(l_1_poller, 'model')),
                ': ``GET ',
                str(t_2(environment.getattr((undefined(name='endpoint') if l_1_endpoint is missing else l_1_endpoint), 'path'), 4)),
                '``.\n',
            ))
            if environment.getattr(l_1_poller, 'result_type'):
                pass
                t_5.extend((
                    '\n    The operation answers 202 with a ',
                    str(environment.getattr(l_1_poller, 'model')),
                    ' while the job runs and 200 with the\n    result when it is done; ``wait()`` returns the result.\n',
                ))
            if environment.getattr(l_1_poller, 'unwrap'):
                pass
                t_5.extend((
                    '\n    The operation wraps the status in ``{"',
                    str(t_2(environment.getattr(l_1_poller, 'unwrap'), 4)),
                    '": {...}}``; the poller unwraps it.\n',
                ))
            if environment.getattr((undefined(name='endpoint') if l_1_endpoint is missing else l_1_endpoint), 'description'):
                pass
                t_5.extend((
                    '\n    ',
                    str(t_2(environment.getattr((undefined(name='endpoint') if l_1_endpoint is missing else l_1_endpoint), 'description'), 4)),
                    '\n',
                ))
            yield t_1(concat(t_5), 4)
            yield '\n\n    _model = '
            yield str(context.call((undefined(name='model') if l_2_model is missing else l_2_model), environment.getattr(l_1_poller, 'model'), _loop_vars=_loop_vars))
            yield '\n    _path = '
            yield str(t_3(environment.getattr((undefined(name='endpoint') if l_1_endpoint is missing else l_1_endpoint), 'path')))
            yield '\n'
            if environment.getattr(l_1_poller, 'headers'):
                pass
                yield '    _headers = {'
                l_3_loop = missing
                for (l_3_key, l_3_value), l_3_loop in LoopContext(environment.getattr(l_1_poller, 'headers'), undefined):
                    _loop_vars = {}
                    pass
                    yield str(t_3(l_3_key))
                    yield ': '
                    yield str(t_3(l_3_value))
                    if (not environment.getattr(l_3_loop, 'last')):
                        pass
                        yield ', '
                l_3_loop = l_3_key = l_3_value = missing
                yield '}\n'
            if (not t_4(environment.getattr(l_1_poller, 'cancel_suffix'))):
                pass
                yield '    _cancel_suffix = '
                yield str(t_3(environment.getattr(l_1_poller, 'cancel_suffix')))
                yield '\n    _cancel_method = '
                yield str(t_3(environment.getattr(l_1_poller, 'cancel_method')))
                yield '\n'
            if environment.getattr(l_1_poller, 'unwrap'):
                pass
                yield '    _unwrap = '
                yield str(t_3(environment.getattr(l_1_poller, 'unwrap')))
                yield '\n'
            if environment.getattr(l_1_poller, 'status_header'):
                pass
                yield '    _status_header = '
                yield str(t_3(environment.getattr(l_1_poller, 'status_header')))
                yield '\n'
            if environment.getattr(l_1_poller, 'keep_slashes'):
                pass
                yield '    _keep_slashes = ('
                for l_3_name in environment.getattr(l_1_poller, 'keep_slashes'):
                    _loop_vars = {}
                    pass
                    yield str(t_3(l_3_name))
                    yield ', '
                l_3_name = missing
                yield ')\n'
            yield '    _name = '
            yield str(t_3(environment.getattr(l_1_poller, 'token_name')))
            yield '\n'
            if environment.getattr(l_1_poller, 'result_type'):
                pass
                yield '\n    def _parse_result(self, data: '
                yield str(context.call((undefined(name='typing') if l_2_typing is missing else l_2_typing), 'Any', _loop_vars=_loop_vars))
                yield ') -> '
                yield str(context.call(environment.getattr((undefined(name='kinds') if l_2_kinds is missing else l_2_kinds), 'annotation'), environment.getattr(l_1_poller, 'result_type'), _loop_vars=_loop_vars))
                yield ':\n        return '
                yield str(context.call((undefined(name='use') if l_2_use is missing else l_2_use), 'parse_payload', _loop_vars=_loop_vars))
                yield '('
                yield str(context.call(environment.getattr((undefined(name='kinds') if l_2_kinds is missing else l_2_kinds), 'parser'), environment.getattr(l_1_poller, 'result_type'), _loop_vars=_loop_vars))
                yield ', data)\n'
            (l_2_signature, l_2_call) = context.call((undefined(name='from_client') if l_2_from_client is missing else l_2_from_client), l_1_poller, l_2_cls, _loop_vars=_loop_vars)
            _loop_vars.update({'call': l_2_call, 'signature': l_2_signature})
            yield '\n    @classmethod\n    '
            yield str((undefined(name='signature') if l_2_signature is missing else l_2_signature))
            yield '\n        """A poller on an httpx client whose ``base_url`` is the API\'s server."""\n        '
            yield str((undefined(name='call') if l_2_call is missing else l_2_call))
            yield '\n'
        l_2_loop = l_2_cls = l_2_name = l_2_poller_base = l_2_model = l_2_typing = l_2_kinds = l_2_use = l_2_from_client = l_2_signature = l_2_call = missing
    l_1_loop = l_1_poller = l_1_endpoint = missing
    for l_1_lro in environment.getattr((undefined(name='package') if l_0_package is missing else l_0_package), 'lro_pollers'):
        _loop_vars = {}
        pass
        for l_2_cls in environment.getattr(l_1_lro, 'classes'):
            l_2_lro_base = resolve('lro_base')
            l_2_lro_operation = resolve('lro_operation')
            l_2_typing = resolve('typing')
            l_2_kinds = resolve('kinds')
            l_2_use = resolve('use')
            _loop_vars = {}
            pass
            yield '\n\nclass '
            yield str(environment.getattr(l_2_cls, 'name'))
            yield '('
            yield str(context.call((undefined(name='lro_base') if l_2_lro_base is missing else l_2_lro_base), l_1_lro, environment.getattr(l_2_cls, 'base'), _loop_vars=_loop_vars))
            yield '):\n    """'
            t_6 = []
            pass
            t_6.extend((
                str(environment.getattr(l_2_cls, 'label')),
                ' for ``',
                str(environment.getattr(l_1_lro, 'method')),
                ' ',
                str(t_2(environment.getattr(l_1_lro, 'path'), 4)),
                '``, a long-running operation.\n\n    Give ``from_response`` the initial response of your own call; ``wait()`` returns\n    ',
                str(environment.getattr(l_1_lro, 'returns')),
                '.\n',
            ))
            if environment.getattr(l_1_lro, 'description'):
                pass
                t_6.extend((
                    '\n    ',
                    str(t_2(environment.getattr(l_1_lro, 'description'), 4)),
                    '\n',
                ))
            yield t_1(concat(t_6), 4)
            yield '\n\n    _operation = '
            yield str(context.call((undefined(name='lro_operation') if l_2_lro_operation is missing else l_2_lro_operation), l_1_lro, l_2_cls, _loop_vars=_loop_vars))
            yield '\n'
            if (not t_4(environment.getattr(l_1_lro, 'result'))):
                pass
                yield '\n    def _parse_result(self, data: '
                yield str(context.call((undefined(name='typing') if l_2_typing is missing else l_2_typing), 'Any', _loop_vars=_loop_vars))
                yield ') -> '
                yield str(context.call(environment.getattr((undefined(name='kinds') if l_2_kinds is missing else l_2_kinds), 'annotation'), environment.getattr(l_1_lro, 'result'), _loop_vars=_loop_vars))
                yield ':\n        return '
                yield str(context.call((undefined(name='use') if l_2_use is missing else l_2_use), 'parse_payload', _loop_vars=_loop_vars))
                yield '('
                yield str(context.call(environment.getattr((undefined(name='kinds') if l_2_kinds is missing else l_2_kinds), 'parser'), environment.getattr(l_1_lro, 'result'), _loop_vars=_loop_vars))
                yield ', data)\n'
        l_2_cls = l_2_lro_base = l_2_lro_operation = l_2_typing = l_2_kinds = l_2_use = missing
    l_1_lro = missing

blocks = {}
debug_info = '1=37&2=41&3=44&4=54&7=57&8=64&9=71&11=75&14=78&16=82&18=85&20=89&8=92&25=94&26=96&27=98&28=102&30=113&31=116&32=118&34=120&35=123&37=125&38=128&40=130&41=133&43=141&44=143&46=146&47=150&49=154&52=157&54=159&57=163&58=166&61=175&62=182&65=188&66=191&68=195&62=198&73=200&74=202&76=205&77=209'