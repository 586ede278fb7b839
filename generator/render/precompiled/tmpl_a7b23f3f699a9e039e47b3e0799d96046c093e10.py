from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_pollers_body.py.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_poller_item = l_0_lro_item = missing
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
    def macro(l_1_poller, l_1_cls):
        t_5 = []
        l_1_poller_base = resolve('poller_base')
        l_1_model = resolve('model')
        l_1_typing = resolve('typing')
        l_1_kinds = resolve('kinds')
        l_1_use = resolve('use')
        l_1_from_client = resolve('from_client')
        l_1_endpoint = l_1_name = l_1_signature = l_1_call = missing
        if l_1_poller is missing:
            l_1_poller = undefined("parameter 'poller' was not provided", name='poller')
        if l_1_cls is missing:
            l_1_cls = undefined("parameter 'cls' was not provided", name='cls')
        pass
        l_1_endpoint = environment.getattr(l_1_poller, 'endpoint')
        l_1_name = environment.getattr(l_1_cls, 'name')
        t_5.extend((
            '\n\nclass ',
            str((undefined(name='name') if l_1_name is missing else l_1_name)),
            '(',
            str(context.call((undefined(name='poller_base') if l_1_poller_base is missing else l_1_poller_base), l_1_poller, environment.getattr(l_1_cls, 'base'))),
            '):\n    """',
        ))
        t_6 = []
        pass
        t_6.extend((
            str(environment.getattr(l_1_cls, 'label')),
            ' for ',
            str(environment.getattr(l_1_poller, 'model')),
            ': ``GET ',
            str(t_2(environment.getattr((undefined(name='endpoint') if l_1_endpoint is missing else l_1_endpoint), 'path'), 4)),
            '``.\n',
        ))
        if environment.getattr(l_1_poller, 'result_type'):
            pass
            t_6.extend((
                '\n    The operation answers 202 with a ',
                str(environment.getattr(l_1_poller, 'model')),
                ' while the job runs and 200 with the\n    result when it is done; ``wait()`` returns the result.\n',
            ))
        if environment.getattr(l_1_poller, 'unwrap'):
            pass
            t_6.extend((
                '\n    The operation wraps the status in ``{"',
                str(t_2(environment.getattr(l_1_poller, 'unwrap'), 4)),
                '": {...}}``; the poller unwraps it.\n',
            ))
        if environment.getattr((undefined(name='endpoint') if l_1_endpoint is missing else l_1_endpoint), 'description'):
            pass
            t_6.extend((
                '\n    ',
                str(t_2(environment.getattr((undefined(name='endpoint') if l_1_endpoint is missing else l_1_endpoint), 'description'), 4)),
                '\n',
            ))
        t_5.append(t_1(concat(t_6), 4))
        t_5.extend((
            '\n\n    _model = ',
            str(context.call((undefined(name='model') if l_1_model is missing else l_1_model), environment.getattr(l_1_poller, 'model'))),
            '\n    _path = ',
            str(t_3(environment.getattr((undefined(name='endpoint') if l_1_endpoint is missing else l_1_endpoint), 'path'))),
            '\n',
        ))
        if environment.getattr(l_1_poller, 'headers'):
            pass
            t_5.append(
                '    _headers = {',
            )
            l_2_loop = missing
            for (l_2_key, l_2_value), l_2_loop in LoopContext(environment.getattr(l_1_poller, 'headers'), undefined):
                _loop_vars = {}
                pass
                t_5.extend((
                    str(t_3(l_2_key)),
                    ': ',
                    str(t_3(l_2_value)),
                ))
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    t_5.append(
                        ', ',
                    )
            l_2_loop = l_2_key = l_2_value = missing
            t_5.append(
                '}\n',
            )
        if (not t_4(environment.getattr(l_1_poller, 'cancel_suffix'))):
            pass
            t_5.extend((
                '    _cancel_suffix = ',
                str(t_3(environment.getattr(l_1_poller, 'cancel_suffix'))),
                '\n    _cancel_method = ',
                str(t_3(environment.getattr(l_1_poller, 'cancel_method'))),
                '\n',
            ))
        if environment.getattr(l_1_poller, 'unwrap'):
            pass
            t_5.extend((
                '    _unwrap = ',
                str(t_3(environment.getattr(l_1_poller, 'unwrap'))),
                '\n',
            ))
        if environment.getattr(l_1_poller, 'status_header'):
            pass
            t_5.extend((
                '    _status_header = ',
                str(t_3(environment.getattr(l_1_poller, 'status_header'))),
                '\n',
            ))
        if environment.getattr(l_1_poller, 'keep_slashes'):
            pass
            t_5.append(
                '    _keep_slashes = (',
            )
            for l_2_name in environment.getattr(l_1_poller, 'keep_slashes'):
                _loop_vars = {}
                pass
                t_5.extend((
                    str(t_3(l_2_name)),
                    ', ',
                ))
            l_2_name = missing
            t_5.append(
                ')\n',
            )
        t_5.extend((
            '    _name = ',
            str(t_3(environment.getattr(l_1_poller, 'token_name'))),
            '\n',
        ))
        if environment.getattr(l_1_poller, 'result_type'):
            pass
            t_5.extend((
                '\n    def _parse_result(self, data: ',
                str(context.call((undefined(name='typing') if l_1_typing is missing else l_1_typing), 'Any')),
                ') -> ',
                str(context.call(environment.getattr((undefined(name='kinds') if l_1_kinds is missing else l_1_kinds), 'annotation'), environment.getattr(l_1_poller, 'result_type'))),
                ':\n        return ',
                str(context.call((undefined(name='use') if l_1_use is missing else l_1_use), 'parse_payload')),
                '(',
                str(context.call(environment.getattr((undefined(name='kinds') if l_1_kinds is missing else l_1_kinds), 'parser'), environment.getattr(l_1_poller, 'result_type'))),
                ', data)\n',
            ))
        (l_1_signature, l_1_call) = context.call((undefined(name='from_client') if l_1_from_client is missing else l_1_from_client), l_1_poller, l_1_cls)
        t_5.extend((
            '\n    @classmethod\n    ',
            str((undefined(name='signature') if l_1_signature is missing else l_1_signature)),
            '\n        """A poller on an httpx client whose ``base_url`` is the API\'s server."""\n        ',
            str((undefined(name='call') if l_1_call is missing else l_1_call)),
            '\n',
        ))
        return concat(t_5)
    context.exported_vars.add('poller_item')
    context.vars['poller_item'] = l_0_poller_item = Macro(environment, macro, 'poller_item', ('poller', 'cls'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_lro, l_1_cls):
        t_7 = []
        l_1_lro_base = resolve('lro_base')
        l_1_lro_operation = resolve('lro_operation')
        l_1_typing = resolve('typing')
        l_1_kinds = resolve('kinds')
        l_1_use = resolve('use')
        if l_1_lro is missing:
            l_1_lro = undefined("parameter 'lro' was not provided", name='lro')
        if l_1_cls is missing:
            l_1_cls = undefined("parameter 'cls' was not provided", name='cls')
        pass
        t_7.extend((
            '\n\nclass ',
            str(environment.getattr(l_1_cls, 'name')),
            '(',
            str(context.call((undefined(name='lro_base') if l_1_lro_base is missing else l_1_lro_base), l_1_lro, environment.getattr(l_1_cls, 'base'))),
            '):\n    """',
        ))
        t_8 = []
        pass
        t_8.extend((
            str(environment.getattr(l_1_cls, 'label')),
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
            t_8.extend((
                '\n    ',
                str(t_2(environment.getattr(l_1_lro, 'description'), 4)),
                '\n',
            ))
        t_7.append(t_1(concat(t_8), 4))
        t_7.extend((
            '\n\n    _operation = ',
            str(context.call((undefined(name='lro_operation') if l_1_lro_operation is missing else l_1_lro_operation), l_1_lro, l_1_cls)),
            '\n',
        ))
        if (not t_4(environment.getattr(l_1_lro, 'result'))):
            pass
            t_7.extend((
                '\n    def _parse_result(self, data: ',
                str(context.call((undefined(name='typing') if l_1_typing is missing else l_1_typing), 'Any')),
                ') -> ',
                str(context.call(environment.getattr((undefined(name='kinds') if l_1_kinds is missing else l_1_kinds), 'annotation'), environment.getattr(l_1_lro, 'result'))),
                ':\n        return ',
                str(context.call((undefined(name='use') if l_1_use is missing else l_1_use), 'parse_payload')),
                '(',
                str(context.call(environment.getattr((undefined(name='kinds') if l_1_kinds is missing else l_1_kinds), 'parser'), environment.getattr(l_1_lro, 'result'))),
                ', data)\n',
            ))
        return concat(t_7)
    context.exported_vars.add('lro_item')
    context.vars['lro_item'] = l_0_lro_item = Macro(environment, macro, 'lro_item', ('lro', 'cls'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '3=36&4=50&5=51&8=54&9=62&10=69&12=73&15=76&17=80&19=83&21=87&9=90&26=93&27=95&28=98&29=104&31=121&32=125&33=127&35=130&36=134&38=137&39=141&41=144&42=149&44=162&45=165&47=169&48=173&50=178&53=181&55=183&57=189&60=203&61=211&64=217&65=220&67=224&61=227&72=230&73=233&75=237&76=241'