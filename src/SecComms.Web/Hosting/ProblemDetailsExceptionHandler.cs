using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using SecComms.Core.Errors;

namespace SecComms.Web.Hosting;

/// <summary>The one place where a refusal or failure becomes an RFC 9457 ProblemDetails; no stack trace ever leaves.</summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Refusal(exception);
        var originalPath = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path;
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, originalPath);
        }
        if (SecCommsHost.IsPageRequest(originalPath))
        {
            return false;
        }
        if (problem is null)
        {
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred",
                Detail = "The error was logged. Nothing was changed by this request.",
            };
        }
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The status a failure answers with: its refusal's, or 500 for anything unexpected.</summary>
    public static int StatusOf(Exception exception) => Refusal(exception)?.Status ?? StatusCodes.Status500InternalServerError;

    /// <summary>Whether the failure is a refusal of the request rather than a fault of SecComms, which is not logged as an error.</summary>
    public static bool IsRefusal(Exception exception) => Refusal(exception) is not null;

    private static ProblemDetails? Refusal(Exception exception) => exception switch
    {
        ValidationException v => new HttpValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = v.Title,
            Detail = v.Message,
        },
        NotFoundException e => Problem(StatusCodes.Status404NotFound, e),
        ConflictException { Problems: { } list } e => WithProblems(Problem(StatusCodes.Status409Conflict, e), list),
        ConflictException e => Problem(StatusCodes.Status409Conflict, e),
        StaleRevisionException e => Problem(StatusCodes.Status412PreconditionFailed, e),
        ForbiddenException e => Problem(StatusCodes.Status403Forbidden, e),
        PreconditionRequiredException e => Problem(StatusCodes.Status428PreconditionRequired, e),
        BadHttpRequestException e => new ProblemDetails
        {
            Status = e.StatusCode,
            Title = "The request could not be read",
            Detail = Describe(e),
        },
        _ => null,
    };

    private static ProblemDetails Problem(int status, SecCommsException e) => new() { Status = status, Title = e.Title, Detail = e.Message };

    private static ProblemDetails WithProblems(ProblemDetails problem, IReadOnlyList<object> list)
    {
        problem.Extensions["problems"] = list;
        return problem;
    }

    private static string Describe(BadHttpRequestException e) => e.InnerException switch
    {
        JsonException json => InvalidJson(json),
        _ => e.Message,
    };

    /// <remarks>
    /// Says where the body went wrong, as the parser found it, without the parser's own words: they name the product's
    /// internal types.
    /// </remarks>
    private static string InvalidJson(JsonException json)
    {
        var at = json.Path is { Length: > 1 } path ? $" at {path}" : "";
        var where = json.LineNumber is { } line && json.BytePositionInLine is { } column ? $" (line {line + 1}, character {column + 1})" : "";
        var why = UnknownField().Match(json.Message) is { Success: true } unknown ? $"it has no field '{unknown.Groups[1].Value}'"
            : json.Message.Contains("could not be converted", StringComparison.Ordinal) ? "a value is not one the API takes for that field"
            : "the JSON is incomplete or malformed";
        return $"The body is not valid JSON for this request{at}{where}: {why}.";
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnknownField();
}
