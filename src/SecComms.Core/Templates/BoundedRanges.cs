using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace SecComms.Core.Templates;

/// <summary>
/// Fluid builds a range such as <c>(1..100000000)</c> as a whole array before the first step is counted, so each range
/// is replaced by one that refuses more items than <see cref="TemplateLimits.MaxSteps"/> before building anything.
/// </summary>
internal sealed class BoundedRanges : AstRewriter
{
    protected override Expression VisitRangeExpression(RangeExpression rangeExpression) =>
        new BoundedRangeExpression(Visit(rangeExpression.From), Visit(rangeExpression.To));

    private sealed class BoundedRangeExpression(Expression from, Expression to) : Expression
    {
        public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
        {
            var start = Math.Truncate((await from.EvaluateAsync(context)).ToNumberValue());
            var end = Math.Truncate((await to.EvaluateAsync(context)).ToNumberValue());
            if (end - start + 1 > TemplateLimits.MaxSteps)
            {
                throw new TemplateLimitException($"a range of {end - start + 1:N0} items is more than {TemplateLimits.MaxSteps:N0}");
            }
            return await new RangeExpression(new LiteralExpression(NumberValue.Create(start)), new LiteralExpression(NumberValue.Create(end)))
                .EvaluateAsync(context);
        }
    }
}
