namespace SecComms.Web.Hosting;

/// <summary>Gives the bare status-code responses the framework produces a detail a person can act on.</summary>
internal static class ProblemDefaults
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status404NotFound => $"There is nothing at {context.HttpContext.Request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}.",
            StatusCodes.Status413PayloadTooLarge => RequestLimits.TooLarge().Message,
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON with Content-Type: application/json.",
            _ => null,
        };
    }
}
