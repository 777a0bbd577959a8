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

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return BadRequest();
        }
        var reader = new MultipartReader(boundary, Request.Body);
        if (!await ValidTokenAsync(await reader.ReadNextSectionAsync(cancellationToken)))
        {
            return BadRequest();
        }
        var section = await reader.ReadNextSectionAsync(cancellationToken);
        var disposition = section?.GetContentDispositionHeader();
        if (section is null || disposition is null || !disposition.IsFileDisposition() || disposition.Name.Value != FileField
            || string.IsNullOrEmpty(disposition.FileName.Value))
        {
            ModelState.AddModelError(FileField, "Choose a CSV file to import.");
            return Page();
        }
        FileName = Path.GetFileName(disposition.FileName.Value);
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
            ModelState.AddModelError("", e.Message);
        }
        return Page();
    }

    private async Task<bool> ValidTokenAsync(MultipartSection? section)
    {
        var disposition = section?.GetContentDispositionHeader();
        if (section is null || disposition is null || !disposition.IsFormDisposition() || disposition.Name.Value != TokenField)
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
