using System.Diagnostics;
using Fluid;
using Fluid.Values;

namespace SecComms.Core.Templates;

/// <summary>Parses and renders Liquid under <see cref="TemplateLimits"/>; every Liquid render in SecComms goes through here.</summary>
public static class BoundedLiquid
{
    private const string ClockKey = "seccomms.render-clock";

    private static readonly FluidParser Parser = new();

    private static readonly TemplateOptions Options = CreateOptions();

    public static bool TryParse(string source, out IFluidTemplate template, out string error)
    {
        if (!Parser.TryParse(source, out template, out error))
        {
            return false;
        }
        template = new BoundedRanges().VisitTemplate(template);
        return true;
    }

    /// <summary>A context to set the template's values on before <see cref="Render"/>.</summary>
    public static TemplateContext NewContext() => new(Options);

    /// <summary>
    /// Renders the template; throws <see cref="TemplateLimitException"/> when it exceeds a limit, or Fluid's own exception
    /// for any other failure.
    /// </summary>
    public static string Render(IFluidTemplate template, TemplateContext context)
    {
        context.AmbientValues[ClockKey] = Stopwatch.StartNew();
        using var writer = new BoundedWriter(context);
        try
        {
            template.RenderAsync(writer, NullEncoder.Default, context).AsTask().GetAwaiter().GetResult();
        }
        catch (InvalidOperationException e) when (IsFluidLimit(e))
        {
            throw new TemplateLimitException(
                $"it takes more than {TemplateLimits.MaxSteps:N0} steps or nests more than {TemplateLimits.MaxRecursion} deep");
        }
        return writer.ToString();
    }

    internal static void CheckTime(TemplateContext context)
    {
        if (context.AmbientValues.TryGetValue(ClockKey, out var clock) && clock is Stopwatch { Elapsed: var elapsed }
            && elapsed > TemplateLimits.MaxDuration)
        {
            throw new TemplateLimitException($"it runs longer than {TemplateLimits.MaxDuration.TotalSeconds:N0} seconds");
        }
    }

    internal static void CheckLength(int length)
    {
        if (length > TemplateLimits.MaxOutput)
        {
            throw new TemplateLimitException($"it produces more than {TemplateLimits.MaxOutput:N0} characters");
        }
    }

    private static bool IsFluidLimit(InvalidOperationException e) =>
        e.Message.Contains("maximum number of statements", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("recursion", StringComparison.OrdinalIgnoreCase);

    private static ValueTask<FluidValue> Held(FluidValue value, TemplateContext context)
    {
        CheckTime(context);
        if (value is StringValue text)
        {
            CheckLength(text.ToStringValue().Length);
        }
        return new ValueTask<FluidValue>(value);
    }

    private static TemplateOptions CreateOptions() => new()
    {
        MaxSteps = TemplateLimits.MaxSteps,
        MaxRecursion = TemplateLimits.MaxRecursion,
        Assigned = (_, value, context) => Held(value, context),
        Captured = (_, value, context) => Held(value, context),
    };
}
