from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'kinds/datetime.jinja'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_construct = l_0_parser = l_0_dump = missing
    pass
    def macro(l_1_t, l_1_v, l_1_p, l_1_d):
        t_1 = []
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        if l_1_v is missing:
            l_1_v = undefined("parameter 'v' was not provided", name='v')
        if l_1_p is missing:
            l_1_p = undefined("parameter 'p' was not provided", name='p')
        if l_1_d is missing:
            l_1_d = undefined("parameter 'd' was not provided", name='d')
        pass
        t_1.extend((
            str(environment.getattr(l_1_t, 'reader_function')),
            '(',
            str(l_1_v),
            ', ',
            str(l_1_p),
            ')',
        ))
        return concat(t_1)
    context.exported_vars.add('construct')
    context.vars['construct'] = l_0_construct = Macro(environment, macro, 'construct', ('t', 'v', 'p', 'd'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_t):
        t_2 = []
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        pass
        t_2.append(
            str(environment.getattr(l_1_t, 'reader_function')),
        )
        return concat(t_2)
    context.exported_vars.add('parser')
    context.vars['parser'] = l_0_parser = Macro(environment, macro, 'parser', ('t',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_t, l_1_v, l_1_depth):
        t_3 = []
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        if l_1_v is missing:
            l_1_v = undefined("parameter 'v' was not provided", name='v')
        if l_1_depth is missing:
            l_1_depth = undefined("parameter 'depth' was not provided", name='depth')
        pass
        t_3.extend((
            str(environment.getattr(l_1_t, 'dump_function')),
            '(',
            str(l_1_v),
            ')',
        ))
        return concat(t_3)
    context.exported_vars.add('dump')
    context.vars['dump'] = l_0_dump = Macro(environment, macro, 'dump', ('t', 'v', 'depth'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '1=12&2=34&3=45'