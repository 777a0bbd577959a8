using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Web.Pages.Audiences;

/// <summary>
/// Imports contacts from an uploaded CSV file. The file is read from the request as it arrives and imported a batch at
/// a time, never held whole, so a browser's upload progress is the import's progress.
/// </summary>
/// <remarks>
/// The antiforgery token is checked by hand, from the form's first field, before a byte of the file is read: the
/// automatic check would read the whole form, and with it the file, first.
/// </remarks>
[AudienceReadersOnly]
[WritersOnly]
[IgnoreAntiforgeryToken]
public sealed class ImportModel(ContactImport import, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions, Actor actor) : PageModel
{
    public const string FileField = "file";
    private const string TokenField = "__RequestVerificationToken";
    private const int MaxTokenLength = 4096;

    public ImportReport? Report { get; private set; }

    public string? FileName { get; private set; }

    public void OnGet()
    {
    }

    /// <remarks>
    /// The handler binds nothing, not even a cancellation token: binding any parameter makes MVC read the whole form,
    /// and with it the file, before the handler runs.
    /// </remarks>
    public async Task<IActionResult> OnPostAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (!MediaTypeHeaderValue.TryParse(Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Refused();
        }
        var reader = new MultipartReader(boundary, Request.Body);
        if (!await ValidTokenAsync(await reader.ReadNextSectionAsync(cancellationToken)))
        {
            return Refused();
        }
        var section = await reader.ReadNextSectionAsync(cancellationToken);
        var disposition = section?.GetContentDispositionHeader();
        var fileName = disposition is null ? null
            : (disposition.FileNameStar.HasValue ? disposition.FileNameStar : HeaderUtilities.RemoveQuotes(disposition.FileName)).Value;
        if (section is null || disposition is null || HeaderUtilities.RemoveQuotes(disposition.Name).Value != FileField || string.IsNullOrEmpty(fileName))
        {
            ModelState.AddModelError(FileField, "Choose a CSV file to import.");
            return Page();
        }
        FileName = Path.GetFileName(fileName);
        try
        {
            using var text = new StreamReader(section.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            Report = await import.ImportAsync(actor, text, cancellationToken);
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, FileField);
        }
        catch (ForbiddenException e)
        {
            ModelState.AddRefusal(e);
        }
        return Page();
    }

    /// <summary>400 with the form again: the request did not come from this page's form, or the form expired.</summary>
    private PageResult Refused()
    {
        ModelState.AddModelError("", "The upload did not come from this page's form, or the form expired. Reload the page and choose the file again. Nothing was imported.");
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<bool> ValidTokenAsync(MultipartSection? section)
    {
        var disposition = section?.GetContentDispositionHeader();
        if (section is null || disposition is null || !disposition.IsFormDisposition() || HeaderUtilities.RemoveQuotes(disposition.Name).Value != TokenField)
        {
            return false;
        }
        var buffer = new char[MaxTokenLength + 1];
        using var text = new StreamReader(section.Body, Encoding.UTF8);
        var length = await text.ReadBlockAsync(buffer, 0, buffer.Length);
        if (length > MaxTokenLength)
        {
            return false;
        }
        Request.Headers[antiforgeryOptions.Value.HeaderName ?? "RequestVerificationToken"] = new string(buffer, 0, length);
        return await antiforgery.IsRequestValidAsync(HttpContext);
    }
}
