using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Web.Hosting;

namespace SecComms.Web.Pages;

/// <summary>Where a browser lands when a page request fails: the status, in words, and a way back.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    private bool _import;

    public string RequestId { get; private set; } = "";

    public int Status { get; private set; }

    public string Heading => Status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be accepted",
        StatusCodes.Status403Forbidden => "Not allowed",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status405MethodNotAllowed => "Not allowed here",
        StatusCodes.Status413PayloadTooLarge => "Too large",
        _ => "Something went wrong",
    };

    public string Explanation => Status switch
    {
        StatusCodes.Status400BadRequest => "The form may have expired or been sent twice. Go back, reload the page and try again. Nothing was changed.",
        StatusCodes.Status403Forbidden => "Your role or teams do not allow this. Nothing was changed.",
        StatusCodes.Status404NotFound => "There is nothing here, or it is confidential and you are not among the people who may see it.",
        StatusCodes.Status405MethodNotAllowed => "This address cannot be used that way. Nothing was changed.",
        StatusCodes.Status413PayloadTooLarge => $"What you sent is larger than the {(_import ? "1 GiB" : "1 MiB")} limit. Nothing was changed.",
        _ => "The error was logged. Nothing was changed by your request.",
    };

    public void OnGet() => Describe();

    /// <remarks>
    /// Nothing is bound from the request: a failed POST is re-executed here with its body, which may be a half-read
    /// upload, and reading it again would fail once more.
    /// </remarks>
    public void OnPost() => Describe();

    private void Describe()
    {
        Status = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null ? Response.StatusCode
            : int.TryParse(Request.Query["status"], out var status) && status is >= 400 and < 600 ? status
            : StatusCodes.Status500InternalServerError;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        var path = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path;
        _import = path is not null && RequestLimits.IsImport(path);
    }
}
