from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_models_body.py.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_enum_item = l_0_model_item = l_0_union_item = missing
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
    def macro(l_1_enum):
        t_3 = []
        l_1_enum_view = resolve('enum_view')
        l_1_e = missing
        if l_1_enum is missing:
            l_1_enum = undefined("parameter 'enum' was not provided", name='enum')
        pass
        l_1_e = context.call((undefined(name='enum_view') if l_1_enum_view is missing else l_1_enum_view), l_1_enum)
        t_3.extend((
            '\n\n',
            str(environment.getattr((undefined(name='e') if l_1_e is missing else l_1_e), 'head')),
            '\n    """',
            str(environment.getattr((undefined(name='e') if l_1_e is missing else l_1_e), 'docstring')),
            '\n\n',
        ))
        for l_2_member in environment.getattr(l_1_enum, 'members'):
            _loop_vars = {}
            pass
            t_3.extend((
                '    ',
                str(environment.getattr(l_2_member, 'py_name')),
                ' = ',
                str(t_2(environment.getattr(l_2_member, 'value'))),
                '\n',
            ))
        l_2_member = missing
        return concat(t_3)
    context.exported_vars.add('enum_item')
    context.vars['enum_item'] = l_0_enum_item = Macro(environment, macro, 'enum_item', ('enum',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_model):
        t_4 = []
        l_1_model_view = resolve('model_view')
        l_1_use = resolve('use')
        l_1_module = resolve('module')
        l_1_m = missing
        if l_1_model is missing:
            l_1_model = undefined("parameter 'model' was not provided", name='model')
        pass
        l_1_m = context.call((undefined(name='model_view') if l_1_model_view is missing else l_1_model_view), l_1_model)
        if environment.getattr((undefined(name='m') if l_1_m is missing else l_1_m), 'status_arguments'):
            pass
            t_4.extend((
                '\n\n',
                str(environment.getattr(l_1_model, 'status_constant')),
                ' = ',
                str(context.call((undefined(name='use') if l_1_use is missing else l_1_use), 'StatusRule')),
                '(\n',
            ))
            for (l_2_key, l_2_value) in environment.getattr((undefined(name='m') if l_1_m is missing else l_1_m), 'status_arguments'):
                _loop_vars = {}
                pass
                t_4.extend((
                    '    ',
                    str(l_2_key),
                    '=',
                    str(l_2_value),
                    ',\n',
                ))
            l_2_key = l_2_value = missing
            t_4.append(
                ')\n',
            )
        t_4.extend((
            '\n\n@',
            str(context.call((undefined(name='module') if l_1_module is missing else l_1_module), 'dataclasses')),
            '.dataclass(kw_only=True)\nclass ',
            str(environment.getattr(l_1_model, 'name')),
            '(',
            str(context.call((undefined(name='use') if l_1_use is missing else l_1_use), environment.getattr(l_1_model, 'base'))),
            '):\n    """',
            str(environment.getattr((undefined(name='m') if l_1_m is missing else l_1_m), 'docstring')),
            '\n\n',
        ))
        for l_2_declaration in environment.getattr((undefined(name='m') if l_1_m is missing else l_1_m), 'declarations'):
            _loop_vars = {}
            pass
            t_4.extend((
                '    ',
                str(l_2_declaration),
                '\n',
            ))
        l_2_declaration = missing
        t_4.extend((
            '    extra_properties: ',
            str(environment.getattr((undefined(name='m') if l_1_m is missing else l_1_m), 'extra_annotation')),
            ' = dataclasses.field(default_factory=dict)\n',
        ))
        if environment.getattr((undefined(name='m') if l_1_m is missing else l_1_m), 'status_arguments'):
            pass
            t_4.extend((
                '    _status_rule = ',
                str(environment.getattr(l_1_model, 'status_constant')),
                '\n',
            ))
        for l_2_attribute in environment.getattr((undefined(name='m') if l_1_m is missing else l_1_m), 'attributes'):
            _loop_vars = {}
            pass
            t_4.extend((
                '    ',
                str(l_2_attribute),
                '\n',
            ))
        l_2_attribute = missing
        return concat(t_4)
    context.exported_vars.add('model_item')
    context.vars['model_item'] = l_0_model_item = Macro(environment, macro, 'model_item', ('model',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_union):
        t_5 = []
        l_1_union_view = resolve('union_view')
        l_1_use = resolve('use')
        l_1_u = missing
        if l_1_union is missing:
            l_1_union = undefined("parameter 'union' was not provided", name='union')
        pass
        l_1_u = context.call((undefined(name='union_view') if l_1_union_view is missing else l_1_union_view), l_1_union)
        t_5.extend((
            '\n\n',
            str(environment.getattr((undefined(name='u') if l_1_u is missing else l_1_u), 'alias')),
            '\n',
        ))
        if environment.getattr(l_1_union, 'description'):
            pass
            t_5.extend((
                '"""',
                str(t_1(environment.getattr(l_1_union, 'description'), 0)),
                '"""\n',
            ))
        if environment.getattr((undefined(name='u') if l_1_u is missing else l_1_u), 'shapes'):
            pass
            t_5.extend((
                str(environment.getattr(l_1_union, 'shapes_constant')),
                ': ',
                str(context.call((undefined(name='use') if l_1_use is missing else l_1_use), 'Shapes')),
                ' = (\n',
            ))
            for l_2_shape in environment.getattr((undefined(name='u') if l_1_u is missing else l_1_u), 'shapes'):
                _loop_vars = {}
                pass
                t_5.extend((
                    '    ',
                    str(l_2_shape),
                    '\n',
                ))
            l_2_shape = missing
            t_5.append(
                ')\n',
            )
        t_5.extend((
            '\n\n',
            str(environment.getattr((undefined(name='u') if l_1_u is missing else l_1_u), 'signature')),
            '\n    """',
            str(environment.getattr((undefined(name='u') if l_1_u is missing else l_1_u), 'docstring')),
            '"""\n',
        ))
        for l_2_line in environment.getattr((undefined(name='u') if l_1_u is missing else l_1_u), 'body'):
            _loop_vars = {}
            pass
            t_5.extend((
                '    ',
                str(l_2_line),
                '\n',
            ))
        l_2_line = missing
        return concat(t_5)
    context.exported_vars.add('union_item')
    context.vars['union_item'] = l_0_union_item = Macro(environment, macro, 'union_item', ('union',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '3=24&4=31&7=34&8=36&10=39&11=44&14=53&15=62&16=63&19=67&20=72&21=77&27=88&28=90&29=94&31=97&32=102&34=108&35=111&36=115&38=118&39=123&42=130&43=138&46=141&47=144&48=148&50=151&51=154&52=159&53=164&59=173&60=175&61=178&62=183'